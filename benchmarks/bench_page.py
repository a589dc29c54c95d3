"""Page stage benchmark: body-line precision/recall/F1 and pages/s, sukien vs jusText.

On the seed pages (../shared/seeds) with their gold answers (../shared/gold/seeds), body lines
are compared as (doc, line) pairs, as ``../shared/tools/score.py`` does:

- sukien: ingest (read, decode, normalise) + :func:`sukien.page.extract_articles`;
- jusText: the same ingest, then every source line wrapped as one ``<p>`` paragraph and
  ``justext.justext`` with ``justext.get_stoplist("Vietnamese")``; a line is kept when its
  paragraph is not boilerplate.

Each pass over the pages is repeated ``--repeat`` times for a stable pages/s figure.

Run: ``.venv/bin/python benchmarks/bench_page.py [--seeds DIR] [--gold DIR] [--repeat N]``
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sukien.ingest import iter_documents
from sukien.page import PageResources, extract_articles
from sukien.records import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUKIEN_SHARED", ROOT.parent / "shared"))
_P_INDEX = re.compile(r"/p\[(\d+)\]$")

Pairs = set[tuple[str, int]]


@dataclass(frozen=True)
class Score:
    name: str
    precision: float
    recall: float
    f1: float
    pages_per_s: float
    pages: int


def gold_pairs(gold_dir: Path) -> Pairs:
    """(doc_id, line) pairs of every gold article body line."""
    pairs: Pairs = set()
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for art in gold.get("articles", []):
            pairs.update((gold["doc_id"], no) for no in art.get("body_lines", []))
    return pairs


def read_pages(seeds: Path) -> list[Document]:
    return [d for d in iter_documents([seeds]) if isinstance(d, Document)]


def sukien_lines(doc: Document, res: PageResources) -> set[int]:
    return {no for art in extract_articles(doc, res) for no in art.body_lines}


def justext_lines(doc: Document, stoplist: frozenset[str]) -> set[int]:
    import justext

    lines = doc.text.split("\n")
    page = "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines) + "</body></html>"
    kept: set[int] = set()
    for par in justext.justext(page, stoplist):
        m = _P_INDEX.search(par.xpath)
        if m and not par.is_boilerplate:
            kept.add(int(m[1]))
    return kept


def _prf(system: Pairs, gold: Pairs) -> tuple[float, float, float]:
    tp = len(system & gold)
    p = tp / len(system) if system else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _measure(name: str, seeds: Path, gold: Pairs, repeat: int,
             lines_of: Callable[[Document], set[int]]) -> Score:
    system: Pairs = set()
    pages = 0
    t0 = time.perf_counter()
    for n in range(repeat):
        for doc in read_pages(seeds):  # ingest is part of every pass
            got = lines_of(doc)
            pages += 1
            if n == 0:
                system.update((doc.doc_id, no) for no in got)
    seconds = time.perf_counter() - t0
    p, r, f = _prf(system, gold)
    return Score(name, p, r, f, pages / seconds if seconds else 0.0, pages // max(repeat, 1))


def run_bench(seeds: Path, gold_dir: Path, repeat: int = 20) -> list[Score]:
    """Scores of sukien and jusText on ``seeds`` against ``gold_dir``."""
    import justext

    gold = gold_pairs(gold_dir)
    res = PageResources.load()
    stoplist = justext.get_stoplist("Vietnamese")
    return [
        _measure("sukien", seeds, gold, repeat, lambda d: sukien_lines(d, res)),
        _measure("jusText (vi)", seeds, gold, repeat, lambda d: justext_lines(d, stoplist)),
    ]


def format_table(scores: Iterable[Score]) -> str:
    rows = [f"{'system':<14}{'precision':>10}{'recall':>10}{'F1':>8}{'pages/s':>10}{'pages':>7}"]
    for s in scores:
        rows.append(f"{s.name:<14}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}"
                    f"{s.pages_per_s:>10.1f}{s.pages:>7}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "seeds")
    ap.add_argument("--repeat", type=int, default=20, help="passes over the pages for pages/s")
    args = ap.parse_args(argv)
    for path in (args.seeds, args.gold):
        if not path.is_dir():
            print(f"{path}: no such folder", file=sys.stderr)
            return 2
    print(f"body lines on {args.seeds} (gold {args.gold}), {args.repeat} passes")
    print(format_table(run_bench(args.seeds, args.gold, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
