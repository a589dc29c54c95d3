"""The actor relationship graph: affiliations as nodes, merged events as weighted edges."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sukien.corpus.model import MergedEvent


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    n_events: int
    quad: tuple[int, int, int, int]
    goldstein_mean: float
    n_reports: int


@dataclass(frozen=True)
class ActorCount:
    actor: str
    as_source: int
    as_target: int
    n_reports: int

    @property
    def n_events(self) -> int:
        return self.as_source + self.as_target


def actor_graph(events: Iterable[MergedEvent], directed: bool = True) -> list[Edge]:
    """Edges between affiliations (undirected: the pair sorted), heaviest first."""
    acc: dict[tuple[str, str], list[MergedEvent]] = {}
    for m in events:
        s, t = m.source_affiliation, m.target_affiliation
        if m.negated or not s or not t or s == t:
            continue
        key = (s, t) if directed and not m.reciprocal else tuple(sorted((s, t)))
        acc.setdefault(key, []).append(m)  # type: ignore[arg-type]
    edges = [
        Edge(s, t, len(evs), tuple(sum(1 for m in evs if m.quad_class == q) for q in (1, 2, 3, 4)),  # type: ignore[arg-type]
             round(sum(m.goldstein for m in evs) / len(evs), 2), sum(m.n_sources for m in evs))
        for (s, t), evs in acc.items()
    ]
    return sorted(edges, key=lambda e: (-e.n_events, e.source, e.target))


def actor_counts(events: Iterable[MergedEvent], by_affiliation: bool = False) -> list[ActorCount]:
    """How often each actor is a source or a target of a (non-negated) merged event."""
    src: dict[str, int] = {}
    tgt: dict[str, int] = {}
    rep: dict[str, int] = {}
    for m in events:
        if m.negated:
            continue
        s = m.source_affiliation if by_affiliation else m.source
        t = m.target_affiliation if by_affiliation else m.target
        for actor, acc in ((s, src), (t, tgt)):
            if actor:
                acc[actor] = acc.get(actor, 0) + 1
                rep[actor] = rep.get(actor, 0) + m.n_sources
    out = [ActorCount(a, src.get(a, 0), tgt.get(a, 0), rep[a]) for a in rep]
    return sorted(out, key=lambda c: (-c.n_events, c.actor))
