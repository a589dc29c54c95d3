"""Rules changes re-code: the fingerprint of code and data files is in the cache key, a changed
pattern file changes the stored events on a re-run, and `sukien recode` works on a store whose
input files are gone. The edited data lives in a temporary SUKIEN_DATA_DIR."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from _corpus_pages import write_pages
from sukien import fingerprint
from sukien.cli import app
from sukien.data_files import DATA_DIR_ENV, package_data_dir
from sukien.pipeline import STAGE_VERSIONS, run_corpus
from sukien.settings import Settings
from sukien.store import Store

runner = CliRunner()
TALKS = "040\t$SRC hội đàm (|với|cùng) $TGT\tsym"  # the row the tests edit (040 consult → 046 negotiate)


def _edited_data(folder: Path, old: str = TALKS, new: str = TALKS.replace("040", "046", 1)) -> Path:
    """A SUKIEN_DATA_DIR holding only an edited copy of event_patterns.tsv."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (package_data_dir() / "event_patterns.tsv").read_text(encoding="utf-8")
    assert old in text
    (folder / "event_patterns.tsv").write_text(text.replace(old, new), encoding="utf-8")
    return folder


def _codes(db: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("SELECT record->>'trigger', cameo FROM events").fetchall())
    finally:
        con.close()


def _talks(db: Path) -> set[str]:
    """CAMEO codes of the events coded from the trigger "hội đàm"."""
    return {c for t, c in _codes(db) if t == "hội đàm"}


def test_fingerprint_follows_data_files_and_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = fingerprint.compute(STAGE_VERSIONS)
    assert base == fingerprint.compute(STAGE_VERSIONS)  # stable
    assert set(base.data_files) >= {"event_patterns.tsv", "states.tsv", "page_markers.tsv"}
    monkeypatch.setenv(DATA_DIR_ENV, str(_edited_data(tmp_path / "events")))
    edited = fingerprint.compute(STAGE_VERSIONS)
    assert edited.full != base.full and edited.page == base.page  # a coding rule, not a page rule
    assert edited.data_files["event_patterns.tsv"] != base.data_files["event_patterns.tsv"]
    markers = (package_data_dir() / "page_markers.tsv").read_text(encoding="utf-8")
    (tmp_path / "events" / "page_markers.tsv").write_text(markers + "\n", encoding="utf-8")
    assert fingerprint.compute(STAGE_VERSIONS).page != base.page
    assert fingerprint.compute({**STAGE_VERSIONS, "events": "events.cameo.test"}).full != edited.full
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match=DATA_DIR_ENV):
        fingerprint.compute(STAGE_VERSIONS)


def test_fingerprint_page_files_cover_what_ingest_and_page_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """PAGE_DATA_FILES lists every data file opened while pages are read and cut."""
    import subprocess
    import sys

    code = (
        "import sukien.data_files as df, json, sys\n"
        "seen = []\n"
        "orig = df.data_path\n"
        "df.data_path = lambda name: (seen.append(name), orig(name))[1]\n"
        "from sukien.ingest import iter_documents\n"
        "from sukien.page import PageResources, extract_articles\n"
        "from sukien.text.legacy import unicode_to_tcvn3, unicode_to_vni\n"
        "from sukien.ingest.decode import decode_bytes\n"
        "decode_bytes(unicode_to_tcvn3('Ngày 4/3 hai nước hội đàm tại thủ đô'), 'a')\n"
        "decode_bytes(unicode_to_vni('Ngày 4/3 hai nước hội đàm tại thủ đô'), 'b')\n"
        "res = PageResources.load()\n"
        "for d in iter_documents([sys.argv[1]]):\n"
        "    if hasattr(d, 'text'):\n"
        "        extract_articles(d, res)\n"
        "print(json.dumps(sorted(set(seen))))\n"
    )
    pages = Path(__file__).parent.parent / "examples"
    out = subprocess.run([sys.executable, "-c", code, str(pages)], capture_output=True, text=True, check=True)
    read = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert read and read <= set(fingerprint.PAGE_DATA_FILES), read - set(fingerprint.PAGE_DATA_FILES)


def test_run_recodes_when_a_pattern_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = write_pages(tmp_path / "pages", ["bao-x_hoi-dam", "bao-z_eu"])
    db = tmp_path / "s.duckdb"
    settings = Settings(db=str(db), workers=1)
    with Store(db) as store:
        first = run_corpus([str(pages)], store, settings)
    assert first.docs == 2 and _talks(db) == {"040"}
    with Store(db) as store:
        assert run_corpus([str(pages)], store, settings).skipped == 2  # same content, same rules
    monkeypatch.setenv(DATA_DIR_ENV, str(_edited_data(tmp_path / "data")))
    with Store(db) as store:
        again = run_corpus([str(pages)], store, settings)
        versions = json.loads(store.con.execute("SELECT stage_versions FROM documents LIMIT 1").fetchone()[0])
    assert again.docs == 2 and again.skipped == 0  # the rules changed: coded again
    assert _talks(db) == {"046"}
    assert versions["fingerprint"] == fingerprint.compute(STAGE_VERSIONS).full
    with Store(db) as store:
        assert run_corpus([str(pages)], store, settings).skipped == 2


def test_recode_without_the_inputs(tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "pages", ["bao-x_hoi-dam", "bao-y_lavrov", "bao-z_eu"])
    db = tmp_path / "s.duckdb"
    res = runner.invoke(app, ["run", str(pages), "--db", str(db), "--workers", "1", "-q"])
    assert res.exit_code == 0, res.output
    shutil.rmtree(pages)  # the store is all there is now
    assert _talks(db) == {"040"}
    current = runner.invoke(app, ["recode", "--db", str(db), "--workers", "1", "-q"])
    assert current.exit_code == 0 and "0 of 3 documents re-coded" in current.output, current.output

    env = {DATA_DIR_ENV: str(_edited_data(tmp_path / "data")), "COLUMNS": "200"}
    res = runner.invoke(app, ["recode", "--db", str(db), "--workers", "1", "-q", "--out", str(tmp_path / "out")],
                        env=env)
    assert res.exit_code == 0, res.output
    assert "3 of 3 documents re-coded" in res.output
    assert _talks(db) == {"046"}
    merged = [json.loads(x) for x in (tmp_path / "out" / "merged_events.jsonl").read_text("utf-8").splitlines()]
    assert any(m["cameo"] == "046" for m in merged)
    tl = runner.invoke(app, ["timeline", "--db", str(db), "--dyad", "RUS", "CHN"], env=env)
    assert tl.exit_code == 0 and "046 Engage in negotiation" in tl.output
    search = runner.invoke(app, ["search", "hoi dam", "--db", str(db), "--kind", "event"], env=env)
    # the search index was re-built for the re-coded documents: no entry of the old events is left
    assert "CHN.GOV → RUS.GOV 046" in search.output and "CHN.GOV → RUS.GOV 040" not in search.output
    again = runner.invoke(app, ["recode", "--db", str(db), "--workers", "1", "-q"], env=env)
    assert "0 of 3 documents re-coded" in again.output


def test_recode_of_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["recode", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "no store at" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "none.duckdb").exists()


def test_dask_plugin_key_is_the_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    from sukien.scale.dask_engine import plugin_name

    before = plugin_name()
    assert before == plugin_name(fingerprint.compute(STAGE_VERSIONS).full)
    monkeypatch.setenv(DATA_DIR_ENV, str(_edited_data(tmp_path / "data")))
    assert plugin_name() != before
