"""Raw input bytes → normalised text, detecting Unicode forms and Vietnamese legacy encodings.

Order of detection:

1. refusals first: no bytes / only whitespace (``empty``); a known binary signature such as
   PDF, PNG, JPEG, GIF, ZIP (docx) or ELF (``binary``);
2. a byte-order mark: UTF-8 (``utf-8-sig``), UTF-16 LE/BE (``utf-16-le`` / ``utf-16-be``);
3. UTF-16 without a BOM, recognised by NUL bytes piling up at odd (LE) or even (BE) offsets;
4. otherwise NUL bytes or many control bytes mean ``binary``;
5. strict UTF-8 (``utf-8``), a multi-byte character cut at the very end being dropped;
6. UTF-8 with a few bad bytes (< 0.1 % of the characters) decoded with U+FFFD
   (``utf-8-replaced``);
7. the legacy candidates TCVN3 (``tcvn3``), VNI (``vni``) and Windows-1258 (``cp1258``):
   the most Vietnamese-looking wins (:func:`sukien.text.legacy.vietnamese_score`, on the
   first 32 KB with HTML/XML markup left out), and none looking Vietnamese enough is
   ``undecodable``.

Every text returned went through :func:`sukien.text.normalize.normalize_text` (NFC, one tone
placement, ``\\n`` line ends).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass

from sukien.text.legacy import tcvn3_to_unicode, vietnamese_score, vni_to_unicode
from sukien.text.normalize import normalize_text

MIN_LEGACY_SCORE = 0.5  # below this no legacy decoding is accepted as Vietnamese
MAX_REPLACED_SHARE = 0.001  # share of U+FFFD tolerated in "utf-8-replaced"
MAX_CONTROL_SHARE = 0.05  # share of control bytes above which a file is binary
SCORE_SAMPLE_BYTES = 32768  # legacy candidates are scored on this much of the head
_UTF16_NUL_SHARE = 0.3  # NULs at the high-byte offsets of UTF-16 text
_UTF16_OTHER_NUL_SHARE = 0.05  # ... and few at the other offsets
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x7fELF", "ELF"),
)
_MARKUP_RE = re.compile(  # left out when scoring: HTML/XML carries ASCII words, not Vietnamese
    r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|&#?\w+;", re.S | re.I
)
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r\x0b\x0c\x1a\x1b") + b"\x7f"


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and the name of the encoding it was found in."""

    text: str
    encoding: str


class DecodeError(Exception):
    """Bytes that cannot be turned into text; ``reason`` is ``empty``, ``binary`` or
    ``undecodable``; ``detail`` says why and names the file."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _refuse_obvious(data: bytes, source: str) -> None:
    if not data.strip():
        what = "no bytes" if not data else "only whitespace"
        raise DecodeError("empty", f"{source}: {what}")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DecodeError("binary", f"{source}: {kind} file signature")


def _decode_prefix(data: bytes, encoding: str) -> str | None:
    """Decode all of ``data`` but an incomplete sequence at its very end; None if invalid."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    pending, _ = decoder.getstate()
    return text if len(pending) <= 3 else None


def _decode_bom(data: bytes) -> Decoded | None:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            inner = "utf-8" if encoding == "utf-8-sig" else encoding
            text = _decode_prefix(data[len(bom) :], inner)
            return None if text is None else Decoded(text, encoding)
    return None


def _decode_utf16_guess(data: bytes) -> Decoded | None:
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : 2 * pairs : 2].count(0) / pairs
    odd = sample[1 : 2 * pairs : 2].count(0) / pairs
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high >= _UTF16_NUL_SHARE and low <= _UTF16_OTHER_NUL_SHARE:
            text = _decode_prefix(data, encoding)
            if text is not None and "\x00" not in text:
                return Decoded(text, encoding)
    return None


def _refuse_binary(data: bytes, source: str) -> None:
    if b"\x00" in data:
        raise DecodeError("binary", f"{source}: NUL bytes in a file that is not UTF-16")
    control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if control / len(data) > MAX_CONTROL_SHARE:
        raise DecodeError("binary", f"{source}: {control} control bytes out of {len(data)}")


def _decode_utf8(data: bytes) -> Decoded | None:
    text = _decode_prefix(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    if bad / max(1, len(replaced)) < MAX_REPLACED_SHARE:
        return Decoded(replaced, "utf-8-replaced")
    return None


def _cp1258(data: bytes) -> str:
    return data.decode("cp1258", errors="replace")


_LEGACY: tuple[tuple[str, Callable[[bytes], str]], ...] = (
    ("tcvn3", tcvn3_to_unicode),
    ("vni", vni_to_unicode),
    ("cp1258", _cp1258),
)


def _score_sample(data: bytes) -> bytes:
    """The head of ``data`` the legacy candidates are scored on, cut at a space."""
    if len(data) <= SCORE_SAMPLE_BYTES:
        return data
    cut = data.rfind(b" ", 0, SCORE_SAMPLE_BYTES)
    return data[: cut if cut > SCORE_SAMPLE_BYTES // 2 else SCORE_SAMPLE_BYTES]


def _best_legacy(data: bytes, source: str) -> Decoded:
    sample = _score_sample(data)
    scored = []
    for encoding, decode in _LEGACY:
        prose = _MARKUP_RE.sub(" ", normalize_text(decode(sample)))
        scored.append((vietnamese_score(prose), encoding, decode))
    score, encoding, decode = max(scored, key=lambda item: item[0])
    if score < MIN_LEGACY_SCORE:
        tried = ", ".join(f"{e} {s:.2f}" for s, e, _ in scored)
        raise DecodeError(
            "undecodable",
            f"{source}: not UTF-8, and no legacy Vietnamese encoding fits (scores: {tried})",
        )
    return Decoded(decode(data), encoding)


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode the raw bytes of ``source`` to normalised text, naming the encoding found.

    >>> decode_bytes("Chào buổi sáng, hoà bình!".encode("utf-8"), "thu.txt")
    Decoded(text='Chào buổi sáng, hòa bình!', encoding='utf-8')
    >>> decode_bytes(b"Ch\\xb5o bu\\xe6i s\\xb8ng", "cu.txt").encoding
    'tcvn3'
    >>> decode_bytes(b"   ", "trong.txt")
    Traceback (most recent call last):
    ...
    sukien.ingest.decode.DecodeError: empty: trong.txt: only whitespace
    """
    _refuse_obvious(data, source)
    decoded = _decode_bom(data) or _decode_utf16_guess(data)
    if decoded is None:
        _refuse_binary(data, source)
        decoded = _decode_utf8(data) or _best_legacy(data, source)
    text = normalize_text(decoded.text)
    if not text.strip():
        raise DecodeError("empty", f"{source}: only whitespace after decoding ({decoded.encoding})")
    return Decoded(text, decoded.encoding)
