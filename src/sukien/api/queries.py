"""Read queries for the API over the DuckDB tables (events, articles, quotes, actors).

These are thin SQL views written for the API while ``sukien.corpus`` (merged events,
timelines, dyad series, actor graph) is not available in the store; they read only the
per-document tables that ``sukien run`` writes. Every function takes a cursor and returns
plain JSON-ready values.

Dates are ISO partial dates (``2022-03-11``, ``2022-03``, ``2022``, ``--03-11``, null).
A date filter keeps an event when the period its date covers overlaps the asked range;
dates without a year never match a range. Negated events never count in aggregates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import duckdb

Cursor = duckdb.DuckDBPyConnection

# Lower, accent-free and "đ"-free form of a SQL expression (matches sukien.text.normalize.fold).
FOLD_SQL = "replace(strip_accents(lower({})), 'đ', 'd')"

_EVENTS_CTE = """
WITH ev AS (
  SELECT e.event_id, e.article_id, e.doc_id, e.record, e.date, e.source, e.target, e.cameo, e.root,
    e.quad_class, e.goldstein, e.negated, e.modality,
    coalesce(sa.affiliation, split_part(e.source, '.', 1)) AS source_aff,
    coalesce(ta.affiliation, split_part(e.target, '.', 1)) AS target_aff,
    e.record->>'source_person' AS source_person,
    e.record->>'target_person' AS target_person,
    CASE WHEN e.date IS NULL OR e.date LIKE '--%' THEN NULL
         WHEN length(e.date) = 4 THEN e.date || '-01-01'
         WHEN length(e.date) = 7 THEN e.date || '-01' ELSE e.date END AS d_lo,
    CASE WHEN e.date IS NULL OR e.date LIKE '--%' THEN NULL
         WHEN length(e.date) = 4 THEN e.date || '-12-31'
         WHEN length(e.date) = 7 THEN e.date || '-31' ELSE e.date END AS d_hi
  FROM events e
  LEFT JOIN actors sa ON sa.id = e.source
  LEFT JOIN actors ta ON ta.id = e.target)
"""

_SIDE = "(ev.{0} = ? OR ev.{0}_aff = ? OR ev.{0}_person = ?)"


@dataclass(frozen=True)
class EventFilter:
    """Event filters; every field is optional. Dates are already expanded to full days."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None  # undirected: either side may be either actor
    date_from: str | None = None  # YYYY-MM-DD
    date_to: str | None = None
    root: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    negated: bool | None = None
    article_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL condition over ``ev`` and its parameters."""
        conds: list[str] = []
        params: list[Any] = []
        if self.actor:
            conds.append(f"({_SIDE.format('source')} OR {_SIDE.format('target')})")
            params += [self.actor] * 6
        if self.source:
            conds.append(_SIDE.format("source"))
            params += [self.source] * 3
        if self.target:
            conds.append(_SIDE.format("target"))
            params += [self.target] * 3
        if self.dyad:
            a, b = self.dyad
            s, t = _SIDE.format("source"), _SIDE.format("target")
            conds.append(f"(({s} AND {t}) OR ({s} AND {t}))")
            params += [a] * 3 + [b] * 3 + [b] * 3 + [a] * 3
        simple = {"root": self.root, "cameo": self.cameo, "quad_class": self.quad_class,
                  "modality": self.modality, "negated": self.negated, "article_id": self.article_id}
        for col, value in simple.items():
            if value is not None:
                conds.append(f"ev.{col} = ?")
                params.append(value)
        if self.date_from:
            conds.append("ev.d_hi >= ?")
            params.append(self.date_from)
        if self.date_to:
            conds.append("ev.d_lo <= ?")
            params.append(self.date_to)
        return (" AND ".join(conds) or "TRUE"), params


# ---------------------------------------------------------------- events and timeline

_ORDER = {
    "date": "(d_lo IS NULL), d_lo, ev.date, ev.event_id",
    "-date": "(d_lo IS NULL), d_lo DESC, ev.date DESC, ev.event_id",
    "article": "ev.doc_id, ev.article_id, ev.event_id",
}


def events(cur: Cursor, flt: EventFilter, limit: int, offset: int, order: str = "date") -> dict[str, Any]:
    """A page of events (records plus the article's title, outlet and publication date)."""
    where, params = flt.where()
    rows = cur.execute(  # one query: the total rides along as a window count
        f"{_EVENTS_CTE}, hit AS (SELECT ev.*, count(*) OVER () AS n_total FROM ev WHERE {where}) "
        "SELECT ev.record, a.title, a.outlet, a.published, ev.n_total FROM hit ev "
        f"LEFT JOIN articles a ON a.article_id = ev.article_id ORDER BY {_ORDER[order]} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    if rows:
        total = rows[0][4]
    else:
        row = cur.execute(f"{_EVENTS_CTE} SELECT count(*) FROM ev WHERE {where}", params).fetchone()
        total = row[0] if row else 0
    items = [_event_item(r) for r in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _event_item(row: tuple[Any, ...]) -> dict[str, Any]:
    rec = json.loads(row[0])
    rec["article_title"], rec["outlet"], rec["published"] = row[1], row[2], row[3]
    return rec


def event(cur: Cursor, event_id: str) -> dict[str, Any] | None:
    row = cur.execute(
        "SELECT e.record, a.title, a.outlet, a.published FROM events e "
        "LEFT JOIN articles a ON a.article_id = e.article_id WHERE e.event_id = ?", [event_id]
    ).fetchone()
    return _event_item(row) if row else None


def month_counts(cur: Cursor, flt: EventFilter) -> list[dict[str, Any]]:
    """How many events of ``flt`` fall in each month (dated at least to the month)."""
    where, params = flt.where()
    rows = cur.execute(
        f"{_EVENTS_CTE} SELECT substr(date, 1, 7) AS m, count(*), count(*) FILTER (WHERE NOT negated) "
        f"FROM ev WHERE {where} AND d_lo IS NOT NULL AND length(date) >= 7 GROUP BY m ORDER BY m",
        params,
    ).fetchall()
    return [{"period": m, "n": n, "n_happened": h} for m, n, h in rows]


def date_span(cur: Cursor, flt: EventFilter) -> dict[str, str] | None:
    """The first and last dates (with a year) of the events of ``flt``."""
    where, params = flt.where()
    row = cur.execute(f"{_EVENTS_CTE} SELECT min(date), max(date) FROM ev WHERE {where} AND d_lo IS NOT NULL",
                      params).fetchone()
    return {"first": row[0], "last": row[1]} if row and row[0] else None


# ---------------------------------------------------------------- dyads and graph

def dyad_series(cur: Cursor, a: str, b: str, *, directed: bool, by: str,
                date_from: str | None = None, date_to: str | None = None) -> dict[str, Any]:
    """Per month (or year) Goldstein mean and QuadClass counts of events between ``a`` and ``b``.

    ``n_events`` counts the events that happened (not negated); those dated coarser than the
    period (or without a year) are not in the series and counted in ``left_out``; negated ones
    are counted apart (``n_negated``).
    """
    flt = EventFilter(source=a, target=b, date_from=date_from, date_to=date_to) if directed else \
        EventFilter(dyad=(a, b), date_from=date_from, date_to=date_to)
    where, params = flt.where()
    width = 7 if by == "month" else 4
    rows = cur.execute(
        f"{_EVENTS_CTE} SELECT substr(date, 1, {width}) AS p, count(*), avg(goldstein), "
        "count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2), "
        "count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4) "
        f"FROM ev WHERE {where} AND NOT negated AND d_lo IS NOT NULL AND length(date) >= {width} "
        "GROUP BY p ORDER BY p",
        params,
    ).fetchall()
    series = [{"period": p, "n": n, "goldstein_mean": round(g, 3),
               "quad_class": {"1": q1, "2": q2, "3": q3, "4": q4}}
              for p, n, g, q1, q2, q3, q4 in rows]
    row = cur.execute(f"{_EVENTS_CTE} SELECT count(*) FILTER (WHERE NOT negated), count(*) FILTER (WHERE negated) "
                      f"FROM ev WHERE {where}", params).fetchone()
    happened, negated = row if row else (0, 0)
    counted = sum(s["n"] for s in series)
    return {"a": a, "b": b, "directed": directed, "by": by, "series": series,
            "n_events": happened, "left_out": happened - counted, "n_no_period": happened - counted,
            "n_negated": negated}


def top_dyads(cur: Cursor, limit: int) -> list[dict[str, Any]]:
    """The undirected affiliation pairs with the most (non-negated) events."""
    rows = cur.execute(
        f"{_EVENTS_CTE} SELECT least(source_aff, target_aff) AS a, greatest(source_aff, target_aff) AS b, "
        "count(*) AS n, avg(goldstein) FROM ev WHERE target_aff IS NOT NULL AND NOT negated "
        "AND source_aff <> target_aff GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?", [limit],
    ).fetchall()
    return [{"a": a, "b": b, "n": n, "goldstein_mean": round(g, 3)} for a, b, n, g in rows]


def graph(cur: Cursor, *, level: str, flt: EventFilter, min_events: int, limit: int) -> dict[str, Any]:
    """Who deals with whom: undirected edges between actors (or their affiliations)."""
    s, t = ("source_aff", "target_aff") if level == "affiliation" else ("source", "target")
    where, params = flt.where()
    rows = cur.execute(
        f"{_EVENTS_CTE} SELECT least({s}, {t}) AS a, greatest({s}, {t}) AS b, count(*) AS n, "
        "avg(goldstein), count(*) FILTER (WHERE quad_class <= 2) "
        f"FROM ev WHERE {where} AND {t} IS NOT NULL AND NOT negated AND {s} <> {t} "
        "GROUP BY a, b HAVING count(*) >= ? ORDER BY n DESC, a, b LIMIT ?",
        [*params, min_events, limit],
    ).fetchall()
    edges = [{"source": a, "target": b, "n": n, "goldstein_mean": round(g, 3), "n_cooperation": c,
              "n_conflict": n - c} for a, b, n, g, c in rows]
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    known = {a["id"]: a for a in actors_by_id(cur, ids)}
    degree: dict[str, int] = {}
    for e in edges:
        for side in (e["source"], e["target"]):
            degree[side] = degree.get(side, 0) + e["n"]
    nodes = [{"id": i, "name": known.get(i, {}).get("name", i), "kind": known.get(i, {}).get("kind", "unknown"),
              "n": degree[i]} for i in ids]
    return {"level": level, "nodes": nodes, "edges": edges}


# ---------------------------------------------------------------- actors and quotes

def actors_by_id(cur: Cursor, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = cur.execute("SELECT record FROM actors WHERE id IN (SELECT unnest(?)) ORDER BY id", [ids]).fetchall()
    return [json.loads(r[0]) for r in rows]


def actors(cur: Cursor, *, kind: str | None, affiliation: str | None, q: str | None,
           limit: int, offset: int) -> dict[str, Any]:
    """Actors with how many events they took part in (as a side, a sector of it, or a person)."""
    conds, params = ["TRUE"], []
    if kind:
        conds.append("ac.kind = ?")
        params.append(kind)
    if affiliation:
        conds.append("ac.affiliation = ?")
        params.append(affiliation)
    if q:
        conds.append(f"({FOLD_SQL.format('ac.id')} LIKE ? OR {FOLD_SQL.format('CAST(ac.record AS VARCHAR)')} LIKE ?)")
        params += [f"%{q}%"] * 2
    where = " AND ".join(conds)
    base = (f"{_EVENTS_CTE}, n AS (SELECT x AS id, count(*) AS n FROM ev, "
            "unnest([source, target, source_person, target_person]) AS u(x) WHERE x IS NOT NULL GROUP BY x) ")
    total = cur.execute(f"{base} SELECT count(*) FROM actors ac WHERE {where}", params).fetchone()
    rows = cur.execute(
        f"{base} SELECT ac.record, coalesce(n.n, 0) AS n FROM actors ac LEFT JOIN n ON n.id = ac.id "
        f"WHERE {where} ORDER BY n DESC, ac.id LIMIT ? OFFSET ?", [*params, limit, offset],
    ).fetchall()
    items = [{**json.loads(r), "n_events": n} for r, n in rows]
    return {"total": total[0] if total else 0, "limit": limit, "offset": offset, "items": items}


def quotes(cur: Cursor, *, speaker: str | None, article_id: str | None, q: str | None,
           limit: int, offset: int) -> dict[str, Any]:
    """Quotes, newest first; ``speaker`` matches the speaker id or the speaker's affiliation."""
    conds, params = ["TRUE"], []
    if speaker:
        conds.append("(qu.speaker = ? OR sp.affiliation = ?)")
        params += [speaker, speaker]
    if article_id:
        conds.append("qu.article_id = ?")
        params.append(article_id)
    if q:
        conds.append(f"{FOLD_SQL.format('qu.text')} LIKE ?")
        params.append(f"%{q}%")
    where = " AND ".join(conds)
    frm = ("FROM quotes qu LEFT JOIN actors sp ON sp.id = qu.speaker "
           "LEFT JOIN articles a ON a.article_id = qu.article_id")
    total = cur.execute(f"SELECT count(*) {frm} WHERE {where}", params).fetchone()
    rows = cur.execute(
        f"SELECT qu.record, sp.record->>'name', a.title FROM quotes qu "
        "LEFT JOIN actors sp ON sp.id = qu.speaker LEFT JOIN articles a ON a.article_id = qu.article_id "
        f"WHERE {where} ORDER BY (qu.record->>'date') DESC NULLS LAST, qu.doc_id, qu.article_id, qu.quote_id "
        "LIMIT ? OFFSET ?", [*params, limit, offset],
    ).fetchall()
    items = [{**json.loads(r), "speaker_name": name, "article_title": title} for r, name, title in rows]
    return {"total": total[0] if total else 0, "limit": limit, "offset": offset, "items": items}


def speakers(cur: Cursor, limit: int) -> list[dict[str, Any]]:
    """Speakers with their number of quotes (most quoted first)."""
    rows = cur.execute(
        "SELECT qu.speaker, any_value(sp.record->>'name'), any_value(sp.affiliation), count(*) AS n "
        "FROM quotes qu LEFT JOIN actors sp ON sp.id = qu.speaker WHERE qu.speaker IS NOT NULL "
        "GROUP BY qu.speaker ORDER BY n DESC, qu.speaker LIMIT ?", [limit],
    ).fetchall()
    return [{"id": i, "name": name or i, "affiliation": aff, "n_quotes": n} for i, name, aff, n in rows]


def counts(cur: Cursor) -> dict[str, int]:
    out = {}
    for table in ("documents", "articles", "events", "quotes", "actors"):
        row = cur.execute(f"SELECT count(*) FROM {table}").fetchone()
        out[table] = row[0] if row else 0
    return out
