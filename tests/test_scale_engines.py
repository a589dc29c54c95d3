"""The seeds through the local runner (1 and 2 processes) and a Dask LocalCluster: same records."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from sukien.pipeline import RunSummary, run_corpus, write_outputs
from sukien.settings import Settings
from sukien.store import Store

TABLES = ("articles.jsonl", "events.jsonl", "quotes.jsonl", "actors.jsonl")


def _run(seeds: Path, out: Path, **settings: object) -> tuple[RunSummary, dict[str, str]]:
    db = out / "store.duckdb"
    with Store(db) as store:
        summary = run_corpus([str(seeds)], store, Settings(db=str(db), batch_size=2, **settings))
        write_outputs(store, out, summary.doc_ids)
    return summary, {name: (out / name).read_text(encoding="utf-8") for name in TABLES}


@pytest.fixture(scope="module")
def local_one(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunSummary, dict[str, str]]:
    return _run(shared_path("seeds"), tmp_path_factory.mktemp("local1"), workers=1)


def test_scale_local_one_worker_writes_records(local_one: tuple[RunSummary, dict[str, str]]) -> None:
    summary, files = local_one
    assert summary.failed == 0, summary.failures
    assert summary.docs == 5 and summary.articles >= 5
    assert files["articles.jsonl"].count("\n") == summary.articles
    assert files["events.jsonl"].strip() and files["quotes.jsonl"].strip()
    assert summary.stage_seconds["page"] > 0 and summary.stage_seconds["store"] > 0


def test_scale_local_two_workers_same_records(
    local_one: tuple[RunSummary, dict[str, str]], tmp_path: Path
) -> None:
    summary, files = _run(shared_path("seeds"), tmp_path, workers=2)
    assert summary.counts() == local_one[0].counts()
    assert files == local_one[1]


def test_scale_dask_one_worker_same_records(
    local_one: tuple[RunSummary, dict[str, str]], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    summary, files = _run(shared_path("seeds"), tmp_path, workers=1, engine="dask")
    assert summary.counts() == local_one[0].counts()
    assert files == local_one[1]


def test_scale_dask_two_workers_same_records(
    local_one: tuple[RunSummary, dict[str, str]], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    summary, files = _run(shared_path("seeds"), tmp_path, workers=2, engine="dask")
    assert summary.counts() == local_one[0].counts()
    assert files == local_one[1]


def test_scale_dask_resources_built_once_per_worker() -> None:
    pytest.importorskip("distributed")
    from sukien.ingest import iter_documents
    from sukien.records import Document
    from sukien.scale.dask_engine import DaskEngine

    docs = [d for d in iter_documents([shared_path("seeds")]) if isinstance(d, Document)]
    engine = DaskEngine(workers=1)
    try:
        def resources_id(dask_worker: object, name: str = engine.plugin) -> int:
            return id(dask_worker.plugins[name].resources)  # type: ignore[attr-defined]

        before = engine.client.run(resources_id)
        first = list(engine.map(docs))
        again = list(engine.map(docs))
        after = engine.client.run(resources_id)
    finally:
        engine.close()
    assert before == after and len(before) == 1  # the same Resources object served both batches
    assert [r.doc_id for r in first] == [d.doc_id for d in docs]  # one result per doc, in order
    assert [r.articles for r in first] == [r.articles for r in again]  # type: ignore[union-attr]
