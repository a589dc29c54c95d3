"""Quotation marks as the press prints them: mixed straight and curly pairs, curly inside
straight, a subject glued to the quote. Sentences are made up."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sukien.quotes import find_quotes
from sukien.text.marks import repair_marks


def test_marks_straight_open_curly_close_is_one_quote() -> None:
    body = 'Bộ trưởng Lan nói: "Chúng tôi sẽ không rút lui”. Sau đó bà rời cuộc họp.'
    quotes = [q for q in find_quotes(body) if q.direct]
    assert [(q.text, q.speaker_text) for q in quotes] == [("Chúng tôi sẽ không rút lui", "Bộ trưởng Lan")]


def test_marks_curly_open_straight_close_with_speaker_after() -> None:
    body = '“Đây là một sai lầm nghiêm trọng", ông Karimov nhận định. Ông không nói thêm.'
    q = find_quotes(body)[0]
    assert (q.text, q.speaker_text, q.direct) == ("Đây là một sai lầm nghiêm trọng", "ông Karimov", True)


def test_marks_mixed_pair_then_a_straight_pair_on_one_line() -> None:
    body = ('Ông Hale cho biết Mỹ "đang làm việc rất tốt với các đối tác”. "Chúng tôi sẽ bán rất nhiều '
            'hàng hóa cho họ", ông nói thêm.')
    direct = [(q.text, q.speaker_text) for q in find_quotes(body) if q.direct]
    assert direct == [("đang làm việc rất tốt với các đối tác", "Ông Hale"),
                      ("Chúng tôi sẽ bán rất nhiều hàng hóa cho họ", "ông")]


def test_marks_curly_inside_straight_stays_nested() -> None:
    body = '"Họ gọi đó là “một bước đi lớn” nhưng không ai tin", bà Petrova nói.'
    q = find_quotes(body)[0]
    assert q.text == "Họ gọi đó là “một bước đi lớn” nhưng không ai tin"
    assert q.speaker_text == "bà Petrova"


def test_marks_subject_glued_to_the_quote() -> None:
    body = 'Bộ Ngoại giao Chile ra thông báo. Santiago tuyên bố “kiên quyết bác bỏ mọi cáo buộc vô căn cứ”.'
    q = next(q for q in find_quotes(body) if q.direct)
    assert (q.text, q.speaker_text) == ("kiên quyết bác bỏ mọi cáo buộc vô căn cứ", "Santiago")


def test_marks_repair_keeps_length_and_only_changes_mixed_pairs() -> None:
    body = 'A nói: "x y”. B nói: “z w". C nói: "u v". D nói: “p q”.'
    fixed = repair_marks(body)
    assert len(fixed) == len(body)
    assert fixed == 'A nói: “x y”. B nói: “z w”. C nói: "u v". D nói: “p q”.'


@settings(max_examples=200)
@given(st.lists(st.sampled_from(['"', "“", "”", " ", "a", "Ông", ",", ".", "\n", "nói"]), max_size=30).map("".join))
def test_property_repair_marks_keeps_every_other_character(body: str) -> None:
    fixed = repair_marks(body)
    assert len(fixed) == len(body)
    assert all(a == b or (a in '"“”' and b in "“”") for a, b in zip(body, fixed, strict=True))


def test_marks_proper_name_glued_to_a_quote_without_a_verb() -> None:
    body = "Trong khi đó, Điện Kremlin “không có ý định nhượng bộ” trước sức ép mới."
    q = find_quotes(body)[0]
    assert (q.text, q.speaker_text, q.direct) == ("không có ý định nhượng bộ", "Điện Kremlin", True)


def test_marks_glued_noun_phrase_of_common_words_is_not_a_speaker() -> None:
    assert find_quotes("Cuộc họp “bàn về an ninh khu vực” kéo dài ba giờ.") == []
