"""The typer application that every command module registers with."""

import typer

app = typer.Typer(
    name="extractor",
    help="Extract money, tariffs, companies, reactors, officials and dates from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
