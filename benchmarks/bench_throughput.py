"""Throughput and memory of the default ``sukien run`` (corpus stage included) on baomoi-2017.

What a user gets: every figure below is the wall time of the real command
``sukien run FILE --db DB -q`` (default settings: all cores, TF-IDF story similarity, the
corpus stage on), started as a subprocess; the split between the per-document stages and the
corpus stage is read from the run's row in the store (``runs.stage_seconds``). Peak RSS is the
whole process tree's (the command and its workers, sampled every 0.1 s).

Runs:
- default (no flag): the first ``--limit`` articles (600), and a bare
  ``underthesea.word_tokenize`` pass over the same texts in one process, in the same run;
- ``--whole``: all 35,440 articles, then ``--add`` new articles (1,000 dated 2026 news pages
  from vn-news-rss-2026, unseen by the first run) added to the same store;
- ``--scaling``: the per-document pipeline alone (``--no-corpus``) with 1 and 2 local workers,
  2 Dask workers, and an unchanged re-run (the earlier scaling targets).

    .venv/bin/python benchmarks/bench_throughput.py                  # 600 articles, ~2 minutes
    .venv/bin/python benchmarks/bench_throughput.py --whole          # the whole corpus: 20-40 minutes
    .venv/bin/python benchmarks/bench_throughput.py --scaling --limit 3000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import lzma
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUKIEN_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpora" / "baomoi-2017-throughput" / "baomoi_35k.jsonl.xz"
NEW_ARTICLES = SHARED / "corpora" / "vn-news-rss-2026" / "unified.jsonl"
SUKIEN = Path(sys.executable).with_name("sukien")
DOC_STAGES = ("read", "page", "actors", "quotes", "events", "store")
TARGETS = {"rate_600": 40.0, "vs_tokenize": 0.5, "whole_min": 20.0, "rss_gb": 2.0, "add_s": 60.0,
           "per_core": 30.0, "scaling": 1.7, "rerun": 0.05}


# ---------------------------------------------------------------- measuring

class TreePeak:
    """Peak resident memory of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int | None = None, every: float = 0.1) -> None:
        import psutil

        self.proc, self.every, self.peak = psutil.Process(pid), every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            with contextlib.suppress(psutil.Error):
                for p in [self.proc, *self.proc.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def sukien_run(jsonl: Path, db: Path, *extra: str) -> dict[str, Any]:
    """``sukien run JSONL --db DB -q [extra]`` as a user runs it: wall time, peak RSS of the
    process tree, and the run's own record (counts, seconds per stage)."""
    cmd = [str(SUKIEN), "run", str(jsonl), "--db", str(db), "-q", *extra]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreePeak(proc.pid) as peak:
        out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 3):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT n_docs, n_skipped, n_failed, n_articles, stage_seconds FROM runs "
                          "ORDER BY finished_at DESC LIMIT 1").fetchall()[0]
        total_articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    finally:
        con.close()
    stages = json.loads(row[4] or "{}")
    return {"seconds": seconds, "docs": row[0], "skipped": row[1], "failed": row[2], "articles": row[3],
            "stages": stages, "peak_rss": peak.peak, "store_articles": total_articles, "output": err[-600:]}


def child_tokenize(jsonl: str) -> dict[str, Any]:
    from underthesea import word_tokenize

    with open(jsonl, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    with TreePeak() as peak:
        word_tokenize("Khởi động mô hình.")  # load the model outside the timing
        t0 = time.perf_counter()
        for text in texts:
            word_tokenize(text)
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "docs": len(texts), "peak_rss": peak.peak}


def child_pipeline(jsonl: str, db: str, engine: str, workers: int) -> dict[str, Any]:
    """The per-document stages alone through ``run_corpus`` (``--scaling``)."""
    from sukien.pipeline import run_corpus
    from sukien.settings import Settings
    from sukien.store import Store

    settings = Settings(db=db, workers=workers, engine=engine, corpus=False)
    with TreePeak() as peak, Store(db) as store:
        t0 = time.perf_counter()
        summary = run_corpus([jsonl], store, settings)
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "docs": summary.docs, "skipped": summary.skipped, "failed": summary.failed,
            "articles": summary.articles, "stages": summary.stage_seconds, "peak_rss": peak.peak}


def run_child(*args: str) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- inputs

def corpus_rows(limit: int | None) -> Iterator[dict[str, Any]]:
    with lzma.open(CORPUS, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            yield json.loads(line)


def write_jsonl(path: Path, rows: Iterator[dict[str, Any]]) -> tuple[Path, int, int]:
    """The rows as a JSONL file; its number of articles and syllables (whitespace tokens)."""
    n = syllables = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
            syllables += len(row["text"].split())
    return path, n, syllables


def new_rows(n: int) -> Iterator[dict[str, Any]]:
    with NEW_ARTICLES.open(encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= n:
                return
            yield json.loads(line)


# ---------------------------------------------------------------- reporting

def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def print_runs(results: dict[str, dict[str, Any]], n: int) -> None:
    print(f"\n{'run':<34}{'seconds':>9}{'articles/s':>12}{'per-doc s':>11}{'corpus s':>10}{'peak RSS MB':>13}"
          f"{'docs':>7}{'skipped':>9}{'failed':>8}")
    for label, r in results.items():  # per-doc s: the wall time outside the corpus stage
        corpus = r.get("stages", {}).get("corpus", 0.0)
        print(f"{label:<34}{r['seconds']:>9.1f}{r.get('n', n) / r['seconds']:>12.1f}"
              f"{r['seconds'] - corpus:>11.1f}{corpus:>10.1f}{r['peak_rss'] / 2**20:>13.0f}"
              f"{r.get('docs', ''):>7}{r.get('skipped', 0):>9}{r.get('failed', 0):>8}")
    steps = {k: v for r in results.values() for k, v in r.get("stages", {}).items() if k.startswith("corpus.")}
    if steps:
        print("\ncorpus stage, seconds per step:")
        for label, r in results.items():
            st = r.get("stages", {})
            if st.get("corpus"):
                print(f"  {label:<38}" + "  ".join(f"{k[7:]} {v:.1f}" for k, v in st.items() if k.startswith("corpus.")))
        print("per-document stages, seconds (page/actors/quotes/events summed over the workers):")
        for label, r in results.items():
            st = r.get("stages", {})
            if st:
                print(f"  {label:<38}" + "  ".join(f"{s} {st.get(s, 0.0):.1f}" for s in DOC_STAGES))


def print_targets(rows: list[tuple[str, float, str, bool]]) -> None:
    print(f"\n{'target':<58}{'measured':>10}  {'wanted':<9} met")
    for name, value, wanted, ok in rows:
        met = "—" if wanted == "—" else ("yes" if ok else "NO")  # "—": a figure shown, no target
        print(f"{name:<58}{value:>10.3f}  {wanted:<9} {met}")


# ---------------------------------------------------------------- the three modes

def default_mode(opts: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    jsonl, n, syllables = write_jsonl(tmp / "first.jsonl", corpus_rows(opts.limit))
    print(f"… sukien run, first {n} articles ({_load()})", file=sys.stderr, flush=True)
    results = {f"sukien run (default), {n} articles": sukien_run(jsonl, tmp / "first.duckdb")}
    if not opts.no_tokenize:
        print("… underthesea word_tokenize", file=sys.stderr, flush=True)
        results["word_tokenize (1 process)"] = run_child("tokenize", str(jsonl))
    print(f"\nbaomoi-2017, first {n} articles, {syllables} syllables; {_load()}")
    print_runs(results, n)
    run = results[f"sukien run (default), {n} articles"]
    rate = n / run["seconds"]
    rows = [(f"default sukien run, articles/s ({n} articles, corpus stage included)", rate,
             f">= {TARGETS['rate_600']}", rate >= TARGETS["rate_600"])]
    if "word_tokenize (1 process)" in results:
        ratio = results["word_tokenize (1 process)"]["seconds"] / run["seconds"]
        rows.append(("default sukien run speed / word_tokenize speed", ratio, f">= {TARGETS['vs_tokenize']}",
                     ratio >= TARGETS["vs_tokenize"]))
    print_targets(rows)
    return {"runs": results, "targets": rows, "articles": n}


def whole_mode(opts: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    jsonl, n, syllables = write_jsonl(tmp / "all.jsonl", corpus_rows(None))
    db = tmp / "all.duckdb"
    print(f"… sukien run, all {n} articles ({_load()})", file=sys.stderr, flush=True)
    results = {f"sukien run (default), {n} articles": sukien_run(jsonl, db)}
    first = results[f"sukien run (default), {n} articles"]
    added_rows = list(new_rows(opts.add))
    more, n_new, _ = write_jsonl(tmp / "new.jsonl", iter(added_rows))
    print(f"… adding {n_new} new articles ({_load()})", file=sys.stderr, flush=True)
    label = f"+ {n_new} new articles, same store"
    results[label] = {**sukien_run(more, db), "n": n_new}
    print(f"… unchanged re-run ({_load()})", file=sys.stderr, flush=True)
    results["re-run, unchanged (all articles)"] = sukien_run(jsonl, db)
    print(f"\nbaomoi-2017, all {n} articles, {syllables} syllables; then {n_new} new articles "
          f"(vn-news-rss-2026); {_load()}")
    print_runs(results, n)
    peak = max(r["peak_rss"] for r in results.values()) / 2**30
    rows = [("whole corpus, minutes (corpus stage included)", first["seconds"] / 60, f"< {TARGETS['whole_min']}",
             first["seconds"] / 60 < TARGETS["whole_min"]),
            ("peak RSS, GB (process tree, both runs)", peak, f"< {TARGETS['rss_gb']}", peak < TARGETS["rss_gb"]),
            (f"adding {n_new} new articles, seconds", results[label]["seconds"], f"< {TARGETS['add_s']}",
             results[label]["seconds"] < TARGETS["add_s"]),
            ("unchanged re-run / first run", results["re-run, unchanged (all articles)"]["seconds"] / first["seconds"],
             f"< {TARGETS['rerun']}", results["re-run, unchanged (all articles)"]["seconds"] / first["seconds"]
             < TARGETS["rerun"])]
    print_targets(rows)
    return {"runs": results, "targets": rows, "articles": n}


def scaling_mode(opts: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    jsonl, n, syllables = write_jsonl(tmp / "scaling.jsonl", corpus_rows(opts.limit))
    plan = [("local 1 worker, no corpus", "local", 1, "l1"), ("local 2 workers, no corpus", "local", 2, "l2")]
    if not opts.no_dask:
        plan.append(("dask 2 workers, no corpus", "dask", 2, "d2"))
    results: dict[str, dict[str, Any]] = {}
    for label, engine, workers, db in plan:
        print(f"… {label}", file=sys.stderr, flush=True)
        results[label] = run_child("pipeline", str(jsonl), str(tmp / f"{db}.duckdb"), engine, str(workers))
    results["re-run, unchanged"] = run_child("pipeline", str(jsonl), str(tmp / "l2.duckdb"), "local", "2")
    if not opts.no_tokenize:
        print("… underthesea word_tokenize", file=sys.stderr, flush=True)
        results["word_tokenize (1 process)"] = run_child("tokenize", str(jsonl))
    print(f"\nbaomoi-2017, first {n} articles, {syllables} syllables; {_load()}")
    print_runs(results, n)
    one, two = results["local 1 worker, no corpus"], results["local 2 workers, no corpus"]
    rows = [("per-document stages, articles/s per core (1 worker)", n / one["seconds"],
             f">= {TARGETS['per_core']}", n / one["seconds"] >= TARGETS["per_core"]),
            ("2 workers / 1 worker (local)", one["seconds"] / two["seconds"], f">= {TARGETS['scaling']}",
             one["seconds"] / two["seconds"] >= TARGETS["scaling"])]
    if "dask 2 workers, no corpus" in results:
        ratio = one["seconds"] / results["dask 2 workers, no corpus"]["seconds"]
        rows.append(("2 Dask workers / 1 local worker", ratio, f">= {TARGETS['scaling']}", ratio >= TARGETS["scaling"]))
    if "word_tokenize (1 process)" in results:
        ratio = results["word_tokenize (1 process)"]["seconds"] / one["seconds"]
        rows.append(("1 worker speed / word_tokenize speed (1 process)", ratio, "—", True))
    rerun = results["re-run, unchanged"]["seconds"] / two["seconds"]
    rows.append(("unchanged re-run / first run", rerun, f"< {TARGETS['rerun']}", rerun < TARGETS["rerun"]))
    print_targets(rows)
    return {"runs": results, "targets": rows, "articles": n}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=600, help="first N articles (default 600)")
    ap.add_argument("--whole", action="store_true", help="the whole corpus, then --add new articles")
    ap.add_argument("--add", type=int, default=1000, help="new articles added after --whole (default 1000)")
    ap.add_argument("--scaling", action="store_true", help="per-document stages: 1 vs 2 workers, Dask, re-run")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask run of --scaling")
    ap.add_argument("--no-tokenize", action="store_true", help="skip the word_tokenize pass")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    opts, _ = ap.parse_known_args()
    if opts.child:
        kind, *args = opts.child
        out = child_tokenize(*args) if kind == "tokenize" else child_pipeline(*args[:3], int(args[3]))
        print(json.dumps(out))
        return
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is not available")
    with tempfile.TemporaryDirectory(prefix="sukien-bench-") as tmp:
        mode = whole_mode if opts.whole else scaling_mode if opts.scaling else default_mode
        figures = mode(opts, Path(tmp))
    if opts.json:
        Path(opts.json).write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
