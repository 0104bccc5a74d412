"""``extractor summary news.db|records.jsonl``: an overview of a batch run's output."""

from pathlib import Path
from typing import Optional

import typer

from extractor.cli.app import app, fail


@app.command("summary")
def summary(
    path: Path = typer.Argument(..., help="An output of extractor run: a SQLite database (.db) or a JSON Lines file."),
    top: int = typer.Option(10, "--top", min=1, help="How many companies and officials to list."),
    limit: int = typer.Option(30, "--limit", min=0, help="How many tariff changes to print (the HTML page lists up to 200)."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write the overview as one self-contained HTML page with a timeline chart of tariff rates."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace --html even when it is not a page this command wrote."),
) -> None:
    """Counts per field, top companies and officials, and tariff changes in date order."""
    from extractor.errors import ExtractorError
    from extractor.io.summary import format_text, load_records, overview, render_html, write_html

    try:
        ov = overview(load_records(path), top=top)
        if html is not None:
            write_html(render_html(ov, source=path.name), html, overwrite=overwrite)
    except ExtractorError as exc:
        fail(str(exc))
    typer.echo(format_text(ov, limit=limit), nl=False)
    if html is not None:
        typer.echo(f"wrote {html}", err=True)
