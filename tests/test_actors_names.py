"""Name shapes: which capitalised words can name a person. Words are made up or common
Vietnamese words; no sentence comes from a real article."""

from __future__ import annotations

import pytest

from sukien.actors.names import NameCues, read_name


@pytest.fixture(scope="module")
def cues() -> NameCues:
    return NameCues.load()


@pytest.mark.parametrize("name", ["Frank Delany", "Owen", "Zhou Haibin", "DK Rathore", "Park Ji-won",
                                  "Lê Thị Minh Hương", "Oleksiy Marchuk", "Tomas O'Reilly"])
def test_names_shaped_person_names(cues: NameCues, name: str) -> None:
    assert cues.shaped(name)


@pytest.mark.parametrize("name", [
    "Thái Bình Dương",  # an ocean: all common syllables, and a place
    "Phòng Thương",  # "Phòng Thương mại": common words
    "Đối", "Dân", "Hải", "Chiến",  # common words capitalised after a title
    "Tân Cương", "Phố Wall", "Biển Đen", "Trung Đông",  # places
    "SVR", "NATO",  # acronyms
    "Lao Airlines", "Northgate Partners",  # organisations
    "U90", "Á",  # digits, one letter
])
def test_names_not_person_names(cues: NameCues, name: str) -> None:
    assert not cues.shaped(name)


def test_names_single_given_name_after_honorific(cues: NameCues) -> None:
    # "ông Hải nói" names a person; "Đô đốc Hải quân" is the navy
    assert cues.single_name("Hải", "nói")
    assert not cues.single_name("Hải", "quân")
    assert not cues.single_name("Dân", "chủ")


def test_names_places_and_compounds(cues: NameCues) -> None:
    assert cues.is_place("Ấn Độ - Thái Bình Dương")
    assert cues.is_place("Biển Hoa Đông")
    assert cues.compound("tình", "báo")
    assert not cues.compound("hùng", "cho")


def test_names_read_name_stops_before_an_acronym_after_a_word() -> None:
    body = "Phó chủ tịch Northgate LLC Daniel Frey nhận định"
    start = body.index("Northgate")
    a, b = read_name(body, start)
    assert body[a:b] == "Northgate"
    a, b = read_name(body, body.index("LLC"))
    assert body[a:b] == "LLC"


def test_names_read_name_keeps_initials_and_particles() -> None:
    body = "ông George H. W. Miller và Ahmed bin Khalid"
    assert [body[a:b] for a, b in (read_name(body, 4), read_name(body, body.index("Ahmed")))] == [
        "George H. W. Miller", "Ahmed bin Khalid"]
