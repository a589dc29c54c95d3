"""Would underthesea's POS tagger or chunker pay for their cost in the document model?

    .venv/bin/python benchmarks/bench_chunk.py                 # first 200 baomoi-2017 articles
    .venv/bin/python benchmarks/bench_chunk.py --articles 400

``chunk`` runs below one article a second, so this benchmark has its own ``--articles`` and ignores
the other arguments ``run_all.py`` passes on (``--limit 2000`` would take most of an hour here).

Issue 11 allowed ``underthesea.pos_tag`` and ``underthesea.chunk`` (NP/VP/PP, offline CRF models)
in the document model "if they pay for their cost". This prints, on the same texts in one
process, side by side: a bare ``word_tokenize`` pass, ``pos_tag``, ``chunk``, and sukien's whole
per-document pipeline (page → actors → quotes → events, ``process_article``). The event coder
reads its own phrase structure (actor groups, classifiers, light verbs, clause markers, all data
files), so a tagger would be an extra pass on top of it: its articles/s bound what the pipeline
could reach with it. Corpus: ``../shared/corpora/baomoi-2017-throughput`` (read, never copied).
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import time
from collections.abc import Callable
from pathlib import Path

SHARED = Path(os.environ.get("SUKIEN_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPUS = SHARED / "corpora" / "baomoi-2017-throughput" / "baomoi_35k.jsonl.xz"


def texts(limit: int) -> list[str]:
    out: list[str] = []
    with lzma.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= limit:
                break
            out.append(json.loads(line)["text"])
    return out


def timed(fn: Callable[[str], object], docs: list[str]) -> float:
    fn("Khởi động mô hình.")  # load the model outside the timing
    start = time.perf_counter()
    for text in docs:
        for para in text.split("\n"):
            if para.strip():
                fn(para)
    return time.perf_counter() - start


def sukien_pass(docs: list[str]) -> float:
    from sukien.pipeline import Resources, process_article
    from sukien.records import Article

    res = Resources.load()
    arts = [Article(f"b{i}#1", f"b{i}", "", None, t, ()) for i, t in enumerate(docs)]
    process_article(arts[0], res)
    start = time.perf_counter()
    for art in arts:
        process_article(art, res)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200, help="first N articles (default 200)")
    opts, _ = ap.parse_known_args()  # run_all.py passes every benchmark's arguments on
    from underthesea import chunk, pos_tag, word_tokenize

    docs = texts(opts.articles)
    runs = {"word_tokenize": timed(word_tokenize, docs), "pos_tag": timed(pos_tag, docs),
            "chunk": timed(chunk, docs), "sukien per-document pipeline (article → events)": sukien_pass(docs)}
    print(f"baomoi-2017, first {len(docs)} articles, one process; load average {os.getloadavg()[0]:.1f}")
    print(f"{'pass':<52}{'seconds':>9}{'articles/s':>12}")
    for name, sec in runs.items():
        print(f"{name:<52}{sec:>9.1f}{len(docs) / sec:>12.1f}")
    both = len(docs) / (runs["sukien per-document pipeline (article → events)"] + runs["chunk"])
    print(f"{'sukien with a chunk pass added (bound)':<52}{'':>9}{both:>12.1f}")


if __name__ == "__main__":
    main()
