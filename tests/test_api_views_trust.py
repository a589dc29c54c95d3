"""The API tells one story: the timeline opens on the newest events and gives its range, an
article without a headline is named by its lead, a dyad has one count everywhere, and events
of one sentence are one search hit and one sidebar entry. Over the seed pages plus news pages
that have no headline, with and without the corpus step."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from sukien.api.app import create_app


@pytest.fixture(scope="module", params=["corpus", "plain"])
def client(request: pytest.FixtureRequest, trust_store: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[TestClient]:
    db = trust_store
    if request.param == "plain":  # the same store without the corpus tables (built with --no-corpus)
        import duckdb

        db = tmp_path_factory.mktemp("plain") / "plain.duckdb"
        shutil.copy(trust_store, db)
        con = duckdb.connect(str(db))
        con.execute("DROP TABLE merged_events")
        con.close()
    with TestClient(create_app(str(db))) as c:
        c.engine = request.param  # type: ignore[attr-defined]
        yield c


def _ok(c: TestClient, url: str) -> dict:
    r = c.get(url)
    assert r.status_code == 200, (url, r.text)
    return r.json()


def _dated(items: list[dict]) -> list[str]:
    return [i["date"] for i in items if i["date"] and not i["date"].startswith("--")]


def test_api_timeline_opens_on_the_newest_events(client: TestClient) -> None:
    page = _ok(client, "/api/timeline?limit=500")
    assert page["order"] == "newest"
    dated = _dated(page["items"])
    assert len(dated) > 5 and dated == sorted(dated, reverse=True)
    assert page["range"] == {"first": min(dated), "last": max(dated)}
    assert page["items"][0]["date"] == page["range"]["last"]
    undated = [i for i in page["items"] if not i["date"] or i["date"].startswith("--")]
    assert page["items"][len(page["items"]) - len(undated):] == undated  # unknown dates last
    oldest = _ok(client, "/api/timeline?limit=500&order=oldest")
    assert _dated(oldest["items"]) == sorted(dated) and oldest["range"] == page["range"]
    assert client.get("/api/timeline?order=sideways").status_code == 422


def test_api_articles_without_headline_have_a_lead_label(client: TestClient) -> None:
    arts = _ok(client, "/api/articles?limit=500")["items"]
    untitled = [a for a in arts if not a["title"]]
    titled = [a for a in arts if a["title"]]
    assert untitled and titled
    assert all(a["label"] == a["title"] for a in titled)
    for a in untitled:
        assert len(a["label"]) >= 20 and "#" not in a["label"] and "không có tiêu đề" not in a["label"]
        one = _ok(client, "/api/articles/" + quote(a["article_id"], safe=""))
        assert one["label"] == a["label"] and one["body"].startswith(a["label"].rstrip("…")[:15])
    ids = {a["article_id"] for a in untitled}
    items = _ok(client, "/api/timeline?limit=500")["items"]
    from_untitled = [i for i in items if i["article_id"] in ids]
    assert from_untitled and all(i["article_label"] and i["article_label"] != i["article_id"] for i in from_untitled)
    events = _ok(client, "/api/events?limit=500")["items"]
    assert events and all(e["article_label"] for e in events)
    quotes = _ok(client, "/api/quotes?limit=500")["items"]
    assert quotes and all(q["article_label"] for q in quotes)


def test_api_one_count_per_dyad(client: TestClient) -> None:
    top = _ok(client, "/api/dyads?limit=8")["items"]
    assert len(top) >= 3
    for d in top:
        series = _ok(client, f"/api/dyads/series?a={d['a']}&b={d['b']}")
        timeline = _ok(client, f"/api/timeline?dyad={d['a']},{d['b']}&limit=1")
        charted = sum(p["n"] for p in series["series"])
        assert d["n"] == series["n_events"] == timeline["total"], (d, series["n_events"], timeline["total"])
        assert series["n_events"] == charted + series["left_out"] and series["left_out"] == series["n_no_period"]
        assert series["n_negated"] >= 0 and "not negated" in series["counted"]
        months = sum(m["n"] for m in timeline["months"])  # the timeline's chart counts the same events
        assert months == charted or client.engine == "plain"  # type: ignore[attr-defined]


def test_api_search_groups_events_by_sentence(client: TestClient) -> None:
    res = _ok(client, "/api/search?q=hoi%20dam&limit=50")
    events = [h for h in res["items"] if h["kind"] == "event"]
    assert events and all(h["events"] and h["events"][0]["event_id"] == h["event_id"] for h in events)
    keys = [(h["article_id"], h["snippet"]) for h in events]
    assert len(keys) == len(set(keys))  # a sentence appears once, however many events it holds
    assert any(len(h["events"]) > 1 for h in events)
    assert all(h["label"] and h["title"] for h in res["items"])
    ungrouped = sum(len(h["events"]) for h in events)
    raw_events = _ok(client, "/api/search?q=hoi%20dam&kind=event&limit=500")
    assert sum(len(h["events"]) for h in raw_events["items"]) >= ungrouped
    page1 = _ok(client, "/api/search?q=hoi%20dam&limit=3")
    page2 = _ok(client, "/api/search?q=hoi%20dam&limit=3&offset=3")
    ids1 = {(h["kind"], h["article_id"], h["snippet"]) for h in page1["items"]}
    ids2 = {(h["kind"], h["article_id"], h["snippet"]) for h in page2["items"]}
    assert len(ids1) == 3 and ids2 and ids1.isdisjoint(ids2) and page1["has_more"]


def test_api_article_sentences_group_its_events(client: TestClient) -> None:
    arts = [a for a in _ok(client, "/api/articles?limit=500")["items"] if a["n_events"] >= 3]
    assert arts
    seen_shared = False
    for a in arts:
        art = _ok(client, "/api/articles/" + quote(a["article_id"], safe=""))
        groups = art["sentences"]
        assert sorted(e for g in groups for e in g["event_ids"]) == sorted(e["event_id"] for e in art["events"])
        assert len({(g["char_start"], g["char_end"]) for g in groups}) == len(groups)
        by_id = {e["event_id"]: e for e in art["events"]}
        for g in groups:
            assert all(by_id[e]["sentence"] == g["sentence"] for e in g["event_ids"])
        seen_shared |= any(len(g["event_ids"]) > 1 for g in groups)
    assert seen_shared
