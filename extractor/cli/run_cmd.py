"""``extractor run PATH... --out records.jsonl``: the batch run over folders of articles."""

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from extractor.limits import DEFAULT_MAX_CHARS, DEFAULT_MODEL
from extractor.cli.app import EXIT_USAGE, app, fail

EXIT_SOME_FAILED = 3
EXIT_INTERRUPTED = 130


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    sqlite = "sqlite"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command("run")
def run(
    paths: List[Path] = typer.Argument(..., help="Files or folders (walked recursively): .txt .md .html .json .jsonl"),
    out: Path = typer.Option(Path("records.jsonl"), "--out", "-o", help="Output file (a re-run resumes it; only a file this tool wrote is ever touched)."),
    fmt: Optional[Format] = typer.Option(None, "--format", help="Output format (default: from the --out suffix, else jsonl): a record a line, a row per mention, or a SQLite database (.db) with a table per field."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace --out even when it is not an output of this tool."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Processes (spaCy nlp.pipe n_process) or dask workers."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs that give none."),
    engine: Engine = typer.Option(Engine.local, help="Where to run: here, or on dask (needs the 'dask' extra)."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address (tcp://host:8786); default: a LocalCluster."),
    model: str = typer.Option(DEFAULT_MODEL, help="spaCy English pipeline to use."),
    keep_text: bool = typer.Option(False, "--keep-text", help="Write each article's text in its record (offsets refer to it; full-text searchable in a .db)."),
    encoding: Optional[str] = typer.Option(None, help="Read text files with this encoding instead of UTF-8/detection."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, help="Largest article processed, in characters; larger ones are reported."),
    batch_size: int = typer.Option(32, help="Articles per nlp.pipe batch."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."),
) -> None:
    """Extract every article under PATHS into one record per article (resumable)."""
    from extractor.errors import ExtractorError

    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}")
    try:
        from extractor.api import check_published
        from extractor.engines.batch import Interrupted, check_engine, prepare_output, run_batch

        if published is not None:
            check_published(published, "--published")
        check_engine(engine.value)
        prepare_output(out, fmt.value if fmt else None, overwrite)  # refuse before loading the model
        summary = run_batch(
            paths, out, fmt=fmt.value if fmt else None, jobs=jobs, published=published,
            engine=engine.value, scheduler=scheduler, model=model, keep_text=keep_text,
            encoding=encoding, max_chars=max_chars, batch_size=batch_size, progress=progress,
            overwrite=overwrite,
        )
    except Interrupted as exc:
        typer.echo(f"interrupted: {exc.summary.written} written; run the same command again to resume", err=True)
        raise typer.Exit(EXIT_INTERRUPTED)
    except ExtractorError as exc:
        fail(str(exc))
    for line in summary.damage:
        typer.echo(f"warning: {line}", err=True)
    for failure in summary.failures[:20]:
        typer.echo(f"failed: {failure['source']}: {failure['reason']}", err=True)
    if len(summary.failures) > 20:
        typer.echo(f"... and {len(summary.failures) - 20} more in {summary.errors}", err=True)
    typer.echo(summary.line(), err=True)
    if summary.failed:
        raise typer.Exit(EXIT_SOME_FAILED)
