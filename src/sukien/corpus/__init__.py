"""Cross-document work: duplicates, story clusters, merged events, timelines, dyads, graph."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sukien.corpus.update import CorpusUpdate


def update_corpus(store: Any, **kwargs: Any) -> CorpusUpdate:
    """See ``sukien.corpus.update.update_corpus`` (imported lazily: it loads the store)."""
    from sukien.corpus.update import update_corpus as _update

    return _update(store, **kwargs)
