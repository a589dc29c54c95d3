"""Format checks for the reviewed lexicon data files in src/sukien/data/.

Plain pytest, standard library only. Each file is a UTF-8, NFC-normalised TSV with a '#' comment header,
then one column-name row, then data rows (further '#' lines allowed). List cells use '|'.
"""
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "src" / "sukien" / "data"

COLUMNS = {
    "states.tsv": ["id", "name", "aliases", "capitals", "gov_seats", "mil_seats", "kind"],
    "orgs.tsv": ["id", "name", "aliases", "kind", "affiliation"],
    "roles.tsv": ["role", "variants", "sector"],
    "sectors.tsv": ["cue", "sector", "notes"],
}
LIST_COLUMNS = {
    "states.tsv": ["aliases", "capitals", "gov_seats", "mil_seats"],
    "orgs.tsv": ["aliases"],
    "roles.tsv": ["variants"],
    "sectors.tsv": [],
}
STATE_KINDS = {"state", "observer", "territory", "former"}
ORG_KINDS = {"igo", "alliance", "bloc", "un_agency", "court", "ngo", "news_agency",
             "armed_group", "party", "company"}
SECTORS = {"GOV", "MIL", "LEG", "JUD", "OPP", "ELE", "MED", "BUS", "CVL", "REB",
           "CRM", "REF", "LAB", "EDU", "NGO", "PTY", "IGO"}
REQUIRED_ROLES = {
    "president", "vice_president", "prime_minister", "deputy_prime_minister", "foreign_minister",
    "deputy_foreign_minister", "defence_minister", "interior_minister", "finance_minister",
    "economy_minister", "trade_minister", "energy_minister", "justice_minister", "minister",
    "mfa_spokesperson", "presidential_spokesperson", "government_spokesperson", "press_secretary",
    "chief_of_general_staff", "army_commander", "national_security_adviser",
    "security_council_secretary", "intelligence_chief", "ambassador", "envoy",
    "speaker_of_parliament", "head_of_upper_house", "monarch", "crown_prince", "supreme_leader",
    "party_general_secretary", "state_chairman", "secretary_general", "org_president",
    "high_representative", "central_bank_governor", "opposition_leader", "mayor", "governor",
    "aide", "chief_of_staff", "head_of_government", "head_of_state", "leader",
}


def load(name):
    """Return (raw_text, header_comment_lines, column_row, data_rows as dicts)."""
    raw = (DATA / name).read_bytes().decode("utf-8")  # must be valid UTF-8
    lines = raw.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = []
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        header.append(lines[i])
        i += 1
    assert i < len(lines), f"{name}: no column row"
    cols = lines[i].split("\t")
    rows = []
    for n, line in enumerate(lines[i + 1:], start=i + 2):
        if line.startswith("#") or line.strip() == "":
            continue
        cells = line.split("\t")
        assert len(cells) == len(cols), f"{name}:{n}: {len(cells)} cells, expected {len(cols)}: {line!r}"
        rows.append(dict(zip(cols, cells, strict=False), _line=n))
    return raw, header, cols, rows


@pytest.fixture(scope="module", params=sorted(COLUMNS))
def table(request):
    return (request.param,) + load(request.param)


def test_file_format(table):
    name, raw, header, cols, rows = table
    assert unicodedata.is_normalized("NFC", raw), f"{name} is not NFC"
    assert "\r" not in raw, f"{name} has CR characters"
    assert len(header) >= 3, f"{name}: needs a descriptive '#' header"
    assert cols == COLUMNS[name]
    assert rows, f"{name}: no data rows"
    for r in rows:
        for c in cols:
            v = r[c]
            assert v == v.strip(), f"{name}:{r['_line']}: whitespace around {c}"
        for c in LIST_COLUMNS[name]:
            if r[c]:
                items = r[c].split("|")
                assert all(it and it == it.strip() for it in items), f"{name}:{r['_line']}: bad list in {c}"
                assert len(items) == len(set(items)), f"{name}:{r['_line']}: duplicate item in {c}"


def test_states():
    _, _, _, rows = load("states.tsv")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate state ids"
    for r in rows:
        assert re.fullmatch(r"[A-Z]{3}", r["id"]), r["id"]
        assert r["name"], r["id"]
        assert r["kind"] in STATE_KINDS, (r["id"], r["kind"])
    kinds = defaultdict(int)
    for r in rows:
        kinds[r["kind"]] += 1
    assert kinds["state"] >= 193
    by_id = {r["id"]: r for r in rows}
    for must in ("RUS", "USA", "CHN", "UKR", "BLR", "VNM", "GBR", "PRK", "KOR"):
        assert by_id[must]["kind"] == "state"
    for must in ("VAT", "PSE"):
        assert by_id[must]["kind"] == "observer"
    for must in ("TWN", "XKX", "HKG", "MAC", "GRL", "PRI", "ESH"):
        assert by_id[must]["kind"] == "territory"
    assert "Kremlin" in by_id["RUS"]["gov_seats"].split("|")
    assert "Lầu Năm Góc" in by_id["USA"]["mil_seats"].split("|")
    assert "Brussels" not in by_id["BEL"]["capitals"].split("|")
    # every UN member / observer except city-states has a capital
    for r in rows:
        if r["kind"] in ("state", "observer") and r["id"] not in ("SGP", "VAT", "BEL"):
            assert r["capitals"], f"{r['id']} has no capital"
    # one surface form -> one entity
    owner = defaultdict(set)
    for r in rows:
        for c in ("name", "aliases", "capitals", "gov_seats", "mil_seats"):
            for s in filter(None, r[c].split("|")):
                owner[s].add(r["id"])
    clashes = {s: ids for s, ids in owner.items() if len(ids) > 1}
    assert not clashes, clashes


def test_orgs():
    _, _, _, rows = load("orgs.tsv")
    _, _, _, states = load("states.tsv")
    state_ids = {r["id"] for r in states}
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate org ids"
    assert len(rows) >= 100
    org_ids = set(ids)
    assert not (org_ids & state_ids), org_ids & state_ids
    kinds = defaultdict(int)
    for r in rows:
        assert re.fullmatch(r"[A-Z0-9]+", r["id"]), r["id"]
        assert r["name"], r["id"]
        assert r["kind"] in ORG_KINDS, (r["id"], r["kind"])
        kinds[r["kind"]] += 1
        aff = r["affiliation"]
        if "." in aff:
            iso, sector = aff.split(".")
            assert iso in state_ids, (r["id"], aff)
            assert sector in SECTORS, (r["id"], aff)
        else:
            assert aff in org_ids, (r["id"], aff)
    assert kinds["news_agency"] >= 30
    assert kinds["armed_group"] >= 20
    owner = defaultdict(set)
    for r in rows:
        for s in filter(None, [r["name"]] + r["aliases"].split("|")):
            owner[s].add(r["id"])
    for s in states:
        for c in ("name", "aliases", "capitals", "gov_seats", "mil_seats"):
            for x in filter(None, s[c].split("|")):
                owner[x].add(s["id"])
    clashes = {s: ids for s, ids in owner.items() if len(ids) > 1}
    assert not clashes, clashes


def test_roles():
    _, _, _, rows = load("roles.tsv")
    keys = [r["role"] for r in rows]
    assert len(keys) == len(set(keys)), "duplicate role keys"
    assert set(keys) >= REQUIRED_ROLES, REQUIRED_ROLES - set(keys)
    seen = {}
    for r in rows:
        assert re.fullmatch(r"[a-z][a-z_]*", r["role"]), r["role"]
        assert r["variants"], r["role"]
        assert r["sector"] in SECTORS, (r["role"], r["sector"])
        for v in r["variants"].split("|"):
            assert v not in seen, f"variant {v!r} in both {seen[v]} and {r['role']}"
            seen[v] = r["role"]


def test_sectors():
    _, _, _, rows = load("sectors.tsv")
    cues = [r["cue"] for r in rows]
    assert len(cues) == len(set(cues)), "duplicate cues"
    assert len(rows) >= 60
    for r in rows:
        assert r["cue"] and "|" not in r["cue"], r["cue"]
        assert r["sector"] in SECTORS, (r["cue"], r["sector"])
