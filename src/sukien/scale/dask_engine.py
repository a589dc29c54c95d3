"""Dask backend: the pipeline's per-document stages on a ``distributed`` cluster.

``dask_mapper`` returns a mapper with the same contract as the local runner's: given a batch of
documents it submits them at once and returns their results (``DocBatchItem`` or ``Failure``), one
per document and in order, waited for lazily. ``run_corpus`` keeps at most two batches in flight,
so memory stays flat whatever the corpus size; the store is written by the client process.

Heavy resources are built once per worker by a :class:`ResourcesPlugin` registered on the client
(also on workers that join later), named after the rules' fingerprint so changed code or data files get
fresh resources. Without a scheduler address a ``LocalCluster`` of single-threaded worker
processes is started, and closed again by the returned closer.

Example::

    engine = DaskEngine(workers=2)           # a LocalCluster with 2 worker processes
    try:
        results = list(engine.map(docs))
    finally:
        engine.close()
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator

from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin, get_worker

from sukien import fingerprint
from sukien.pipeline import STAGE_VERSIONS, Resources, safe_process
from sukien.records import Document, Failure
from sukien.store.db import DocBatchItem

Result = DocBatchItem | Failure
CHUNK = 4  # documents per Dask task: amortises the ~1 ms task overhead, keeps the load balanced


def plugin_name(key: str | None = None) -> str:
    """The worker plugin's name: keyed by the rules' fingerprint (stage code and data files,
    ``sukien.fingerprint``), the same key the store compares, so changed rules get fresh
    resources on the workers."""
    key = key or fingerprint.compute(STAGE_VERSIONS).full
    return "sukien-resources-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


class ResourcesPlugin(WorkerPlugin):
    """Builds :class:`Resources` once when a worker starts; tasks find them by plugin name."""

    def __init__(self) -> None:
        self.resources: Resources | None = None

    def setup(self, worker: object) -> None:
        self.resources = Resources.load()

    def __getstate__(self) -> dict[str, object]:  # never ship loaded resources over the wire
        return {"resources": None}


def process_chunk(docs: list[Document], name: str) -> list[Result]:
    """Run on a worker: every stage of each document, with the worker's resources."""
    plugin = get_worker().plugins[name]
    res = plugin.resources  # type: ignore[attr-defined]
    if res is None:  # the plugin was registered but setup has not run (should not happen)
        res = plugin.resources = Resources.load()  # type: ignore[attr-defined]
    return [safe_process(d, res) for d in docs]


def _results(client: Client, docs: list[Document], name: str) -> Iterator[Result]:
    chunks = [docs[i:i + CHUNK] for i in range(0, len(docs), CHUNK)]
    futures = client.map(process_chunk, chunks, name=name, pure=False)
    return _gather(futures, chunks)


def _gather(futures: list, chunks: list[list[Document]]) -> Iterator[Result]:
    for fut, chunk in zip(futures, chunks, strict=True):
        try:
            yield from fut.result()
        except KilledWorker as exc:  # a document that kills its worker must not stop the run
            for d in chunk:
                yield Failure(d.source, "error", f"{d.source}: worker died: {exc}", doc_id=d.doc_id)
        finally:
            fut.release()


class DaskEngine:
    """A Dask client (on ``scheduler``, or on a new LocalCluster of ``workers`` processes)
    whose workers hold the pipeline's resources."""

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        self.cluster: LocalCluster | None = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)
        self.plugin = plugin_name()
        try:
            self.client.register_plugin(ResourcesPlugin(), name=self.plugin)
        except Exception:
            self.close()
            raise

    def map(self, docs: list[Document]) -> Iterator[Result]:
        """Submit ``docs`` now; their results, in order, as they are iterated."""
        return _results(self.client, docs, self.plugin)

    def close(self) -> None:
        """Close the client, and the LocalCluster if this engine started one."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def dask_mapper(
    workers: int, scheduler: str | None = None
) -> tuple[Callable[[list[Document]], Iterator[Result]], Callable[[], None]]:
    """``run_corpus``'s batch mapper and closer for a Dask cluster (see :class:`DaskEngine`)."""
    engine = DaskEngine(workers, scheduler)
    return engine.map, engine.close
