"""Adding documents to an existing store updates stories, merged events and the search
index without re-embedding the old articles."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from _corpus_pages import write_pages
from sukien.corpus.embed import E5Embedder, HashedTfidfEmbedder
from sukien.corpus.update import update_corpus
from sukien.pipeline import run_corpus
from sukien.settings import Settings
from sukien.store import Store
from sukien.store import corpus_tables as ct
from sukien.store.search import SearchIndex, index_path_for


class CountingEmbedder:
    """The real e5 embedder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        self.inner = E5Embedder()
        self.name, self.dim = self.inner.name, self.inner.dim
        self.embedded = 0

    def passages(self, texts: list[str]) -> np.ndarray:
        self.embedded += len(texts)
        return self.inner.passages(texts)

    def query(self, text: str) -> np.ndarray:
        return self.inner.query(text)


def _story_of(store: Store, article_id: str) -> str:
    return ct.story_members(store.con)[article_id][0]


def test_incremental_add_joins_story_and_merges_event(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    pages = tmp_path / "pages"
    embedder = CountingEmbedder()
    with Store(db) as store:
        write_pages(pages, ["bao-x_hoi-dam", "bao-z_eu"])
        run_corpus([str(pages)], store, Settings(db=db, workers=1))
        first = update_corpus(store, embedder=embedder)
        assert first.new_articles == 2 and embedder.embedded == 2
        story_x = _story_of(store, "bao-x_hoi-dam#1")
        talks = [m for m in ct.json_records(store.con, "merged_events") if m["root"] == "04"]
        assert [m["n_sources"] for m in talks] == [1]

        write_pages(pages, ["bao-y_lavrov"])
        summary = run_corpus([str(pages)], store, Settings(db=db, workers=1))
        assert summary.skipped == 2 and summary.docs == 1  # old documents not reprocessed
        second = update_corpus(store, embedder=embedder)
        assert second.new_articles == 1 and embedder.embedded == 3  # only the new article embedded
        assert second.indexed_docs == 1

        assert _story_of(store, "bao-y_lavrov#1") == story_x == _story_of(store, "bao-x_hoi-dam#1")
        assert _story_of(store, "bao-z_eu#1") != story_x
        talks = [m for m in ct.json_records(store.con, "merged_events") if m["root"] == "04"]
        assert len(talks) == 1
        assert talks[0]["n_sources"] == 2 and talks[0]["date"] == "2026-03-04"
        assert set(talks[0]["article_ids"]) == {"bao-x_hoi-dam#1", "bao-y_lavrov#1"}
        assert talks[0]["first_reported"] == talks[0]["last_reported"] == "2026-03-05"
        assert {talks[0]["source_affiliation"], talks[0]["target_affiliation"]} == {"RUS", "CHN"}
        assert update_corpus(store, embedder=embedder).new_articles == 0  # nothing left to do

    index = SearchIndex(index_path_for(db))
    hits = index.search("lavrov gap vuong nghi", kinds=["article"])
    assert [h.article_id for h in hits] == ["bao-y_lavrov#1"]
    assert len(index.search("Đà Nẵng", kinds=["article"])) == 2  # each article indexed once


def test_changed_document_replaces_its_index_entries(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    pages = write_pages(tmp_path / "pages", ["bao-z_eu"])
    with Store(db) as store:
        run_corpus([str(pages)], store, Settings(db=db, workers=1))
        update_corpus(store, embedder=HashedTfidfEmbedder())
        page = pages / "bao-z_eu.txt"
        page.write_text(page.read_text(encoding="utf-8").replace("ngân hàng", "hàng không"), encoding="utf-8")
        run_corpus([str(pages)], store, Settings(db=db, workers=1))
        update_corpus(store, embedder=HashedTfidfEmbedder())
    index = SearchIndex(index_path_for(db))
    assert index.search("ngan hang", kinds=["article"]) == []
    assert len(index.search("hang khong", kinds=["article"])) == 1
