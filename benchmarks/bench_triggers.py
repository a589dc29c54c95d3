"""Trigger recall of ``event_patterns.tsv`` on BKEE, the Vietnamese ACE-style event gold, before and
after a change of the patterns, side by side.

    .venv/bin/python benchmarks/bench_triggers.py                    # before = the default revision
    .venv/bin/python benchmarks/bench_triggers.py --before issue-11  # any git revision
    .venv/bin/python benchmarks/bench_triggers.py --before-dir DIR   # DIR/event_patterns.tsv, DIR/event_cues.tsv
    .venv/bin/python benchmarks/bench_triggers.py --json triggers.json --examples 5

Corpus: ``../shared/corpora/bkee/data.gz`` (BKEE, Nguyen et al., LREC-COLING 2024; CC BY-NC 4.0,
used here for evaluation only and never copied into the project). Its ``.txt`` files are
word-segmented (``Công_an``); ``_`` is replaced by a space and the text normalised like the pipeline's
ingest (NFC, one tone placement), which keeps every offset of the brat ``.ann`` files. Each document becomes a ``Doc`` (``build_doc(article, (), (), None)``: no actors
are needed to find triggers) and ``find_triggers`` runs on each of its lines (one sentence a line).

A gold trigger of an ACE type is **covered** when a trigger we find overlaps its span and belongs
to one of the CAMEO roots the type maps to:

| ACE type | CAMEO roots | why |
|---|---|---|
| Attack | 18, 19, 20 | assault, fight, mass violence |
| Meet | 04 | consult (meet, discuss, negotiate) |
| Phone-write | 04 | 041 discuss by telephone |
| Demonstrate | 14 | protest |
| Arrest-jail | 17 | 173 arrest, detain |
| Charge-indict | 17, 11 | 173 charge with legal action; 112 accuse |
| Trial-hearing | 17, 11 | 173 legal action; 115 lawsuit |
| Sentence, Convict | 11, 17 | 116 find guilty / sentence; 173 |
| Sue | 11 | 115 bring a lawsuit |
| Execute | 18, 17 | 1823 kill (execution); 17 coercion |
| Extradite | 06, 17, 16 | 063 judicial cooperation (the codebook's home of extradition); 174 expel |
| Release-parole, Pardon | 08 | 0841 release persons |
| Fine | 17 | 172 administrative sanctions |
| Transfer-money | 07, 06 | aid and loans (07), investment (061); most BKEE money events are private commerce |
| Transfer-ownership | 06, 07 | trade and arms sales (06), donations (07); mostly private commerce |

The other ACE types are no CAMEO event: Be-born, Marry, Divorce, Die, Injure, Transport, Elect,
Start/End-position, Nominate, Start/End/Merge-org, Declare-bankruptcy, Appeal. For them the
benchmark counts gold triggers that one of our triggers (of any root) overlaps, with the words that
fire most: a false-trigger indicator. Some overlaps are right in CAMEO terms (a Die trigger
"giết" is an 18 kill; a Transport trigger "trục xuất" is a 174 expulsion; End-position "từ chức"
is 0831), so the listed words show which are. It also counts every trigger found on lines whose
gold events are all of such types.

Accepts and ignores the arguments of ``run_all.py`` it does not know; ``--limit N`` reads only the
first N documents.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sukien.data_files import read_tsv
from sukien.doc import build_doc
from sukien.events import tables as event_tables
from sukien.events.lexer import Trigger, find_triggers
from sukien.events.tables import EventTables, parse_template
from sukien.records import Article
from sukien.text.normalize import normalize_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUKIEN_SHARED", ROOT.parent / "shared"))
BKEE = SHARED / "corpora" / "bkee" / "data.gz"
BEFORE = "390e90fd0f798249e78439facf9efb577f48858e"  # issue-11 when the trigger families were added
DATA = "src/sukien/data"

MAPPED: dict[str, tuple[str, ...]] = {
    "Attack": ("18", "19", "20"), "Meet": ("04",), "Phone-write": ("04",), "Demonstrate": ("14",),
    "Arrest-jail": ("17",), "Charge-indict": ("17", "11"), "Trial-hearing": ("17", "11"),
    "Sentence": ("11", "17"), "Convict": ("11", "17"), "Sue": ("11",), "Execute": ("18", "17"),
    "Extradite": ("06", "17", "16"), "Release-parole": ("08",), "Pardon": ("08",), "Fine": ("17",),
    "Transfer-money": ("07", "06"), "Transfer-ownership": ("06", "07"),
}
NOT_CAMEO = ("Be-born", "Marry", "Divorce", "Die", "Injure", "Transport", "Elect", "Start-position",
             "End-position", "Nominate", "Start-org", "End-org", "Merge-org", "Declare-bankruptcy", "Appeal")


@dataclass(frozen=True)
class Gold:
    doc: str
    kind: str
    start: int
    end: int
    text: str


@dataclass
class Tally:
    """Counts of one table set (before or after)."""

    covered: Counter = field(default_factory=Counter)  # ACE type -> gold triggers covered (mapped root)
    any_root: Counter = field(default_factory=Counter)  # ACE type -> gold triggers overlapped by any trigger
    words: dict[str, Counter] = field(default_factory=dict)  # ACE type -> our trigger words that overlap
    misses: dict[str, list[str]] = field(default_factory=dict)  # ACE type -> missed gold words
    noise_lines: int = 0  # lines whose gold events are all non-CAMEO types
    noise_triggers: int = 0  # our triggers on those lines
    triggers: int = 0  # all triggers found
    seconds: float = 0.0


# ---------------------------------------------------------------- corpus


def read_bkee(path: Path, limit: int | None) -> Iterator[tuple[str, str, list[Gold]]]:
    """(document name, text with ``_`` as spaces, gold triggers) of every BKEE document."""
    with tarfile.open(path, "r:gz") as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        names = sorted(n[:-4] for n in members if n.endswith(".txt") and n[:-4] + ".ann" in members)
        for name in names[:limit]:
            raw = _read(tar, members[name + ".txt"]).replace("_", " ")
            text = normalize_text(raw)  # NFC, one tone placement, as the pipeline's ingest does
            if len(text) != len(raw):
                text = raw  # offsets must stay those of the .ann file
            yield name, text, _gold(name, _read(tar, members[name + ".ann"]))


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    fh = tar.extractfile(member)
    assert fh is not None
    return fh.read().decode("utf-8")


def _gold(name: str, ann: str) -> list[Gold]:
    """Trigger lines of the events (T lines referenced as the trigger of an E line)."""
    spans: dict[str, tuple[str, int, int, str]] = {}
    triggers: set[str] = set()
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 3:
            kind, _, offsets = cols[1].partition(" ")
            nums = [int(x) for x in re.findall(r"\d+", offsets)]
            if nums:
                spans[cols[0]] = (kind, min(nums), max(nums), cols[2])
        elif line.startswith("E") and len(cols) >= 2:
            head = cols[1].split()[0]
            triggers.add(head.split(":", 1)[1])
    return [Gold(name, *spans[t]) for t in sorted(triggers) if t in spans]


# ---------------------------------------------------------------- tables


def tables_from(patterns: Path, cues: Path) -> EventTables:
    """The event tables with patterns and cues read from other files (the speech verbs, codes and
    word lists stay the installed ones)."""
    t = EventTables.load()
    t.patterns = [parse_template(r["code"], r["template"], r.get("sym") == "sym", r.get("pos") == "n")
                  for r in read_tsv(patterns)]
    raw: dict[str, list[str]] = {}
    for r in read_tsv(cues):
        raw.setdefault(r["kind"], []).append(normalize_text(r["phrase"]).lower())
    t.cues = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in raw.items()}
    t.automaton = event_tables._automaton(t.patterns)
    t.tags = event_tables._cue_index(t.cues, t.speech)
    return t


def before_files(rev: str | None, folder: Path | None, work: Path) -> tuple[Path, Path]:
    if folder is not None:
        files = folder / "event_patterns.tsv", folder / "event_cues.tsv"
        missing = [str(f) for f in files if not f.exists()]
        if missing:
            raise SystemExit(f"--before-dir: missing {', '.join(missing)}")
        return files
    out = []
    for name in ("event_patterns.tsv", "event_cues.tsv"):
        proc = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{DATA}/{name}"],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"cannot read {name} at git revision {rev!r}: {proc.stderr.strip()}"
                             " (give another --before or --before-dir)")
        path = work / name
        path.write_text(proc.stdout, encoding="utf-8")
        out.append(path)
    return out[0], out[1]


# ---------------------------------------------------------------- measuring


def measure(docs: list[tuple[str, str, list[Gold]]], tables: EventTables) -> Tally:
    tally = Tally()
    t0 = time.perf_counter()
    for name, text, gold in docs:
        art = Article(article_id=f"{name}#1", doc_id=name, title="", title_line=None, body=text, body_lines=())
        doc = build_doc(art, (), (), None)
        pos = 0
        for line in text.split("\n"):
            found = find_triggers(doc, pos, pos + len(line), tables) if line.strip() else []
            tally.triggers += len(found)
            here = [g for g in gold if pos <= g.start < pos + len(line) + 1]
            _count_line(tally, text, here, found)
            pos += len(line) + 1
    tally.seconds = time.perf_counter() - t0
    return tally


def _count_line(tally: Tally, text: str, gold: list[Gold], found: list[Trigger]) -> None:
    for g in gold:
        hits = [t for t in found if t.start < g.end and g.start < t.end]
        roots = MAPPED.get(g.kind, ())
        if any(t.pattern.code[:2] in roots for t in hits):
            tally.covered[g.kind] += 1
        elif g.kind in MAPPED:
            tally.misses.setdefault(g.kind, []).append(g.text.replace("_", " ").lower())
        if hits:
            tally.any_root[g.kind] += 1
            words = tally.words.setdefault(g.kind, Counter())
            for t in hits:
                words[f"{text[t.start:t.end].lower()} {t.pattern.code}"] += 1
    if gold and all(g.kind in NOT_CAMEO for g in gold):
        tally.noise_lines += 1
        tally.noise_triggers += len(found)


# ---------------------------------------------------------------- report


def report(gold: Counter, before: Tally, after: Tally, examples: int) -> str:
    lines = ["Trigger recall on BKEE: gold triggers of each ACE type covered by a pattern of a mapped root",
             f"{'ACE type':<20}{'roots':<10}{'gold':>6}{'before':>8}{'share':>7}{'after':>8}{'share':>7}"
             f"{'any root':>10}"]
    total = Counter()
    for kind in sorted(MAPPED, key=lambda k: -gold[k]):
        n, b, a = gold[kind], before.covered[kind], after.covered[kind]
        total.update({"gold": n, "before": b, "after": a, "any": after.any_root[kind]})
        lines.append(f"{kind:<20}{','.join(MAPPED[kind]):<10}{n:>6}{b:>8}{_share(b, n):>7}{a:>8}"
                     f"{_share(a, n):>7}{after.any_root[kind]:>10}")
    lines.append(f"{'all mapped':<30}{total['gold']:>6}{total['before']:>8}{_share(total['before'], total['gold']):>7}"
                 f"{total['after']:>8}{_share(total['after'], total['gold']):>7}{total['any']:>10}")
    lines += ["", "False-trigger indicator: gold triggers of types that are no CAMEO event, overlapped by one "
              "of our triggers (any root)",
              f"{'ACE type':<20}{'gold':>6}{'before':>8}{'after':>8}   most frequent after (word code)"]
    for kind in sorted(NOT_CAMEO, key=lambda k: -gold[k]):
        top = ", ".join(f"{w} ×{c}" for w, c in after.words.get(kind, Counter()).most_common(4))
        lines.append(f"{kind:<20}{gold[kind]:>6}{before.any_root[kind]:>8}{after.any_root[kind]:>8}   {top}")
    lines += ["", f"Lines whose gold events are all non-CAMEO types: {after.noise_lines}; triggers found on them: "
              f"before {before.noise_triggers}, after {after.noise_triggers}",
              f"All triggers found: before {before.triggers}, after {after.triggers}; seconds: before "
              f"{before.seconds:.1f}, after {after.seconds:.1f}"]
    if examples:
        lines += ["", f"Most frequent missed gold words (after), {examples} per type:"]
        for kind in sorted(MAPPED, key=lambda k: -gold[k]):
            top = Counter(after.misses.get(kind, [])).most_common(examples)
            lines.append(f"  {kind:<20}" + ", ".join(f"{w} ×{c}" for w, c in top))
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bkee", type=Path, default=BKEE, help="BKEE data.gz")
    ap.add_argument("--before", default=BEFORE, help="git revision whose patterns and cues are the baseline")
    ap.add_argument("--before-dir", type=Path, help="folder with event_patterns.tsv and event_cues.tsv (baseline)")
    ap.add_argument("--limit", type=int, help="read only the first N documents")
    ap.add_argument("--examples", type=int, default=0, help="list the N most frequent missed words per type")
    ap.add_argument("--json", type=Path, help="write the counts here")
    args, _ = ap.parse_known_args(argv)
    if not args.bkee.exists():
        print(f"BKEE not found at {args.bkee} (set SUKIEN_SHARED or --bkee)", file=sys.stderr)
        return 2
    docs = list(read_bkee(args.bkee, args.limit))
    gold = Counter(g.kind for _, _, gs in docs for g in gs)
    with tempfile.TemporaryDirectory(prefix="sukien-trig-") as tmp:
        old = tables_from(*before_files(args.before, args.before_dir, Path(tmp)))
    before, after = measure(docs, old), measure(docs, EventTables.load())
    print(f"{len(docs)} BKEE documents, {sum(gold.values())} gold event triggers; baseline "
          f"{args.before_dir or args.before}")
    print(report(gold, before, after, args.examples))
    if args.json:
        args.json.write_text(json.dumps({
            "gold": gold, "before": {"covered": before.covered, "any_root": before.any_root},
            "after": {"covered": after.covered, "any_root": after.any_root}}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
