"""The corpus step: after per-document records are stored, bring duplicates, stories,
merged events and the search index up to date — at the cost of what changed.

Only new or changed articles are read (their text once: TF-IDF terms, MinHash signature and
LSH band keys come from one pass). Near-duplicates are found by looking the new band keys up
in the stored index. New articles are clustered among themselves and into the stored stories
of their time window through the stories' vector sums; only the stories that gain or lose
articles, their merged events and the duplicate groups that change are rewritten, in bulk.

This is the one corpus module that talks to the store (like ``pipeline.py`` does for the
per-document stages); the computations it calls are pure functions.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sukien.corpus.clusters import Assignment, StoryNodes, assign, day_ordinal, days_array
from sukien.corpus.dedup import (
    NEAR_THRESHOLD,
    DedupItem,
    batch_pairs,
    components,
    make_group,
)
from sukien.corpus.embed import Embedder, article_text, load_embedder
from sukien.corpus.features import Hasher, band_keys_many, jaccard
from sukien.corpus.featurize import featurize
from sukien.corpus.merge import ArticleInfo, affiliation_of, merge_from_dicts
from sukien.corpus.model import DuplicateGroup, as_dict
from sukien.corpus.neighbours import UNDATED, Pairs
from sukien.corpus.stories import CorpusParams, default_params, story_id, story_record
from sukien.corpus.tfidf import DocFreq, Vec, add_vecs, tfidf_many
from sukien.store import corpus_state as cs
from sukien.store import corpus_tables as ct
from sukien.store.db import Store
from sukien.store.search import SearchIndex, entry, index_path_for

Progress = Callable[[str, int, int], None]  # (step, done, total)
EMBED_SAVE_EVERY = 128  # articles embedded between saves of the embedding cache


@dataclass
class CorpusUpdate:
    new_articles: int = 0
    removed_articles: int = 0
    stories: int = 0  # stories in the store after the update
    touched_stories: int = 0  # stories written by this update
    duplicate_groups: int = 0
    merged_events: int = 0
    indexed_docs: int = 0
    similarity: str = ""
    embedded: int = 0  # texts embedded with e5 in this update
    candidate_pairs: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def embedder(self) -> str:  # the old name of ``similarity``
        return self.similarity


@dataclass
class _New:
    """The new articles of an update and their features, in one order."""

    rows: list[dict[str, Any]]
    days: np.ndarray
    hashes: list[str] = field(default_factory=list)  # article content hashes
    counts: list[Vec] = field(default_factory=list)  # TF-IDF term counts
    sigs: np.ndarray = field(default_factory=lambda: np.zeros((0, 128), np.uint32))
    texts: list[str] = field(default_factory=list)  # title + lead, for embeddings

    @property
    def ids(self) -> list[str]:
        return [r["article_id"] for r in self.rows]


def update_corpus(
    store: Store, similarity: str | None = None, params: CorpusParams | None = None,
    embedder: Embedder | None = None, index: SearchIndex | None = None, progress: Progress | None = None,
) -> CorpusUpdate:
    """Bring the store's corpus tables and search index up to date with its articles.

    ``similarity`` is ``tfidf`` (default), ``e5`` or ``hybrid``; an explicit ``embedder``
    (with no similarity named) means ``e5`` with that embedder.
    """
    t0 = time.perf_counter()
    if similarity is None and params is None and embedder is not None:
        similarity = "e5"
    params = params or default_params(similarity or "tfidf")
    summary = CorpusUpdate(similarity=params.similarity)
    con = store.con
    summary.notes += ct.ensure_schema(con)
    con.execute("BEGIN TRANSACTION")  # all or nothing: an interrupted update leaves the tables as they were
    try:
        if ct.get_meta(con, "params") not in (None, params.key()):
            ct.reset_stories(con)
            summary.notes.append("similarity settings changed: every story rebuilt")
        delta = ct.article_delta(con)
        summary.new_articles, summary.removed_articles = len(delta.new), len(delta.removed)
        if delta.new or delta.removed:
            _apply(con, delta, params, embedder, summary, progress)
            ct.set_meta(con, "params", params.key())
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    t1 = time.perf_counter()
    summary.indexed_docs = update_index(store, index)
    summary.timings["index"] = time.perf_counter() - t1
    for name, table in (("stories", "stories"), ("duplicate_groups", "duplicate_groups"),
                        ("merged_events", "merged_events")):
        row = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0]
        setattr(summary, name, row[0] if row else 0)
    summary.seconds = time.perf_counter() - t0
    return summary


class _Clock:
    """Seconds per step into ``summary.timings``; the next step's name to ``progress``."""

    _NEXT = {"features": "duplicates", "duplicates": "vectors", "vectors": "clusters", "clusters": "stories",
             "stories": "merged events", "merged": "search index"}

    def __init__(self, summary: CorpusUpdate, progress: Progress | None) -> None:
        self.summary, self.progress, self.t = summary, progress, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.summary.timings[name] = self.summary.timings.get(name, 0.0) + now - self.t
        self.t = now
        if self.progress and name in self._NEXT:
            self.progress(self._NEXT[name], 0, 1)


def _apply(con: Any, delta: ct.Delta, params: CorpusParams, embedder: Embedder | None, summary: CorpusUpdate,
           progress: Progress | None) -> None:
    clock = _Clock(summary, progress)
    removed_ids = [a for a, _ in delta.removed]
    lost = {s for _, s in delta.removed}
    dup_touched = ct.groups_of(con, removed_ids)
    ct.delete_members(con, removed_ids)
    cs.delete_signatures(con, removed_ids)
    new = _featurize(con, delta.new, params, progress)
    clock.lap("features")
    keys = band_keys_many(new.sigs)
    groups, gone_groups = _duplicates(con, new, keys, removed_ids, dup_touched)
    ct.replace_groups(con, gone_groups, [as_dict(g) for g in groups])
    cs.save_signatures(con, new.ids, new.hashes, new.sigs, keys)
    clock.lap("duplicates")
    vecs = _vectors(con, new, params, embedder, summary)
    new.counts = []  # the vectors are made: the raw term counts are no longer needed
    clock.lap("vectors")
    fixed = _copies_of_stored(con, new, groups)
    todo = [k for k in range(len(new.rows)) if k not in fixed]
    stories = _stories_near(con, new.days[todo], params)
    rescore = _hybrid_rescore(con, new, todo, params, embedder, summary) if params.similarity == "hybrid" else None
    result = assign([vecs[k] for k in todo], new.days[todo], params.clusters, _local_groups(new, groups, todo),
                    stories, rescore)
    summary.candidate_pairs = result.n_pairs
    clock.lap("clusters")
    placed = _place(con, new, todo, result, fixed)
    touched = set(placed.values()) | lost
    ct.insert_members(con, [(aid, placed[aid], r["doc_hash"], _day(new.days[k]))
                            for k, (aid, r) in enumerate(zip(new.ids, new.rows, strict=True))])
    _write_centroids(con, new, vecs, placed, stories, lost, params, embedder)
    summary.touched_stories = _write_stories(con, touched)
    clock.lap("stories")
    _write_merged(con, touched)
    clock.lap("merged")


def _day(d: Any) -> int | None:
    return None if int(d) == UNDATED else int(d)


# ---------------------------------------------------------------- features

def event_signatures(events: Sequence[tuple[str | None, str | None, str]], aff: Mapping[str, str]) -> list[str]:
    """``source>target:root`` (affiliations) of an article's events, each once.

    >>> event_signatures([("person:sergei-lavrov", "CHN", "04")], {"person:sergei-lavrov": "RUS.GOV"})
    ['RUS>CHN:04']
    """
    return sorted({f"{affiliation_of(s, aff) or '-'}>{affiliation_of(t, aff) or '-'}:{root}" for s, t, root in events})


def _featurize(con: Any, rows: list[dict[str, Any]], params: CorpusParams, progress: Progress | None,
               chunk: int = 1000) -> _New:
    """One pass over the new articles' texts, a chunk at a time: term counts, signatures,
    and the texts to embed (e5 and hybrid only)."""
    new = _New(rows, days_array([day_ordinal(r["published"]) for r in rows]))
    new.sigs = np.zeros((len(rows), 128), dtype=np.uint32)
    ids = new.ids
    events = ct.article_events(con, ids)
    aff = ct.affiliations(con)
    hasher = Hasher()
    want_text = params.similarity in ("e5", "hybrid")
    buf: list[tuple[str, str, str, str, list[str]]] = []
    for k, row in enumerate(ct.article_texts(con, ids)):
        buf.append(row)
        if len(buf) < chunk and k < len(ids) - 1:
            continue
        f = featurize(hasher, [b[1] for b in buf], [b[2] for b in buf], [b[4] for b in buf],
                      [event_signatures(events.get(b[0], []), aff) for b in buf], params.tfidf)
        new.counts += f.counts
        new.sigs[k + 1 - len(buf) : k + 1] = f.sigs
        new.hashes += [b[3] for b in buf]
        if want_text:
            new.texts += [article_text(b[1], b[2]) for b in buf]
        buf = []
        if progress:
            progress("features", k + 1, len(ids))
    assert len(new.counts) == len(ids)
    return new


# ---------------------------------------------------------------- near-duplicates

def _duplicates(con: Any, new: _New, keys: np.ndarray, removed: Sequence[str], touched: Mapping[str, list[str]],
                ) -> tuple[list[DuplicateGroup], list[str]]:
    """The duplicate groups that change (new or rebuilt) and the ids of the groups they replace."""
    items = [DedupItem(a, h, s) for a, h, s in zip(new.ids, new.hashes, new.sigs, strict=True)]
    edges = batch_pairs(items, keys=keys)
    cands = cs.band_candidates(con, new.ids, keys)
    gone = set(removed)
    kept = {g: [a for a in m if a not in gone] for g, m in touched.items()}
    stored = cs.load_signatures(con, {b for _, b in cands} | {a for m in kept.values() for a in m})
    mine = {it.article_id: it for it in items}
    for a, b in cands:
        if b in stored and (mine[a].content_hash == stored[b][0] or
                            jaccard(mine[a].signature, stored[b][1]) >= NEAR_THRESHOLD):
            edges.append((a, b))
    for members in kept.values():  # groups that lost an article: re-check who is still a copy
        edges += batch_pairs([DedupItem(a, *stored[a]) for a in members if a in stored])
    joined = ct.groups_of(con, [b for a, b in edges if b not in mine])
    hashes = {a: h for a, (h, _) in stored.items()} | {it.article_id: it.content_hash for it in items}
    groups = [make_group(g, hashes) for g in components(edges, [
        [a for a in m if a not in gone] for gid, m in joined.items() if gid not in touched])]
    return groups, sorted(set(touched) | set(joined))


def _local_groups(new: _New, groups: Sequence[DuplicateGroup], todo: Sequence[int]) -> list[list[int]]:
    """Duplicate groups as index lists into ``todo`` (the new articles being clustered)."""
    pos = {new.rows[k]["article_id"]: n for n, k in enumerate(todo)}
    out = []
    for g in groups:
        idx = [pos[a] for a in g.article_ids if a in pos]
        if len(idx) > 1:
            out.append(idx)
    return out


def _copies_of_stored(con: Any, new: _New, groups: Sequence[DuplicateGroup]) -> dict[int, str]:
    """New articles that copy a stored article: they join its story directly."""
    idx = {a: k for k, a in enumerate(new.ids)}
    old = {a for g in groups for a in g.article_ids if a not in idx}
    story = ct.story_of(con, old)
    out = {}
    for g in groups:
        home = next((story[a] for a in g.article_ids if a in story), None)
        if home:
            out.update({idx[a]: home for a in g.article_ids if a in idx})
    return out


# ---------------------------------------------------------------- vectors

def _vectors(con: Any, new: _New, params: CorpusParams, embedder: Embedder | None,
             summary: CorpusUpdate) -> list[Vec]:
    if params.similarity == "e5":
        from sukien.corpus.clusters import dense_vecs

        return dense_vecs(_embed(con, new, range(len(new.rows)), embedder, summary))
    terms, counts, n_docs = cs.load_df(con)
    df = DocFreq(terms, counts, n_docs).add([c[0] for c in new.counts])
    cs.add_df(con, [c[0] for c in new.counts])
    return tfidf_many(new.counts, df, params.tfidf.max_terms)


def _embed(con: Any, new: _New, which: Sequence[int] | range, embedder: Embedder | None,
           summary: CorpusUpdate) -> np.ndarray:
    """e5 vectors of new articles ``which`` (cached by content hash; one per distinct text)."""
    embedder = embedder or load_embedder()
    which = list(which)
    hashes = [new.hashes[k] for k in which]
    cached = cs.load_embeddings(con, embedder.name, hashes)
    todo = list({h: new.texts[k] if new.texts else "" for k, h in zip(which, hashes, strict=True)
                 if h not in cached}.items())
    side = con.cursor()  # its own transaction: embeddings are kept even if the update is interrupted
    try:
        for start in range(0, len(todo), EMBED_SAVE_EVERY):
            chunk = todo[start : start + EMBED_SAVE_EVERY]
            out = embedder.passages([t for _, t in chunk])
            fresh = {h: out[n] for n, (h, _) in enumerate(chunk)}
            cs.save_embeddings(side, embedder.name, fresh)
            cached.update(fresh)
            summary.embedded += len(fresh)
    finally:
        side.close()
    if not which:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([cached[h] for h in hashes]).astype(np.float32)


def _hybrid_rescore(con: Any, new: _New, todo: Sequence[int], params: CorpusParams,
                    embedder: Embedder | None, summary: CorpusUpdate) -> Callable[[Pairs], Pairs]:
    """Pairs in the uncertain TF-IDF band get their similarity from e5 instead."""
    lo, hi = params.band
    thr = params.clusters.threshold

    def rescore(pairs: Pairs) -> Pairs:
        band = (pairs.sim >= lo) & (pairs.sim < hi)
        if not band.any():
            return pairs
        arts = np.unique(np.concatenate([pairs.i[band], pairs.j[band]]))
        emb = _embed(con, new, [todo[a] for a in arts], embedder, summary)
        row = {int(a): n for n, a in enumerate(arts)}
        ei = emb[[row[int(a)] for a in pairs.i[band]]]
        ej = emb[[row[int(a)] for a in pairs.j[band]]]
        cos = np.einsum("ij,ij->i", ei, ej)
        sim = pairs.sim.copy()
        sim[band] = np.clip(thr + (cos - params.e5_threshold) * params.e5_slope, 0.0, 1.0)
        return Pairs(pairs.i, pairs.j, sim.astype(np.float32))

    return rescore


# ---------------------------------------------------------------- stories

def _stories_near(con: Any, days: np.ndarray, params: CorpusParams) -> StoryNodes:
    """Stored stories within the window of the new articles (all of them when one is undated)."""
    if len(days) == 0:
        return StoryNodes.empty()
    w = params.clusters.window_days
    dated = days[days != UNDATED]
    if len(dated) == len(days):
        where, args = "s.first_day IS NULL OR (s.last_day >= ? AND s.first_day <= ?)", \
            [int(dated.min()) - w, int(dated.max()) + w]
    else:
        where, args = "TRUE", []
    ids, sizes, sums = cs.load_centroids(con, where, args)
    if not ids:
        return StoryNodes.empty()
    rows = dict(((s, (f, la)) for s, f, la in con.execute(
        f"SELECT story_id, first_day, last_day FROM stories s WHERE {where}", args).fetchall()))
    first = np.array([UNDATED if rows[s][0] is None else rows[s][0] for s in ids], dtype=np.int64)
    last = np.array([UNDATED if rows[s][1] is None else rows[s][1] for s in ids], dtype=np.int64)
    return StoryNodes(ids, sizes, first, last, sums)


def _place(con: Any, new: _New, todo: Sequence[int], result: Assignment, fixed: Mapping[int, str]) -> dict[str, str]:
    """article_id → story id for every new article."""
    placed = {new.rows[k]["article_id"]: sid for k, sid in fixed.items()}
    clusters: dict[int, list[int]] = {}
    for n, lab in enumerate(result.labels.tolist()):
        clusters.setdefault(lab, []).append(todo[n])
    fresh = {lab: [new.rows[k]["article_id"] for k in ks] for lab, ks in clusters.items() if lab not in result.story}
    taken = ct.existing_story_ids(con, [story_id(ids) for ids in fresh.values()])
    for lab, ks in clusters.items():
        sid = result.story.get(lab) or story_id(fresh[lab], taken)
        placed.update({new.rows[k]["article_id"]: sid for k in ks})
    return placed


def _write_centroids(con: Any, new: _New, vecs: Sequence[Vec], placed: Mapping[str, str], near: StoryNodes,
                     lost: set[str], params: CorpusParams, embedder: Embedder | None) -> None:
    """Vector sums of the touched stories: old sum + new members, or recomputed from all
    members for the stories that lost articles."""
    gained: dict[str, list[Vec]] = {}
    for k, aid in enumerate(new.ids):
        gained.setdefault(placed[aid], []).append(vecs[k])
    known = dict(zip(near.ids, zip(near.sizes.tolist(), near.sums, strict=True), strict=True))
    missing = [s for s in gained if s not in known and s not in lost]
    if missing:
        ids, sizes, sums = cs.load_centroids(con, "s.story_id IN (SELECT unnest(?))", [missing])
        known.update(zip(ids, zip(sizes.tolist(), sums, strict=True), strict=True))
    out: dict[str, tuple[int, Vec]] = {}
    for sid, vs in gained.items():
        if sid in lost:
            continue
        n0, v0 = known.get(sid, (0, None))
        out[sid] = (int(n0) + len(vs), add_vecs(vs + ([v0] if v0 is not None else [])))
    out.update(_recomputed(con, lost, params, embedder))
    cs.replace_centroids(con, out, removed=lost)


def _recomputed(con: Any, story_ids: set[str], params: CorpusParams, embedder: Embedder | None,
                ) -> dict[str, tuple[int, Vec]]:
    """Vector sums of ``story_ids`` from their current members' texts (after removals)."""
    members = ct.story_members_of(con, story_ids)
    rows = [{"article_id": m["article_id"], "published": m["published"], "doc_hash": ""}
            for ms in members.values() for m in ms]
    if not rows:
        return {}
    new = _featurize(con, rows, params, None)
    if params.similarity == "e5":
        from sukien.corpus.clusters import dense_vecs

        vecs = dense_vecs(_embed(con, new, range(len(rows)), embedder, CorpusUpdate()))
    else:
        terms, counts, n_docs = cs.load_df(con)
        vecs = tfidf_many(new.counts, DocFreq(terms, counts, n_docs), params.tfidf.max_terms)
    by_id = dict(zip(new.ids, vecs, strict=True))
    return {sid: (len(ms), add_vecs([by_id[m["article_id"]] for m in ms])) for sid, ms in members.items()}


def _write_stories(con: Any, touched: set[str]) -> int:
    members = ct.story_members_of(con, touched)
    groups = ct.groups_of(con, [m["article_id"] for ms in members.values() for m in ms])
    records, days = [], {}
    for sid, ms in members.items():
        records.append(as_dict(story_record(sid, ms, list(groups.values()))))
        dated = [m["day"] for m in ms if m["day"] is not None]
        days[sid] = (min(dated), max(dated)) if dated else (None, None)
    ct.replace_stories(con, touched, records, days)
    return len(records)


def _write_merged(con: Any, touched: set[str], chunk: int = 2000) -> None:
    """Merged events of the touched stories, recomputed ``chunk`` stories at a time (events
    of different stories never merge)."""
    ids = sorted(touched)
    aff = ct.affiliations(con)
    for start in range(0, len(ids), chunk):
        _merge_stories(con, ids[start : start + chunk], aff)


def _merge_stories(con: Any, story_ids: list[str], aff: Mapping[str, str]) -> None:
    rows = ct.story_events(con, story_ids)
    infos = {}
    events = []
    for rec, published, outlet, sid in rows:
        e = json.loads(rec)
        events.append(e)
        infos[e["article_id"]] = ArticleInfo(published, outlet, sid)
    merged = merge_from_dicts(events, infos, aff)
    where = {e["event_id"]: (e["article_id"], e["char_start"]) for e in events}
    focus = {m.event_id: next((x for x in m.sources if where.get(x) == (m.article_id, m.char_start)),
                              m.sources[0] if m.sources else m.event_id) for m in merged}
    ct.replace_merged(con, story_ids, [as_dict(m) for m in merged], focus)


# ---------------------------------------------------------------- search index

def update_index(store: Store, index: SearchIndex | None = None) -> int:
    """Add new or changed documents to the search index, drop removed ones."""
    con = store.con
    # keyed by content and fingerprint: a document re-coded under new rules is re-indexed too
    current = dict(con.execute(f"SELECT d.doc_id, {ct.DOC_VERSION} FROM documents d WHERE d.status = 'ok'").fetchall())
    done = ct.indexed_docs(con)
    changed = [d for d, h in current.items() if done.get(d) != h]
    removed = [d for d in done if d not in current]
    if not changed and not removed:
        return 0
    index = index or SearchIndex(index_path_for(store.path))
    index.replace_docs(changed + removed, _entries(store, changed))
    ct.set_indexed(con, {d: current[d] for d in changed}, removed)
    return len(changed)


def _entries(store: Store, doc_ids: list[str]) -> Iterator[dict[str, Any]]:
    """Index entries of the documents, streamed (a whole corpus never sits in memory)."""
    if not doc_ids:
        return
    aff = ct.affiliations(store.con)

    def with_aff(*ids: str | None) -> list[str]:
        return [x for i in ids if i for x in (i, affiliation_of(i, aff)) if x]

    for start in range(0, len(doc_ids), 2000):
        chunk = doc_ids[start : start + 2000]
        out = [entry("article", a, a["title"], a["body"], a.get("published"), with_aff(*a.get("actors", [])))
               for a in store.records("articles", chunk)]
        out += [entry("quote", q, q.get("speaker_text") or "", q["text"], q.get("date"), with_aff(q.get("speaker")))
                for q in store.records("quotes", chunk)]
        for e in store.records("events", chunk):
            title = f"{e.get('source') or '?'} → {e.get('target') or '–'} {e['cameo']}"
            out.append(entry("event", e, title, e["sentence"], e.get("date"),
                             with_aff(e.get("source"), e.get("target")), e["root"]))
        yield from out
