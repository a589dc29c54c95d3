"""Corpus-level views for the API: merged events (timeline, dyad series, actor graph) and
``sukien.store.search`` (the tantivy index).

Merged events are queried in DuckDB (``sukien.store.corpus_queries``): filters, order,
pagination and aggregates run in SQL over typed columns, so a request costs what its page
costs, whatever the size of the store. A store without corpus tables (built with
``--no-corpus``) gets ``None`` from ``merged()`` and the routes fall back to
``sukien.api.queries``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Any

from sukien.api.db import ReadOnlyStore
from sukien.api.queries import EventFilter
from sukien.store import corpus_queries as cq
from sukien.store import corpus_tables as ct
from sukien.store.search import SearchIndex, index_path_for


@dataclass(frozen=True)
class Merged:
    """The store holds merged events (the corpus step ran on it)."""

    n_events: int


class CorpusViews:
    """Whether a read-only store has merged events (checked once), and its search index."""

    def __init__(self, store: ReadOnlyStore, index_path: str | None = None) -> None:
        self.store = store
        self.index_path = Path(index_path) if index_path else index_path_for(store.path)
        self._lock = Lock()
        self._merged: Merged | None = None
        self._loaded = False
        self._index: SearchIndex | None = None
        self._index_loaded = False

    def merged(self) -> Merged | None:
        with self._lock:
            if not self._loaded:
                self._merged = self._check()
                self._loaded = True
            return self._merged

    def _check(self) -> Merged | None:
        with self.store.cursor() as cur:
            if not ct.has_corpus_tables(cur):
                return None
            n_merged = cur.execute("SELECT count(*) FROM merged_events").fetchall()[0][0]
            n_raw = cur.execute("SELECT count(*) FROM events").fetchall()[0][0]
        if not n_merged and n_raw:
            return None  # corpus step not run on this store
        return Merged(n_merged)

    def index(self) -> SearchIndex | None:
        with self._lock:
            if not self._index_loaded:
                path = self.index_path
                self._index = SearchIndex(path) if path and path.is_dir() and any(path.iterdir()) else None
                self._index_loaded = True
            return self._index


def merged_filter(flt: EventFilter) -> cq.MergedFilter:
    """The API's event filter over merged events."""
    return cq.MergedFilter(actor=flt.actor, source=flt.source, target=flt.target, dyad=flt.dyad,
                           date_from=flt.date_from, date_to=flt.date_to, root=flt.root, cameo=flt.cameo,
                           quad_class=flt.quad_class, modality=flt.modality, negated=flt.negated,
                           article_id=flt.article_id)


def timeline_page(cur: Any, flt: EventFilter, limit: int, offset: int, newest: bool = False) -> dict[str, Any]:
    """Merged events passing ``flt`` (negated ones only when asked for) in timeline order or
    newest first, one page of them, with the monthly counts and the date range of all of them."""
    mf = merged_filter(flt)
    total, items = cq.timeline(cur, mf, limit, offset, newest=newest)
    return {"engine": "merged", "total": total, "limit": limit, "offset": offset, "items": items,
            "months": cq.months(cur, mf), "range": cq.date_span(cur, mf)}


def merged_dyad_series(cur: Any, a: str, b: str, *, directed: bool, by: str,
                       date_from: str | None, date_to: str | None) -> dict[str, Any]:
    """The dyad's monthly (or yearly) series in a date range. ``n_events``: its happenings not
    negated (``presentation.dyad_count``); ``left_out`` (= ``n_no_period``): those of them dated
    coarser than the period; ``n_negated``: reported as not having happened."""
    months = [d for d in cq.dyad_months(cur, a, b, directed)
              if (not date_from or d["month"] >= date_from[:7]) and (not date_to or d["month"] <= date_to[:7])]
    acc: dict[str, list[Any]] = {}
    for d in months:
        key = d["month"] if by == "month" else d["month"][:4]
        row = acc.setdefault(key, [0, 0.0, [0, 0, 0, 0], 0])
        row[0] += d["n_events"]
        row[1] += d["goldstein_sum"]
        row[2] = [x + y for x, y in zip(row[2], d["quad"], strict=True)]
        row[3] += d["n_reports"]
    series = [{"period": p, "n": n, "goldstein_mean": round(g / n, 3) if n else 0.0,
               "quad_class": {str(q + 1): c for q, c in enumerate(quad)}, "n_reports": reports}
              for p, (n, g, quad, reports) in sorted(acc.items())]
    n = cq.dyad_count(cur, a, b, directed=directed, date_from=date_from, date_to=date_to)
    counted = sum(s["n"] for s in series)
    return {"engine": "merged", "a": a, "b": b, "directed": directed, "by": by, "series": series,
            "n_events": n["n_events"], "left_out": n["n_events"] - counted, "n_no_period": n["n_events"] - counted,
            "n_negated": n["n_negated"]}


def merged_graph(cur: Any, flt: EventFilter, *, min_events: int, limit: int,
                 names: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Undirected edges between affiliations over the merged events passing ``flt``."""
    mf = merged_filter(flt)
    if flt.negated:  # the graph counts what happened: negated events never draw an edge
        return {"engine": "merged", "level": "affiliation", "nodes": [], "edges": []}
    edges = cq.graph(cur, mf, directed=False, min_events=min_events, limit=limit)
    out_edges = [{"source": e["source"], "target": e["target"], "n": e["n_events"],
                  "goldstein_mean": e["goldstein_mean"], "n_cooperation": e["quad"][0] + e["quad"][1],
                  "n_conflict": e["quad"][2] + e["quad"][3], "n_reports": e["n_reports"]} for e in edges]
    degree: dict[str, int] = {}
    for e in edges:
        for side in (e["source"], e["target"]):
            degree[side] = degree.get(side, 0) + e["n_events"]
    if names is None:
        from sukien.api.queries import actors_by_id

        names = {x["id"]: x for x in actors_by_id(cur, sorted(degree))}
    nodes = [{"id": i, "name": names.get(i, {}).get("name", i), "kind": names.get(i, {}).get("kind", "unknown"),
              "n": n} for i, n in sorted(degree.items())]
    return {"engine": "merged", "level": "affiliation", "nodes": nodes, "edges": out_edges}


def index_search(index: SearchIndex, cur: Any, q: str, *, kind: str, limit: int, offset: int) -> dict[str, Any]:
    """Search with the tantivy index (diacritic-free; a plain query is a phrase), best first.

    ``total`` counts the hits found up to this page; ``has_more`` tells whether more follow.
    """
    kinds = () if kind == "all" else (kind,)
    hits = index.search(q, kinds=kinds, limit=offset + limit + 1)
    page = hits[offset:offset + limit]
    ids = sorted({h.article_id for h in page})
    titles = dict(cur.execute("SELECT article_id, title FROM articles WHERE article_id IN (SELECT unnest(?))",
                              [ids]).fetchall()) if ids else {}
    events = {h.id: h for h in page if h.kind == "event"}
    extra = {r[0]: r[1:] for r in cur.execute(
        "SELECT event_id, source, target, cameo, quad_class FROM events WHERE event_id IN (SELECT unnest(?))",
        [list(events)]).fetchall()} if events else {}
    items = []
    for h in page:
        ranges = join_ranges(h.fragment, h.highlights)
        item: dict[str, Any] = {
            "kind": h.kind, "article_id": h.article_id, "event_id": h.id if h.kind == "event" else None,
            "quote_id": h.id if h.kind == "quote" else None, "title": titles.get(h.article_id, h.title),
            "date": h.date, "score": round(h.score, 4), "snippet": h.fragment,
            "match": ranges[0] if ranges else None, "highlights": ranges}
        if h.id in extra:
            item.update(zip(("source", "target", "cameo", "quad_class"), extra[h.id], strict=True))
        items.append(item)
    return {"query": q, "engine": "index", "total": offset + len(page), "has_more": len(hits) > offset + limit,
            "limit": limit, "offset": offset, "items": items}


def join_ranges(text: str, ranges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Highlighted words separated by white space only become one range ("hội" "đàm" -> "hội đàm").

    >>> join_ranges("tại cuộc hội đàm ở", [(9, 12), (13, 16)])
    [[9, 16]]
    """
    out: list[list[int]] = []
    for a, b in sorted(ranges):
        if out and (a <= out[-1][1] or text[out[-1][1]:a].isspace()):
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out
