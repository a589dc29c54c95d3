"""Line classes of a scraped page: every source line gets one class and its features."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sukien.page.glued import cut_captions, glued_byline
from sukien.page.resources import PageResources
from sukien.text.normalize import fold

# A page/byline timestamp standing alone on its line: "21:47 | 07/06/2021 GMT+7",
# "00:19:40 22/02/2025", "Thứ hai, 07/06/2021 10:15 (GMT+7)", "07/06/2021 - 21:47".
_TS = re.compile(
    r"^(?:(?:thu \w+|chu nhat),?\s*)?(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:\||-|,)?\s*)?"
    r"(?:ngay\s*)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:\s*(?:\||-|,)?\s*\d{1,2}[:h]\d{2}(?::\d{2})?)?\s*(?:\(?\s*gmt\s*\+\s*7\s*\)?)?$"
)
_DATE_PREFIX = re.compile(
    r"^\s*(?:date|ngay dang|ngay|published|cap nhat|dang luc|posted)\s*:?\s*"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})(?:[t ]\d{1,2}:\d{2}(?::\d{2})?\S*)?\s+"
)
_CAPTION = re.compile(
    r"(?:\s-\s*hinh\s*\d+\s*$|\(?\banh\s*:|\(nguon\s*:|\bnguon\s*:\s*\S|\bphoto\s*:|"
    r"\(anh minh hoa\)|\banh minh hoa\b|\(anh chup man hinh\)|\(?(?:anh|photo)\s*(?:/|:)?\s*(?:reuters|afp|ap|getty|ttxvn|tass)\)?\s*$)"
)
_CREDIT = re.compile(r"^\(?\s*(?:theo|nguon\s*:?|bai va anh\s*:?)\s+([^()]{2,60}?)\s*\)?\s*\.?$")
_BYLINE = re.compile(
    r"^(?:(?:bai|bai va anh|tac gia|pv|phong vien)\s*:?\s*)?"
    r"((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w'’.-]*\s+){1,4}"
    r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w'’.-]*)"
    r"\s*(?:\((?i:th|tổng hợp|tong hop|theo [^()]{2,40})\)|-\s*\w[\w ./]{1,30})?\s*$"
)
_ENGLISH = re.compile(r"\b(the|and|of|in|on|at|with|for|meet|president|minister|is|are)\b")
_TERMINAL = ('.', '!', '?', '…', '"', '”', '»', ')', "'", '’')


@dataclass(frozen=True)
class Line:
    no: int  # 1-based source line number
    text: str  # stripped text (a metadata prefix removed)
    cls: str  # empty|timestamp|inline|listing|label|caption|credit|byline|dup|junk|slug|english|title|prose|short
    words: int
    date: tuple[int, int, int] | None = None  # (y, m, d) for timestamps and date prefixes
    credit: str | None = None
    captions: tuple[str, ...] = ()  # photo captions cut out of a prose line


def classify_lines(text: str, res: PageResources) -> list[Line]:
    """One :class:`Line` per source line of ``text`` (numbered from 1)."""
    return [classify_line(no, raw, res) for no, raw in enumerate(text.split("\n"), 1)]


def classify_line(no: int, raw: str, res: PageResources) -> Line:
    text = raw.strip()
    if not text:
        return Line(no, "", "empty", 0)
    folded = fold(text)
    date = None
    m = _DATE_PREFIX.match(folded)
    if m and len(folded) > m.end():
        date = _ymd(m.group(1))
        text, folded = text[m.end():].strip(), folded[m.end():].strip()
    words = len(text.split())
    cls, credit = _line_class(text, folded, words, res)
    if cls == "timestamp":
        tm = _TS.match(folded)
        date = (int(tm.group(3)), int(tm.group(2)), int(tm.group(1))) if tm else None
    elif cls == "caption" and words >= 15:
        rest, caps = cut_captions(text)  # prose with a photo caption glued into it
        if caps and _shape_class(rest, len(rest.split())) == "prose":
            return Line(no, rest, "prose", len(rest.split()), date, None, tuple(caps))
    elif cls == "byline":
        glued = glued_byline(text)
        if glued:
            text, credit = glued
    return Line(no, text, cls, words, date, credit)


def _line_class(text: str, folded: str, words: int, res: PageResources) -> tuple[str, str | None]:
    bare = folded.strip(" :.-–|>")
    if _TS.match(folded):
        return "timestamp", None
    if res.listing.match(bare):
        return "listing", None
    if res.inline.match(bare):
        return "inline", None
    if res.label.match(bare):
        return "label", None
    if len(re.sub(r"\W", "", folded)) <= 3:
        return "junk", None
    if is_inline_duplicate(text):
        return "dup", None
    m = _CREDIT.match(folded)
    if m and words <= 8:
        return "credit", text[m.start(1):m.end(1)]
    if _CAPTION.search(folded) and words <= 80:
        return "caption", None
    if folded.isascii() and text == text.lower() and words >= 4 and not _has_terminal(text):
        return "slug", None
    if text.isascii() and words >= 5 and len(_ENGLISH.findall(text.lower())) >= 2:
        return "english", None
    if words <= 8:
        glued = glued_byline(text)  # "Minh PhươngTheo Reuters": a byline with its credit
        if glued and _BYLINE.match(glued[0]):
            return "byline", None
    if words <= 5 and _BYLINE.match(text) and not _has_terminal(text.rstrip(")")):
        return "byline", None
    return _shape_class(text, words), None


def _shape_class(text: str, words: int) -> str:
    ends = _has_terminal(text)
    if text.endswith((":", ",", ";")):
        return "short"
    if (words >= 10 and ends) or words >= 25:
        return "prose"
    if 3 <= words <= 40 and not text.endswith((".", "...", "…")) and _title_start(text):
        return "title"
    return "short"


def _has_terminal(text: str) -> bool:
    return text.endswith(_TERMINAL)


def _title_start(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in "\"“‘'«"


def is_inline_duplicate(text: str) -> bool:
    """A related-link title printed twice on one line ("T T", "TT" or "P P rest").

    >>> is_inline_duplicate("Nga và Mỹ hội đàm tại Geneva Nga và Mỹ hội đàm tại Geneva")
    True
    >>> is_inline_duplicate("Nga và Mỹ hội đàm tại Geneva về vấn đề an ninh")
    False
    """
    n = len(text)
    if n < 24 or n > 1200:
        return False
    seed = text[:12]
    k = text.find(seed, 12)
    while k != -1 and k <= n // 2 + 1:  # candidate copies start where the first 12 chars recur
        for at in (k - 1, k):  # "T T" (copy after a space) or "TT"
            if 12 <= at <= n // 2 and (at == k or text[at] == " "):
                head = text[:at]
                if text.startswith(head, k):
                    return _word_aligned(text, at)
        k = text.find(seed, k + 1)
    return False


def _word_aligned(text: str, k: int) -> bool:
    return (text[k - 1] == " " or text[k] in " \"“") or len(text[:k].split()) >= 3


def _ymd(value: str) -> tuple[int, int, int] | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return int(m[1]), int(m[2]), int(m[3])
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
    if m:
        return int(m[3]), int(m[2]), int(m[1])
    return None
