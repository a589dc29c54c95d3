"""Candidate pairs for story clustering, bounded by time and by neighbours — never all pairs.

Articles are sorted by publication day; each block of consecutive articles is compared only
with the articles published within ``window`` days of it (and with undated ones: an article
without a day can belong with any other). Per article, the ``k`` most similar partners at or
above ``floor`` are kept, so the result — a sparse graph — holds at most ``2·k`` pairs per
article and the memory is O(N·k) whatever the corpus size. Comparisons are blocked
(``block`` rows × ``col_block`` columns at a time), so no N×N matrix is ever built.

Vectors are rows of a CSR matrix (TF-IDF) or of a dense array (embeddings), L2-normalised.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from scipy import sparse

UNDATED = -1  # the day of an article without a day-precise publication date

Matrix = sparse.csr_matrix | np.ndarray


@dataclass(frozen=True)
class Pairs:
    """Undirected weighted pairs ``i < j`` (indices into the input rows)."""

    i: np.ndarray  # int32 (or int64)
    j: np.ndarray
    sim: np.ndarray  # float32

    def __len__(self) -> int:
        return len(self.i)

    @classmethod
    def empty(cls) -> Pairs:
        return cls(np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.float32))


def similarity_block(a: Matrix, bt: Matrix, floor: float) -> sparse.csr_matrix:
    """``a @ bt`` (``bt``: the other side, already transposed) with the entries below
    ``floor`` dropped, as CSR."""
    if sparse.issparse(a):
        prod = sparse.csr_matrix(a @ bt)
    else:
        prod = np.asarray(a) @ np.asarray(bt)
        prod[prod < floor] = 0.0
        return sparse.csr_matrix(prod)
    prod.data[prod.data < floor] = 0.0
    prod.eliminate_zeros()
    return prod


class _Transposed:
    """Transposed column ranges of the sorted matrix, kept for the ranges that recur (the
    undated articles, the whole matrix): transposing is as costly as the product itself."""

    def __init__(self, mat: Matrix) -> None:
        self.mat = mat
        self.cache: dict[tuple[int, int], Matrix] = {}

    def get(self, a: int, b: int, keep: bool) -> Matrix:
        hit = self.cache.get((a, b))
        if hit is not None:
            return hit
        part = self.mat[a:b]
        t = part.T.tocsr() if sparse.issparse(part) else np.ascontiguousarray(np.asarray(part).T)
        if keep:
            self.cache[(a, b)] = t
        return t


def top_k(i: np.ndarray, j: np.ndarray, s: np.ndarray, k: int) -> np.ndarray:
    """Mask of the entries that are among the ``k`` highest of their row ``i`` (ties by ``j``)."""
    if len(i) == 0:
        return np.zeros(0, bool)
    order = np.lexsort((j, -s, i))
    si = i[order]
    starts = np.flatnonzero(np.r_[True, si[1:] != si[:-1]])
    rank = np.arange(len(si)) - np.repeat(starts, np.diff(np.r_[starts, len(si)]))
    keep = np.zeros(len(i), bool)
    keep[order[rank < k]] = True
    return keep


def csr_top_k(m: sparse.csr_matrix, k: int) -> sparse.csr_matrix:
    """``m`` with only the ``k`` largest entries of each row kept."""
    counts = np.diff(m.indptr)
    if counts.max(initial=0) <= k:
        return m
    keep = np.ones(m.nnz, dtype=bool)
    for r in np.flatnonzero(counts > k).tolist():
        a, b = m.indptr[r], m.indptr[r + 1]
        row = m.data[a:b]
        drop = np.argpartition(-row, k)[k:]
        keep[a + drop] = False
    rows = np.repeat(np.arange(m.shape[0]), counts)[keep]
    return sparse.csr_matrix((m.data[keep], (rows, m.indices[keep])), shape=m.shape)


def _block_pairs(rows: Matrix, cols: _Transposed, days_sorted: np.ndarray, start: int,
                 ranges: list[tuple[int, int]], window: int, k: int, floor: float,
                 col_block: int, n_dated: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The k best partners (within the window, above the floor) of each row of a block."""
    parts = []
    row_days = days_sorted[start : start + rows.shape[0]]
    for a, b in ranges:
        for c0 in range(a, b, col_block):
            c1 = min(c0 + col_block, b)
            m = similarity_block(rows, cols.get(c0, c1, keep=c0 >= n_dated or b - a == len(days_sorted)), floor)
            r = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
            di, dj = row_days[r], days_sorted[m.indices + c0]
            bad = (r + start == m.indices + c0) | ((di != UNDATED) & (dj != UNDATED) & (np.abs(di - dj) > window))
            if bad.any():
                m.data[bad] = 0.0
                m.eliminate_zeros()
            m = csr_top_k(m, k).tocoo()
            parts.append((m.row.astype(np.int64) + start, m.col.astype(np.int64) + c0, m.data.astype(np.float32)))
    i = np.concatenate([p[0] for p in parts])
    j = np.concatenate([p[1] for p in parts])
    s = np.concatenate([p[2] for p in parts])
    if len(parts) > 1:  # the k best over all column chunks
        keep = top_k(i, j, s, k)
        i, j, s = i[keep], j[keep], s[keep]
    return i, j, s


def _col_ranges(days_sorted: np.ndarray, n_dated: int, n: int, lo: int, hi: int, window: int,
                dated_rows: bool) -> list[tuple[int, int]]:
    """Column ranges (in sorted order) a block of rows with days ``lo..hi`` is compared with."""
    if not dated_rows:
        return [(0, n)]
    a = int(np.searchsorted(days_sorted[:n_dated], lo - window, side="left"))
    b = int(np.searchsorted(days_sorted[:n_dated], hi + window, side="right"))
    return [(a, b), (n_dated, n)]


def _blocks(n_dated: int, n: int, block: int) -> Iterator[tuple[int, int]]:
    for start in range(0, n_dated, block):
        yield start, min(start + block, n_dated)
    for start in range(n_dated, n, block):
        yield start, min(start + block, n)


def neighbour_pairs(
    vectors: Matrix, days: np.ndarray, *, window: int, k: int, floor: float,
    block: int = 512, col_block: int = 1 << 20,
) -> Pairs:
    """The pairs of articles within ``window`` days whose similarity is at least ``floor``
    and is among the ``k`` highest of one of the two articles."""
    n = vectors.shape[0]
    if n < 2:
        return Pairs.empty()
    days = np.asarray(days, dtype=np.int64)
    key = np.where(days == UNDATED, np.iinfo(np.int64).max, days)
    order = np.argsort(key, kind="stable")
    mat = vectors[order]
    days_sorted = days[order]
    n_dated = int(np.sum(days != UNDATED))
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    cols = _Transposed(mat)
    for start, stop in _blocks(n_dated, n, block):
        ranges = _col_ranges(days_sorted, n_dated, n, int(days_sorted[start]), int(days_sorted[stop - 1]),
                             window, start < n_dated)
        i, j, s = _block_pairs(mat[start:stop], cols, days_sorted, start, ranges, window, k, floor, col_block,
                               n_dated)
        i, j = order[i], order[j]  # back to input indices, (min, max), compact
        found.append((np.minimum(i, j).astype(np.int32), np.maximum(i, j).astype(np.int32), s))
    i = np.concatenate([f[0] for f in found])
    j = np.concatenate([f[1] for f in found])
    s = np.concatenate([f[2] for f in found])
    return unique_pairs(i, j, s)


def unique_pairs(i: np.ndarray, j: np.ndarray, s: np.ndarray) -> Pairs:
    """``Pairs`` with each unordered pair once, as (min, max) in ``int32`` (the two directions
    of a pair carry the same similarity; the first one met is kept)."""
    if len(i) == 0:
        return Pairs.empty()
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    width = int(hi.max()) + 1
    _, first = np.unique(lo.astype(np.int64) * width + hi, return_index=True)
    return Pairs(lo[first].astype(np.int32), hi[first].astype(np.int32), s[first].astype(np.float32))
