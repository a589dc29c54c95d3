"""Quote finding: direct quotes with speakers before/after, embedded, reported speech."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sukien.quotes import QuoteSpan, find_quotes


def only(body: str) -> QuoteSpan:
    quotes = find_quotes(body)
    assert len(quotes) == 1, quotes
    q = quotes[0]
    assert body[q.start : q.end] == q.text
    if q.speaker_start is not None and q.speaker_end is not None:
        assert body[q.speaker_start : q.speaker_end] == q.speaker_text
    return q


def check(q: QuoteSpan, text: str, speaker: str | None, cue: str | None, direct: bool) -> None:
    assert (q.text, q.speaker_text, q.cue, q.direct) == (text, speaker, cue, direct)


# 1. speaker before, with a colon


def test_speaker_before_colon_curly_quotes() -> None:
    q = only("Bà Thanh nói: “Chúng tôi sẽ không nhượng bộ”.")
    check(q, "Chúng tôi sẽ không nhượng bộ", "Bà Thanh", "nói", True)
    assert not q.speaker_pronoun


def test_speaker_before_colon_straight_quotes() -> None:
    q = only('Ông Quang nhấn mạnh: "Đối thoại là con đường duy nhất."')
    check(q, "Đối thoại là con đường duy nhất.", "Ông Quang", "nhấn mạnh", True)


def test_speaker_before_colon_anaphor_is_pronoun() -> None:
    q = only('Nhà lãnh đạo này tuyên bố: "Chúng tôi sẵn sàng đàm phán."')
    check(q, "Chúng tôi sẵn sàng đàm phán.", "Nhà lãnh đạo này", "tuyên bố", True)
    assert q.speaker_pronoun


def test_speaker_after_dan_loi_with_date() -> None:
    q = only(
        "Hãng tin Kyodo dẫn lời Thủ tướng Yamada ngày 5/6 cho biết: "
        '"Chúng tôi sẽ tăng ngân sách quốc phòng."'
    )
    check(q, "Chúng tôi sẽ tăng ngân sách quốc phòng.", "Thủ tướng Yamada", "cho biết", True)


def test_lower_case_organisation_after_connective() -> None:
    q = only("Trong khi đó, cơ quan an ninh Ba Lan nhấn mạnh: “Biên giới vẫn được kiểm soát.”")
    check(q, "Biên giới vẫn được kiểm soát.", "cơ quan an ninh Ba Lan", "nhấn mạnh", True)


# 2. speaker after the quote


def test_speaker_after_comma() -> None:
    q = only("“Chúng tôi có đủ năng lực tự vệ”, ông Karimov nói.")
    check(q, "Chúng tôi có đủ năng lực tự vệ", "ông Karimov", "nói", True)


def test_speaker_after_comma_with_trailing_circumstance() -> None:
    q = only(
        '"Đây là bước tiến lớn. Chúng tôi rất hài lòng", nhà lãnh đạo Serbia nói '
        "trong một cuộc họp báo ở thủ đô."
    )
    check(q, "Đây là bước tiến lớn. Chúng tôi rất hài lòng", "nhà lãnh đạo Serbia", "nói", True)


def test_speaker_after_dash_then_source() -> None:
    q = only('"Không có gì thay đổi cả" - ông Karimov phát biểu, theo hãng tin Interfax.')
    check(q, "Không có gì thay đổi cả", "ông Karimov", "phát biểu", True)


def test_speaker_after_dash_comment() -> None:
    q = only('"Phương Tây đang đi sai hướng" - bà Petrova bình luận.')
    check(q, "Phương Tây đang đi sai hướng", "bà Petrova", "bình luận", True)


def test_speaker_after_is_bare_pronoun() -> None:
    q = only("“Chúng tôi còn nhiều việc phải làm”, ông nói thêm.")
    check(q, "Chúng tôi còn nhiều việc phải làm", "ông", "nói thêm", True)
    assert q.speaker_pronoun


def test_speaker_after_news_agency_quoting_person() -> None:
    q = only('"Mọi thứ đã sẵn sàng", hãng tin TASS dẫn lời ông Orlov nói với báo giới.')
    check(q, "Mọi thứ đã sẵn sàng", "ông Orlov", "nói với", True)


def test_speaker_after_title_without_name() -> None:
    q = only("“Liên minh sẽ không chia rẽ”, Tổng thống Pháp nhấn mạnh.")
    check(q, "Liên minh sẽ không chia rẽ", "Tổng thống Pháp", "nhấn mạnh", True)
    assert not q.speaker_pronoun


def test_speaker_after_with_appositive() -> None:
    q = only('"Ba người trong số họ đã khỏi bệnh", bác sĩ Hùng, một chuyên gia ở Huế, cho biết.')
    check(q, "Ba người trong số họ đã khỏi bệnh", "bác sĩ Hùng", "cho biết", True)


# 3. short quoted phrases inside reported sentences


def test_embedded_quote_speaker_is_sentence_subject() -> None:
    q = only(
        "Tổng thư ký NATO Jens Olsen bày tỏ lo ngại về việc châu Âu "
        '"ngày càng phụ thuộc nhiều hơn" vào năng lượng nhập khẩu.'
    )
    check(q, "ngày càng phụ thuộc nhiều hơn", "Tổng thư ký NATO Jens Olsen", "bày tỏ", True)


def test_embedded_quote_after_cue_and_comma() -> None:
    q = only("Vị Tổng thư ký cũng nhấn mạnh, khối này “sẵn sàng bảo vệ mọi đồng minh”.")
    check(q, "sẵn sàng bảo vệ mọi đồng minh", "Vị Tổng thư ký", "nhấn mạnh", True)


def test_embedded_quote_in_predicate() -> None:
    q = only('Ông Harris khẳng định, Mỹ vẫn là "một trong những đối tác lớn nhất" của khu vực.')
    check(q, "một trong những đối tác lớn nhất", "Ông Harris", "khẳng định", True)


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    assert find_quotes('Họ phản đối cái gọi là "chiến dịch" của đối phương.') == []
    assert find_quotes("Bài báo đăng trên tờ “Tuổi Trẻ” hôm qua.") == []
    assert find_quotes('Cuốn sách "Chiến tranh và hòa bình" được tái bản.') == []


# 4. multi-sentence and unclosed quotes


def test_multi_sentence_quote_is_one_quote() -> None:
    q = only("Bà Hạnh nói: “Thời tiết rất xấu. Chúng tôi phải hoãn. Mong mọi người thông cảm.”")
    check(
        q,
        "Thời tiết rất xấu. Chúng tôi phải hoãn. Mong mọi người thông cảm.",
        "Bà Hạnh",
        "nói",
        True,
    )


def test_unclosed_quote_runs_to_paragraph_end() -> None:
    body = 'Ông Sơn nói: "Tình hình rất phức tạp. Chúng tôi cần thêm thời gian\n\nĐoạn sau.'
    q = find_quotes(body)[0]
    check(q, "Tình hình rất phức tạp. Chúng tôi cần thêm thời gian", "Ông Sơn", "nói", True)


# 5. nested quotes


def test_nested_single_quotes_stay_inside() -> None:
    q = only("\"Thuật ngữ 'những bước đi' là không chính xác\" - ông Fedorov tuyên bố.")
    check(q, "Thuật ngữ 'những bước đi' là không chính xác", "ông Fedorov", "tuyên bố", True)


def test_straight_quote_nested_in_straight_quote() -> None:
    q = only('"Quan hệ hai nước "không theo kế hoạch. Mọi thứ đã khác" - bà Lan bình luận".')
    check(q, 'Quan hệ hai nước "không theo kế hoạch. Mọi thứ đã khác', "bà Lan", "bình luận", True)


# 6. reported speech


def test_reported_cho_biet_with_connective() -> None:
    q = only("Cụ thể, Bộ trưởng Quốc phòng Peru Luis Soto cho biết quân đội đã rút về doanh trại.")
    check(
        q,
        "quân đội đã rút về doanh trại",
        "Bộ trưởng Quốc phòng Peru Luis Soto",
        "cho biết",
        False,
    )


def test_reported_noi_rang() -> None:
    q = only("Ông Nam nói rằng kinh tế sẽ phục hồi trong năm tới.")
    check(q, "kinh tế sẽ phục hồi trong năm tới", "Ông Nam", "nói", False)


def test_reported_tuyen_bo_rang() -> None:
    q = only("Bà Lan tuyên bố rằng cuộc bầu cử sẽ diễn ra đúng hạn.")
    check(q, "cuộc bầu cử sẽ diễn ra đúng hạn", "Bà Lan", "tuyên bố", False)


def test_reported_khang_dinh_comma_cuts_date_from_speaker() -> None:
    q = only("Tổng thống Chile Marco Ruiz ngày 27/2 khẳng định, hai nước sẽ tăng cường hợp tác.")
    check(q, "hai nước sẽ tăng cường hợp tác", "Tổng thống Chile Marco Ruiz", "khẳng định", False)


def test_reported_nhan_manh_with_comma() -> None:
    q = only("Ngoại trưởng Okafor cũng nhấn mạnh, Nigeria không muốn leo thang căng thẳng.")
    check(q, "Nigeria không muốn leo thang căng thẳng", "Ngoại trưởng Okafor", "nhấn mạnh", False)


def test_reported_cho_rang() -> None:
    q = only("Nhiều chuyên gia cho rằng giá lúa gạo sẽ tăng mạnh.")
    check(q, "giá lúa gạo sẽ tăng mạnh", "Nhiều chuyên gia", "cho rằng", False)


def test_reported_theo_source() -> None:
    q = only("Theo ông Trần Minh, lạm phát sẽ giảm dần trong quý tới.")
    check(q, "lạm phát sẽ giảm dần trong quý tới", "ông Trần Minh", "theo", False)


def test_reported_theo_plan_is_not_a_quote() -> None:
    assert find_quotes("Theo kế hoạch, hội nghị sẽ kéo dài ba ngày.") == []


def test_reported_neu_ro_with_appositive_speaker() -> None:
    q = only("Người phát ngôn Bộ Ngoại giao Peru, bà Ana Gil, nêu rõ Lima sẽ đáp trả.")
    check(q, "Lima sẽ đáp trả", "Người phát ngôn Bộ Ngoại giao Peru, bà Ana Gil", "nêu rõ", False)


def test_reported_luu_y_rang() -> None:
    q = only("Bộ Ngoại giao lưu ý rằng công dân nên tránh đến vùng biên giới.")
    check(q, "công dân nên tránh đến vùng biên giới", "Bộ Ngoại giao", "lưu ý", False)


def test_reported_nhan_dinh_after_two_leadins() -> None:
    q = only("Điển hình, trong bình luận mới nhất, Thủ tướng Hà Lan nhận định EU đang chậm chân.")
    check(q, "EU đang chậm chân", "Thủ tướng Hà Lan", "nhận định", False)


def test_reported_bay_to() -> None:
    q = only("Về phần mình, Tổng thống Kenya bày tỏ hy vọng về một giải pháp hòa bình.")
    check(q, "hy vọng về một giải pháp hòa bình", "Tổng thống Kenya", "bày tỏ", False)


def test_reported_time_phrase_cut_from_speaker() -> None:
    q = only(
        "Liên quan diễn biến, trước đó, Điện Elysee tối 11/3 thông báo "
        "Tổng thống Pháp sẽ thăm Ai Cập."
    )
    check(q, "Tổng thống Pháp sẽ thăm Ai Cập", "Điện Elysee", "thông báo", False)


def test_reported_not_produced_when_direct_quote_covers_sentence() -> None:
    q = only(
        "Theo trang BBC, Thủ tướng Anh Tom Hale ngày 3/4 cho biết hai nước có thể cùng "
        'sản xuất "bất kỳ loại thiết bị nào" trong tương lai.'
    )
    check(q, "bất kỳ loại thiết bị nào", "Thủ tướng Anh Tom Hale", "cho biết", True)


def test_sentence_without_cue_has_no_quote() -> None:
    assert find_quotes("Đoàn đại biểu đến sân bay lúc 9 giờ sáng.") == []


_TOKENS = st.sampled_from(
    [
        "ông",
        "Bà",
        "Lan",
        "nói",
        "cho biết",
        "nhấn mạnh",
        "dẫn lời",
        "rằng",
        "Theo",
        "tối 11/3",
        "Cụ thể",
        "này",
        "Tổng thống",
        "TS.",
        "Mỹ",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        "-",
        " - ",
        "!",
        "…",
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
        "_",
    ]
)


@settings(max_examples=200)
@given(st.lists(_TOKENS, max_size=40).map(" ".join) | st.text(max_size=80))
def test_property_find_quotes_spans_are_consistent(body: str) -> None:
    for q in find_quotes(body):
        assert 0 <= q.start <= q.end <= len(body)
        assert body[q.start : q.end] == q.text
        if q.speaker_start is None or q.speaker_end is None:
            assert q.speaker_start is None and q.speaker_end is None
            assert q.speaker_text is None
        else:
            assert 0 <= q.speaker_start < q.speaker_end <= len(body)
            assert body[q.speaker_start : q.speaker_end] == q.speaker_text
