"""Timelines: merged events in date order, per actor, per dyad or per query hit."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sukien.corpus.merge import sort_date
from sukien.corpus.model import MergedEvent


@dataclass(frozen=True)
class TimelineFilter:
    actor: str | None = None  # actor id or affiliation, either side
    dyad: tuple[str, str] | None = None  # both sides, either direction
    event_ids: Collection[str] | None = None  # raw event ids (e.g. search hits)
    article_ids: Collection[str] | None = None
    date_from: str | None = None
    date_to: str | None = None
    root: str | None = None
    include_negated: bool = False


def sides(m: MergedEvent) -> tuple[set[str], set[str]]:
    """Ids and affiliations naming the source and the target side."""
    return ({x for x in (m.source, m.source_affiliation) if x},
            {x for x in (m.target, m.target_affiliation) if x})


def _in_range(date: str | None, lo: str | None, hi: str | None) -> bool:
    if not (lo or hi):
        return True
    if not date or date.startswith("--"):
        return False
    if lo and date[: len(lo)] < lo[: len(date)]:
        return False
    return not (hi and date[: len(hi)] > hi[: len(date)])


def matches(m: MergedEvent, f: TimelineFilter) -> bool:
    src, tgt = sides(m)
    checks = (
        f.include_negated or not m.negated,
        f.actor is None or f.actor in src | tgt,
        f.dyad is None or (f.dyad[0] in src and f.dyad[1] in tgt) or (f.dyad[1] in src and f.dyad[0] in tgt),
        f.event_ids is None or any(s in f.event_ids for s in m.sources),
        f.article_ids is None or any(a in f.article_ids for a in m.article_ids),
        f.root is None or m.root == f.root.zfill(2),
        _in_range(m.date, f.date_from, f.date_to),
    )
    return all(checks)


def timeline(events: Iterable[MergedEvent], f: TimelineFilter | None = None) -> list[MergedEvent]:
    """Merged events passing ``f``, by date (partial dates sort after full ones of the same
    period; year-less and unknown dates last), then by number of sources.

    ``_in_range`` compares at the precision both dates share: "2026-03" is inside
    2026-03-01…2026-03-31.
    """
    f = f or TimelineFilter()
    chosen = [m for m in events if matches(m, f)]
    return sorted(chosen, key=lambda m: (sort_date(m.date), -m.n_sources, m.event_id))


def group_by_date(events: Sequence[MergedEvent]) -> list[tuple[str, list[MergedEvent]]]:
    out: list[tuple[str, list[MergedEvent]]] = []
    for m in events:
        d = m.date or "?"
        if out and out[-1][0] == d:
            out[-1][1].append(m)
        else:
            out.append((d, [m]))
    return out
