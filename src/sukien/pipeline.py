"""The ordered stages for one document, and the local (process-pool) corpus runner."""

from __future__ import annotations

import dataclasses
import json
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sukien.actors import ActorLexicon, anchor_date, link_article
from sukien.dates import PartialDate
from sukien.events.coder import QuoteRef, code_article
from sukien.events.tables import EventTables
from sukien.ingest import FieldMap, iter_documents
from sukien.page import PageResources, extract_articles
from sukien.quotes import find_quotes
from sukien.quotes.attribute import attribute_quotes
from sukien.records import Actor, Article, Document, Event, Failure, Mention, Quote
from sukien.settings import Settings
from sukien.store.db import DocBatchItem, Store
from sukien.text.sentences import split_sentences

STAGE_VERSIONS = {"page": "page.split.v1", "actors": "actors.lexicon.v1", "events": "events.cameo.v1",
                  "quotes": "quotes.v1"}


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
    """All per-document stages: page → articles (→ actors → events and quotes)."""
    articles: list[Article] = []
    mentions: list[Mention] = []
    events: list[Event] = []
    quotes: list[Quote] = []
    actors: dict[str, Actor] = {}
    for art in extract_articles(doc, res.page):
        art_mentions, art_events, art_quotes, art_actors = process_article(art, res)
        articles.append(dataclasses.replace(art, actors=tuple(dict.fromkeys(
            m.actor_id for m in art_mentions if not (m.as_place and m.how == "capital")))))
        mentions += art_mentions
        events += art_events
        quotes += art_quotes
        actors.update(art_actors)
    return DocBatchItem(
        doc_id=doc.doc_id, content_hash=doc.content_hash, source=doc.source, articles=articles,
        mentions=mentions, events=events, quotes=quotes, actors=list(actors.values()),
        stage_versions=STAGE_VERSIONS,
    )


def process_article(
    art: Article, res: Resources
) -> tuple[list[Mention], list[Event], list[Quote], dict[str, Actor]]:
    """Actors, quotes and events of one article."""
    linked = link_article(art, res.actors)
    known = {a.id: a for a in linked.actors}
    mentions = list(linked.mentions)
    anchor_iso = anchor_date(art)
    anchor = PartialDate.from_iso(anchor_iso) if anchor_iso else None
    quotes = attribute_quotes(art, find_quotes(art.body), mentions, anchor, art.published)
    refs = [QuoteRef(q.char_start, q.char_end, q.quote_id, q.speaker, q.direct) for q in quotes]

    def affiliation(actor_id: str) -> str:
        actor = known.get(actor_id) or res.actors.actors.get(actor_id)
        aff = actor.affiliation if actor else actor_id
        return aff.split(".", 1)[0] if not aff.startswith("person:") else aff

    events = code_article(art, split_sentences(art.body), mentions, refs, res.events, affiliation, anchor)
    for aid in {e.source for e in events} | {e.target for e in events} | {q.speaker for q in quotes}:
        if aid and aid not in known and aid in res.actors.actors:
            known[aid] = res.actors.actors[aid]
    return mentions, events, quotes, known


def safe_process(doc: Document, res: Resources) -> DocBatchItem | Failure:
    """``process_document`` that turns an unexpected exception into a recorded failure."""
    try:
        return process_document(doc, res)
    except Exception as exc:  # a bad document must never stop the corpus run
        return Failure(doc.source, "error", f"{doc.source}: {type(exc).__name__}: {exc}", doc_id=doc.doc_id)


# ---------------------------------------------------------------- local runner

_WORKER: dict[str, Resources] = {}


def _init_worker() -> None:
    _WORKER["res"] = Resources.load()


def _work(doc: Document) -> DocBatchItem | Failure:
    return safe_process(doc, _WORKER["res"])


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

    def counts(self) -> dict[str, int]:
        return {"docs": self.docs, "skipped": self.skipped, "failed": self.failed, "articles": self.articles}


def _batches(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    batch: list[Document | Failure] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_corpus(
    inputs: list[str], store: Store, settings: Settings,
    progress: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """Read, process and store every document of ``inputs``; unchanged documents are skipped."""
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    started = datetime.now(UTC).replace(tzinfo=None)
    t0 = time.perf_counter()
    fields = FieldMap(settings.field_id, settings.field_text, settings.field_title, settings.field_date,
                      settings.field_url)
    known = store.known_hashes()
    workers = settings.effective_workers()
    mapper, closer = _mapper(workers)
    try:
        for batch in _batches(iter_documents(inputs, fields), settings.batch_size):
            _run_batch(batch, known, mapper, store, summary)
            if progress:
                progress(summary.docs + summary.failed + summary.skipped, summary.articles)
    finally:
        closer()
    summary.seconds = time.perf_counter() - t0
    store.record_run(summary.run_id, started, inputs, summary.counts())
    return summary


def _mapper(workers: int) -> tuple[Callable, Callable[[], None]]:
    if workers <= 1:
        res = Resources.load()
        return (lambda docs: [safe_process(d, res) for d in docs]), (lambda: None)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    return (lambda docs: list(pool.map(_work, docs, chunksize=4))), (lambda: pool.shutdown(cancel_futures=True))


def _run_batch(batch: list[Document | Failure], known: dict[str, str], mapper: Callable,
               store: Store, summary: RunSummary) -> None:
    failures = [b for b in batch if isinstance(b, Failure)]
    docs: list[Document] = []
    for d in batch:
        if isinstance(d, Failure):
            continue
        summary.doc_ids.append(d.doc_id)
        if known.get(d.doc_id) == d.content_hash:
            summary.skipped += 1
        else:
            docs.append(d)
    results = mapper(docs) if docs else []
    items = [r for r in results if isinstance(r, DocBatchItem)]
    failures += [r for r in results if isinstance(r, Failure)]
    store.write_batch(items, failures, summary.run_id)
    for it in items:
        known[it.doc_id] = it.content_hash
    summary.docs += len(items)
    summary.failed += len(failures)
    summary.failures += failures
    summary.articles += sum(len(it.articles) for it in items)


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
    return counts
