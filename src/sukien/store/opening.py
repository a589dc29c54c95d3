"""Opening the store with errors a user can act on (one line each), never a DuckDB traceback.

DuckDB lets one process write a database file, or any number of processes read it, not
both. ``sukien serve`` therefore reads a snapshot (``sukien.api.snapshot``) and holds the
file only for the second it takes to copy it; a writer that meets that short lock waits for
it (``wait`` seconds) before giving up with ``StoreUnavailable``.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import duckdb

from sukien.store.db import Store

LOCK_WAIT = 10.0  # seconds a writer waits for a reader's short lock (SUKIEN_LOCK_WAIT overrides it)


class StoreUnavailable(Exception):
    """The store cannot be opened; the message says why and what to do."""


def open_store(path: str | Path, *, read_only: bool = False, wait: float | None = None) -> Store:
    """``Store(path)``, or ``StoreUnavailable`` with a one-line reason.

    A missing folder, a folder that cannot be written, a file that is not a DuckDB store and a
    store held by another process are told apart; a lock held by another process is waited
    for up to ``wait`` seconds.
    """
    p = Path(path)
    if str(path) != ":memory:":
        _check_location(p, read_only)
    if wait is None:
        wait = float(os.environ.get("SUKIEN_LOCK_WAIT", LOCK_WAIT))
    deadline = time.monotonic() + wait
    while True:
        try:
            return Store(p if str(path) != ":memory:" else ":memory:", read_only=read_only)
        except duckdb.Error as exc:
            message = str(exc)
            if "lock" in message.lower() and time.monotonic() < deadline:
                time.sleep(0.25)
                continue
            raise StoreUnavailable(describe(p, message)) from exc


def _check_location(p: Path, read_only: bool) -> None:
    if p.is_dir():
        raise StoreUnavailable(f"cannot use {p} as the store: it is a folder (give a file, e.g. {p / 'sukien.duckdb'})")
    if read_only and not p.is_file():
        raise StoreUnavailable(f"no store at {p}: run `sukien run INPUT --db {p}` first")
    parent = p.parent if str(p.parent) else Path(".")
    if not read_only and not parent.is_dir():
        raise StoreUnavailable(f"cannot create the store {p}: the folder {parent} does not exist")


def describe(p: Path, message: str) -> str:
    """A one-line explanation of a DuckDB error met opening ``p``."""
    low = message.lower()
    if "lock" in low:
        pid = re.search(r"PID (\d+)", message)
        who = f" (process {pid[1]})" if pid else ""
        return (f"the store {p} is in use by another process{who}, e.g. another `sukien run`: "
                "wait for it to finish or stop it (`sukien serve` does not block runs)")
    if "permission denied" in low or "read-only" in low:
        return f"cannot write the store {p}: permission denied (the folder or file is read-only; choose --db elsewhere)"
    if "not a valid duckdb database" in low:
        return f"{p} is not a sukien store (not a DuckDB database file)"
    if "no such file" in low:
        return f"cannot open the store {p}: its folder does not exist"
    return f"cannot open the store {p}: {message.splitlines()[0]}"
