"""API latency under a bounded load loop on loopback.

Starts `sukien serve` on 127.0.0.1 (a free port) over a store built from ../shared/seeds
(or --db), sends --requests requests (default 2,000) from --concurrency workers (default 16)
round-robin over the main endpoints, stops at the count or after --max-seconds, and prints
throughput, p50/p99 latency per endpoint and the number of 5xx answers (exit 1 if any).

    .venv/bin/python benchmarks/bench_api.py --requests 2000 --concurrency 16
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # the only target: loopback

ENDPOINTS = {
    "health": "/api/health",
    "events": "/api/events?actor=RUS&limit=50",
    "events_filtered": "/api/events?dyad=RUS,BLR&date_from=2019&quad_class=1&limit=50",
    "timeline": "/api/timeline?limit=100",
    "dyad_series": "/api/dyads/series?a=RUS&b=BLR",
    "graph": "/api/graph",
    "actors": "/api/actors?limit=100",
    "quotes": "/api/quotes?speaker=person:alexander-lukashenko",
    "search": "/api/search?q=hoi%20dam",
    "article": "/api/articles/{article}",
    "dashboard": "/",
}


def build_store(folder: Path) -> Path:
    """The seed pages, processed with the corpus step (merged events, search index)."""
    from sukien.pipeline import run_corpus
    from sukien.settings import Settings
    from sukien.store import Store

    seeds = Path(os.environ.get("SUKIEN_SHARED", ROOT.parent / "shared")) / "seeds"
    db = folder / "bench_api.duckdb"
    with Store(db) as store:
        run_corpus([str(seeds)], store, Settings(db=str(db), workers=1))  # corpus stage included
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    exe = shutil.which("sukien", path=str(Path(sys.executable).parent)) or "sukien"
    proc = subprocess.Popen([exe, "serve", "--db", str(db), "--host", HOST, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start")


async def load(base: str, urls: dict[str, str], n_requests: int, concurrency: int,
               max_seconds: float) -> tuple[dict[str, list[float]], dict[int, int], float]:
    """Bounded loop: at most ``n_requests`` requests and ``max_seconds`` seconds."""
    names = list(urls)
    latencies: dict[str, list[float]] = {n: [] for n in names}
    statuses: dict[int, int] = {}
    counter = iter(range(n_requests))
    t0 = time.perf_counter()
    deadline = t0 + max_seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            for i in counter:
                if time.perf_counter() > deadline:
                    return
                name = names[i % len(names)]
                start = time.perf_counter()
                r = await client.get(urls[name])
                latencies[name].append((time.perf_counter() - start) * 1000)
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, statuses, time.perf_counter() - t0


def pct(values: list[float], p: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="an existing store (default: build one from ../shared/seeds)")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--max-seconds", type=float, default=120.0)
    args, _ = ap.parse_known_args(argv)  # run_all.py passes other benchmarks' flags on
    n_requests = max(1, min(args.requests, 100_000))
    concurrency = max(1, min(args.concurrency, 64))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else build_store(Path(tmp))
        port = free_port()
        server = start_server(db, port)
        try:
            base = f"http://{HOST}:{port}"
            article = httpx.get(base + "/api/articles?limit=1").json()["items"][0]["article_id"]
            urls = {k: v.format(article=quote(article, safe="")) for k, v in ENDPOINTS.items()}
            lat, statuses, secs = asyncio.run(load(base, urls, n_requests, concurrency, args.max_seconds))
        finally:
            server.terminate()
            server.wait(timeout=10)
    done = sum(len(v) for v in lat.values())
    errors = sum(n for code, n in statuses.items() if code >= 500)
    print(f"{done} requests in {secs:.1f}s, {concurrency} concurrent, on {HOST}: {done / secs:.0f} req/s; "
          f"status codes {dict(sorted(statuses.items()))}; 5xx: {errors}")
    print(f"{'endpoint':<16} {'n':>5} {'p50 ms':>8} {'p99 ms':>8}")
    for name, values in lat.items():
        print(f"{name:<16} {len(values):>5} {pct(values, 50):>8.1f} {pct(values, 99):>8.1f}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
