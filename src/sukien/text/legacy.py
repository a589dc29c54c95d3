"""Vietnamese legacy 8-bit encodings (TCVN3/ABC and VNI-Windows) and a Vietnamese-ness score.

* **TCVN3** (TCVN 5712:1993 "VN3", the ``.VnTime`` fonts): every precomposed lowercase
  Vietnamese letter is one byte in 0xA1–0xFE; capitals with a tone have no code of their own
  (the uppercase ``.VnTimeH`` font reuses the lowercase codes), so they decode to lowercase.
* **VNI-Windows** (the ``VNI-Times`` fonts): an ASCII base letter followed by one byte whose
  Windows-1252 rendering stands for the tone and/or shape (``a`` + ``ù`` = ``á``); ``ơ ư đ``,
  the toned ``i`` and ``ỵ`` are single bytes.

The tables live in ``sukien/data/tcvn3.tsv`` and ``sukien/data/vni.tsv``. Bytes outside the
tables are ASCII or Windows-1252. The encoders exist so tests can make legacy bytes.

The scores tell how plausible a decoded text is as Vietnamese: the share of words that are
well-formed Vietnamese syllables (onset + nucleus + coda, one tone, tone allowed by the coda)
and the share of very frequent syllables (``sukien/data/vi_common_syllables.txt``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from sukien.data_files import read_lines, read_tsv

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền sắc ngã hỏi nặng
_TONES_BARRED_AFTER_STOP = frozenset("\u0300\u0303\u0309")
_ONSET = r"ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]"
# Nuclei (toneless): open ones take no final consonant, closed ones need one.
_OPEN_NUCLEI = (
    "iêu",
    "yêu",
    "oai",
    "oao",
    "oay",
    "oeo",
    "uây",
    "uôi",
    "ươi",
    "ươu",
    "uya",
    "uyu",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "eo",
    "êu",
    "ia",
    "iu",
    "oi",
    "ôi",
    "ơi",
    "ua",
    "ui",
    "ưa",
    "ưi",
    "ưu",
    "uơ",
)
_CLOSED_NUCLEI = ("uyê", "iê", "yê", "uô", "ươ", "oă", "uâ", "oo", "ă", "â")
_FREE_NUCLEI = ("oa", "oe", "uê", "uy", "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
_CODA = r"ch|ng|nh|[cmnpt]"
_NUCLEUS = "|".join(sorted(_OPEN_NUCLEI + _CLOSED_NUCLEI + _FREE_NUCLEI, key=len, reverse=True))
_SYLLABLE_RE = re.compile(rf"^({_ONSET})?({_NUCLEUS})({_CODA})?$")
_OPEN_SET = frozenset(_OPEN_NUCLEI)
_CLOSED_SET = frozenset(_CLOSED_NUCLEI)
_PALATAL_CODA_NUCLEI = frozenset(("a", "ê", "i", "y", "oa", "uê", "uy"))
_FRONT = ("i", "e", "ê", "y")
_WORD_RE = re.compile(r"[^\W\d_]+")
_HARMLESS = frozenset("“”‘’–—…•°€£¥©®«»·×§")


def _cp1252_char(byte: int) -> str:
    """Windows-1252 rendering of one byte (Latin-1 for the five bytes cp1252 leaves undefined)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def _parse_hex(cell: str) -> bytes:
    return bytes(int(part, 16) for part in cell.split())


@lru_cache(maxsize=1)
def _tcvn3_table() -> Mapping[int, str]:
    """Byte → character for the TCVN3 codes (from ``tcvn3.tsv``)."""
    table: dict[int, str] = {}
    for row in read_tsv("tcvn3.tsv"):
        (byte,) = _parse_hex(row["bytes"])
        table[byte] = row["char"]
    return MappingProxyType(table)


@lru_cache(maxsize=1)
def _tcvn3_translate() -> Mapping[int, str]:
    """``str.translate`` table from Latin-1 code points to TCVN3 (else cp1252) characters."""
    codes = _tcvn3_table()
    return MappingProxyType({b: codes.get(b, _cp1252_char(b)) for b in range(0x80, 0x100)})


@lru_cache(maxsize=1)
def _cp1252_translate() -> Mapping[int, str]:
    return MappingProxyType({b: _cp1252_char(b) for b in range(0x80, 0xA0)})


@lru_cache(maxsize=1)
def _vni_table() -> Mapping[str, str]:
    """cp1252 rendering of a VNI sequence → character (from ``vni.tsv``), plus mixed-case pairs.

    In a two-character sequence the letter case follows the base letter (``Aù`` → ``Á``).
    """
    table: dict[str, str] = {}
    for row in read_tsv("vni.tsv"):
        table["".join(_cp1252_char(b) for b in _parse_hex(row["bytes"]))] = row["char"]
    for seq, char in list(table.items()):
        if len(seq) == 2:
            table.setdefault(seq[0] + seq[1].swapcase(), char)
    return MappingProxyType(table)


@lru_cache(maxsize=1)
def _vni_pattern() -> re.Pattern[str]:
    keys = sorted(_vni_table(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


def tcvn3_to_unicode(data: bytes) -> str:
    """Decode TCVN3 (ABC, ``.VnTime``) bytes; toned capitals come out lowercase.

    >>> tcvn3_to_unicode(b"Ch\\xb5o m\\xf5ng n\\xa8m m\\xedi")
    'Chào mừng năm mới'
    >>> tcvn3_to_unicode(b"\\xa7\\xb5 N\\xbdng")
    'Đà Nẵng'
    """
    return data.decode("latin-1").translate(_tcvn3_translate())


def vni_to_unicode(data: bytes) -> str:
    """Decode VNI-Windows bytes (base letter + tone/shape byte) to NFC Unicode.

    >>> vni_to_unicode("Vieät Nam ñeïp".encode("cp1252"))
    'Việt Nam đẹp'
    >>> vni_to_unicode("Thuû ñoâ Haø Noäi".encode("cp1252"))
    'Thủ đô Hà Nội'
    """
    table = _vni_table()
    rendered = data.decode("latin-1").translate(_cp1252_translate())
    return _vni_pattern().sub(lambda m: table[m.group(0)], rendered)


@lru_cache(maxsize=1)
def _tcvn3_encoder() -> Mapping[str, int]:
    return MappingProxyType({char: byte for byte, char in _tcvn3_table().items()})


@lru_cache(maxsize=1)
def _vni_encoder() -> Mapping[str, bytes]:
    out: dict[str, bytes] = {}
    for row in read_tsv("vni.tsv"):
        out[row["char"]] = _parse_hex(row["bytes"])
    return MappingProxyType(out)


def unicode_to_tcvn3(text: str) -> bytes:
    """Encode Vietnamese text as TCVN3 (for tests); toned capitals use the lowercase codes.

    >>> unicode_to_tcvn3("Mưa rơi")
    b'M\\xada r\\xaci'
    """
    codes = _tcvn3_encoder()
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in codes or ch.lower() in codes:
            out.append(codes.get(ch, codes.get(ch.lower(), 0)))
        else:
            raise ValueError(f"không mã hóa được {ch!r} sang TCVN3")
    return bytes(out)


def unicode_to_vni(text: str) -> bytes:
    """Encode Vietnamese text as VNI-Windows bytes (for tests).

    >>> unicode_to_vni("Đẹp") == "Ñeïp".encode("cp1252")
    True
    """
    codes = _vni_encoder()
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in codes:
            out += codes[ch]
        else:
            raise ValueError(f"không mã hóa được {ch!r} sang VNI")
    return bytes(out)


@lru_cache(maxsize=1)
def common_syllables() -> frozenset[str]:
    """Very frequent Vietnamese syllables (``vi_common_syllables.txt``).

    >>> {"của", "và", "được"} <= common_syllables()
    True
    """
    return frozenset(
        unicodedata.normalize("NFC", w.lower()) for w in read_lines("vi_common_syllables.txt")
    )


@lru_cache(maxsize=1)
def vietnamese_letters() -> frozenset[str]:
    """ASCII letters plus every Vietnamese letter, both cases.

    >>> {"ữ", "Ỵ", "đ", "z"} <= vietnamese_letters()
    True
    """
    letters = {chr(c) for c in range(0x41, 0x5B)} | {chr(c) for c in range(0x61, 0x7B)}
    for row in read_tsv("vni.tsv"):
        letters.add(row["char"])
    return frozenset(letters)


def _case_ok(word: str) -> bool:
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


@lru_cache(maxsize=8192)
def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` is a well-formed Vietnamese syllable (spelling, one tone, tone vs coda).

    >>> [is_vietnamese_syllable(w) for w in ("người", "Khuya", "nghiêng", "hòa", "quốc")]
    [True, True, True, True, True]
    >>> [is_vietnamese_syllable(w) for w in ("caực", "mẽt", "kan", "aÌ", "strong", "ăn")]
    [False, False, False, False, False, True]
    """
    if not word or not _case_ok(word):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    match = _SYLLABLE_RE.match(bare)
    if match is None:
        return False
    onset, nucleus, coda = match.group(1) or "", match.group(2), match.group(3) or ""
    if (nucleus in _OPEN_SET and coda) or (nucleus in _CLOSED_SET and not coda):
        return False
    if coda in ("c", "ch", "p", "t") and tones and tones[0] in _TONES_BARRED_AFTER_STOP:
        return False
    if coda in ("ch", "nh") and nucleus not in _PALATAL_CODA_NUCLEI:
        return False
    front = nucleus.startswith(_FRONT)
    return not ((onset in ("k", "gh", "ngh") and not front) or (onset in ("c", "ng") and front))


def syllable_share(text: str) -> float:
    """Share of the words of ``text`` that are well-formed Vietnamese syllables.

    >>> syllable_share("Hôm nay trời nắng đẹp")
    1.0
    >>> syllable_share("Hôm nay trêi n¾ng ®Ñp") < 0.7
    True
    """
    words = _WORD_RE.findall(text)
    if not words:
        return 0.0
    return sum(map(is_vietnamese_syllable, words)) / len(words)


def common_share(text: str) -> float:
    """Share of the words of ``text`` that are very frequent Vietnamese syllables.

    >>> common_share("Các bạn của tôi")
    0.75
    """
    words = _WORD_RE.findall(text)
    if not words:
        return 0.0
    common = common_syllables()
    return sum(w.lower() in common for w in words) / len(words)


def odd_share(text: str) -> float:
    """Share of non-space characters that are neither ASCII, Vietnamese letters nor usual signs.

    >>> odd_share("Xin chào “bạn”!")
    0.0
    >>> odd_share("Xin chµo") > 0
    True
    """
    letters = vietnamese_letters()
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    odd = sum(1 for c in chars if not (" " < c < "\x7f" or c in letters or c in _HARMLESS))
    return odd / len(chars)


def vietnamese_score(text: str) -> float:
    """How plausible ``text`` is as Vietnamese, from 0 (not at all) to 1.

    Syllable well-formedness weighs most; frequent syllables add evidence; characters that
    are neither Vietnamese letters nor usual signs (the mark of a wrong decoding) cut it down.

    >>> vietnamese_score("Hôm nay các em học sinh được nghỉ học và về quê") > 0.9
    True
    >>> vietnamese_score("H«m nay c¸c em häc sinh ®i ch¬i") < 0.5
    True
    """
    frequent = min(1.0, common_share(text) / 0.2)
    base = 0.75 * syllable_share(text) + 0.25 * frequent
    return max(0.0, base * (1.0 - 2.0 * odd_share(text)))
