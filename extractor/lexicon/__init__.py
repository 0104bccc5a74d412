"""Shared word tables: data loading, number words, percentages."""
