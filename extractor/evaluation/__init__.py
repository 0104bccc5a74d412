"""Gold records, scoring against them, the accuracy report, the baseline."""
