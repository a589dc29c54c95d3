"""Quote attribution through ``process_article``: speaker before or after the quote, dash
attributions, multi-sentence and nested quotes, reported speech, pronoun speakers resolved by
coreference, quote dates, and events read inside quotes. Sentences are made up."""

from __future__ import annotations

import pytest

from sukien.pipeline import Resources, process_article
from sukien.records import Article, Event, Quote


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources.load()


def run(res: Resources, body: str, published: str | None = "2022-03-01") -> tuple[list[Quote], list[Event]]:
    art = Article(article_id="t#1", doc_id="t", title="", title_line=None, body=body, body_lines=(),
                  published=published, published_basis="header" if published else "unknown")
    _, _, events, quotes, _ = process_article(art, res)
    for q in quotes:  # the quoted words are verbatim at their offsets
        assert body[q.char_start:q.char_end] == q.text
    return quotes, events


def only(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, [(q.text, q.speaker) for q in quotes]
    return quotes[0]


def test_quotes_speaker_before_colon(res: Resources) -> None:
    q = only(run(res, "Bà Irena Kowalczyk nói: “Chúng tôi sẽ không rút lui khỏi thỏa thuận này”.")[0])
    assert (q.speaker, q.speaker_text, q.direct) == ("person:irena-kowalczyk", "Bà Irena Kowalczyk", True)
    assert q.text == "Chúng tôi sẽ không rút lui khỏi thỏa thuận này"


def test_quotes_speaker_after_comma(res: Resources) -> None:
    q = only(run(res, "“Chúng tôi sẽ không rút lui”, ông Jonas Petraitis nói với phóng viên.")[0])
    assert (q.speaker, q.text, q.direct) == ("person:jonas-petraitis", "Chúng tôi sẽ không rút lui", True)


def test_quotes_speaker_after_dash(res: Resources) -> None:
    q = only(run(res, "“Chúng tôi sẽ không rút lui” - ông Jonas Petraitis phát biểu.")[0])
    assert (q.speaker, q.text, q.direct) == ("person:jonas-petraitis", "Chúng tôi sẽ không rút lui", True)


def test_quotes_known_person_with_title_after(res: Resources) -> None:
    q = only(run(res, "“Chúng tôi sẽ đáp trả tương xứng”, người phát ngôn Bộ Ngoại giao Nga Maria "
                      "Zakharova nói.")[0])
    assert q.speaker == "person:maria-zakharova"


def test_quotes_organisation_speaker(res: Resources) -> None:
    q = only(run(res, "Bộ Ngoại giao Nga nói: “Chúng tôi sẽ đáp trả tương xứng”.")[0])
    assert (q.speaker, q.direct) == ("RUS.GOV", True)


def test_quotes_multi_sentence_quote_is_one_quote(res: Resources) -> None:
    body = ("Ông Jonas Petraitis nói: “Tình hình rất nghiêm trọng. Chúng tôi cần hành động ngay. "
            "Không thể chờ thêm”.")
    q = only(run(res, body)[0])
    assert q.text == "Tình hình rất nghiêm trọng. Chúng tôi cần hành động ngay. Không thể chờ thêm"
    assert q.speaker == "person:jonas-petraitis"


def test_quotes_nested_quote_stays_inside(res: Resources) -> None:
    body = "Bà Irena Kowalczyk nói: “Họ gọi đó là “chiến dịch đặc biệt” nhưng thực chất là chiến tranh”."
    q = only(run(res, body)[0])
    assert q.text == "Họ gọi đó là “chiến dịch đặc biệt” nhưng thực chất là chiến tranh"
    assert q.speaker == "person:irena-kowalczyk"


def test_quotes_reported_speech_is_not_direct(res: Resources) -> None:
    q = only(run(res, "Ngoại trưởng Nga Sergei Lavrov cho biết Moskva sẵn sàng đối thoại với Washington.")[0])
    assert (q.speaker, q.direct) == ("person:sergei-lavrov", False)
    assert q.text == "Moskva sẵn sàng đối thoại với Washington"


def test_quotes_reported_speech_after_theo(res: Resources) -> None:
    q = only(run(res, "Theo ông Jonas Petraitis, Litva sẽ tăng chi tiêu quốc phòng.")[0])
    assert (q.speaker, q.direct, q.text) == ("person:jonas-petraitis", False, "Litva sẽ tăng chi tiêu quốc phòng")


def test_quotes_male_pronoun_is_last_male_person(res: Resources) -> None:
    body = ("Bà Irena Kowalczyk và ông Jonas Petraitis gặp nhau tại Warsaw. "
            "Ông nói thêm: “Ba Lan sẽ luôn đứng về phía Litva”.")
    q = only(run(res, body)[0])
    assert (q.speaker, q.speaker_text) == ("person:jonas-petraitis", "Ông")


def test_quotes_female_pronoun_skips_a_later_man(res: Resources) -> None:
    body = ("Bà Irena Kowalczyk và ông Jonas Petraitis gặp nhau tại Warsaw. "
            "Bà nêu rõ: “Ba Lan sẽ luôn đứng về phía Litva”.")
    q = only(run(res, body)[0])
    assert (q.speaker, q.speaker_text) == ("person:irena-kowalczyk", "Bà")


def test_quotes_pronoun_across_another_quote(res: Resources) -> None:
    body = ("Bà Maria Zakharova phát biểu tại cuộc họp báo. “Phương Tây đang gây sức ép”, ông Sergei "
            "Lavrov nói. Bà nêu rõ: “Nga sẽ không nhượng bộ”.")
    quotes = run(res, body)[0]
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Phương Tây đang gây sức ép", "person:sergei-lavrov"),
        ("Nga sẽ không nhượng bộ", "person:maria-zakharova"),
    ]


def test_quotes_pronoun_reported_speech(res: Resources) -> None:
    body = ("Ông Jonas Petraitis cho biết: “Chúng tôi đã nhận được đề nghị”. Ông nói thêm rằng Vilnius "
            "sẽ trả lời sớm.")
    quotes = run(res, body)[0]
    assert [(q.speaker, q.direct) for q in quotes] == [("person:jonas-petraitis", True),
                                                      ("person:jonas-petraitis", False)]


def test_quotes_date_from_attribution(res: Resources) -> None:
    q = only(run(res, "Ông Jonas Petraitis hôm 20/2 cho biết: “Chúng tôi đã nhận được đề nghị”.")[0])
    assert q.date == "2022-02-20"


def test_quotes_date_falls_back_to_publication(res: Resources) -> None:
    q = only(run(res, "Ông Jonas Petraitis nói: “Chúng tôi đã nhận được đề nghị”.")[0])
    assert q.date == "2022-03-01"


def test_quotes_event_inside_quote_has_speaker_side(res: Resources) -> None:
    quotes, events = run(res, "Ngoại trưởng Nga Sergei Lavrov nói: “Chúng tôi chỉ trích Mỹ vì hành động này”.")
    q = only(quotes)
    e = next(e for e in events if e.root == "11")
    assert (e.source, e.target, e.quote_id) == ("RUS.GOV", "USA", q.quote_id)
    assert e.source_person == "person:sergei-lavrov"


def test_quotes_title_only_speaker_with_straight_quotes(res: Resources) -> None:
    q = only(run(res, 'Tổng thống Belarus nói: "Chúng tôi sẽ không nhượng bộ phương Tây".', "2021-06-07")[0])
    assert (q.speaker, q.direct) == ("person:alexander-lukashenko", True)
    assert q.text == "Chúng tôi sẽ không nhượng bộ phương Tây"


def test_quotes_leader_title_after_quote(res: Resources) -> None:
    q = only(run(res, "“Minsk sẽ đáp trả”, nhà lãnh đạo Belarus tuyên bố.", "2021-06-07")[0])
    assert q.speaker == "person:alexander-lukashenko"


def test_quotes_lower_case_pronoun_after_quote(res: Resources) -> None:
    body = "Bà Irena Kowalczyk nói: “Chúng tôi sẽ không rút lui”. “Chúng tôi cũng không sợ”, bà nói thêm."
    quotes = run(res, body)[0]
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Chúng tôi sẽ không rút lui", "person:irena-kowalczyk"),
        ("Chúng tôi cũng không sợ", "person:irena-kowalczyk"),
    ]


def test_quotes_speaker_after_title_with_comma(res: Resources) -> None:
    q = only(run(res, "Tổng thống Belarus, Alexander Lukashenko nhấn mạnh rằng Minsk sẽ không lùi bước.",
                 "2021-06-07")[0])
    assert (q.speaker, q.direct) == ("person:alexander-lukashenko", False)
