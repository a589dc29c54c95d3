"""Exports: JSONL, CSV, Parquet, and a GDELT 2.0-style event table.

``export_table(store, table, fmt, out)`` writes any record table (``merged_events``,
``events``, ``articles``, ``quotes``, ``stories``, ``actors``). CSV joins list fields with
``;``; Parquet keeps them as lists (pyarrow).

GDELT format (``fmt="gdelt"``, merged events only): the 61 columns of a GDELT 2.0 event
record, tab-separated like GDELT's files, with a header row, so sukien events can be joined
with GDELT data. Column mapping:

| GDELT column | from sukien |
|---|---|
| GLOBALEVENTID | integer from the merged event id (first 15 hex digits of its hash) |
| SQLDATE, MonthYear, Year, FractionDate | event ``date`` when day-precise, else ``first_reported``; empty when neither is |
| Actor1Code / Actor2Code | CAMEO-style actor code: state ``RUS``; sector ``RUS.GOV`` → ``RUSGOV``; a person → the code of their affiliation; an organisation → its id |
| Actor1Name / Actor2Name | actor display name, upper case |
| Actor1CountryCode / Actor2CountryCode | ISO 3166 alpha-3 of the affiliation when it is a state |
| Actor1Type1Code / Actor2Type1Code | sector (GOV, MIL, OPP, …) when known |
| IsRootEvent | 1 when the representative sentence starts within the first 400 characters of the body |
| EventCode, EventBaseCode, EventRootCode | ``cameo``, its first three digits, ``root`` |
| QuadClass, GoldsteinScale | ``quad_class``, ``goldstein`` |
| NumMentions | number of reports (``len(sources)``) |
| NumSources | distinct outlets (at least 1) |
| NumArticles | ``n_sources`` (distinct reporting articles) |
| AvgTone | empty (sukien does not score tone) |
| ActionGeo_FullName | ``location``; the other geo columns are empty |
| DATEADDED | ``last_reported`` as YYYYMMDD000000 |
| SOURCEURL | URL of the representative article (its doc id when it has none) |

Negated merged events are left out of the GDELT table (they did not happen).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sukien.store.corpus_tables import json_records
from sukien.store.db import Store

TABLES = ("merged_events", "events", "articles", "quotes", "stories", "actors")
FORMATS = ("jsonl", "csv", "parquet", "gdelt")

_ACTOR_COLS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
               "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_COLS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR_COLS), *(f"Actor2{c}" for c in _ACTOR_COLS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO_COLS), *(f"Actor2Geo_{c}" for c in _GEO_COLS),
    *(f"ActionGeo_{c}" for c in _GEO_COLS), "DATEADDED", "SOURCEURL",
)


def table_records(store: Store, table: str) -> list[dict[str, Any]]:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: one of {', '.join(TABLES)}")
    if table == "actors":
        return store.actor_records()
    if table in ("merged_events", "stories"):
        return list(json_records(store.con, table))
    return list(store.records(table))


def export_table(store: Store, table: str, fmt: str, out: str | Path) -> int:
    """Write ``table`` in ``fmt`` to ``out``; returns the number of rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "gdelt":
        if table != "merged_events":
            raise ValueError("the gdelt format exports merged events only")
        rows = gdelt_rows(table_records(store, table), _actors(store), _urls(store))
        return _write_csv(path, GDELT_COLUMNS, rows, delimiter="\t")
    records = table_records(store, table)
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return len(records)
    if fmt == "csv":
        cols = _columns(records)
        return _write_csv(path, cols, ([_flat(r.get(c)) for c in cols] for r in records))
    pq.write_table(pa.Table.from_pylist(parquet_rows(records)), path)
    return len(records)


def _columns(records: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(k for r in records for k in r))


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def parquet_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records with one type per column, as Parquet needs: a column holding nested values
    (objects, lists of objects, in any row) is JSON text in every row, an empty list included;
    a column of flat lists stays a list column (a lone value becomes a one-item list); a column
    mixing kinds of scalars becomes text.

    >>> parquet_rows([{"roles": []}, {"roles": [{"role": "x"}]}])
    [{'roles': '[]'}, {'roles': '[{"role": "x"}]'}]
    """
    cols = _columns(records)
    kind = {c: _column_kind([r.get(c) for r in records]) for c in cols}
    out = []
    for rec in records:
        row: dict[str, Any] = {}
        for c in cols:
            v = rec.get(c)
            if v is None:
                row[c] = None
            elif kind[c] == "json":
                row[c] = json.dumps(v, ensure_ascii=False)
            elif kind[c] == "list":
                row[c] = [str(x) for x in v] if isinstance(v, list) else [str(v)]
            elif kind[c] == "text":
                row[c] = str(v)
            else:
                row[c] = v
        out.append(row)
    return out


def _column_kind(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if any(isinstance(v, dict) or (isinstance(v, list) and any(isinstance(x, dict | list) for x in v))
           for v in present):
        return "json"
    if any(isinstance(v, list) for v in present):
        return "list"
    types = {bool if isinstance(v, bool) else float if isinstance(v, int | float) else type(v) for v in present}
    return "text" if len(types) > 1 else "plain"


def _write_csv(path: Path, header: Iterable[str], rows: Iterable[list[Any]], delimiter: str = ",") -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(list(header))
        for row in rows:
            w.writerow(row)
            n += 1
    return n


def _actors(store: Store) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in store.actor_records()}


def _urls(store: Store) -> dict[str, str]:
    rows = store.con.execute("SELECT article_id, record->>'url' FROM articles").fetchall()
    return {a: u for a, u in rows if u}


# ---- GDELT ----
def actor_code(actor_id: str | None, actors: Mapping[str, Mapping[str, Any]]) -> tuple[str, str, str]:
    """(CAMEO-style code, country code, type code) of a sukien actor id.

    >>> actor_code("RUS.GOV", {})
    ('RUSGOV', 'RUS', 'GOV')
    >>> actor_code("person:x", {"person:x": {"affiliation": "BLR.GOV", "kind": "person"}})
    ('BLRGOV', 'BLR', 'GOV')
    """
    if not actor_id:
        return "", "", ""
    if actor_id.startswith("person:"):
        actor_id = str(actors.get(actor_id, {}).get("affiliation") or "")
        if not actor_id or actor_id.startswith("person:"):
            return "", "", ""
    base, _, sector = actor_id.partition(".")
    kind = actors.get(base, {}).get("kind")
    is_state = kind == "state" or (kind is None and len(base) == 3 and base.isalpha() and base.isupper())
    return base + sector, base if is_state else "", sector


def _gdelt_date(m: Mapping[str, Any]) -> date | None:
    for iso in (m.get("date"), m.get("first_reported")):
        if iso and len(iso) >= 10 and not iso.startswith("--"):
            try:
                return date.fromisoformat(iso[:10])
            except ValueError:
                continue
    return None


def gdelt_rows(
    merged: Iterable[Mapping[str, Any]], actors: Mapping[str, Mapping[str, Any]], urls: Mapping[str, str],
) -> list[list[Any]]:
    """One GDELT 2.0 event row (61 values, ``GDELT_COLUMNS`` order) per non-negated merged event."""
    rows = []
    for m in merged:
        if m.get("negated"):
            continue
        d = _gdelt_date(m)
        row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
        row["GLOBALEVENTID"] = int(hashlib.sha256(m["event_id"].encode()).hexdigest()[:15], 16)
        if d:
            row.update(SQLDATE=d.strftime("%Y%m%d"), MonthYear=d.strftime("%Y%m"), Year=d.year,
                       FractionDate=round(d.year + (d.timetuple().tm_yday - 1) / 365, 4))
        for n, who in ((1, m.get("source")), (2, m.get("target"))):
            code, country, typ = actor_code(who, actors)
            row[f"Actor{n}Code"], row[f"Actor{n}CountryCode"], row[f"Actor{n}Type1Code"] = code, country, typ
            row[f"Actor{n}Name"] = str(actors.get(who or "", {}).get("name") or (who or "")).upper()
        row.update(
            IsRootEvent=1 if (m.get("char_start") or 0) < 400 else 0, EventCode=m["cameo"],
            EventBaseCode=m["cameo"][:3], EventRootCode=m["root"], QuadClass=m["quad_class"],
            GoldsteinScale=m["goldstein"], NumMentions=len(m.get("sources") or ()),
            NumSources=max(len(m.get("outlets") or ()), 1), NumArticles=m.get("n_sources", 1),
            ActionGeo_FullName=m.get("location") or "",
            DATEADDED=(m.get("last_reported") or "").replace("-", "")[:8].ljust(8, "0") + "000000"
            if m.get("last_reported") else "",
            SOURCEURL=urls.get(m["article_id"], m["doc_id"]),
        )
        rows.append([row[c] for c in GDELT_COLUMNS])
    return rows
