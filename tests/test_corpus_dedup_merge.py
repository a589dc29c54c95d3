"""Exact/near duplicates, and merging reports of one happening into one event."""

from __future__ import annotations

from sukien.corpus.dedup import DedupItem, find_duplicates, signature
from sukien.corpus.merge import ArticleInfo, merge_events
from sukien.records import Event

TEXT = ("Ngày 4/3, Ngoại trưởng Nga đã hội đàm với Bộ trưởng Ngoại giao Trung Quốc tại Đà Nẵng. "
        "Hai bên nhất trí tăng cường phối hợp trong các vấn đề quốc tế và khu vực, đồng thời "
        "thảo luận về tình hình an ninh ở châu Á và quan hệ thương mại song phương.")
OTHER = "Liên minh châu Âu đã thông qua gói trừng phạt mới nhằm vào lĩnh vực năng lượng của Nga."


def test_exact_and_near_duplicates_grouped() -> None:
    near = TEXT.replace("Ngày 4/3,", "Hôm 4/3,") + " (Theo TTXVN)"
    unaccented = "Ngay 4/3, Ngoai truong Nga da hoi dam voi Bo truong Ngoai giao Trung Quoc tai Da Nang. " + \
        TEXT.split(". ", 1)[1]
    items = [DedupItem("a#1", "h1", signature(TEXT)), DedupItem("b#1", "h1", signature(TEXT)),
             DedupItem("c#1", "h2", signature(near)), DedupItem("d#1", "h3", signature(unaccented)),
             DedupItem("e#1", "h4", signature(OTHER))]
    groups = find_duplicates(items)
    assert [g.article_ids for g in groups] == [("a#1", "b#1", "c#1", "d#1")]
    assert groups[0].kind == "near"
    exact = find_duplicates(items[:2] + items[4:])
    assert [(g.kind, g.article_ids) for g in exact] == [("exact", ("a#1", "b#1"))]


def _ev(eid: str, art: str, src: str, tgt: str, date: str, cameo: str = "040", start: int = 0,
        negated: bool = False) -> Event:
    return Event(eid, art, art.split("#")[0], date, "explicit", src, tgt, src, tgt, cameo, cameo[:2], 1, 1.0,
                 "CONSULT", None, negated, "asserted", f"câu {eid}", start, start + 10)


def test_reports_of_one_happening_merge() -> None:
    events = [
        _ev("e1", "a#1", "person:sergei-lavrov", "CHN", "2026-03-04"),
        _ev("e2", "b#1", "RUS", "CHN", "2026-03-05"),  # ±1 day: same happening
        _ev("e3", "c#1", "RUS", "CHN", "2026-03-09"),  # too late: another meeting
        _ev("e4", "b#1", "RUS", "CHN", "2026-03-05", negated=True),  # denied: kept apart
        _ev("e5", "b#1", "USA", "CHN", "2026-03-05", cameo="163"),
    ]
    arts = {"a#1": ArticleInfo("2026-03-05", "bao-x.vn"), "b#1": ArticleInfo("2026-03-06", "bao-y.vn"),
            "c#1": ArticleInfo("2026-03-10", "bao-x.vn")}
    merged = merge_events(events, arts, {"person:sergei-lavrov": "RUS.GOV"})
    assert len(merged) == 4
    talks = next(m for m in merged if set(m.sources) == {"e1", "e2"})
    assert talks.n_sources == 2 and talks.outlets == ("bao-x.vn", "bao-y.vn")
    assert (talks.first_reported, talks.last_reported) == ("2026-03-05", "2026-03-06")
    assert talks.evidence == ("câu e1", "câu e2") and talks.source_affiliation == "RUS"


def test_mirrored_coding_is_one_reciprocal_event() -> None:
    events = [_ev("e1", "a#1", "RUS", "CHN", "2026-03-04"), _ev("e2", "a#1", "CHN", "RUS", "2026-03-04"),
              _ev("e3", "b#1", "CHN", "RUS", "2026-03-04", start=50),
              _ev("e4", "b#1", "RUS", "CHN", "2026-03-04", start=50)]
    merged = merge_events(events, {}, {})
    assert len(merged) == 1 and merged[0].reciprocal and merged[0].n_sources == 2
