"""Corpus-level tables in the DuckDB store: story membership, stories, duplicate groups,
merged events and the list of documents already in the search index.

What the API and the CLI filter, sort and aggregate on is a typed column (dates and their
day ranges, actors and affiliations, CAMEO codes, counts); the full record is kept as JSON
for exports. Rows are written in bulk from Arrow tables, and only those of the stories an
update touched are replaced. This module imports no stage.
"""

from __future__ import annotations

import calendar
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from sukien.store.corpus_state import (
    STATE_SCHEMA,
    arrow_query,
    delete_where_in,
    ids_table,
    insert_arrow,
    registered,
)

Con = duckdb.DuckDBPyConnection
SCHEMA_VERSION = "2"

CORPUS_SCHEMA = """
CREATE TABLE IF NOT EXISTS corpus_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS story_members (article_id VARCHAR, story_id VARCHAR, doc_hash VARCHAR, day INTEGER);
CREATE TABLE IF NOT EXISTS stories (
  story_id VARCHAR, title VARCHAR, first_published VARCHAR, n_articles INTEGER, first_day INTEGER,
  last_day INTEGER, record JSON);
CREATE TABLE IF NOT EXISTS dup_members (article_id VARCHAR, group_id VARCHAR);
CREATE TABLE IF NOT EXISTS duplicate_groups (group_id VARCHAR, kind VARCHAR, n_articles INTEGER, record JSON);
CREATE TABLE IF NOT EXISTS merged_events (
  event_id VARCHAR, story_id VARCHAR, date VARCHAR, d_lo VARCHAR, d_hi VARCHAR, month VARCHAR,
  sort_key VARCHAR, source VARCHAR, target VARCHAR, source_affiliation VARCHAR, target_affiliation VARCHAR,
  cameo VARCHAR, root VARCHAR, quad_class INTEGER, goldstein DOUBLE, modality VARCHAR, negated BOOLEAN,
  reciprocal BOOLEAN, n_sources INTEGER, article_id VARCHAR, article_ids VARCHAR[], sources VARCHAR[],
  first_reported VARCHAR, last_reported VARCHAR, focus_event_id VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS indexed_docs (doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR);
"""
# tables of the first corpus schema (records as JSON, rewritten whole on each update)
_V1_TABLES = ("article_signatures", "story_members", "stories", "duplicate_groups", "merged_events")
_STORY_TABLES = ("story_members", "stories", "merged_events", "story_centroids")
_STATE_TABLES = ("dup_signatures", "dup_bands", "dup_members", "duplicate_groups", "term_df", "corpus_counters")


def ensure_schema(con: Con) -> list[str]:
    """Create the corpus tables; a store written by an older corpus schema has its corpus
    tables dropped and rebuilt from the articles (the per-document tables are untouched)."""
    notes = []
    tables = _tables(con)
    if "merged_events" in tables and get_meta(con, "schema") != SCHEMA_VERSION:
        for t in (*_V1_TABLES, *_STORY_TABLES, *_STATE_TABLES):
            con.execute(f"DROP TABLE IF EXISTS {t}")
        notes.append("corpus tables of an older version dropped: stories and merged events rebuilt")
    con.execute(CORPUS_SCHEMA)
    con.execute(STATE_SCHEMA)
    set_meta(con, "schema", SCHEMA_VERSION)
    return notes


def reset_stories(con: Con) -> None:
    """Forget every story, duplicate group and document frequency: the next update rebuilds
    them from all articles (the search index and the embedding cache are kept)."""
    for t in (*_STORY_TABLES, *_STATE_TABLES):
        con.execute(f"DELETE FROM {t}")


def _tables(con: Con) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def has_corpus_tables(con: Con) -> bool:
    return "merged_events" in _tables(con)


def get_meta(con: Con, key: str) -> str | None:
    if "corpus_meta" not in _tables(con):
        return None
    row = next(iter(con.execute("SELECT value FROM corpus_meta WHERE key = ?", [key]).fetchall()), None)
    return row[0] if row else None


def set_meta(con: Con, key: str, value: str) -> None:
    con.execute("INSERT INTO corpus_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value])


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------- what changed

@dataclass
class Delta:
    """Articles to add (new, or changed since they were clustered) and stored members to
    drop (gone, or changed)."""

    new: list[dict[str, Any]]
    removed: list[tuple[str, str]]  # (article_id, story_id)


# What a document's articles were clustered from: its content and the rules that coded it
# (a document re-coded under new rules has new actors and events: its articles count as changed)
DOC_VERSION = "d.content_hash || coalesce('|' || (d.stage_versions->>'fingerprint'), '')"


def article_delta(con: Con) -> Delta:
    """Compare ``articles`` with ``story_members`` by the document's content hash and rules
    fingerprint (typed columns only: no record is parsed for the articles that did not change)."""
    rows = con.execute(
        f"SELECT a.article_id, a.doc_id, {DOC_VERSION}, a.published, a.outlet, a.title "
        "FROM articles a JOIN documents d USING (doc_id) LEFT JOIN story_members m USING (article_id) "
        f"WHERE m.article_id IS NULL OR m.doc_hash IS DISTINCT FROM {DOC_VERSION} ORDER BY a.doc_id, a.seq"
    ).fetchall()
    keys = ("article_id", "doc_id", "doc_hash", "published", "outlet", "title")
    new = [dict(zip(keys, r, strict=True)) for r in rows]
    removed = con.execute(
        "SELECT m.article_id, m.story_id FROM story_members m LEFT JOIN articles a USING (article_id) "
        "LEFT JOIN documents d ON d.doc_id = a.doc_id "
        f"WHERE a.article_id IS NULL OR m.doc_hash IS DISTINCT FROM {DOC_VERSION} ORDER BY m.article_id"
    ).fetchall()
    return Delta(new, [(a, s) for a, s in removed])


def article_texts(con: Con, article_ids: Sequence[str], chunk: int = 5000,
                  ) -> Iterator[tuple[str, str, str, str, list[str]]]:
    """(article_id, title, body, content hash, actors) of ``article_ids``, in their order,
    fetched ``chunk`` at a time."""
    for start in range(0, len(article_ids), chunk):
        part = list(article_ids[start : start + chunk])
        with registered(con, "_sukien_ids", pa.table({"v": pa.array(part, pa.string()),
                                                      "k": pa.array(np.arange(len(part)))})):
            tbl = arrow_query(
                con, "SELECT a.article_id, a.title, a.body, coalesce(a.record->>'content_hash', a.article_id) AS h, "
                "CAST(a.record->'actors' AS VARCHAR) AS actors FROM articles a JOIN _sukien_ids i "
                "ON i.v = a.article_id ORDER BY i.k")
        cols = [tbl.column(c).to_pylist() for c in ("article_id", "title", "body", "h", "actors")]
        for aid, title, body, h, actors in zip(*cols, strict=True):
            yield aid, title or "", body or "", h, json.loads(actors) if actors else []


def article_events(con: Con, article_ids: Sequence[str]) -> dict[str, list[tuple[str | None, str | None, str]]]:
    """(source, target, CAMEO root) of the non-negated events of each article."""
    with registered(con, "_sukien_ids", ids_table(article_ids)):
        rows = con.execute("SELECT article_id, source, target, root FROM events WHERE NOT negated "
                           "AND article_id IN (SELECT v FROM _sukien_ids)").fetchall()
    out: dict[str, list[tuple[str | None, str | None, str]]] = {}
    for aid, s, t, root in rows:
        out.setdefault(aid, []).append((s, t, root))
    return out


def affiliations(con: Con) -> dict[str, str]:
    return {i: a for i, a in con.execute("SELECT id, affiliation FROM actors").fetchall() if a}


# ---------------------------------------------------------------- stories

def insert_members(con: Con, rows: Sequence[tuple[str, str, str, int | None]]) -> None:
    """(article_id, story_id, document hash, day ordinal) rows."""
    if rows:
        cols = list(zip(*rows, strict=True))
        insert_arrow(con, "story_members", pa.table({
            "article_id": pa.array(cols[0], pa.string()), "story_id": pa.array(cols[1], pa.string()),
            "doc_hash": pa.array(cols[2], pa.string()), "day": pa.array(cols[3], pa.int32())}))


def delete_members(con: Con, article_ids: Iterable[str]) -> None:
    delete_where_in(con, "story_members", "article_id", article_ids)


def story_members_of(con: Con, story_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """story_id → its members (article_id, title, published, day), in article order."""
    with registered(con, "_sukien_ids", ids_table(story_ids)):
        rows = con.execute(
            "SELECT m.story_id, m.article_id, a.title, a.published, m.day FROM story_members m "
            "JOIN articles a USING (article_id) WHERE m.story_id IN (SELECT v FROM _sukien_ids) "
            "ORDER BY m.story_id, a.doc_id, a.seq").fetchall()
    out: dict[str, list[dict[str, Any]]] = {}
    for sid, aid, title, published, day in rows:
        out.setdefault(sid, []).append({"article_id": aid, "title": title, "published": published, "day": day})
    return out


def story_of(con: Con, article_ids: Iterable[str]) -> dict[str, str]:
    with registered(con, "_sukien_ids", ids_table(article_ids)):
        rows = con.execute("SELECT article_id, story_id FROM story_members "
                           "WHERE article_id IN (SELECT v FROM _sukien_ids)").fetchall()
    return dict(rows)


def existing_story_ids(con: Con, story_ids: Iterable[str]) -> set[str]:
    with registered(con, "_sukien_ids", ids_table(story_ids)):
        rows = con.execute("SELECT story_id FROM stories WHERE story_id IN (SELECT v FROM _sukien_ids)").fetchall()
    return {r[0] for r in rows}


def replace_stories(con: Con, touched: Iterable[str], stories: Sequence[Mapping[str, Any]],
                    days: Mapping[str, tuple[int | None, int | None]]) -> None:
    """Replace the rows of the ``touched`` stories by ``stories`` (records; ``days``: their
    first and last publication day ordinals)."""
    delete_where_in(con, "stories", "story_id", [*touched, *(s["story_id"] for s in stories)])
    if stories:
        insert_arrow(con, "stories", pa.table({
            "story_id": pa.array([s["story_id"] for s in stories], pa.string()),
            "title": pa.array([s["title"] for s in stories], pa.string()),
            "first_published": pa.array([s["first_published"] for s in stories], pa.string()),
            "n_articles": pa.array([len(s["article_ids"]) for s in stories], pa.int32()),
            "first_day": pa.array([days[s["story_id"]][0] for s in stories], pa.int32()),
            "last_day": pa.array([days[s["story_id"]][1] for s in stories], pa.int32()),
            "record": pa.array([_j(s) for s in stories], pa.string())}))


# ---------------------------------------------------------------- duplicate groups

def groups_of(con: Con, article_ids: Iterable[str]) -> dict[str, list[str]]:
    """group_id → all members, for the groups holding any of ``article_ids``."""
    with registered(con, "_sukien_ids", ids_table(article_ids)):
        rows = con.execute(
            "SELECT group_id, article_id FROM dup_members WHERE group_id IN "
            "(SELECT group_id FROM dup_members WHERE article_id IN (SELECT v FROM _sukien_ids)) "
            "ORDER BY group_id, article_id").fetchall()
    out: dict[str, list[str]] = {}
    for gid, aid in rows:
        out.setdefault(gid, []).append(aid)
    return out


def replace_groups(con: Con, removed: Iterable[str], groups: Sequence[Mapping[str, Any]]) -> None:
    gone = list(removed)
    delete_where_in(con, "dup_members", "group_id", gone)
    delete_where_in(con, "duplicate_groups", "group_id", gone)
    if groups:
        insert_arrow(con, "duplicate_groups", pa.table({
            "group_id": pa.array([g["group_id"] for g in groups], pa.string()),
            "kind": pa.array([g["kind"] for g in groups], pa.string()),
            "n_articles": pa.array([len(g["article_ids"]) for g in groups], pa.int32()),
            "record": pa.array([_j(g) for g in groups], pa.string())}))
        insert_arrow(con, "dup_members", pa.table({
            "article_id": pa.array([a for g in groups for a in g["article_ids"]], pa.string()),
            "group_id": pa.array([g["group_id"] for g in groups for _ in g["article_ids"]], pa.string())}))


# ---------------------------------------------------------------- merged events

def story_events(con: Con, story_ids: Iterable[str]) -> list[tuple[str, str | None, str | None, str]]:
    """(event record, article published, article outlet, story id) of every event of the
    articles of ``story_ids``."""
    with registered(con, "_sukien_ids", ids_table(story_ids)):
        rows = con.execute(
            "SELECT e.record, a.published, a.outlet, m.story_id FROM story_members m "
            "JOIN events e USING (article_id) JOIN articles a USING (article_id) "
            "WHERE m.story_id IN (SELECT v FROM _sukien_ids) ORDER BY e.doc_id, e.article_id, e.event_id"
        ).fetchall()
    return rows


def day_range(date: str | None) -> tuple[str | None, str | None]:
    """First and last day a partial ISO date covers (None for no date or no year).

    >>> day_range("2024-02"), day_range("2026"), day_range("--03-01")
    (('2024-02-01', '2024-02-29'), ('2026-01-01', '2026-12-31'), (None, None))
    """
    if not date or date.startswith("--") or len(date) < 4:
        return None, None
    if len(date) == 4:
        return f"{date}-01-01", f"{date}-12-31"
    if len(date) == 7:
        last = calendar.monthrange(int(date[:4]), int(date[5:7]))[1]
        return f"{date}-01", f"{date}-{last:02d}"
    return date[:10], date[:10]


def sort_key(date: str | None) -> str:
    """Timeline order of dates: unknown and year-less dates last (see ``corpus.merge.sort_date``)."""
    if not date:
        return "~"
    return "}" + date if date.startswith("--") else date


_MERGED_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("event_id", pa.string()), ("story_id", pa.string()), ("date", pa.string()), ("d_lo", pa.string()),
    ("d_hi", pa.string()), ("month", pa.string()), ("sort_key", pa.string()), ("source", pa.string()),
    ("target", pa.string()), ("source_affiliation", pa.string()), ("target_affiliation", pa.string()),
    ("cameo", pa.string()), ("root", pa.string()), ("quad_class", pa.int32()), ("goldstein", pa.float64()),
    ("modality", pa.string()), ("negated", pa.bool_()), ("reciprocal", pa.bool_()), ("n_sources", pa.int32()),
    ("article_id", pa.string()), ("article_ids", pa.list_(pa.string())), ("sources", pa.list_(pa.string())),
    ("first_reported", pa.string()), ("last_reported", pa.string()), ("focus_event_id", pa.string()),
    ("record", pa.string()),
)


def _merged_row(m: Mapping[str, Any]) -> dict[str, Any]:
    d_lo, d_hi = day_range(m["date"])
    month = m["date"][:7] if d_lo and len(m["date"]) >= 7 else None
    row = {name: m.get(name) for name, _ in _MERGED_COLUMNS}
    row.update(d_lo=d_lo, d_hi=d_hi, month=month, sort_key=sort_key(m["date"]), record=_j(m),
               article_ids=list(m["article_ids"]), sources=list(m["sources"]))
    return row


def replace_merged(con: Con, story_ids: Iterable[str], merged: Sequence[Mapping[str, Any]],
                   focus: Mapping[str, str] | None = None) -> None:
    """Replace the merged events of ``story_ids`` by ``merged`` (``focus``: merged event id →
    the raw event id of its representative report)."""
    delete_where_in(con, "merged_events", "story_id", story_ids)
    if merged:
        rows = [{**_merged_row(m), "focus_event_id": (focus or {}).get(m["event_id"])} for m in merged]
        schema = pa.schema(list(_MERGED_COLUMNS))
        insert_arrow(con, "merged_events", pa.Table.from_pylist(rows, schema=schema))


# ---------------------------------------------------------------- reading records

def json_records(con: Con, table: str) -> Iterator[dict[str, Any]]:
    """Every record of a corpus table (stories, merged_events, duplicate_groups)."""
    order = {"stories": "first_published NULLS LAST, story_id", "duplicate_groups": "group_id",
             "merged_events": "sort_key, event_id"}[table]
    if not has_corpus_tables(con):
        return
    cur = con.execute(f"SELECT record FROM {table} ORDER BY {order}")
    while batch := cur.fetchmany(1000):
        for (rec,) in batch:
            yield json.loads(rec)


def story_members(con: Con) -> dict[str, tuple[str, str]]:
    """article_id → (story_id, document content hash) of every clustered article."""
    rows = con.execute("SELECT article_id, story_id, doc_hash FROM story_members").fetchall()
    return {a: (s, h) for a, s, h in rows}


# ---------------------------------------------------------------- search-index bookkeeping

def indexed_docs(con: Con) -> dict[str, str]:
    return dict(con.execute("SELECT doc_id, content_hash FROM indexed_docs").fetchall())


def set_indexed(con: Con, docs: Mapping[str, str | None], removed: Iterable[str]) -> None:
    delete_where_in(con, "indexed_docs", "doc_id", [*docs, *removed])
    live = {d: h for d, h in docs.items() if h is not None}
    if live:
        insert_arrow(con, "indexed_docs", pa.table({"doc_id": pa.array(list(live), pa.string()),
                                                    "content_hash": pa.array(list(live.values()), pa.string())}))


# ---------------------------------------------------------------- JSONL outputs

def write_corpus_jsonl(con: Con, out: Path, doc_ids: Sequence[str]) -> dict[str, int]:
    """Write ``stories.jsonl`` and ``merged_events.jsonl`` for the articles of ``doc_ids``.

    Every article of those documents is in exactly one story; an article the corpus step has
    not clustered yet gets a story of its own. A merged event is written when one of its
    reports comes from those documents.
    """
    with registered(con, "_sukien_docs", ids_table(doc_ids)):
        rows = con.execute("SELECT article_id, title, published FROM articles WHERE doc_id IN "
                           "(SELECT v FROM _sukien_docs) ORDER BY doc_id, seq").fetchall()
        has = has_corpus_tables(con)
        story_recs = [json.loads(r[0]) for r in con.execute(
            "SELECT DISTINCT s.record, s.first_published, s.story_id FROM stories s JOIN story_members m "
            "USING (story_id) JOIN articles a USING (article_id) WHERE a.doc_id IN (SELECT v FROM _sukien_docs) "
            "ORDER BY s.first_published NULLS LAST, s.story_id").fetchall()] if has else []
        merged = [json.loads(r[0]) for r in con.execute(
            "SELECT DISTINCT x.record, x.sort_key, x.event_id FROM (SELECT record, sort_key, event_id, "
            "unnest(article_ids) AS aid FROM merged_events) x JOIN articles a ON a.article_id = x.aid "
            "WHERE a.doc_id IN (SELECT v FROM _sukien_docs) ORDER BY x.sort_key, x.event_id").fetchall()] if has else []
    wanted = {r[0] for r in rows}
    stories, placed = [], set()
    for st in story_recs:
        ids = [a for a in st["article_ids"] if a in wanted]
        keep = set(ids)
        dups = [d for d in (list(x for x in g if x in keep) for g in st.get("duplicates", [])) if len(d) > 1]
        stories.append({**st, "article_ids": ids, "duplicates": dups})
        placed.update(ids)
    for aid, title, published in rows:
        if aid not in placed:
            stories.append({"story_id": "st_" + aid, "article_ids": [aid], "title": title or "",
                            "first_published": published, "duplicates": [], "stage": "corpus.clusters.v1"})
    return {"stories": _write_jsonl(out / "stories.jsonl", stories),
            "merged_events": _write_jsonl(out / "merged_events.jsonl", merged)}


def _write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    tmp = path.with_name("." + path.name + ".tmp")
    n = 0
    with tmp.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(_j(rec) + "\n")
            n += 1
    os.replace(tmp, path)
    return n
