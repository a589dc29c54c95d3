"""Event negation, modality (with intent recoding from intent_codes.tsv) and dates resolved
against the publication date or the text. Sentences are made up for these tests."""

from __future__ import annotations

import pytest

from sukien.data_files import read_tsv
from sukien.pipeline import Resources, process_article
from sukien.records import Article, Event


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources.load()


@pytest.fixture(scope="module")
def intent() -> dict[str, str]:
    return {r["root"]: r["intent_code"] for r in read_tsv("intent_codes.tsv")}


def events_of(res: Resources, body: str, published: str | None = "2022-03-01") -> list[Event]:
    art = Article(article_id="t#1", doc_id="t", title="", title_line=None, body=body, body_lines=(),
                  published=published, published_basis="header" if published else "unknown")
    _, _, events, _, _ = process_article(art, res)
    for e in events:
        assert body[e.char_start:e.char_end] == e.sentence
    return events


def one(events: list[Event], source: str, target: str | None) -> Event:
    found = [e for e in events if (e.source, e.target) == (source, target)]
    assert len(found) == 1, [(e.source, e.target, e.cameo, e.trigger) for e in events]
    return found[0]


# ---------------------------------------------------------------- negation


@pytest.mark.parametrize("body", [
    "Nga không tấn công Ukraine.",
    "Nga chưa tấn công Ukraine.",
    "Nga không có kế hoạch tấn công Ukraine.",
])
def test_events_negation_marks_event(res: Resources, body: str) -> None:
    e = one(events_of(res, body), "RUS", "UKR")
    assert e.negated is True
    assert e.root in ("19", "13")


def test_events_plain_sentence_not_negated(res: Resources) -> None:
    e = one(events_of(res, "Nga tấn công Ukraine."), "RUS", "UKR")
    assert (e.negated, e.modality, e.cameo) == (False, "asserted", "190")


# ---------------------------------------------------------------- modality


@pytest.mark.parametrize(("body", "source", "target", "root"), [
    ("Nga sẵn sàng hội đàm với Ukraine.", "RUS", "UKR", "04"),
    ("Mỹ sẽ viện trợ cho Ukraine.", "USA", "UKR", "07"),
    ("Nga có thể tấn công Ukraine.", "RUS", "UKR", "19"),
    ("Nhật Bản dự kiến viện trợ cho Ukraine.", "JPN", "UKR", "07"),
])
def test_events_intended_recoded_to_intent(res: Resources, intent: dict[str, str], body: str, source: str,
                                           target: str, root: str) -> None:
    e = one(events_of(res, body), source, target)
    assert e.modality == "intended"
    assert e.cameo == intent[root]
    assert not e.negated


def test_events_intended_modal_inside_trigger(res: Resources) -> None:
    e = one(events_of(res, "Mỹ sẽ cung cấp vũ khí cho Ukraine."), "USA", "UKR")
    assert e.cameo.startswith("03")
    assert e.modality == "intended"


def test_events_conditional_main_clause(res: Resources, intent: dict[str, str]) -> None:
    events = events_of(res, "Nếu NATO mở rộng về phía đông, Nga sẽ trừng phạt Litva.")
    e = one(events, "RUS", "LTU")
    assert e.modality == "conditional"
    assert e.cameo == intent["16"]


def test_events_conditional_clause_comma_is_not_coordination(res: Resources) -> None:
    events = events_of(res, "Nếu Nga tấn công Ukraine, Mỹ sẽ trừng phạt Nga.")
    assert ("RUS", "USA") not in {(e.source, e.target) for e in events}
    assert one(events, "USA", "RUS").modality == "conditional"


@pytest.mark.parametrize(("body", "accuser", "actor", "target"), [
    ("Nga cáo buộc Ukraine tấn công Nga bằng máy bay không người lái.", "RUS", "UKR", "RUS"),
    ("Mỹ cáo buộc Nga tấn công Ukraine.", "USA", "RUS", "UKR"),
], ids=["accused-is-target", "third-party"])
def test_events_accusation_is_reported_claim(res: Resources, body: str, accuser: str, actor: str,
                                             target: str) -> None:
    events = events_of(res, body)
    accuse = one(events, accuser, actor)
    assert (accuse.root, accuse.modality) == ("11", "asserted")
    claim = one(events, actor, target)
    assert (claim.root, claim.modality, claim.negated) == ("19", "reported_claim", False)


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(("body", "published", "date"), [
    ("Ngày 27/2, Nga tấn công Ukraine.", "2022-03-01", "2022-02-27"),
    ("Hôm 20/2, Mỹ trừng phạt Nga.", "2022-03-01", "2022-02-20"),
    ("Tối 11/3, Nga pháo kích Ukraine.", "2022-03-15", "2022-03-11"),
    ("Ngày 8-9, Nga và Trung Quốc hội đàm tại Bắc Kinh.", "2021-09-10", "2021-09-08"),
    ("Hôm qua, Mỹ trừng phạt Nga.", "2022-03-01", "2022-02-28"),
    ("Mỹ trừng phạt Nga tuần trước.", "2022-03-01", "2022-02"),
    ("Ngày 28/12, Nga tấn công Ukraine.", "2023-01-03", "2022-12-28"),
    ("Ngày 5/1, Nga tấn công Ukraine.", "2022-12-30", "2023-01-05"),
])
def test_events_relative_date_resolved_against_publication(res: Resources, body: str, published: str,
                                                           date: str) -> None:
    events = events_of(res, body, published)
    assert events
    for e in events:
        assert (e.date, e.date_basis) == (date, "relative")


def test_events_month_year_date(res: Resources) -> None:
    e = one(events_of(res, "Đầu tháng 10/2022, Nga tấn công Ukraine.", "2023-01-05"), "RUS", "UKR")
    assert e.date == "2022-10"
    assert e.date_basis in ("explicit", "relative")


def test_events_full_date_in_text_is_explicit(res: Resources) -> None:
    e = one(events_of(res, "Nga tấn công Ukraine ngày 24/2/2022.", None), "RUS", "UKR")
    assert (e.date, e.date_basis) == ("2022-02-24", "explicit")


def test_events_sentence_initial_tuan_truoc(res: Resources) -> None:
    e = one(events_of(res, "Tuần trước, Mỹ trừng phạt Nga.", "2022-03-01"), "USA", "RUS")
    assert (e.date, e.date_basis) == ("2022-02", "relative")


def test_events_no_date_expression_takes_publication(res: Resources) -> None:
    e = one(events_of(res, "Mỹ trừng phạt Nga vì vụ tấn công mạng.", "2022-03-01"), "USA", "RUS")
    assert (e.date, e.date_basis) == ("2022-03-01", "publication")


def test_events_no_year_anywhere_gives_month_day(res: Resources) -> None:
    e = one(events_of(res, "Ngày 27/2, Nga tấn công Ukraine.", None), "RUS", "UKR")
    assert e.date == "--02-27"
    assert e.date_basis != "publication"


def test_events_no_date_at_all_is_unknown(res: Resources) -> None:
    e = one(events_of(res, "Mỹ trừng phạt Nga.", None), "USA", "RUS")
    assert (e.date, e.date_basis) == (None, "unknown")


def test_events_background_sentence_keeps_its_year(res: Resources) -> None:
    events = events_of(res, "Nga tăng cường hiện diện quân sự ở Biển Đen. Năm 2014, Nga sáp nhập Crimea.",
                       "2022-03-01")
    annex = [e for e in events if e.trigger == "sáp nhập"]
    assert len(annex) == 1
    assert (annex[0].source, annex[0].date, annex[0].date_basis) == ("RUS", "2014", "explicit")


def test_events_full_date_without_publication_anchors_day_month(res: Resources) -> None:
    events = events_of(res, "Ngày 24/2/2022, Nga tấn công Ukraine. Ngày 27/2, Belarus hội đàm với Ukraine.",
                       None)
    assert one(events, "BLR", "UKR").date == "2022-02-27"


def test_events_nearby_full_date_beats_publication(res: Resources) -> None:
    events = events_of(res, "Ngày 24/2/2022, Nga tấn công Ukraine. Ngày 27/2, Belarus hội đàm với Ukraine.",
                       "2023-06-07")
    assert one(events, "BLR", "UKR").date == "2022-02-27"


def test_events_next_day_after_explicit_date(res: Resources) -> None:
    events = events_of(res, "Ngày 24/2/2022, Nga tấn công Ukraine. Hôm sau, Mỹ trừng phạt Nga.",
                       "2023-06-07")
    assert one(events, "USA", "RUS").date == "2022-02-25"
