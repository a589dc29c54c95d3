"""Read-only access to the DuckDB store for the web API.

One read-only connection per app; every request works on its own cursor (a DuckDB cursor
is a separate connection to the same database, safe to use from one thread at a time).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from threading import Lock

import duckdb


class StoreNotFound(FileNotFoundError):
    """The store file given to the API does not exist."""


class ReadOnlyStore:
    """A DuckDB store opened ``read_only``; hands out one cursor per request."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if not Path(self.path).is_file():
            raise StoreNotFound(f"no store at {self.path} (build one with `sukien run ... --db {self.path}`)")
        self._con = duckdb.connect(self.path, read_only=True)
        self._lock = Lock()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:  # creating a cursor touches the parent connection
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def tables(self) -> set[str]:
        with self.cursor() as cur:
            return {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}

    def close(self) -> None:
        self._con.close()
