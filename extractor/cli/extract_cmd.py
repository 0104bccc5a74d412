"""``extractor extract FILE``: print one article's record as JSON."""

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from extractor.limits import DEFAULT_MODEL
from extractor.cli.app import app, fail


@app.command("extract")
def extract(
    file: str = typer.Argument(..., help="Article file (.txt .md .html .json .jsonl, read as `run` reads it), or - for standard input (plain text)."),
    published: Optional[str] = typer.Option(None, help="Publication date, YYYY-MM-DD (when the article gives none)."),
    doc_id: Optional[str] = typer.Option(None, "--doc-id", help="Record id (default: file name without extension)."),
    model: str = typer.Option(DEFAULT_MODEL, help="spaCy English pipeline to use."),
    encoding: Optional[str] = typer.Option(None, help="Read the file with this encoding instead of UTF-8/detection."),
    indent: int = typer.Option(2, help="JSON indentation (0 for one line)."),
) -> None:
    """Extract one article and print its ArticleRecord as JSON."""
    from extractor.errors import ExtractorError

    try:
        from extractor.api import Article, as_article, check_published
        from extractor.io.readers import Failure, read_file

        if published is not None:
            check_published(published, "--published")
        if file == "-":
            article = as_article(Article(sys.stdin.read(), doc_id or "stdin", published), source="stdin")
            extra = {"source": "stdin"}
        else:
            path = Path(file)
            if not path.is_file():
                fail(f"{file}: no such file" if not path.exists() else f"{file}: not a file")
            items = list(read_file(path, published, encoding))
            failures = [i for i in items if isinstance(i, Failure)]
            if failures:
                fail(f"{failures[0].source}: {failures[0].reason}")
            if len(items) != 1:
                fail(f"{file} holds {len(items)} articles; `extractor run {file} --out records.jsonl` extracts them all")
            item = items[0]
            article = item.article
            if doc_id:
                article.doc_id = doc_id
            extra = {"warnings": item.extra.get("warnings", []), "source": item.source,
                     "url": article.url, "title": article.title}
        record = _extract(article, model, extra)
    except ExtractorError as exc:
        fail(str(exc))
    typer.echo(json.dumps(record, indent=indent or None, ensure_ascii=False))


def _extract(article, model: str, extra: dict) -> dict:
    from extractor.api import Extractor
    from extractor.records import build_record

    ex = Extractor(model=model)
    return build_record(ex.nlp(ex.make_doc(article)), extra)
