"""``extractor score --gold GOLD_DIR --pred OUT.jsonl``: score predictions against gold.

A thin wrapper over :func:`extractor.evaluation.scoring.score_files`.
"""

from pathlib import Path
from typing import Optional

import typer

from extractor.errors import ExtractorError
from extractor.evaluation.scoring import ALL_SPLIT, KNOWN_SPLITS
from extractor.cli.app import app

SPLIT_METAVAR = "[" + "|".join((*KNOWN_SPLITS, ALL_SPLIT)) + "]"


@app.command("score")
def score(
    gold: Path = typer.Option(..., "--gold", help="Folder of gold files (<doc_id>.json)."),
    pred: Path = typer.Option(..., "--pred", help="Predictions: JSONL of records, a JSON record/list, or a folder of *.json."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Corpus folder: its splits.json for --split; checks gold offsets and shows texts in the HTML report."),
    split: str = typer.Option(
        ALL_SPLIT, "--split", metavar=SPLIT_METAVAR,
        help=f"Limit the gold to one split: a key of CORPUS/splits.json (this project's: {', '.join(KNOWN_SPLITS)}; "
        "needs --corpus) or all (every gold file, the default).",
    ),
    strict: bool = typer.Option(False, "--strict", help="Count gold articles with no prediction as empty records (all misses) instead of leaving them out."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write report.json, report.md and report.html here."),
) -> None:
    """Score predicted records against gold (micro P/R/F1 per field, attribute accuracies).

    Only the gold articles that have a prediction are scored (unless --strict); the report says how many gold articles had no prediction and how many predictions had no gold.
    """
    from extractor.evaluation.report import format_table, write_report
    from extractor.evaluation.scoring import score_files

    try:
        evaluation = score_files(gold, pred, corpus, split=split, strict=strict)
    except ExtractorError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    typer.echo(format_table(evaluation), nl=False)
    if report is not None:
        for path in write_report(evaluation, report):
            typer.echo(f"wrote {path}", err=True)
