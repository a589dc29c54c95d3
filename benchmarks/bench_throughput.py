"""Throughput, memory and scaling of the whole pipeline on the baomoi-2017 corpus (35,440 articles).

Runs the real pipeline end to end (page → articles → actors → events/quotes → DuckDB store) in
separate child processes, one per configuration, and prints a table against the targets:

- local runner with 1 worker and with 2 workers, Dask LocalCluster with 2 workers;
- an unchanged re-run (every document skipped by its content hash) vs the first run;
- a bare ``underthesea.word_tokenize`` pass over the same texts, in one process.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_throughput.py --limit 2000     # a quick run, ~5 minutes
    .venv/bin/python benchmarks/bench_throughput.py                  # the whole corpus: an hour or more

Figures: articles/s and syllables/s (whitespace tokens of the input texts) over the wall time of
``run_corpus``; peak RSS of the whole process tree (the runner and its workers, sampled every
0.1 s); per-stage seconds (read and store in the runner; page/actors/quotes/events summed over the
workers, so with 2 workers they add up to about twice the wall time).
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
CORPUS = ROOT.parent / "shared" / "corpora" / "baomoi-2017-throughput" / "baomoi_35k.jsonl.xz"
STAGES = ("read", "page", "actors", "quotes", "events", "store")
TARGETS = {"per_core": 20.0, "vs_tokenize": 0.5, "rss_gb": 1.5, "scaling": 1.7, "rerun": 0.05}


# ---------------------------------------------------------------- measuring (child side)

class TreePeak:
    """Peak resident memory of this process and all its descendants, sampled in a thread."""

    def __init__(self, every: float = 0.1) -> None:
        import psutil

        self.proc, self.every, self.peak = psutil.Process(), every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
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


def child_pipeline(jsonl: str, db: str, engine: str, workers: int) -> dict[str, Any]:
    from sukien.pipeline import run_corpus
    from sukien.settings import Settings
    from sukien.store import Store

    settings = Settings(db=db, workers=workers, engine=engine)
    with TreePeak() as peak, Store(db) as store:
        t0 = time.perf_counter()
        summary = run_corpus([jsonl], store, settings)
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "docs": summary.docs, "skipped": summary.skipped,
            "failed": summary.failed, "articles": summary.articles, "stages": summary.stage_seconds,
            "peak_rss": peak.peak}


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


# ---------------------------------------------------------------- driving (parent side)

def corpus_rows(limit: int | None) -> Iterator[dict[str, Any]]:
    with lzma.open(CORPUS, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            yield json.loads(line)


def prepare(limit: int | None, folder: Path) -> tuple[Path, int, int]:
    """The corpus (first ``limit`` rows) as a JSONL file; its number of articles and syllables."""
    path, n, syllables = folder / "baomoi.jsonl", 0, 0
    with path.open("w", encoding="utf-8") as out:
        for row in corpus_rows(limit):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
            syllables += len(row["text"].split())
    return path, n, syllables


def run_child(*args: str) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(jsonl: Path, folder: Path, opts: argparse.Namespace) -> dict[str, dict[str, Any]]:
    plan = [("local 1 worker", "local", 1, "l1"), ("local 2 workers", "local", 2, "l2")]
    if not opts.no_dask:
        plan.append(("dask 2 workers", "dask", 2, "d2"))
    results: dict[str, dict[str, Any]] = {}
    for label, engine, workers, db in plan:
        print(f"… {label}", file=sys.stderr, flush=True)
        results[label] = run_child("pipeline", str(jsonl), str(folder / f"{db}.duckdb"), engine, str(workers))
    print("… unchanged re-run (local 2 workers)", file=sys.stderr, flush=True)
    results["re-run, unchanged"] = run_child("pipeline", str(jsonl), str(folder / "l2.duckdb"), "local", "2")
    if not opts.no_tokenize:
        print("… underthesea word_tokenize", file=sys.stderr, flush=True)
        results["word_tokenize (1 process)"] = run_child("tokenize", str(jsonl))
    return results


# ---------------------------------------------------------------- reporting

def report(results: dict[str, dict[str, Any]], n: int, syllables: int) -> dict[str, Any]:
    print(f"\ncorpus: {n} articles, {syllables} syllables; {os.cpu_count()} cores; "
          f"load average now {os.getloadavg()[0]:.1f}\n")
    print(f"{'run':<28}{'seconds':>9}{'articles/s':>12}{'syllables/s':>13}{'peak RSS MB':>13}{'docs':>7}"
          f"{'skipped':>9}{'failed':>8}")
    for label, r in results.items():
        sec = r["seconds"]
        print(f"{label:<28}{sec:>9.1f}{n / sec:>12.1f}{syllables / sec:>13.0f}{r['peak_rss'] / 2**20:>13.0f}"
              f"{r['docs']:>7}{r.get('skipped', 0):>9}{r.get('failed', 0):>8}")
    print(f"\nper-stage seconds (ms/article){'':<6}" + "".join(f"{s:>15}" for s in STAGES))
    for label, r in results.items():
        if "stages" in r and r["docs"]:
            print(f"{label:<36}" + "".join(
                f"{r['stages'].get(s, 0):>8.1f} ({1000 * r['stages'].get(s, 0) / n:>4.1f})" for s in STAGES))
    return verdicts(results, n)


def verdicts(results: dict[str, dict[str, Any]], n: int) -> dict[str, Any]:
    one, two = results["local 1 worker"], results["local 2 workers"]
    rate1 = n / one["seconds"]
    rows: list[tuple[str, float, str, bool]] = [
        ("end to end, articles/s per core (1 worker)", rate1, f">= {TARGETS['per_core']}",
         rate1 >= TARGETS["per_core"]),
        ("2 workers / 1 worker (local)", one["seconds"] / two["seconds"], f">= {TARGETS['scaling']}",
         one["seconds"] / two["seconds"] >= TARGETS["scaling"]),
    ]
    if "dask 2 workers" in results:
        ratio = one["seconds"] / results["dask 2 workers"]["seconds"]
        rows.append(("2 Dask workers / 1 local worker", ratio, f">= {TARGETS['scaling']}",
                     ratio >= TARGETS["scaling"]))
    if "word_tokenize (1 process)" in results:
        tok = results["word_tokenize (1 process)"]["seconds"]
        rows.append(("pipeline speed / word_tokenize speed (1 core)", tok / one["seconds"],
                     f">= {TARGETS['vs_tokenize']}", tok / one["seconds"] >= TARGETS["vs_tokenize"]))
    peak = max(r["peak_rss"] for r in results.values()) / 2**30
    rows.append(("peak RSS, GB (largest run)", peak, f"< {TARGETS['rss_gb']}", peak < TARGETS["rss_gb"]))
    rerun = results["re-run, unchanged"]["seconds"] / two["seconds"]
    rows.append(("unchanged re-run / first run", rerun, f"< {TARGETS['rerun']}", rerun < TARGETS["rerun"]))
    print(f"\n{'target':<48}{'measured':>10}  {'wanted':<8} met")
    for name, value, wanted, ok in rows:
        print(f"{name:<48}{value:>10.3f}  {wanted:<8} {'yes' if ok else 'NO'}")
    return {"rows": [list(r) for r in rows], "runs": results, "articles": n}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N articles (default: all 35,440)")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask run")
    ap.add_argument("--no-tokenize", action="store_true", help="skip the word_tokenize pass")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if opts.child:
        kind, *args = opts.child
        out = child_tokenize(*args) if kind == "tokenize" else child_pipeline(*args[:3], int(args[3]))
        print(json.dumps(out))
        return
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is not available")
    with tempfile.TemporaryDirectory(prefix="sukien-bench-") as tmp:
        jsonl, n, syllables = prepare(opts.limit, Path(tmp))
        figures = report(measure(jsonl, Path(tmp), opts), n, syllables)
    if opts.json:
        Path(opts.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
