"""The API routes (all GET, all under ``/api``). Parameters are validated; unknown query
parameters, out-of-range pages and malformed dates or ids are 422; missing records are 404.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError

from sukien.api import corpus_views as cv
from sukien.api import presenting, queries, reader
from sukien.api.queries import EventFilter
from sukien.api.snapshot import Generation
from sukien.store import corpus_queries as cq

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
ACTOR_RE = r"^[A-Za-z0-9][A-Za-z0-9:._\-]{0,119}$"
DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE = re.compile(DATE_RE)
COUNT_NOTE = ("happenings (reports of one event merged), not negated; those dated less precisely than the "
              "period are counted but not charted")


def _no_unknown_params(request: Request) -> None:
    """422 for a query parameter the route does not take (a typo must not silently widen a filter)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise RequestValidationError([{"type": "extra_forbidden", "loc": ("query", name),
                                       "msg": f"unknown parameter; allowed: {', '.join(sorted(allowed))}",
                                       "input": request.query_params[name]} for name in unknown])


def _query_names(dependant: Any) -> set[str]:
    """Names of the query parameters a route takes, its dependencies' included."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


router = APIRouter(prefix="/api", dependencies=[Depends(_no_unknown_params)])


def generation(request: Request) -> Iterator[Generation]:
    """The store snapshot this request reads (one per request, however many dependencies use it)."""
    with request.app.state.store.generation() as gen:
        yield gen


def cursor(gen: Annotated[Generation, Depends(generation)]) -> Iterator[duckdb.DuckDBPyConnection]:
    with gen.store.cursor() as cur:
        yield cur


def corpus(gen: Annotated[Generation, Depends(generation)]) -> cv.CorpusViews:
    return gen.views


Cur = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]
Corpus = Annotated[cv.CorpusViews, Depends(corpus)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
ActorId = Annotated[str | None, Query(pattern=ACTOR_RE, description="Canonical actor id (RUS, NATO, BLR.GOV, person:…).")]
DateParam = Annotated[str | None, Query(pattern=DATE_RE, description="YYYY, YYYY-MM or YYYY-MM-DD.")]
Text = Annotated[str | None, Query(min_length=1, max_length=200)]


def _day(value: str | None, name: str, end: bool) -> str | None:
    """Expand a partial date to the first (or last) day it covers; 422 for an impossible date."""
    if value is None:
        return None
    parts = [int(p) for p in value.split("-")] if _DATE.match(value) else []
    ok = bool(parts) and (len(parts) < 2 or 1 <= parts[1] <= 12)
    if ok and len(parts) == 3:
        ok = 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]
    if not ok:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", name),
                                       "msg": "not a real date (YYYY, YYYY-MM or YYYY-MM-DD)", "input": value}])
    if len(parts) == 1:
        return f"{value}-12-31" if end else f"{value}-01-01"
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return f"{value}-{last:02d}" if end else f"{value}-01"
    return value


def _dyad(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    sides = value.split(",")
    if len(sides) != 2 or not all(re.match(ACTOR_RE, s) for s in sides):
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "dyad"),
                                       "msg": "expected two actor ids separated by a comma, e.g. RUS,BLR",
                                       "input": value}])
    return sides[0], sides[1]


def event_filter(
    actor: ActorId = None,
    source: ActorId = None,
    target: ActorId = None,
    dyad: Annotated[str | None, Query(max_length=250, description="Two actor ids, either direction: RUS,BLR")] = None,
    date_from: DateParam = None,
    date_to: DateParam = None,
    root: Annotated[str | None, Query(pattern=r"^\d{2}$", description="CAMEO root code, 01…20.")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$", description="Full CAMEO code.")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="1…4 (QuadClass).")] = None,
    modality: Literal["asserted", "intended", "conditional", "reported_claim"] | None = None,
    negated: bool | None = None,
    article_id: Annotated[str | None, Query(max_length=300)] = None,
) -> EventFilter:
    lo, hi = _day(date_from, "date_from", end=False), _day(date_to, "date_to", end=True)
    if lo and hi and lo > hi:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "date_to"),
                                       "msg": "date_to is before date_from", "input": date_to}])
    if root and not 1 <= int(root) <= 20:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "root"),
                                       "msg": "CAMEO roots run from 01 to 20", "input": root}])
    return EventFilter(actor=actor, source=source, target=target, dyad=_dyad(dyad), date_from=lo, date_to=hi,
                       root=root, cameo=cameo, quad_class=quad_class, modality=modality, negated=negated,
                       article_id=article_id)


Filter = Annotated[EventFilter, Depends(event_filter)]


def _found(value: dict[str, Any] | None, what: str, key: str) -> dict[str, Any]:
    if value is None:
        raise HTTPException(404, f"{what} not found: {key}")
    return value


@router.get("/health", summary="Store status and record counts")
def health(request: Request, cur: Cur) -> dict[str, Any]:
    """Counts of the snapshot being served and how old it is (new data shows up within seconds)."""
    return {"status": "ok", "read_only": True, "counts": queries.counts(cur), **request.app.state.store.info()}


@router.get("/articles", summary="Articles (summaries, without body)")
def list_articles(cur: Cur, outlet: Text = None, actor: ActorId = None,
                  q: Annotated[str | None, Query(min_length=2, max_length=200)] = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return reader.articles(cur, outlet=outlet, actor=actor, q=q, limit=limit, offset=offset)


@router.get("/articles/{article_id}", summary="One article with highlighted evidence and actor chips")
def get_article(cur: Cur, article_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    """``label`` is the headline, or the lead when there is none; ``sentences`` groups the
    article's events by the sentence they were coded from."""
    return _found(reader.article(cur, article_id), "article", article_id)


@router.get("/events", summary="Events, filtered")
def list_events(cur: Cur, flt: Filter, limit: Limit = 50, offset: Offset = 0,
                order: Literal["date", "-date", "article"] = "date") -> dict[str, Any]:
    page = queries.events(cur, flt, limit, offset, order)
    presenting.add_labels(cur, page["items"])
    return page


@router.get("/events/{event_id}", summary="One event")
def get_event(cur: Cur, event_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    ev = _found(queries.event(cur, event_id), "event", event_id)
    return presenting.add_labels(cur, [ev])[0]


@router.get("/timeline", summary="Merged events, newest first, with their date range and monthly counts")
def timeline(cur: Cur, views: Corpus, flt: Filter, limit: Limit = 100, offset: Offset = 0,
             order: Annotated[Literal["newest", "oldest"], Query(
                 description="newest first (default) or oldest first; undated events come last")] = "newest",
             ) -> dict[str, Any]:
    """One entry per happening (reports merged by the corpus step), newest first; negated events
    only with ``negated=true``. ``range`` gives the first and last dates of all the events
    chosen. A store without the corpus step lists its raw events instead."""
    if views.merged() is not None:
        page = cv.timeline_page(cur, flt, limit, offset, newest=order == "newest")
        span = page.pop("range")
    else:
        if flt.negated is None:  # as with merged events: what did not happen is asked for explicitly
            flt = dataclasses.replace(flt, negated=False)
        page = {"engine": "events", **queries.events(cur, flt, limit, offset, "-date" if order == "newest" else "date"),
                "months": queries.month_counts(cur, flt)}
        span = queries.date_span(cur, flt)
    titles = reader.titles(cur, [i["article_id"] for i in page["items"]])
    for item in presenting.add_labels(cur, page["items"]):
        item["article_title"] = titles.get(item["article_id"])
    return {**page, "order": order, "range": span}


@router.get("/dyads", summary="The most active pairs of actors (by affiliation)")
def dyads(cur: Cur, views: Corpus, limit: Limit = 50) -> dict[str, Any]:
    """``n``: happenings between the pair, not negated — the count the dyad series
    (``n_events``) and the timeline filtered on the pair (``total``) give too."""
    items = cq.top_dyads(cur, limit) if views.merged() is not None else queries.top_dyads(cur, limit)
    return {"items": items, "counted": COUNT_NOTE}


@router.get("/dyads/series", summary="Monthly (or yearly) Goldstein mean and QuadClass counts of a dyad")
def dyad_series(cur: Cur, views: Corpus, a: Annotated[str, Query(pattern=ACTOR_RE)],
                b: Annotated[str, Query(pattern=ACTOR_RE)], directed: bool = False,
                by: Literal["month", "year"] = "month", date_from: DateParam = None,
                date_to: DateParam = None) -> dict[str, Any]:
    """``n_events``: happenings between A and B, not negated (the count ``/api/dyads`` and the
    timeline give). Of those, ``left_out`` (= ``n_no_period``) are dated coarser than the
    period and are not in ``series``; ``n_negated`` were reported as not having happened and
    are in no count."""
    lo, hi = _day(date_from, "date_from", False), _day(date_to, "date_to", True)
    if views.merged() is None:
        return {"engine": "events", "counted": COUNT_NOTE,
                **queries.dyad_series(cur, a, b, directed=directed, by=by, date_from=lo, date_to=hi)}
    return {**cv.merged_dyad_series(cur, a, b, directed=directed, by=by, date_from=lo, date_to=hi),
            "counted": COUNT_NOTE}


@router.get("/graph", summary="Actor graph: who deals with whom")
def graph(cur: Cur, views: Corpus, flt: Filter, level: Literal["affiliation", "actor"] = "affiliation",
          min_events: Annotated[int, Query(ge=1, le=100_000)] = 1, limit: Limit = 200) -> dict[str, Any]:
    """Undirected edges weighted by events (merged happenings between affiliations; at
    ``level=actor``, reports between the coded actors, sectors included)."""
    if views.merged() is not None and level == "affiliation":
        return cv.merged_graph(cur, flt, min_events=min_events, limit=limit)
    return {"engine": "events", **queries.graph(cur, level=level, flt=flt, min_events=min_events, limit=limit)}


@router.get("/actors", summary="Actors with their number of events")
def list_actors(cur: Cur, kind: Literal["state", "org", "sector", "person"] | None = None,
                affiliation: ActorId = None, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    folded = reader.fold(q) if q else None
    return queries.actors(cur, kind=kind, affiliation=affiliation, q=folded, limit=limit, offset=offset)


@router.get("/actors/{actor_id}", summary="One actor")
def get_actor(cur: Cur, actor_id: Annotated[str, Path(pattern=ACTOR_RE)]) -> dict[str, Any]:
    found = queries.actors_by_id(cur, [actor_id])
    return _found(found[0] if found else None, "actor", actor_id)


@router.get("/quotes", summary="Quotes; speaker matches the speaker or its affiliation")
def list_quotes(cur: Cur, speaker: ActorId = None, article_id: Annotated[str | None, Query(max_length=300)] = None,
                q: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    folded = reader.fold(q) if q else None
    page = queries.quotes(cur, speaker=speaker, article_id=article_id, q=folded, limit=limit, offset=offset)
    presenting.add_labels(cur, page["items"])
    return page


@router.get("/quotes/speakers", summary="Speakers and how often they are quoted")
def quote_speakers(cur: Cur, limit: Limit = 200) -> dict[str, Any]:
    return {"items": queries.speakers(cur, limit)}


@router.get("/search", summary="Diacritic-free search over articles, quotes and event sentences")
def search(cur: Cur, views: Corpus, q: Annotated[str, Query(min_length=2, max_length=200)],
           kind: Literal["all", "article", "event", "quote"] = "all", limit: Limit = 50,
           offset: Annotated[int, Query(ge=0, le=5_000)] = 0) -> dict[str, Any]:
    """"hoi dam" finds "hội đàm". With the store's search index (built by the corpus step) a
    plain query is a phrase, commas separate phrases that must all occur, and hits come best
    first; without one the store is scanned for the folded substring. The events coded from one
    sentence are one hit (``events`` lists them); ``label`` names the article (its headline, or
    its lead when it has none)."""
    if not q.strip():
        raise RequestValidationError([{"type": "value_error", "loc": ("query", "q"), "msg": "empty query",
                                       "input": q}])
    index = views.index()
    if index is not None:
        return presenting.grouped_search(lambda n: cv.index_search(index, cur, q, kind=kind, limit=n, offset=0),
                                         cur, limit, offset)
    return presenting.grouped_search(lambda n: reader.search(cur, q, kind=kind, limit=n, offset=0), cur, limit, offset)
