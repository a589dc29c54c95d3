"""Quotation marks as the press prints them: pairs of different marks made consistent.

Pages mix marks: a straight opening mark closed by a curly one (``"Chúng tôi sẵn sàng”``),
a curly opening mark closed by a straight one (``“… không thua"``). Paired as written, the
straight mark never closes and the quotation runs to the end of the line. :func:`repair_marks`
pairs the marks of each line by their direction — an opening mark has a space, a line start or
an opening bracket before it and a letter after it; a closing mark the reverse — and rewrites
each mixed pair to curly marks (``“…”``). The text keeps its length, so every offset found
on the repaired text is an offset in the original.
"""

from __future__ import annotations

__all__ = ["repair_marks"]

_OPENERS = frozenset("([{-–—:/“«‘ \t")
_CLOSERS = frozenset(",.;:!?)]}…-–—”»’ \t")


def repair_marks(text: str) -> str:
    """``text`` with each straight/curly pair of double quotation marks made curly.

    >>> repair_marks('Ông nói: "Chúng tôi sẵn sàng”. Bà nói: “Không thua".')
    'Ông nói: “Chúng tôi sẵn sàng”. Bà nói: “Không thua”.'
    >>> repair_marks('"Tôi nói “không” với họ", ông nói.')  # curly inside straight: left alone
    '"Tôi nói “không” với họ", ông nói.'
    """
    if '"' not in text or not ("“" in text or "”" in text):
        return text
    chars = list(text)
    start = 0
    for end in _line_ends(text):
        for a, b in _mixed_pairs(text, start, end):
            chars[a], chars[b] = "“", "”"
        start = end + 1
    return "".join(chars)


def _line_ends(text: str) -> list[int]:
    ends = [i for i, ch in enumerate(text) if ch == "\n"]
    ends.append(len(text))
    return ends


def _role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for the double mark at ``text[i]``."""
    ch = text[i]
    if ch == "“":
        return "open"
    if ch == "”":
        return "close"
    left = text[i - 1] if i > lo else " "
    right = text[i + 1] if i + 1 < hi else " "
    left_free, right_free = left in _OPENERS, right in _CLOSERS
    if left_free and not right_free:
        return "open"
    if right_free and not left_free:
        return "close"
    return "either"


def _mixed_pairs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(open, close) positions of the straight/curly pairs of one line.

    Marks are paired on a stack; a closing mark takes the nearest opener of its own kind, and
    only when the line holds none takes an opener of the other kind (a mixed pair)."""
    stack: list[tuple[str, int]] = []  # (kind, position); kind "st" straight, "dq" curly
    mixed: list[tuple[int, int]] = []
    for i in range(lo, hi):
        ch = text[i]
        if ch not in '"“”':
            continue
        kind = "st" if ch == '"' else "dq"
        role = _role(text, i, lo, hi)
        if role == "either":
            role = "close" if any(k == kind for k, _ in stack) or (stack and kind == "st") else "open"
        if role == "open":
            stack.append((kind, i))
            continue
        same = [n for n, (k, _) in enumerate(stack) if k == kind]
        if same:
            del stack[same[-1]:]
        elif stack:
            _, opener = stack.pop()
            mixed.append((opener, i))
    return mixed
