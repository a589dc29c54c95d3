"""The CLI as a user meets it: bad inputs and stores end in one clear line and the documented
exit status, nothing is created by a run that cannot start, piped output keeps whole paths and
stays compact, failures go to failures.jsonl, Ctrl-C keeps finished work, every table exports
to Parquet, and `serve` refuses a busy port before printing a URL."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from _corpus_pages import write_pages
from conftest import shared_path
from sukien.cli import app
from sukien.corpus import update_corpus
from sukien.store import Store

runner = CliRunner()
SUKIEN = [sys.executable, "-m", "sukien.cli"]
ENV = {"COLUMNS": "200"}


def _run(*args: str, **kw: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={**ENV, **kw.pop("env", {})}, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli_trust")
    pages = write_pages(folder / "pages", ["bao-x_hoi-dam", "bao-y_lavrov", "bao-z_eu"])
    res = _run("run", str(pages), "--db", str(folder / "s.duckdb"), "--workers", "1", "-q")
    assert res.exit_code == 0, res.output
    return folder / "s.duckdb"


def _one_clear_line(output: str) -> None:
    assert "Traceback" not in output and "IO Error" not in output and "Exception" not in output
    assert output.strip().startswith("error:") and len(output.strip().splitlines()) == 1, output


# ---------------------------------------------------------------- timeline syntax and order

@pytest.mark.parametrize("dyad", [["--dyad", "RUS", "CHN"], ["--dyad", "RUS,CHN"], ["--dyad", "CHN", "--dyad", "RUS"]])
def test_cli_timeline_dyad_syntaxes(store: Path, dyad: list[str]) -> None:
    res = _run("timeline", "--db", str(store), *dyad)
    assert res.exit_code == 0, res.output
    assert "2026-03-04" in res.output and res.output.count("040") == 1


@pytest.mark.parametrize("dyad", [["--dyad", "RUS"], ["--dyad", "RUS", "CHN", "USA"], ["RUS"]])
def test_cli_timeline_bad_dyad_is_usage_error(store: Path, dyad: list[str]) -> None:
    res = _run("timeline", "--db", str(store), *dyad)
    assert res.exit_code == 2, res.output


def test_cli_timeline_newest_first_with_range(store: Path) -> None:
    res = _run("timeline", "--db", str(store))
    lines = res.output.splitlines()
    assert lines[0].startswith("# timeline:") and "newest first" in lines[0]
    dates = [ln.split("\t")[0] for ln in lines[2:]]
    dated = [d for d in dates if d[:1].isdigit()]
    assert dated == sorted(dated, reverse=True) and len(dated) >= 2
    assert f"dated {min(dated)} … {max(dated)}" in lines[0]
    old = _run("timeline", "--db", str(store), "--oldest-first").output.splitlines()
    assert [ln.split("\t")[0] for ln in old[2:]][0] == min(dated)


def test_cli_piped_timeline_is_one_line_per_event(tmp_path: Path) -> None:
    world = shared_path("corpora", "underthesea-unc-dantri", "news_world")
    pages = sorted(world.glob("news_world_*.txt"))[:40]
    db = tmp_path / "w.duckdb"
    res = _run("run", *map(str, pages), "--db", str(db), "--workers", "1", "-q", "--no-corpus")
    assert res.exit_code == 0, res.output
    with Store(db) as st:
        update_corpus(st)  # the corpus stage apart: this test is about the output
    out = _run("timeline", "--db", str(db), "--limit", "40").output.splitlines()
    assert out[0].startswith("# timeline: 40 of ")  # more events than shown
    assert len(out) == 2 + 40 and all(len(ln.split("\t")) == 5 for ln in out[1:])


# ---------------------------------------------------------------- inputs

def test_cli_missing_input_is_usage_error_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    res = _run("run", str(tmp_path / "nope"), "--db", str(db))
    assert res.exit_code == 2 and "input not found" in res.output and str(tmp_path / "nope") in res.output
    assert not db.exists()


def test_cli_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    db = tmp_path / "s.duckdb"
    res = _run("run", str(tmp_path / "empty"), "--db", str(db))
    assert res.exit_code == 4 and "empty folder" in res.output
    assert not db.exists()


def test_cli_other_formats_in_a_folder_are_reported(tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "pages", ["bao-x_hoi-dam"])
    deep = pages / ("thu-muc-co-ten-rat-dai-de-thu-duong-dan-day-du-" * 2) / "con"
    deep.mkdir(parents=True)
    (deep / "bao-cao-thuong-nien-cua-bo-ngoai-giao.pdf").write_bytes(b"%PDF-1.7\n" + bytes(200))
    (pages / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    out = tmp_path / "out"
    res = _run("run", str(pages), "--db", str(tmp_path / "s.duckdb"), "--out", str(out), "--workers", "1", "-q")
    assert res.exit_code == 0, res.output  # read what can be read; list the rest
    assert "2 files not read" in res.output
    pdf = deep / "bao-cao-thuong-nien-cua-bo-ngoai-giao.pdf"
    assert f"not read\tunsupported\t{pdf}\t" in res.output  # the whole path, on one line
    rows = [json.loads(x) for x in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["source"]).name for r in rows) == ["anh.png", pdf.name]
    assert all(r["reason"] == "unsupported" and r["run_id"] for r in rows)


def test_cli_failures_keep_whole_paths_and_go_to_failures_jsonl(tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "pages", ["bao-x_hoi-dam"])
    bad = pages / ("mot-ten-tep-rat-dai-de-kiem-tra-rang-duong-dan-khong-bi-cat-" * 2 + ".txt")
    bad.write_bytes(b"")
    out = tmp_path / "out"
    res = _run("run", str(pages), "--db", str(tmp_path / "s.duckdb"), "--out", str(out), "--workers", "1", "-q")
    assert res.exit_code == 3
    assert f"failed\tempty\t{bad}\t" in res.output
    [row] = [json.loads(x) for x in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert row["source"] == str(bad) and row["reason"] == "empty"
    ok = _run("run", str(pages / "bao-x_hoi-dam.txt"), "--db", str(tmp_path / "s.duckdb"), "--out", str(out), "-q")
    assert ok.exit_code == 0 and (out / "failures.jsonl").read_text(encoding="utf-8") == ""


def test_cli_progress_lines_when_piped(tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "pages", ["bao-x_hoi-dam", "bao-z_eu"])
    res = _run("run", str(pages), "--db", str(tmp_path / "s.duckdb"), "--workers", "1")
    assert res.exit_code == 0
    assert "documents: started (2 to do)" in res.output and "documents: 2/2 documents" in res.output
    assert "corpus stage (stories, merged events, search index): started" in res.output
    assert "\x1b[" not in res.output  # no terminal control codes in a log


# ---------------------------------------------------------------- the store

def test_cli_db_in_a_missing_folder(tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "pages", ["bao-z_eu"])
    res = _run("run", str(pages), "--db", str(tmp_path / "no" / "such" / "s.duckdb"))
    assert res.exit_code == 2 and "does not exist" in res.output
    _one_clear_line(res.output)


def _read_only_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    probe = folder / "probe"
    try:
        probe.write_text("x")
    except OSError:
        return folder
    probe.unlink()  # root writes anyway: use a read-only file system instead
    for candidate in (Path("/sys/fs"), Path("/proc/sys")):
        try:
            (candidate / "sukien-probe").write_text("x")
        except OSError:
            return candidate
    pytest.skip("no read-only folder available on this machine")


def test_cli_db_in_a_read_only_folder(tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "pages", ["bao-z_eu"])
    folder = _read_only_folder(tmp_path)
    res = _run("run", str(pages), "--db", str(folder / "s.duckdb"))
    assert res.exit_code == 2 and ("read-only" in res.output or "cannot" in res.output), res.output
    _one_clear_line(res.output)


@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "reader"])
def test_cli_store_held_by_another_process(tmp_path: Path, read_only: bool) -> None:
    """Another `sukien run` (a writer) or a reader that keeps the file open: one clear line."""
    held = tmp_path / "held.duckdb"
    duckdb.connect(str(held)).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(held)!r}, "
                               f"read_only={read_only}); print('holding', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        pages = write_pages(tmp_path / "pages", ["bao-z_eu"])
        res = _run("run", str(pages), "--db", str(held), env={"SUKIEN_LOCK_WAIT": "0.5"})
        assert res.exit_code == 2 and "in use by another process" in res.output and str(holder.pid) in res.output
        _one_clear_line(res.output)
        if not read_only:  # readers share the file: the views and serve can read beside another reader
            res = _run("timeline", "--db", str(held), env={"SUKIEN_LOCK_WAIT": "0.5"})
            assert res.exit_code == 2 and "in use by another process" in res.output
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            res = _run("serve", "--db", str(held), "--port", str(port), env={"SUKIEN_LOCK_WAIT": "0.5"})
            assert res.exit_code == 2 and "in use by another process" in res.output and "Dashboard:" not in res.output
            _one_clear_line(res.output)
    finally:
        holder.kill()
        holder.wait()


def test_cli_not_a_store(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("not a database", encoding="utf-8")
    res = _run("timeline", "--db", str(bogus))
    assert res.exit_code == 2 and "not a sukien store" in res.output
    _one_clear_line(res.output)


def test_run_adds_data_while_the_dashboard_serves(tmp_path: Path) -> None:
    """A `sukien run` on the store the API is serving succeeds, and the API shows the new data."""
    from fastapi.testclient import TestClient

    from sukien.api.app import create_app

    db = tmp_path / "live.duckdb"
    first = write_pages(tmp_path / "first", ["bao-z_eu"])
    assert _run("run", str(first), "--db", str(db), "--workers", "1", "-q").exit_code == 0
    with TestClient(create_app(str(db), refresh_seconds=0.2)) as client:
        before = client.get("/api/health").json()
        assert before["counts"]["articles"] == 1
        more = write_pages(tmp_path / "more", ["bao-x_hoi-dam", "bao-y_lavrov"])
        proc = subprocess.run([*SUKIEN, "run", str(more), "--db", str(db), "--workers", "1", "-q"],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        deadline = time.monotonic() + 20
        while client.get("/api/health").json()["counts"]["articles"] < 3:
            assert time.monotonic() < deadline, "the served data never refreshed"
            time.sleep(0.2)
        after = client.get("/api/health").json()
        assert after["snapshot"] > before["snapshot"]
        assert client.get("/api/timeline?dyad=RUS,CHN").json()["total"] >= 1  # merged events refreshed too


# ---------------------------------------------------------------- Ctrl-C

def _start(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen([*SUKIEN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _interrupt(proc: subprocess.Popen[str]) -> tuple[float, str]:
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    return time.monotonic() - t0, err


def test_cli_ctrl_c_in_the_document_stage_keeps_finished_work(tmp_path: Path) -> None:
    world = shared_path("corpora", "underthesea-unc-dantri", "news_world")
    db = tmp_path / "s.duckdb"
    proc = _start(["run", str(world), "--db", str(db), "--workers", "1", "--batch-size", "8", "--no-corpus"])
    assert proc.stderr is not None
    while True:  # the first progress line comes after the first batches are stored
        line = proc.stderr.readline()
        assert line, "the run ended before it could be interrupted"
        if "documents:" in line and "/" in line:
            break
    seconds, err = _interrupt(proc)
    assert proc.returncode == 130, err
    assert seconds < 5, f"Ctrl-C took {seconds:.1f}s"
    assert "interrupted" in err and "kept" in err and "Traceback" not in err
    kept = duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM documents").fetchone()[0]
    assert kept >= 8
    again = subprocess.run([*SUKIEN, "run", str(world), "--db", str(db), "--workers", "1", "-q", "--no-corpus"],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and f"{kept} unchanged (skipped)" in again.stderr


def test_cli_ctrl_c_in_the_corpus_stage_stops_at_once(tmp_path: Path) -> None:
    pages = sorted(shared_path("corpora", "underthesea-unc-dantri", "news_world").glob("news_world_*.txt"))[:40]
    db = tmp_path / "s.duckdb"
    # e5 embeds every article (seconds for 40): the default TF-IDF stage would be over before Ctrl-C
    proc = _start(["run", *map(str, pages), "--db", str(db), "--workers", "1", "--similarity", "e5"])
    assert proc.stderr is not None
    while "corpus stage" not in (line := proc.stderr.readline()):
        assert line, "the run ended before the corpus stage"
    time.sleep(1.0)  # inside the stage (embedding running)
    seconds, err = _interrupt(proc)
    assert proc.returncode == 130, err
    assert seconds < 3, f"Ctrl-C took {seconds:.1f}s"
    assert "interrupted during the corpus stage" in err and "40 documents are stored" in err
    again = subprocess.run([*SUKIEN, "run", *map(str, pages), "--db", str(db), "--workers", "1", "-q", "--no-corpus"],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "40 unchanged (skipped)" in again.stderr


# ---------------------------------------------------------------- export and serve

@pytest.mark.parametrize("table", ["merged_events", "events", "articles", "quotes", "stories", "actors"])
def test_cli_export_parquet_every_table(store: Path, tmp_path: Path, table: str) -> None:
    out = tmp_path / f"{table}.parquet"
    res = _run("export", "--format", "parquet", "--table", table, "--out", str(out), "--db", str(store))
    assert res.exit_code == 0, res.output
    rows = pq.read_table(out).to_pylist()
    assert rows and f"wrote {len(rows)} rows" in res.output


def test_cli_serve_on_a_busy_port(store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        res = _run("serve", "--db", str(store), "--port", str(port))
    assert res.exit_code == 2 and "port is in use" in res.output and "--port" in res.output
    assert "Dashboard:" not in res.output and "http://" not in res.output
    _one_clear_line(res.output)
