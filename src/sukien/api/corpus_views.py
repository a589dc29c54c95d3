"""Corpus-level views for the API, computed with ``sukien.corpus`` (timeline, dyad series,
actor graph over merged events) and ``sukien.store.search`` (the tantivy index).

The store is opened read-only and DuckDB lets no other process write it meanwhile, so the
merged events are loaded once, on first use, and kept. A store without corpus tables (built
with ``--no-corpus``) gets ``None`` here and the routes fall back to ``sukien.api.queries``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Any

from sukien.api.db import ReadOnlyStore
from sukien.api.queries import EventFilter
from sukien.corpus.dyads import dyad_series
from sukien.corpus.graph import actor_graph
from sukien.corpus.model import MergedEvent
from sukien.corpus.timeline import TimelineFilter, matches, sides, timeline
from sukien.store import corpus_tables as ct
from sukien.store.search import SearchIndex, index_path_for


@dataclass(frozen=True)
class Merged:
    events: list[MergedEvent]
    focus: dict[str, str]  # merged id -> the raw event id of its representative report


class CorpusViews:
    """Lazily loaded merged events and search index of one read-only store."""

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
                self._merged = self._load_merged()
                self._loaded = True
            return self._merged

    def _load_merged(self) -> Merged | None:
        with self.store.cursor() as cur:
            if not ct.has_corpus_tables(cur):
                return None
            events = [MergedEvent.from_dict(r) for r in ct.json_records(cur, "merged_events")]
            raw = {eid: (aid, start) for eid, aid, start in cur.execute(
                "SELECT event_id, article_id, CAST(record->>'char_start' AS INTEGER) FROM events").fetchall()}
        if not events and raw:
            return None  # corpus step not run on this store
        focus = {m.event_id: next((s for s in m.sources if raw.get(s) == (m.article_id, m.char_start)),
                                  m.sources[0] if m.sources else m.event_id) for m in events}
        return Merged(events, focus)

    def index(self) -> SearchIndex | None:
        with self._lock:
            if not self._index_loaded:
                path = self.index_path
                self._index = SearchIndex(path) if path and path.is_dir() and any(path.iterdir()) else None
                self._index_loaded = True
            return self._index


def _keep(m: MergedEvent, flt: EventFilter) -> bool:
    """The filters ``TimelineFilter`` does not cover."""
    src, tgt = sides(m)
    return ((flt.source is None or flt.source in src) and (flt.target is None or flt.target in tgt)
            and (flt.quad_class is None or m.quad_class == flt.quad_class)
            and (flt.modality is None or m.modality == flt.modality)
            and (flt.cameo is None or m.cameo == flt.cameo)
            and (flt.negated is None or m.negated == flt.negated)
            and (flt.article_id is None or flt.article_id in m.article_ids))


def _tfilter(flt: EventFilter, *, include_negated: bool) -> TimelineFilter:
    return TimelineFilter(actor=flt.actor, dyad=flt.dyad, date_from=flt.date_from, date_to=flt.date_to,
                          root=flt.root, include_negated=include_negated,
                          article_ids=[flt.article_id] if flt.article_id else None)


def merged_timeline(merged: Merged, flt: EventFilter) -> list[MergedEvent]:
    """Merged events passing ``flt`` in timeline order; negated ones only when asked for."""
    chosen = timeline(merged.events, _tfilter(flt, include_negated=bool(flt.negated)))
    return [m for m in chosen if _keep(m, flt)]


def timeline_page(merged: Merged, chosen: Sequence[MergedEvent], limit: int, offset: int) -> dict[str, Any]:
    items = [{**m.to_dict(), "focus_event_id": merged.focus.get(m.event_id, m.event_id)}
             for m in chosen[offset:offset + limit]]
    months: dict[str, list[int]] = {}
    for m in chosen:
        if m.date and not m.date.startswith("--") and len(m.date) >= 7:
            acc = months.setdefault(m.date[:7], [0, 0])
            acc[0] += 1
            acc[1] += 0 if m.negated else 1
    return {"engine": "merged", "total": len(chosen), "limit": limit, "offset": offset, "items": items,
            "months": [{"period": p, "n": n, "n_happened": h} for p, (n, h) in sorted(months.items())]}


def merged_dyad_series(merged: Merged, a: str, b: str, *, directed: bool, by: str,
                       date_from: str | None, date_to: str | None) -> dict[str, Any]:
    """``sukien.corpus.dyads.dyad_series`` in the API's shape (optionally by year, in a date range)."""
    months = [d for d in dyad_series(merged.events, a, b, directed=directed)
              if (not date_from or d.month >= date_from[:7]) and (not date_to or d.month <= date_to[:7])]
    acc: dict[str, list[Any]] = {}
    for d in months:
        key = d.month if by == "month" else d.month[:4]
        row = acc.setdefault(key, [0, 0.0, [0, 0, 0, 0], 0])
        row[0] += d.n_events
        row[1] += d.goldstein_sum
        row[2] = [x + y for x, y in zip(row[2], d.quad, strict=True)]
        row[3] += d.n_reports
    series = [{"period": p, "n": n, "goldstein_mean": round(g / n, 3) if n else 0.0,
               "quad_class": {str(q + 1): c for q, c in enumerate(quad)}, "n_reports": reports}
              for p, (n, g, quad, reports) in sorted(acc.items())]
    flt = TimelineFilter(dyad=(a, b), include_negated=True, date_from=date_from, date_to=date_to)
    n_all = sum(1 for m in merged.events if matches(m, flt) and (not directed or a in sides(m)[0] or m.reciprocal))
    counted = sum(s["n"] for s in series)
    return {"engine": "merged", "a": a, "b": b, "directed": directed, "by": by, "series": series,
            "n_events": n_all, "left_out": n_all - counted}


def merged_graph(merged: Merged, flt: EventFilter, *, min_events: int, limit: int,
                 names: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``sukien.corpus.graph.actor_graph`` (undirected, between affiliations) as nodes and edges."""
    chosen = [m for m in timeline(merged.events, _tfilter(flt, include_negated=False)) if _keep(m, flt)]
    edges = [e for e in actor_graph(chosen, directed=False) if e.n_events >= min_events][:limit]
    out_edges = [{"source": e.source, "target": e.target, "n": e.n_events, "goldstein_mean": e.goldstein_mean,
                  "n_cooperation": e.quad[0] + e.quad[1], "n_conflict": e.quad[2] + e.quad[3],
                  "n_reports": e.n_reports} for e in edges]
    degree: dict[str, int] = {}
    for e in edges:
        for side in (e.source, e.target):
            degree[side] = degree.get(side, 0) + e.n_events
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
