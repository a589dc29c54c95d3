"""places.tsv: sub-national places mapped to the state they belong to, read by the event coder
for the target of an act of force that names a place and no actor ("pháo kích thành phố Kharkiv")."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from sukien.data_files import read_tsv
from sukien.pipeline import Resources, process_article
from sukien.records import Article

KINDS = {"region", "province", "city", "territory", "base"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return list(read_tsv("places.tsv"))


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources.load()


def _state_names() -> tuple[set[str], set[str]]:
    codes, names = set(), set()
    for r in read_tsv("states.tsv"):
        codes.add(r["id"])
        for cell in (r["name"], r["aliases"], r["capitals"]):
            names.update(n.strip().lower() for n in cell.split("|") if n.strip())
    return codes, names


def test_places_rows_are_well_formed(rows: list[dict[str, str]]) -> None:
    codes, _ = _state_names()
    assert rows, "places.tsv is empty"
    for r in rows:
        place = r["place"]
        assert place == place.strip() and unicodedata.normalize("NFC", place) == place, place
        assert r["state"] in codes, (place, r["state"])
        assert r["kind"] in KINDS, (place, r["kind"])
    dup = [p for p, n in Counter(r["place"].lower() for r in rows).items() if n > 1]
    assert not dup, dup


def test_no_place_is_a_state_or_capital_name(rows: list[dict[str, str]]) -> None:
    _, names = _state_names()
    clash = [r["place"] for r in rows if r["place"].lower() in names]
    assert not clash, clash


def _targets(res: Resources, body: str) -> set[tuple[str | None, str | None, str]]:
    art = Article("p#1", "p", "", None, body, (), published="2024-05-10", published_basis="header")
    _, _, events, _, _ = process_article(art, res)
    return {(e.source and e.source.split(".")[0], e.target and e.target.split(".")[0], e.root)
            for e in events if not e.negated}


def test_an_act_of_force_on_a_place_targets_its_state(res: Resources) -> None:
    assert ("RUS", "UKR", "19") in _targets(res, "Quân đội Nga pháo kích thành phố Kharkiv.")
    assert ("RUS", "UKR", "19") in _targets(res, "Nga sáp nhập bán đảo Crimea năm 2014.")


def test_a_place_of_the_acting_state_is_no_target(res: Resources) -> None:
    got = _targets(res, "Quân đội Nga tập trận ở Kaliningrad.")
    assert not [t for t in got if t[1] is not None]


def test_a_ban_on_a_place_takes_no_target_from_it(res: Resources) -> None:
    """Bans and arrests (root 17) are no acts of force on a place: "cấm bay ở X" targets no one."""
    got = _targets(res, "Mỹ cấm các hãng hàng không bay ở khu vực Crimea.")
    assert not [t for t in got if t[1] == "UKR"]
