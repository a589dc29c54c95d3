"""Every API endpoint over a store built from ../shared/seeds, with and without the corpus step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from sukien.api.app import create_app


@pytest.fixture(scope="module", params=["plain", "corpus"])
def client(request: pytest.FixtureRequest, api_stores: dict[str, Path]) -> Iterator[TestClient]:
    with TestClient(create_app(str(api_stores[request.param]))) as c:
        c.engine = request.param  # type: ignore[attr-defined]
        yield c


@pytest.fixture(scope="module")
def corpus_client(api_stores: dict[str, Path]) -> Iterator[TestClient]:
    with TestClient(create_app(str(api_stores["corpus"]))) as c:
        yield c


def _ok(c: TestClient, url: str) -> dict:
    r = c.get(url)
    assert r.status_code == 200, (url, r.text)
    return r.json()


def test_api_health_counts(client: TestClient) -> None:
    body = _ok(client, "/api/health")
    assert body["status"] == "ok" and body["read_only"] is True
    assert body["counts"]["articles"] >= 5 and body["counts"]["events"] > 10


def test_api_articles_list_and_pages(client: TestClient) -> None:
    first = _ok(client, "/api/articles?limit=2")
    assert first["total"] >= 5 and len(first["items"]) == 2
    assert "body" not in first["items"][0] and first["items"][0]["article_id"].endswith("#1")
    second = _ok(client, "/api/articles?limit=2&offset=2")
    assert {a["article_id"] for a in first["items"]}.isdisjoint(a["article_id"] for a in second["items"])
    blr = _ok(client, "/api/articles?actor=BLR&limit=500")
    assert blr["items"] and all("BLR" in a["actors"] for a in blr["items"])
    folded = _ok(client, "/api/articles?q=hoi%20dam")
    assert folded["total"] >= 1
    outlet = first["items"][0]["outlet"]
    same_outlet = _ok(client, f"/api/articles?outlet={outlet}")["items"]
    assert same_outlet and all(a["outlet"] == outlet for a in same_outlet)


def test_api_article_reader_highlights_evidence(client: TestClient) -> None:
    aid = _ok(client, "/api/events?actor=BLR&limit=1")["items"][0]["article_id"]
    art = _ok(client, "/api/articles/" + quote(aid, safe=""))
    assert art["article_id"] == aid and art["events"]
    assert "".join(p["text"] for b in art["blocks"] for p in b["parts"]) == art["body"]
    for ev in art["events"]:
        block = next(b for b in art["blocks"] if ev["event_id"] in b["events"])
        text = "".join(p["text"] for p in block["parts"])
        assert ev["sentence"] in text
    chips = {c["id"]: c for c in art["actor_chips"]}
    assert chips["BLR"]["name"] == "Belarus" and chips["BLR"]["kind"] == "state"
    mentioned = [p for b in art["blocks"] for p in b["parts"] if p["actor"]]
    assert mentioned and all(p["actor"] in chips for p in mentioned)
    if art["quotes"]:
        assert any(p["quotes"] for b in art["blocks"] for p in b["parts"])


def test_api_events_filters(client: TestClient) -> None:
    allev = _ok(client, "/api/events?limit=500")
    assert allev["total"] == len(allev["items"]) > 10
    rus = _ok(client, "/api/events?actor=RUS&limit=500")["items"]
    assert rus and all("RUS" in {e["source"], e["target"]} or "RUS." in f"{e['source']} {e['target']}"
                       or (e.get("source_person") or e.get("target_person")) for e in rus)
    dyad = _ok(client, "/api/events?dyad=RUS,BLR&limit=500")["items"]
    assert dyad and all({e["source"].split(".")[0], e["target"].split(".")[0]} == {"RUS", "BLR"} for e in dyad)
    directed = _ok(client, "/api/events?source=RUS&target=BLR&limit=500")["items"]
    assert directed and all(e["source"].startswith("RUS") and e["target"].startswith("BLR") for e in directed)
    quads = {e["quad_class"] for e in allev["items"]}
    assert len(quads) >= 2
    for quad in quads:  # every class present in the store, each filter non-empty
        chosen = _ok(client, f"/api/events?quad_class={quad}&limit=500")["items"]
        assert chosen and all(e["quad_class"] == quad for e in chosen)
    root = allev["items"][0]["root"]
    by_root = _ok(client, f"/api/events?root={root}")["items"]
    assert by_root and all(e["root"] == root for e in by_root)
    neg = _ok(client, "/api/events?negated=true&limit=500")["items"]
    assert {e["event_id"] for e in neg} == {e["event_id"] for e in allev["items"] if e["negated"]}
    modalities = {e["modality"] for e in allev["items"]}
    assert len(modalities) >= 2
    for modality in modalities:
        chosen = _ok(client, f"/api/events?modality={modality}&limit=500")["items"]
        assert chosen and all(e["modality"] == modality for e in chosen)
    art = allev["items"][0]["article_id"]
    in_article = _ok(client, f"/api/events?article_id={quote(art)}")["items"]
    assert in_article and all(e["article_id"] == art for e in in_article)


def test_api_events_date_range_and_order(client: TestClient) -> None:
    day = next(e["date"] for e in _ok(client, "/api/events?limit=500")["items"]
               if e["date"] and len(e["date"]) == 10 and e["date"][0] != "-")
    year = day[:4]
    in_year = _ok(client, f"/api/events?date_from={year}&date_to={year}&limit=500")["items"]
    assert in_year and all(e["date"].startswith(year) for e in in_year)
    on_day = _ok(client, f"/api/events?date_from={day}&date_to={day}&limit=500")["items"]
    assert on_day and all(e["date"] == day for e in on_day)
    dated = [e["date"] for e in _ok(client, "/api/events?limit=500")["items"] if e["date"] and e["date"][0] != "-"]
    assert dated == sorted(dated)
    newest = _ok(client, "/api/events?order=-date&limit=1")["items"][0]["date"]
    assert newest == max(dated)


def test_api_event_by_id(client: TestClient) -> None:
    ev = _ok(client, "/api/events?limit=1")["items"][0]
    one = _ok(client, "/api/events/" + ev["event_id"])
    assert one["sentence"] == ev["sentence"] and one["article_title"]
    assert client.get("/api/events/nope").status_code == 404


def test_api_timeline(client: TestClient, api_stores: dict[str, Path]) -> None:
    tl = _ok(client, "/api/timeline?dyad=RUS,BLR&limit=500")
    assert tl["engine"] == ("merged" if client.engine == "corpus" else "events")  # type: ignore[attr-defined]
    assert tl["items"] and tl["months"] and sum(m["n"] for m in tl["months"]) <= tl["total"]
    assert all("article_title" in i for i in tl["items"]) and any(i["article_title"] for i in tl["items"])
    if client.engine == "corpus":  # type: ignore[attr-defined]
        assert all(not i["negated"] and i["n_sources"] >= 1 for i in tl["items"])
        assert all(i["focus_event_id"] in i["sources"] for i in tl["items"])
        neg = _ok(client, "/api/timeline?negated=true&limit=500")["items"]
        import duckdb

        with duckdb.connect(str(api_stores["corpus"]), read_only=True) as con:
            stored = con.execute("SELECT count(*) FROM merged_events WHERE negated").fetchone()[0]
        assert len(neg) == stored and all(i["negated"] for i in neg)


def test_api_dyads_and_series(client: TestClient) -> None:
    top = _ok(client, "/api/dyads?limit=3")["items"]
    assert {top[0]["a"], top[0]["b"]} == {"BLR", "RUS"}
    s = _ok(client, "/api/dyads/series?a=RUS&b=BLR")
    assert s["series"] and all(len(p["period"]) == 7 for p in s["series"])
    for p in s["series"]:
        assert sum(p["quad_class"].values()) == p["n"] and -10 <= p["goldstein_mean"] <= 10
    assert s["n_events"] == s["left_out"] + sum(p["n"] for p in s["series"])
    years = _ok(client, "/api/dyads/series?a=RUS&b=BLR&by=year")["series"]
    assert sum(p["n"] for p in years) == sum(p["n"] for p in s["series"]) and len(years[0]["period"]) == 4
    directed = _ok(client, "/api/dyads/series?a=RUS&b=BLR&directed=true")
    assert sum(p["n"] for p in directed["series"]) <= sum(p["n"] for p in s["series"])
    year = s["series"][0]["period"][:4]
    ranged = _ok(client, f"/api/dyads/series?a=RUS&b=BLR&date_from={year}&date_to={year}")["series"]
    assert ranged and all(p["period"].startswith(year) for p in ranged)


def test_api_graph(client: TestClient) -> None:
    g = _ok(client, "/api/graph")
    ids = {n["id"] for n in g["nodes"]}
    assert {"RUS", "BLR"} <= ids and g["edges"]
    assert all(e["source"] in ids and e["target"] in ids and e["source"] < e["target"] for e in g["edges"])
    heavy = g["edges"][0]
    assert {heavy["source"], heavy["target"]} == {"BLR", "RUS"}
    assert heavy["n_cooperation"] + heavy["n_conflict"] == heavy["n"]
    heavy_edges = _ok(client, "/api/graph?min_events=3")["edges"]
    assert heavy_edges and all(e["n"] >= 3 for e in heavy_edges)
    actor_level = _ok(client, "/api/graph?level=actor")
    assert any("." in n["id"] for n in actor_level["nodes"])


def test_api_actors(client: TestClient) -> None:
    page = _ok(client, "/api/actors?limit=500")
    assert page["total"] == len(page["items"])
    counts = [a["n_events"] for a in page["items"]]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    persons = _ok(client, "/api/actors?kind=person&limit=500")["items"]
    assert persons and all(a["kind"] == "person" and a["roles"] for a in persons)
    blr = _ok(client, "/api/actors?affiliation=BLR")["items"]
    assert blr and all(a["affiliation"] == "BLR" for a in blr)
    found = _ok(client, "/api/actors?q=lukashenko")["items"]
    assert [a["id"] for a in found] == ["person:alexander-lukashenko"]
    assert _ok(client, "/api/actors?q=Bê-la-rút")["items"][0]["id"] == "BLR"  # alias, with diacritics
    one = _ok(client, "/api/actors/person:alexander-lukashenko")
    assert one["affiliation"] == "BLR"
    assert client.get("/api/actors/XYZ").status_code == 404


def test_api_quotes_by_speaker(client: TestClient) -> None:
    speakers = _ok(client, "/api/quotes/speakers")["items"]
    assert speakers[0]["id"] == "person:alexander-lukashenko" and speakers[0]["n_quotes"] > 5
    q = _ok(client, "/api/quotes?speaker=person:alexander-lukashenko&limit=500")
    assert q["items"] and q["total"] == speakers[0]["n_quotes"] and all(x["speaker"] == "person:alexander-lukashenko" for x in q["items"])
    by_state = _ok(client, "/api/quotes?speaker=BLR&limit=500")
    assert by_state["total"] >= q["total"]
    words = _ok(client, "/api/quotes?q=ukraine&limit=500")["items"]
    assert words and all("ukraine" in x["text"].lower() for x in words)
    art = q["items"][0]["article_id"]
    in_article = _ok(client, f"/api/quotes?article_id={quote(art)}")["items"]
    assert in_article and all(x["article_id"] == art for x in in_article)


def test_api_search_is_diacritic_free(client: TestClient) -> None:
    res = _ok(client, "/api/search?q=hoi%20dam&limit=50")
    assert res["engine"] == ("index" if client.engine == "corpus" else "store")  # type: ignore[attr-defined]
    assert res["items"] and {"article", "event"} <= {h["kind"] for h in res["items"]}
    for hit in res["items"]:
        a, b = hit["match"]
        assert hit["snippet"][a:b].lower() == "hội đàm"
    same = _ok(client, "/api/search?q=h%E1%BB%99i%20%C4%91%C3%A0m&limit=50")  # "hội đàm"
    assert [h["article_id"] for h in same["items"]] == [h["article_id"] for h in res["items"]]
    events = _ok(client, "/api/search?q=hoi%20dam&kind=event&limit=5")["items"]
    assert events and all(h["kind"] == "event" and h["event_id"] for h in events)
    page2 = _ok(client, "/api/search?q=hoi%20dam&limit=2&offset=2")
    assert page2["offset"] == 2 and len(page2["items"]) == 2
    assert _ok(client, "/api/search?q=zzqqxx")["items"] == []


def test_api_corpus_search_quotes(corpus_client: TestClient) -> None:
    quotes = _ok(corpus_client, "/api/search?q=lukashenko&kind=quote&limit=5")["items"]
    assert quotes and all(h["kind"] == "quote" and h["quote_id"] for h in quotes)
