"""Story clustering at archive scale: synthetic dated articles with vectors, 100k to 1M.

Each size runs in its own child process: synthetic articles are generated (a constant
number per day, so the archive spans more days as it grows; stories of 1–12 articles spread
over up to 3 days; sparse TF-IDF-like vectors of ~40 terms mixing the story's own rare terms
with frequent background terms drawn from a Zipf law), then clustered by the same function
the corpus stage calls (``sukien.corpus.clusters.assign_matrix``: windowed k-nearest
candidate pairs, then average-link over the sparse graph, component by component).

Printed per size: clustering seconds and microseconds per article, peak RSS of the child
and the part of it the clustering added over the generated data, candidate pairs, and
B-cubed F1 against the generating stories (a sanity check, not an accuracy figure). Time
and memory per article should stay about flat from 100k to 1M (linear growth).

    .venv/bin/python benchmarks/bench_scaling.py [--sizes 100000 300000 1000000] [--per-day 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

VOCAB = 1 << 22  # term space of the stories' own terms
BACKGROUND_VOCAB = 1 << 18  # frequent terms, Zipf-distributed
TOPIC_TERMS, ARTICLE_TOPIC, BACKGROUND = 16, 12, 28


def synthetic(n: int, per_day: int, seed: int = 7) -> tuple[Any, np.ndarray, np.ndarray]:
    """(CSR vectors, day of each article, story of each article), articles sorted by day."""
    from scipy import sparse

    rng = np.random.default_rng(seed)
    sizes = np.minimum(rng.geometric(1 / 3, size=n), 12)
    sizes = sizes[np.cumsum(sizes) <= n]
    sizes = np.append(sizes, np.ones(n - sizes.sum(), dtype=sizes.dtype))
    story = np.repeat(np.arange(len(sizes)), sizes)
    n_days = max(n // per_day, 1)
    start = rng.integers(0, n_days, len(sizes))
    day = start[story] + rng.integers(0, 3, n)
    topics = rng.integers(0, VOCAB, (len(sizes), TOPIC_TERMS))
    pick = np.argsort(rng.random((n, TOPIC_TERMS)), axis=1)[:, :ARTICLE_TOPIC]
    own = np.take_along_axis(topics[story], pick, axis=1)
    rank = (rng.zipf(1.3, (n, BACKGROUND)) - 1) % BACKGROUND_VOCAB + 1  # the tail wraps (no pile-up at the cap)
    cols = np.concatenate([own, VOCAB + rank], axis=1).astype(np.int32)
    width = ARTICLE_TOPIC + BACKGROUND
    mat = sparse.csr_matrix((np.ones(n * width, np.float32), cols.ravel(), np.arange(0, n * width + 1, width)),
                            shape=(n, VOCAB + BACKGROUND_VOCAB + 1))
    mat.sum_duplicates()
    # IDF-like weights (each term once): a story's own rare terms weigh 8–12, a background
    # term of Zipf rank r weighs 1 + 1.3·ln r (the most frequent ones barely count)
    bg = mat.indices >= VOCAB
    mat.data = np.where(bg, 1.0 + 1.3 * np.log(np.maximum(mat.indices - VOCAB, 1)),
                        rng.uniform(8.0, 12.0, mat.nnz)).astype(np.float32)
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    mat = sparse.csr_matrix(sparse.diags(1.0 / norms) @ mat, dtype=np.float32)
    order = np.argsort(day, kind="stable")
    return mat[order], day[order].astype(np.int64) + 730_000, story[order]


def _rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class Peak:
    """Peak RSS of this process, sampled every 20 ms in a thread."""

    def __init__(self) -> None:
        self.peak = _rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss())

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())


def child(n: int, per_day: int) -> dict[str, Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_clusters import bcubed
    from sukien.corpus.clusters import ClusterParams, assign_matrix

    t0 = time.perf_counter()
    x, days, truth = synthetic(n, per_day)
    gen = time.perf_counter() - t0
    base = _rss()
    with Peak() as peak:
        t1 = time.perf_counter()
        result = assign_matrix(x, np.arange(x.shape[1], dtype=np.uint64), days, ClusterParams())
        seconds = time.perf_counter() - t1
    sample = np.random.default_rng(1).choice(n, size=min(n, 50_000), replace=False)
    f1 = bcubed(result.labels[sample].tolist(), truth[sample].tolist())[2]
    return {"n": n, "days": int(days.max() - days.min() + 1), "generate_s": gen, "cluster_s": seconds,
            "pairs": result.n_pairs, "base_rss": base, "peak_rss": peak.peak,
            "max_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "f1": f1,
            "stories": int(len(np.unique(result.labels)))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    ap.add_argument("--per-day", type=int, default=1000, help="articles per day (default 1000)")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    opts, _ = ap.parse_known_args()
    if opts.child:
        print(json.dumps(child(opts.child, opts.per_day)))
        return
    rows = []
    for n in opts.sizes:
        print(f"… {n:,} articles", file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, __file__, "--child", str(n), "--per-day", str(opts.per_day)],
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(f"\nsynthetic archive, {opts.per_day} articles/day; load average {os.getloadavg()[0]:.1f}; "
          f"{os.cpu_count()} cores")
    print(f"{'articles':>10}{'days':>7}{'cluster s':>11}{'µs/article':>12}{'peak RSS MB':>13}"
          f"{'added MB':>10}{'bytes/article':>15}{'pairs':>11}{'pairs/article':>15}{'B3 F1':>8}")
    for r in rows:
        added = r["peak_rss"] - r["base_rss"]
        print(f"{r['n']:>10,}{r['days']:>7}{r['cluster_s']:>11.1f}{1e6 * r['cluster_s'] / r['n']:>12.1f}"
              f"{r['peak_rss'] / 2**20:>13.0f}{added / 2**20:>10.0f}{added / r['n']:>15.0f}{r['pairs']:>11,}"
              f"{r['pairs'] / r['n']:>15.1f}{r['f1']:>8.3f}")
    first = rows[0]
    for r in rows[1:]:
        k = r["n"] / first["n"]
        print(f"{r['n']:,} vs {first['n']:,} (×{k:.0f} articles): time ×{r['cluster_s'] / first['cluster_s']:.2f}, "
              f"added memory ×{(r['peak_rss'] - r['base_rss']) / max(first['peak_rss'] - first['base_rss'], 1):.2f}")
    if opts.json:
        Path(opts.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
