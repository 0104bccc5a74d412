"""The rule components, one module per field of the record."""
