"""Diacritic-free full-text search on a real tantivy index: filters and highlights."""

from __future__ import annotations

from pathlib import Path

import pytest

from sukien.store.search import SearchIndex, entry


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    ix = SearchIndex(tmp_path / "t.index")
    ix.replace_docs([], [
        entry("article", {"article_id": "a#1", "doc_id": "a"}, "Nga và Trung Quốc hội đàm",
              "Hai ngoại trưởng đã hội đàm tại Đà Nẵng về vai trò của Liên hợp quốc.", "2026-03-04",
              ["RUS", "CHN"]),
        entry("article", {"article_id": "b#1", "doc_id": "b"}, "Liên minh châu Âu họp bàn",
              "Các nước liên minh thảo luận về hợp tác quốc phòng trong khu vực.", "2025-11-02", ["EU"]),
        entry("event", {"event_id": "e1", "article_id": "a#1", "doc_id": "a"}, "RUS → CHN 040",
              "Ngoại trưởng Nga đã hội đàm với người đồng cấp Trung Quốc.", "2026-03-04", ["RUS", "CHN"], "04"),
        entry("quote", {"quote_id": "q1", "article_id": "a#1", "doc_id": "a"}, "ông Lavrov",
              "Chúng tôi sẽ phối hợp chặt chẽ tại Liên hợp quốc", "2026-03-04", ["RUS"]),
    ])
    return ix


@pytest.mark.parametrize("query", ["hoi dam", "Hội đàm", "HOI DAM"])
def test_accent_free_query_finds_accented_text(index: SearchIndex, query: str) -> None:
    assert {h.id for h in index.search(query)} == {"a#1", "e1"}


def test_d_with_stroke_folds_both_ways(index: SearchIndex) -> None:
    assert [h.id for h in index.search("da nang")] == ["a#1"]
    assert [h.id for h in index.search("Đà Nẵng")] == ["a#1"]


def test_phrase_not_scattered_syllables(index: SearchIndex) -> None:
    # "liên minh … hợp tác quốc phòng" holds the syllables but not the phrase
    assert {h.id for h in index.search("Lien hop quoc")} == {"a#1", "q1"}


def test_filters_kind_actor_date_root(index: SearchIndex) -> None:
    assert [h.id for h in index.search("lien hop quoc", kinds=["quote"])] == ["q1"]
    assert {h.id for h in index.search("hoi dam", actor="CHN")} == {"a#1", "e1"}
    assert index.search("hoi dam", actor="EU") == []
    assert [h.id for h in index.search("hoi dam", root="4")] == ["e1"]
    assert {h.id for h in index.search("hoi dam", date_from="2026-03", date_to="2026-03-31")} == {"a#1", "e1"}
    assert index.search("hoi dam", date_to="2026-02") == []


def test_snippet_highlights_original_words(index: SearchIndex) -> None:
    hit = next(h for h in index.search("hoi dam", kinds=["article"]))
    assert "«hội» «đàm»" in hit.marked()
    assert [hit.fragment[a:b] for a, b in hit.highlights] == ["hội", "đàm"]
