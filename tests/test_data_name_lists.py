"""Format checks for the word lists that decide person names: UTF-8, NFC, a provenance header,
known sections, and words in the form the matchers expect."""

from __future__ import annotations

import unicodedata
from pathlib import Path

DATA = Path(__file__).parents[1] / "src" / "sukien" / "data"
SECTIONS = {"geo", "geo-heads", "org-heads", "person-nouns", "breakers", "not-names", "naming", "openers",
            "org-words"}


def _lines(name: str) -> tuple[list[str], list[str]]:
    raw = (DATA / name).read_bytes().decode("utf-8")
    assert unicodedata.is_normalized("NFC", raw) and "\r" not in raw
    lines = raw.splitlines()
    header = [ln for ln in lines if ln.startswith("#")]
    body = [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]
    return header, body


def test_data_vi_words_lower_case_one_or_two_syllables() -> None:
    header, words = _lines("vi_words.txt")
    assert any("underthesea" in h and "Apache-2.0" in h for h in header)
    assert len(words) > 20_000 and len(set(words)) == len(words)
    assert all(w == w.lower() and 1 <= len(w.split()) <= 2 for w in words)
    assert {"hải quân", "dân chủ", "tình báo"} <= set(words)


def test_data_person_names_sections() -> None:
    header, lines = _lines("person_names.txt")
    assert len(header) >= 3 and any("Source" in h for h in header)
    sections: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        else:
            assert current is not None, f"{line!r} before any section"
            sections[current].append(line)
    assert set(sections) == SECTIONS
    for name, words in sections.items():
        assert words and len(set(words)) == len(words), f"[{name}] empty or with duplicates"
    assert all(w == w.lower() for w in sections["breakers"] + sections["org-words"])
    assert all(w[:1].isupper() for w in sections["geo-heads"] + sections["openers"])


def test_data_quote_verbs_are_not_in_the_shared_speech_verbs() -> None:
    # quote_verbs.txt is read by the quote finder only: the event coder reads speech_verbs.txt
    _, quote_verbs = _lines("quote_verbs.txt")
    _, speech_verbs = _lines("speech_verbs.txt")
    shared = {v.split(" -")[0].split(" +")[0] for v in speech_verbs}
    assert quote_verbs and not {v.split(" -")[0] for v in quote_verbs} & shared
