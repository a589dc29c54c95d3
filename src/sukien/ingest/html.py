"""HTML pages: main text, title and date through trafilatura and htmldate."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str | None
    date: str | None
    url: str | None


def extract_html(html: str) -> HtmlArticle | None:
    """Extract the article of an HTML page (trafilatura for text and metadata)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
    )
    if doc is None:
        return None
    text = getattr(doc, "text", None) or ""
    date = getattr(doc, "date", None)
    if not date:
        try:
            from htmldate import find_date

            date = find_date(html, extensive_search=False)
        except Exception:  # htmldate raises on odd markup; a missing date is fine
            date = None
    return HtmlArticle(
        text=text,
        title=getattr(doc, "title", None),
        date=date[:10] if date else None,
        url=getattr(doc, "url", None),
    )
