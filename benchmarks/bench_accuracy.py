"""Accuracy harness: sukien on the seed pages and on the development set, scored by the shared
scorer, with an error report grouped by cause.

    .venv/bin/python benchmarks/bench_accuracy.py            # both sets, figures and causes
    .venv/bin/python benchmarks/bench_accuracy.py --details  # also every miss and false event
    .venv/bin/python benchmarks/bench_accuracy.py --json figures.json

Sets (read from ``../shared``, never copied into the project):
- ``seeds``: ``../shared/seeds/*.txt`` scored against ``../shared/gold/seeds`` (where the first
  rules were written: an upper bound);
- ``dev``: the files of ``../shared/corpora/underthesea-unc-dantri/news_world/`` named in
  ``../shared/gold/dev-unc-2021/`` (50 dantri world articles of 2020–21 annotated by readers who
  never saw our output).

Each set runs through the real per-document pipeline (``run_corpus`` into a temporary DuckDB
store, then the contract's JSONL files), then ``../shared/tools/score.py --json`` and
``../shared/tools/causes.py``. The functions here are also used by the accuracy gates in
``tests/test_gate_dev.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUKIEN_SHARED", ROOT.parent / "shared"))
DEV_GOLD = "dev-unc-2021"
DEV_TEXTS = ("corpora", "underthesea-unc-dantri", "news_world")


@dataclass(frozen=True)
class SetRun:
    name: str
    scores: dict  # score.py --json
    causes: dict  # causes.py
    details: list[str]  # score.py --details lines (misses and false events)
    seconds: float
    docs: int


def gold_dir(name: str) -> Path:
    return SHARED / "gold" / ("seeds" if name == "seeds" else DEV_GOLD)


def set_inputs(name: str) -> list[Path]:
    """The input files of a set (raises FileNotFoundError naming what is missing)."""
    if name == "seeds":
        files = sorted((SHARED / "seeds").glob("*.txt"))
    else:
        texts = SHARED.joinpath(*DEV_TEXTS)
        files = [texts / f"{g.stem}.txt" for g in sorted(gold_dir(name).glob("*.json"))]
    missing = [f for f in files if not f.exists()]
    if not files or missing:
        raise FileNotFoundError(f"inputs of set {name!r} missing under {SHARED}: {missing[:3] or 'none found'}")
    return files


def run_set(name: str, work: Path, workers: int = 1) -> SetRun:
    """Run the pipeline on one set into ``work`` and score it."""
    from sukien.pipeline import run_corpus, write_outputs
    from sukien.settings import Settings
    from sukien.store import Store

    inp, out = work / f"{name}-in", work / f"{name}-out"
    inp.mkdir(parents=True, exist_ok=True)
    for f in set_inputs(name):
        shutil.copy(f, inp / f.name)
    db = work / f"{name}.duckdb"
    t0 = time.perf_counter()
    with Store(db) as store:
        summary = run_corpus([str(inp)], store, Settings(db=str(db), workers=workers))
        if summary.failed:
            raise RuntimeError(f"{summary.failed} documents of {name} failed: {summary.failures[:3]}")
        write_outputs(store, out, summary.doc_ids)
    seconds = time.perf_counter() - t0
    return SetRun(name, _score(name, out), _causes(name, out), _details(name, out), seconds, summary.docs)


def _tool(script: str, name: str, out: Path, *extra: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(SHARED / "tools" / script), "--gold", str(gold_dir(name)), "--out", str(out), *extra],
        capture_output=True, text=True, check=True,
    )
    return proc.stdout


def _score(name: str, out: Path) -> dict:
    return json.loads(_tool("score.py", name, out, "--json"))


def _causes(name: str, out: Path) -> dict:
    return json.loads(_tool("causes.py", name, out))


def _details(name: str, out: Path) -> list[str]:
    text = _tool("score.py", name, out, "--details")
    return [line for line in text.splitlines() if " MISS " in line or " FP " in line or "QUOTE" in line
            or "[unmatched article]" in line]


def figures_row(run: SetRun) -> dict[str, float]:
    s = run.scores
    return {
        "events P": s["events"]["p"], "events R": s["events"]["r"], "events F1": s["events"]["f1"],
        "quotes R": s["quotes"]["r"], "speaker": s["quotes"]["attr"], "quotes P": s["quotes"]["p"],
        "people F1": s["people"]["f1"], "states F1": s["states"]["f1"], "body F1": s["body"]["f1"],
    }


def report(runs: list[SetRun], details: bool = False) -> str:
    lines = []
    cols = list(figures_row(runs[0]))
    lines.append(f"{'set':<7}" + "".join(f"{c:>11}" for c in cols) + f"{'docs':>6}{'seconds':>9}")
    for r in runs:
        row = figures_row(r)
        lines.append(f"{r.name:<7}" + "".join(f"{row[c]:>11.3f}" for c in cols) + f"{r.docs:>6}{r.seconds:>9.1f}")
    for r in runs:
        e = r.scores["events"]
        lines.append(f"\n{r.name}: {e['sys']} scored system events, {e['gold_required']} required gold events")
        lines.append(f"  missed {r.causes['missed']} required events, by cause:")
        lines += [f"    {n:>4}  {cause}" for cause, n in r.causes["misses"].items()]
        lines.append(f"  {r.causes['wrong']} false events, by cause:")
        lines += [f"    {n:>4}  {cause}" for cause, n in r.causes["false_positives"].items()]
        if details:
            lines.append(f"  every miss and false event of {r.name}:")
            lines += [f"    {d}" for d in r.details]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="seeds,dev", help="comma-separated: seeds, dev")
    ap.add_argument("--details", action="store_true", help="list every miss and false event")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sukien-acc-") as tmp:
        runs = [run_set(name, Path(tmp), args.workers) for name in args.sets.split(",")]
    print(report(runs, args.details))
    if args.json:
        args.json.write_text(json.dumps({r.name: {"figures": figures_row(r), "causes": r.causes}
                                         for r in runs}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
