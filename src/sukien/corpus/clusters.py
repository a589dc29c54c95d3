"""Story clusters: average-link agglomerative clustering over embedding cosine similarity,
restricted to a time window, with actor overlap as an optional bonus and duplicates as
must-links.

The rule is general; its threshold was tuned on vn-mds-baomoi-2013 (see
``benchmarks/bench_clusters.py``, which prints the sweep). Incremental runs keep old
stories fixed: new articles are clustered among themselves first, then each new group
joins the old story it is closest to (average link) when that clears the same threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

FAR = 2.0  # cosine distance given to pairs outside the time window


@dataclass(frozen=True)
class ClusterParams:
    threshold: float = 0.88  # cosine similarity at which groups merge (average link)
    window_days: int = 3  # articles published further apart are not linked
    actor_bonus: float = 0.0  # added similarity x Jaccard overlap of the articles' actors


@dataclass(frozen=True)
class ClusterItem:
    article_id: str
    day: int | None  # publication day (proleptic ordinal), None when unknown
    actors: frozenset[str] = frozenset()


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


def distances(
    a: Sequence[ClusterItem], va: np.ndarray, b: Sequence[ClusterItem], vb: np.ndarray,
    params: ClusterParams,
) -> np.ndarray:
    """Cosine distance between every item of ``a`` and of ``b`` with window and actor rules."""
    sim = va @ vb.T
    if params.actor_bonus:
        sim = sim + params.actor_bonus * _jaccard(a, b)
    dist = np.clip(1.0 - sim, 0.0, FAR)
    da = np.array([x.day if x.day is not None else np.nan for x in a], dtype=float)
    db = np.array([x.day if x.day is not None else np.nan for x in b], dtype=float)
    gap = np.abs(da[:, None] - db[None, :])
    dist[np.nan_to_num(gap, nan=0.0) > params.window_days] = FAR
    return dist


def _jaccard(a: Sequence[ClusterItem], b: Sequence[ClusterItem]) -> np.ndarray:
    out = np.zeros((len(a), len(b)), dtype=np.float32)
    for i, x in enumerate(a):
        if not x.actors:
            continue
        for j, y in enumerate(b):
            if y.actors:
                out[i, j] = len(x.actors & y.actors) / len(x.actors | y.actors)
    return out


def cluster_items(
    items: Sequence[ClusterItem], vectors: np.ndarray, params: ClusterParams,
    must_link: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """Label (0, 1, …) of each item: average-link clusters cut at ``params.threshold``."""
    n = len(items)
    if n == 0:
        return []
    if n == 1:
        return [0]
    dist = distances(items, vectors, items, vectors, params)
    for i, j in must_link:
        dist[i, j] = dist[j, i] = 0.0
    dist = (dist + dist.T) / 2.0
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    raw = fcluster(tree, t=1.0 - params.threshold, criterion="distance")
    first: dict[int, int] = {}
    return [first.setdefault(int(r), len(first)) for r in raw]


def assign_new(
    old: Sequence[ClusterItem], old_vectors: np.ndarray, old_labels: Sequence[str],
    new: Sequence[ClusterItem], new_vectors: np.ndarray, params: ClusterParams,
    must_link: Sequence[tuple[int, int]] = (),
) -> tuple[list[int], list[str | None]]:
    """Labels of the new items clustered among themselves, and for each new item the old
    story it joins (None when its group starts a new story).

    New items are first clustered among themselves (``must_link`` indexes into ``new``);
    each new group then joins the old story with the highest average similarity if that
    reaches the threshold.
    """
    labels = cluster_items(new, new_vectors, params, must_link)
    out: list[str | None] = [None] * len(new)
    if not old:
        return labels, out
    stories = sorted(set(old_labels))
    col = {s: k for k, s in enumerate(stories)}
    member = np.zeros((len(old), len(stories)), dtype=np.float32)
    for i, s in enumerate(old_labels):
        member[i, col[s]] = 1.0
    sizes = member.sum(axis=0)
    for g in set(labels):
        idx = [i for i, lab in enumerate(labels) if lab == g]
        dist = distances([new[i] for i in idx], new_vectors[idx], old, old_vectors, params)
        mean = dist.sum(axis=0) @ member / (sizes * len(idx))
        best = int(np.argmin(mean))
        if 1.0 - float(mean[best]) >= params.threshold:
            for i in idx:
                out[i] = stories[best]
    return labels, out
