"""Building the ``Doc`` of one article from what the earlier stages found."""

from __future__ import annotations

from collections.abc import Iterable

from sukien.dates import PartialDate, find_dates
from sukien.doc.clauses import Spans, split_clauses
from sukien.doc.model import DateSpan, Doc, QuoteArea
from sukien.records import Article, Mention, Quote
from sukien.text.normalize import fold, lower_keep_length
from sukien.text.sentences import split_sentences


def build_doc(article: Article, mentions: Iterable[Mention], quotes: Iterable[Quote],
              anchor: PartialDate | None) -> Doc:
    """The document model of ``article``: every layer computed once.

    >>> from sukien.records import Article
    >>> art = Article("a#1", "a", "", None, "Nga tấn công. Nếu Mỹ đáp trả, ngày 3/5 sẽ căng thẳng.", ())
    >>> doc = build_doc(art, (), (), None)
    >>> [s.text for s in doc.sentences], [c.kind for c in doc.clauses], [d.expr.text for d in doc.dates]
    (['Nga tấn công.', 'Nếu Mỹ đáp trả, ngày 3/5 sẽ căng thẳng.'], ['main', 'condition', 'main'], ['ngày 3/5'])
    """
    body = article.body
    sentences = tuple(split_sentences(body))
    areas = tuple(sorted(
        (QuoteArea(q.char_start, q.char_end, q.quote_id, q.speaker, q.direct) for q in quotes),
        key=lambda q: (q.start, -q.end)))
    direct = tuple((q.start, q.end) for q in areas if q.direct)
    lower = lower_keep_length(body)
    body_mentions = tuple(sorted((m for m in mentions if m.field == "body"), key=lambda m: (m.start, -m.end)))
    dates = _dates(body)
    spans = Spans(tuple((m.start, m.end) for m in body_mentions), tuple((d.start, d.end) for d in dates))
    clauses = split_clauses(body, lower, sentences, direct, spans)
    return Doc(
        article=article, folded=fold(body), lower=lower, sentences=sentences, clauses=clauses,
        quotes=areas, mentions=body_mentions, dates=dates, anchor=anchor,
        _sentence_starts=tuple(s.start for s in sentences),
        _clause_starts=tuple(c.start for c in clauses),
        _mention_starts=tuple(m.start for m in body_mentions),
        _date_starts=tuple(d.start for d in dates),
    )


def _dates(body: str) -> tuple[DateSpan, ...]:
    """Every date expression of the body, found paragraph by paragraph (offsets into the body)."""
    out: list[DateSpan] = []
    pos = 0
    for para in body.split("\n"):
        if para.strip():
            out += [DateSpan(pos + e.start, pos + e.end, e) for e in find_dates(para)]
        pos += len(para) + 1
    return tuple(out)
