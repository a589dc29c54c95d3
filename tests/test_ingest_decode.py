"""Decoding raw bytes: Unicode forms, Vietnamese legacy encodings, and refusals."""

from __future__ import annotations

import codecs
import dataclasses
import random
import unicodedata

import pytest

from sukien.ingest.decode import Decoded, DecodeError, decode_bytes
from sukien.text.legacy import (
    is_vietnamese_syllable,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vietnamese_score,
    vni_to_unicode,
)

# Sentences written for these tests.
BAI_VIET = (
    "Chiều hôm qua, đoàn đại biểu của tỉnh đã đến thăm một trường học ở vùng núi. "
    "Các em học sinh được tặng sách vở và những chiếc áo ấm mới. "
    "Thầy hiệu trưởng nói rằng mùa đông năm nay lạnh hơn, nhưng không ai nghỉ học."
)
CAU_NGAN = "Bà ngoại kể chuyện cổ tích cho các cháu nghe trước khi đi ngủ."
TONE_MARKS = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def _every_toned_letter() -> str:
    """Every Vietnamese vowel with every tone, plus đ, lowercase."""
    vowels = "aăâeêioôơuưy"
    letters = [unicodedata.normalize("NFC", v + m) for v in vowels for m in TONE_MARKS]
    return "".join(letters) + "đ"


def _cp1258_bytes(text: str) -> bytes:
    """Windows-1258 bytes: shaped letters precomposed, tones as cp1258 combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in TONE_MARKS[1:])
        body = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tone))
        out.append(body + tone)
    return "".join(out).encode("cp1258")


def _reason(data: bytes, source: str = "tep_thu.txt") -> DecodeError:
    with pytest.raises(DecodeError) as info:
        decode_bytes(data, source)
    assert source in str(info.value)
    assert source in info.value.detail
    return info.value


# --- Unicode forms -------------------------------------------------------------------------


def test_utf8_without_bom() -> None:
    got = decode_bytes(BAI_VIET.encode("utf-8"), "bai.txt")
    assert got == Decoded(BAI_VIET, "utf-8")


def test_utf8_with_bom_drops_the_bom() -> None:
    got = decode_bytes(codecs.BOM_UTF8 + CAU_NGAN.encode("utf-8"), "bai.txt")
    assert got == Decoded(CAU_NGAN, "utf-8-sig")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_utf16_with_bom(bom: bytes, codec: str) -> None:
    got = decode_bytes(bom + BAI_VIET.encode(codec), "bai16.txt")
    assert got == Decoded(BAI_VIET, codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nuls(codec: str) -> None:
    got = decode_bytes(BAI_VIET.encode(codec), "bai16.txt")
    assert got == Decoded(BAI_VIET, codec)


def test_truncated_utf8_drops_the_cut_character() -> None:
    for whole, kept in (
        ("Các bé đã ngủ", "Các bé đã ng"),
        ("Em thích hoa cúc và hoa lý", "Em thích hoa cúc và hoa l"),
    ):
        raw = whole.encode()
        for cut in range(1, len(whole[-1].encode())):
            assert decode_bytes(raw[:-cut], "cut.txt") == Decoded(kept, "utf-8")


def test_a_few_bad_bytes_in_long_utf8_are_replaced() -> None:
    body = (BAI_VIET + "\n") * 8
    assert len(body) > 1000
    half = len(body.encode()) // 2
    raw = body.encode()
    cut = raw.index(b" ", half)
    data = raw[:cut] + b"\xff" + raw[cut:]
    got = decode_bytes(data, "hong_nhe.txt")
    assert got.encoding == "utf-8-replaced"
    assert got.text.count("\ufffd") == 1
    assert got.text.replace("\ufffd", "") == body


def test_many_bad_bytes_are_not_hidden_by_replacement() -> None:
    data = unicode_to_tcvn3(BAI_VIET)
    assert decode_bytes(data, "cu.txt").encoding == "tcvn3"


def test_old_tone_placement_is_rewritten() -> None:
    assert decode_bytes("hoà bình".encode(), "a.txt").text == "hòa bình"
    assert decode_bytes("Nước Việt hoà bình và khoẻ mạnh".encode(), "a.txt").text == (
        "Nước Việt hòa bình và khỏe mạnh"
    )
    assert decode_bytes(unicode_to_vni("Mọi nhà đều mong hoà bình"), "v.txt").text == (
        "Mọi nhà đều mong hòa bình"
    )


def test_crlf_becomes_newline() -> None:
    got = decode_bytes("Dòng một\r\nDòng hai\r\n".encode(), "dong.txt")
    assert got.text == "Dòng một\nDòng hai\n"


def test_decoded_is_frozen() -> None:
    got = decode_bytes(b"Xin chao", "a.txt")
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.text = "khác"  # type: ignore[misc]


# --- legacy encodings ----------------------------------------------------------------------


def test_cp1258_with_combining_tones() -> None:
    data = _cp1258_bytes(BAI_VIET)
    assert any(b in data for b in (0xCC, 0xEC, 0xD2, 0xDE, 0xF2))  # cp1258 tone bytes
    assert decode_bytes(data, "cp.txt") == Decoded(BAI_VIET, "cp1258")


def test_tcvn3_bytes_are_detected() -> None:
    got = decode_bytes(unicode_to_tcvn3(BAI_VIET), "abc.txt")
    assert got == Decoded(BAI_VIET, "tcvn3")


def test_vni_bytes_are_detected() -> None:
    got = decode_bytes(unicode_to_vni(BAI_VIET), "vni.txt")
    assert got == Decoded(BAI_VIET, "vni")


def test_short_legacy_sentences_are_detected() -> None:
    assert decode_bytes(unicode_to_tcvn3(CAU_NGAN), "a.txt").encoding == "tcvn3"
    assert decode_bytes(unicode_to_vni(CAU_NGAN), "b.txt").encoding == "vni"
    assert decode_bytes(_cp1258_bytes(CAU_NGAN), "c.txt").encoding == "cp1258"


def test_tcvn3_round_trip_every_letter_and_tone() -> None:
    lower = _every_toned_letter()
    capitals = "ĂÂÊÔƠƯĐ" + "AEIOUY" + "BCDGHKLMNPQRSTVX"
    text = f"{lower} {capitals} Đường Ơn Ưu Ăn Ân Ếch"
    expected = f"{lower} {capitals} Đường Ơn Ưu Ăn Ân ếch"  # toned capitals share codes
    assert tcvn3_to_unicode(unicode_to_tcvn3(text)) == expected
    assert tcvn3_to_unicode(unicode_to_tcvn3(lower)) == lower
    assert tcvn3_to_unicode(b"\xa7\xb8 \xb8") == "Đá á"


def test_vni_round_trip_every_letter_and_tone_both_cases() -> None:
    lower = _every_toned_letter()
    text = f"{lower} {lower.upper()} Người Việt ở Đà Nẵng Ủy Ban ĐỨC"
    assert vni_to_unicode(unicode_to_vni(text)) == text


def test_vni_known_bytes() -> None:
    assert vni_to_unicode("Tieáng Vieät".encode("cp1252")) == "Tiếng Việt"
    assert vni_to_unicode("ñöôøng phoá".encode("cp1252")) == "đường phố"
    assert unicode_to_vni("ặ") == b"a\xeb"
    assert unicode_to_tcvn3("ặ") == b"\xc6"


def test_encoders_refuse_foreign_letters() -> None:
    with pytest.raises(ValueError):
        unicode_to_tcvn3("Ж")
    with pytest.raises(ValueError):
        unicode_to_vni("ß")


def test_score_prefers_the_right_decoding() -> None:
    tcvn3 = unicode_to_tcvn3(BAI_VIET)
    assert vietnamese_score(tcvn3_to_unicode(tcvn3)) > 0.9
    assert vietnamese_score(vni_to_unicode(tcvn3)) < 0.5
    vni = unicode_to_vni(BAI_VIET)
    assert vietnamese_score(tcvn3_to_unicode(vni)) < 0.5


def test_syllable_check() -> None:
    for good in ("nghiêng", "khuya", "thuở", "quốc", "giường", "oẳn", "ếch", "huých"):
        assert is_vietnamese_syllable(good), good
    for bad in ("ngiêng", "kan", "cem", "mẽt", "tráì", "phươ", "Hòa", "hÒa"):
        assert is_vietnamese_syllable(bad) == (bad == "Hòa"), bad


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n "])
def test_empty_inputs(data: bytes) -> None:
    assert _reason(data).reason == "empty"


def test_utf16_whitespace_only_is_empty() -> None:
    assert _reason(codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le")).reason == "empty"


@pytest.mark.parametrize(
    "magic",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00\x01\x00",
        b"PK\x03\x04\x14\x00\x06\x00",
        b"\x7fELF\x02\x01\x01",
    ],
)
def test_binary_signatures(magic: bytes) -> None:
    err = _reason(magic + "Báo cáo năm nay".encode(), "bao_cao.pdf")
    assert err.reason == "binary"


def test_random_bytes_are_binary() -> None:
    data = random.Random(20240611).randbytes(4096)
    assert _reason(data, "ngau_nhien.bin").reason == "binary"


def test_nul_bytes_outside_utf16_are_binary() -> None:
    data = "Tin tức sáng nay".encode() + b"\x00\x00\x01" + b"abc" * 40
    assert _reason(data).reason == "binary"


def test_many_control_bytes_are_binary() -> None:
    data = b"".join(bytes([b]) + b"ab" for b in range(1, 9)) * 20
    assert _reason(data).reason == "binary"


def test_mixed_garbage_is_undecodable() -> None:
    rng = random.Random(7)
    pool = list(range(0x80, 0x100)) + list(b"bcdfgjklmnpqrstvwxz     .,")
    data = bytes(rng.choice(pool) for _ in range(2000))
    err = _reason(data, "rac.txt")
    assert err.reason == "undecodable"
    assert "tcvn3" in err.detail and "vni" in err.detail


def test_foreign_latin1_text_is_undecodable() -> None:
    data = "Größe straße Übermäßig schön fröhlich Bäckerei Öffnungszeiten".encode("cp1252")
    assert _reason(data, "duc.txt").reason == "undecodable"


def test_long_legacy_file_is_decoded_whole() -> None:
    text = (BAI_VIET + "\n") * 200
    data = unicode_to_vni(text)
    assert len(data) > 40_000
    assert decode_bytes(data, "dai.txt") == Decoded(text, "vni")


def test_legacy_html_page_is_scored_without_its_markup() -> None:
    page = (
        '<html><head><link rel="stylesheet" href="/css/site.css"><script src="/js/app.js">'
        '</script></head><body><div class="menu"><a href="/">Trang chủ</a></div>'
        f'<div class="noi-dung"><p>{CAU_NGAN}</p></div></body></html>'
    )
    assert decode_bytes(unicode_to_tcvn3(page), "trang.html") == Decoded(page, "tcvn3")
    assert decode_bytes(unicode_to_vni(page), "trang.html") == Decoded(page, "vni")
