"""Queries over merged events, run in DuckDB: filters, ordering, pagination and aggregates
(monthly counts, dyad series, the actor graph, actor counts) are SQL over typed columns;
only the page asked for leaves the database, as its records.

Semantics are those of ``sukien.corpus.timeline`` / ``dyads`` / ``graph`` (which work on
lists of merged events): an actor matches an event's actor id or its affiliation on either
side; a date range keeps an event whose date's period overlaps it (a year-less or unknown
date never matches a range); negated events are left out unless asked for. Timeline order:
date (unknown and year-less dates last), then the number of sources, most first.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from typing import Any

import duckdb

Con = duckdb.DuckDBPyConnection
_SRC = "(? IN (me.source, me.source_affiliation))"
_TGT = "(? IN (me.target, me.target_affiliation))"


def first_day(date: str | None) -> str | None:
    """The first day a partial date (``2026``, ``2026-03``, ``2026-03-05``) covers."""
    if not date:
        return None
    return date + ("-01-01" if len(date) == 4 else "-01" if len(date) == 7 else "")


def last_day(date: str | None) -> str | None:
    """The last day a partial date covers.

    >>> last_day("2024-02"), last_day("2026"), last_day("2026-03-05")
    ('2024-02-29', '2026-12-31', '2026-03-05')
    """
    if not date:
        return None
    if len(date) == 4:
        return date + "-12-31"
    if len(date) == 7:
        return f"{date}-{calendar.monthrange(int(date[:4]), int(date[5:7]))[1]:02d}"
    return date


@dataclass(frozen=True)
class MergedFilter:
    """Filters over merged events; every field is optional."""

    actor: str | None = None  # either side (id or affiliation)
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None  # both sides, either direction
    date_from: str | None = None  # partial ISO dates
    date_to: str | None = None
    root: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    negated: bool | None = None  # None and False: happened only; True: negated only
    article_id: str | None = None
    event_ids: tuple[str, ...] | None = None  # any of the reports' event ids
    directed_from: str | None = None  # only events from this side (or reciprocal ones)

    def where(self, *, negated: bool = True) -> tuple[str, list[Any]]:
        """SQL condition over ``me`` (merged_events) and its parameters; ``negated=False``
        ignores the negation filter (for counts of everything)."""
        conds: list[str] = []
        params: list[Any] = []

        def add(cond: str, *values: Any) -> None:
            conds.append(cond)
            params.extend(values)

        if negated:
            add("me.negated" if self.negated else "NOT me.negated")
        if self.actor:
            add(f"({_SRC} OR {_TGT})", self.actor, self.actor)
        if self.source:
            add(_SRC, self.source)
        if self.target:
            add(_TGT, self.target)
        if self.dyad:
            a, b = self.dyad
            add(f"(({_SRC} AND {_TGT}) OR ({_SRC} AND {_TGT}))", a, b, b, a)
        if self.directed_from:
            add(f"({_SRC} OR me.reciprocal)", self.directed_from)
        for col, value in (("cameo", self.cameo), ("quad_class", self.quad_class), ("modality", self.modality)):
            if value is not None:
                add(f"me.{col} = ?", value)
        if self.root:
            add("me.root = ?", self.root.zfill(2))
        if self.article_id:
            add("list_contains(me.article_ids, ?)", self.article_id)
        if self.event_ids is not None:
            add("list_has_any(me.sources, ?::VARCHAR[])", list(self.event_ids))
        if self.date_from:
            add("me.d_hi >= ?", first_day(self.date_from))
        if self.date_to:
            add("me.d_lo <= ?", last_day(self.date_to))
        return " AND ".join(conds) or "TRUE", params


_ORDER = "me.sort_key, me.n_sources DESC, me.event_id"
# newest first: dated events by date descending (a day before its month alone), then those dated
# after their last report (plans, forecasts), then year-less dates, then unknown ones, each group
# otherwise in timeline order (``presentation.newest_first``)
_PLANNED = ("me.d_lo IS NOT NULL AND me.last_reported IS NOT NULL AND me.last_reported NOT LIKE '--%' "
            "AND me.d_lo > substr(me.last_reported, 1, 10)")
_NEWEST = (f"CASE WHEN {_PLANNED} THEN 1 WHEN me.d_lo IS NOT NULL THEN 0 WHEN me.date IS NOT NULL THEN 2 ELSE 3 END, "
           "CASE WHEN me.d_lo IS NOT NULL THEN me.date END DESC, " + _ORDER)


def has_merged(con: Con) -> bool:
    """Whether the store has a merged-events table (a store built with ``--no-corpus`` has none:
    every query below then answers as for an empty table)."""
    return bool(con.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_name = 'merged_events'").fetchall()[0][0])


def timeline(con: Con, flt: MergedFilter, limit: int, offset: int = 0,
             newest: bool = False) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, one page of merged-event records in timeline order, or newest first).
    Each record carries ``focus_event_id``: the raw event of its representative report."""
    if not has_merged(con):
        return 0, []
    where, params = flt.where()
    rows = con.execute(
        f"SELECT me.record, me.focus_event_id, count(*) OVER () FROM merged_events me WHERE {where} "
        f"ORDER BY {_NEWEST if newest else _ORDER} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    if rows:
        total = rows[0][2]
    else:
        total = con.execute(f"SELECT count(*) FROM merged_events me WHERE {where}", params).fetchall()[0][0]
    return total, [{**json.loads(rec), "focus_event_id": focus} for rec, focus, _ in rows]


def months(con: Con, flt: MergedFilter) -> list[dict[str, Any]]:
    """Per month (events dated at least to the month): events, and those not negated."""
    if not has_merged(con):
        return []
    where, params = flt.where()
    rows = con.execute(
        f"SELECT me.month, count(*), count(*) FILTER (WHERE NOT me.negated) FROM merged_events me "
        f"WHERE {where} AND me.month IS NOT NULL GROUP BY me.month ORDER BY me.month", params).fetchall()
    return [{"period": m, "n": n, "n_happened": h} for m, n, h in rows]


def dyad_months(con: Con, a: str, b: str, directed: bool = False) -> list[dict[str, Any]]:
    """Monthly series of the dyad a–b (``sukien.corpus.dyads.dyad_series`` in SQL): events,
    QuadClass counts, Goldstein sum (2 decimals) and mean, reports (sum of sources)."""
    if not has_merged(con):
        return []
    where, params = MergedFilter(dyad=(a, b), directed_from=a if directed else None).where()
    rows = con.execute(
        "SELECT me.month, count(*), count(*) FILTER (WHERE me.quad_class = 1), "
        "count(*) FILTER (WHERE me.quad_class = 2), count(*) FILTER (WHERE me.quad_class = 3), "
        "count(*) FILTER (WHERE me.quad_class = 4), sum(me.goldstein), sum(me.n_sources) "
        f"FROM merged_events me WHERE {where} AND me.month IS NOT NULL GROUP BY me.month ORDER BY me.month",
        params).fetchall()
    out = []
    for month, n, q1, q2, q3, q4, gsum, reports in rows:
        g = round(gsum, 2)
        out.append({"month": month, "n_events": n, "quad": (q1, q2, q3, q4), "goldstein_sum": g,
                    "goldstein_mean": round(g / n, 2), "n_reports": int(reports)})
    return out


def date_span(con: Con, flt: MergedFilter) -> dict[str, str] | None:
    """The first and last dates (with a year) of the merged events of ``flt``."""
    if not has_merged(con):
        return None
    where, params = flt.where()
    row = con.execute(f"SELECT min(me.date), max(me.date) FROM merged_events me WHERE {where} "
                      "AND me.d_lo IS NOT NULL", params).fetchall()[0]
    return {"first": row[0], "last": row[1]} if row[0] else None


def dyad_count(con: Con, a: str, b: str, *, directed: bool = False, date_from: str | None = None,
               date_to: str | None = None) -> dict[str, int]:
    """The one count of a dyad (``presentation.dyad_count`` in SQL): happenings between A and B
    (from A with ``directed``) not negated, those of them dated less precisely than a month, and
    the negated ones."""
    if not has_merged(con):
        return {"n_events": 0, "n_no_month": 0, "n_negated": 0}
    where, params = MergedFilter(dyad=(a, b), directed_from=a if directed else None, date_from=date_from,
                                 date_to=date_to).where(negated=False)
    n, no_month, neg = con.execute(
        "SELECT count(*) FILTER (WHERE NOT me.negated), count(*) FILTER (WHERE NOT me.negated AND me.month IS NULL), "
        f"count(*) FILTER (WHERE me.negated) FROM merged_events me WHERE {where}", params).fetchall()[0]
    return {"n_events": n, "n_no_month": no_month, "n_negated": neg}


def top_dyads(con: Con, limit: int) -> list[dict[str, Any]]:
    """The pairs of affiliations with the most happenings not negated (``presentation.top_dyads``
    in SQL; an actor without an affiliation stands for itself)."""
    if not has_merged(con):
        return []
    rows = con.execute(
        "SELECT least(sa, ta) AS a, greatest(sa, ta) AS b, count(*) AS n, sum(g) FROM (SELECT "
        "coalesce(source_affiliation, source) AS sa, coalesce(target_affiliation, target) AS ta, goldstein AS g "
        "FROM merged_events WHERE NOT negated) WHERE sa IS NOT NULL AND ta IS NOT NULL AND sa <> ta "
        "GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?", [limit]).fetchall()
    return [{"a": a, "b": b, "n": int(n), "goldstein_mean": round(g / n, 3)} for a, b, n, g in rows]


def count(con: Con, flt: MergedFilter, *, negated: bool = True) -> int:
    if not has_merged(con):
        return 0
    where, params = flt.where(negated=negated)
    return con.execute(f"SELECT count(*) FROM merged_events me WHERE {where}", params).fetchall()[0][0]


def graph(con: Con, flt: MergedFilter, *, directed: bool = False, min_events: int = 1,
          limit: int | None = None) -> list[dict[str, Any]]:
    """Edges between affiliations (``sukien.corpus.graph.actor_graph`` in SQL), heaviest first;
    undirected edges (and reciprocal events) have their pair sorted."""
    if not has_merged(con):
        return []
    where, params = flt.where()
    s, t = "me.source_affiliation", "me.target_affiliation"
    a = f"CASE WHEN {'me.reciprocal' if directed else 'TRUE'} THEN least({s}, {t}) ELSE {s} END"
    b = f"CASE WHEN {'me.reciprocal' if directed else 'TRUE'} THEN greatest({s}, {t}) ELSE {t} END"
    rows = con.execute(
        f"SELECT {a} AS a, {b} AS b, count(*) AS n, count(*) FILTER (WHERE me.quad_class = 1), "
        "count(*) FILTER (WHERE me.quad_class = 2), count(*) FILTER (WHERE me.quad_class = 3), "
        "count(*) FILTER (WHERE me.quad_class = 4), sum(me.goldstein), sum(me.n_sources) "
        f"FROM merged_events me WHERE {where} AND NOT me.negated AND {s} IS NOT NULL AND {t} IS NOT NULL "
        f"AND {s} <> {t} GROUP BY a, b HAVING count(*) >= ? ORDER BY n DESC, a, b "
        f"{'LIMIT ?' if limit is not None else ''}",
        [*params, min_events, *([limit] if limit is not None else [])]).fetchall()
    return [{"source": x, "target": y, "n_events": n, "quad": (q1, q2, q3, q4),
             "goldstein_mean": round(g / n, 2), "n_reports": int(r)}
            for x, y, n, q1, q2, q3, q4, g, r in rows]


def actor_counts(con: Con, *, by_affiliation: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """How often each actor is the source or the target of a merged event that happened
    (``sukien.corpus.graph.actor_counts`` in SQL), most events first."""
    if not has_merged(con):
        return []
    s, t = ("me.source_affiliation", "me.target_affiliation") if by_affiliation else ("me.source", "me.target")
    rows = con.execute(
        f"WITH sides AS (SELECT {s} AS actor, 1 AS src, 0 AS tgt, me.n_sources FROM merged_events me "
        f"WHERE NOT me.negated AND {s} IS NOT NULL UNION ALL SELECT {t}, 0, 1, me.n_sources FROM merged_events me "
        f"WHERE NOT me.negated AND {t} IS NOT NULL) SELECT actor, sum(src), sum(tgt), sum(n_sources) FROM sides "
        f"GROUP BY actor ORDER BY sum(src) + sum(tgt) DESC, actor {'LIMIT ?' if limit is not None else ''}",
        [limit] if limit is not None else []).fetchall()
    return [{"actor": x, "as_source": int(a), "as_target": int(b), "n_reports": int(r)} for x, a, b, r in rows]


def affiliations_in_use(con: Con) -> list[str]:
    rows = con.execute("SELECT DISTINCT x FROM (SELECT source_affiliation AS x FROM merged_events UNION ALL "
                       "SELECT target_affiliation FROM merged_events) WHERE x IS NOT NULL ORDER BY x").fetchall()
    return [r[0] for r in rows]
