"""What the trust features cost: the rules' fingerprint, entity decoding at ingest, `recode`
against a first run, the unchanged re-run (fingerprint compared), and a serve snapshot.

Corpus: the dantri world pages of ../shared (``--limit N`` pages, default all 268). Everything
runs in this process with one worker, the document stage only (no corpus stage), side by side
in the same run:

    .venv/bin/python benchmarks/bench_trust.py [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORLD = ROOT.parent / "shared" / "corpora" / "underthesea-unc-dantri" / "news_world"


def _median_ms(fn, n: int = 20) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="at most this many pages")
    ap.add_argument("--json", default=None, help="write the figures here")
    args = ap.parse_args(argv)
    if not WORLD.is_dir():
        print(f"missing corpus: {WORLD}", file=sys.stderr)
        return 2
    from sukien import fingerprint
    from sukien.api.snapshot import SnapshotStore
    from sukien.data_files import DATA_DIR_ENV, package_data_dir
    from sukien.ingest import iter_documents
    from sukien.ingest.entities import decode_entities
    from sukien.pipeline import STAGE_VERSIONS, run_corpus
    from sukien.recode import recode_store
    from sukien.records import Document
    from sukien.settings import Settings
    from sukien.store import Store

    pages = sorted(WORLD.glob("news_world_*.txt"))[: args.limit]
    tmp = Path(tempfile.mkdtemp(prefix="bench-trust-"))
    figures: dict[str, float] = {"pages": len(pages)}
    try:
        figures["fingerprint_ms"] = _median_ms(lambda: fingerprint.compute(STAGE_VERSIONS))
        t0 = time.perf_counter()
        docs = [d for d in iter_documents(map(str, pages)) if isinstance(d, Document)]
        figures["read_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        for d in docs:
            decode_entities(d.text)
        figures["entities_s"] = time.perf_counter() - t0
        figures["entities_share_of_read"] = figures["entities_s"] / figures["read_s"]

        db = tmp / "s.duckdb"
        settings = Settings(db=str(db), workers=1)
        with Store(db) as store:
            first = run_corpus(list(map(str, pages)), store, settings)
            again = run_corpus(list(map(str, pages)), store, settings)
        figures["run_s"], figures["run_docs_per_s"] = first.seconds, first.docs / first.seconds
        figures["rerun_s"], figures["rerun_share"] = again.seconds, again.seconds / first.seconds
        figures["rerun_skipped"] = again.skipped

        edited = tmp / "data"
        edited.mkdir()
        text = (package_data_dir() / "event_patterns.tsv").read_text(encoding="utf-8")
        (edited / "event_patterns.tsv").write_text(text.replace("040\thội đàm\t", "046\thội đàm\t"), encoding="utf-8")
        os.environ[DATA_DIR_ENV] = str(edited)
        with Store(db) as store:
            t0 = time.perf_counter()
            rec = recode_store(store, settings)
            figures["recode_s"] = time.perf_counter() - t0
        del os.environ[DATA_DIR_ENV]
        figures["recode_docs"] = rec.recoded
        figures["recode_docs_per_s"] = rec.recoded / figures["recode_s"]
        figures["recode_vs_run"] = figures["recode_s"] / figures["run_s"]

        figures["store_mb"] = db.stat().st_size / 2**20
        t0 = time.perf_counter()
        snap = SnapshotStore(db, refresh_seconds=3600)
        figures["snapshot_s"] = time.perf_counter() - t0
        snap.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"pages: {len(pages)}, machine load: {os.getloadavg()[0]:.2f}")
    print(f"fingerprint (code + {len(fingerprint.data_files())} data files): {figures['fingerprint_ms']:.1f} ms")
    print(f"reading: {figures['read_s']:.2f} s, of which entity decoding {figures['entities_s'] * 1000:.1f} ms "
          f"({figures['entities_share_of_read']:.1%})")
    print(f"first run (1 worker): {figures['run_s']:.1f} s, {figures['run_docs_per_s']:.1f} docs/s")
    print(f"unchanged re-run: {figures['rerun_s']:.2f} s = {figures['rerun_share']:.1%} of the first "
          f"({figures['rerun_skipped']:.0f} skipped)")
    print(f"recode after a pattern edit: {figures['recode_s']:.1f} s, {figures['recode_docs_per_s']:.1f} docs/s "
          f"= {figures['recode_vs_run']:.2f} × the first run's time (no reading, no page split)")
    print(f"serve snapshot of a {figures['store_mb']:.1f} MB store: {figures['snapshot_s'] * 1000:.0f} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
