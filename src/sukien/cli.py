"""Command-line interface: thin commands over the library.

Exit status of ``sukien run``: 0 when every document was processed, 3 when some documents
failed (each failure is listed with its reason in the summary and kept in the store),
2 for bad usage, 1 for an unexpected error.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from sukien.settings import load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="sukien: Vietnamese news → chronicle of events.")
console = Console(stderr=True)
EXIT_SOME_FAILED = 3



@app.callback()
def _root() -> None:
    """sukien: Vietnamese news pages in, a dated chronicle of international events out."""


DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store file (default ./sukien.duckdb).")]


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (recursive); .gz, HTML, JSONL, CSV.")],
    out: Annotated[str | None, typer.Option("--out", help="Write the contract's JSONL files here.")] = None,
    db: DbOpt = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Processes (0 = all cores).")] = None,
    batch_size: Annotated[int | None, typer.Option(
        "--batch-size", min=1, help="Documents written per store transaction (default 64).")] = None,
    config: Annotated[str | None, typer.Option("--config", help="A sukien.toml settings file.")] = None,
    field_id: Annotated[str | None, typer.Option(help="Record field holding the id.")] = None,
    field_text: Annotated[str | None, typer.Option(help="Record field holding the text.")] = None,
    field_title: Annotated[str | None, typer.Option(help="Record field holding the title.")] = None,
    field_date: Annotated[str | None, typer.Option(help="Record field holding the date.")] = None,
    field_url: Annotated[str | None, typer.Option(help="Record field holding the URL.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    engine: Annotated[str | None, typer.Option(
        "--engine", help="local (process pool) or dask (a Dask cluster; needs the 'dask' extra).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address (default: a LocalCluster of --workers processes).")] = None,
    corpus: Annotated[bool, typer.Option(
        "--corpus/--no-corpus", help="Update duplicates, stories, merged events and the search index.")] = True,
) -> None:
    """Process pages into articles, actors, events and quotes.

    Example: sukien run ../shared/seeds --out out/ --db sukien.duckdb
    Example: sukien run day.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from sukien.pipeline import run_corpus, write_outputs
    from sukien.store import Store

    settings = load_settings(
        config, db=db, out=out, workers=workers, batch_size=batch_size, field_id=field_id, field_text=field_text,
        field_title=field_title, field_date=field_date, field_url=field_url, engine=engine,
        scheduler=scheduler,
    )
    if settings.engine not in ("local", "dask"):
        raise typer.BadParameter(f"unknown engine {settings.engine!r}: local or dask", param_hint="--engine")
    with Store(settings.db) as store, _progress(quiet) as prog:
        task = prog.add_task("documents", total=None if quiet else _count_documents(inputs), rate="")
        summary = run_corpus(inputs, store, settings, progress=_updater(prog, task))
        if corpus:
            from sukien.corpus import update_corpus

            prog.update(task, description="stories, merged events, index")
            cu = update_corpus(store)
            console.print(f"corpus: {cu.new_articles} new articles, {cu.stories} stories, "
                          f"{cu.duplicate_groups} duplicate groups, {cu.merged_events} merged events "
                          f"({cu.seconds:.1f}s{', ' + cu.embedder if cu.embedder else ''})")
        counts = write_outputs(store, settings.out, summary.doc_ids) if settings.out else {}
    _print_summary(summary, counts, settings.db)
    if summary.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=console, disable=quiet, transient=True,
    )


def _count_documents(inputs: list[str]) -> int | None:
    """How many documents ``inputs`` hold, counted cheaply (None when unknown, e.g. CSV or .gz)."""
    from pathlib import Path

    from sukien.ingest.readers import RECORD_SUFFIXES, _stem_and_suffix, list_files

    total = 0
    for path in map(Path, inputs):
        files = list_files(path) if path.is_dir() else [path]
        for f in files:
            suffix = _stem_and_suffix(f)[1]
            if suffix not in RECORD_SUFFIXES:
                total += 1
            elif suffix in (".jsonl", ".ndjson") and not f.name.endswith(".gz") and f.is_file():
                with f.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                return None
    return total


def _updater(prog: Progress, task: TaskID) -> Callable[[int, int], None]:
    t0 = time.perf_counter()

    def update(n: int, articles: int) -> None:
        rate = n / max(time.perf_counter() - t0, 1e-9)
        prog.update(task, completed=n, rate=f"{rate:.1f} docs/s, {articles} articles")

    return update


def _print_summary(summary, counts: dict[str, int], db: str) -> None:  # type: ignore[no-untyped-def]
    rate = summary.docs / summary.seconds if summary.seconds else 0.0
    console.print(
        f"[bold]{summary.docs}[/] documents processed, {summary.skipped} unchanged (skipped), "
        f"[{'red' if summary.failed else 'green'}]{summary.failed} failed[/], {summary.articles} articles "
        f"in {summary.seconds:.1f}s ({rate:.1f} docs/s); store: {db}"
    )
    if counts:
        console.print("written: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if summary.failures:
        table = Table("source", "reason", "detail", title="failed documents")
        for f in summary.failures[:50]:
            table.add_row(f.source, f.reason, f.detail[:120])
        console.print(table)
        if len(summary.failures) > 50:
            console.print(f"… and {len(summary.failures) - 50} more (table 'failures' in the store)")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    index: Annotated[str | None, typer.Option("--index", help="Full-text index folder for search.")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option(
        "--cors-origin", help="An origin allowed to call the API from a browser (repeatable; none by default).")] = None,
    config: Annotated[str | None, typer.Option("--config", help="A sukien.toml settings file.")] = None,
) -> None:
    """Serve the read-only API (/api, OpenAPI at /docs) and the dashboard (/).

    Example: sukien serve --db sukien.duckdb --port 8000   then open http://127.0.0.1:8000/
    """
    import uvicorn

    from sukien.api.app import create_app
    from sukien.api.db import StoreNotFound

    settings = load_settings(config, db=db)
    try:
        web = create_app(settings.db, index_path=index, cors_origins=tuple(cors_origin or ()))
    except (StoreNotFound, ValueError) as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(f"[yellow]warning: binding {host} exposes the store beyond this machine[/]")
    console.print(f"Dashboard: http://{'[' + host + ']' if ':' in host else host}:{port}/  (API docs: /docs)")
    uvicorn.run(web, host=host, port=port, log_level="warning")


def _register_views() -> None:
    from sukien.cli_views import register

    register(app)


_register_views()  # timeline, dyad, actors, search, export


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
