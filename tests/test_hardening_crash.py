"""Hardening: a run killed with SIGKILL mid-way loses nothing once it is re-run.

``sukien run`` is started in a subprocess (one worker, small batches: one store transaction
per batch), killed with SIGKILL once some batches have been committed (the DuckDB write-ahead
log has grown; the store itself is not opened while the run holds its lock), then re-run to
completion. The store must open (WAL recovery), hold every document exactly once, and hold
exactly the records of a clean reference run into another store.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sukien.store import Store

PLACES = ["Bắc Kinh", "Moskva", "Hà Nội", "Washington", "Tokyo", "Seoul", "New Delhi", "Paris"]
PAIRS = [("Nga", "Trung Quốc"), ("Mỹ", "Nhật Bản"), ("Việt Nam", "Hàn Quốc"), ("Pháp", "Đức"),
         ("Ấn Độ", "Nga"), ("Ukraine", "Ba Lan"), ("Israel", "Ai Cập"), ("Iran", "Iraq")]
TEMPLATE = (
    "Ngày {d}/{m}, Ngoại trưởng {a} đã hội đàm với Bộ trưởng Ngoại giao {b} tại {p}, hai bên "
    "nhất trí tăng cường hợp tác trong lĩnh vực {k}.\n\n"
    "Theo hãng tin địa phương, cuộc gặp số {n} kéo dài hơn {h} giờ. Ông ấy nói: \"Quan hệ giữa "
    "hai nước đang phát triển tốt đẹp\".\n\n"
    "Cùng ngày, {b} lên án việc {a} triển khai thêm tên lửa gần biên giới.\n"
)
FIELDS = ["năng lượng", "thương mại", "quốc phòng", "giáo dục", "y tế", "nông nghiệp"]


WAL_AFTER_SCHEMA = 4_000  # bytes of WAL written by creating the schema (~450), with margin


def make_corpus(root: Path, n: int) -> Path:
    root.mkdir(parents=True)
    for i in range(n):
        a, b = PAIRS[i % len(PAIRS)]
        text = TEMPLATE.format(d=i % 28 + 1, m=i % 12 + 1, a=a, b=b, p=PLACES[i % len(PLACES)],
                               k=FIELDS[i % len(FIELDS)], n=i, h=i % 5 + 2)
        (root / f"doc-{i:04d}.txt").write_text(f"# date = 2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}\n{text}",
                                               encoding="utf-8")
    return root


def _cmd(corpus: Path, db: Path, batch: int) -> list[str]:
    exe = Path(sys.executable).with_name("sukien")
    head = [str(exe)] if exe.exists() else [sys.executable, "-m", "sukien.cli"]
    return [*head, "run", str(corpus), "--db", str(db), "--workers", "1", "--batch-size", str(batch), "-q",
            "--no-corpus"]  # the document stage only: stories and the search index are rebuilt anyway


def _run(corpus: Path, db: Path, batch: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_cmd(corpus, db, batch), capture_output=True, text=True, timeout=600,
                          env={**os.environ, "SUKIEN_CONFIG": "/nonexistent.toml"})


def _snapshot(db: Path) -> dict[str, object]:
    with Store(db, read_only=True) as store:
        con = store.con
        return {
            "documents": con.execute("SELECT doc_id, content_hash, status, n_articles FROM documents "
                                     "ORDER BY doc_id").fetchall(),
            "articles": list(store.records("articles")),
            "events": list(store.records("events")),
            "quotes": list(store.records("quotes")),
            "mentions": con.execute("SELECT * FROM mentions ORDER BY ALL").fetchall(),
            "actors": store.actor_records(),
        }


def _kill_mid_run(corpus: Path, db: Path, batch: int, wal_bytes: int) -> int:
    """Start a run, SIGKILL it once its WAL holds ``wal_bytes``; the documents then committed."""
    wal = Path(str(db) + ".wal")
    proc = subprocess.Popen(_cmd(corpus, db, batch), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "SUKIEN_CONFIG": "/nonexistent.toml"})
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size >= wal_bytes:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=60) == -signal.SIGKILL
    with Store(db, read_only=True) as store:  # WAL recovery of the killed run's store
        return store.con.execute("SELECT count(*) FROM documents").fetchone()[0]


def _check_kill_and_rerun(tmp_path: Path, n: int, batch: int, wal_bytes: int) -> None:
    corpus = make_corpus(tmp_path / "corpus", n)
    ref_db, db = tmp_path / "ref.duckdb", tmp_path / "killed.duckdb"
    ref = _run(corpus, ref_db, batch)
    assert ref.returncode == 0, ref.stderr

    committed = _kill_mid_run(corpus, db, batch, wal_bytes)
    print(f"SIGKILL after {committed} of {n} documents committed")
    assert 0 < committed < n, f"killed after {committed} of {n} documents: not mid-way"

    again = _run(corpus, db, batch)
    assert again.returncode == 0, again.stderr
    assert f"{committed} unchanged (skipped)" in again.stderr  # the committed ones are kept

    with Store(db, read_only=True) as store:
        con = store.con
        assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (n, n)
        assert con.execute("SELECT count(*) FROM documents WHERE status <> 'ok'").fetchone() == (0,)
        for table, key in (("articles", "article_id"), ("events", "event_id"), ("quotes", "quote_id")):
            total, distinct = con.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
            assert total == distinct, f"duplicate {key}s"
        assert con.execute("SELECT count(*) FROM failures").fetchone() == (0,)
    got, want = _snapshot(db), _snapshot(ref_db)
    assert len(got["articles"]) == len(want["articles"]) >= n
    assert [d[:2] + d[3:] for d in got["documents"]] == [d[:2] + d[3:] for d in want["documents"]]
    for key in ("articles", "events", "quotes", "mentions", "actors"):
        assert got[key] == want[key], key


def test_hardening_crash_kill_and_rerun_small(tmp_path: Path) -> None:
    """Fast variant: 40 documents in batches of 2, killed after the first commits."""
    _check_kill_and_rerun(tmp_path, n=40, batch=2, wal_bytes=WAL_AFTER_SCHEMA + 8_000)


@pytest.mark.slow
def test_hardening_crash_kill_and_rerun_300(tmp_path: Path) -> None:
    """300 documents in batches of 5, killed once the WAL holds ~200 KB of commits."""
    _check_kill_and_rerun(tmp_path, n=300, batch=5, wal_bytes=200_000)
