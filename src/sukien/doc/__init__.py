"""The per-article document model (sentences, clauses, quotations, mentions, dates as spans)."""

from sukien.doc.build import build_doc
from sukien.doc.model import Clause, DateSpan, Doc, QuoteArea

__all__ = ["Clause", "DateSpan", "Doc", "QuoteArea", "build_doc"]
