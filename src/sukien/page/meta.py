"""Article metadata: publication date, outlet, author, wire credits; drafts → Article records."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from sukien.page.lines import Line
from sukien.page.resources import PageResources
from sukien.records import Article, Document
from sukien.text.normalize import fold

if TYPE_CHECKING:
    from sukien.page.split import Draft

_FOLLOW = re.compile(r"^theo doi (.{1,40}?) tren\b")
_TITLE_DATE = re.compile(r"(?:hom nay|ngay)\s*\(?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\)?")
_BYLINE_TAIL = re.compile(r"\s*(?:\([^()]*\)|-\s*[\w ./]+)\s*$")


def page_metadata(
    doc: Document, drafts: list[Draft], lines: list[Line], header: list[Line], res: PageResources
) -> list[Article]:
    outlet = _outlet(doc, lines, res)
    bound = _upper_bound(drafts, lines)
    out: list[Article] = []
    for n, d in enumerate(drafts, 1):
        published, basis = _published(doc, d, header if n == 1 else [], bound)
        body = "\n\n".join(ln.text for ln in d.body)
        title = d.title.text if d.title else (doc.title or "")
        out.append(
            Article(
                article_id=f"{doc.doc_id}#{n}",
                doc_id=doc.doc_id,
                title=title,
                title_line=d.title.no if d.title and d.title.no > 0 else None,
                body=body,
                body_lines=tuple(ln.no for ln in d.body) if doc.format != "record" else (),
                captions=tuple(d.captions),
                published=published,
                published_basis=basis,
                published_not_after=_iso(bound) if bound else None,
                outlet=outlet,
                author=_author(d),
                wire_sources=_wire_sources(d, body, res),
                url=doc.url,
                content_hash=hashlib.sha256((title + "\n" + body).encode("utf-8")).hexdigest(),
            )
        )
    return out


def _published(
    doc: Document, d: Draft, header: list[Line], bound: tuple[int, int, int] | None
) -> tuple[str | None, str]:
    if doc.date:
        return doc.date, "header"
    if d.stamps:
        return _iso(d.stamps[0]), "byline"
    for ln in header:
        if ln.date:
            return _iso(ln.date), "header"
    for ln in d.body[:1]:
        if ln.date:  # a metadata prefix on the first line ("date 2025-12-19 …")
            return _iso(ln.date), "header"
    if d.title:
        m = _TITLE_DATE.search(fold(d.title.text))
        if m:
            day, month = int(m[1]), int(m[2])
            year = int(m[3]) if m[3] else (bound[0] if bound and (month, day) <= bound[1:] else None)
            if 1 <= month <= 12 and 1 <= day <= 31:
                return (f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"), "inferred"
    return None, "unknown"


def _upper_bound(drafts: list[Draft], lines: list[Line]) -> tuple[int, int, int] | None:
    """Sidebar timestamps after the first article's text tell when the page was crawled."""
    if not drafts or not drafts[0].body:
        return None
    start = drafts[0].body[0].no
    dates = [ln.date for ln in lines if ln.cls == "timestamp" and ln.date and ln.no > start]
    return max(dates) if dates else None


def _iso(ymd: tuple[int, int, int]) -> str:
    return f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"


def _outlet(doc: Document, lines: list[Line], res: PageResources) -> str | None:
    if doc.url:
        host = urlparse(doc.url).netloc.lower().removeprefix("www.")
        if host:
            return res.outlet_for(host) or host
    for ln in lines[:80]:
        if ln.cls != "inline":
            continue
        m = _FOLLOW.match(fold(ln.text))
        if m:
            found = res.outlet_for(m.group(1))
            if found:
                return found
    return None


def _author(d: Draft) -> str | None:
    if not d.bylines:
        return None
    return _BYLINE_TAIL.sub("", d.bylines[0]).strip() or None


def _wire_sources(d: Draft, body: str, res: PageResources) -> tuple[str, ...]:
    found: list[str] = []
    for credit in d.credits:
        for part in re.split(r"[/,;]| và ", credit):
            name = res.agencies.get(part.strip(), part.strip())
            if name and name not in found:
                found.append(name)
    if res.agency_re is not None:
        for m in res.agency_re.finditer(body):
            name = res.agencies.get(m.group(0)) or res.agencies.get(m.group(0).lower(), m.group(0))
            if name not in found:
                found.append(name)
    return tuple(found)
