"""``python -m extractor`` runs the command-line interface."""

from extractor.cli import main

main()
