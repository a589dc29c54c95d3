"""Actor coreference: surnames after a full name, title-only references resolved by role and
date, "người đồng cấp X", "nhà lãnh đạo X", misspelt names. Sentences are made up."""

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


def ids_at(linked: ArticleActors, text: str) -> list[str]:
    """Actor ids of the mentions spelled exactly ``text`` (in order)."""
    return [m.actor_id for m in linked.mentions if m.text == text]


def test_actors_surname_with_honorific_after_full_name(lex: ActorLexicon) -> None:
    linked = link(lex, "Thứ trưởng Ngoại giao Litva, Jonas Petraitis, cho biết Vilnius sẽ tăng cường "
                       "phòng thủ. Ông Petraitis nói thêm rằng tình hình rất căng thẳng.")
    assert ids_at(linked, "Ông Petraitis") == ["person:jonas-petraitis"]
    assert [i for i in linked.actor_ids if i.startswith("person:")] == ["person:jonas-petraitis"]


def test_actors_bare_surname_after_full_name(lex: ActorLexicon) -> None:
    linked = link(lex, "Thứ trưởng Ngoại giao Litva Jonas Petraitis đến Warsaw. Petraitis cho biết "
                       "hai nước sẽ phối hợp chặt chẽ.")
    assert ids_at(linked, "Petraitis") == ["person:jonas-petraitis"]


def test_actors_surname_of_known_person_with_honorific(lex: ActorLexicon) -> None:
    linked = link(lex, "Ông Lukashenko nói rằng Minsk sẽ đáp trả mọi lệnh trừng phạt.")
    assert ids_at(linked, "Ông Lukashenko") == ["person:alexander-lukashenko"]
    m = next(m for m in linked.mentions if m.actor_id == "person:alexander-lukashenko")
    assert m.gender == "m"


def test_actors_title_only_resolves_to_holder_on_date(lex: ActorLexicon) -> None:
    linked = link(lex, "Tổng thống Belarus cho rằng phương Tây đang gây sức ép lên Minsk.", "2021-06-07")
    assert ids_at(linked, "Tổng thống Belarus") == ["person:alexander-lukashenko"]
    assert "BLR" in linked.actor_ids


def test_actors_title_only_without_date_uses_the_person_named(lex: ActorLexicon) -> None:
    linked = link(lex, "Tổng thống Alexander Lukashenko tiếp phái đoàn. Tổng thống Belarus cho rằng "
                       "phương Tây đang gây sức ép.", None)
    assert ids_at(linked, "Tổng thống Belarus") == ["person:alexander-lukashenko"]


def test_actors_counterpart_takes_role_of_previous_title(lex: ActorLexicon) -> None:
    linked = link(lex, "Tổng thống Nga Vladimir Putin và người đồng cấp Belarus đã hội đàm tại Sochi.")
    assert ids_at(linked, "Tổng thống Nga Vladimir Putin") == ["person:vladimir-putin"]
    assert ids_at(linked, "người đồng cấp Belarus") == ["person:alexander-lukashenko"]


def test_actors_counterpart_of_prime_minister_by_date(lex: ActorLexicon) -> None:
    linked = link(lex, "Thủ tướng Nhật Bản Fumio Kishida điện đàm với người đồng cấp Australia.",
                  "2022-06-07")
    assert ids_at(linked, "người đồng cấp Australia") == ["person:anthony-albanese"]


def test_actors_leader_of_state_is_head_of_state(lex: ActorLexicon) -> None:
    linked = link(lex, "Nhà lãnh đạo Belarus tuyên bố sẽ không nhượng bộ trước sức ép.")
    assert ids_at(linked, "Nhà lãnh đạo Belarus") == ["person:alexander-lukashenko"]


def test_actors_leader_prefers_the_person_already_named(lex: ActorLexicon) -> None:
    linked = link(lex, "Tổng thống Nga Vladimir Putin gặp Thủ tướng Đức. Nhà lãnh đạo Nga nói rằng "
                       "cuộc gặp rất hữu ích.")
    assert ids_at(linked, "Nhà lãnh đạo Nga") == ["person:vladimir-putin"]


def test_actors_misspelt_full_name_after_honorific(lex: ActorLexicon) -> None:
    linked = link(lex, "Bà Svetlana Tikhanovkskaya kêu gọi người dân tiếp tục biểu tình.")
    assert ids_at(linked, "Bà Svetlana Tikhanovkskaya") == ["person:svetlana-tikhanovskaya"]
    assert "person:svetlana-tikhanovkskaya" not in linked.actor_ids


def test_actors_misspelt_surname_after_full_name(lex: ActorLexicon) -> None:
    linked = link(lex, "Bà Svetlana Tikhanovskaya rời Vilnius. Bà Tikhanovkskaya kêu gọi biểu tình.")
    assert ids_at(linked, "Bà Tikhanovkskaya") == ["person:svetlana-tikhanovskaya"]


def test_actors_misspelt_surname_alone(lex: ActorLexicon) -> None:
    linked = link(lex, "Bà Tikhanovkskaya kêu gọi người dân Belarus tiếp tục biểu tình.")
    assert ids_at(linked, "Bà Tikhanovkskaya") == ["person:svetlana-tikhanovskaya"]


def test_actors_surname_needs_the_persons_side_in_the_article(lex: ActorLexicon) -> None:
    # "Jung" is also a German minister's surname; an article about Korea does not name him
    linked = link(lex, "Ông Jung cho biết nhóm nhạc sẽ biểu diễn tại Seoul vào tháng tới.")
    assert not any(a.startswith("person:franz") for a in linked.actor_ids)


def test_actors_misspelt_full_name_without_title(lex: ActorLexicon) -> None:
    linked = link(lex, "Svetlana Tikhanovkskaya kêu gọi người dân tiếp tục biểu tình.")
    assert "person:svetlana-tikhanovskaya" in linked.actor_ids


def test_actors_two_persons_keep_their_own_surnames(lex: ActorLexicon) -> None:
    linked = link(lex, "Ngoại trưởng Nga Sergei Lavrov gặp Ngoại trưởng Mỹ Antony Blinken. Ông Lavrov "
                       "nói cuộc gặp hữu ích, còn ông Blinken tỏ ra thận trọng.")
    assert ids_at(linked, "Ông Lavrov") == ["person:sergei-lavrov"]
    assert ids_at(linked, "ông Blinken") == ["person:antony-blinken"]
