"""Incremental runs: unchanged documents (same content hash) are skipped, changed ones replaced."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import shared_path
from sukien.ingest import iter_documents
from sukien.pipeline import RunSummary, run_corpus
from sukien.settings import Settings
from sukien.store import Store

COUNTED = ("documents", "articles", "mentions", "events", "quotes")


def _run(inputs: Path, db: Path) -> tuple[RunSummary, dict[str, int]]:
    with Store(db) as store:
        summary = run_corpus([str(inputs)], store, Settings(db=str(db), workers=1, batch_size=2))
        counts = {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
    return summary, counts


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    shutil.copytree(shared_path("seeds"), folder)
    return folder


def test_scale_incremental_unchanged_rerun_skips_every_doc(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    first, counts = _run(pages, db)
    assert first.docs == 5 and first.skipped == 0 and first.failed == 0
    again, counts_again = _run(pages, db)
    assert (again.docs, again.skipped, again.failed, again.articles) == (0, 5, 0, 0)
    assert sorted(again.doc_ids) == sorted(first.doc_ids)  # --out still writes every document
    assert counts_again == counts
    assert again.stage_seconds["page"] == 0.0  # no stage ran


def test_scale_incremental_changed_doc_replaced_not_duplicated(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    _, counts = _run(pages, db)
    page = sorted(pages.iterdir())[0]
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(".", " .", 1), encoding="utf-8")  # one small edit in the text
    (new_doc,) = iter_documents([page])
    second, counts_second = _run(pages, db)
    assert (second.docs, second.skipped, second.failed) == (1, 4, 0)
    # replaced, never duplicated: still one row per document and the same articles
    assert (counts_second["documents"], counts_second["articles"]) == (5, counts["articles"])
    with Store(db, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT article_id FROM articles").fetchall()]
        hashes = store.known_hashes([page.stem])
    assert len(ids) == len(set(ids))
    assert hashes == {page.stem: new_doc.content_hash}


def test_scale_incremental_duplicate_doc_in_one_run_is_stored_once(tmp_path: Path) -> None:
    seed = sorted(shared_path("seeds").iterdir())[0]
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(seed, tmp_path / name / seed.name)
    db = tmp_path / "store.duckdb"
    with Store(db) as store:
        summary = run_corpus([str(tmp_path / "a"), str(tmp_path / "b")], store,
                             Settings(db=str(db), workers=1, batch_size=1))
        n_docs = store.con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert (summary.docs, summary.skipped, n_docs) == (1, 1, 1)
