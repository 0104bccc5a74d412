"""Reading articles, writing records, the bundled corpus."""
