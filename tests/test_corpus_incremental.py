"""Adding, changing and copying documents in an existing store updates stories, merged
events, duplicate groups and the search index at the cost of what changed: old articles are
not re-read or re-embedded, only the stories that gain or lose articles are rewritten."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from _corpus_pages import PAGES, write_pages
from sukien.corpus.clusters import ClusterParams
from sukien.corpus.embed import E5Embedder
from sukien.corpus.stories import CorpusParams
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


def _talks(store: Store) -> list[dict]:
    return [m for m in ct.json_records(store.con, "merged_events") if m["root"] == "04"]


def _count(store: Store, table: str) -> int:
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def test_incremental_add_joins_story_and_merges_event(tmp_path: Path) -> None:
    db, pages = str(tmp_path / "s.duckdb"), tmp_path / "pages"
    with Store(db) as store:
        write_pages(pages, ["bao-x_hoi-dam", "bao-z_eu"])
        first = run_corpus([str(pages)], store, Settings(db=db, workers=1)).corpus
        assert first.new_articles == 2 and first.similarity == "tfidf" and first.embedded == 0
        story_x = _story_of(store, "bao-x_hoi-dam#1")
        assert [m["n_sources"] for m in _talks(store)] == [1]
        assert _count(store, "dup_bands") == 2 * 16  # the near-duplicate index: 16 band keys per article

        write_pages(pages, ["bao-y_lavrov"])
        summary = run_corpus([str(pages)], store, Settings(db=db, workers=1))
        assert summary.skipped == 2 and summary.docs == 1  # old documents not reprocessed
        second = summary.corpus
        assert second.new_articles == 1 and second.touched_stories == 1  # only the joined story rewritten
        assert second.indexed_docs == 1 and summary.stage_seconds["corpus"] > 0
        assert _count(store, "dup_bands") == 3 * 16  # extended, not rebuilt

        assert _story_of(store, "bao-y_lavrov#1") == story_x == _story_of(store, "bao-x_hoi-dam#1")
        assert _story_of(store, "bao-z_eu#1") != story_x
        (talks,) = _talks(store)
        assert talks["n_sources"] == 2 and talks["date"] == "2026-03-04"
        assert set(talks["article_ids"]) == {"bao-x_hoi-dam#1", "bao-y_lavrov#1"}
        assert talks["first_reported"] == talks["last_reported"] == "2026-03-05"
        assert {talks["source_affiliation"], talks["target_affiliation"]} == {"RUS", "CHN"}
        n, = store.con.execute("SELECT n FROM story_centroids WHERE story_id = ?", [story_x]).fetchall()[0]
        assert n == 2  # the stored centroid counts both articles
        assert update_corpus(store).new_articles == 0  # nothing left to do

    index = SearchIndex(index_path_for(db))
    hits = index.search("lavrov gap vuong nghi", kinds=["article"])
    assert [h.article_id for h in hits] == ["bao-y_lavrov#1"]
    assert len(index.search("Đà Nẵng", kinds=["article"])) == 2  # each article indexed once


def test_e5_embeds_only_the_new_articles(tmp_path: Path) -> None:
    db, pages = str(tmp_path / "s.duckdb"), tmp_path / "pages"
    embedder = CountingEmbedder()
    no_corpus = Settings(db=db, workers=1, corpus=False)
    with Store(db) as store:
        write_pages(pages, ["bao-x_hoi-dam", "bao-z_eu"])
        run_corpus([str(pages)], store, no_corpus)
        assert update_corpus(store, similarity="e5", embedder=embedder).embedded == 2
        write_pages(pages, ["bao-y_lavrov"])
        run_corpus([str(pages)], store, no_corpus)
        second = update_corpus(store, similarity="e5", embedder=embedder)
        assert (second.new_articles, second.embedded, embedder.embedded) == (1, 1, 3)
        assert _story_of(store, "bao-y_lavrov#1") == _story_of(store, "bao-x_hoi-dam#1")


def test_changed_document_leaves_its_story(tmp_path: Path) -> None:
    """A report rewritten into another story leaves the old one: the story, its centroid and
    its merged events are rewritten without it."""
    db, pages = str(tmp_path / "s.duckdb"), tmp_path / "pages"
    write_pages(pages, ["bao-x_hoi-dam", "bao-y_lavrov", "bao-z_eu"])
    with Store(db) as store:
        run_corpus([str(pages)], store, Settings(db=db, workers=1))
        story_x = _story_of(store, "bao-x_hoi-dam#1")
        assert _talks(store)[0]["n_sources"] == 2
        eu = PAGES["bao-z_eu"].replace("Thứ sáu, 20/02/2026 08:00", "Thứ năm, 05/03/2026 16:00")
        (pages / "bao-y_lavrov.txt").write_text(eu.replace("EU trừng phạt", "Liên minh châu Âu trừng phạt"),
                                                encoding="utf-8")
        cu = run_corpus([str(pages)], store, Settings(db=db, workers=1)).corpus
        assert (cu.new_articles, cu.removed_articles) == (1, 1)
        assert _story_of(store, "bao-y_lavrov#1") != story_x
        (talks,) = _talks(store)
        assert talks["n_sources"] == 1 and talks["article_ids"] == ["bao-x_hoi-dam#1"]
        record = next(s for s in ct.json_records(store.con, "stories") if s["story_id"] == story_x)
        assert record["article_ids"] == ["bao-x_hoi-dam#1"]
        n, = store.con.execute("SELECT n FROM story_centroids WHERE story_id = ?", [story_x]).fetchall()[0]
        assert n == 1
        members = ct.story_members(store.con)
        assert sorted(members) == ["bao-x_hoi-dam#1", "bao-y_lavrov#1", "bao-z_eu#1"]  # each article once


def test_copy_of_a_stored_article_joins_its_story(tmp_path: Path) -> None:
    """A later copy is found through the stored LSH index and joins its original's story."""
    db, pages = str(tmp_path / "s.duckdb"), tmp_path / "pages"
    write_pages(pages, ["bao-x_hoi-dam", "bao-z_eu"])
    with Store(db) as store:
        run_corpus([str(pages)], store, Settings(db=db, workers=1))
        copy = PAGES["bao-x_hoi-dam"].replace("10:00", "11:45").lower()  # same report, re-posted
        (pages / "bao-w_copy.txt").write_text(copy, encoding="utf-8")
        cu = run_corpus([str(pages)], store, Settings(db=db, workers=1)).corpus
        assert cu.new_articles == 1 and cu.duplicate_groups == 1
        (group,) = ct.json_records(store.con, "duplicate_groups")
        assert group["article_ids"] == ["bao-w_copy#1", "bao-x_hoi-dam#1"] and group["kind"] == "near"
        assert _story_of(store, "bao-w_copy#1") == _story_of(store, "bao-x_hoi-dam#1")
        story = next(s for s in ct.json_records(store.con, "stories") if "bao-w_copy#1" in s["article_ids"])
        assert story["duplicates"] == [["bao-w_copy#1", "bao-x_hoi-dam#1"]]


def test_new_similarity_settings_rebuild_the_stories(tmp_path: Path) -> None:
    db, pages = str(tmp_path / "s.duckdb"), tmp_path / "pages"
    write_pages(pages, ["bao-x_hoi-dam", "bao-y_lavrov", "bao-z_eu"])
    with Store(db) as store:
        run_corpus([str(pages)], store, Settings(db=db, workers=1))
        assert len({_story_of(store, a) for a in ("bao-x_hoi-dam#1", "bao-y_lavrov#1")}) == 1
        strict = CorpusParams(clusters=ClusterParams(threshold=0.99))
        cu = update_corpus(store, params=strict)
        assert cu.new_articles == 3 and any("rebuilt" in n for n in cu.notes)
        assert len({_story_of(store, a) for a in ("bao-x_hoi-dam#1", "bao-y_lavrov#1")}) == 2
        assert update_corpus(store, params=strict).new_articles == 0


def test_changed_document_replaces_its_index_entries(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    pages = write_pages(tmp_path / "pages", ["bao-z_eu"])
    with Store(db) as store:
        run_corpus([str(pages)], store, Settings(db=db, workers=1))
        page = pages / "bao-z_eu.txt"
        page.write_text(page.read_text(encoding="utf-8").replace("ngân hàng", "hàng không"), encoding="utf-8")
        run_corpus([str(pages)], store, Settings(db=db, workers=1))
    index = SearchIndex(index_path_for(db))
    assert index.search("ngan hang", kinds=["article"]) == []
    assert len(index.search("hang khong", kinds=["article"])) == 1
