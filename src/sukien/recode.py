"""``sukien recode``: re-code the stored articles under the current rules, without the inputs.

A document whose stored fingerprint (``sukien.fingerprint``) differs from the current one is
re-coded from its stored articles: actors, quotes and events are computed again and replace
the old ones; its articles keep their text and cut. When the page-splitting rules changed
too, the document keeps its old ``page_fingerprint``, so a later ``sukien run`` on the inputs
re-reads and re-cuts it (``RecodeSummary.stale_pages`` counts these).

A document that fails to re-code keeps its old records (the failure is reported, and kept in
the store's ``failures`` table with reason ``recode_error``).
"""

from __future__ import annotations

import dataclasses
import json
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sukien import fingerprint
from sukien.pipeline import STAGE_VERSIONS, Resources, process_article
from sukien.records import Actor, Article, Event, Failure, Mention, Quote
from sukien.settings import Settings
from sukien.store.db import DocBatchItem, Store


@dataclass(frozen=True)
class StoredDoc:
    """A stored document and its articles, as re-coding needs them."""

    doc_id: str
    content_hash: str
    source: str
    versions: dict[str, str]
    articles: tuple[dict[str, Any], ...]


@dataclass
class RecodeSummary:
    run_id: str
    documents: int = 0  # documents in the store (status ok)
    current: int = 0  # already coded under the current fingerprint
    recoded: int = 0
    articles: int = 0
    stale_pages: int = 0  # re-coded, but cut into articles under older page rules
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    fingerprint: str = ""


def stale_documents(store: Store, versions: dict[str, str], force: bool = False) -> tuple[int, list[tuple]]:
    """(documents in the store, [(doc_id, content_hash, source, stored versions)] to re-code)."""
    rows = store.con.execute(
        "SELECT doc_id, content_hash, source, stage_versions FROM documents WHERE status = 'ok' ORDER BY doc_id"
    ).fetchall()
    todo = []
    for doc_id, chash, source, raw in rows:
        stored = json.loads(raw) if raw else {}
        if force or stored.get("fingerprint") != versions["fingerprint"]:
            todo.append((doc_id, chash, source, stored))
    return len(rows), todo


def _load(store: Store, batch: list[tuple]) -> list[StoredDoc]:
    by_doc: dict[str, list[dict[str, Any]]] = {d[0]: [] for d in batch}
    for rec in store.records("articles", list(by_doc)):
        by_doc[rec["doc_id"]].append(rec)
    return [StoredDoc(d, h, s, v, tuple(by_doc[d])) for d, h, s, v in batch]


def recode_document(doc: StoredDoc, res: Resources) -> DocBatchItem:
    """Actors, quotes and events of a stored document's articles, under the loaded rules."""
    articles: list[Article] = []
    mentions: list[Mention] = []
    events: list[Event] = []
    quotes: list[Quote] = []
    actors: dict[str, Actor] = {}
    timings = {"page": 0.0, "actors": 0.0, "quotes": 0.0, "events": 0.0}
    for rec in doc.articles:
        art = dataclasses.replace(Article.from_dict(rec), actors=())
        art_ids, art_mentions, art_events, art_quotes, art_actors = process_article(art, res, timings)
        articles.append(dataclasses.replace(art, actors=art_ids))
        mentions += art_mentions
        events += art_events
        quotes += art_quotes
        actors.update(art_actors)
    return DocBatchItem(doc_id=doc.doc_id, content_hash=doc.content_hash, source=doc.source, articles=articles,
                        mentions=mentions, events=events, quotes=quotes, actors=list(actors.values()),
                        timings=timings)


def _safe(doc: StoredDoc, res: Resources) -> DocBatchItem | Failure:
    try:
        return recode_document(doc, res)
    except Exception as exc:  # one bad document must not stop the others
        return Failure(doc.source, "recode_error", f"{doc.doc_id}: {type(exc).__name__}: {exc} (old records kept)")


_WORKER: dict[str, Resources] = {}


def _init_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _WORKER["res"] = Resources.load()


def _work(doc: StoredDoc) -> DocBatchItem | Failure:
    return _safe(doc, _WORKER["res"])


def _mapper(workers: int) -> tuple[Callable[[list[StoredDoc]], Iterable[DocBatchItem | Failure]], Callable[[], None]]:
    if workers <= 1:
        res = Resources.load()
        return (lambda docs: [_safe(d, res) for d in docs]), (lambda: None)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    return (lambda docs: pool.map(_work, docs, chunksize=2)), (lambda: pool.shutdown(cancel_futures=True))


def _batches(items: list[tuple], size: int) -> Iterator[list[tuple]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def recode_store(store: Store, settings: Settings, *, force: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> RecodeSummary:
    """Re-code every document whose fingerprint is not the current one (all with ``force``)."""
    t0 = time.perf_counter()
    started = datetime.now(UTC).replace(tzinfo=None)
    fp = fingerprint.compute(STAGE_VERSIONS)
    versions = fp.versions(STAGE_VERSIONS)
    summary = RecodeSummary(run_id=uuid.uuid4().hex[:12], fingerprint=fp.full)
    summary.documents, todo = stale_documents(store, versions, force)
    summary.current = summary.documents - len(todo)
    if todo:
        mapper, closer = _mapper(min(settings.effective_workers(), len(todo)))
        try:
            for batch in _batches(todo, settings.batch_size):
                _write(store, list(mapper(_load(store, batch))), {d[0]: d[3] for d in batch}, versions, summary)
                if progress:
                    progress(summary.recoded + len(summary.failures), summary.articles)
        finally:
            closer()
    summary.seconds = time.perf_counter() - t0
    store.record_run(summary.run_id, started, ["recode"], {"docs": summary.recoded, "skipped": summary.current,
                                                           "failed": len(summary.failures),
                                                           "articles": summary.articles})
    return summary


def _write(store: Store, results: list[DocBatchItem | Failure], stored: dict[str, dict[str, str]],
           versions: dict[str, str], summary: RecodeSummary) -> None:
    items = [r for r in results if isinstance(r, DocBatchItem)]
    failures = [r for r in results if isinstance(r, Failure)]
    for it in items:
        page = stored[it.doc_id].get("page_fingerprint")
        it.stage_versions = dict(versions)
        if page != versions["page_fingerprint"]:  # articles keep their old cut: say so
            summary.stale_pages += 1
            if page:
                it.stage_versions["page_fingerprint"] = page
            else:
                del it.stage_versions["page_fingerprint"]
    store.write_batch(items, failures, summary.run_id)
    summary.recoded += len(items)
    summary.articles += sum(len(it.articles) for it in items)
    summary.failures += failures
