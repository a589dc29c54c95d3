"""What the commands share: output that suits a terminal or a pipe, progress, checks of the
inputs and the store before anything is written, failure reports and Ctrl-C handling.

In a terminal: tables and a live progress bar. Piped or redirected (not a TTY): one record
per line, tab-separated, never cut (whole paths kept), and a progress line every few
seconds on stderr, so a log shows where a long run is.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sukien.records import Failure

T = TypeVar("T")
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3
EXIT_NOTHING_TO_READ = 4
EXIT_INTERRUPTED = 130
LINE_EVERY = 5.0  # seconds between progress lines when not a terminal


def console(stderr: bool) -> Console:
    """A console whose lines are never broken at 80 columns when piped (``soft_wrap``)."""
    return Console(stderr=stderr, soft_wrap=True)


def fail(err: Console, message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print a one-line error and return the ``typer.Exit`` to raise."""
    err.print(f"[red]error:[/] {escape(message)}")
    return typer.Exit(code)


# ---------------------------------------------------------------- tables and lines

def emit(out: Console, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
         ratios: Sequence[int] | None = None, markup_columns: Sequence[int] = ()) -> None:
    """A table in a terminal (one line per row, long cells cut with "…"); otherwise a title
    line, a header line and one tab-separated line per row with whole values.
    ``markup_columns``: cells already in Rich markup (not escaped)."""
    rows = list(rows)
    if out.is_terminal:
        table = Table(title=escape(title))
        for i, name in enumerate(header):
            ratio = ratios[i] if ratios else None
            table.add_column(name, no_wrap=True, overflow="ellipsis", ratio=ratio or None)
        for row in rows:
            table.add_row(*(str(c) if i in markup_columns else escape(str(c)) for i, c in enumerate(row)))
        out.print(table)
        return
    lines = [f"# {title}", "\t".join(header)]
    lines += ["\t".join(_cell(c) for c in row) for row in rows]
    out.file.write("\n".join(lines) + "\n")
    out.file.flush()


def _cell(value: Any) -> str:
    return " ".join(str(value).split())  # no tabs or line breaks inside a cell


# ---------------------------------------------------------------- progress

class Reporter:
    """Progress of a run: a live bar in a terminal, a line every ``LINE_EVERY`` seconds otherwise."""

    def __init__(self, err: Console, quiet: bool = False) -> None:
        self.err = err
        self.quiet = quiet
        self.tty = err.is_terminal
        self.done = 0
        self.articles = 0
        self._progress: Progress | None = None
        self._task: Any = None
        self._stage = ""
        self._total: int | None = None
        self._t0 = time.monotonic()
        self._last_line = 0.0

    def __enter__(self) -> Reporter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, stage: str, total: int | None = None) -> None:
        self.stop()
        self._stage, self._total, self._t0, self._last_line = stage, total, time.monotonic(), 0.0
        self.done = self.articles = 0
        if self.quiet:
            return
        if self.tty:
            self._progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                                      console=self.err, transient=True)
            self._progress.start()
            self._task = self._progress.add_task(stage, total=total, rate="")
        else:
            self._line(f"{stage}: started" + (f" ({total} to do)" if total is not None else ""))

    def update(self, done: int, articles: int = 0) -> None:
        """Documents done so far in this stage (and the articles they held)."""
        changed = done != self.done
        self.done, self.articles = done, articles
        if self.quiet:
            return
        elapsed = time.monotonic() - self._t0
        rate = f"{done / max(elapsed, 1e-9):.1f} docs/s, {articles} articles"
        if self._progress is not None:
            self._progress.update(self._task, completed=done, rate=rate)
        elif changed and (time.monotonic() - self._last_line >= LINE_EVERY or done == self._total):
            of = f"/{self._total}" if self._total is not None else ""
            self._line(f"{self._stage}: {done}{of} documents ({rate}, {elapsed:.0f} s)")

    def tick(self, elapsed: float) -> None:
        """Called about once a second during a stage without counts: a line now and then."""
        if not self.quiet and not self.tty and time.monotonic() - self._last_line >= 3 * LINE_EVERY:
            self._line(f"{self._stage}: still working ({elapsed:.0f} s)")

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _line(self, text: str) -> None:
        self._last_line = time.monotonic()
        self.err.print(escape(text), highlight=False)


# ---------------------------------------------------------------- inputs

def check_inputs(inputs: Sequence[str], err: Console) -> None:
    """Exit 2 when an input path does not exist, 4 when the inputs hold no file at all — both
    before any store is created."""
    from sukien.ingest.readers import folder_files

    missing = [p for p in inputs if not Path(p).exists() and not Path(p).is_symlink()]
    if missing:
        raise fail(err, "input not found: " + ", ".join(missing) + " (give existing files or folders)")
    empty = [p for p in inputs if Path(p).is_dir() and not folder_files(Path(p))]
    if empty and len(empty) == len(inputs):
        raise fail(err, "nothing to read: " + ", ".join(f"{p} is an empty folder" for p in empty)
                   + " (hidden files are not read)", EXIT_NOTHING_TO_READ)
    for p in empty:
        err.print(f"[yellow]warning:[/] {escape(p)} is an empty folder: nothing read from it")


def count_documents(inputs: Sequence[str]) -> int | None:
    """How many documents ``inputs`` hold, counted cheaply (None when unknown, e.g. CSV or .gz)."""
    from sukien.ingest.readers import RECORD_SUFFIXES, _stem_and_suffix, folder_files

    total = 0
    for path in map(Path, inputs):
        for f in folder_files(path) if path.is_dir() else [path]:
            suffix = _stem_and_suffix(f)[1]
            if suffix not in RECORD_SUFFIXES:
                total += 1
            elif suffix in (".jsonl", ".ndjson") and not f.name.endswith(".gz") and f.is_file():
                with f.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                return None
    return total


# ---------------------------------------------------------------- failures

def print_failures(err: Console, failures: Sequence[Failure], limit: int = 50,
                   title: str = "failed documents", tag: str = "failed") -> None:
    """Failed documents with whole paths: a table in a terminal (the first ``limit``), one
    tab-separated line each otherwise (all of them)."""
    if not failures:
        return
    if not err.is_terminal:
        err.file.write("".join(f"{tag}\t{f.reason}\t{f.source}\t{_cell(f.detail)}\n" for f in failures))
        err.file.flush()
        return
    table = Table("source", "reason", "detail", title=title)
    table.columns[0].overflow = "fold"
    for f in failures[:limit]:
        table.add_row(escape(f.source), f.reason, escape(f.detail[:200]))
    err.print(table)
    if len(failures) > limit:
        err.print(f"… and {len(failures) - limit} more (failures.jsonl with --out; table 'failures' in the store)")


def write_failures(out_dir: str | Path, failures: Sequence[Failure], run_id: str) -> Path:
    """``failures.jsonl`` in ``out_dir``: one JSON object per failed document of this run."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp, path = out / ".failures.jsonl.tmp", out / "failures.jsonl"
    with tmp.open("w", encoding="utf-8") as fh:
        for f in failures:
            fh.write(json.dumps({**f.to_dict(), "run_id": run_id}, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return path


# ---------------------------------------------------------------- Ctrl-C

def interruptible(work: Callable[[], T], on_interrupt: Callable[[], None],
                  tick: Callable[[float], None] | None = None) -> T:
    """Run ``work`` in a thread; Ctrl-C stops the process at once (after ``on_interrupt``
    has said what is kept), even while ``work`` is inside a long native call.

    For stages whose committed work is safe on disk (DuckDB commits are durable; a killed
    process leaves the last committed state): the process exits with status 130 without
    waiting for ``work`` to reach a Python line.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed back to the main thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="sukien-stage", daemon=True)
    t0 = time.monotonic()
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.5)
            if tick is not None:
                tick(time.monotonic() - t0)
    except KeyboardInterrupt:
        on_interrupt()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)
    if "error" in box:
        raise box["error"]
    return box["value"]
