"""Story split: classified lines → articles (title, body lines, captions, credits, dates).

The page is read top to bottom with three states: before the first article (``pre``),
inside an article (``article``) and inside a list of teasers (``listing``, entered at a
heading such as "Tin liên quan"). Teasers — a title repeated on the next line, then a
summary — are dropped wherever they appear. A new article starts at a title-like line
that is followed by prose and is not a teaser.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sukien.page.lines import Line, classify_lines
from sukien.page.meta import page_metadata
from sukien.page.resources import PageResources
from sukien.records import Article, Document
from sukien.text.normalize import fold

_SKIP = {"empty", "junk", "inline", "label", "caption", "english", "byline", "timestamp", "dup", "credit", "slug"}


@dataclass
class Draft:
    title: Line | None
    body: list[Line] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    stamps: list[tuple[int, int, int]] = field(default_factory=list)  # byline/header dates


def extract_articles(doc: Document, res: PageResources) -> list[Article]:
    """Articles of one document, in page order (ids ``<doc_id>#1``, ``#2``, …)."""
    text = trim_glued_chrome(doc.text, res) if doc.format == "record" else doc.text
    lines = classify_lines(text, res)
    drafts, header = split_stories(lines, given_title=doc.title)
    return page_metadata(doc, drafts, lines, header, res)


def trim_glued_chrome(text: str, res: PageResources) -> str:
    """Remove UI text glued to the start or end of a record's text (data: page_markers)."""
    for _ in range(3):
        folded = fold(text)
        m = res.prefix.match(folded)
        if m and m.end() > 0:
            text = text[m.end():]
            continue
        m = res.suffix.search(folded)
        if m and m.start() < len(text):
            text = text[: m.start()]
            continue
        break
    return _drop_glued_teaser(text)


def _drop_glued_teaser(text: str) -> str:
    """A truncated teaser glued after the last sentence ("… Tiêu đề khác, cá...") is dropped."""
    stripped = text.rstrip()
    if not stripped.endswith(("...", "…")) or "\n" in stripped[-400:]:
        return text
    cut = max(stripped.rfind(". ", 0, len(stripped) - 3), stripped.rfind(") ", 0, len(stripped) - 3))
    if cut > len(stripped) * 0.5:
        return stripped[: cut + 1]
    return text


def split_stories(lines: list[Line], given_title: str | None = None) -> tuple[list[Draft], list[Line]]:
    """Group lines into article drafts; also return header timestamps seen before the first."""
    state = "pre"
    drafts: list[Draft] = []
    header: list[Line] = []
    teaser_pending = False
    if given_title:
        drafts.append(Draft(title=Line(0, given_title, "title", len(given_title.split()))))
        state = "article"
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.cls == "empty":
            i += 1
            continue
        if teaser_pending:
            if ln.cls == "prose":  # the summary of a teaser
                teaser_pending = False
                i += 1
                continue
            teaser_pending = ln.cls in ("timestamp", "label", "short", "junk", "inline")
        if ln.cls == "listing":
            state = "listing" if drafts else state
            teaser_pending = False
        elif ln.cls in ("title", "prose", "short") and _next_same(lines, i):
            teaser_pending = True  # a teaser title (printed twice): skip its copy and summary
            i = _index_after_copy(lines, i)
            continue
        elif ln.cls == "title" and _is_repeat_title(ln, drafts):
            pass  # the headline printed again (above the lead photo)
        elif state == "pre":
            state = _pre_line(ln, lines, i, drafts, header)
        elif state == "listing":
            if ln.cls == "title" and _starts_article(lines, i, need=2):
                drafts.append(Draft(title=ln))
                state = "article"
        else:
            _article_line(ln, lines, i, drafts)
        i += 1
    return [d for d in drafts if d.body], header


def _pre_line(ln: Line, lines: list[Line], i: int, drafts: list[Draft], header: list[Line]) -> str:
    if ln.cls == "timestamp" or ln.date:
        header.append(ln)
    if ln.cls == "title" and _starts_article(lines, i, need=1):
        drafts.append(Draft(title=ln))
        return "article"
    if ln.cls == "prose":
        drafts.append(Draft(title=None, body=[ln]))
        return "article"
    return "pre"


def _article_line(ln: Line, lines: list[Line], i: int, drafts: list[Draft]) -> None:
    cur = drafts[-1]
    if ln.cls == "prose":
        cur.body.append(ln)
    elif ln.cls == "title" and ln.words >= 6 and _starts_article(lines, i, need=1):
        drafts.append(Draft(title=ln))
    elif ln.cls in ("caption", "english"):
        cur.captions.append(ln.text)
    elif ln.cls == "credit" and ln.credit:
        cur.credits.append(ln.credit)
    elif ln.cls == "byline":
        cur.bylines.append(ln.text)
    elif ln.cls == "timestamp" and ln.date and not cur.body:
        cur.stamps.append(ln.date)


def _is_repeat_title(ln: Line, drafts: list[Draft]) -> bool:
    key = fold(ln.text)
    return any(d.title is not None and fold(d.title.text) == key for d in drafts)


def _next_nonempty(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].cls != "empty":
            return j
    return None


def _next_same(lines: list[Line], i: int) -> bool:
    j = _next_nonempty(lines, i)
    return j is not None and fold(lines[j].text) == fold(lines[i].text)


def _index_after_copy(lines: list[Line], i: int) -> int:
    j = _next_nonempty(lines, i)
    return (j if j is not None else i) + 1


def _starts_article(lines: list[Line], i: int, need: int) -> bool:
    """A title at ``i`` starts an article when ``need`` prose lines follow before another title."""
    found = 0
    seen = 0
    for j in range(i + 1, min(len(lines), i + 40)):
        ln = lines[j]
        if ln.cls in _SKIP:
            continue
        seen += 1
        if ln.cls == "prose" and not ln.text.endswith(("...", "…")):
            found += 1
            if found >= need:
                return True
        elif ln.cls in ("title", "listing") or seen > need + 2:
            return False
    return False


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
