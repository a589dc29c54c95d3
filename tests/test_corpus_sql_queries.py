"""Merged-event queries pushed into DuckDB (``sukien.store.corpus_queries``) give what the
list functions of ``sukien.corpus`` (timeline, dyad series, actor graph, actor counts) give
over all merged events loaded into Python — on the seed corpus, for many filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sukien.corpus.dyads import dyad_series
from sukien.corpus.graph import actor_counts, actor_graph
from sukien.corpus.model import MergedEvent
from sukien.corpus.timeline import TimelineFilter, timeline
from sukien.store import Store
from sukien.store import corpus_queries as cq
from sukien.store import corpus_tables as ct

FILTERS = [{}, {"actor": "RUS"}, {"actor": "BLR.GOV"}, {"dyad": ("RUS", "BLR")}, {"dyad": ("BLR", "RUS"), "root": "4"}]


def _date_filters(merged: list[MergedEvent]) -> list[dict]:
    """Date ranges around the dates the store holds (a month or a year overlaps a range it
    shares a day with): day, month and year bounds, open on either side."""
    dated = sorted(m.date for m in merged if m.date and not m.date.startswith("--"))
    assert dated, "the seed corpus has dated merged events"
    first, mid, last = dated[0], dated[len(dated) // 2], dated[-1]
    return [{"date_from": mid[:7], "date_to": mid[:7]}, {"date_from": first[:4]}, {"date_to": mid[:4] + "-12"},
            {"date_from": mid[:10], "date_to": last[:10]}, {"actor": "RUS", "date_from": first[:7], "date_to": mid}]


@pytest.fixture(scope="module")
def corpus_store(api_stores: dict[str, Path]) -> Store:
    store = Store(api_stores["corpus"], read_only=True)
    yield store
    store.close()


def _all(store: Store) -> list[MergedEvent]:
    return [MergedEvent.from_dict(r) for r in ct.json_records(store.con, "merged_events")]


@pytest.mark.parametrize("which", range(len(FILTERS) + 5))
def test_sql_timeline_matches_the_list_function(corpus_store: Store, which: int) -> None:
    merged = _all(corpus_store)
    assert merged, "the seed corpus has merged events"
    kw = (FILTERS + _date_filters(merged))[which]
    for negated in (None, True):
        tf = TimelineFilter(**kw, include_negated=bool(negated))
        expected = [m.event_id for m in timeline(merged, tf) if negated is None or m.negated]
        total, rows = cq.timeline(corpus_store.con, cq.MergedFilter(**kw, negated=negated), limit=10_000)
        assert [r["event_id"] for r in rows] == expected and total == len(expected), (kw, negated)
        if negated is None:
            assert expected, f"no merged event passes {kw}: the comparison would prove nothing"
        _, page = cq.timeline(corpus_store.con, cq.MergedFilter(**kw, negated=negated), limit=3, offset=2)
        assert [r["event_id"] for r in page] == expected[2:5]


def test_sql_months_count_what_the_timeline_holds(corpus_store: Store) -> None:
    merged = _all(corpus_store)
    chosen = timeline(merged, TimelineFilter(actor="RUS"))
    months: dict[str, int] = {}
    for m in chosen:
        if m.date and not m.date.startswith("--") and len(m.date) >= 7:
            months[m.date[:7]] = months.get(m.date[:7], 0) + 1
    got = {r["period"]: r["n"] for r in cq.months(corpus_store.con, cq.MergedFilter(actor="RUS"))}
    assert got == months and got


@pytest.mark.parametrize("pair", [("RUS", "BLR"), ("BLR", "RUS"), ("RUS", "UKR"), ("USA", "CHN")])
@pytest.mark.parametrize("directed", [False, True])
def test_sql_dyad_series_matches(corpus_store: Store, pair: tuple[str, str], directed: bool) -> None:
    expected = [vars(d) for d in dyad_series(_all(corpus_store), *pair, directed=directed)]
    got = cq.dyad_months(corpus_store.con, *pair, directed=directed)
    assert got == expected


@pytest.mark.parametrize("directed", [False, True])
def test_sql_graph_and_actor_counts_match(corpus_store: Store, directed: bool) -> None:
    merged = _all(corpus_store)
    expected = [vars(e) for e in actor_graph(merged, directed=directed)]
    assert cq.graph(corpus_store.con, cq.MergedFilter(), directed=directed) == expected and expected
    for by_aff in (False, True):
        want = [{"actor": c.actor, "as_source": c.as_source, "as_target": c.as_target, "n_reports": c.n_reports}
                for c in actor_counts(merged, by_aff)]
        assert cq.actor_counts(corpus_store.con, by_affiliation=by_aff) == want


def test_no_corpus_tables_answer_as_empty(tmp_path: Path) -> None:
    with Store(tmp_path / "plain.duckdb") as store:
        assert cq.timeline(store.con, cq.MergedFilter(), 10) == (0, [])
        assert cq.dyad_months(store.con, "RUS", "BLR") == [] and cq.graph(store.con, cq.MergedFilter()) == []


def test_sql_newest_first_and_date_span_match_presentation(corpus_store: Store) -> None:
    from sukien.presentation import date_range, newest_first

    merged = _all(corpus_store)
    for kw in ({}, {"actor": "RUS"}):
        chosen = timeline(merged, TimelineFilter(**kw))
        expected = [m.event_id for m in newest_first(chosen, lambda m: m.date, lambda m: m.last_reported)]
        _, rows = cq.timeline(corpus_store.con, cq.MergedFilter(**kw), limit=10_000, newest=True)
        assert [r["event_id"] for r in rows] == expected and expected
        assert cq.date_span(corpus_store.con, cq.MergedFilter(**kw)) == date_range(m.date for m in chosen)


def test_sql_top_dyads_and_dyad_counts_match_presentation(corpus_store: Store) -> None:
    from sukien.presentation import DyadCount, dyad_count, top_dyads

    merged = _all(corpus_store)
    assert cq.top_dyads(corpus_store.con, 50) == top_dyads(merged, 50) != []
    for a, b in (("RUS", "BLR"), ("BLR", "RUS"), ("USA", "CHN")):
        for directed in (False, True):
            got = DyadCount(**cq.dyad_count(corpus_store.con, a, b, directed=directed))
            assert got == dyad_count(merged, a, b, directed=directed), (a, b, directed)


def test_sql_newest_first_puts_plans_after_the_news(tmp_path: Path) -> None:
    """An event dated after its last report (a plan: "đến năm 2028") comes after the dated news,
    in SQL as in ``presentation.newest_first``."""
    import duckdb

    from sukien.presentation import newest_first

    rows = [("a", "2028", "2028-01-01", "2026-02-01"), ("b", "2026-01-30", "2026-01-30", "2026-02-01"),
            ("c", "2025", "2025-01-01", "2026-02-01"), ("d", "2026-03", "2026-03-01", "--02-01")]
    con = duckdb.connect(str(tmp_path / "plans.duckdb"))
    con.execute("CREATE TABLE merged_events (event_id VARCHAR, date VARCHAR, d_lo VARCHAR, last_reported VARCHAR, "
                "sort_key VARCHAR, n_sources INTEGER, negated BOOLEAN, record JSON, focus_event_id VARCHAR)")
    for eid, date, d_lo, rep in rows:
        con.execute("INSERT INTO merged_events VALUES (?, ?, ?, ?, ?, 1, false, ?, ?)",
                    [eid, date, d_lo, rep, date, json.dumps({"event_id": eid}), eid])
    _, got = cq.timeline(con, cq.MergedFilter(), limit=10, newest=True)
    expected = newest_first(rows, lambda r: r[1], lambda r: r[3])
    assert [r["event_id"] for r in got] == [r[0] for r in expected] == ["d", "b", "c", "a"]
    con.close()
