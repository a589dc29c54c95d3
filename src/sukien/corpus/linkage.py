"""Average-link (UPGMA) clustering over a sparse similarity graph.

Nodes are articles or groups already formed (a near-duplicate group, a stored story) with a
size; an edge carries the *sum* of the similarities between the two nodes' members (for two
articles, their similarity). Pairs without an edge count as similarity 0 — they are the
pairs outside the time window or below the candidate floor. Two clusters merge, most
similar first, while their average similarity (edge sum / product of sizes) reaches the
threshold, exactly as in dense average-link over that sparse matrix.

Since an average is at most its largest term, two clusters can only merge when one of
their member pairs reaches the threshold: the final clusters lie inside the connected
components of the graph of such pairs, and the work and memory follow the sparse graph
(O(edges) per round), never N².

``locked`` nodes (stored stories) never merge with each other: new articles may join one,
and a new article cannot fuse two old stories.
"""

from __future__ import annotations

import numpy as np

from sukien.corpus.neighbours import Pairs


def average_link(
    n: int, pairs: Pairs, threshold: float, sizes: np.ndarray | None = None, locked: np.ndarray | None = None,
) -> np.ndarray:
    """Cluster label of each node (labels are the smallest node index of each cluster).

    Merges in rounds (reciprocal nearest neighbours, RAC: Sumengen et al. 2021): in each
    round every pair of clusters that are each other's most similar mergeable neighbour, at
    an average of at least ``threshold``, merges; the edge sums are then added up per new
    cluster. Average link is reducible, so this gives the same clusters as merging one best
    pair at a time, and every round is a few array operations over the edges.
    """
    size = np.ones(n, dtype=np.float64) if sizes is None else np.asarray(sizes, dtype=np.float64).copy()
    lock = np.zeros(n, dtype=bool) if locked is None else np.asarray(locked, dtype=bool).copy()
    cluster = np.arange(n, dtype=np.int64)
    i, j, s = pairs.i, pairs.j, pairs.sim.astype(np.float64)
    m = n
    while len(i):
        avg = s / (size[i] * size[j])
        ok = (avg >= threshold) & ~(lock[i] & lock[j])
        if not ok.any():
            break
        best = _best_neighbour(m, i[ok], j[ok], avg[ok])
        idx = np.arange(m)
        mate = best >= 0
        recip = mate & (best[np.where(mate, best, 0)] == idx) & (idx < best)
        target = idx.copy()
        target[best[recip]] = idx[recip]
        keep, target = np.unique(target, return_inverse=True)
        cluster = target[cluster]
        size = np.bincount(target, weights=size)
        lock = np.bincount(target, weights=lock.astype(np.float64)) > 0
        m = len(keep)
        i, j, s = _contract(target[i], target[j], s)
    first = np.full(m, n, dtype=np.int64)
    np.minimum.at(first, cluster, np.arange(n))
    return first[cluster]


def _best_neighbour(m: int, i: np.ndarray, j: np.ndarray, avg: np.ndarray) -> np.ndarray:
    """For each of ``m`` clusters, its neighbour of highest average (ties: lowest id), or -1."""
    best_val = np.full(m, -np.inf)
    np.maximum.at(best_val, i, avg)
    np.maximum.at(best_val, j, avg)
    none = np.iinfo(np.int64).max
    best = np.full(m, none, dtype=np.int64)
    at_i = avg == best_val[i]
    np.minimum.at(best, i[at_i], j[at_i])
    at_j = avg == best_val[j]
    np.minimum.at(best, j[at_j], i[at_j])
    best[best == none] = -1
    return best


def _contract(i: np.ndarray, j: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges between merged clusters: sums added per (min, max) pair, inner edges dropped."""
    keep = i != j
    lo, hi, s = np.minimum(i, j)[keep], np.maximum(i, j)[keep], s[keep]
    if len(lo) == 0:
        return lo, hi, s
    width = int(hi.max()) + 1
    key = lo.astype(np.int64) * width + hi
    uniq, inv = np.unique(key, return_inverse=True)
    sums = np.bincount(inv, weights=s)
    return (uniq // width).astype(np.int32), (uniq % width).astype(np.int32), sums
