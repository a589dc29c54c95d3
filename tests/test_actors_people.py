"""Persons read from the article's own text: names after titles with descriptions, names with an
apposition or a speech verb, coreference of surnames, given names and titles, the lexicon only
for the same given name, and common words and places that are not persons. Every sentence is
made up for these tests (invented names)."""

from __future__ import annotations

import pytest

from sukien.actors import ActorLexicon, ArticleActors, link_article
from sukien.records import Article


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.load()


def link(lex: ActorLexicon, body: str, published: str | None = "2021-06-07") -> ArticleActors:
    art = Article(article_id="t#1", doc_id="t", title="", title_line=None, body=body, body_lines=(),
                  published=published, published_basis="header" if published else "unknown")
    return link_article(art, lex)


def persons(linked: ArticleActors) -> list[str]:
    return [i for i in linked.actor_ids if i.startswith("person:")]


def ids_at(linked: ArticleActors, text: str) -> list[str]:
    return [m.actor_id for m in linked.mentions if m.text == text]


# ---------------------------------------------------------------- full names and their references


def test_people_title_then_surname_gives_the_full_name(lex: ActorLexicon) -> None:
    linked = link(lex, "Chuyên gia hàng hải Frank Delany cho rằng con tàu đã chìm. "
                       "Ông Delany nói thêm rằng việc cứu hộ rất khó.")
    assert persons(linked) == ["person:frank-delany"]
    assert ids_at(linked, "Ông Delany") == ["person:frank-delany"]


def test_people_surname_before_the_full_name_in_the_text(lex: ActorLexicon) -> None:
    # the reference comes first; the full name given later still decides the id
    linked = link(lex, "“Hệ thống này không hoạt động ở độ sâu đó”, ông Delany nói. "
                       "Frank Delany, chuyên gia tại một viện nghiên cứu hàng hải, từng thiết kế tàu cứu hộ.")
    assert persons(linked) == ["person:frank-delany"]


def test_people_title_phrase_with_an_organisation_before_the_name(lex: ActorLexicon) -> None:
    linked = link(lex, "Chuyên gia an ninh từ tổ chức Marlow (Anh) Timothy Heathcote nhận định "
                       "rằng hải quân sẽ cần thêm tàu.")
    assert persons(linked) == ["person:timothy-heathcote"]
    assert "person:marlow" not in linked.actor_ids


def test_people_title_phrase_with_a_chamber_and_a_state(lex: ActorLexicon) -> None:
    linked = link(lex, "Chủ tịch Phòng Thương mại Mỹ Laura Benfield nói rằng các doanh nghiệp sẽ giúp đỡ.")
    assert persons(linked) == ["person:laura-benfield"]
    person = next(a for a in linked.actors if a.id == "person:laura-benfield")
    assert person.affiliation == "USA"


@pytest.mark.parametrize("body", [
    "Tomas Varga, giáo sư kinh tế tại một trường đại học ở Budapest, cho biết lạm phát sẽ giảm.",
    "Tomas Varga - giám đốc nghiên cứu tại một quỹ đầu tư - nhận định lạm phát sẽ giảm.",
    "Tomas Varga, 58 tuổi, vẫn sống ở ngoại ô thủ đô.",
    "“Lạm phát sẽ giảm”, Tomas Varga cho biết.",
    "Một công dân Hungary có tên Tomas Varga bình luận rằng giá cả đã tăng.",
])
def test_people_name_without_title_marked_by_its_clause(lex: ActorLexicon, body: str) -> None:
    assert persons(link(lex, body)) == ["person:tomas-varga"]


def test_people_given_name_refers_to_the_person_introduced(lex: ActorLexicon) -> None:
    linked = link(lex, "Thủ hiến bang Kerala, Arjun Mehtani, đã gia hạn lệnh phong tỏa. "
                       "“Chúng tôi buộc phải làm như vậy”, ông Arjun nói.")
    assert persons(linked) == ["person:arjun-mehtani"]
    assert ids_at(linked, "ông Arjun") == ["person:arjun-mehtani"]


def test_people_misspelt_surname_with_swapped_letters(lex: ActorLexicon) -> None:
    linked = link(lex, "Ngoại trưởng Séc Petr Novacek đến Vilnius. Ngoại trưởng Novaceck kêu gọi "
                       "đồng minh giữ vững lập trường.")
    assert persons(linked) == ["person:petr-novacek"]


def test_people_shorter_name_is_the_longer_one(lex: ActorLexicon) -> None:
    linked = link(lex, "Ông Carlos Ruiz Montero phát biểu tại hội nghị. Sau đó, ông Ruiz Montero rời đi.")
    assert persons(linked) == ["person:carlos-ruiz-montero"]


def test_people_lexicon_never_overrules_a_different_given_name(lex: ActorLexicon) -> None:
    # the lexicon knows Antony Blinken; an ambassador with another given name is someone else
    linked = link(lex, "Đại sứ Mỹ tại Đức Peter Blinken cho biết sẽ về nước. Ông Blinken nói chuyến đi "
                       "nhằm tham vấn.")
    assert persons(linked) == ["person:peter-blinken"]
    assert ids_at(linked, "Ông Blinken") == ["person:peter-blinken"]
    person = next(a for a in linked.actors if a.id == "person:peter-blinken")
    assert (person.affiliation, [(r.role, r.of) for r in person.roles]) == ("USA", [("ambassador", "USA")])


def test_people_translator_brackets_inside_a_name(lex: ActorLexicon) -> None:
    linked = link(lex, "Điều này đã được (Tổng thống Nga Vladimir) Putin nhắc lại nhiều lần.")
    assert "person:vladimir-putin" in persons(linked)
    assert "person:vladimir" not in linked.actor_ids


def test_people_organisation_before_an_acronym_is_not_a_person(lex: ActorLexicon) -> None:
    linked = link(lex, "Phó chủ tịch Northgate LLC Daniel Frey nhận định thị trường sẽ biến động.")
    assert persons(linked) == ["person:daniel-frey"]


# ---------------------------------------------------------------- titles alone


def test_people_title_alone_names_no_person(lex: ActorLexicon) -> None:
    linked = link(lex, "Ngoại trưởng Ukraine kêu gọi phương Tây hành động.", "2021-06-07")
    assert persons(linked) == []
    assert ids_at(linked, "Ngoại trưởng Ukraine") == ["person:dmytro-kuleba"]


def test_people_title_alone_refers_to_the_person_introduced_with_it(lex: ActorLexicon) -> None:
    body = ("Người phát ngôn quân đội Peru Luis Ortaza cho biết cuộc tìm kiếm vẫn tiếp tục. "
            "Người phát ngôn của Hải quân Peru Diego Salcedo nói tàu đã mất liên lạc. "
            "Theo người phát ngôn quân đội Peru, thời tiết xấu gây khó khăn.")
    linked = link(lex, body)
    assert ids_at(linked, "người phát ngôn quân đội Peru") == ["person:luis-ortaza"]


def test_people_head_of_a_command_is_not_the_head_of_state(lex: ActorLexicon) -> None:
    linked = link(lex, "Người đứng đầu Bộ Chỉ huy Vũ trụ của Mỹ cảnh báo về vệ tinh.", "2021-06-07")
    assert "person:joe-biden" not in {m.actor_id for m in linked.mentions}


# ---------------------------------------------------------------- words that are not persons


@pytest.mark.parametrize(("body", "not_id"), [
    ("Cao ủy Đối ngoại EU cho biết khối sẽ họp.", "person:doi"),
    ("Ứng viên tổng thống Dân chủ đã dẫn trước.", "person:dan"),
    ("Đô đốc Hải quân Mỹ cảnh báo về tàu ngầm.", "person:hai"),
    ("Tàu sân bay đã đến Thái Bình Dương hôm qua.", "person:thai-binh-duong"),
    ("Bà trở thành phụ nữ gốc Phi đầu tiên giữ chức vụ này.", "person:phi"),
    ("Ông muốn thu hút sự chú ý của phương Tây.", "person:tay"),
    ("Bộ trưởng đã gặp người đồng cấp Lào ở Pakse.", "person:pakse"),
])
def test_people_common_words_and_places_are_not_persons(lex: ActorLexicon, body: str, not_id: str) -> None:
    linked = link(lex, body)
    assert not_id not in {m.actor_id for m in linked.mentions}


def test_people_embassy_is_not_an_ambassador(lex: ActorLexicon) -> None:
    linked = link(lex, "Đại sứ quán Australia ở Jakarta đã đóng cửa.")
    assert persons(linked) == []


def test_people_languages_and_oceans_are_not_states(lex: ActorLexicon) -> None:
    linked = link(lex, "Bà nói được tiếng Nga và tiếng Đức. Tàu đi qua Ấn Độ Dương và tới Ấn Độ - Thái Bình Dương.")
    assert linked.actor_ids == ()


def test_people_vietnamese_name_opening_with_a_known_surname_is_kept_whole(lex: ActorLexicon) -> None:
    linked = link(lex, "Trưởng phái đoàn, Thủ tướng Trần Minh Khôi nêu rõ lập trường của chính phủ.")
    assert persons(linked) == ["person:tran-minh-khoi"]


def test_people_possessor_before_the_name_is_skipped(lex: ActorLexicon) -> None:
    linked = link(lex, "Cố vấn an ninh quốc gia của ông Trump Michael Fennell đã từ chức.", "2017-02-14")
    assert "person:michael-fennell" in persons(linked)


def test_people_a_known_person_serves_only_the_sides_the_lexicon_gives(lex: ActorLexicon) -> None:
    linked = link(lex, "Ngoại trưởng Rex Tillerson gặp báo giới. Năm 1951, Ngoại trưởng Liên Xô phát biểu tại hội nghị.",
                  "2017-02-14")
    assert ids_at(linked, "Ngoại trưởng Liên Xô") != ["person:rex-tillerson"]


def test_people_country_anaphor_after_a_sector_cue(lex: ActorLexicon) -> None:
    linked = link(lex, "Iran phóng vệ tinh. Bộ Quốc phòng nước này thừa nhận vụ phóng thất bại.")
    assert ids_at(linked, "Bộ Quốc phòng nước này") == ["IRN.MIL"]


def test_people_country_anaphor_after_cua_is_left_alone(lex: ActorLexicon) -> None:
    # "của nước này" may point to either country named before
    linked = link(lex, "Sau khi Mỹ trục xuất 10 nhà ngoại giao Nga, Ba Lan cũng trục xuất 3 nhà ngoại giao của nước này.")
    assert not [m for m in linked.mentions if m.how == "anaphor"]


def test_people_acronym_after_a_list_of_states_is_no_alias(lex: ActorLexicon) -> None:
    linked = link(lex, "Hành khách đến từ Pháp, Malaysia, Trung Quốc, Đài Loan (TQ), Lào. TQ sẽ điều tra.")
    assert not [m for m in linked.mentions if m.how == "alias"]
