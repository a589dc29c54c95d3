"""The corpus stage's persistent state in the DuckDB store: the near-duplicate index
(MinHash signatures and LSH band keys per article), TF-IDF document frequencies, cached
embeddings, and story centroids (vector sums and counts).

Everything is appended or replaced in bulk from Arrow tables (one statement per table and
update, never a row at a time), and read back as numpy arrays. This module imports no stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

Con = duckdb.DuckDBPyConnection
Vec = tuple[np.ndarray, np.ndarray]

STATE_SCHEMA = """
CREATE TABLE IF NOT EXISTS dup_signatures (article_id VARCHAR, content_hash VARCHAR, sig UINTEGER[]);
CREATE TABLE IF NOT EXISTS dup_bands (band UTINYINT, key UBIGINT, article_id VARCHAR);
CREATE TABLE IF NOT EXISTS term_df (term UBIGINT, df INTEGER);
CREATE TABLE IF NOT EXISTS corpus_counters (name VARCHAR PRIMARY KEY, value BIGINT);
CREATE TABLE IF NOT EXISTS article_embeddings (content_hash VARCHAR, model VARCHAR, vec FLOAT[]);
CREATE TABLE IF NOT EXISTS story_centroids (story_id VARCHAR, n INTEGER, terms UBIGINT[], weights FLOAT[]);
"""


# ---------------------------------------------------------------- Arrow helpers

@contextmanager
def registered(con: Con, name: str, data: pa.Table) -> Iterator[None]:
    """``data`` visible to SQL as ``name`` for the duration of the block.

    A result left unfetched by an earlier ``execute`` (e.g. after ``fetchone``) is dropped
    first: DuckDB refuses to register while one is pending.
    """
    con.abort()
    con.register(name, data)
    try:
        yield
    finally:
        con.unregister(name)


def ids_table(values: Iterable[str]) -> pa.Table:
    return pa.table({"v": pa.array(sorted(set(values)), pa.string())})


def arrow_query(con: Con, query: str, params: Sequence[Any] = ()) -> pa.Table:
    """The result of ``query`` as an Arrow table (no row-by-row conversion)."""
    con.abort()
    return con.sql(query, params=list(params) or None).to_arrow_table()


def insert_arrow(con: Con, table: str, data: pa.Table) -> None:
    """Append ``data`` (columns in the table's order) with one statement."""
    if data.num_rows == 0:
        return
    with registered(con, "_sukien_rows", data):
        con.execute(f"INSERT INTO {table} SELECT * FROM _sukien_rows")


def delete_where_in(con: Con, table: str, column: str, values: Iterable[str]) -> None:
    """``DELETE FROM table WHERE column IN values`` with the values passed as an Arrow table."""
    ids = ids_table(values)
    if ids.num_rows == 0:
        return
    with registered(con, "_sukien_ids", ids):
        con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT v FROM _sukien_ids)")


def list_array(values: Sequence[np.ndarray], dtype: pa.DataType) -> pa.ListArray:
    """An Arrow list column from numpy arrays (one list per row), built without Python loops."""
    lengths = np.fromiter((len(v) for v in values), dtype=np.int32, count=len(values))
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
    flat = np.concatenate(values) if len(values) else np.zeros(0)
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(flat, type=dtype))


def list_column(table: pa.Table, name: str, dtype: Any) -> list[np.ndarray]:
    """A list column of a query result as numpy arrays (views on one flat buffer)."""
    col = table.column(name).combine_chunks()
    if len(col) == 0:
        return []
    offsets = col.offsets.to_numpy()
    flat = col.values.to_numpy(zero_copy_only=False).astype(dtype, copy=False)
    return [flat[offsets[k] : offsets[k + 1]] for k in range(len(col))]


# ---------------------------------------------------------------- near-duplicate index

def save_signatures(con: Con, article_ids: Sequence[str], hashes: Sequence[str], sigs: np.ndarray,
                    keys: np.ndarray) -> None:
    """Signatures (``uint32[n, 128]``) and band keys (``uint64[n, bands]``) of new articles."""
    if not article_ids:
        return
    insert_arrow(con, "dup_signatures", pa.table({
        "article_id": pa.array(article_ids, pa.string()), "content_hash": pa.array(hashes, pa.string()),
        "sig": list_array(list(sigs), pa.uint32())}))
    n, bands = keys.shape
    insert_arrow(con, "dup_bands", pa.table({
        "band": pa.array(np.tile(np.arange(bands, dtype=np.uint8), n)),
        "key": pa.array(keys.reshape(-1)),
        "article_id": pa.array(np.repeat(np.asarray(article_ids, dtype=object), bands), pa.string())}))


def band_candidates(con: Con, article_ids: Sequence[str], keys: np.ndarray) -> list[tuple[str, str]]:
    """(new article, stored article) pairs sharing an LSH band (a join on the stored index)."""
    if not article_ids:
        return []
    n, bands = keys.shape
    probe = pa.table({"band": pa.array(np.tile(np.arange(bands, dtype=np.uint8), n)),
                      "key": pa.array(keys.reshape(-1)),
                      "article_id": pa.array(np.repeat(np.asarray(article_ids, dtype=object), bands), pa.string())})
    with registered(con, "_sukien_probe", probe):
        rows = con.execute(
            "SELECT DISTINCT p.article_id, b.article_id FROM _sukien_probe p "
            "JOIN dup_bands b ON b.band = p.band AND b.key = p.key WHERE b.article_id <> p.article_id"
        ).fetchall()
    return [(a, b) for a, b in rows]


def load_signatures(con: Con, article_ids: Iterable[str]) -> dict[str, tuple[str, np.ndarray]]:
    """article_id → (content hash, signature) of stored articles."""
    with registered(con, "_sukien_ids", ids_table(article_ids)):
        tbl = arrow_query(con, "SELECT article_id, content_hash, sig FROM dup_signatures "
                          "WHERE article_id IN (SELECT v FROM _sukien_ids)")
    sigs = list_column(tbl, "sig", np.uint32)
    return {a: (h, s) for a, h, s in zip(tbl.column("article_id").to_pylist(),
                                          tbl.column("content_hash").to_pylist(), sigs, strict=True)}


def delete_signatures(con: Con, article_ids: Iterable[str]) -> None:
    ids = list(article_ids)
    delete_where_in(con, "dup_signatures", "article_id", ids)
    delete_where_in(con, "dup_bands", "article_id", ids)


# ---------------------------------------------------------------- document frequencies

def load_df(con: Con) -> tuple[np.ndarray, np.ndarray, int]:
    """(terms, counts, number of documents) — the appended deltas summed, compacted when
    they have grown to twice the number of distinct terms."""
    tbl = arrow_query(con, "SELECT term, sum(df)::BIGINT AS df FROM term_df GROUP BY term ORDER BY term")
    terms = tbl.column("term").to_numpy().astype(np.uint64)
    counts = tbl.column("df").to_numpy().astype(np.int64)
    docs = con.execute("SELECT value FROM corpus_counters WHERE name = 'df_docs'").fetchall()
    n_rows = con.execute("SELECT count(*) FROM term_df").fetchall()[0][0]
    if n_rows > 2 * max(len(terms), 1):
        con.execute("DELETE FROM term_df")
        _append_df(con, terms, counts)
    return terms, counts, int(docs[0][0]) if docs else 0


def _append_df(con: Con, terms: np.ndarray, counts: np.ndarray) -> None:
    insert_arrow(con, "term_df", pa.table({"term": pa.array(terms.astype(np.uint64)),
                                           "df": pa.array(counts.astype(np.int32))}))


def add_df(con: Con, term_sets: Sequence[np.ndarray]) -> None:
    """Append the document frequencies of new documents (one array of distinct terms each)."""
    if not term_sets:
        return
    terms, counts = np.unique(np.concatenate(term_sets), return_counts=True)
    _append_df(con, terms, counts)
    con.execute("INSERT INTO corpus_counters VALUES ('df_docs', ?) "
                "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value", [len(term_sets)])


# ---------------------------------------------------------------- embeddings cache

def load_embeddings(con: Con, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
    with registered(con, "_sukien_ids", ids_table(hashes)):
        tbl = arrow_query(con, "SELECT content_hash, vec FROM article_embeddings WHERE model = ? "
                          "AND content_hash IN (SELECT v FROM _sukien_ids)", [model])
    return dict(zip(tbl.column("content_hash").to_pylist(), list_column(tbl, "vec", np.float32), strict=True))


def save_embeddings(con: Con, model: str, vecs: Mapping[str, np.ndarray]) -> None:
    if vecs:
        insert_arrow(con, "article_embeddings", pa.table({
            "content_hash": pa.array(list(vecs), pa.string()), "model": pa.array([model] * len(vecs), pa.string()),
            "vec": list_array([np.asarray(v, np.float32) for v in vecs.values()], pa.float32())}))


# ---------------------------------------------------------------- story centroids

def load_centroids(con: Con, where: str = "TRUE", params: Sequence[Any] = ()) -> tuple[list[str], np.ndarray, list[Vec]]:
    """Story ids, member counts and vector sums of the stories passing ``where`` (over
    ``stories s``)."""
    tbl = arrow_query(
        con, "SELECT c.story_id, c.n, c.terms, c.weights FROM story_centroids c JOIN stories s USING (story_id) "
        f"WHERE {where} ORDER BY c.story_id", params)
    ids = tbl.column("story_id").to_pylist()
    terms = list_column(tbl, "terms", np.uint64)
    weights = list_column(tbl, "weights", np.float32)
    return ids, tbl.column("n").to_numpy().astype(np.float64), list(zip(terms, weights, strict=True))


def replace_centroids(con: Con, centroids: Mapping[str, tuple[int, Vec]], removed: Iterable[str] = ()) -> None:
    delete_where_in(con, "story_centroids", "story_id", [*centroids, *removed])
    if centroids:
        insert_arrow(con, "story_centroids", pa.table({
            "story_id": pa.array(list(centroids), pa.string()),
            "n": pa.array([n for n, _ in centroids.values()], pa.int32()),
            "terms": list_array([v[0] for _, v in centroids.values()], pa.uint64()),
            "weights": list_array([v[1] for _, v in centroids.values()], pa.float32())}))
