"""The store as ``sukien serve`` reads it: a private snapshot, refreshed when the store changes.

DuckDB lets one process write a database file or several read it, never both at once. So
that ``sukien run`` can add data while the dashboard is open, the server does not keep the
store open: it copies it (the file and its write-ahead log) into a private folder while
holding a read lock for the second the copy takes, and answers every request from the copy.
A background thread looks at the store's size and modification time every
``refresh_seconds``; when they changed and no writer holds the store, it takes a new copy
and the next requests use it (requests already running finish on the old one, which is
then closed and deleted). While a ``sukien run`` writes, the server keeps answering from
the last copy; a writer that starts during a copy waits for it (``sukien.store.opening``).

Each snapshot has its own :class:`CorpusViews` (merged events and search index loaded on
first use), so refreshed data shows up in every view.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from sukien.api.corpus_views import CorpusViews
from sukien.api.db import ReadOnlyStore, StoreNotFound
from sukien.store.opening import StoreUnavailable, describe
from sukien.store.search import index_path_for

COPY_WAIT = 10.0  # seconds to wait for a writer at start-up before giving up (SUKIEN_LOCK_WAIT overrides)


@dataclass
class Generation:
    """One snapshot: its read-only store, its corpus views and how many requests use it."""

    number: int
    store: ReadOnlyStore
    views: CorpusViews
    taken_at: float
    users: int = 0
    retired: bool = False
    folder: Path | None = field(default=None)

    def close(self) -> None:
        self.store.close()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


class SnapshotStore:
    """A store served from snapshots; same ``cursor()``/``tables()`` as :class:`ReadOnlyStore`."""

    def __init__(self, path: str | Path, *, index_path: str | Path | None = None,
                 refresh_seconds: float = 2.0) -> None:
        self.path = str(path)
        if not Path(self.path).is_file():
            raise StoreNotFound(f"no store at {self.path} (build one with `sukien run ... --db {self.path}`)")
        self.index_path = str(index_path) if index_path else str(index_path_for(self.path))
        self.refresh_seconds = refresh_seconds
        self._root = Path(tempfile.mkdtemp(prefix="sukien-serve-"))
        self._lock = threading.Lock()
        self._stamp: tuple[int, ...] | None = None
        self._gen: Generation | None = None
        self._stop = threading.Event()
        deadline = time.monotonic() + float(os.environ.get("SUKIEN_LOCK_WAIT", COPY_WAIT))
        while not self.refresh():
            if time.monotonic() > deadline:
                shutil.rmtree(self._root, ignore_errors=True)
                raise StoreUnavailable(describe(Path(self.path), "lock") + " (the dashboard needs one moment "
                                       "without a writer to take its first snapshot)")
            time.sleep(0.25)
        # the copies go when the store is closed, garbage-collected, or at the latest when the
        # process exits; the watcher holds only a weak reference, so it never keeps one alive
        self._cleanup = weakref.finalize(self, _remove, self._root, self._stop)
        self._thread = threading.Thread(target=_watch, args=(weakref.ref(self), self._stop, refresh_seconds),
                                        name="sukien-snapshot", daemon=True)
        self._thread.start()

    # ---- requests ----
    @contextmanager
    def generation(self) -> Iterator[Generation]:
        """The current snapshot, kept open until the caller is done with it."""
        with self._lock:
            gen = self._gen
            assert gen is not None
            gen.users += 1
        try:
            yield gen
        finally:
            with self._lock:
                gen.users -= 1
                done = gen.retired and gen.users == 0
            if done:
                gen.close()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.generation() as gen, gen.store.cursor() as cur:
            yield cur

    def tables(self) -> set[str]:
        with self.generation() as gen:
            return gen.store.tables()

    def info(self) -> dict[str, object]:
        gen = self._gen
        return {"snapshot": gen.number if gen else None,
                "snapshot_age_seconds": round(time.time() - gen.taken_at, 1) if gen else None}

    # ---- snapshots ----
    def _stat(self) -> tuple[int, ...]:
        out: list[int] = []
        for p in (Path(self.path), Path(self.path + ".wal")):
            st = p.stat() if p.exists() else None
            out += [st.st_mtime_ns, st.st_size] if st else [0, 0]
        return tuple(out)

    def refresh(self) -> bool:
        """Take a new snapshot if the store changed; False when a writer holds it (try later)."""
        stamp = self._stat()
        if stamp == self._stamp:
            return True
        number = (self._gen.number + 1) if self._gen else 1
        folder = self._root / f"s{number}"
        folder.mkdir()
        copy = folder / "store.duckdb"
        try:
            hold = duckdb.connect(self.path, read_only=True)  # a read lock: no writer during the copy
        except duckdb.Error:
            shutil.rmtree(folder, ignore_errors=True)
            return False
        try:
            stamp = self._stat()
            shutil.copyfile(self.path, copy)
            if Path(self.path + ".wal").exists():
                shutil.copyfile(self.path + ".wal", str(copy) + ".wal")
        finally:
            hold.close()
        store = ReadOnlyStore(copy)
        store.path = self.path  # what the store is a snapshot of (the search index lives beside it)
        gen = Generation(number, store, CorpusViews(store, self.index_path), time.time(), folder=folder)
        with self._lock:
            old, self._gen, self._stamp = self._gen, gen, stamp
            if old is not None:
                old.retired = True
                done = old.users == 0
        if old is not None and done:
            old.close()
        return True

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            gen, self._gen = self._gen, None
        if gen is not None:
            gen.close()
        self._cleanup()


def _watch(ref: weakref.ref[SnapshotStore], stop: threading.Event, every: float) -> None:
    """Refresh the snapshot every ``every`` seconds while the store is open."""
    while not stop.wait(every):
        store = ref()
        if store is None:
            return
        with contextlib.suppress(Exception):  # a failed copy (disk full, store replaced) is retried later
            store.refresh()
        del store


def _remove(root: Path, stop: threading.Event) -> None:
    stop.set()
    shutil.rmtree(root, ignore_errors=True)
