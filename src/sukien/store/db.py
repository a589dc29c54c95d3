"""DuckDB store. Documents are keyed by ``doc_id`` and content hash: re-running on the same
input replaces a changed document's rows and skips an unchanged one, never duplicating.

The store does not import any stage; it only reads and writes records.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from sukien.records import Actor, Article, Event, Failure, Mention, Quote

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR, source VARCHAR, status VARCHAR,
  reason VARCHAR, detail VARCHAR, n_articles INTEGER, stage_versions VARCHAR, processed_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS articles (
  article_id VARCHAR PRIMARY KEY, doc_id VARCHAR, seq INTEGER, record JSON, title VARCHAR,
  body VARCHAR, published VARCHAR, outlet VARCHAR);
CREATE TABLE IF NOT EXISTS mentions (
  article_id VARCHAR, doc_id VARCHAR, actor_id VARCHAR, text VARCHAR, start_off INTEGER,
  end_off INTEGER, kind VARCHAR, how VARCHAR, as_place BOOLEAN, field VARCHAR);
CREATE TABLE IF NOT EXISTS events (
  event_id VARCHAR PRIMARY KEY, article_id VARCHAR, doc_id VARCHAR, record JSON, date VARCHAR,
  source VARCHAR, target VARCHAR, cameo VARCHAR, root VARCHAR, quad_class INTEGER,
  goldstein DOUBLE, negated BOOLEAN, modality VARCHAR);
CREATE TABLE IF NOT EXISTS quotes (
  quote_id VARCHAR PRIMARY KEY, article_id VARCHAR, doc_id VARCHAR, record JSON,
  speaker VARCHAR, text VARCHAR);
CREATE TABLE IF NOT EXISTS actors (
  id VARCHAR PRIMARY KEY, kind VARCHAR, affiliation VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS failures (
  source VARCHAR, doc_id VARCHAR, reason VARCHAR, detail VARCHAR, run_id VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
  run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, inputs VARCHAR,
  n_docs INTEGER, n_skipped INTEGER, n_failed INTEGER, n_articles INTEGER, stage_seconds VARCHAR);
ALTER TABLE runs ADD COLUMN IF NOT EXISTS stage_seconds VARCHAR;
"""

_DOC_TABLES = ("articles", "mentions", "events", "quotes")


@dataclass
class DocBatchItem:
    """Everything one document produced, ready to write."""

    doc_id: str
    content_hash: str
    source: str
    articles: Sequence[Article] = ()
    mentions: Sequence[Mention] = ()
    events: Sequence[Event] = ()
    quotes: Sequence[Quote] = ()
    actors: Sequence[Actor] = ()
    stage_versions: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (profiling only, not stored)


class Store:
    """A DuckDB file (``:memory:`` for tests) holding every record the pipeline writes."""

    def __init__(self, path: str | Path = "sukien.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self.con = duckdb.connect(self.path, read_only=read_only)
        # DuckDB caches up to 80 % of RAM by default; a bounded cache keeps a long run's
        # memory flat whatever the corpus size (SUKIEN_DUCKDB_MEMORY overrides it).
        self.con.execute(f"SET memory_limit = '{_memory_limit()}'")
        if not read_only:
            self.con.execute(SCHEMA)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- incremental bookkeeping ----
    def known_hashes(self, doc_ids: Iterable[str] | None = None,
                     versions: Mapping[str, str] | None = None) -> dict[str, str]:
        """Content hash of each stored document; with ``versions``, only of the documents
        stored under those versions (``fingerprint`` and ``page_fingerprint`` compared), so a
        document coded under older rules counts as unknown and is processed again."""
        keys = [k for k in ("fingerprint", "page_fingerprint") if versions and k in versions]
        cond = "".join(f" AND stage_versions->>'{k}' = ?" for k in keys)
        rows = self.con.execute(
            "SELECT doc_id, content_hash FROM documents WHERE status = 'ok'" + cond,
            [versions[k] for k in keys] if versions else [],
        ).fetchall()
        wanted = set(doc_ids) if doc_ids is not None else None
        return {d: h for d, h in rows if wanted is None or d in wanted}

    # ---- writing ----
    def write_batch(self, items: Sequence[DocBatchItem], failures: Sequence[Failure] = (), run_id: str = "") -> None:
        """Write a batch of documents in one transaction (replacing their old rows).

        Rows are inserted one statement per table and batch (columns passed as lists and
        unnested): DuckDB's ``executemany`` costs about a millisecond per row.
        """
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            ids = [it.doc_id for it in items] + [f.doc_id for f in failures if f.doc_id]
            self._delete_docs(ids)
            now = datetime.now(UTC).replace(tzinfo=None)
            rows: dict[str, list[list[Any]]] = {t: [] for t in ("documents", *_DOC_TABLES)}
            for it in items:
                _item_rows(it, now, rows)
            for f in failures:
                if f.doc_id:
                    rows["documents"].append([f.doc_id, None, f.source, "failed", f.reason, f.detail, 0, None, now])
            for table, table_rows in rows.items():
                self._insert_rows(table, table_rows)
            self._insert_rows("failures", [[f.source, f.doc_id, f.reason, f.detail, run_id] for f in failures])
            self.upsert_actors(a for it in items for a in it.actors)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def _insert_rows(self, table: str, rows: list[list[Any]]) -> None:
        """Insert ``rows`` (in order) with one statement: each column is a list parameter."""
        if not rows:
            return
        types = _COLUMN_TYPES[table]
        cols = [list(c) for c in zip(*rows, strict=True)]
        select = ", ".join(f"unnest(?::{t}[])" for t in types)
        self.con.execute(f"INSERT INTO {table} SELECT * FROM (SELECT {select})", cols)

    def _delete_docs(self, ids: list[str]) -> None:
        if not ids:
            return
        for table in (*_DOC_TABLES, "documents"):
            self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])

    def upsert_actors(self, actors: Iterable[Actor]) -> None:
        rows = {a.id: a for a in actors}
        if not rows:
            return
        self.con.execute("DELETE FROM actors WHERE id IN (SELECT unnest(?))", [list(rows)])
        self._insert_rows("actors", [[a.id, a.kind, a.affiliation, _j(a.to_dict())] for a in rows.values()])

    def record_run(self, run_id: str, started: datetime, inputs: list[str], counts: dict[str, int],
                   stage_seconds: dict[str, float] | None = None) -> None:
        """One row per run: when, on what, counts, and seconds per stage (JSON)."""
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, started, datetime.now(UTC).replace(tzinfo=None), json.dumps(inputs),
             counts.get("docs", 0), counts.get("skipped", 0), counts.get("failed", 0), counts.get("articles", 0),
             json.dumps({k: round(v, 3) for k, v in (stage_seconds or {}).items()})],
        )

    def record_stage_seconds(self, run_id: str, stage_seconds: dict[str, float]) -> None:
        """Replace the seconds per stage of a recorded run (after its corpus stage)."""
        self.con.execute("UPDATE runs SET stage_seconds = ? WHERE run_id = ?",
                         [json.dumps({k: round(v, 3) for k, v in stage_seconds.items()}), run_id])

    # ---- reading ----
    def records(self, table: str, doc_ids: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """Stored records of ``table`` (articles, events, quotes) in stable order."""
        order = {"articles": "doc_id, seq", "events": "doc_id, article_id, event_id",
                 "quotes": "doc_id, article_id, quote_id"}[table]
        if doc_ids is None:
            cur = self.con.execute(f"SELECT record FROM {table} ORDER BY {order}")
        else:
            cur = self.con.execute(
                f"SELECT record FROM {table} WHERE doc_id IN (SELECT unnest(?)) ORDER BY {order}", [list(doc_ids)]
            )
        while batch := cur.fetchmany(1000):
            for (rec,) in batch:
                yield json.loads(rec)

    def actor_records(self, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT id, record FROM actors ORDER BY id").fetchall()
        wanted = set(ids) if ids is not None else None
        return [json.loads(r) for i, r in rows if wanted is None or i in wanted]

    def failures(self, run_id: str | None = None) -> list[dict[str, Any]]:
        q = "SELECT source, doc_id, reason, detail FROM failures"
        rows = self.con.execute(q + " WHERE run_id = ?", [run_id]).fetchall() if run_id else self.con.execute(q).fetchall()
        return [dict(zip(("source", "doc_id", "reason", "detail"), r, strict=True)) for r in rows]


_COLUMN_TYPES = {  # column types of each table, in order (for the list-parameter inserts)
    "documents": ("VARCHAR",) * 6 + ("INTEGER", "VARCHAR", "TIMESTAMP"),
    "articles": ("VARCHAR", "VARCHAR", "INTEGER") + ("VARCHAR",) * 5,
    "mentions": ("VARCHAR",) * 4 + ("INTEGER", "INTEGER", "VARCHAR", "VARCHAR", "BOOLEAN", "VARCHAR"),
    "events": ("VARCHAR",) * 8 + ("VARCHAR", "INTEGER", "DOUBLE", "BOOLEAN", "VARCHAR"),
    "quotes": ("VARCHAR",) * 6,
    "actors": ("VARCHAR",) * 4,
    "failures": ("VARCHAR",) * 5,
}


def _item_rows(it: DocBatchItem, now: datetime, rows: dict[str, list[list[Any]]]) -> None:
    """Append the rows of one document to ``rows`` (table -> rows)."""
    rows["documents"].append([it.doc_id, it.content_hash, it.source, "ok", None, None, len(it.articles),
                              json.dumps(it.stage_versions), now])
    rows["articles"] += [[a.article_id, a.doc_id, n, _j(a.to_dict()), a.title, a.body, a.published, a.outlet]
                         for n, a in enumerate(it.articles, 1)]
    rows["mentions"] += [[m.article_id, it.doc_id, m.actor_id, m.text, m.start, m.end, m.kind, m.how,
                          m.as_place, m.field] for m in it.mentions]
    rows["events"] += [[e.event_id, e.article_id, e.doc_id, _j(e.to_dict()), e.date, e.source, e.target, e.cameo,
                        e.root, e.quad_class, e.goldstein, e.negated, e.modality] for e in it.events]
    rows["quotes"] += [[q.quote_id, q.article_id, q.doc_id, _j(q.to_dict()), q.speaker, q.text]
                       for q in it.quotes]


def _memory_limit() -> str:
    value = os.environ.get("SUKIEN_DUCKDB_MEMORY", "256MB").strip()
    if not re.fullmatch(r"\d+(?:\.\d+)?\s*(?:[KMGT]i?B)", value, re.I):
        raise ValueError(f"SUKIEN_DUCKDB_MEMORY must look like '256MB' or '1GB', not {value!r}")
    return value


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
