"""Lexicon recognition: every state, capital, seat of government, organisation and known
person name in a text, with sector cues ("Bộ Ngoại giao Nga" → RUS.GOV) and place use
("ở Moskva" is a place, not an actor)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sukien.actors.lexicon import ActorLexicon, Entry, surface_ok

_PLACE_BEFORE = re.compile(r"(?:^|\s)(?:ở|tại|ngoài|khắp|ở ngoài|bên ngoài|trên khắp|giờ)\s+$", re.I)
# "quốc gia châu Âu", "các nước châu Âu", "lớn nhất châu Âu": the region describes, it does not act
_DESCRIBED = re.compile(r"(?:quốc gia|nước|nền kinh tế|lục địa|khu vực|toàn|nhất|thị trường|người|khắp|"
                        r"giữa|ngoài|đông|tây|nam|bắc|trung)\s+$", re.I)
_LANGUAGE = re.compile(r"(?<!\w)(?<!lên )tiếng\s+$", re.I)
T = TypeVar("T")
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    actor_id: str
    kind: str  # state | org | sector | person | capital
    text: str
    how: str = "lexicon"
    as_place: bool = False
    role: str | None = None


def lexicon_hits(text: str, folded: str, lex: ActorLexicon) -> list[Hit]:
    """Longest, leftmost, non-overlapping lexicon matches checked against the spelling."""
    if lex.automaton is None or not len(lex.automaton):
        return []
    cands: list[tuple[int, int, Entry]] = []
    # a one-word accent-free spelling ("Nga" for "Ngà") only counts in accent-free text
    accented = folded != text.lower()
    for end_idx, (key, entries) in lex.automaton.iter(folded):
        start, end = end_idx - len(key) + 1, end_idx + 1
        if not _bounded(folded, start, end):
            continue
        span = text[start:end]
        for entry in entries:
            if surface_ok(span, entry.surface, entry.strict_case) and not (
                    accented and span.isascii() and not entry.surface.isascii() and " " not in span):
                cands.append((start, end, entry))
                break
    kept = longest_first(cands, lambda c: (c[0], c[1]))
    # media and place names only hide the names inside them ("Ấn Độ Dương" is not India);
    # "tiếng Nga" is the Russian language
    return [_make_hit(text, folded, start, end, entry, lex) for start, end, entry in kept
            if entry.kind not in ("media", "place") and not (entry.kind == "state" and _LANGUAGE.search(
                text[max(0, start - 8):start]))]


def _bounded(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not (before.isalnum() or after.isalnum()) and before not in "-" and after not in "-"


def _make_hit(text: str, folded: str, start: int, end: int, entry: Entry, lex: ActorLexicon) -> Hit:
    span = text[start:end]
    place = bool(_PLACE_BEFORE.search(text[max(0, start - 20):start])) and entry.kind in (
        "state", "capital", "region")
    if entry.kind in ("state", "capital"):
        cue = sector_cue_before(folded, start, lex)
        if cue is not None and not place:
            cue_start, sector = cue
            sec = f"{entry.actor_id}.{sector}"
            return Hit(cue_start, end, sec, "sector", text[cue_start:end], how="sector")
        kind = "state"
        return Hit(start, end, entry.actor_id, kind, span, how=entry.kind, as_place=place)
    if entry.kind == "region":
        descriptor = bool(_DESCRIBED.search(text[max(0, start - 24):start]))
        return Hit(start, end, entry.actor_id, "org", span, how="region", as_place=place or descriptor)
    return Hit(start, end, entry.actor_id, entry.kind, span)


def sector_cue_before(folded: str, start: int, lex: ActorLexicon) -> tuple[int, str] | None:
    """A sector cue ending right before ``start`` ("quân đội ", "Bộ Ngoại giao của ")."""
    if lex.sector_automaton is None or not len(lex.sector_automaton):
        return None
    window_start = max(0, start - 48)
    window = folded[window_start:start]
    stripped = window.rstrip()
    if stripped.endswith(" cua"):
        stripped = stripped[:-4].rstrip()
    best: tuple[int, str] | None = None
    for end_idx, (key, _values) in lex.sector_automaton.iter(stripped):
        if end_idx != len(stripped) - 1:
            continue
        cue_start = end_idx - len(key) + 1
        if cue_start > 0 and stripped[cue_start - 1].isalnum():
            continue
        if best is None or cue_start < best[0] - window_start:
            best = (window_start + cue_start, lex.sectors[key])
    return best


def strip_overlaps(hits: list[Hit]) -> list[Hit]:
    """Keep the longest of overlapping hits (ties: the earlier)."""
    return longest_first(hits, lambda h: (h.start, h.end))


def longest_first(items: list[T], span: Callable[[T], tuple[int, int]]) -> list[T]:
    """Greedy longest-first selection of non-overlapping spans, returned in text order.

    Kept spans are held sorted, so each overlap test is a bisect (n log n, not n²).

    >>> longest_first([(0, 3), (2, 8), (8, 9)], lambda s: s)
    [(2, 8), (8, 9)]
    """
    starts: list[int] = []
    ends: list[int] = []
    kept: list[T] = []
    for item in sorted(items, key=lambda it: (span(it)[0] - span(it)[1], span(it)[0])):
        a, b = span(item)
        i = bisect.bisect_left(starts, a)
        if (i > 0 and ends[i - 1] > a) or (i < len(starts) and starts[i] < b):
            continue
        starts.insert(i, a)
        ends.insert(i, b)
        kept.insert(i, item)
    return kept


def is_word_char(ch: str) -> bool:
    return bool(_WORD.match(ch))
