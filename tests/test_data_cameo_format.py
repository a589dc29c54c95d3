"""Format and consistency checks for the CAMEO data files of sukien.

Checks src/sukien/data/cameo.tsv (codebook + Goldstein + QuadClass + PLOVER)
and src/sukien/data/event_patterns.tsv (Vietnamese trigger patterns).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "src/sukien/data"
CAMEO = DATA / "cameo.tsv"
PATTERNS = DATA / "event_patterns.tsv"

ROOTS = [f"{i:02d}" for i in range(1, 21)]
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT", "FIGHT", "OTHER",
}
SYM = {"", "sym"}
POS = {"v", "n"}
GAP = "\u2026"  # the "…" placeholder
MIN_PER_ROOT = 12
MIN_PATTERNS = 400


def _read_tsv(path: Path) -> tuple[str, list[str], list[list[str]]]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    assert i > 0, f"{path.name}: expected '#' comment lines first"
    header = lines[i].split("\t")
    rows = []
    for n, line in enumerate(lines[i + 1:], start=i + 2):
        if not line:
            continue
        assert not line.startswith("#"), f"{path.name}:{n}: comment after header"
        fields = line.split("\t")
        assert len(fields) == len(header), f"{path.name}:{n}: {len(fields)} fields: {line!r}"
        rows.append(fields)
    return text, header, rows


def quad_for_root(root: str) -> int:
    r = int(root)
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13:
        return 3
    return 4


@pytest.fixture(scope="module")
def cameo():
    return _read_tsv(CAMEO)


@pytest.fixture(scope="module")
def patterns():
    return _read_tsv(PATTERNS)


@pytest.fixture(scope="module")
def cameo_by_code(cameo):
    _, header, rows = cameo
    return {r[0]: dict(zip(header, r, strict=False)) for r in rows}


@pytest.mark.parametrize("path", [CAMEO, PATTERNS], ids=lambda p: p.name)
def test_utf8_nfc_no_bom(path):
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    assert unicodedata.normalize("NFC", text) == text
    assert "\r" not in text


def test_cameo_header(cameo):
    _, header, _ = cameo
    assert header == ["code", "name", "goldstein", "quad_class", "plover"]


def test_cameo_codes(cameo, cameo_by_code):
    _, _, rows = cameo
    codes = [r[0] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate CAMEO codes"
    assert len(codes) >= 290
    for c in codes:
        assert re.fullmatch(r"\d{2,4}", c), c
        assert c[:2] in ROOTS, c
    for root in ROOTS:
        assert root in cameo_by_code, f"missing root {root}"
        assert root + "0" in cameo_by_code, f"missing {root}0"
    # every 4-digit code has its 3-digit parent
    for c in codes:
        if len(c) == 4:
            assert c[:3] in cameo_by_code, c
    # a few well-known codes
    for c in ["010", "036", "042", "043", "057", "0311", "0871", "1041", "112",
              "138", "1382", "163", "173", "186", "195", "196", "2042"]:
        assert c in cameo_by_code, c


def test_cameo_values(cameo):
    _, _, rows = cameo
    for code, name, gold, quad, plover in rows:
        assert name.strip() == name and name, code
        g = float(gold)
        assert -10.0 <= g <= 10.0, code
        assert int(quad) == quad_for_root(code[:2]), code
        assert plover in PLOVER, (code, plover)


def test_cameo_goldstein_reference_values(cameo_by_code):
    expected = {
        "010": 0.0, "020": 3.0, "036": 4.0, "040": 1.0, "042": 1.9, "043": 2.8,
        "051": 3.4, "057": 8.0, "061": 6.4, "070": 7.0, "071": 7.4, "080": 5.0,
        "100": -5.0, "111": -2.0, "112": -2.0, "120": -4.0, "130": -4.4,
        "138": -7.0, "140": -6.5, "163": -8.0, "172": -5.0, "173": -5.0,
        "180": -9.0, "190": -10.0, "195": -10.0, "200": -10.0,
    }
    for code, value in expected.items():
        assert float(cameo_by_code[code]["goldstein"]) == pytest.approx(value), code


def test_patterns_header(patterns):
    _, header, _ = patterns
    assert header == ["code", "template", "sym", "pos", "notes"]


def test_pattern_codes_exist(patterns, cameo_by_code):
    _, _, rows = patterns
    missing = [(r[0], r[1]) for r in rows if r[0] not in cameo_by_code]
    assert not missing, missing


def test_pattern_counts(patterns):
    _, _, rows = patterns
    assert len(rows) >= MIN_PATTERNS
    per_root = Counter(r[0][:2] for r in rows)
    for root in ROOTS:
        assert per_root[root] >= MIN_PER_ROOT, (root, per_root[root])


def test_pattern_fields(patterns):
    """Every template parses: trigger words (lower case, one space apart, "…" standing alone),
    a $SRC slot, markers in ( ), head words in [ ]; sym and pos take their documented values."""
    from sukien.events.tables import parse_template

    _, _, rows = patterns
    for code, template, sym, pos, notes in rows:
        assert sym in SYM and pos in POS, (template, sym, pos)
        assert template == template.strip() and "  " not in template and "..." not in template, template
        p = parse_template(code, template, sym == "sym", pos == "n")
        assert p.trigger == p.trigger.lower(), template
        if GAP in p.trigger:
            tokens = p.trigger.split(" ")
            assert GAP in tokens, f"'…' must stand alone: {template!r}"
            assert tokens[0] != GAP and tokens[-1] != GAP, template
        for slot in (p.src, p.tgt):
            if slot is not None:
                assert all(m and m == m.strip() for m in slot.markers), template
        assert notes.strip(), template


def test_pattern_triggers_unique(patterns):
    _, _, rows = patterns
    counts = Counter((r[1], r[2]) for r in rows)
    dupes = [k for k, v in counts.items() if v > 1]
    assert not dupes, dupes
