"""``extractor validate-gold GOLD_DIR --corpus CORPUS_DIR``: check every gold file."""

from pathlib import Path

import typer

from extractor.errors import ExtractorError
from extractor.cli.app import app


@app.command("validate-gold")
def validate_gold(
    gold_dir: Path = typer.Argument(..., help="Folder of gold files (<doc_id>.json)."),
    corpus: Path = typer.Option(..., "--corpus", help="Corpus folder (<doc_id>.txt articles)."),
) -> None:
    """Check gold files against the contract and their articles; exit 1 on any problem.

    Each problem is printed as `file: json.path: offset N: reason`.
    """
    from extractor.evaluation.gold import validate_gold as run

    try:
        problems = run(gold_dir, corpus)
    except ExtractorError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    for problem in problems:
        typer.echo(str(problem))
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    n_files = len(list(Path(gold_dir).glob("*.json")))
    typer.echo(f"{n_files} gold file(s) checked: {errors} problem(s), {warnings} warning(s)", err=True)
    if errors:
        raise typer.Exit(1)
