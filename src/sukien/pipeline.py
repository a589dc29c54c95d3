"""The ordered stages for one document, and the local (process-pool) corpus runner."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sukien import fingerprint
from sukien.actors import ActorLexicon, actor_side, anchor_date, link_article
from sukien.dates import PartialDate
from sukien.doc import build_doc
from sukien.events.coder import code_doc
from sukien.events.tables import EventTables
from sukien.ingest import FieldMap, iter_documents
from sukien.page import PageResources, extract_articles
from sukien.quotes import find_quotes
from sukien.quotes.attribute import attribute_quotes
from sukien.records import Actor, Article, Document, Event, Failure, Mention, Quote
from sukien.settings import Settings
from sukien.store.db import DocBatchItem, Store

STAGE_VERSIONS = {"page": "page.split.v1", "actors": "actors.lexicon.v1", "events": "events.cameo.v2",
                  "quotes": "quotes.v1"}
# The stage names above are stored with every document together with the rules' fingerprint
# (``sukien.fingerprint``: stage code and data files); a changed fingerprint re-codes.


@dataclass(frozen=True)
class Resources:
    """Heavy, read-only resources, built once per process or worker and passed to stages."""

    page: PageResources
    actors: ActorLexicon
    events: EventTables

    @classmethod
    def load(cls) -> Resources:
        return cls(page=PageResources.load(), actors=ActorLexicon.load(), events=EventTables.load())


def process_document(doc: Document, res: Resources) -> DocBatchItem:
    """All per-document stages: page → articles (→ actors → events and quotes).

    ``timings`` of the result holds the seconds spent in each stage (a few clock reads).
    """
    articles: list[Article] = []
    mentions: list[Mention] = []
    events: list[Event] = []
    quotes: list[Quote] = []
    actors: dict[str, Actor] = {}
    t0 = time.perf_counter()
    page_articles = extract_articles(doc, res.page)
    timings = {"page": time.perf_counter() - t0, "actors": 0.0, "quotes": 0.0, "events": 0.0}
    for art in page_articles:
        if len(art.body) > MAX_ARTICLE_CHARS:
            raise DocumentTooLarge(
                f"{doc.source}: article {art.article_id} has {len(art.body):,} characters of body "
                f"(limit {MAX_ARTICLE_CHARS:,})"
            )
    for art in page_articles:
        art_ids, art_mentions, art_events, art_quotes, art_actors = process_article(art, res, timings)
        articles.append(dataclasses.replace(art, actors=art_ids))
        mentions += art_mentions
        events += art_events
        quotes += art_quotes
        actors.update(art_actors)
    return DocBatchItem(
        doc_id=doc.doc_id, content_hash=doc.content_hash, source=doc.source, articles=articles,
        mentions=mentions, events=events, quotes=quotes, actors=list(actors.values()),
        stage_versions=STAGE_VERSIONS, timings=timings,
    )


def process_article(
    art: Article, res: Resources, timings: dict[str, float] | None = None
) -> tuple[tuple[str, ...], list[Mention], list[Event], list[Quote], dict[str, Actor]]:
    """Actors, quotes and events of one article (seconds per stage added to ``timings``)."""
    t0 = time.perf_counter()
    linked = link_article(art, res.actors)
    known = {a.id: a for a in linked.actors}
    mentions = list(linked.mentions)
    t1 = time.perf_counter()
    anchor_iso = anchor_date(art)
    anchor = PartialDate.from_iso(anchor_iso) if anchor_iso else None
    quotes = attribute_quotes(art, find_quotes(art.body), mentions, anchor, art.published)
    t2 = time.perf_counter()

    def side(actor_id: str, date: str | None) -> str:
        return actor_side(res.actors, known, actor_id, date or anchor_iso)

    def home(side_id: str) -> str:
        actor = res.actors.actors.get(side_id)
        return actor.affiliation if actor is not None and actor.kind == "org" else side_id.split(".")[0]

    doc = build_doc(art, mentions, quotes, anchor)
    def is_state(actor_id: str) -> bool:
        actor = res.actors.actors.get(actor_id)
        return actor is not None and actor.kind == "state"

    events = code_doc(doc, res.events, side, home, is_state)
    used = {e.source for e in events} | {e.target for e in events} | {q.speaker for q in quotes}
    used |= {e.source_person for e in events} | {e.target_person for e in events}
    for aid in used:
        if aid and aid not in known and aid in res.actors.actors:
            known[aid] = res.actors.actors[aid]
    if timings is not None:
        timings["actors"] += t1 - t0
        timings["quotes"] += t2 - t1
        timings["events"] += time.perf_counter() - t2
    return linked.actor_ids, mentions, events, quotes, known


# Size guards. The actor and event stages cost more than linear time in the length of one
# article (and of one paragraph), so a scraped dump of megabytes on one line or in one
# "article" would hold a worker for hours: such documents fail with reason ``too_large``.
MAX_DOC_CHARS = 5_000_000  # a whole document (a page, or one record's text)
MAX_LINE_CHARS = 200_000  # one line (a paragraph): longer ones are dumps, not pages
MAX_ARTICLE_CHARS = 400_000  # the body of one article (the stages are linear: ~6 s at the limit)


class DocumentTooLarge(Exception):
    """A document past one of the size guards (reason code ``too_large``)."""


def size_problem(doc: Document) -> str | None:
    """Why ``doc`` is too large to process, or None (checked before any stage runs)."""
    n = len(doc.text)
    if n > MAX_DOC_CHARS:
        return f"{doc.source}: {n:,} characters (limit {MAX_DOC_CHARS:,})"
    longest = max(map(len, doc.text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        return f"{doc.source}: a line of {longest:,} characters (limit {MAX_LINE_CHARS:,})"
    return None


def safe_process(doc: Document, res: Resources) -> DocBatchItem | Failure:
    """``process_document`` that turns an unexpected exception into a recorded failure
    (reason ``error``), and a document past the size guards into ``too_large``."""
    problem = size_problem(doc)
    if problem is not None:
        return Failure(doc.source, "too_large", problem, doc_id=doc.doc_id)
    try:
        return process_document(doc, res)
    except DocumentTooLarge as exc:
        return Failure(doc.source, "too_large", str(exc), doc_id=doc.doc_id)
    except Exception as exc:  # a bad document must never stop the corpus run
        return Failure(doc.source, "error", f"{doc.source}: {type(exc).__name__}: {exc}", doc_id=doc.doc_id)


# ---------------------------------------------------------------- local runner

_WORKER: dict[str, Resources] = {}


def _init_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle (it keeps finished batches)
    if "res" not in _WORKER:  # a forked worker inherits the parent's tables (see _start_mapper)
        _WORKER["res"] = Resources.load()


def _work(doc: Document) -> DocBatchItem | Failure:
    return safe_process(doc, _WORKER["res"])


Mapper = Callable[[list[Document]], Iterable[DocBatchItem | Failure]]
"""Processes a batch of documents; returns one result per document, in order (lazily: the work
is submitted when the mapper is called, and the results are waited for when iterated)."""


@dataclass
class RunSummary:
    run_id: str
    docs: int = 0
    skipped: int = 0
    failed: int = 0
    articles: int = 0
    seconds: float = 0.0
    doc_ids: list[str] = dataclasses.field(default_factory=list)
    failures: list[Failure] = dataclasses.field(default_factory=list)
    versions: dict[str, str] = dataclasses.field(default_factory=dict)  # stored with each document
    # seconds per stage: read and store in this process; page, actors, quotes and events summed
    # over the workers (so with N workers they can add up to N times the wall time)
    stage_seconds: dict[str, float] = dataclasses.field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    corpus: Any = None  # the corpus stage's ``CorpusUpdate`` (None with ``settings.corpus`` off)

    def counts(self) -> dict[str, int]:
        return {"docs": self.docs, "skipped": self.skipped, "failed": self.failed, "articles": self.articles}


STAGES = ("read", "page", "actors", "quotes", "events", "store", "corpus")
CorpusProgress = Callable[[str, int, int], None]  # (step, done, total) of the corpus stage


def _batches(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    batch: list[Document | Failure] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _timed(items: Iterable[Document | Failure], summary: RunSummary) -> Iterator[Document | Failure]:
    """``items``, adding the time spent producing them to the summary's ``read`` stage."""
    it = iter(items)
    while True:
        t0 = time.perf_counter()
        item = next(it, None)
        summary.stage_seconds["read"] += time.perf_counter() - t0
        if item is None:
            return
        yield item


def run_corpus(
    inputs: list[str], store: Store, settings: Settings,
    progress: Callable[[int, int], None] | None = None, corpus_progress: CorpusProgress | None = None,
) -> RunSummary:
    """Read, process and store every document of ``inputs``; unchanged documents are skipped.
    Then, with ``settings.corpus`` (the default), the corpus stage brings duplicates, stories,
    merged events and the search index up to date with what changed (``summary.corpus``;
    its time is ``stage_seconds["corpus"]``).

    Streams: documents are read, processed and written in batches of ``settings.batch_size``;
    while one batch is written the next one is already being processed.
    ``settings.engine`` picks the local process pool or a Dask cluster (``settings.scheduler``).
    """
    embedder = prepare_corpus_stage(settings) if settings.corpus else None
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    started = datetime.now(UTC).replace(tzinfo=None)
    t0 = time.perf_counter()
    fields = FieldMap(settings.field_id, settings.field_text, settings.field_title, settings.field_date,
                      settings.field_url)
    summary.versions = fingerprint.compute(STAGE_VERSIONS).versions(STAGE_VERSIONS)
    known = store.known_hashes(versions=summary.versions)
    mapper, closer = _mapper(settings)
    pending: _Pending | None = None
    try:
        for batch in _batches(_timed(iter_documents(inputs, fields), summary), settings.batch_size):
            submitted = _submit(batch, known, mapper, summary)
            if pending is not None:
                _finish(pending, known, store, summary, progress)
            pending = submitted
        if pending is not None:
            _finish(pending, known, store, summary, progress)
    finally:
        closer()
    summary.seconds = time.perf_counter() - t0
    store.record_run(summary.run_id, started, inputs, summary.counts(),
                     {**summary.stage_seconds, "total": summary.seconds})
    if settings.corpus:
        corpus_stage(store, settings, summary, corpus_progress, embedder)
    return summary


def prepare_corpus_stage(settings: Settings) -> Any:
    """Check the similarity setting and load what it needs (the e5 model for ``e5`` and
    ``hybrid``) before any document is processed: a mistake fails at once, not after hours."""
    from sukien.corpus.stories import default_params

    default_params(settings.similarity)
    if settings.similarity in ("e5", "hybrid"):
        from sukien.corpus.embed import load_embedder

        return load_embedder()
    return None


def corpus_stage(store: Store, settings: Settings, summary: RunSummary | None = None,
                 progress: CorpusProgress | None = None, embedder: Any = None) -> Any:
    """The corpus stage: duplicates, stories, merged events and the search index brought up to
    date (``sukien.corpus.update_corpus``). With the run's ``summary``, its time is added to the
    run (``stage_seconds["corpus"]``, each step as ``corpus.<step>``, in the store too)."""
    from sukien.corpus import update_corpus

    t0 = time.perf_counter()
    cu = update_corpus(store, similarity=settings.similarity, embedder=embedder, progress=progress)
    if summary is not None:
        summary.corpus = cu
        summary.stage_seconds["corpus"] = time.perf_counter() - t0
        summary.seconds += summary.stage_seconds["corpus"]
        steps = {f"corpus.{k}": v for k, v in cu.timings.items()}
        store.record_stage_seconds(summary.run_id, {**summary.stage_seconds, **steps, "total": summary.seconds})
    return cu


def _mapper(settings: Settings) -> tuple[Mapper, Callable[[], None]]:
    """The batch mapper of ``settings.engine`` and a function that releases its workers.

    Workers and resources are set up on the first batch that needs processing, so a re-run
    where every document is unchanged starts none.
    """
    started: list[tuple[Mapper, Callable[[], None]]] = []
    if settings.engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {settings.engine!r} (local or dask)")

    def mapper(docs: list[Document]) -> Iterable[DocBatchItem | Failure]:
        if not started:
            started.append(_start_mapper(settings))
        return started[0][0](docs)

    return mapper, (lambda: started[0][1]() if started else None)


def _start_mapper(settings: Settings) -> tuple[Mapper, Callable[[], None]]:
    if settings.engine == "dask":
        from sukien.scale.dask_engine import dask_mapper

        return dask_mapper(settings.effective_workers(), settings.scheduler)
    workers = settings.effective_workers()
    if workers <= 1:
        res = Resources.load()
        return (lambda docs: (safe_process(d, res) for d in docs)), (lambda: None)
    if multiprocessing.get_start_method() == "fork":
        _WORKER["res"] = Resources.load()  # loaded once, shared copy-on-write by every forked worker
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    return (lambda docs: pool.map(_work, docs, chunksize=4)), (lambda: pool.shutdown(cancel_futures=True))


@dataclass
class _Pending:
    """A submitted batch: its reading failures and the (lazy) results of its documents."""

    failures: list[Failure]
    results: Iterable[DocBatchItem | Failure]


def _submit(batch: list[Document | Failure], known: dict[str, str], mapper: Mapper,
            summary: RunSummary) -> _Pending:
    failures = [b for b in batch if isinstance(b, Failure)]
    docs: list[Document] = []
    for d in batch:
        if isinstance(d, Failure):
            continue
        summary.doc_ids.append(d.doc_id)
        if known.get(d.doc_id) == d.content_hash:
            summary.skipped += 1
        else:
            known[d.doc_id] = d.content_hash  # a second copy in this run is skipped
            docs.append(d)
    return _Pending(failures, mapper(docs) if docs else ())


def _finish(pending: _Pending, known: dict[str, str], store: Store, summary: RunSummary,
            progress: Callable[[int, int], None] | None) -> None:
    results = list(pending.results)
    items = [r for r in results if isinstance(r, DocBatchItem)]
    for it in items:
        it.stage_versions = summary.versions
    failures = pending.failures + [r for r in results if isinstance(r, Failure)]
    t0 = time.perf_counter()
    store.write_batch(items, failures, summary.run_id)
    summary.stage_seconds["store"] += time.perf_counter() - t0
    for it in items:
        for stage, sec in it.timings.items():
            summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + sec
    for f in failures:
        if f.doc_id:
            known.pop(f.doc_id, None)  # the store holds it as failed: a later copy is retried
    summary.docs += len(items)
    summary.failed += len(failures)
    summary.failures += failures
    summary.articles += sum(len(it.articles) for it in items)
    if progress:
        progress(summary.docs + summary.failed + summary.skipped, summary.articles)


# ---------------------------------------------------------------- outputs

def write_outputs(store: Store, out_dir: str | Path, doc_ids: list[str]) -> dict[str, int]:
    """Write the contract's JSONL files for ``doc_ids`` from the store."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    seen_actors: set[str] = set()
    for table in ("articles", "events", "quotes"):
        n = 0
        tmp = out / f".{table}.jsonl.tmp"
        with tmp.open("w", encoding="utf-8") as fh:
            for rec in store.records(table, doc_ids):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
                seen_actors.update(rec.get("actors") or ())
                seen_actors.update(x for x in (rec.get("source"), rec.get("target"), rec.get("speaker")) if x)
        os.replace(tmp, out / f"{table}.jsonl")
        counts[table] = n
    actors = store.actor_records(seen_actors)
    with (out / "actors.jsonl").open("w", encoding="utf-8") as fh:
        for rec in actors:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    counts["actors"] = len(actors)
    from sukien.store.corpus_tables import write_corpus_jsonl

    counts.update(write_corpus_jsonl(store.con, out, doc_ids))  # stories, merged events
    return counts
