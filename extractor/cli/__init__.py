"""Command-line interface: one module per command, each a thin wrapper over a library call."""

from extractor.cli.app import app

# Importing a command module registers its command(s) with ``app``.
from extractor.cli import evaluate_cmd, extract_cmd, run_cmd, schema_cmd, score_cmd, summary_cmd, validate_gold_cmd  # noqa: F401,E402

COMMAND_MODULES = ["extract_cmd", "run_cmd", "schema_cmd", "evaluate_cmd", "score_cmd", "summary_cmd", "validate_gold_cmd"]


def main() -> None:
    """Entry point of the ``extractor`` command."""
    app()
