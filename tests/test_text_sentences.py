"""Sentence splitting: quotations, abbreviations, numbers, paragraph breaks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sukien.text.sentences import quote_regions, split_sentences


def texts(body: str) -> list[str]:
    spans = split_sentences(body)
    for span in spans:
        assert body[span.start : span.end] == span.text
        assert span.text == span.text.strip()
    return [span.text for span in spans]


def test_splits_after_period_before_capital() -> None:
    body = "Hội nghị khai mạc sáng nay. Các đoàn đã có mặt đầy đủ! Ai sẽ phát biểu đầu tiên?"
    assert texts(body) == [
        "Hội nghị khai mạc sáng nay.",
        "Các đoàn đã có mặt đầy đủ!",
        "Ai sẽ phát biểu đầu tiên?",
    ]


def test_splits_before_digit_and_opening_quote() -> None:
    body = "Đoàn khách rời đi. 20 người ở lại. “Chúng tôi chờ đợi”, một người nói."
    assert texts(body) == [
        "Đoàn khách rời đi.",
        "20 người ở lại.",
        "“Chúng tôi chờ đợi”, một người nói.",
    ]


def test_paragraph_and_line_breaks_always_split() -> None:
    body = "Câu thứ nhất không có dấu chấm\n\nCâu thứ hai cũng vậy\nCâu thứ ba."
    assert texts(body) == ["Câu thứ nhất không có dấu chấm", "Câu thứ hai cũng vậy", "Câu thứ ba."]


def test_quotation_with_several_sentences_and_attribution_is_one_sentence() -> None:
    body = (
        "“Chúng tôi đã chuẩn bị kỹ. Mọi thứ sẵn sàng. Hãy chờ xem”, ông Hải nói. "
        "Sau đó ông rời khỏi phòng họp."
    )
    assert texts(body) == [
        "“Chúng tôi đã chuẩn bị kỹ. Mọi thứ sẵn sàng. Hãy chờ xem”, ông Hải nói.",
        "Sau đó ông rời khỏi phòng họp.",
    ]


def test_straight_quotes_and_guillemets_are_not_split() -> None:
    body = 'Bà Mai nói: "Tôi mệt. Tôi về." Ông Tâm đáp: «Được. Cứ đi». Hết giờ.'
    assert texts(body) == [
        'Bà Mai nói: "Tôi mệt. Tôi về."',
        "Ông Tâm đáp: «Được. Cứ đi».",
        "Hết giờ.",
    ]


def test_nested_single_quotes_inside_double_quotes() -> None:
    body = "“Cụm từ ‘hòa bình. Ổn định’ bị hiểu sai. Rất đáng tiếc”, bà Ngọc bình luận. Xong."
    assert texts(body) == [
        "“Cụm từ ‘hòa bình. Ổn định’ bị hiểu sai. Rất đáng tiếc”, bà Ngọc bình luận.",
        "Xong.",
    ]


def test_straight_quote_nested_in_straight_quote_with_attribution() -> None:
    body = (
        '"Kế hoạch của hai bên "đã bị hoãn. Nhưng vẫn còn hy vọng" - bà Thu nói". '
        "Cuộc họp kết thúc."
    )
    assert texts(body) == [
        '"Kế hoạch của hai bên "đã bị hoãn. Nhưng vẫn còn hy vọng" - bà Thu nói".',
        "Cuộc họp kết thúc.",
    ]


def test_unclosed_quote_runs_to_paragraph_end_only() -> None:
    body = "Ông Phúc nói: “Chúng tôi chưa quyết. Còn sớm\n\nNgày mai họp tiếp. Mọi người về."
    assert texts(body) == [
        "Ông Phúc nói: “Chúng tôi chưa quyết. Còn sớm",
        "Ngày mai họp tiếp.",
        "Mọi người về.",
    ]
    regions = quote_regions(body)
    assert len(regions) == 1 and not regions[0].closed


def test_no_split_after_abbreviations() -> None:
    body = (
        "PGS. Nguyễn Văn An và ThS. Lê Bình đến TP. Đà Nẵng, gặp Mr. Smith, Dr. Brown, "
        "GS. Hoàng và TS. Vũ, xem tài liệu tr. 15, mua sách, bút v.v. Rồi họ về."
    )
    assert texts(body) == [
        "PGS. Nguyễn Văn An và ThS. Lê Bình đến TP. Đà Nẵng, gặp Mr. Smith, Dr. Brown, "
        "GS. Hoàng và TS. Vũ, xem tài liệu tr. 15, mua sách, bút v.v. Rồi họ về."
    ]


def test_no_split_after_initials() -> None:
    body = "Ông A. Petrov gặp J.K. Lowell tại thủ đô. Họ bàn về thương mại."
    assert texts(body) == ["Ông A. Petrov gặp J.K. Lowell tại thủ đô.", "Họ bàn về thương mại."]


def test_no_split_inside_numbers_dates_and_domains() -> None:
    body = (
        "Khoảng 1.500 người tới dự ngày 2.3 tới, tỷ lệ 3.5%, theo Tintuc.vn đưa tin. "
        "Sự kiện kéo dài hai ngày."
    )
    assert texts(body) == [
        "Khoảng 1.500 người tới dự ngày 2.3 tới, tỷ lệ 3.5%, theo Tintuc.vn đưa tin.",
        "Sự kiện kéo dài hai ngày.",
    ]


def test_ellipsis_before_lower_case_does_not_split() -> None:
    body = "Họ mang theo gạo, muối... và nhiều thứ khác. Chuyến đi bắt đầu… Mọi người vui vẻ."
    assert texts(body) == [
        "Họ mang theo gạo, muối... và nhiều thứ khác.",
        "Chuyến đi bắt đầu…",
        "Mọi người vui vẻ.",
    ]


_WORDS = st.sampled_from(
    [
        "ông",
        "Bà",
        "Hà Nội",
        "nói",
        "cho biết",
        "TS.",
        "A.",
        "1.500",
        "v.v.",
        "Mỹ",
        "đã",
        "rằng",
        "tuyên bố",
        "Theo",
        "ngày 2/3",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        "!",
        "?",
        "…",
        "...",
        "-",
        '"',
        "'",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "(",
        ")",
    ]
)


@settings(max_examples=200)
@given(st.lists(_WORDS, max_size=40).map(" ".join) | st.text(max_size=80))
def test_property_split_sentences_spans_are_consistent(body: str) -> None:
    previous_end = 0
    for span in split_sentences(body):
        assert 0 <= span.start < span.end <= len(body)
        assert body[span.start : span.end] == span.text
        assert span.start >= previous_end
        previous_end = span.end
    for region in quote_regions(body):
        assert 0 <= region.open < region.close <= len(body)


@pytest.mark.parametrize(("text", "expected"), [
    ("Họ muốn làm thành viên.Tổng thống Pháp nói vậy.", ["Họ muốn làm thành viên.", "Tổng thống Pháp nói vậy."]),
    ("Ông đến St.Petersburg hôm qua.", ["Ông đến St.Petersburg hôm qua."]),  # an abbreviation
    ("Tại TP.HCM, trời mưa.", ["Tại TP.HCM, trời mưa."]),
    ("Xem tại dantri.com.vn hôm nay.", ["Xem tại dantri.com.vn hôm nay."]),
])
def test_text_sentences_glued_full_stop(text: str, expected: list[str]) -> None:
    """Scraped text often drops the space after a full stop: a lower-case word, ".", a capital."""
    assert [s.text for s in split_sentences(text)] == expected


def test_mixed_quote_marks_close_the_quotation() -> None:
    """A straight opening mark closed by a curly one ends the quotation: the
    sentences after the attribution are sentences of their own."""
    body = '"Chúng tôi đã cố gắng. Kết quả sẽ đến”, ông Hải nói. Ngày mai đoàn lên đường. Bà Lan ở lại.'
    assert [s.text for s in split_sentences(body)] == [
        '"Chúng tôi đã cố gắng. Kết quả sẽ đến”, ông Hải nói.',
        "Ngày mai đoàn lên đường.",
        "Bà Lan ở lại.",
    ]
    body = "“Mọi việc đã xong. Hết rồi\", bà Mai nói. Sau đó bà đi."
    assert [s.text for s in split_sentences(body)][-1] == "Sau đó bà đi."
