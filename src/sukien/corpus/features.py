"""Per-article features of the corpus stage, computed once from the text: stable 64-bit
hashes of syllable n-grams (for TF-IDF terms and near-duplicate shingles), MinHash
signatures and their LSH band keys.

Syllables are the ``\\w+`` runs of the folded text (lower-case, accent-free, ``đ`` → ``d``),
so a copy that lost its diacritics or changed case has the same features. A syllable's hash
is a polynomial hash of its folded code points computed in numpy (``Hasher.tokens``); n-gram
hashes combine syllable hashes with a 64-bit mixer, so no syllable or n-gram string is ever
built. Hashes are stable across processes and versions (never Python's salted ``hash()``):
they are stored.

Near-duplicate signatures use one-permutation MinHash (Li, Owen & Zhang 2012): each shingle
is hashed once, its top 7 bits pick one of 128 bins and each bin keeps its smallest value;
empty bins borrow from the next non-empty one (rotation densification, Shrivastava & Li
2014). The share of equal bins estimates the Jaccard similarity, as with 128 permutations,
at 1/128 of the cost.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import cache

import numpy as np

from sukien.text.normalize import fold

_SYLLABLE = re.compile(r"\w+")
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLD = np.uint64(0x9E3779B97F4A7C15)
NUM_PERM = 128  # MinHash bins (one-permutation hashing)
BANDS, ROWS = 16, 8  # LSH: 16 bands of 8 rows (a pair at Jaccard 0.8 shares a band with p ≈ 0.95)
SHINGLE = 3  # syllables per near-duplicate shingle
SCHEME = "syl3-poly64-oph128-v2"  # stored signatures are only comparable within one scheme
_rng = np.random.default_rng(20260301)  # fixed: the constants are part of the scheme
_OPH_SEED = np.uint64(0x5EED0F5D2A7C1E35)
_BAND_MIX = _rng.integers(1, 2**63, ROWS, dtype=np.uint64) | np.uint64(1)


def syllables(text: str) -> list[str]:
    """Folded syllables of ``text``.

    >>> syllables("Hội đàm tại Đà Nẵng, 4/3")
    ['hoi', 'dam', 'tai', 'da', 'nang', '4', '3']
    """
    return _SYLLABLE.findall(fold(text))


def mix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A 64-bit hash of the pair (a, b), elementwise (splitmix64 finaliser over a + b·φ)."""
    with np.errstate(over="ignore"):
        x = a ^ (b * _GOLD + (a << np.uint64(6)) + (a >> np.uint64(2)))
        x = (x ^ (x >> np.uint64(30))) * _M1
        x = (x ^ (x >> np.uint64(27))) * _M2
        return x ^ (x >> np.uint64(31))


@cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Folded code point and "is a word character" for every BMP code point (built once per
    process, read-only: the same for every ``Hasher``)."""
    codes = np.arange(0x10000, dtype=np.uint32)
    chars = "".join(chr(c) if not 0xD800 <= c < 0xE000 else "\x00" for c in range(0x10000))
    folded = np.frombuffer(fold(chars).encode("utf-32-le"), dtype=np.uint32).copy()
    surrogate = (codes >= 0xD800) & (codes < 0xE000)
    folded[surrogate] = codes[surrogate]
    word = np.array([ch.isalnum() or ch == "_" for ch in chars], dtype=bool)
    word[surrogate] = False
    folded.flags.writeable = False
    word.flags.writeable = False
    return folded, word


class Hasher:
    """Stable 64-bit hashes of the syllables of a text, computed in numpy, and of strings.

    ``tokens`` finds the syllables (``\\w+`` runs of the folded text) with lookup tables over
    the code points and hashes each as a polynomial over its folded code points, so no
    syllable string is built: the same syllables as ``syllables(text)``, at C speed.
    Tables are built once per ``Hasher`` (a resource: build one and pass it along).
    """

    _P = np.uint64(0x100000001B3)  # odd multiplier of the polynomial hash (mod 2**64)

    def __init__(self) -> None:
        self._fold, self._word = _tables()
        self._pow = np.ones(1, dtype=np.uint64)
        self._inv = np.ones(1, dtype=np.uint64)
        self._cache: dict[str, int] = {}

    def _powers(self, n: int) -> None:
        if len(self._pow) > n:
            return
        size = max(n + 1, 2 * len(self._pow))
        inv_p = np.uint64(pow(int(self._P), -1, 2**64))
        with np.errstate(over="ignore"):
            self._pow = np.cumprod(np.r_[np.uint64(1), np.full(size - 1, self._P, dtype=np.uint64)], dtype=np.uint64)
            self._inv = np.cumprod(np.r_[np.uint64(1), np.full(size - 1, inv_p, dtype=np.uint64)], dtype=np.uint64)

    def tokens(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(syllable hashes, end offset of each syllable in ``text``)."""
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        n = len(cps)
        if n == 0:
            return np.zeros(0, np.uint64), np.zeros(0, np.int64)
        if int(cps.max()) < 0x10000:
            folded = self._fold[cps]
            word = self._word[folded]
        else:  # characters beyond the BMP are kept as they are and count as word characters
            bmp = cps < 0x10000
            folded = np.where(bmp, self._fold[cps & 0xFFFF], cps)
            word = np.where(bmp, self._word[folded & 0xFFFF], True)
        edge = np.zeros(n + 1, dtype=np.int8)
        edge[1:] = word
        edge[:-1] -= word
        starts, ends = np.flatnonzero(edge == -1), np.flatnonzero(edge == 1)
        self._powers(n)
        pre = np.zeros(n + 1, dtype=np.uint64)
        with np.errstate(over="ignore"):
            np.cumsum((folded + np.uint64(1)) * self._pow[:n], dtype=np.uint64, out=pre[1:])
            raw = (pre[ends] - pre[starts]) * self._inv[starts]
        return mix(raw, (ends - starts).astype(np.uint64)), ends

    def word(self, s: str) -> int:
        """Hash of a whole string (an actor id, an event signature), cached."""
        h = self._cache.get(s)
        if h is None:
            h = int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
            if len(self._cache) < 1_000_000:
                self._cache[s] = h
        return h

    def words(self, syl: Sequence[str]) -> np.ndarray:
        return np.fromiter((self.word(x) for x in syl), dtype=np.uint64, count=len(syl))


def ngrams(h: np.ndarray, n: int) -> np.ndarray:
    """Hashes of the ``n``-grams of a syllable-hash sequence (empty when it is shorter)."""
    if len(h) < n:
        return np.zeros(0, dtype=np.uint64)
    out = h[: len(h) - n + 1].copy()
    for k in range(1, n):
        out = mix(out, h[k : len(h) - n + 1 + k])
    return out


def signatures(owner: np.ndarray, shingle_hashes: np.ndarray, n: int) -> np.ndarray:
    """One-permutation MinHash signatures (``uint32[n, NUM_PERM]``) of ``n`` shingle sets,
    given as parallel arrays (``owner[i]`` is the set shingle ``i`` belongs to).

    A set without shingles gets the all-ones signature (it matches only other empty ones).
    """
    out = np.full((n, NUM_PERM), 0xFFFFFFFF, dtype=np.uint32)
    if len(shingle_hashes) == 0:
        return out
    h = mix(shingle_hashes, np.full(len(shingle_hashes), _OPH_SEED, dtype=np.uint64))
    cell = owner.astype(np.uint64) * np.uint64(NUM_PERM) + (h >> np.uint64(57))
    key = np.sort((cell << np.uint64(32)) | (h & np.uint64(0xFFFFFFFF)))
    first = np.r_[True, (key[1:] >> np.uint64(32)) != (key[:-1] >> np.uint64(32))]
    cells = (key[first] >> np.uint64(32)).astype(np.int64)
    flat = out.reshape(-1)
    flat[cells] = (key[first] & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    filled = np.zeros(n * NUM_PERM, dtype=bool)
    filled[cells] = True
    _densify(out, filled.reshape(n, NUM_PERM))
    return out


def _densify(sig: np.ndarray, filled: np.ndarray) -> None:
    """Each empty bin takes the value of the nearest filled bin to its right (circularly),
    shifted by the distance."""
    orig, have = sig.copy(), filled.copy()
    todo = ~filled & filled.any(axis=1)[:, None]
    for step in range(1, NUM_PERM):
        if not todo.any():
            return
        take = todo & np.roll(have, -step, axis=1)
        with np.errstate(over="ignore"):
            shifted = np.roll(orig, -step, axis=1) + np.uint32(step * 0x9E3779B1 & 0xFFFFFFFF)
        sig[take] = shifted[take]
        todo &= ~take


def minhash(shingle_hashes: np.ndarray) -> np.ndarray:
    """The signature (``uint32[NUM_PERM]``) of one set of 64-bit shingle hashes."""
    return signatures(np.zeros(len(shingle_hashes), np.int64), shingle_hashes, 1)[0]


def band_keys(sig: np.ndarray) -> np.ndarray:
    """LSH keys (``uint64[BANDS]``) of a signature: one hash per band of ``ROWS`` values."""
    return band_keys_many(sig[None, :])[0]


def band_keys_many(sigs: np.ndarray) -> np.ndarray:
    """``band_keys`` of each row of ``sigs`` (``uint32[n, NUM_PERM]`` → ``uint64[n, BANDS]``)."""
    rows = sigs.astype(np.uint64).reshape(len(sigs), BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = (rows * _BAND_MIX[None, None, :]).sum(axis=2, dtype=np.uint64)
    band = np.broadcast_to(np.arange(BANDS, dtype=np.uint64), keys.shape)
    return mix(keys.reshape(-1), band.reshape(-1)).reshape(len(sigs), BANDS)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def lead(body: str, chars: int) -> str:
    """The first ``chars`` characters of ``body``, cut at a word boundary.

    >>> lead("Hai bên nhất trí tăng cường hợp tác.", 12)
    'Hai bên nhất'
    """
    if len(body) <= chars:
        return body
    cut = body.rfind(" ", 0, chars + 1)
    return body[: cut if cut > 0 else chars]
