"""The corpus step: after per-document records are stored, update duplicates, story
clusters, merged events and the search index — incrementally.

Only articles not yet clustered are embedded (embeddings and MinHash signatures are cached
in the store by content hash) and assigned to stories; old stories keep their ids. Merged
events are recomputed from all stored events (a cheap group-by). The search index gets
the new or changed documents only.

This is the one corpus module that talks to the store (like ``pipeline.py`` does for the
per-document stages); the computations it calls are pure functions.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sukien.corpus.clusters import ClusterItem, ClusterParams, assign_new, day_ordinal
from sukien.corpus.dedup import DedupItem, find_duplicates, signature
from sukien.corpus.embed import Embedder, article_text, load_embedder
from sukien.corpus.merge import ArticleInfo, affiliation_of, merge_from_dicts
from sukien.corpus.model import DuplicateGroup, Story
from sukien.store import corpus_tables as ct
from sukien.store.db import Store
from sukien.store.search import SearchIndex, entry, index_path_for

EMBED_SAVE_EVERY = 128  # articles embedded between saves of the embedding cache


@dataclass
class CorpusUpdate:
    new_articles: int = 0
    stories: int = 0
    duplicate_groups: int = 0
    merged_events: int = 0
    indexed_docs: int = 0
    embedder: str = ""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def update_corpus(
    store: Store, embedder: Embedder | None = None, params: ClusterParams | None = None,
    index: SearchIndex | None = None,
) -> CorpusUpdate:
    """Bring the store's corpus tables and search index up to date with its articles."""
    t0 = time.perf_counter()
    con = store.con
    ct.ensure_schema(con)
    arts = ct.article_rows(con)
    members = ct.story_members(con)
    is_new = [members.get(a["article_id"], ("", ""))[1] != a["content_hash"] for a in arts]
    summary = CorpusUpdate(new_articles=sum(is_new))
    groups = _duplicates(con, arts)
    assignment = {a["article_id"]: members[a["article_id"]][0] for a, n in zip(arts, is_new, strict=True) if not n}
    if summary.new_articles:
        embedder = embedder or load_embedder()
        summary.embedder = embedder.name
        vecs = _vectors(con, arts, embedder)
        params = params or ClusterParams(threshold=getattr(embedder, "cluster_threshold", 0.88))
        assignment = _assign(arts, is_new, vecs, assignment, groups, params)
    stories = build_stories(arts, assignment, groups)
    merged = _merged(store, arts, assignment)
    con.execute("BEGIN TRANSACTION")
    try:
        ct.replace_stories(con, {a["article_id"]: (assignment[a["article_id"]], a["content_hash"]) for a in arts},
                           [s.to_dict() for s in stories], [g.to_dict() for g in groups])
        ct.replace_merged(con, [m.to_dict() for m in merged])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    summary.indexed_docs = update_index(store, index)
    summary.stories, summary.duplicate_groups, summary.merged_events = len(stories), len(groups), len(merged)
    summary.seconds = time.perf_counter() - t0
    return summary


def _duplicates(con: Any, arts: list[dict[str, Any]]) -> list[DuplicateGroup]:
    sigs = ct.load_signatures(con, (a["content_hash"] for a in arts))
    missing = [a for a in arts if a["content_hash"] not in sigs]
    if missing:
        texts = ct.article_texts(con, [a["article_id"] for a in missing])
        fresh = {a["content_hash"]: signature(" ".join(texts.get(a["article_id"], ("", "")))) for a in missing}
        ct.save_signatures(con, fresh)
        sigs.update(fresh)
    return find_duplicates([DedupItem(a["article_id"], a["content_hash"], sigs[a["content_hash"]]) for a in arts])


def _vectors(con: Any, arts: list[dict[str, Any]], embedder: Embedder) -> np.ndarray:
    cached = ct.load_embeddings(con, embedder.name, (a["content_hash"] for a in arts))
    missing = list({a["content_hash"]: a for a in arts if a["content_hash"] not in cached}.values())
    for start in range(0, len(missing), EMBED_SAVE_EVERY):  # saved as it goes: an interrupted run keeps them
        chunk = missing[start:start + EMBED_SAVE_EVERY]
        texts = ct.article_texts(con, [a["article_id"] for a in chunk])
        out = embedder.passages([article_text(*texts.get(a["article_id"], ("", ""))) for a in chunk])
        fresh = {a["content_hash"]: out[i] for i, a in enumerate(chunk)}
        ct.save_embeddings(con, embedder.name, fresh)
        cached.update(fresh)
    if not arts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([cached[a["content_hash"]] for a in arts]).astype(np.float32)


def _item(a: Mapping[str, Any]) -> ClusterItem:
    return ClusterItem(a["article_id"], day_ordinal(a["published"]), frozenset(a["actors"]))


def _assign(
    arts: list[dict[str, Any]], is_new: list[bool], vecs: np.ndarray, old_assignment: dict[str, str],
    groups: Sequence[DuplicateGroup], params: ClusterParams,
) -> dict[str, str]:
    assignment = dict(old_assignment)
    for g in groups:  # a new copy of an old article joins the old article's story
        story = next((assignment[a] for a in g.article_ids if a in assignment), None)
        if story:
            for a in g.article_ids:
                assignment.setdefault(a, story)
    old_idx = [i for i, a in enumerate(arts) if a["article_id"] in assignment and not is_new[i]]
    new_idx = [i for i, a in enumerate(arts) if a["article_id"] not in assignment]
    pos = {arts[i]["article_id"]: k for k, i in enumerate(new_idx)}
    must = [(pos[x], pos[y]) for g in groups for x in g.article_ids for y in g.article_ids
            if x < y and x in pos and y in pos]
    labels, joined = assign_new([_item(arts[i]) for i in old_idx], vecs[old_idx],
                        [assignment[arts[i]["article_id"]] for i in old_idx],
                        [_item(arts[i]) for i in new_idx], vecs[new_idx], params, must)
    fresh: dict[int, list[str]] = {}
    for k, i in enumerate(new_idx):
        aid = arts[i]["article_id"]
        if joined[k] is not None:
            assignment[aid] = joined[k]  # type: ignore[assignment]
        else:
            fresh.setdefault(labels[k], []).append(aid)
    for ids in fresh.values():
        sid = story_id(ids)
        for aid in ids:
            assignment[aid] = sid
    return assignment


def story_id(article_ids: Sequence[str]) -> str:
    """A stable id for a new story: a hash of its first article id."""
    return "st_" + hashlib.sha256(min(article_ids).encode("utf-8")).hexdigest()[:12]


def build_stories(
    arts: Sequence[Mapping[str, Any]], assignment: Mapping[str, str], groups: Sequence[DuplicateGroup],
) -> list[Story]:
    """Story records: every article in exactly one story."""
    by_story: dict[str, list[Mapping[str, Any]]] = {}
    for a in arts:
        by_story.setdefault(assignment[a["article_id"]], []).append(a)
    dup_of = {aid: g for g in groups for aid in g.article_ids}
    stories = []
    for sid, members in by_story.items():
        members = sorted(members, key=lambda a: (a["published"] or "~", a["article_id"]))
        ids = {a["article_id"] for a in members}
        dups = {tuple(x for x in dup_of[i].article_ids if x in ids) for i in ids if i in dup_of}
        title = next((a["title"] for a in members if a["title"]), "")
        published = sorted(a["published"] for a in members if a["published"] and not a["published"].startswith("--"))
        stories.append(Story(story_id=sid, article_ids=tuple(a["article_id"] for a in members), title=title,
                             first_published=published[0] if published else None,
                             duplicates=tuple(sorted(d for d in dups if len(d) > 1))))
    return sorted(stories, key=lambda s: (s.first_published or "~", s.story_id))


def _affiliations(store: Store) -> dict[str, str]:
    return {r["id"]: r["affiliation"] for r in store.actor_records()}


def _merged(store: Store, arts: Sequence[Mapping[str, Any]], assignment: Mapping[str, str]) -> list:
    infos = {a["article_id"]: ArticleInfo(a["published"], a["outlet"], assignment.get(a["article_id"]))
             for a in arts}
    return merge_from_dicts(list(store.records("events")), infos, _affiliations(store))


def update_index(store: Store, index: SearchIndex | None = None) -> int:
    """Add new or changed documents to the search index, drop removed ones."""
    con = store.con
    # keyed by content and fingerprint: a document re-coded under new rules is re-indexed too
    current = dict(con.execute("SELECT doc_id, content_hash || coalesce('|' || (stage_versions->>'fingerprint'), '') "
                               "FROM documents WHERE status = 'ok'").fetchall())
    done = ct.indexed_docs(con)
    changed = [d for d, h in current.items() if done.get(d) != h]
    removed = [d for d in done if d not in current]
    if not changed and not removed:
        return 0
    index = index or SearchIndex(index_path_for(store.path))
    index.replace_docs(changed + removed, _entries(store, changed))
    ct.set_indexed(con, {d: current[d] for d in changed}, removed)
    return len(changed)


def _entries(store: Store, doc_ids: list[str]) -> list[dict[str, Any]]:
    if not doc_ids:
        return []
    aff = _affiliations(store)

    def with_aff(*ids: str | None) -> list[str]:
        return [x for i in ids if i for x in (i, affiliation_of(i, aff)) if x]

    out = []
    for a in store.records("articles", doc_ids):
        out.append(entry("article", a, a["title"], a["body"], a.get("published"), with_aff(*a.get("actors", []))))
    for q in store.records("quotes", doc_ids):
        out.append(entry("quote", q, q.get("speaker_text") or "", q["text"], q.get("date"), with_aff(q.get("speaker"))))
    for e in store.records("events", doc_ids):
        title = f"{e.get('source') or '?'} → {e.get('target') or '–'} {e['cameo']}"
        out.append(entry("event", e, title, e["sentence"], e.get("date"), with_aff(e.get("source"), e.get("target")),
                         e["root"]))
    return out
