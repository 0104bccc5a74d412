"""``extractor score --gold GOLD_DIR --pred OUT.jsonl``: score predictions against gold."""

from pathlib import Path
from typing import Optional

import typer

from ..errors import ExtractorError
from .app import app


@app.command("score")
def score(
    gold: Path = typer.Option(..., "--gold", help="Folder of gold files (<doc_id>.json)."),
    pred: Path = typer.Option(..., "--pred", help="Predictions: JSONL of records, a JSON record/list, or a folder of *.json."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Corpus folder: checks gold offsets and shows texts in the HTML report."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write report.json, report.md and report.html here."),
) -> None:
    """Score predicted records against gold (micro P/R/F1 per field, attribute accuracies)."""
    from ..gold import load_gold
    from ..report import format_table, write_report
    from ..scoring import read_predictions, score_predictions

    try:
        gold_records = load_gold(gold, corpus)
        if not gold_records:
            raise ExtractorError(f"{gold}: no gold files (*.json)")
        predictions = read_predictions(pred)
        texts = {}
        if corpus is not None:
            from ..corpus import load_corpus, article_paths

            known = article_paths(corpus)
            texts = {a.doc_id: a.text for a in load_corpus(corpus, [i for i in gold_records if i in known])}
    except ExtractorError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    evaluation = score_predictions(gold_records, {"predictions": predictions}, texts=texts)
    typer.echo(format_table(evaluation), nl=False)
    if report is not None:
        for path in write_report(evaluation, report):
            typer.echo(f"wrote {path}", err=True)
