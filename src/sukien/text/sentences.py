"""Sentence splitting for Vietnamese article bodies.

A body is paragraphs separated by blank lines; every line break ends a sentence.
Inside a line a sentence ends after ``.``, ``!``, ``?`` or ``…`` (plus any closing
quote or bracket) followed by a space and an upper-case letter, an opening quote or
a digit — except inside a quotation, after an abbreviation from
``data/abbreviations.txt`` and after initials (``A. Lukashenko``).

Quotations are paired per line by :func:`quote_regions`. Curly quotes (“…”),
guillemets («…») and single quotes (‘…’, '…') have a direction; straight double
quotes do not, so each one is given a direction from its neighbours (space before
and a letter after: opening; the reverse: closing) and paired in order. A quote
that never closes runs to the end of its line. When straight quotes are nested
(``"A "b c. D" - bà X nói"``) a closing quote followed by an attribution (``- ``
or ``, `` and a speech verb) closes the outermost straight quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sukien.data_files import data_path
from sukien.text.marks import repair_marks

__all__ = [
    "QuoteRegion",
    "Span",
    "quote_regions",
    "read_word_list",
    "split_sentences",
]


@dataclass(frozen=True)
class Span:
    """A sentence: ``text == body[start:end]`` with no surrounding whitespace."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class QuoteRegion:
    """A top-level quotation: ``body[open]`` is the opening mark.

    ``close`` is the index of the closing mark, or the end of the line when the
    quotation never closes (``closed`` is then False). The quoted words are
    ``body[open + 1:close]``.
    """

    open: int
    close: int
    closed: bool


_DOUBLE_OPEN = {"“": "dq", "«": "g"}
_DOUBLE_CLOSE = {"”": "dq", "»": "g"}
_QUOTE_CHARS = frozenset("“”«»‘’\"'")
_LEFT_OPENERS = frozenset("([{-–—:/“«‘")
_RIGHT_CLOSERS = frozenset(",.;:!?)]}…-–—”»’")
_CANDIDATE = re.compile(r"[.!?…]+[\"”’»)\]']*(?=\s+(\S))|(?<=[a-zà-ỹđ]{2})[.!?](?=([A-ZÀ-ỸĐ][a-zà-ỹđ]))")
_INITIALS = re.compile(r"^(?:[A-ZĐ]\.)*[A-ZĐ]$")
_ATTRIBUTION_LEAD = re.compile(r"\s*(?:[-–—]|,)\s+\S")
_OPENING_STARTS = frozenset("\"“‘«'([")


@lru_cache(maxsize=16)
def read_word_list(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``sukien/data/<name>``.

    >>> "TP." in read_word_list("abbreviations.txt")
    True
    """
    raw = data_path(name).read_text(encoding="utf-8")
    lines = (line.strip() for line in raw.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(read_word_list("abbreviations.txt"))


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    cues = {line.split(" +")[0].split(" -")[0] for line in read_word_list("speech_verbs.txt")}
    alternatives = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _is_alnum(ch: str) -> bool:
    return ch.isalnum()


def _straight_role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for a straight quote at ``text[i]``."""
    left = text[i - 1] if i > lo else " "
    right = text[i + 1] if i + 1 < hi else " "
    left_free = left.isspace() or left in _LEFT_OPENERS
    right_free = right.isspace() or right in _RIGHT_CLOSERS
    if left_free and not right_free:
        return "open"
    if right_free and not left_free:
        return "close"
    return "either"


def _single_role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'none' (apostrophe inside a word) for ' ‘ ’."""
    left = text[i - 1] if i > lo else " "
    right = text[i + 1] if i + 1 < hi else " "
    if _is_alnum(left) and _is_alnum(right):
        return "none"
    if not _is_alnum(left) and not right.isspace() and text[i] != "’":
        return "open"
    if not left.isspace() and not _is_alnum(right):
        return "close"
    return "none"


def _last_single_close(text: str, lo: int, hi: int) -> int:
    """Index of the last closing-like single quote of the line, or -1."""
    for j in range(hi - 1, lo - 1, -1):
        if text[j] in "’'" and _single_role(text, j, lo, hi) == "close":
            return j
    return -1


def _attribution_follows(text: str, i: int, hi: int) -> bool:
    """A closing quote at ``i`` followed by ``- speaker verb`` or ``, speaker verb``."""
    m = _ATTRIBUTION_LEAD.match(text, i + 1, hi)
    if m is None:
        return False
    stop = text.find('"', m.end() - 1, hi)
    tail = text[m.end() - 1 : hi if stop < 0 else stop]
    return _cue_pattern().search(tail) is not None


def _classify(
    text: str, i: int, lo: int, hi: int, stack: list[tuple[str, int]], last_single: int
) -> str:
    """The role of quote char ``text[i]`` given the open ``stack``: 'open:K',
    'close:K' or '' (ignore)."""
    ch = text[i]
    if ch in _DOUBLE_OPEN:
        return "open:" + _DOUBLE_OPEN[ch]
    if ch in _DOUBLE_CLOSE:
        return "close:" + _DOUBLE_CLOSE[ch]
    if ch == '"':
        role = _straight_role(text, i, lo, hi)
        has_open = any(kind == "st" for kind, _ in stack)
        if role == "either":
            role = "close" if has_open else "open"
        return f"{role}:st"
    role = _single_role(text, i, lo, hi)
    if role == "open" and (stack or last_single > i):
        return "open:s"
    if role == "close":
        return "close:s"
    return ""


def _close(stack: list[tuple[str, int]], kind: str, deepest: bool) -> int | None:
    """Pop up to the matching opener of ``kind``; its index, or None."""
    positions = [n for n, (k, _) in enumerate(stack) if k == kind]
    if not positions:
        return None
    n = positions[0] if deepest else positions[-1]
    opener = stack[n][1]
    del stack[n:]
    return opener


def _line_regions(text: str, lo: int, hi: int) -> list[QuoteRegion]:
    regions: list[QuoteRegion] = []
    stack: list[tuple[str, int]] = []
    last_single = _last_single_close(text, lo, hi)
    for i in range(lo, hi):
        if text[i] not in _QUOTE_CHARS:
            continue
        role = _classify(text, i, lo, hi, stack, last_single)
        if role.startswith("open:"):
            stack.append((role[5:], i))
        elif role.startswith("close:"):
            kind = role[6:]
            deepest = kind == "st" and _attribution_follows(text, i, hi)
            opener = _close(stack, kind, deepest)
            if opener is not None and not stack:
                regions.append(QuoteRegion(opener, i, True))
    doubles = [pos for kind, pos in stack if kind != "s"]
    if doubles:
        regions.append(QuoteRegion(doubles[0], hi, False))
    return regions


def quote_regions(text: str) -> list[QuoteRegion]:
    """Top-level quotations of ``text``, paired line by line.

    >>> body = 'Ông A nói: "Tôi đồng ý. Chúng ta đi." Rồi về.'
    >>> [body[r.open + 1 : r.close] for r in quote_regions(body)]
    ['Tôi đồng ý. Chúng ta đi.']
    >>> body = "Bà B nói: “Xin chào"
    >>> [(body[r.open + 1 : r.close], r.closed) for r in quote_regions(body)]
    [('Xin chào', False)]
    """
    regions: list[QuoteRegion] = []
    for lo, hi in _lines(text):
        regions.extend(_line_regions(text, lo, hi))
    return regions


def _inside(regions: list[QuoteRegion], pos: int) -> bool:
    return any(r.open < pos <= r.close for r in regions)


def _word_before(text: str, lo: int, p: int) -> str:
    j = p
    while j > lo and not text[j - 1].isspace() and text[j - 1] not in _OPENING_STARTS:
        j -= 1
    return text[j:p]


def _is_boundary(text: str, lo: int, m: re.Match[str], regions: list[QuoteRegion]) -> bool:
    nxt = (m.group(1) or m.group(2))[0]  # after a space, or glued ("thành viên.Tổng thống")
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENING_STARTS):
        return False
    if _inside(regions, m.end()):
        return False
    terminal = m.group(0).rstrip("\"”’»)]'")
    if terminal != ".":
        return True
    word = _word_before(text, lo, m.start())
    if word + "." in _abbreviations() or _INITIALS.match(word):
        return False
    return not (word.isdigit() and not text[lo : m.start() - len(word)].strip())


def _stripped(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end]) if start < end else None


def split_sentences(text: str) -> list[Span]:
    """Sentences of an article body, as spans into ``text``.

    >>> [s.text for s in split_sentences("Ông A đến Hà Nội. Bà B ở lại.\\n\\nTS. Lê C nói.")]
    ['Ông A đến Hà Nội.', 'Bà B ở lại.', 'TS. Lê C nói.']
    >>> [s.text for s in split_sentences('"Tôi đến. Tôi thấy", ông D nói. Hết.')]
    ['"Tôi đến. Tôi thấy", ông D nói.', 'Hết.']
    >>> [s.text for s in split_sentences('"Tôi đến. Tôi thấy”, ông D nói. Hết.')]
    ['"Tôi đến. Tôi thấy”, ông D nói.', 'Hết.']
    """
    spans: list[Span] = []
    marks = repair_marks(text)  # same length: a mixed pair ("…”) is one quotation
    for lo, hi in _lines(text):
        regions = _line_regions(marks, lo, hi)
        start = lo
        for m in _CANDIDATE.finditer(text, lo, hi):
            if _is_boundary(text, lo, m, regions):
                span = _stripped(text, start, m.end())
                if span is not None:
                    spans.append(span)
                start = m.end()
        span = _stripped(text, start, hi)
        if span is not None:
            spans.append(span)
    return spans
