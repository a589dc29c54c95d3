"""Which quotations are quoted speech, and who said them: short fragments after speech verbs
versus quoted terms and labels, "Theo X", colons after long clauses, "dẫn … của X", quotations
that are whole sentences, new clauses after a quote. Sentences are made up for these tests."""

from __future__ import annotations

import pytest

from sukien.quotes import QuoteSpan, find_quotes


def direct(body: str) -> list[tuple[str, str | None]]:
    out = []
    for q in find_quotes(body):
        assert body[q.start:q.end] == q.text
        if q.direct:
            out.append((q.text, q.speaker_text))
    return out


def only_direct(body: str) -> QuoteSpan:
    quotes = [q for q in find_quotes(body) if q.direct]
    assert len(quotes) == 1, quotes
    return quotes[0]


# ---------------------------------------------------------------- fragments: speech or term


@pytest.mark.parametrize(("body", "fragment", "speaker"), [
    ('Ông Petrov cho rằng đây là "vấn đề đáng lo ngại" đối với khu vực.', "vấn đề đáng lo ngại", "Ông Petrov"),
    ('Bà Novak cảnh báo về "hậu quả nghiêm trọng đối với cả hai bên".',
     "hậu quả nghiêm trọng đối với cả hai bên", "Bà Novak"),
    ('Chile tuyên bố "không đe dọa bất kỳ ai" trong khu vực.', "không đe dọa bất kỳ ai", "Chile"),
    ('Bộ trưởng Hale nói rằng thương vụ này là "không thể chấp nhận được".', "không thể chấp nhận được",
     "Bộ trưởng Hale"),
    ('Peru từng đề nghị "phá hủy" các thiết bị đó.', "phá hủy", "Peru"),
    ('Theo ông Ortaza, Peru "không tin" rằng đợt diễn tập là vô hại.', "không tin", "ông Ortaza"),
])
def test_speech_fragment_of_the_reporting_subject(body: str, fragment: str, speaker: str) -> None:
    assert direct(body) == [(fragment, speaker)]


@pytest.mark.parametrize("body", [
    'Tổng thống Kenya cảnh báo các nước không được vượt qua "lằn ranh đỏ" của nước này.',
    'Các công tố viên cho biết hai người bị buộc tội "gián điệp".',
    'Ông Hale cho biết chiến dịch "Bão cát" đã kết thúc.',
    'Bà Lan nói rằng tàu "Sao Mai" sẽ cập cảng vào sáng mai.',
    'Bộ trưởng cho biết ông sẽ về nước để "tham vấn".',
    'Phía Peru cho rằng đây là cái gọi là "an ninh tập thể".',
])
def test_speech_quoted_terms_and_labels_are_not_quotes(body: str) -> None:
    assert direct(body) == []


def test_speech_label_noun_inside_a_word_is_no_label() -> None:
    # "báo" (newspaper) is a label noun, "tình báo" (intelligence) is not
    assert direct('Phía Chile cáo buộc hai người tiến hành các hoạt động tình báo "bất hợp pháp".') == [
        ("bất hợp pháp", "Phía Chile")]


# ---------------------------------------------------------------- where the speaker is


def test_speech_colon_after_a_long_clause_is_still_a_quote() -> None:
    body = ('Tổng thống Kenya trước đó ký sắc lệnh về các biện pháp đáp trả, với lời cảnh báo các nước: '
            '"Bất cứ ai đe dọa lợi ích của chúng tôi sẽ phải hối tiếc".')
    q = only_direct(body)
    assert q.text == "Bất cứ ai đe dọa lợi ích của chúng tôi sẽ phải hối tiếc"


def test_speech_colon_takes_the_clause_just_before_it() -> None:
    body = ('Giới chức Mỹ cho rằng đây là hoạt động phô trương sức mạnh.Tại cuộc họp báo, người phát ngôn '
            'Bộ Ngoại giao Peru Luis Ortaza nói: "Chúng tôi vẫn chưa hiểu rõ mục đích thực sự là gì".')
    assert only_direct(body).speaker_text == "người phát ngôn Bộ Ngoại giao Peru Luis Ortaza"


def test_speech_source_of_theo_speaks_the_quote_in_its_sentence() -> None:
    body = ('Theo Bộ Ngoại giao Chile, lệnh trục xuất được đưa ra để "đáp trả quyết định vô căn cứ của '
            'phía Peru", khi Peru tuyên bố trục xuất hai nhân viên.')
    assert direct(body) == [("đáp trả quyết định vô căn cứ của phía Peru", "Bộ Ngoại giao Chile")]


def test_speech_agency_quoting_a_speech_of_someone() -> None:
    body = '"Chúng tôi sẽ tăng chi tiêu quốc phòng trong năm tới", Reuters dẫn bài phát biểu dự kiến của ông Harlan.'
    assert only_direct(body).speaker_text == "ông Harlan"


def test_speech_name_then_description_then_verb() -> None:
    body = ('"Hệ thống cứu hộ chỉ hoạt động ở độ sâu 600 mét", Frank Delany, chuyên gia tại Viện hàng hải '
            'Tasman, cho biết.')
    assert only_direct(body).speaker_text == "Frank Delany"


def test_speech_name_then_capitalised_description_before_a_colon() -> None:
    body = ('Bà Greta N. Holm, Giám đốc Quỹ Tự do Báo chí Bắc Âu, phát biểu: "Chúng tôi sẽ theo dõi '
            'sát vụ việc này".')
    assert only_direct(body).speaker_text == "Bà Greta N. Holm"


def test_speech_whole_sentence_quote_after_a_speech_sentence() -> None:
    body = 'Ông Harlan đã nói cho bà Mills biết điều này. "Bà ấy có biết, nhưng bà ấy sẽ từ chối".'
    assert only_direct(body).speaker_text == "Ông Harlan"


def test_speech_whole_sentence_quote_with_a_short_attribution_after() -> None:
    body = '"Vấn đề đã không phát sinh nếu họ đặt hàng sớm hơn". Nguồn tin này cho biết với tờ Hindu Daily.'
    assert only_direct(body).speaker_text == "Nguồn tin này"


def test_speech_new_clause_after_a_quote_is_no_attribution() -> None:
    body = ('Theo Bộ Ngoại giao Chile, biện pháp này nhằm "đáp trả hành động thiếu thiện chí", khi Peru '
            'tuyên bố trục xuất hai nhà ngoại giao.')
    assert direct(body) == [("đáp trả hành động thiếu thiện chí", "Bộ Ngoại giao Chile")]


def test_speech_anaphoric_title_keeps_its_demonstrative() -> None:
    q = only_direct('Người phát ngôn trên nói: "Biển không nên trở thành công cụ gây sức ép".')
    assert (q.speaker_text, q.speaker_pronoun) == ("Người phát ngôn trên", True)


def test_speech_second_of_two_coordinated_verbs_has_the_same_subject() -> None:
    body = '"Họ đang chuẩn bị", bà Holm nói và khẳng định, "chúng tôi đang theo dõi sát tình hình".'
    assert [s for _, s in direct(body)] == ["bà Holm", "bà Holm"]


def test_speech_fragment_after_la_and_a_determiner() -> None:
    body = 'Nhà lãnh đạo Peru dự lễ khánh thành và gọi đây là một "thành tựu tuyệt vời của nhân dân".'
    assert direct(body) == [("thành tựu tuyệt vời của nhân dân", "Nhà lãnh đạo Peru")]


def test_speech_lower_case_indefinite_speaker_mid_sentence() -> None:
    body = ('Trong phiên tòa năm ngoái, một thẩm phán liên bang mô tả hành vi này là '
            '"một cuộc tấn công vào nền dân chủ".')
    assert direct(body) == [("một cuộc tấn công vào nền dân chủ", "một thẩm phán liên bang")]


def test_speech_quote_attributed_by_a_post_on_social_media() -> None:
    body = '"Hôm nay chúng tôi đã có các cuộc gặp hiệu quả", ông Witman đăng tải trên mạng xã hội.'
    assert direct(body) == [("Hôm nay chúng tôi đã có các cuộc gặp hiệu quả", "ông Witman")]


def test_speech_theo_with_a_speech_noun_after_the_quote() -> None:
    body = '"Tâm trạng bao trùm cuộc họp là sự lo ngại", theo nhận định của một nhà ngoại giao có mặt.'
    assert direct(body) == [("Tâm trạng bao trùm cuộc họp là sự lo ngại", "một nhà ngoại giao có mặt")]
