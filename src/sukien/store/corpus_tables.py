"""Corpus-level tables in the DuckDB store: MinHash signatures and embeddings (keyed by the
article content hash, so incremental runs never recompute them), story membership, stories,
duplicate groups, merged events and the list of documents already in the search index.

Records are kept as JSON, like the per-document tables; this module imports no stage.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

CORPUS_SCHEMA = """
CREATE TABLE IF NOT EXISTS article_signatures (content_hash VARCHAR PRIMARY KEY, sig UBIGINT[]);
CREATE TABLE IF NOT EXISTS article_embeddings (
  content_hash VARCHAR, model VARCHAR, vec FLOAT[], PRIMARY KEY (content_hash, model));
CREATE TABLE IF NOT EXISTS story_members (
  article_id VARCHAR PRIMARY KEY, story_id VARCHAR, content_hash VARCHAR);
CREATE TABLE IF NOT EXISTS stories (story_id VARCHAR PRIMARY KEY, first_published VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS duplicate_groups (group_id VARCHAR PRIMARY KEY, kind VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS merged_events (
  event_id VARCHAR PRIMARY KEY, date VARCHAR, source_affiliation VARCHAR, target_affiliation VARCHAR,
  root VARCHAR, quad_class INTEGER, goldstein DOUBLE, n_sources INTEGER, negated BOOLEAN, record JSON);
CREATE TABLE IF NOT EXISTS indexed_docs (doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR);
"""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(CORPUS_SCHEMA)


def has_corpus_tables(con: duckdb.DuckDBPyConnection) -> bool:
    rows = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'merged_events'"
    ).fetchone()
    return bool(rows and rows[0])


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# ---- articles as the corpus step needs them ----
def article_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """article_id, doc_id, content_hash, published, outlet, title, actors of every article."""
    rows = con.execute(
        "SELECT article_id, doc_id, record->>'content_hash', published, outlet, title, "
        "CAST(record->'actors' AS VARCHAR) FROM articles ORDER BY doc_id, seq"
    ).fetchall()
    keys = ("article_id", "doc_id", "content_hash", "published", "outlet", "title", "actors")
    out = []
    for r in rows:
        d = dict(zip(keys, r, strict=True))
        d["actors"] = json.loads(d["actors"]) if d["actors"] else []
        d["content_hash"] = d["content_hash"] or d["article_id"]
        out.append(d)
    return out


def article_texts(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    rows = con.execute(
        "SELECT article_id, title, body FROM articles WHERE article_id IN (SELECT unnest(?))",
        [list(article_ids)],
    ).fetchall()
    return {a: (t or "", b or "") for a, t, b in rows}


# ---- signatures and embeddings ----
def load_signatures(con: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> dict[str, np.ndarray]:
    rows = con.execute(
        "SELECT content_hash, sig FROM article_signatures WHERE content_hash IN (SELECT unnest(?))",
        [list(set(hashes))],
    ).fetchall()
    return {h: np.asarray(s, dtype=np.uint64) for h, s in rows}


def save_signatures(con: duckdb.DuckDBPyConnection, sigs: Mapping[str, np.ndarray]) -> None:
    if sigs:
        con.executemany("INSERT OR REPLACE INTO article_signatures VALUES (?, ?)",
                        [[h, [int(x) for x in s]] for h, s in sigs.items()])


def load_embeddings(con: duckdb.DuckDBPyConnection, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
    rows = con.execute(
        "SELECT content_hash, vec FROM article_embeddings WHERE model = ? "
        "AND content_hash IN (SELECT unnest(?))", [model, list(set(hashes))],
    ).fetchall()
    return {h: np.asarray(v, dtype=np.float32) for h, v in rows}


def save_embeddings(con: duckdb.DuckDBPyConnection, model: str, vecs: Mapping[str, np.ndarray]) -> None:
    if vecs:
        con.executemany("INSERT OR REPLACE INTO article_embeddings VALUES (?, ?, ?)",
                        [[h, model, v.astype(float).tolist()] for h, v in vecs.items()])


# ---- stories ----
def story_members(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """article_id → (story_id, content_hash) of the articles already clustered."""
    rows = con.execute("SELECT article_id, story_id, content_hash FROM story_members").fetchall()
    return {a: (s, h) for a, s, h in rows}


def replace_stories(
    con: duckdb.DuckDBPyConnection, members: Mapping[str, tuple[str, str]],
    stories: Sequence[dict[str, Any]], groups: Sequence[dict[str, Any]],
) -> None:
    con.execute("DELETE FROM story_members")
    if members:
        con.executemany("INSERT INTO story_members VALUES (?, ?, ?)",
                        [[a, s, h] for a, (s, h) in members.items()])
    con.execute("DELETE FROM stories")
    if stories:
        con.executemany("INSERT INTO stories VALUES (?, ?, ?)",
                        [[s["story_id"], s["first_published"], _j(s)] for s in stories])
    con.execute("DELETE FROM duplicate_groups")
    if groups:
        con.executemany("INSERT INTO duplicate_groups VALUES (?, ?, ?)",
                        [[g["group_id"], g["kind"], _j(g)] for g in groups])


def replace_merged(con: duckdb.DuckDBPyConnection, merged: Sequence[dict[str, Any]]) -> None:
    con.execute("DELETE FROM merged_events")
    if merged:
        con.executemany(
            "INSERT INTO merged_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[m["event_id"], m["date"], m["source_affiliation"], m["target_affiliation"], m["root"],
              m["quad_class"], m["goldstein"], m["n_sources"], m["negated"], _j(m)] for m in merged],
        )


def json_records(con: duckdb.DuckDBPyConnection, table: str) -> Iterator[dict[str, Any]]:
    """Every record of a corpus table (stories, merged_events, duplicate_groups)."""
    order = {"stories": "first_published NULLS LAST, story_id", "duplicate_groups": "group_id",
             "merged_events": "date NULLS LAST, event_id"}[table]
    if not has_corpus_tables(con):
        return
    cur = con.execute(f"SELECT record FROM {table} ORDER BY {order}")
    while batch := cur.fetchmany(1000):
        for (rec,) in batch:
            yield json.loads(rec)


# ---- search-index bookkeeping ----
def indexed_docs(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT doc_id, content_hash FROM indexed_docs").fetchall())


def set_indexed(con: duckdb.DuckDBPyConnection, docs: Mapping[str, str | None], removed: Iterable[str]) -> None:
    ids = list(docs) + list(removed)
    if ids:
        con.execute("DELETE FROM indexed_docs WHERE doc_id IN (SELECT unnest(?))", [ids])
    live = [[d, h] for d, h in docs.items() if h is not None]
    if live:
        con.executemany("INSERT INTO indexed_docs VALUES (?, ?)", live)


def write_corpus_jsonl(con: duckdb.DuckDBPyConnection, out: Path, doc_ids: Sequence[str]) -> dict[str, int]:
    """Write ``stories.jsonl`` and ``merged_events.jsonl`` for the articles of ``doc_ids``.

    Every article of those documents is in exactly one story; an article the corpus step has
    not clustered yet gets a story of its own. A merged event is written when one of its
    reports comes from those documents.
    """
    rows = con.execute(
        "SELECT article_id, title, published FROM articles WHERE doc_id IN (SELECT unnest(?)) "
        "ORDER BY doc_id, seq", [list(doc_ids)],
    ).fetchall()
    wanted = {r[0]: r for r in rows}
    stories = []
    placed: set[str] = set()
    for st in json_records(con, "stories"):
        ids = [a for a in st["article_ids"] if a in wanted]
        if ids:
            keep = set(ids)
            dups = [d for d in (list(x for x in g if x in keep) for g in st.get("duplicates", [])) if len(d) > 1]
            stories.append({**st, "article_ids": ids, "duplicates": dups})
            placed.update(ids)
    for aid, title, published in rows:
        if aid not in placed:
            stories.append({"story_id": "st_" + aid, "article_ids": [aid], "title": title or "",
                            "first_published": published, "duplicates": [], "stage": "corpus.clusters.v1"})
    counts = {"stories": _write_jsonl(out / "stories.jsonl", stories)}
    merged = [m for m in json_records(con, "merged_events") if any(a in wanted for a in m["article_ids"])]
    counts["merged_events"] = _write_jsonl(out / "merged_events.jsonl", merged)
    return counts


def _write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    tmp = path.with_name("." + path.name + ".tmp")
    n = 0
    with tmp.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(_j(rec) + "\n")
            n += 1
    os.replace(tmp, path)
    return n
