"""Actor recognition: role titles resolved by date, spelling variants, places, sectors,
unknown persons introduced by a title. Sentences are made up for these tests."""

from __future__ import annotations

import pytest

from sukien.actors import ActorLexicon, ArticleActors, link_article
from sukien.records import Article, Mention
from sukien.text.normalize import normalize_text


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.load()


def article(body: str, published: str | None = "2021-06-07", title: str = "") -> Article:
    return Article(article_id="t#1", doc_id="t", title=title, title_line=None, body=body, body_lines=(),
                   published=published, published_basis="header" if published else "unknown")


def link(lex: ActorLexicon, body: str, published: str | None = "2021-06-07") -> ArticleActors:
    return link_article(article(body, published), lex)


def mention(linked: ArticleActors, text: str) -> Mention:
    found = [m for m in linked.mentions if m.text == text]
    assert found, f"no mention spelled {text!r} in {linked.mentions}"
    return found[0]


# ---------------------------------------------------------------- role titles by date


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2021-06-07", "person:joe-biden"), ("2026-02-01", "person:donald-trump"),
     ("2019-05-10", "person:donald-trump"), ("2021-01-10", "person:donald-trump"),
     ("2021-01-25", "person:joe-biden")],
)
def test_actors_role_title_us_president_by_date(lex: ActorLexicon, published: str, expected: str) -> None:
    linked = link(lex, "Tổng thống Mỹ phát biểu trước các phóng viên tại Nhà Trắng.", published)
    assert mention(linked, "Tổng thống Mỹ").actor_id == expected
    # the title refers to the president (a speaker, an event side) but names only the state:
    # the article's actors are what it names
    assert expected not in linked.actor_ids
    assert expected in {a.id for a in linked.actors}
    assert "USA" in linked.actor_ids


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2022-05-20", "person:fumio-kishida"), ("2025-03-01", "person:shigeru-ishiba"),
     ("2026-01-15", "person:sanae-takaichi")],
)
def test_actors_role_title_japan_prime_minister_by_date(lex: ActorLexicon, published: str,
                                                        expected: str) -> None:
    linked = link(lex, "Thủ tướng Nhật Bản tuyên bố tăng ngân sách quốc phòng.", published)
    assert mention(linked, "Thủ tướng Nhật Bản").actor_id == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2021-06-07", "person:jens-stoltenberg"), ("2025-06-07", "person:mark-rutte")],
)
def test_actors_role_title_nato_secretary_general_by_date(lex: ActorLexicon, published: str,
                                                          expected: str) -> None:
    linked = link(lex, "Tổng thư ký NATO kêu gọi các thành viên tăng chi tiêu.", published)
    assert mention(linked, "Tổng thư ký NATO").actor_id == expected
    assert "NATO" in linked.actor_ids


def test_actors_title_with_name_links_the_named_person(lex: ActorLexicon) -> None:
    linked = link(lex, "Tổng thống Mỹ Donald Trump phát biểu tại buổi họp báo.", "2021-06-07")
    assert mention(linked, "Tổng thống Mỹ Donald Trump").actor_id == "person:donald-trump"
    assert "person:joe-biden" not in linked.actor_ids


# ---------------------------------------------------------------- spelling variants


@pytest.mark.parametrize("name", ["Moskva", "Matxcơva", "Mát-xcơ-va", "Moscow"])
def test_actors_capital_variants_stand_for_russia(lex: ActorLexicon, name: str) -> None:
    linked = link(lex, f"{name} phản đối lệnh trừng phạt mới của phương Tây.")
    m = mention(linked, name)
    assert (m.actor_id, m.as_place) == ("RUS", False)
    assert linked.actor_ids[0] == "RUS"


@pytest.mark.parametrize("name", ["Liên Hợp Quốc", "Liên hợp quốc", "Lien hop quoc"])
def test_actors_united_nations_with_and_without_diacritics(lex: ActorLexicon, name: str) -> None:
    linked = link(lex, f"{name} kêu gọi các bên ngừng bắn ngay lập tức.")
    assert mention(linked, name).actor_id == "UN"


@pytest.mark.parametrize("name", ["Hoa Kỳ", "Mỹ"])
def test_actors_usa_names(lex: ActorLexicon, name: str) -> None:
    linked = link(lex, f"{name} cảnh báo về nguy cơ leo thang căng thẳng.")
    assert linked.actor_ids == ("USA",)


@pytest.mark.parametrize(("name", "expected"), [("Điện Kremlin", "RUS.GOV"), ("Nhà Trắng", "USA.GOV")])
def test_actors_seat_of_government_is_the_government(lex: ActorLexicon, name: str, expected: str) -> None:
    linked = link(lex, f"{name} bác bỏ thông tin về cuộc gặp bí mật.")
    assert mention(linked, name).actor_id == expected


def test_actors_old_tone_placement_matches_after_normalize(lex: ActorLexicon) -> None:
    body = normalize_text("Thuỵ Điển chính thức gia nhập NATO.")
    assert body.startswith("Thụy Điển")
    assert link(lex, body).actor_ids == ("SWE", "NATO")


def test_actors_old_tone_placement_matches_without_normalize(lex: ActorLexicon) -> None:
    assert link(lex, "Thuỵ Điển chính thức gia nhập NATO.").actor_ids == ("SWE", "NATO")


def test_actors_reader_normalises_tone_placement(lex: ActorLexicon, tmp_path) -> None:
    from sukien.ingest import iter_documents

    path = tmp_path / "bai.txt"
    path.write_text("Thuỵ Điển gia nhập NATO\n\nThuỵ Điển chính thức trở thành thành viên thứ 32 "
                    "của liên minh.\n", encoding="utf-8")
    docs = list(iter_documents([str(path)]))
    assert len(docs) == 1
    assert "Thuỵ" not in docs[0].text
    assert "Thụy Điển chính thức" in docs[0].text


@pytest.mark.parametrize("body", [
    "Con voi già có cặp ngà rất dài.",
    "Đàn thiên nga bay về hồ vào mùa đông.",
    "Cô ấy tên là nga, sống ở ngoại ô.",
])
def test_actors_common_words_are_not_russia(lex: ActorLexicon, body: str) -> None:
    linked = link(lex, body)
    assert "RUS" not in linked.actor_ids
    assert not [m for m in linked.mentions if m.actor_id.startswith("RUS")]


# ---------------------------------------------------------------- places


def test_actors_capital_after_o_is_a_place(lex: ActorLexicon) -> None:
    linked = link(lex, "Các nhà ngoại giao đã ở Moskva ba ngày để chuẩn bị hội nghị.")
    m = mention(linked, "Moskva")
    assert (m.actor_id, m.as_place) == ("RUS", True)
    assert "RUS" not in linked.actor_ids


def test_actors_capital_after_tai_is_a_place(lex: ActorLexicon) -> None:
    linked = link(lex, "Hội nghị được tổ chức tại Moskva vào cuối tuần.")
    assert mention(linked, "Moskva").as_place
    assert "RUS" not in linked.actor_ids


def test_actors_time_zone_is_not_vietnam(lex: ActorLexicon) -> None:
    linked = link(lex, "Cuộc họp trực tuyến bắt đầu lúc 9 giờ Hà Nội.")
    assert "VNM" not in linked.actor_ids


# ---------------------------------------------------------------- sectors


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Bộ Ngoại giao Nga", "RUS.GOV"),
    ("quân đội Ukraine", "UKR.MIL"),
    ("Quân đội Ukraine", "UKR.MIL"),
    ("phe đối lập Belarus", "BLR.OPP"),
    ("Ủy ban Bầu cử trung ương Belarus", "BLR.ELE"),
])
def test_actors_sector_cue_before_state(lex: ActorLexicon, phrase: str, expected: str) -> None:
    linked = link(lex, f"Theo tin mới nhất, {phrase} đã ra thông báo vào chiều nay.")
    m = mention(linked, phrase)
    assert (m.actor_id, m.kind) == (expected, "sector")
    assert expected in linked.actor_ids


# ---------------------------------------------------------------- unknown persons


def test_actors_unknown_person_after_title_and_state(lex: ActorLexicon) -> None:
    linked = link(lex, "Thứ trưởng Ngoại giao Litva, Jonas Petraitis, cho biết Vilnius sẽ tăng cường "
                       "phòng thủ biên giới.")
    assert "person:jonas-petraitis" in linked.actor_ids
    person = next(a for a in linked.actors if a.id == "person:jonas-petraitis")
    assert person.kind == "person"
    assert person.name == "Jonas Petraitis"
    assert person.affiliation == "LTU"
    assert [(r.role, r.of) for r in person.roles] == [("deputy_foreign_minister", "LTU")]


def test_actors_unknown_person_after_ba_is_a_woman(lex: ActorLexicon) -> None:
    linked = link(lex, "Theo bà Irena Kowalczyk, tình hình an ninh khu vực đang xấu đi.")
    assert "person:irena-kowalczyk" in linked.actor_ids
    m = next(m for m in linked.mentions if m.actor_id == "person:irena-kowalczyk")
    assert (m.kind, m.gender) == ("person", "f")
    assert any(a.id == "person:irena-kowalczyk" and a.kind == "person" for a in linked.actors)


def test_actors_title_words_are_not_a_person(lex: ActorLexicon) -> None:
    linked = link(lex, "Bộ trưởng Quốc phòng Ba Lan cho biết Warsaw sẽ mua thêm xe tăng.")
    assert not [i for i in linked.actor_ids if i.startswith("person:bo-") or i.startswith("person:quoc")]
