"""``python -m extractor`` runs the command-line interface."""

from .cli import main

main()
