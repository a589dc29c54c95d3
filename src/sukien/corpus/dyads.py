"""Dyad series: per month, what A and B did to each other (counts by QuadClass, Goldstein)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sukien.corpus.model import MergedEvent
from sukien.corpus.timeline import TimelineFilter, matches, sides


@dataclass(frozen=True)
class DyadMonth:
    month: str  # YYYY-MM
    n_events: int
    quad: tuple[int, int, int, int]  # verbal coop, material coop, verbal conflict, material conflict
    goldstein_sum: float
    goldstein_mean: float
    n_reports: int  # sum of n_sources


def dyad_series(
    events: Iterable[MergedEvent], a: str, b: str, directed: bool = False,
) -> list[DyadMonth]:
    """Monthly series for the dyad ``a``–``b`` (ids or affiliations), negated events left out.

    With ``directed``, only events from ``a`` to ``b`` count. Events without a month are
    skipped; reciprocal events count once.
    """
    by_month: dict[str, list[MergedEvent]] = {}
    for m in events:
        if not matches(m, TimelineFilter(dyad=(a, b))):
            continue
        if directed and not (a in sides(m)[0] or m.reciprocal):
            continue
        if not m.date or m.date.startswith("--") or len(m.date) < 7:
            continue
        by_month.setdefault(m.date[:7], []).append(m)
    out = []
    for month in sorted(by_month):
        evs = by_month[month]
        quad = tuple(sum(1 for m in evs if m.quad_class == q) for q in (1, 2, 3, 4))
        gsum = round(sum(m.goldstein for m in evs), 2)
        out.append(DyadMonth(month, len(evs), quad, gsum, round(gsum / len(evs), 2),  # type: ignore[arg-type]
                             sum(m.n_sources for m in evs)))
    return out
