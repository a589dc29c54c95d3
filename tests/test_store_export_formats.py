"""Exports from a real store: JSONL, CSV, Parquet and the GDELT 2.0-style event table."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from _corpus_pages import write_pages
from sukien.pipeline import run_corpus
from sukien.settings import Settings
from sukien.store import Store
from sukien.store.export import GDELT_COLUMNS, export_table


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = str(tmp_path / "s.duckdb")
    pages = write_pages(tmp_path / "pages", ["bao-x_hoi-dam", "bao-y_lavrov", "bao-z_eu"])
    with Store(db) as st:
        run_corpus([str(pages)], st, Settings(db=db, workers=1))  # the corpus stage included
        yield st


def test_jsonl_csv_parquet_agree(store: Store, tmp_path: Path) -> None:
    n = export_table(store, "merged_events", "jsonl", tmp_path / "m.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text(encoding="utf-8").splitlines()]
    assert n == len(rows) > 0 and all("n_sources" in r and "sources" in r for r in rows)
    assert export_table(store, "merged_events", "csv", tmp_path / "m.csv") == n
    with (tmp_path / "m.csv").open(encoding="utf-8") as fh:
        csv_rows = list(csv.DictReader(fh))
    assert [r["event_id"] for r in csv_rows] == [r["event_id"] for r in rows]
    assert csv_rows[0]["sources"] == ";".join(rows[0]["sources"])
    assert export_table(store, "merged_events", "parquet", tmp_path / "m.parquet") == n
    table = pq.read_table(tmp_path / "m.parquet")
    assert table.num_rows == n and table.column("sources").to_pylist() == [r["sources"] for r in rows]
    assert export_table(store, "articles", "parquet", tmp_path / "a.parquet") == 3


def test_gdelt_table(store: Store, tmp_path: Path) -> None:
    n = export_table(store, "merged_events", "gdelt", tmp_path / "g.tsv")
    with (tmp_path / "g.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    assert tuple(rows[0]) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    assert len(rows) == n + 1 and all(len(r) == 61 for r in rows)
    recs = [dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rows[1:]]
    talks = next(r for r in recs if r["EventRootCode"] == "04")
    assert talks["SQLDATE"] == "20260304" and talks["NumArticles"] == "2" and talks["QuadClass"] == "1"
    assert {talks["Actor1CountryCode"], talks["Actor2CountryCode"]} == {"RUS", "CHN"}
    assert all(r["GLOBALEVENTID"].isdigit() for r in recs)
    with pytest.raises(ValueError):
        export_table(store, "articles", "gdelt", tmp_path / "x.tsv")
