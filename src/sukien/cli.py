"""Command-line interface: thin commands over the library.

Exit status of ``sukien run`` (and ``sukien recode``): 0 when every document was processed,
3 when some documents failed (each failure is listed with its reason in the summary, kept in
the store and, with ``--out``, in ``failures.jsonl``), 2 for bad usage (a missing input, a
store that cannot be opened or written), 4 when the inputs hold no file to read, 130 when
interrupted with Ctrl-C (finished work is kept: the next run resumes), 1 for an unexpected
error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sukien.cli_support import (
    EXIT_INTERRUPTED,
    EXIT_SOME_FAILED,
    Reporter,
    check_inputs,
    count_documents,
    fail,
    print_failures,
    write_failures,
)
from sukien.cli_support import (
    console as make_console,
)
from sukien.settings import load_settings

UNSUPPORTED = "unsupported"  # a file of another format found in a folder: reported, not a failure of the run
app = typer.Typer(add_completion=False, no_args_is_help=True, help="sukien: Vietnamese news → chronicle of events.")
console = make_console(stderr=True)


@app.callback()
def _root() -> None:
    """sukien: Vietnamese news pages in, a dated chronicle of international events out."""


DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store file (default ./sukien.duckdb).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or progress lines.")]
CorpusOpt = Annotated[bool, typer.Option(
    "--corpus/--no-corpus", help="Update duplicates, stories, merged events and the search index.")]
SimilarityOpt = Annotated[str | None, typer.Option(
    "--similarity", help="Story similarity: tfidf (default: fast, no model), hybrid (e5 only on uncertain pairs) "
    "or e5 (every article embedded: slow).")]


def _open_store(path: str):  # type: ignore[no-untyped-def]
    from sukien.store.opening import StoreUnavailable, open_store

    try:
        return open_store(path)
    except StoreUnavailable as exc:
        raise fail(console, str(exc)) from exc


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (recursive); .gz, HTML, JSONL, CSV.")],
    out: Annotated[str | None, typer.Option("--out", help="Write the contract's JSONL files (and failures.jsonl) here.")] = None,
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
    quiet: QuietOpt = False,
    engine: Annotated[str | None, typer.Option(
        "--engine", help="local (process pool) or dask (a Dask cluster; needs the 'dask' extra).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address (default: a LocalCluster of --workers processes).")] = None,
    corpus: CorpusOpt = True,
    similarity: SimilarityOpt = None,
) -> None:
    """Process pages into articles, actors, events and quotes.

    Documents already stored with the same content and rules are skipped; after a change to
    the rules (code or data files) they are coded again.

    Example: sukien run ../shared/seeds --out out/ --db sukien.duckdb
    Example: sukien run day.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
    """
    import dataclasses

    from sukien.pipeline import run_corpus

    settings = load_settings(
        config, db=db, out=out, workers=workers, batch_size=batch_size, field_id=field_id, field_text=field_text,
        field_title=field_title, field_date=field_date, field_url=field_url, engine=engine,
        scheduler=scheduler, similarity=similarity,
    )
    if settings.engine not in ("local", "dask"):
        raise typer.BadParameter(f"unknown engine {settings.engine!r}: local or dask", param_hint="--engine")
    check_inputs(inputs, console)
    embedder = _prepare_corpus(settings) if corpus else None
    store = _open_store(settings.db)
    with store, Reporter(console, quiet) as rep:
        rep.start("documents", total=None if quiet else count_documents(inputs))
        try:  # the corpus stage runs below, interruptible on its own
            summary = run_corpus(inputs, store, dataclasses.replace(settings, corpus=False), progress=rep.update)
        except KeyboardInterrupt:
            rep.stop()
            console.print(f"[yellow]interrupted:[/] {rep.done} documents of this run are stored in {settings.db} "
                          "and kept; the corpus stage did not run. Run the same command again to resume: "
                          "stored documents are skipped.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        counts = _finish_run(store, settings, summary, rep, corpus, embedder)
    _print_summary(summary, counts, settings.db)
    if any(f.reason != UNSUPPORTED for f in summary.failures):
        raise typer.Exit(EXIT_SOME_FAILED)


def _prepare_corpus(settings):  # type: ignore[no-untyped-def]
    """The similarity checked and its model loaded before any document is read (exit 2)."""
    from sukien.corpus.embed import EmbedderUnavailable
    from sukien.pipeline import prepare_corpus_stage

    try:
        return prepare_corpus_stage(settings)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--similarity") from exc
    except EmbedderUnavailable as exc:
        raise fail(console, str(exc)) from exc


def _corpus_stage(store, settings, rep: Reporter, n_docs: int, summary=None,  # type: ignore[no-untyped-def]
                  embedder=None) -> None:
    """The corpus stage, stoppable at once with Ctrl-C (its work so far is kept on disk)."""
    from sukien.cli_support import interruptible
    from sukien.pipeline import corpus_stage

    def said() -> None:
        rep.stop()
        console.print(f"[yellow]interrupted during the corpus stage:[/] the {n_docs} documents are stored in "
                      f"{settings.db} and kept; stories, merged events and the search index stay as before this run "
                      "(embeddings computed so far are kept). Run the same command again to finish it.")

    shown: list[str] = []

    def step(name: str, done: int, total: int) -> None:
        if not shown or shown[-1] != name:
            shown.append(name)
            rep.start(f"corpus stage: {name}", total=total if total > 1 else None)
        rep.update(done)

    rep.start("corpus stage (stories, merged events, search index)")
    cu = interruptible(lambda: corpus_stage(store, settings, summary, step, embedder), said, rep.tick)
    rep.stop()
    console.print(f"corpus: {cu.new_articles} new articles, {cu.stories} stories ({cu.touched_stories} written), "
                  f"{cu.duplicate_groups} duplicate groups, {cu.merged_events} merged events "
                  f"({cu.seconds:.1f}s, {cu.similarity})")


def _finish_run(store, settings, summary, rep: Reporter, corpus: bool,  # type: ignore[no-untyped-def]
                embedder=None) -> dict[str, int]:
    from sukien.pipeline import write_outputs

    if corpus:
        _corpus_stage(store, settings, rep, summary.docs + summary.skipped, summary, embedder)
    counts = write_outputs(store, settings.out, summary.doc_ids) if settings.out else {}
    if settings.out:
        write_failures(settings.out, summary.failures, summary.run_id)
        counts["failures"] = len(summary.failures)
    return counts


def _print_summary(summary, counts: dict[str, int], db: str) -> None:  # type: ignore[no-untyped-def]
    """The run in one line, then every failed document and every file not read (whole paths)."""
    rate = summary.docs / summary.seconds if summary.seconds else 0.0
    failed = [f for f in summary.failures if f.reason != UNSUPPORTED]
    not_read = [f for f in summary.failures if f.reason == UNSUPPORTED]
    corpus_s = summary.stage_seconds.get("corpus", 0.0)
    console.print(
        f"[bold]{summary.docs}[/] documents processed, {summary.skipped} unchanged (skipped), "
        f"[{'red' if failed else 'green'}]{len(failed)} failed[/], {summary.articles} articles "
        f"in {summary.seconds:.1f}s ({rate:.1f} docs/s{f'; corpus stage {corpus_s:.1f}s of it' if corpus_s else ''}); "
        f"store: {db}"
        + (f"; [yellow]{len(not_read)} files not read[/] (not a format sukien reads)" if not_read else "")
    )
    if counts:
        console.print("written: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print_failures(console, failed)
    print_failures(console, not_read, title="files not read (format)", tag="not read")


@app.command()
def recode(
    db: DbOpt = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Processes (0 = all cores).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-code every document, current or not.")] = False,
    out: Annotated[str | None, typer.Option("--out", help="Write the contract's JSONL files here afterwards.")] = None,
    config: Annotated[str | None, typer.Option("--config", help="A sukien.toml settings file.")] = None,
    quiet: QuietOpt = False,
    corpus: CorpusOpt = True,
) -> None:
    """Re-code the stored articles under the current rules, without the input files.

    Documents coded under other rules (another sukien version, or edited data files, e.g.
    in SUKIEN_DATA_DIR) get their actors, quotes and events again; then the corpus stage.

    Example: sukien recode --db sukien.duckdb
    Example: SUKIEN_DATA_DIR=my-data sukien recode --db sukien.duckdb   (edited data files in my-data/)
    """
    from sukien.recode import recode_store

    settings = load_settings(config, db=db, out=out, workers=workers)
    if not Path(settings.db).is_file():
        raise fail(console, f"no store at {settings.db}: run `sukien run INPUT --db {settings.db}` first")
    store = _open_store(settings.db)
    with store, Reporter(console, quiet) as rep:
        before = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        rep.start("re-coding documents")
        try:
            summary = recode_store(store, settings, force=force, progress=rep.update)
        except KeyboardInterrupt:
            rep.stop()
            console.print(f"[yellow]interrupted:[/] {rep.done} documents re-coded and kept; run the same "
                          "command again to re-code the rest.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        rep.stop()
        after = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        console.print(f"recode: {summary.recoded} of {summary.documents} documents re-coded under rules "
                      f"{summary.fingerprint} ({summary.current} already current), {summary.articles} articles; "
                      f"events {before} → {after}; {len(summary.failures)} failed ({summary.seconds:.1f}s)")
        if summary.stale_pages:
            console.print(f"[yellow]note:[/] {summary.stale_pages} documents were cut into articles under older "
                          "page rules; their articles keep that cut until `sukien run INPUT` reads the pages again")
        if corpus and (summary.recoded or force):
            _corpus_stage(store, settings, rep, summary.documents)
        if settings.out:
            from sukien.pipeline import write_outputs

            write_outputs(store, settings.out, [r[0] for r in store.con.execute(
                "SELECT doc_id FROM documents WHERE status = 'ok' ORDER BY doc_id").fetchall()])
            write_failures(settings.out, summary.failures, summary.run_id)
    print_failures(console, summary.failures)
    if summary.failures:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    index: Annotated[str | None, typer.Option("--index", help="Full-text index folder for search.")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option(
        "--cors-origin", help="An origin allowed to call the API from a browser (repeatable; none by default).")] = None,
    refresh: Annotated[float, typer.Option(
        "--refresh", min=0.2, help="Seconds between checks for new data in the store.")] = 2.0,
    config: Annotated[str | None, typer.Option("--config", help="A sukien.toml settings file.")] = None,
) -> None:
    """Serve the read-only API (/api, OpenAPI at /docs) and the dashboard (/).

    The server reads a snapshot of the store and takes a new one when the store changes, so
    `sukien run ... --db` the same store while it runs: new data shows up within seconds.

    Example: sukien serve --db sukien.duckdb --port 8000   then open http://127.0.0.1:8000/
    """
    import uvicorn

    from sukien.api.app import create_app
    from sukien.api.db import StoreNotFound
    from sukien.serving import bind
    from sukien.store.opening import StoreUnavailable

    settings = load_settings(config, db=db)
    try:
        sock = bind(host, port)
    except OSError as exc:
        raise fail(console, str(exc)) from exc
    try:
        web = create_app(settings.db, index_path=index, cors_origins=tuple(cors_origin or ()), refresh_seconds=refresh)
    except (StoreNotFound, StoreUnavailable, ValueError, OSError) as exc:
        sock.close()
        raise fail(console, str(exc)) from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(f"[yellow]warning: binding {host} exposes the store beyond this machine[/]")
    console.print(f"Dashboard: http://{'[' + host + ']' if ':' in host else host}:{port}/  (API docs: /docs)")
    server = uvicorn.Server(uvicorn.Config(web, log_level="warning"))
    server.run(sockets=[sock])


def _register_views() -> None:
    from sukien.cli_views import register

    register(app)


_register_views()  # timeline, dyad, actors, search, export


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
