"""``extractor schema``: print the JSON Schema of ArticleRecord."""

import json

import typer

from extractor.cli.app import app


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of ArticleRecord (the record contract)."""
    from extractor.models import ArticleRecord

    typer.echo(json.dumps(ArticleRecord.model_json_schema(mode="serialization"), indent=2))
