"""Page → articles: line classes, story split, metadata, publication date."""

from sukien.page.resources import PageResources
from sukien.page.split import extract_articles

__all__ = ["PageResources", "extract_articles"]
