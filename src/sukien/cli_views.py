"""CLI commands over the corpus tables: timeline, dyad, actors, search, export.

Thin wrappers: the work is in ``sukien.corpus`` (timeline, dyads, graph) and
``sukien.store`` (search index, exports). ``register(app)`` adds them to the Typer app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

out = Console()
err = Console(stderr=True)

DbOpt = Annotated[str, typer.Option("--db", help="DuckDB store file.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="From date (2026-03, 2026-03-01).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="To date, inclusive (2026-03-31).")]
RootOpt = Annotated[str | None, typer.Option("--root", help="CAMEO root code (04 = consult).")]
LimitOpt = Annotated[int, typer.Option("--limit", help="At most this many rows.")]


def _open(db: str) -> Any:
    from sukien.store import Store

    if not Path(db).is_file():
        err.print(f"[red]no store at {db}[/]: run `sukien run INPUT --db {db}` first")
        raise typer.Exit(2)
    return Store(db, read_only=True)


def _merged(store: Any) -> list[Any]:
    from sukien.corpus.model import MergedEvent
    from sukien.store.corpus_tables import json_records

    return [MergedEvent.from_dict(r) for r in json_records(store.con, "merged_events")]


def _names(store: Any) -> dict[str, str]:
    return {a["id"]: a["name"] for a in store.actor_records()}


def _labels() -> dict[str, str]:
    from sukien.events.tables import EventTables

    return {c: v.name for c, v in EventTables.load().codes.items()}


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def timeline(
    db: DbOpt = "sukien.duckdb",
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id or affiliation (RUS, person:sergei-lavrov).")] = None,
    dyad: Annotated[str | None, typer.Option("--dyad", help="Two actors, comma-separated: RUS,CHN.")] = None,
    query: Annotated[str | None, typer.Option("--query", help="Only events found by this search.")] = None,
    date_from: FromOpt = None, date_to: ToOpt = None, root: RootOpt = None, limit: LimitOpt = 200,
) -> None:
    """A dated chronicle of merged events: each happening once, with its number of sources.

    Example: sukien timeline --db sukien.duckdb --dyad RUS,CHN --from 2026-03
    """
    from sukien.corpus.timeline import TimelineFilter
    from sukien.corpus.timeline import timeline as build

    with _open(db) as store:
        merged, names, labels = _merged(store), _names(store), _labels()
        ids = None
        if query:
            from sukien.store.search import SearchIndex, index_path_for

            hits = SearchIndex(index_path_for(db)).search(query, limit=10_000)
            ids = {h.id for h in hits if h.kind == "event"} | {h.article_id for h in hits}
    pair = tuple(x.strip() for x in dyad.split(",")) if dyad else None
    if pair is not None and len(pair) != 2:
        raise typer.BadParameter("give two actors: --dyad RUS,CHN", param_hint="--dyad")
    f = TimelineFilter(actor=actor, dyad=pair, event_ids=ids, date_from=date_from,  # type: ignore[arg-type]
                       date_to=date_to, root=root)
    rows = build(merged, f)
    if ids is not None:
        rows = [m for m in rows if any(s in ids for s in m.sources) or any(a in ids for a in m.article_ids)]
    table = Table(title=f"timeline ({len(rows)} events)")
    table.add_column("date", no_wrap=True)
    table.add_column("who → whom", ratio=2)
    table.add_column("event", ratio=2)
    table.add_column("sources", justify="right")
    table.add_column("evidence", ratio=4)
    for m in rows[:limit]:
        arrow = "↔" if m.reciprocal else "→"
        who = f"{names.get(m.source or '', m.source or '?')} {arrow} {names.get(m.target or '', m.target or '–')}"
        label = labels.get(m.cameo, "")
        table.add_row(m.date or "?", escape(who), escape(f"{m.cameo} {label}"), str(m.n_sources),
                      escape(_short(m.sentence, 110)))
    out.print(table)


def dyad(
    a: Annotated[str, typer.Argument(help="First actor (id or affiliation).")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    db: DbOpt = "sukien.duckdb",
    directed: Annotated[bool, typer.Option("--directed", help="Only events from A to B.")] = False,
) -> None:
    """Monthly series for a pair of actors: events by QuadClass, Goldstein sum and mean.

    Example: sukien dyad RUS CHN --db sukien.duckdb
    """
    from sukien.corpus.dyads import dyad_series

    with _open(db) as store:
        series = dyad_series(_merged(store), a, b, directed=directed)
    table = Table(title=f"{a} {'→' if directed else '–'} {b} per month (QuadClass 1-4: verbal/material "
                  "cooperation, verbal/material conflict)")
    table.add_column("month", no_wrap=True)
    for name in ("events", "Q1", "Q2", "Q3", "Q4", "Goldstein sum", "mean", "reports"):
        table.add_column(name, justify="right")
    for r in series:
        table.add_row(r.month, str(r.n_events), *map(str, r.quad), f"{r.goldstein_sum:+.1f}",
                      f"{r.goldstein_mean:+.2f}", str(r.n_reports))
    out.print(table)


def actors(
    db: DbOpt = "sukien.duckdb",
    by_affiliation: Annotated[bool, typer.Option("--by-affiliation", help="Count states/organisations.")] = False,
    limit: LimitOpt = 50,
    edges: Annotated[bool, typer.Option("--edges", help="Show the relationship graph's edges instead.")] = False,
) -> None:
    """Actors with their event counts (as source, as target), or the relationship graph.

    Example: sukien actors --db sukien.duckdb --by-affiliation
    """
    from sukien.corpus.graph import actor_counts, actor_graph

    with _open(db) as store:
        merged, names = _merged(store), _names(store)
    if edges:
        table = Table("source", "target", "events", "coop v/m", "conflict v/m", "Goldstein mean", "reports",
                      title="actor relationship graph")
        for e in actor_graph(merged)[:limit]:
            table.add_row(e.source, e.target, str(e.n_events), f"{e.quad[0]}/{e.quad[1]}",
                          f"{e.quad[2]}/{e.quad[3]}", f"{e.goldstein_mean:+.2f}", str(e.n_reports))
    else:
        table = Table("actor", "name", "events", "as source", "as target", "reports", title="actors")
        for c in actor_counts(merged, by_affiliation)[:limit]:
            table.add_row(c.actor, escape(names.get(c.actor, "")), str(c.n_events), str(c.as_source),
                          str(c.as_target), str(c.n_reports))
    out.print(table)


def search(
    query: Annotated[str, typer.Argument(help='Words, accents optional ("hoi dam"); commas separate phrases.')],
    db: DbOpt = "sukien.duckdb",
    kind: Annotated[list[str] | None, typer.Option("--kind", help="article, quote or event (repeatable).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id or affiliation.")] = None,
    date_from: FromOpt = None, date_to: ToOpt = None, root: RootOpt = None, limit: LimitOpt = 20,
) -> None:
    """Full-text search over articles, quotes and events, diacritics optional.

    Example: sukien search "lien hop quoc" --db sukien.duckdb --kind quote --from 2026-03
    """
    from sukien.store.search import SearchIndex, index_path_for

    if not Path(db).is_file():
        err.print(f"[red]no store at {db}[/]")
        raise typer.Exit(2)
    hits = SearchIndex(index_path_for(db)).search(query, kinds=kind or (), actor=actor, date_from=date_from,
                                                  date_to=date_to, root=root, limit=limit)
    table = Table("kind", "date", "where", "match", title=f"{len(hits)} hits for {query!r}")
    for h in hits:
        marked = escape(h.marked("\x00", "\x01")).replace("\x00", "[bold yellow]").replace("\x01", "[/]")
        table.add_row(h.kind, h.date or "?", escape(h.article_id or h.doc_id), marked)
    out.print(table)


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
