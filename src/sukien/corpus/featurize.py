"""Features of a batch of articles in one vectorized pass: TF-IDF term counts (headline and
lead syllables and bigrams, linked actors, event signatures) and near-duplicate signatures
(syllable 3-grams of the whole text).

The texts of the batch are joined and hashed at once (``Hasher.tokens``); every later step
is an array operation over all the batch's syllables, with the article each belongs to kept
alongside, so the cost per article is a few microseconds of numpy, not hundreds of Python
calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sukien.corpus.features import SHINGLE, Hasher, lead, mix, ngrams, signatures
from sukien.corpus.tfidf import TfidfParams, Vec


@dataclass(frozen=True)
class BatchFeatures:
    counts: list[Vec]  # per article: distinct terms (sorted) and their weighted counts
    sigs: np.ndarray  # uint32[n, 128]: near-duplicate signatures


def tokens_of(hasher: Hasher, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(syllable hashes, text index, end offset within its text) of all ``texts``."""
    if not texts:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    h, ends = hasher.tokens("\x00".join(texts))  # NUL is no word character: it separates texts
    owner = np.searchsorted(starts, ends, side="left") - 1
    return h, owner, ends - starts[owner]


def pairs_within(h: np.ndarray, owner: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of consecutive ``n``-grams that do not cross from one article to the next."""
    if len(h) < n:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    ok = owner[: len(h) - n + 1] == owner[n - 1 :]
    return ngrams(h, n)[ok], owner[: len(h) - n + 1][ok]


def featurize(
    hasher: Hasher, titles: Sequence[str], bodies: Sequence[str], actors: Sequence[Sequence[str]],
    events: Sequence[Sequence[str]], params: TfidfParams,
) -> BatchFeatures:
    """Term counts and signatures of a batch of articles (parallel sequences)."""
    n = len(titles)
    th, ta, _ = tokens_of(hasher, titles)
    bh, ba, bend = tokens_of(hasher, bodies)
    cut = np.fromiter((len(lead(b, params.lead_chars)) for b in bodies), dtype=np.int64, count=n)
    in_lead = bend <= cut[ba] if n else np.zeros(0, bool)
    lh, la = bh[in_lead], ba[in_lead]
    parts = [(ta, th, params.title_weight), (*_swap(pairs_within(th, ta, 2)), params.title_weight),
             (la, lh, 1.0), (*_swap(pairs_within(lh, la, 2)), 1.0)]
    extra = [(k, "@actor:" + a, params.actor_weight) for k, xs in enumerate(actors) for a in xs
             if params.actor_weight] + \
        [(k, "@event:" + e, params.event_weight) for k, xs in enumerate(events) for e in xs if params.event_weight]
    if extra:
        parts.append((np.array([k for k, _, _ in extra], dtype=np.int64), hasher.words([s for _, s, _ in extra]),
                      np.array([w for _, _, w in extra], dtype=np.float32)))
    counts = _count(n, parts)
    return BatchFeatures(counts, _signatures(th, ta, bh, ba, n))


def _swap(pair: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    return pair[1], pair[0]


def _count(n: int, parts: list[tuple[np.ndarray, np.ndarray, float | np.ndarray]]) -> list[Vec]:
    """Distinct (article, term) pairs with their summed weights, split per article."""
    owner = np.concatenate([p[0] for p in parts]).astype(np.int64)
    terms = np.concatenate([p[1] for p in parts]).astype(np.uint64)
    weights = np.concatenate([np.broadcast_to(np.asarray(p[2], np.float32), len(p[1])) for p in parts])
    if len(terms) == 0:
        return [(np.zeros(0, np.uint64), np.zeros(0, np.float32)) for _ in range(n)]
    order = np.lexsort((terms, owner))
    owner, terms, weights = owner[order], terms[order], weights[order]
    first = np.flatnonzero(np.r_[True, (owner[1:] != owner[:-1]) | (terms[1:] != terms[:-1])])
    sums = np.add.reduceat(weights, first).astype(np.float32)
    owner, terms = owner[first], terms[first]
    bounds = np.searchsorted(owner, np.arange(n + 1))
    return [(terms[bounds[k] : bounds[k + 1]], sums[bounds[k] : bounds[k + 1]]) for k in range(n)]


def _signatures(th: np.ndarray, ta: np.ndarray, bh: np.ndarray, ba: np.ndarray, n: int) -> np.ndarray:
    """Signatures over each article's headline + body syllables (3-grams; a text shorter than
    three syllables is one shingle)."""
    order = np.argsort(np.concatenate([ta, ba]), kind="stable")  # headline first, then body
    h, owner = np.concatenate([th, bh])[order], np.concatenate([ta, ba])[order]
    sh, so = pairs_within(h, owner, SHINGLE)
    sizes = np.bincount(owner, minlength=n)
    short = np.flatnonzero((sizes > 0) & (sizes < SHINGLE))
    if len(short):
        starts = np.searchsorted(owner, short)
        extra = [ngrams(h[s : s + sizes[k]], int(sizes[k])) for k, s in zip(short, starts, strict=True)]
        sh = np.concatenate([sh, *extra])
        so = np.concatenate([so, short])
    return signatures(so, sh, n)


def one(hasher: Hasher, title: str, body: str, actors: Sequence[str] = (), events: Sequence[str] = (),
        params: TfidfParams | None = None) -> tuple[Vec, np.ndarray]:
    """Term counts and signature of one article."""
    f = featurize(hasher, [title], [body], [actors], [events], params or TfidfParams())
    return f.counts[0], f.sigs[0]


__all__ = ["BatchFeatures", "featurize", "mix", "one", "tokens_of"]
