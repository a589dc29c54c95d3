"""Quotes: direct and reported speech with their speakers."""

from sukien.quotes.finder import QuoteSpan, find_quotes

__all__ = ["QuoteSpan", "find_quotes"]
