"""Hardening: a corpus of bad inputs, generated here (no binaries are committed).

Every case ends either as a correct conversion or as a per-document failure with a reason
code, in the run summary and in the store (``failures`` table, ``documents.status =
'failed'``); the good documents of the same run are processed; ``sukien run`` exits 3 when
something failed and 0 otherwise. The table of cases and outcomes is in docs/HARDENING.md.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from sukien.cli import EXIT_SOME_FAILED, app
from sukien.ingest.readers import FieldMap, read_file
from sukien.pipeline import MAX_DOC_CHARS, MAX_LINE_CHARS, run_corpus
from sukien.settings import Settings
from sukien.store import Store
from sukien.text.legacy import unicode_to_tcvn3, unicode_to_vni
from sukien.text.normalize import normalize_text

# Vietnamese prose written for these tests (no toned capitals: TCVN3 has no codes for them).
VI = (
    "Ngày 1/3, Ngoại trưởng Nga Sergei Lavrov đã hội đàm với Bộ trưởng Ngoại giao Trung Quốc "
    "Vương Nghị tại Bắc Kinh, hai bên nhất trí tăng cường phối hợp trong các vấn đề quốc tế.\n"
    "Theo hãng tin TASS, cuộc hội đàm kéo dài hơn ba giờ và tập trung vào tình hình an ninh "
    "ở khu vực Thái Bình Dương cũng như quan hệ thương mại song phương.\n"
)
SENTENCE = "Ngoại trưởng Nga Sergei Lavrov đã hội đàm với Bộ trưởng Ngoại giao Trung Quốc Vương Nghị. "
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: base letters precomposed (â, ơ, đ…), tones as combining marks."""
    out = []
    for ch in text:
        dec = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in dec if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in dec if c not in _TONES)) + tone)
    return "".join(out).encode("cp1258")


def _random_bytes(n: int, seed: int, low: int = 0) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(low, 256) for _ in range(n))


def _jsonl(*rows: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows).encode()


@dataclass(frozen=True)
class Case:
    """One generated input and what must become of it."""

    name: str  # file name inside the corpus folder
    make: Callable[[], bytes]
    reason: str | None  # expected failure reason; None: it must be converted
    encoding: str | None = None  # expected encoding of a converted text document
    text: str | None = None  # expected (normalised) text, if it is known exactly
    source: str | None = None  # the failing record ("file:line") when not the file itself


CASES: list[Case] = [
    Case("empty.txt", lambda: b"", "empty"),
    Case("whitespace.txt", lambda: b" \t\r\n \n\n  ", "empty"),
    Case("bom-only.txt", lambda: b"\xef\xbb\xbf  \n", "empty"),
    Case("pdf-as-text.txt", lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n", "binary"),
    Case("png-as-text.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary"),
    Case("jpeg-as-text.txt", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + _random_bytes(500, 1), "binary"),
    Case("random-bytes.txt", lambda: _random_bytes(4096, 2), "binary"),
    Case("random-high-bytes.txt", lambda: _random_bytes(4096, 3, low=0x80), "undecodable"),
    Case("nul-bytes.txt", lambda: bytes(1000), "binary"),
    Case("truncated-utf8.txt", lambda: (VI + "Đ").encode()[:-1], None, "utf-8", normalize_text(VI)),
    Case("utf8-invalid-bytes.txt", lambda: (VI * 20).encode().replace(b"Nga", b"N\xffa", 2), None,
         "utf-8-replaced", normalize_text((VI * 20).replace("Nga", "N\ufffda", 2))),
    Case("utf16le-bom.txt", lambda: b"\xff\xfe" + VI.encode("utf-16-le"), None, "utf-16-le", normalize_text(VI)),
    Case("utf16be-bom.txt", lambda: b"\xfe\xff" + VI.encode("utf-16-be"), None, "utf-16-be", normalize_text(VI)),
    Case("utf16le-nobom.txt", lambda: VI.encode("utf-16-le"), None, "utf-16-le", normalize_text(VI)),
    Case("windows-1258.txt", lambda: to_cp1258(VI), None, "cp1258", normalize_text(VI)),
    Case("tcvn3.txt", lambda: unicode_to_tcvn3(VI), None, "tcvn3", normalize_text(VI)),
    Case("vni.txt", lambda: unicode_to_vni(VI), None, "vni", normalize_text(VI)),
    Case("dump-5mb-one-line.txt", lambda: (SENTENCE * (5 * 2**20 // len(SENTENCE.encode()))).encode(), "too_large"),
    Case("broken.html", lambda: ("<html><body><div><p>" + VI.replace("\n", "<p><span>") * 3).encode(), None),
    Case("script-only.html", lambda: b"<html><head><script>var a = '<p>x</p>';</script></head></html>", "empty"),
    Case("html-saved-as.txt", lambda: ("<!DOCTYPE html><html><body><article><p>" + VI * 3
                                       + "</p></article></body></html>").encode(), None),
    Case("not-gzip.txt.gz", lambda: b"this is not gzip at all", "unreadable"),
    Case("truncated.txt.gz", lambda: gzip.compress(VI.encode())[:-12], "unreadable"),
    Case("good.txt.gz", lambda: gzip.compress(VI.encode()), None, "utf-8", normalize_text(VI)),
    # JSONL: one good row and five bad ones; failures are per row ("file:line")
    Case("rows.jsonl", lambda: _jsonl(
        {"id": "row-ok", "text": VI, "title": "Nga và Trung Quốc hội đàm"},
        "{not json",
        "[1, 2, 3]",
        {"id": "row-no-text", "title": "x"},
        {"id": "row-null-text", "text": None},
        {"id": "row-huge", "text": SENTENCE * (MAX_LINE_CHARS // len(SENTENCE) + 10)},
    ), None),
    Case("rows.jsonl#2", lambda: b"", "malformed_record", source="rows.jsonl:2"),
    Case("rows.jsonl#3", lambda: b"", "malformed_record", source="rows.jsonl:3"),
    Case("rows.jsonl#4", lambda: b"", "empty", source="rows.jsonl:4"),
    Case("rows.jsonl#5", lambda: b"", "empty", source="rows.jsonl:5"),
    Case("rows.jsonl#6", lambda: b"", "too_large", source="rows.jsonl:6"),
    # CSV (the first row has a quoted line break): good rows around a row with too many cells, a stray quote and an unterminated quote
    Case("rows.csv", lambda: (
        "id,text\n"
        f'csv-ok-1,"{VI.strip()}"\n'
        "csv-extra,Nga,thêm,ô\n"
        'csv-stray,"Nga"x,y\n'
        "csv-ok-2,Hai bên nhất trí tăng cường phối hợp trong các vấn đề quốc tế.\n"
        'csv-open,"Ngoại trưởng Nga nói\n'
        "csv-swallowed,this row is inside the open quote\n"
    ).encode(), None),
    Case("rows.csv#4", lambda: b"", "malformed_record", source="rows.csv:4"),
    Case("rows.csv#5", lambda: b"", "malformed_record", source="rows.csv:5"),
    Case("rows.csv#7", lambda: b"", "malformed_record", source="rows.csv:7"),
]
GOOD = {  # ordinary documents in the same run: they must be processed
    "good-1.txt": VI,
    "good-2.txt": VI.replace("Bắc Kinh", "Moskva").replace("1/3", "5/3"),
}
BAD_CASES = [c for c in CASES if c.reason]
OK_CASES = [c for c in CASES if not c.reason and "#" not in c.name]


def make_corpus(root: Path, with_bad: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (root / name).write_text(text, encoding="utf-8")
    if not with_bad:
        return root
    for case in CASES:
        if "#" not in case.name:
            (root / case.name).write_bytes(case.make())
    os.symlink("loop-b.txt", root / "loop-a.txt")  # a symlink loop
    os.symlink("loop-a.txt", root / "loop-b.txt")
    os.symlink("nowhere.txt", root / "dangling.txt")
    (root / "sub").mkdir()
    os.symlink("..", root / "sub" / "up")  # a folder loop: must not be walked forever
    return root


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("bad")
    corpus = make_corpus(base / "corpus")
    db = base / "bad.duckdb"
    with Store(db) as store:
        summary = run_corpus([str(corpus)], store, Settings(db=str(db), workers=1, batch_size=4))
    con = duckdb.connect(str(db), read_only=True)
    yield corpus, summary, con
    con.close()


def _source(corpus: Path, case: Case) -> str:
    return str(corpus / (case.source or case.name))


@pytest.mark.parametrize("case", BAD_CASES, ids=lambda c: c.name)
def test_hardening_bad_input_fails_with_reason(bad_run, case: Case) -> None:
    corpus, summary, con = bad_run
    src = _source(corpus, case)
    got = {f.source: f for f in summary.failures}
    assert src in got, f"{case.name}: no failure in the summary"
    assert got[src].reason == case.reason, got[src]
    assert got[src].detail
    stored = con.execute("SELECT reason, detail FROM failures WHERE source = ?", [src]).fetchall()
    assert stored == [(case.reason, got[src].detail)]
    status = con.execute("SELECT status, reason FROM documents WHERE doc_id = ?", [got[src].doc_id]).fetchall()
    assert status == [("failed", case.reason)]


@pytest.mark.parametrize("case", OK_CASES, ids=lambda c: c.name)
def test_hardening_bad_input_converted(bad_run, case: Case) -> None:
    corpus, summary, con = bad_run
    src = _source(corpus, case)
    rows = con.execute("SELECT doc_id, status, source FROM documents WHERE source LIKE ? || '%'", [src]).fetchall()
    assert rows, f"{case.name}: not in the store"
    if case.encoding or case.text:
        (doc,) = list(read_file(corpus / case.name, FieldMap()))
        assert doc.encoding == case.encoding
        assert doc.text == case.text
        assert rows == [(doc.doc_id, "ok", src)]


def test_hardening_bad_input_good_documents_processed(bad_run) -> None:
    corpus, summary, con = bad_run
    ok = dict(con.execute("SELECT doc_id, status FROM documents").fetchall())
    for doc_id in ("good-1", "good-2", "row-ok", "csv-ok-1", "csv-ok-2", "broken", "html-saved-as"):
        assert ok.get(doc_id) == "ok", doc_id
    assert con.execute("SELECT count(*) FROM articles WHERE doc_id IN ('good-1', 'good-2')").fetchone()[0] >= 2
    assert con.execute("SELECT count(*) FROM events WHERE doc_id = 'good-1'").fetchone()[0] >= 1
    # a row swallowed by an open quote is reported inside the failure, not silently lost
    (detail,) = con.execute("SELECT detail FROM failures WHERE source LIKE '%rows.csv:7'").fetchone()
    assert "lines 7-8" in detail


def test_hardening_bad_input_symlinks_reported(bad_run) -> None:
    corpus, summary, con = bad_run
    reasons = {Path(f.source).name: f.reason for f in summary.failures}
    assert reasons.get("loop-a.txt") == reasons.get("loop-b.txt") == "unreadable"
    assert reasons.get("dangling.txt") == "unreadable"


def test_hardening_bad_input_summary_counts_match_store(bad_run) -> None:
    corpus, summary, con = bad_run
    assert summary.failed == len(summary.failures)
    assert con.execute("SELECT count(*) FROM failures").fetchone()[0] == summary.failed
    assert con.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0] == summary.docs
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert n_docs == summary.docs + summary.failed  # every failure has a documents row too
    assert con.execute("SELECT n_failed FROM runs").fetchall() == [(summary.failed,)]


def test_hardening_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading")
    corpus = make_corpus(tmp_path / "corpus", with_bad=False)
    locked = corpus / "locked.txt"
    locked.write_text(VI, encoding="utf-8")
    locked.chmod(0)
    try:
        with Store(":memory:") as store:
            summary = run_corpus([str(corpus)], store, Settings(workers=1))
        assert [(f.source, f.reason) for f in summary.failures] == [(str(locked), "unreadable")]
        assert summary.docs == len(GOOD)
    finally:
        locked.chmod(0o644)


def test_hardening_missing_input_path(tmp_path: Path) -> None:
    with Store(":memory:") as store:
        summary = run_corpus([str(tmp_path / "nope")], store, Settings(workers=1))
    assert [f.reason for f in summary.failures] == ["unreadable"]


def test_hardening_cli_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    good = make_corpus(tmp_path / "good", with_bad=False)
    res = runner.invoke(app, ["run", str(good), "--db", str(tmp_path / "g.duckdb"), "--workers", "1", "-q"])
    assert res.exit_code == 0, res.output
    bad = tmp_path / "bad"
    make_corpus(bad, with_bad=False)
    (bad / "pdf.txt").write_bytes(b"%PDF-1.7\n")
    (bad / "rows.jsonl").write_bytes(_jsonl({"id": "r1", "text": VI}, "{oops"))
    res = runner.invoke(app, ["run", str(bad), "--db", str(tmp_path / "b.duckdb"), "--workers", "1", "-q"])
    assert res.exit_code == EXIT_SOME_FAILED == 3, res.output
    with Store(tmp_path / "b.duckdb", read_only=True) as store:
        assert sorted(f["reason"] for f in store.failures()) == ["binary", "malformed_record"]
        ok = store.con.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
    assert ok == len(GOOD) + 1


@pytest.mark.slow
def test_hardening_50mb_single_line_dump(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", with_bad=False)
    dump = corpus / "dump-50mb.txt"
    with dump.open("wb") as fh:
        chunk = (SENTENCE * 1000).encode()
        for _ in range(50 * 2**20 // len(chunk) + 1):
            fh.write(chunk)
    assert dump.stat().st_size > 50 * 2**20
    with Store(tmp_path / "s.duckdb") as store:
        summary = run_corpus([str(corpus)], store, Settings(workers=1))
    assert [(f.source, f.reason) for f in summary.failures] == [(str(dump), "too_large")]
    assert f"limit {MAX_DOC_CHARS:,}" in summary.failures[0].detail
    assert summary.docs == len(GOOD)
