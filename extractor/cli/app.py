"""The typer application that every command module registers with."""

from typing import NoReturn, Optional

import typer

EXIT_USAGE = 2

app = typer.Typer(
    name="extractor",
    help="Extract money, tariffs, companies, reactors, officials and dates from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``error: message`` on stderr and exit (2: a usage or input error)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from extractor.version import __version__

        typer.echo(f"extractor {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Extract money, tariffs, companies, reactors, officials and dates from news articles."""
