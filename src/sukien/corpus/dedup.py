"""Exact and near-duplicate articles: content hashes and MinHash LSH over syllable shingles.

Shingles are syllable 3-grams of the folded (accent-free, lower-case) text, so a copy that
lost its diacritics or changed case still matches. Signatures are plain ``uint64`` arrays,
so they can be stored and an incremental run rebuilds the LSH without re-reading old texts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from sukien.corpus.model import DuplicateGroup
from sukien.text.normalize import fold

NUM_PERM = 128
NEAR_THRESHOLD = 0.8
SCHEME = "affine32"  # pinned: stored signatures must stay comparable across versions
_SYLLABLE = re.compile(r"\w+")


def shingles(text: str, k: int = 3) -> set[str]:
    """Syllable ``k``-grams of the folded text.

    >>> sorted(shingles("Hội đàm tại Hà Nội", 3))
    ['dam tai ha', 'hoi dam tai', 'tai ha noi']
    """
    syl = _SYLLABLE.findall(fold(text))
    if len(syl) < k:
        return {" ".join(syl)} if syl else set()
    return {" ".join(syl[i : i + k]) for i in range(len(syl) - k + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signature (``uint64[num_perm]``) of ``text``'s shingles."""
    mh = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in shingles(text)])
    return np.asarray(mh.hashvalues, dtype=np.uint64)


@dataclass(frozen=True)
class DedupItem:
    article_id: str
    content_hash: str
    signature: np.ndarray


def find_duplicates(
    items: Sequence[DedupItem], threshold: float = NEAR_THRESHOLD, num_perm: int = NUM_PERM
) -> list[DuplicateGroup]:
    """Groups (size ≥ 2) of articles with the same content hash or estimated Jaccard ≥ ``threshold``."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_hash: dict[str, int] = {}
    for i, it in enumerate(items):
        if it.content_hash and it.content_hash in by_hash:
            union(by_hash[it.content_hash], i)
        by_hash.setdefault(it.content_hash, i)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    hashes = []
    for i, it in enumerate(items):
        mh = MinHash(num_perm=num_perm, seed=1, hashvalues=it.signature, scheme=SCHEME)
        hashes.append(mh)
        for j in lsh.query(mh):
            if mh.jaccard(hashes[j]) >= threshold:
                union(i, j)
        lsh.insert(i, mh)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        ids = tuple(sorted(items[i].article_id for i in members))
        kind = "exact" if len({items[i].content_hash for i in members}) == 1 else "near"
        gid = "dup_" + hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()[:12]
        out.append(DuplicateGroup(group_id=gid, kind=kind, article_ids=ids))
    return sorted(out, key=lambda g: g.article_ids)
