"""Quotes: direct and reported speech with their speakers."""

from sukien.quotes.finder import QuoteSpan, find_quotes
from sukien.text.marks import repair_marks

__all__ = ["QuoteSpan", "find_quotes", "repair_marks"]
