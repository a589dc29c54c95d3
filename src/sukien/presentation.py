"""How records are shown, the same in the CLI, the API and the dashboard: newest-first order
and the date range of a listing, a readable label for an article without a headline, the one
definition of a dyad's event count, and event hits grouped by their sentence.

Pure functions over records; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sukien.corpus.model import MergedEvent
from sukien.corpus.timeline import TimelineFilter, matches, sides

T = TypeVar("T")
LABEL_CHARS = 90
_SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------- order and range

def has_year(date: str | None) -> bool:
    """A date that places an event in time: ``2026``, ``2026-03``, ``2026-03-04`` (not ``--03-04``)."""
    return bool(date) and not date.startswith("--")  # type: ignore[union-attr]


def newest_first(items: Sequence[T], date: Callable[[T], str | None],
                 reported: Callable[[T], str | None] | None = None) -> list[T]:
    """``items`` newest first: dated ones by date descending (a day of March before "March"
    alone), then — when ``reported`` gives the day an item was last reported — the ones dated
    after it (plans and forecasts: "đến năm 2028"), then year-less dates, then unknown ones; ties
    keep their order.

    >>> newest_first(["2025-01-02", None, "2026-03", "--05-01", "2026-03-04"], lambda d: d)
    ['2026-03-04', '2026-03', '2025-01-02', '--05-01', None]
    >>> newest_first(["2028", "2026-01-05", "2026-01"], lambda d: d, lambda d: "2026-01-06")
    ['2026-01-05', '2026-01', '2028']
    """
    dated = sorted((x for x in items if has_year(date(x))), key=lambda x: date(x) or "", reverse=True)
    planned = [x for x in dated if reported is not None and _after(date(x), reported(x))]
    done = [x for x in dated if not (reported is not None and _after(date(x), reported(x)))]
    yearless = [x for x in items if date(x) and not has_year(date(x))]
    unknown = [x for x in items if not date(x)]
    return done + planned + yearless + unknown


def _after(date: str | None, reported: str | None) -> bool:
    """An event dated (from its first day) after the day it was reported."""
    if not (has_year(date) and has_year(reported)):
        return False
    day = (date or "")[:10]
    first = day + {4: "-01-01", 7: "-01"}.get(len(day), "")
    return first > (reported or "")[:10]


def date_range(dates: Iterable[str | None]) -> dict[str, str] | None:
    """The first and last dates (with a year) of a listing, or None when none has one.

    >>> date_range(["2026-03-04", None, "2025-12", "--01-01"])
    {'first': '2025-12', 'last': '2026-03-04'}
    """
    dated = sorted(d for d in dates if d and has_year(d))
    return {"first": dated[0], "last": dated[-1]} if dated else None


# ---------------------------------------------------------------- article labels

def article_label(title: str | None, body: str | None, limit: int = LABEL_CHARS) -> str:
    """The headline, or for an article without one its lead cut at a word boundary.

    >>> article_label("", "Ngày 4/3, Ngoại trưởng Nga và Trung Quốc hội đàm tại Đà Nẵng về hợp tác khu vực.", 40)
    'Ngày 4/3, Ngoại trưởng Nga và Trung…'
    >>> article_label("Nga và Trung Quốc hội đàm", "…")
    'Nga và Trung Quốc hội đàm'
    """
    title = _SPACE.sub(" ", title or "").strip()
    if title:
        return title
    lead = _SPACE.sub(" ", body or "").strip()
    if not lead:
        return "(bài không có tiêu đề và nội dung)"
    if len(lead) <= limit:
        return lead
    cut = lead.rfind(" ", 0, limit)
    return lead[: cut if cut > limit // 2 else limit].rstrip(" ,;:–-") + "…"


# ---------------------------------------------------------------- dyad counts

@dataclass(frozen=True)
class DyadCount:
    """The one count of a dyad, and what it leaves out.

    ``n_events``: happenings (merged events: one however many articles report it) between A
    and B, either direction, not negated — the number the dyad list, the summary and the
    timeline show. ``n_no_month``: of those, dated less precisely than a month (a year, no
    year, or no date): in the timeline, not in the monthly chart. ``n_negated``: reported as
    not having happened ("không ký"): left out of every count.
    """

    n_events: int
    n_no_month: int
    n_negated: int

    @property
    def n_charted(self) -> int:
        return self.n_events - self.n_no_month


def has_month(date: str | None) -> bool:
    return has_year(date) and len(date or "") >= 7


def in_dyad(m: MergedEvent, a: str, b: str, directed: bool = False) -> bool:
    """Whether ``m`` is between ``a`` and ``b`` (ids or affiliations); ``directed``: from A to B."""
    if not matches(m, TimelineFilter(dyad=(a, b), include_negated=True)):
        return False
    return not directed or a in sides(m)[0] or m.reciprocal


def dyad_count(events: Iterable[MergedEvent], a: str, b: str, directed: bool = False) -> DyadCount:
    chosen = [m for m in events if in_dyad(m, a, b, directed)]
    happened = [m for m in chosen if not m.negated]
    return DyadCount(len(happened), sum(1 for m in happened if not has_month(m.date)), len(chosen) - len(happened))


def top_dyads(events: Iterable[MergedEvent], limit: int) -> list[dict[str, Any]]:
    """The pairs of affiliations (states, organisations) with the most happenings, counted as
    ``dyad_count`` counts them (not negated; an event inside one affiliation is no dyad)."""
    acc: dict[tuple[str, str], list[float]] = {}
    for m in events:
        sa, ta = m.source_affiliation or m.source, m.target_affiliation or m.target
        if m.negated or not sa or not ta or sa == ta:
            continue
        row = acc.setdefault((min(sa, ta), max(sa, ta)), [0, 0.0])
        row[0] += 1
        row[1] += m.goldstein
    ranked = sorted(acc.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
    return [{"a": a, "b": b, "n": int(n), "goldstein_mean": round(g / n, 3)} for (a, b), (n, g) in ranked]


# ---------------------------------------------------------------- grouping by sentence

def group_by_sentence(items: Sequence[dict[str, Any]], key: Callable[[dict[str, Any]], Any],
                      member: Callable[[dict[str, Any]], dict[str, Any]]) -> list[dict[str, Any]]:
    """One item per sentence: items with the same ``key`` (not None) are folded into the first,
    which gets ``events``: ``member`` of each, in order. Other items pass through.

    >>> hits = [{"k": 1, "id": "a"}, {"k": 2, "id": "b"}, {"k": 1, "id": "c"}, {"k": None, "id": "d"}]
    >>> [(h["id"], [e["id"] for e in h.get("events", [])]) for h in
    ...  group_by_sentence(hits, lambda h: h["k"], lambda h: {"id": h["id"]})]
    [('a', ['a', 'c']), ('b', ['b']), ('d', [])]
    """
    out: list[dict[str, Any]] = []
    first: dict[Any, dict[str, Any]] = {}
    for it in items:
        k = key(it)
        if k is None:
            out.append(it)
        elif k in first:
            first[k]["events"].append(member(it))
        else:
            first[k] = {**it, "events": [member(it)]}
            out.append(first[k])
    return out
