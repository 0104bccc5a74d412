"""``extractor evaluate --corpus CORPUS_DIR --gold GOLD_DIR``: extract, score, report.

A thin wrapper over :func:`extractor.evaluation.scoring.evaluate`.
"""

from pathlib import Path
from typing import Optional

import typer

from extractor.errors import ExtractorError
from extractor.evaluation.scoring import KNOWN_SPLITS
from extractor.cli.app import app
from extractor.cli.score_cmd import SPLIT_METAVAR


@app.command("evaluate")
def evaluate(
    corpus: Path = typer.Option(..., "--corpus", help="Corpus folder (<doc_id>.txt, .meta.json, splits.json)."),
    gold: Path = typer.Option(..., "--gold", help="Folder of gold files (<doc_id>.json)."),
    split: Optional[str] = typer.Option(
        None, "--split", metavar=SPLIT_METAVAR,
        help=f"A key of CORPUS/splits.json (this project's: {', '.join(KNOWN_SPLITS)}) or all. "
        "Default: every split in splits.json, each scored separately (all without splits.json).",
    ),
    report: Optional[Path] = typer.Option(None, "--report", help="Write report.json, report.md and report.html here."),
    baseline: bool = typer.Option(True, "--baseline/--no-baseline", help="Also score the spaCy small-model baseline."),
) -> None:
    """Run the extractor (and the spaCy baseline) over the corpus and score it against gold."""
    from extractor.evaluation.report import format_table, write_report
    from extractor.evaluation.scoring import evaluate as run

    try:
        evaluation = run(corpus, gold, split=split, baseline=baseline)
    except ExtractorError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    typer.echo(format_table(evaluation), nl=False)
    if report is not None:
        for path in write_report(evaluation, report):
            typer.echo(f"wrote {path}", err=True)
