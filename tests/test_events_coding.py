"""Event coding through ``process_article``: who did what to whom, for each argument
construction (SVO, prepositional targets, symmetric, passive, receiver, persons acting for
their state). Sentences are made up for these tests."""

from __future__ import annotations

import pytest

from sukien.pipeline import Resources, process_article
from sukien.records import Article, Event


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources.load()


def events_of(res: Resources, body: str, published: str | None = "2021-06-07") -> list[Event]:
    art = Article(article_id="t#1", doc_id="t", title="", title_line=None, body=body, body_lines=(),
                  published=published, published_basis="header" if published else "unknown")
    _, _, events, _, _ = process_article(art, res)
    for e in events:  # evidence is always the verbatim sentence at its offsets
        assert body[e.char_start:e.char_end] == e.sentence
        assert e.root == e.cameo[:2]
    return events


def dyads(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source, e.target, e.root) for e in events}


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [(e.source, e.target, e.cameo, e.trigger) for e in events]
    return events[0]


# ---------------------------------------------------------------- subject, verb, object


def test_events_svo_attack(res: Resources) -> None:
    body = "Nga tấn công Ukraine bằng tên lửa hành trình."
    e = only(events_of(res, body))
    assert (e.source, e.target, e.root, e.cameo) == ("RUS", "UKR", "19", "190")
    assert (e.negated, e.modality) == (False, "asserted")
    assert (e.source_text, e.target_text, e.trigger) == ("Nga", "Ukraine", "tấn công")
    assert (e.quad_class, e.goldstein, e.plover) == (4, -10.0, "FIGHT")
    assert e.sentence == body


def test_events_evidence_is_the_second_sentence(res: Resources) -> None:
    body = "Thủ đô Kyiv đêm qua khá yên tĩnh. Sáng 5/6, quân đội Nga tấn công Ukraine bằng tên lửa."
    e = only(events_of(res, body))
    assert (e.source, e.target, e.root) == ("RUS.MIL", "UKR", "19")
    assert e.sentence == "Sáng 5/6, quân đội Nga tấn công Ukraine bằng tên lửa."
    assert e.char_start == body.index("Sáng 5/6")
    assert e.date == "2021-06-05"


def test_events_sector_source(res: Resources) -> None:
    e = only(events_of(res, "Bộ Ngoại giao Nga chỉ trích NATO vì các cuộc tập trận."))
    assert (e.source, e.target, e.root) == ("RUS.GOV", "NATO", "11")


# ---------------------------------------------------------------- prepositional targets


@pytest.mark.parametrize(("body", "expected"), [
    ("Mỹ cung cấp vũ khí cho Ukraine trong tháng này.", ("USA", "UKR", "07")),
    ("Nhật Bản viện trợ cho Ukraine 100 triệu USD.", ("JPN", "UKR", "07")),
    ("Nga phóng tên lửa nhằm vào Ukraine.", ("RUS", "UKR", "15")),
    ("Nga gửi vũ khí tới Belarus.", ("RUS", "BLR", "07")),
    ("Việt Nam gửi điện chia buồn tới Thổ Nhĩ Kỳ.", ("VNM", "TUR", "01")),
])
def test_events_prepositional_target(res: Resources, body: str, expected: tuple[str, str, str]) -> None:
    e = only(events_of(res, body))
    assert (e.source, e.target, e.root) == expected
    assert not e.negated


def test_events_coordinated_targets_give_one_event_each(res: Resources) -> None:
    events = events_of(res, "Mỹ trừng phạt Nga và Belarus.")
    assert dyads(events) == {("USA", "RUS", "16"), ("USA", "BLR", "16")}


def test_events_coordinated_sources_give_one_event_each(res: Resources) -> None:
    events = events_of(res, "Mỹ và Anh cung cấp vũ khí cho Ukraine.")
    assert dyads(events) == {("USA", "UKR", "07"), ("GBR", "UKR", "07")}


# ---------------------------------------------------------------- symmetric


def test_events_symmetric_coordinated_subject(res: Resources) -> None:
    events = events_of(res, "Nga và Trung Quốc hội đàm tại Bắc Kinh.")
    assert dyads(events) == {("RUS", "CHN", "04"), ("CHN", "RUS", "04")}
    assert all(e.location == "Bắc Kinh" for e in events)


def test_events_symmetric_with(res: Resources) -> None:
    events = events_of(res, "Nga hội đàm với Trung Quốc về an ninh khu vực.")
    assert dyads(events) == {("RUS", "CHN", "04"), ("CHN", "RUS", "04")}


def test_events_symmetric_between(res: Resources) -> None:
    events = events_of(res, "Cuộc gặp giữa Nga và Trung Quốc diễn ra tại Bắc Kinh.")
    assert dyads(events) == {("RUS", "CHN", "04"), ("CHN", "RUS", "04")}


# ---------------------------------------------------------------- passive and receiver


def test_events_passive_with_boi(res: Resources) -> None:
    e = only(events_of(res, "Ukraine bị tấn công bởi Nga."))
    assert (e.source, e.target, e.root) == ("RUS", "UKR", "19")


def test_events_passive_with_do(res: Resources) -> None:
    e = only(events_of(res, "Belarus bị trừng phạt do EU."))
    assert (e.source, e.target, e.root) == ("EU", "BLR", "16")


def test_events_passive_agent_before_verb(res: Resources) -> None:
    e = only(events_of(res, "Ukraine bị Nga tấn công dữ dội."))
    assert (e.source, e.target, e.root) == ("RUS", "UKR", "19")


@pytest.mark.parametrize(("body", "expected"), [
    ("Ukraine nhận vũ khí từ Mỹ.", ("USA", "UKR", "07")),
    ("Ukraine nhận viện trợ từ Nhật Bản.", ("JPN", "UKR", "07")),
])
def test_events_receiver_swaps_roles(res: Resources, body: str, expected: tuple[str, str, str]) -> None:
    e = only(events_of(res, body))
    assert (e.source, e.target, e.root) == expected


# ---------------------------------------------------------------- persons act for their side


def test_events_named_minister_acts_for_government(res: Resources) -> None:
    e = only(events_of(res, "Ngoại trưởng Nga Sergei Lavrov chỉ trích Mỹ."))
    assert e.source in ("RUS.GOV", "RUS")
    assert e.source_person == "person:sergei-lavrov"
    assert (e.target, e.root) == ("USA", "11")


def test_events_title_only_person_acts_for_government(res: Resources) -> None:
    e = only(events_of(res, "Tổng thống Mỹ cảnh báo Nga.", "2021-06-07"))
    assert e.source in ("USA.GOV", "USA")
    assert e.source_person == "person:joe-biden"
    assert (e.target, e.root) == ("RUS", "13")


def test_events_person_target_mapped_to_side(res: Resources) -> None:
    events = events_of(res, "Ngoại trưởng Nga Sergei Lavrov hội đàm với Ngoại trưởng Trung Quốc.")
    assert {(e.source_person, e.target_person) for e in events} == {
        ("person:sergei-lavrov", "person:wang-yi"), ("person:wang-yi", "person:sergei-lavrov")}
    assert {(e.source, e.target) for e in events} == {("RUS.GOV", "CHN.GOV"), ("CHN.GOV", "RUS.GOV")}


# ---------------------------------------------------------------- same side


def test_events_no_event_inside_one_state(res: Resources) -> None:
    assert events_of(res, "Bộ Ngoại giao Nga chỉ trích Điện Kremlin.") == []
