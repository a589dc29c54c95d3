"""Story clusters: average-link clustering of articles over a sparse graph of candidate
pairs (``neighbours``: within a time window, k nearest, above a floor), with near-duplicates
as must-links and stored stories as fixed nodes (``linkage``).

New articles are clustered together with the stored stories they could join: a story enters
as one node whose size is its number of articles and whose similarity to an article is the
dot product of the article's vector with the story's vector sum (the exact sum of the
article's similarities to the story's members). Stories never merge with each other, so
old story ids stay stable and only stories that gain or lose articles are rewritten.

The rule is general; its parameters were tuned on half of vn-mds-baomoi-2013 and reported
on the other half (see ``benchmarks/bench_clusters.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy import sparse

from sukien.corpus.linkage import average_link
from sukien.corpus.neighbours import UNDATED, Pairs, neighbour_pairs, top_k, unique_pairs
from sukien.corpus.tfidf import Vec, to_matrix


@dataclass(frozen=True)
class ClusterParams:
    # TF-IDF settings, tuned on half A of vn-mds-baomoi-2013 (benchmarks/bench_clusters.py)
    threshold: float = 0.0625  # average similarity at which groups merge
    window_days: int = 2  # articles published further apart are not compared
    floor: float = 0.05  # candidate pairs below this similarity are dropped (count as 0)
    neighbours: int = 30  # candidate partners kept per article (k)


def day_ordinal(iso: str | None) -> int | None:
    """Ordinal of a day-precision ISO date, else None.

    >>> day_ordinal("2026-03-01") - day_ordinal("2026-02-27")
    2
    >>> day_ordinal("2026-03") is None
    True
    """
    if not iso or len(iso) < 10 or iso.startswith("--"):
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def days_array(days: Sequence[int | None]) -> np.ndarray:
    return np.array([UNDATED if d is None else d for d in days], dtype=np.int64)


@dataclass(frozen=True)
class StoryNodes:
    """Stored stories an update may attach articles to."""

    ids: list[str]
    sizes: np.ndarray  # number of articles
    first_day: np.ndarray  # UNDATED when no member has a day
    last_day: np.ndarray
    sums: list[Vec] = field(default_factory=list)  # vector sums of the members

    @classmethod
    def empty(cls) -> StoryNodes:
        z = np.zeros(0, dtype=np.int64)
        return cls([], np.zeros(0), z, z)


def aggregate(i: np.ndarray, j: np.ndarray, s: np.ndarray) -> Pairs:
    """Pairs summed over duplicates, each as (min, max); self pairs dropped."""
    keep = i != j
    lo, hi, s = np.minimum(i, j)[keep], np.maximum(i, j)[keep], s[keep].astype(np.float64)
    if len(lo) == 0:
        return Pairs.empty()
    key = lo * (int(max(hi.max(), lo.max())) + 1) + hi
    uniq, inv = np.unique(key, return_inverse=True)
    sums = np.bincount(inv, weights=s)
    first = np.zeros(len(uniq), dtype=np.int64)
    first[inv[::-1]] = np.arange(len(inv))[::-1]
    return Pairs(lo[first], hi[first], sums.astype(np.float32))


def story_pairs(x: sparse.csr_matrix, days: np.ndarray, stories: StoryNodes, columns: np.ndarray,
                params: ClusterParams, block: int = 512) -> Pairs:
    """(article, story) pairs: ``sim`` is the article's similarity summed over the story's
    members; kept when the average reaches the floor, within the window, k best per article."""
    if not stories.ids or x.shape[0] == 0:
        return Pairs.empty()
    c, _ = to_matrix(stories.sums, columns=columns)
    out_i, out_j, out_s = [], [], []
    for start in range(0, x.shape[0], block):
        prod = (x[start : start + block] @ c.T).tocoo()
        i, j, s = prod.row.astype(np.int64) + start, prod.col.astype(np.int64), prod.data
        avg = s / stories.sizes[j]
        d, lo, hi = days[i], stories.first_day[j], stories.last_day[j]
        ok = (avg >= params.floor) & ((d == UNDATED) | (lo == UNDATED) | (
            (d >= lo - params.window_days) & (d <= hi + params.window_days)))
        i, j, s, avg = i[ok], j[ok], s[ok], avg[ok]
        keep = top_k(i, j, avg.astype(np.float32), params.neighbours)
        out_i.append(i[keep])
        out_j.append(j[keep])
        out_s.append(s[keep])
    return Pairs(np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s).astype(np.float32))


Rescore = Callable[[Pairs], Pairs]


@dataclass(frozen=True)
class Assignment:
    labels: np.ndarray  # cluster of each new article (the smallest article index of its cluster)
    story: dict[int, str]  # cluster label → the stored story it joins (absent: a new story)
    n_pairs: int = 0  # candidate pairs between articles


def assign(
    vecs: Sequence[Vec], days: np.ndarray, params: ClusterParams, groups: Sequence[Sequence[int]] = (),
    stories: StoryNodes | None = None, rescore: Rescore | None = None,
) -> Assignment:
    """Cluster new articles (``vecs``, ``days``) among themselves and into stored ``stories``.

    ``groups`` (indices into ``vecs``) are near-duplicates: each starts as one node.
    ``rescore`` may change the similarity of candidate pairs (e.g. with embeddings).
    """
    if len(vecs) == 0:
        return Assignment(np.zeros(0, dtype=np.int64), {})
    x, columns = to_matrix(vecs)
    return assign_matrix(x, columns, days, params, groups, stories, rescore)


def assign_matrix(
    x: sparse.csr_matrix, columns: np.ndarray, days: np.ndarray, params: ClusterParams,
    groups: Sequence[Sequence[int]] = (), stories: StoryNodes | None = None, rescore: Rescore | None = None,
) -> Assignment:
    """``assign`` over the articles' vectors as the rows of ``x`` (columns: the term of each column)."""
    n = x.shape[0]
    stories = stories or StoryNodes.empty()
    unit = np.arange(n, dtype=np.int64)
    for g in groups:
        unit[list(g)] = min(g)
    roots, unit = np.unique(unit, return_inverse=True)
    n_units = len(roots)
    pairs = neighbour_pairs(x, days, window=params.window_days, k=params.neighbours, floor=params.floor)
    if rescore is not None and len(pairs):
        pairs = rescore(pairs)
    # article pairs → unit pairs (sums over near-duplicate groups); without groups, as they are
    between = pairs if n_units == n else aggregate(unit[pairs.i], unit[pairs.j], pairs.sim)
    sp = story_pairs(x, days, stories, columns, params)
    to_story = aggregate(unit[sp.i], sp.j + n_units, sp.sim)
    edges = Pairs(np.concatenate([between.i, to_story.i]), np.concatenate([between.j, to_story.j]),
                  np.concatenate([between.sim, to_story.sim]))
    sizes = np.concatenate([np.bincount(unit, minlength=n_units).astype(np.float64), stories.sizes])
    locked = np.concatenate([np.zeros(n_units, bool), np.ones(len(stories.ids), bool)])
    labels = average_link(n_units + len(stories.ids), edges, params.threshold, sizes, locked)
    joined = {int(labels[n_units + k]): sid for k, sid in enumerate(stories.ids)}
    unit_label = labels[:n_units]
    first = np.full(n_units + len(stories.ids), n, dtype=np.int64)  # smallest article index per label
    np.minimum.at(first, unit_label[unit], np.arange(n))
    art_labels = first[unit_label[unit]]
    story = {int(first[lab]): sid for lab, sid in joined.items() if first[lab] < n}
    return Assignment(art_labels, story, len(pairs))


def cluster_vectors(vecs: Sequence[Vec], days: Sequence[int | None], params: ClusterParams,
                    groups: Sequence[Sequence[int]] = ()) -> list[int]:
    """Story labels (0, 1, … in order of first appearance) of a batch of articles."""
    labels = assign(vecs, days_array(days), params, groups).labels
    first: dict[int, int] = {}
    return [first.setdefault(int(x), len(first)) for x in labels]


def dense_vecs(matrix: np.ndarray) -> list[Vec]:
    """Rows of a dense matrix (embeddings) as ``Vec`` pairs over the dimensions."""
    dims = np.arange(matrix.shape[1], dtype=np.uint64)
    return [(dims, np.asarray(row, dtype=np.float32)) for row in matrix]


__all__ = ["Assignment", "ClusterParams", "StoryNodes", "assign", "assign_matrix", "cluster_vectors", "day_ordinal",
           "dense_vecs", "unique_pairs"]
