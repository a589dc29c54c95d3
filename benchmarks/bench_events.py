"""Event coding and quote attribution speed, and the size of the event pattern lexicon.

Runs ``process_document`` (page → actors → quotes → events, no store) in this process on

- the seed pages (``../shared/seeds``), and
- ``--limit`` records (default 500) of the dantri corpus
  (``../shared/corpora/underthesea-unc-dantri/unc_all.jsonl.gz``): every "world" record first
  (268), then records of the other categories in file order up to the limit,

and prints events/s and quotes/s over the seconds spent in the events and quotes stages
(``DocBatchItem.timings``) and over the whole per-document time, the share of negated and
non-asserted events, and the number of trigger patterns per CAMEO root in
``data/event_patterns.tsv``.

    .venv/bin/python benchmarks/bench_events.py [--limit 500]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from sukien.data_files import read_tsv
from sukien.ingest import iter_documents
from sukien.pipeline import Resources, process_document
from sukien.records import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUKIEN_SHARED", ROOT.parent / "shared"))
DANTRI = SHARED / "corpora" / "underthesea-unc-dantri" / "unc_all.jsonl.gz"


def dantri_records(limit: int) -> list[dict]:
    """World records first, then the other categories, up to ``limit``."""
    with gzip.open(DANTRI, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    world = [r for r in rows if r.get("category") == "world"]
    other = [r for r in rows if r.get("category") != "world"]
    return (world + other)[:limit]


def run(docs: list[Document], res: Resources) -> dict[str, float]:
    totals: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    t0 = time.perf_counter()
    for doc in docs:
        item = process_document(doc, res)
        for stage, sec in item.timings.items():
            seconds[stage] += sec
        totals["docs"] += 1
        totals["articles"] += len(item.articles)
        totals["events"] += len(item.events)
        totals["quotes"] += len(item.quotes)
        totals["direct"] += sum(q.direct for q in item.quotes)
        totals["negated"] += sum(e.negated for e in item.events)
        totals["not_asserted"] += sum(e.modality != "asserted" for e in item.events)
        totals["attributed"] += sum(q.speaker is not None for q in item.quotes)
    wall = time.perf_counter() - t0
    return {**totals, "wall": wall, **{f"sec_{k}": v for k, v in seconds.items()}}


def rate(n: float, sec: float) -> str:
    return f"{n / sec:,.0f}" if sec > 0 else "-"


def report(name: str, r: dict[str, float]) -> None:
    ev, qs = r.get("events", 0), r.get("quotes", 0)
    print(f"{name:<22}{int(r['docs']):>6}{int(r['articles']):>6}{int(ev):>7}{int(qs):>7}"
          f"{rate(ev, r.get('sec_events', 0)):>10}{rate(qs, r.get('sec_quotes', 0)):>10}"
          f"{rate(ev, r['wall']):>10}{rate(qs, r['wall']):>10}{rate(r['articles'], r['wall']):>8}")


def detail(name: str, r: dict[str, float]) -> None:
    ev, qs = max(r.get("events", 0), 1), max(r.get("quotes", 0), 1)
    print(f"  {name}: negated {r.get('negated', 0) / ev:.1%}, not asserted {r.get('not_asserted', 0) / ev:.1%} "
          f"of events; direct {r.get('direct', 0) / qs:.1%}, with a speaker {r.get('attributed', 0) / qs:.1%} "
          f"of quotes; stage seconds events {r.get('sec_events', 0):.2f}, quotes {r.get('sec_quotes', 0):.2f}, "
          f"actors {r.get('sec_actors', 0):.2f}, page {r.get('sec_page', 0):.2f}")


def pattern_table() -> None:
    codes = {row["code"]: row["name"] for row in read_tsv("cameo.tsv")}
    per_root: Counter[str] = Counter()
    frames: dict[str, Counter[str]] = {}
    for row in read_tsv("event_patterns.tsv"):
        root = row["code"][:2]
        per_root[root] += 1
        frames.setdefault(root, Counter())[row.get("frame") or "svo"] += 1
    print(f"\nevent pattern lexicon: {sum(per_root.values())} patterns over {len(per_root)} CAMEO roots")
    print(f"{'root':<6}{'patterns':>9}  {'frames':<40}name")
    for root in sorted(codes):
        if len(root) != 2:
            continue
        fr = ", ".join(f"{k} {v}" for k, v in sorted(frames.get(root, Counter()).items()))
        print(f"{root:<6}{per_root.get(root, 0):>9}  {fr:<40}{codes[root].lower()}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=500, help="dantri records to process")
    args, _ = ap.parse_known_args(argv)

    t0 = time.perf_counter()
    res = Resources.load()
    load = time.perf_counter() - t0
    seeds = [d for d in iter_documents([str(SHARED / "seeds")]) if isinstance(d, Document)]
    results: dict[str, dict[str, float]] = {}
    process_document(seeds[0], res)  # warm caches outside the timed runs
    results["seeds"] = run(seeds, res)
    if DANTRI.exists() and args.limit > 0:
        records = dantri_records(args.limit)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "dantri.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for rec in records:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            docs = [d for d in iter_documents([str(path)]) if isinstance(d, Document)]
        n_world = sum(r.get("category") == "world" for r in records)
        results[f"dantri world ({n_world})"] = run(docs[:n_world], res)
        if len(docs) > n_world:
            results[f"dantri other ({len(docs) - n_world})"] = run(docs[n_world:], res)

    print(f"event coding and quote attribution (Resources.load {load:.2f}s, one process)")
    print(f"{'set':<22}{'docs':>6}{'arts':>6}{'events':>7}{'quotes':>7}{'ev/s':>10}{'q/s':>10}"
          f"{'ev/s e2e':>10}{'q/s e2e':>10}{'art/s':>8}")
    print("  (ev/s, q/s: over the events / quotes stage time; e2e: over the whole per-document time)")
    for name, r in results.items():
        report(name, r)
    for name, r in results.items():
        detail(name, r)
    pattern_table()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
