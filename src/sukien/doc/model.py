"""The document model: one ``Doc`` per article, computed once, read by every later stage.

Layers (all spans are offsets into ``Article.body``):
- ``sentences`` — evidence units (``text.sentences.split_sentences``);
- ``clauses`` — each sentence cut at the clause markers of ``data/clause_markers.tsv``, at
  ``;`` and ``:``, and at the comma that closes a fronted subordinate clause;
- ``quotes`` — quotation areas with their speakers (direct quotes and reported speech);
- ``mentions`` — actor mentions of the body, sorted by start;
- ``dates`` — every date expression of the body, found once per paragraph;
- ``folded`` / ``lower`` — accent-free and lower-case copies of the body, same length.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from sukien.dates import DateExpr, PartialDate
from sukien.records import Article, Mention
from sukien.text.sentences import Span


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence: ``body[start:end]``; ``marker`` is the word that opens it."""

    start: int
    end: int
    sentence: int  # index into Doc.sentences
    kind: str  # main | condition | time | cause | concession | purpose | complement | relative | contrast | coord
    marker: str | None = None  # the opening marker as written in clause_markers.tsv ("nếu", ":")
    fronted: bool = False  # a subordinate clause that opens its sentence, before the main clause


@dataclass(frozen=True)
class QuoteArea:
    """A quotation (``direct``) or reported-speech clause, and who said it."""

    start: int
    end: int
    quote_id: str
    speaker: str | None
    direct: bool
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True)
class DateSpan:
    """A date expression at ``body[start:end]`` (``expr`` keeps its own, paragraph-relative offsets)."""

    start: int
    end: int
    expr: DateExpr


@dataclass(frozen=True)
class Doc:
    article: Article
    folded: str
    lower: str
    sentences: tuple[Span, ...]
    clauses: tuple[Clause, ...]
    quotes: tuple[QuoteArea, ...]
    mentions: tuple[Mention, ...]
    dates: tuple[DateSpan, ...]
    anchor: PartialDate | None  # the date relative expressions are resolved against
    _sentence_starts: tuple[int, ...] = ()
    _clause_starts: tuple[int, ...] = ()
    _mention_starts: tuple[int, ...] = ()
    _date_starts: tuple[int, ...] = ()

    @property
    def body(self) -> str:
        return self.article.body

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (the last one starting at or before it)."""
        return max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)

    def clause_index(self, pos: int) -> int:
        """Index into ``clauses`` of the clause holding ``pos``, or -1 (between clauses)."""
        i = bisect.bisect_right(self._clause_starts, pos) - 1
        return i if i >= 0 and self.clauses[i].start <= pos < self.clauses[i].end else -1

    def clause_at(self, pos: int) -> Clause | None:
        i = self.clause_index(pos)
        return self.clauses[i] if i >= 0 else None

    def clauses_of(self, sentence: int) -> tuple[Clause, ...]:
        s = self.sentences[sentence]
        lo = bisect.bisect_left(self._clause_starts, s.start)
        hi = bisect.bisect_left(self._clause_starts, s.end)
        return self.clauses[lo:hi]

    def mentions_in(self, start: int, end: int) -> tuple[Mention, ...]:
        """Body mentions lying inside ``[start, end)``."""
        lo = bisect.bisect_left(self._mention_starts, start)
        hi = bisect.bisect_left(self._mention_starts, end)
        return tuple(m for m in self.mentions[lo:hi] if m.end <= end)

    def mentions_before(self, pos: int) -> tuple[Mention, ...]:
        """Body mentions starting before ``pos`` (the article's history at that point)."""
        return self.mentions[:bisect.bisect_left(self._mention_starts, pos)]

    def dates_in(self, start: int, end: int) -> tuple[DateSpan, ...]:
        lo = bisect.bisect_left(self._date_starts, start)
        hi = bisect.bisect_left(self._date_starts, end)
        return tuple(d for d in self.dates[lo:hi] if d.end <= end)

    def quote_at(self, pos: int, direct_only: bool = True) -> QuoteArea | None:
        """The quotation holding ``pos`` (the innermost, i.e. the shortest)."""
        found = [q for q in self.quotes if q.start <= pos < q.end and (q.direct or not direct_only)]
        return min(found, key=lambda q: q.end - q.start) if found else None
