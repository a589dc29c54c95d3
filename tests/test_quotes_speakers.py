"""Speakers as actors through ``process_article``: several persons of one gender, pronouns that
point to the subject of the sentence before, titles alone, unnamed officials and sources, a
person rather than their government. Sentences are made up for these tests."""

from __future__ import annotations

import pytest

from sukien.pipeline import Resources, process_article
from sukien.records import Article, Quote


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources.load()


def quotes(res: Resources, body: str, published: str = "2021-04-20") -> list[Quote]:
    art = Article(article_id="t#1", doc_id="t", title="", title_line=None, body=body, body_lines=(),
                  published=published, published_basis="header")
    return [q for q in process_article(art, res)[3] if q.direct]


def speaker_of(res: Resources, body: str, starts: str) -> str | None:
    q = next(q for q in quotes(res, body) if q.text.startswith(starts))
    return q.speaker


def test_speakers_pronoun_is_the_subject_of_the_sentence_before(res: Resources) -> None:
    # the man named last (in the sentence before) is not the one who speaks
    body = ("“Hệ thống này không hoạt động ở độ sâu đó”, ông Frank Delany nói. "
            "Bộ trưởng Quốc phòng Australia Peter Dalton gọi vụ việc là “một thảm kịch”. "
            "Ông nói với đài phát thanh rằng tàu đã rơi xuống “một vùng nước rất sâu”.")
    assert speaker_of(res, body, "một vùng nước rất sâu") == "person:peter-dalton"


def test_speakers_pronoun_subject_before_an_object_of_the_same_gender(res: Resources) -> None:
    body = ("Tổng thống Ukraine Volodymyr Zelensky kêu gọi hội đàm với người đồng cấp Nga Vladimir Putin. "
            "Ông cũng kêu gọi phương Tây đưa ra những “tín hiệu rõ ràng hơn về sự ủng hộ”.")
    assert speaker_of(res, body, "tín hiệu rõ ràng") == "person:volodymyr-zelensky"


def test_speakers_female_pronoun_skips_the_man_named_later(res: Resources) -> None:
    body = ("Theo bà Irena Kowalczyk, trợ lý của tổng thống, ông Marek Zielony, đã được mời dự họp. "
            "Bà nêu rõ: “Mọi quyết định sẽ được đưa ra vào tuần sau”.")
    assert speaker_of(res, body, "Mọi quyết định") == "person:irena-kowalczyk"


def test_speakers_person_rather_than_government_when_named(res: Resources) -> None:
    body = "“Chúng tôi vẫn theo dõi sát tình hình”, người phát ngôn Bộ Quốc phòng Peru Luis Ortaza nói."
    assert speaker_of(res, body, "Chúng tôi vẫn") == "person:luis-ortaza"


def test_speakers_title_alone_is_the_person_introduced_with_it(res: Resources) -> None:
    body = ("Người phát ngôn Bộ Quốc phòng Peru Luis Ortaza cho biết tàu đã mất liên lạc. "
            "Theo người phát ngôn Bộ Quốc phòng Peru, hải quân “không tin” rằng tàu bị tấn công.")
    assert speaker_of(res, body, "không tin") == "person:luis-ortaza"


def test_speakers_unnamed_official_is_their_state(res: Resources) -> None:
    body = ("Người phát ngôn của phái đoàn Trung Quốc tại EU đã đáp trả các cáo buộc. "
            "Người phát ngôn trên nói: “Biển không nên trở thành công cụ gây sức ép”.")
    assert (speaker_of(res, body, "Biển không nên") or "").split(".")[0] == "CHN"


def test_speakers_unnamed_source_is_not_a_person_named_before(res: Resources) -> None:
    body = ("Ông Lavrov đã gặp các nhà ngoại giao. Một nguồn tin giấu tên cho biết cuộc gặp kéo dài. "
            "Nguồn tin này nói: “Không có thỏa thuận nào được ký kết trong hôm nay”.")
    assert speaker_of(res, body, "Không có thỏa thuận") is None


def test_speakers_quoted_speech_of_someone_after_cua(res: Resources) -> None:
    body = '“Chúng tôi sẽ tăng chi tiêu quốc phòng”, Reuters dẫn bài phát biểu của Thủ tướng Australia Scott Morrison.'
    assert speaker_of(res, body, "Chúng tôi sẽ") == "person:scott-morrison"


def test_speakers_quote_continues_the_speaker_of_the_sentence_before(res: Resources) -> None:
    body = ("Ông Harlan, cựu quan chức Bộ Ngoại giao Mỹ, đã nói cho bà Mills biết điều này. "
            "“Bà ấy có biết, nhưng bà ấy sẽ từ chối đề nghị đó”.")
    assert speaker_of(res, body, "Bà ấy có biết") == "person:harlan"


def test_speakers_head_of_a_command_is_the_named_admiral(res: Resources) -> None:
    body = ("Đô đốc Charles Ridley, người đứng đầu Bộ Chỉ huy Chiến lược của Mỹ, nói: “Họ đang hiện đại "
            "hóa rất nhanh”. Quan chức này cũng cảnh báo rằng có những điều “chúng ta còn chưa biết”.")
    assert [q.speaker for q in quotes(res, body)] == ["person:charles-ridley", "person:charles-ridley"]


def test_speakers_office_of_the_country_named_before(res: Resources) -> None:
    body = ("Hải quân Indonesia đang tìm kiếm tàu ngầm mất tích. Tư lệnh hải quân nước này cho biết: "
            "“Chúng tôi sẽ tìm thấy con tàu trong vài ngày tới”.")
    assert speaker_of(res, body, "Chúng tôi sẽ tìm thấy") == "IDN.MIL"


def test_speakers_head_of_the_country_named_before(res: Resources) -> None:
    body = "Quân đội Belarus tập trận. Tổng thống nước này nói: “Chúng tôi sẵn sàng cho mọi tình huống”."
    assert speaker_of(res, body, "Chúng tôi sẵn sàng") == "person:alexander-lukashenko"


def test_speakers_acronym_of_a_state_body_speaks_for_the_state(res: Resources) -> None:
    body = ("Cơ quan Hàng không Liên bang Mỹ (FAA) hôm qua ra cảnh báo. Trong thông báo gửi các hãng, FAA "
            "nhấn mạnh “những căng thẳng ở khu vực có thể dẫn đến xung đột bất ngờ”.")
    assert speaker_of(res, body, "những căng thẳng") == "USA"
