"""Story split: classified lines → articles (title, body lines, captions, credits, dates).

The page is read top to bottom with three states: before the first article (``pre``),
inside an article (``article``) and inside a list of teasers (``listing``, entered at a
heading such as "Tin liên quan"). Teasers — a title repeated on the next line, then a
summary — are dropped wherever they appear. A new article starts at a title-like line
that is followed by prose and is not a teaser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sukien.page.glued import reline_captions, reline_tail_byline, sentence_starts, unwrap_lines
from sukien.page.lines import Line, classify_lines
from sukien.page.meta import page_metadata
from sukien.page.resources import PageResources
from sukien.records import Article, Document
from sukien.text.normalize import fold

TEASER_CHARS = 180  # a glued teaser summary is at most this long
TAIL_CHARS = 2 * TEASER_CHARS  # what may follow a tail marker (data: page_markers, kind tail)
_SKIP = {"empty", "junk", "inline", "label", "caption", "english", "byline", "timestamp", "dup", "credit", "slug"}


@dataclass
class Draft:
    title: Line | None
    body: list[Line] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    stamps: list[tuple[int, int, int]] = field(default_factory=list)  # byline/header dates
    ended: bool = False  # a byline or credit closed the text seen so far


def extract_articles(doc: Document, res: PageResources) -> list[Article]:
    """Articles of one document, in page order (ids ``<doc_id>#1``, ``#2``, …)."""
    text = clean_record_text(doc.text, res) if doc.format == "record" else doc.text
    lines = classify_lines(text, res)
    drafts, header = split_stories(lines, given_title=doc.title)
    return page_metadata(doc, drafts, lines, header, res)


def clean_record_text(text: str, res: PageResources) -> str:
    """A record's text (JSONL/CSV field, HTML extract) made line-shaped like a page dump.

    Records have no source line numbers to keep, so chrome glued into the prose is cut out
    or put on lines of its own, where the line classes see it: UI text at the start and end,
    ads glued in the middle, a truncated teaser at the end, photo captions, the byline after
    the last sentence; hard-wrapped lines are joined back into paragraphs.
    """
    text = unwrap_lines(text)
    if res.glued is not None:
        text = _cut_all(text, res.glued)
    text = trim_glued_chrome(text, res)
    lines = text.split("\n")
    if lines:
        lines[-1] = reline_tail_byline(lines[-1])
    return reline_captions("\n".join(lines))


def _cut_all(text: str, pattern: re.Pattern[str]) -> str:
    folded = fold(text)
    parts: list[str] = []
    pos = 0
    for m in pattern.finditer(folded):
        parts.append(text[pos: m.start()])
        pos = m.end()
    if not parts:
        return text
    parts.append(text[pos:])
    return re.sub(r"[ \t]{2,}", " ", " ".join(p.strip(" ") for p in parts))


def trim_glued_chrome(text: str, res: PageResources) -> str:
    """Remove UI text glued to the start or end of a record's text (data: page_markers), and
    a truncated teaser glued after the last sentence."""
    for _ in range(8):
        folded = fold(text)
        m = res.prefix.match(folded)
        if m and m.end() > 0:
            text = text[m.end():]
            continue
        m = res.suffix.search(folded)
        if m and m.start() < len(text):
            text = text[: m.start()]
            continue
        cut = _drop_tail(text, folded, res)
        if cut == text:
            cut = _drop_glued_teaser(text)
        if cut != text:
            text = cut
            continue
        break
    return text


def _drop_tail(text: str, folded: str, res: PageResources) -> str:
    """Cut at the last tail marker ("(Tin thể thao, tin tennis)") when only teasers follow it."""
    if res.tail is None:
        return text
    last = None
    for m in res.tail.finditer(folded):
        last = m
    if last is None or len(text) - last.end() > TAIL_CHARS or last.start() < len(text) * 0.5:
        return text
    return text[: last.start()].rstrip()


def _drop_glued_teaser(text: str) -> str:
    """A truncated teaser glued after the last sentence ("… Tiêu đề khác, cá...") is dropped.

    A teaser summary is short: the cut is made at the earliest sentence start within the
    last ``TEASER_CHARS`` characters (and never past the middle of the text).
    """
    stripped = text.rstrip()
    if not stripped.endswith(("...", "…")):
        return text
    line_start = stripped.rfind("\n") + 1
    last = stripped[line_start:]
    starts = [s for s in sentence_starts(last) if s > 0 and len(last) - s <= TEASER_CHARS]
    if starts and line_start + starts[0] > len(stripped) * 0.5:
        return stripped[: line_start + starts[0]].rstrip()
    if line_start > 0 and len(last) <= TEASER_CHARS:  # the teaser is a line of its own
        return stripped[:line_start].rstrip()
    return text


def split_stories(lines: list[Line], given_title: str | None = None) -> tuple[list[Draft], list[Line]]:
    """Group lines into article drafts; also return header timestamps seen before the first."""
    state = "pre"
    drafts: list[Draft] = []
    header: list[Line] = []
    teaser_pending = False
    pre_captions: list[str] = []
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
            if ln.cls == "caption":
                pre_captions.append(ln.text)  # the lead photo above the first article
            elif drafts and pre_captions:
                drafts[0].captions[:0] = pre_captions
                pre_captions = []
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
        drafts.append(Draft(title=None, body=[ln], captions=list(ln.captions)))
        return "article"
    return "pre"


def _article_line(ln: Line, lines: list[Line], i: int, drafts: list[Draft]) -> None:
    cur = drafts[-1]
    if ln.cls == "prose":
        cur.body.append(ln)
        cur.captions += ln.captions
        cur.ended = False
    elif (ln.cls == "title" and ln.words >= 6 and _starts_article(lines, i, need=1)
          and (cur.ended or _marked_as_story(lines, i))):
        drafts.append(Draft(title=ln))
    elif ln.cls in ("caption", "english"):
        cur.captions.append(ln.text)
    elif ln.cls == "credit" and ln.credit:
        cur.credits.append(ln.credit)
        cur.ended = bool(cur.body)
    elif ln.cls == "byline":
        cur.bylines.append(ln.text)
        if ln.credit:
            cur.credits.append(ln.credit)
        cur.ended = bool(cur.body)
    elif ln.cls == "timestamp" and ln.date and not cur.body:
        cur.stamps.append(ln.date)


def _marked_as_story(lines: list[Line], i: int) -> bool:
    """Is the title at ``i`` a story's headline rather than a crosshead inside an article?

    A story's headline is printed again nearby (an image marker "<headline> - Hình 1", the
    headline above the photo), or a timestamp or byline follows it before its first prose.
    A crosshead has neither, and it does not start a new article unless the text before it
    ended with a byline or credit.
    """
    key = fold(lines[i].text)
    seen = 0
    for j in range(i + 1, min(len(lines), i + 30)):
        ln = lines[j]
        if ln.cls == "empty":
            continue
        seen += 1
        if seen <= 3 and ln.cls in ("timestamp", "byline") and not any(
            lines[k].cls == "prose" for k in range(i + 1, j)
        ):
            return True
        if len(key) >= 20 and fold(ln.text).startswith(key):
            return True
        if seen >= 15:
            break
    return False


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

