"""Exact and near-duplicate articles: MinHash over syllable shingles, LSH bands as an index.

Shingles are syllable 3-grams of the folded (accent-free, lower-case) text, so a copy that
lost its diacritics or changed case still matches. Signatures and band keys are plain
arrays: the store keeps them, and an incremental run looks up only the new articles' band
keys among the stored ones (an index extended, never rebuilt). A candidate pair is a pair
sharing a band; it is a duplicate when its estimated Jaccard similarity reaches the threshold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from sukien.corpus.features import SHINGLE, Hasher, band_keys_many, jaccard, minhash, ngrams
from sukien.corpus.model import DuplicateGroup

NEAR_THRESHOLD = 0.8


def shingles(syllable_hashes: np.ndarray) -> np.ndarray:
    """Syllable 3-grams (the whole text as one shingle when it is shorter)."""
    h = syllable_hashes
    return ngrams(h, SHINGLE) if len(h) >= SHINGLE else ngrams(h, max(len(h), 1))


def text_signature(hasher: Hasher, text: str) -> np.ndarray:
    """MinHash signature (``uint32[128]``) of the syllable 3-grams of ``text``."""
    return minhash(shingles(hasher.tokens(text)[0]))


def signature(text: str) -> np.ndarray:
    """``text_signature`` with a fresh hasher (convenient for one-off texts)."""
    return text_signature(Hasher(), text)


@dataclass(frozen=True)
class DedupItem:
    article_id: str
    content_hash: str
    signature: np.ndarray


def batch_pairs(items: Sequence[DedupItem], threshold: float = NEAR_THRESHOLD,
                keys: np.ndarray | None = None) -> list[tuple[str, str]]:
    """Duplicate pairs among ``items`` (same content hash, or near: LSH candidates verified).
    ``keys`` may pass their band keys (``band_keys_many`` of their signatures)."""
    if keys is None:
        keys = band_keys_many(np.stack([it.signature for it in items])) if items else np.zeros((0, 1))
    buckets: dict[tuple[int, int], list[int]] = {}
    for n, row in enumerate(keys.tolist()):
        for band, key in enumerate(row):
            buckets.setdefault((band, key), []).append(n)
    seen: set[tuple[int, int]] = set()
    out = []
    for members in buckets.values():
        for x in range(len(members)):
            for y in members[x + 1 :]:
                a, b = members[x], y
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                same = items[a].content_hash == items[b].content_hash
                if same or jaccard(items[a].signature, items[b].signature) >= threshold:
                    out.append((items[a].article_id, items[b].article_id))
    by_hash: dict[str, str] = {}
    for it in items:  # same text, whatever the signature says (e.g. two empty bodies)
        first = by_hash.setdefault(it.content_hash, it.article_id)
        if first != it.article_id:
            out.append((first, it.article_id))
    return out


def components(edges: Iterable[tuple[str, str]], groups: Iterable[Sequence[str]] = ()) -> list[list[str]]:
    """Connected components (size ≥ 2) of ``edges`` together with existing ``groups``."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for g in groups:
        for x in g[1:]:
            union(g[0], x)
    for a, b in edges:
        union(a, b)
    out: dict[str, list[str]] = {}
    for x in list(parent):
        out.setdefault(find(x), []).append(x)
    return sorted(sorted(m) for m in out.values() if len(m) > 1)


def make_group(article_ids: Sequence[str], hashes: Mapping[str, str]) -> DuplicateGroup:
    ids = tuple(sorted(article_ids))
    kind = "exact" if len({hashes.get(a, a) for a in ids}) == 1 else "near"
    gid = "dup_" + hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()[:12]
    return DuplicateGroup(group_id=gid, kind=kind, article_ids=ids)


def find_duplicates(items: Sequence[DedupItem], threshold: float = NEAR_THRESHOLD) -> list[DuplicateGroup]:
    """Groups (size ≥ 2) of articles with the same content hash or estimated Jaccard ≥ ``threshold``."""
    hashes = {it.article_id: it.content_hash for it in items}
    return [make_group(g, hashes) for g in components(batch_pairs(items, threshold))]
