"""``extractor evaluate --corpus CORPUS_DIR --gold GOLD_DIR``: extract, score, report."""

from pathlib import Path
from typing import Optional

import typer

from ..errors import ExtractorError
from .app import app


@app.command("evaluate")
def evaluate(
    corpus: Path = typer.Option(..., "--corpus", help="Corpus folder (<doc_id>.txt, .meta.json, splits.json)."),
    gold: Path = typer.Option(..., "--gold", help="Folder of gold files (<doc_id>.json)."),
    split: Optional[str] = typer.Option(None, "--split", help="dev, test or all (default: dev and test when splits.json exists, else all)."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write report.json, report.md and report.html here."),
    baseline: bool = typer.Option(True, "--baseline/--no-baseline", help="Also score the spaCy small-model baseline."),
) -> None:
    """Run the extractor (and the spaCy baseline) over the corpus and score it against gold."""
    from ..report import format_table, write_report
    from ..scoring import evaluate as run

    try:
        evaluation = run(corpus, gold, split=split, baseline=baseline)
    except ExtractorError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    typer.echo(format_table(evaluation), nl=False)
    if report is not None:
        for path in write_report(evaluation, report):
            typer.echo(f"wrote {path}", err=True)
