"""CLI commands over the corpus tables: timeline, dyad, actors, search, export.

Thin wrappers: merged-event queries run in DuckDB (``sukien.store.corpus_queries``), search
and exports in ``sukien.store``. ``register(app)`` adds them to the Typer app.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import typer

from sukien.cli_support import console, emit, fail

out = console(stderr=False)
err = console(stderr=True)

DbOpt = Annotated[str, typer.Option("--db", help="DuckDB store file.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="From date (2026-03, 2026-03-01).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="To date, inclusive (2026-03-31).")]
RootOpt = Annotated[str | None, typer.Option("--root", help="CAMEO root code (04 = consult).")]
LimitOpt = Annotated[int, typer.Option("--limit", help="At most this many rows.")]


def _open(db: str) -> Any:
    from sukien.store.opening import StoreUnavailable, open_store

    try:
        return open_store(db, read_only=True)
    except StoreUnavailable as exc:
        raise fail(err, str(exc)) from exc


def _names(store: Any) -> dict[str, str]:
    return {a["id"]: a["name"] for a in store.actor_records()}


def _labels() -> dict[str, str]:
    from sukien.events.tables import EventTables

    return {c: v.name for c, v in EventTables.load().codes.items()}


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def parse_dyad(values: list[str] | None, extra: list[str] | None) -> tuple[str, str] | None:
    """``--dyad RUS UKR``, ``--dyad RUS,UKR`` and ``--dyad RUS --dyad UKR`` all give ("RUS", "UKR").

    >>> parse_dyad(["RUS"], ["UKR"]), parse_dyad(["RUS,UKR"], None), parse_dyad(None, None)
    (('RUS', 'UKR'), ('RUS', 'UKR'), None)
    """
    if not values:
        if extra:
            raise typer.BadParameter(f"unexpected argument {' '.join(extra)!r}", param_hint="ARGS")
        return None
    parts = [x for v in [*values, *(extra or ())] for x in re.split(r"[,\s]+", v) if x]
    if len(parts) != 2:
        raise typer.BadParameter(f"give two actors: --dyad RUS UKR (or RUS,UKR), not {' '.join(parts)!r}",
                                 param_hint="--dyad")
    return parts[0], parts[1]


def timeline(
    db: DbOpt = "sukien.duckdb",
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id or affiliation (RUS, person:sergei-lavrov).")] = None,
    dyad: Annotated[list[str] | None, typer.Option(
        "--dyad", help="Two actors, either direction: --dyad RUS UKR (or RUS,UKR).")] = None,
    query: Annotated[str | None, typer.Option("--query", help="Only events found by this search.")] = None,
    date_from: FromOpt = None, date_to: ToOpt = None, root: RootOpt = None, limit: LimitOpt = 200,
    oldest_first: Annotated[bool, typer.Option("--oldest-first", help="Oldest events first (default: newest first).")]
    = False,
    extra: Annotated[list[str] | None, typer.Argument(hidden=True, help="The second actor of --dyad.")] = None,
) -> None:
    """A dated chronicle of merged events, newest first: each happening once, with its number
    of sources; the dates it spans are shown on top. One line per event.

    Example: sukien timeline --db sukien.duckdb --dyad RUS CHN --from 2026-03
    """
    from sukien.corpus.model import MergedEvent
    from sukien.store import corpus_queries as cq

    pair = parse_dyad(dyad, extra)
    with _open(db) as store:  # filters, order and the page run in DuckDB (sukien.store.corpus_queries)
        names, labels = _names(store), _labels()
        ids = None
        if query:
            from sukien.store.search import SearchIndex, index_path_for

            hits = SearchIndex(index_path_for(db)).search(query, limit=10_000)
            ids = tuple(sorted({h.id for h in hits if h.kind == "event"} | {h.article_id for h in hits}))
        f = cq.MergedFilter(actor=actor, dyad=pair, event_ids=ids, date_from=date_from, date_to=date_to, root=root)
        total, records = cq.timeline(store.con, f, limit, newest=not oldest_first)
        span = cq.date_span(store.con, f)
        stored = cq.count(store.con, cq.MergedFilter(), negated=False)
    rows = [MergedEvent.from_dict(r) for r in records]
    shown = f"{len(rows)} of {total}" if total > limit else str(total)
    title = (f"timeline: {shown} events, {'oldest' if oldest_first else 'newest'} first"
             + (f", dated {span['first']} … {span['last']}" if span else ""))
    if not rows:
        title += " — no events match" + ("" if stored else " (the store has no merged events: run without --no-corpus)")

    def who(m: Any) -> str:
        arrow = "↔" if m.reciprocal else "→"
        return f"{names.get(m.source or '', m.source or '?')} {arrow} {names.get(m.target or '', m.target or '–')}"

    emit(out, title, ("date", "who → whom", "event", "sources", "evidence"),
         ((m.date or "?", who(m), f"{m.cameo} {labels.get(m.cameo, '')}", m.n_sources, _short(m.sentence, 160))
          for m in rows), ratios=(1, 2, 2, 1, 4))


def dyad(
    a: Annotated[str, typer.Argument(help="First actor (id or affiliation).")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    db: DbOpt = "sukien.duckdb",
    directed: Annotated[bool, typer.Option("--directed", help="Only events from A to B.")] = False,
) -> None:
    """Monthly series for a pair of actors: events by QuadClass, Goldstein sum and mean.

    The count is the one the timeline and the dashboard show: happenings (merged events),
    not negated; those dated less precisely than a month are counted but not in a month row.

    Example: sukien dyad RUS CHN --db sukien.duckdb
    """
    from sukien.corpus.dyads import DyadMonth
    from sukien.presentation import DyadCount
    from sukien.store import corpus_queries as cq

    with _open(db) as store:
        series = [DyadMonth(**d) for d in cq.dyad_months(store.con, a, b, directed)]
        n = DyadCount(**cq.dyad_count(store.con, a, b, directed=directed))
    title = (f"{a} {'→' if directed else '↔'} {b}: {n.n_events} events ({n.n_charted} by month below, "
             f"{n.n_no_month} without a month; {n.n_negated} negated, not counted). "
             "QuadClass 1-4: verbal/material cooperation, verbal/material conflict")
    emit(out, title, ("month", "events", "Q1", "Q2", "Q3", "Q4", "Goldstein sum", "mean", "reports"),
         ((r.month, r.n_events, *r.quad, f"{r.goldstein_sum:+.1f}", f"{r.goldstein_mean:+.2f}", r.n_reports)
          for r in series))


def actors(
    db: DbOpt = "sukien.duckdb",
    by_affiliation: Annotated[bool, typer.Option("--by-affiliation", help="Count states/organisations.")] = False,
    limit: LimitOpt = 50,
    edges: Annotated[bool, typer.Option("--edges", help="Show the relationship graph's edges instead.")] = False,
) -> None:
    """Actors with their event counts (as source, as target), or the relationship graph.

    Example: sukien actors --db sukien.duckdb --by-affiliation
    """
    from sukien.corpus.graph import ActorCount, Edge
    from sukien.store import corpus_queries as cq

    with _open(db) as store:  # counted in DuckDB (sukien.store.corpus_queries)
        names = _names(store)
        graph = [Edge(**e) for e in cq.graph(store.con, cq.MergedFilter(), directed=True, limit=limit)] if edges else []
        counts = [] if edges else [ActorCount(**c) for c in cq.actor_counts(store.con, by_affiliation=by_affiliation,
                                                                            limit=limit)]
    if edges:
        emit(out, "actor relationship graph",
             ("source", "target", "events", "coop v/m", "conflict v/m", "Goldstein mean", "reports"),
             ((e.source, e.target, e.n_events, f"{e.quad[0]}/{e.quad[1]}", f"{e.quad[2]}/{e.quad[3]}",
               f"{e.goldstein_mean:+.2f}", e.n_reports) for e in graph))
        return
    emit(out, "actors", ("actor", "name", "events", "as source", "as target", "reports"),
         ((c.actor, names.get(c.actor, ""), c.n_events, c.as_source, c.as_target, c.n_reports) for c in counts))


def search(
    query: Annotated[str, typer.Argument(help='Words, accents optional ("hoi dam"); commas separate phrases.')],
    db: DbOpt = "sukien.duckdb",
    kind: Annotated[list[str] | None, typer.Option("--kind", help="article, quote or event (repeatable).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id or affiliation.")] = None,
    date_from: FromOpt = None, date_to: ToOpt = None, root: RootOpt = None, limit: LimitOpt = 20,
) -> None:
    """Full-text search over articles, quotes and events, diacritics optional. Events coded
    from one sentence are one hit; an article is named by its headline (or its lead).

    Example: sukien search "lien hop quoc" --db sukien.duckdb --kind quote --from 2026-03
    """
    from rich.markup import escape

    from sukien.api.corpus_views import join_ranges
    from sukien.presentation import group_by_sentence
    from sukien.store.search import SearchIndex, index_path_for

    with _open(db) as store:
        raw = SearchIndex(index_path_for(db)).search(query, kinds=kind or (), actor=actor, date_from=date_from,
                                                     date_to=date_to, root=root, limit=limit * 4)
        labels = _article_labels(store, [h.article_id for h in raw])
    hits = group_by_sentence([{"hit": h} for h in raw],
                             lambda x: (x["hit"].article_id, x["hit"].fragment) if x["hit"].kind == "event" else None,
                             lambda x: {"what": x["hit"].title})[:limit]
    tty = out.is_terminal

    def match(h: Any) -> str:
        start, end = ("[bold yellow]", "[/]") if tty else ("«", "»")
        text, pos, parts = h.fragment, 0, []
        for a, b in join_ranges(text, h.highlights):  # "hội" "đàm" marked as one phrase
            parts += [escape(text[pos:a]) if tty else text[pos:a], start, text[a:b], end]
            pos = b
        return "".join([*parts, escape(text[pos:]) if tty else text[pos:]])

    emit(out, f"{len(hits)} hits for {query!r}", ("kind", "date", "article", "what", "match"),
         ((x["hit"].kind, x["hit"].date or "?", labels.get(x["hit"].article_id, x["hit"].article_id),
           "; ".join(e["what"] for e in x.get("events", ())), match(x["hit"])) for x in hits),
         ratios=(1, 1, 3, 2, 5), markup_columns=(4,))


def _article_labels(store: Any, article_ids: list[str]) -> dict[str, str]:
    from sukien.presentation import article_label

    ids = sorted(set(article_ids))
    if not ids:
        return {}
    rows = store.con.execute("SELECT article_id, title, left(body, 300) FROM articles "
                             "WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall()
    return {a: article_label(t, b) for a, t, b in rows}


def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet or gdelt.")],
    out_path: Annotated[str, typer.Option("--out", help="Output file.")],
    db: DbOpt = "sukien.duckdb",
    table: Annotated[str, typer.Option("--table", help="merged_events, events, articles, quotes, stories, actors.")]
    = "merged_events",
) -> None:
    """Export a table as JSONL, CSV, Parquet, or merged events as a GDELT 2.0-style event table.

    Example: sukien export --format gdelt --out events.tsv --db sukien.duckdb
    """
    from sukien.store.export import export_table

    with _open(db) as store:
        try:
            n = export_table(store, table, fmt, out_path)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
    err.print(f"wrote {n} rows of {table} to {out_path} ({fmt})")


def register(app: typer.Typer) -> None:
    for fn in (timeline, dyad, actors, search, export):
        app.command()(fn)
