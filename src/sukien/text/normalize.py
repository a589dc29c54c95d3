"""Unicode normalisation for Vietnamese text.

Rule for tone-mark placement (documented in README): every text is NFC, and in an
open syllable whose nucleus is ``oa``, ``oe`` or ``uy`` (no final consonant, and
``uy`` not after ``q``) the tone mark sits on the FIRST vowel — the placement most
Vietnamese newspapers use (``hòa``, ``khỏe``, ``thủy``). The other placement
(``hoà``, ``khoẻ``, ``thuỷ``) is rewritten to it. Syllables with a final consonant
(``hoàn``, ``thuyết``) are the same in both styles and are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = {  # tone index: grave, acute, hook, tilde, dot
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ",
}


def _placement_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for i in range(5):
            new_style = first + _TONES[second][i]
            old_style = _TONES[first][i] + second
            for f_up in (False, True):
                for s_up in (False, True):
                    src = (new_style[0].upper() if f_up else new_style[0]) + (
                        new_style[1].upper() if s_up else new_style[1]
                    )
                    dst = (old_style[0].upper() if f_up else old_style[0]) + (
                        old_style[1].upper() if s_up else old_style[1]
                    )
                    table[src] = dst
    return table


_PLACEMENT = _placement_table()
# The same matches, found faster: a two-letter cluster ending a word, not after q (the word's
# other letters never matter). Non-cluster pairs the character classes let through are kept.
_PLACEMENT_END_RE = re.compile(
    r"(?<![qQ])[" + "".join(sorted({k[0] for k in _PLACEMENT})) + "]["
    + "".join(sorted({k[1] for k in _PLACEMENT})) + r"](?!\w)"
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # faster than translate


def unify_tone_placement(text: str) -> str:
    """Rewrite ``oà/oé/uỷ``-style placement to ``òa/óe/ủy`` in open syllables.

    >>> unify_tone_placement("hoà bình, khoẻ mạnh, thuỷ điện, hoàn toàn, quý")
    'hòa bình, khỏe mạnh, thủy điện, hoàn toàn, quý'
    """

    return _PLACEMENT_END_RE.sub(lambda m: _PLACEMENT.get(m.group(0), m.group(0)), text)


def normalize_text(text: str) -> str:
    """NFC, one tone placement, no invisible characters, ``\\n`` line ends.

    >>> normalize_text("Ho\\u00e0 b\\u00ecnh\\r\\n") == "Hòa bình\\n"
    True
    """
    text = _INVISIBLE_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = unicodedata.normalize("NFC", text)
    return unify_tone_placement(text)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    if ord(ch) < 128:
        return ch.lower()
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    if len(base) != 1:
        return ch.lower() if len(ch.lower()) == 1 else ch
    return base.lower()


def fold(text: str) -> str:
    """Lower-case, accent-free form with the same length as ``text`` (offsets stay valid).

    ``đ`` becomes ``d`` although Unicode gives it no decomposition.

    >>> fold("Liên hợp quốc hội đàm Đà Nẵng")
    'lien hop quoc hoi dam da nang'
    """
    return text.translate(_FOLD_TABLE)


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on demand from ``_fold_char`` (same output, C-speed lookups)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def lower_keep_length(text: str) -> str:
    """Lower-case without changing the length (for offset-preserving matching)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
