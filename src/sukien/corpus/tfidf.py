"""TF-IDF vectors of articles for story clustering: a microsecond-scale first pass.

Terms are hashed syllable unigrams and bigrams of the headline (weighted) and the lead,
plus the article's linked actors and event signatures (``RUS>CHN:04``) as terms of their own,
so two reports sharing actors and a coded event score higher than two sharing only words.
Weights are sublinear term frequency × smoothed IDF from the corpus's real document
frequencies (``DocFreq``, stored and extended as articles arrive). Each vector keeps its
``max_terms`` heaviest terms and is L2-normalised, so cosine similarity is a dot product
and the average similarity of an article to a story is its dot product with the story's
vector sum divided by the story's size (the stored centroid).

Vectors are ``(terms, weights)`` pairs: ``uint64`` term hashes and ``float32`` weights.
``to_matrix`` turns a list of them into a CSR matrix over a compact column space.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

Vec = tuple[np.ndarray, np.ndarray]  # (uint64 term hashes, sorted; float32 weights)


@dataclass(frozen=True)
class TfidfParams:
    # tuned on half A of vn-mds-baomoi-2013 (benchmarks/bench_clusters.py prints the sweep)
    title_weight: float = 1.0  # a headline syllable counts this many times
    lead_chars: int = 2000  # characters of the body read after the headline
    actor_weight: float = 2.0  # term count of each linked actor
    event_weight: float = 1.0  # term count of each event signature
    max_terms: int = 200  # heaviest terms kept per vector


@dataclass(frozen=True)
class DocFreq:
    """Document frequencies: sorted term hashes, their counts, and the number of documents."""

    terms: np.ndarray  # uint64, sorted, unique
    counts: np.ndarray  # int64
    n_docs: int

    @classmethod
    def empty(cls) -> DocFreq:
        return cls(np.zeros(0, np.uint64), np.zeros(0, np.int64), 0)

    def add(self, docs: Sequence[np.ndarray], sign: int = 1) -> DocFreq:
        """Frequencies with the term sets ``docs`` added (``sign=-1``: removed)."""
        if not docs:
            return self
        fresh, n = np.unique(np.concatenate(docs), return_counts=True)
        terms = np.union1d(self.terms, fresh)
        counts = np.zeros(len(terms), dtype=np.int64)
        counts[np.searchsorted(terms, self.terms)] += self.counts
        counts[np.searchsorted(terms, fresh)] += sign * n
        keep = counts > 0
        return DocFreq(terms[keep], counts[keep], max(self.n_docs + sign * len(docs), 0))

    def lookup(self, terms: np.ndarray) -> np.ndarray:
        if len(self.terms) == 0:
            return np.zeros(len(terms), dtype=np.int64)
        pos = np.searchsorted(self.terms, terms).clip(0, len(self.terms) - 1)
        return np.where(self.terms[pos] == terms, self.counts[pos], 0)

    def idf(self, terms: np.ndarray) -> np.ndarray:
        """Smoothed IDF, ``ln((1 + N) / (1 + df)) + 1``."""
        return (np.log((1.0 + self.n_docs) / (1.0 + self.lookup(terms))) + 1.0).astype(np.float32)


def tfidf(counts: Vec, df: DocFreq, max_terms: int) -> Vec:
    """The L2-normalised TF-IDF vector of one article's term counts (heaviest terms kept)."""
    return tfidf_many([counts], df, max_terms)[0]


def tfidf_many(counts: Sequence[Vec], df: DocFreq, max_terms: int, chunk: int = 5000) -> list[Vec]:
    """``tfidf`` of many articles at once (array passes over ``chunk`` articles at a time)."""
    if len(counts) > chunk:
        return [v for start in range(0, len(counts), chunk)
                for v in tfidf_many(counts[start : start + chunk], df, max_terms, chunk)]
    n = len(counts)
    lengths = np.fromiter((len(t) for t, _ in counts), dtype=np.int64, count=n)
    if lengths.sum() == 0:
        return [(np.zeros(0, np.uint64), np.zeros(0, np.float32)) for _ in range(n)]
    owner = np.repeat(np.arange(n), lengths)
    terms = np.concatenate([t for t, _ in counts])
    tf = np.concatenate([c for _, c in counts])
    w = (1.0 + np.log(np.maximum(tf, 1.0))) * df.idf(terms)
    keep = np.ones(len(w), dtype=bool)
    starts = np.concatenate([[0], np.cumsum(lengths)])
    for k in np.flatnonzero(lengths > max_terms).tolist():
        a, b = starts[k], starts[k + 1]
        keep[a + np.argpartition(-w[a:b], max_terms)[max_terms:]] = False
    owner, terms, w = owner[keep], terms[keep], w[keep]
    norm = np.sqrt(np.bincount(owner, weights=w.astype(np.float64) ** 2, minlength=n))
    w = (w / np.where(norm > 0, norm, 1.0)[owner]).astype(np.float32)
    bounds = np.searchsorted(owner, np.arange(n + 1))
    return [(terms[bounds[k] : bounds[k + 1]], w[bounds[k] : bounds[k + 1]]) for k in range(n)]


def to_matrix(vecs: Sequence[Vec], columns: np.ndarray | None = None) -> tuple[sparse.csr_matrix, np.ndarray]:
    """CSR matrix of ``vecs`` (one row each) and its column terms (sorted ``uint64``).

    With ``columns`` given, terms not in it are dropped (their weight is lost).
    """
    lengths = np.fromiter((len(t) for t, _ in vecs), dtype=np.int64, count=len(vecs))
    terms = np.concatenate([t for t, _ in vecs]) if vecs else np.zeros(0, np.uint64)
    data = np.concatenate([w for _, w in vecs]).astype(np.float32) if vecs else np.zeros(0, np.float32)
    if columns is None:
        columns, idx = np.unique(terms, return_inverse=True)
    else:
        idx = np.searchsorted(columns, terms).clip(0, max(len(columns) - 1, 0))
        found = columns[idx] == terms if len(columns) else np.zeros(len(terms), bool)
        data = np.where(found, data, 0.0).astype(np.float32)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    mat = sparse.csr_matrix((data, idx.astype(np.int64), indptr), shape=(len(vecs), max(len(columns), 1)))
    mat.eliminate_zeros()
    return mat, columns


def add_vecs(vecs: Sequence[Vec]) -> Vec:
    """The sum of sparse vectors (a story's centroid sum)."""
    if not vecs:
        return np.zeros(0, np.uint64), np.zeros(0, np.float32)
    terms, inv = np.unique(np.concatenate([t for t, _ in vecs]), return_inverse=True)
    w = np.bincount(inv, weights=np.concatenate([w for _, w in vecs])).astype(np.float32)
    return terms, w
