"""Actor recognition on the seed pages: sukien vs underthesea ``ner()`` used alone.

Both systems read the same articles (sukien's page stage splits the seed pages; gold articles
are aligned to them with the scorer's own ``align``), so only actor recognition differs:

- **sukien**: ``link_article`` (lexicon, sectors, titles, persons, coreference); the article's
  ``actor_ids`` are what the pipeline writes to ``articles.jsonl``.
- **underthesea**: ``ner()`` on each sentence (``sent_tokenize``) of title and body. PER spans
  become ``person:<slug>`` (the folded name, hyphenated); LOC and ORG spans are looked up exactly
  (NFC, unified tone placement, case kept) in the names, aliases and capitals of sukien's
  ``states.tsv`` and the names, ids and aliases of ``orgs.tsv`` — a plain dictionary mapping,
  no sukien recognition logic. The row ``underthesea+dict`` gives the baseline the benefit of the
  doubt: a PER span whose text is exactly a state/organisation name ("Nga", "NATO" are often
  tagged PER) counts as that state/organisation instead of a person.

Scores are those of ``../shared/tools/score.py``: micro P/R/F1 over per-article sets; people =
person ids, states = affiliations of the non-person actors. Speed: sukien mentions/s over
``link_article`` time, underthesea spans/s over ``ner`` time (sentence splitting excluded),
both on the seed articles plus the first ``--limit`` dantri "world" articles.

    .venv/bin/python benchmarks/bench_actors.py [--limit 100] [--details]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import time
from pathlib import Path
from types import ModuleType

from sukien.actors import ActorLexicon, link_article
from sukien.data_files import read_tsv, split_list
from sukien.ingest import iter_documents
from sukien.page import PageResources, extract_articles
from sukien.records import Article, Document
from sukien.text.normalize import fold, normalize_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUKIEN_SHARED", ROOT.parent / "shared"))
WORLD = SHARED / "corpora" / "underthesea-unc-dantri" / "news_world"


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sukien_shared_score", SHARED / "tools" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------- underthesea baseline

def dictionary() -> dict[str, str]:
    """Surface (normalised, case kept) -> state/org id, from sukien's lexicon files."""
    table: dict[str, str] = {}
    for row in read_tsv("states.tsv"):
        if row.get("kind") == "former":
            continue
        for name in [row["name"], *split_list(row.get("aliases", "")), *split_list(row.get("capitals", ""))]:
            table.setdefault(normalize_text(name).strip(), row["id"])
    for row in read_tsv("orgs.tsv"):
        if row.get("kind") in ("news_agency", "media"):
            continue
        for name in [row["name"], row["id"], *split_list(row.get("aliases", ""))]:
            table.setdefault(normalize_text(name).strip(), row["id"])
    return table


def bio_spans(tagged: list[tuple[str, ...]]) -> list[tuple[str, str]]:
    """(type, text) spans from underthesea's (word, pos, chunk, ner) rows."""
    spans: list[tuple[str, list[str]]] = []
    prev = "O"
    for row in tagged:
        word, tag = row[0], row[-1]
        if tag == "O":
            prev = "O"
            continue
        kind = tag[2:]
        if tag.startswith("I-") and prev == kind and spans:
            spans[-1][1].append(word)
        else:
            spans.append((kind, [word]))
        prev = kind
    return [(k, " ".join(ws)) for k, ws in spans]


def slug(name: str) -> str:
    return "person:" + re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


class Underthesea:
    def __init__(self) -> None:
        from underthesea import ner, sent_tokenize

        self.ner, self.sent_tokenize = ner, sent_tokenize
        self.table = dictionary()
        self.seconds = 0.0
        self.spans = 0

    def actors(self, art: Article) -> tuple[set[str], set[str]]:
        """(as tagged, with the dictionary also tried on PER spans) actor ids of an article."""
        tagged_ids: set[str] = set()
        lenient: set[str] = set()
        for para in [art.title, *art.body.split("\n")]:
            if not para.strip():
                continue
            for sent in self.sent_tokenize(para):
                t0 = time.perf_counter()
                tagged = self.ner(sent)
                self.seconds += time.perf_counter() - t0
                for kind, text in bio_spans(tagged):
                    self.spans += 1
                    aid = self.table.get(normalize_text(text).strip())
                    if kind == "PER":
                        tagged_ids.add(slug(text))
                        lenient.add(aid or slug(text))
                    elif kind in ("LOC", "ORG") and aid:
                        tagged_ids.add(aid)
                        lenient.add(aid)
        return tagged_ids, lenient


# ---------------------------------------------------------------- sukien

class Sukien:
    def __init__(self, lex: ActorLexicon) -> None:
        self.lex = lex
        self.seconds = 0.0
        self.mentions = 0
        self.records: dict[str, dict] = {}

    def actors(self, art: Article) -> set[str]:
        t0 = time.perf_counter()
        linked = link_article(art, self.lex)
        self.seconds += time.perf_counter() - t0
        self.mentions += len(linked.mentions)
        for a in linked.actors:
            self.records[a.id] = a.to_dict()
        return set(linked.actor_ids)


# ---------------------------------------------------------------- scoring

def article_dict(art: Article) -> dict:
    return {"title": art.title, "title_line": art.title_line, "body_lines": list(art.body_lines)}


def score(scorer: ModuleType, gold: dict[str, dict], predicted: dict[str, list[tuple[Article, set[str]]]],
          records: list[dict], details: list[str], name: str) -> dict[str, dict]:
    actors = scorer.Actors(records)
    tp = {"people": 0, "states": 0}
    n_sys = {"people": 0, "states": 0}
    n_gold = {"people": 0, "states": 0}
    for doc_id, g in gold.items():
        sys_arts = predicted.get(doc_id, [])
        dicts = [article_dict(a) for a, _ in sys_arts]
        pairs = scorer.align(g.get("articles", []), dicts)
        index = {id(d): i for i, d in enumerate(dicts)}
        for gi, ga in enumerate(g.get("articles", [])):
            sa = pairs.get(gi)
            ids = sys_arts[index[id(sa)]][1] if sa is not None else set()
            got = {"people": {a for a in ids if actors.is_person(a)},
                   "states": {actors.affiliation(a) for a in ids if not actors.is_person(a)}}
            want = {"people": set(ga.get("people", [])), "states": set(ga.get("states", []))}
            for k in tp:
                tp[k] += len(got[k] & want[k])
                n_sys[k] += len(got[k])
                n_gold[k] += len(want[k])
                for miss in sorted(want[k] - got[k]):
                    details.append(f"{name:16} {doc_id}#{gi + 1} MISS {miss}")
                for fp in sorted(got[k] - want[k]):
                    details.append(f"{name:16} {doc_id}#{gi + 1} FP   {fp}")
    return {k: scorer.prf(tp[k], n_sys[k], n_gold[k]) for k in tp}


def read_docs(paths: list[Path]) -> list[Document]:
    return [d for d in iter_documents([str(p) for p in paths]) if isinstance(d, Document)]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=100, help="dantri world articles added for speed")
    ap.add_argument("--details", action="store_true", help="list misses and false positives")
    args, _ = ap.parse_known_args(argv)

    scorer = load_scorer()
    gold = {}
    for f in sorted((SHARED / "gold" / "seeds").glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        gold[data.get("doc_id", f.stem)] = data
    page = PageResources.load()
    lex = ActorLexicon.load()
    seed_docs = read_docs(sorted((SHARED / "seeds").glob("*.txt")))
    seeds = {d.doc_id: extract_articles(d, page) for d in seed_docs}
    world_files = sorted(WORLD.glob("*.txt"))[: max(args.limit, 0)] if WORLD.exists() else []
    world = [a for d in read_docs(world_files) for a in extract_articles(d, page)]

    suk, und = Sukien(lex), Underthesea()
    und.ner("Khởi động mô hình.")  # load the model outside the timed part
    names = ("sukien", "underthesea", "underthesea+dict")
    pred: dict[str, dict[str, list[tuple[Article, set[str]]]]] = {n: {} for n in names}
    for doc_id, arts in seeds.items():
        pred["sukien"][doc_id] = [(a, suk.actors(a)) for a in arts]
        both = [(a, und.actors(a)) for a in arts]
        pred["underthesea"][doc_id] = [(a, ids[0]) for a, ids in both]
        pred["underthesea+dict"][doc_id] = [(a, ids[1]) for a, ids in both]
    records = [a.to_dict() for a in lex.actors.values()] + list(suk.records.values())
    details: list[str] = []
    scores = {name: score(scorer, gold, pred[name], records, details, name) for name in pred}

    n_seed_arts = sum(len(a) for a in seeds.values())
    for art in world:
        suk.actors(art)
        und.actors(art)
    n_arts = n_seed_arts + len(world)

    print(f"actor recognition on {len(gold)} seed pages ({n_seed_arts} articles); speed over "
          f"{n_arts} articles ({len(world)} dantri world articles added)")
    head = f"{'system':<18}{'people P':>9}{'R':>7}{'F1':>7}{'states P':>10}{'R':>7}{'F1':>7}   speed"
    print(head)
    print("-" * (len(head) + 30))
    speed = {"sukien": f"{suk.mentions / suk.seconds:,.0f} mentions/s ({n_arts / suk.seconds:,.1f} art/s)",
             "underthesea": f"{und.spans / und.seconds:,.0f} spans/s ({n_arts / und.seconds:,.1f} art/s)",
             "underthesea+dict": "(same ner pass)"}
    for name, s in scores.items():
        pp, st = s["people"], s["states"]
        print(f"{name:<18}{pp['p']:>9.3f}{pp['r']:>7.3f}{pp['f1']:>7.3f}{st['p']:>10.3f}{st['r']:>7.3f}"
              f"{st['f1']:>7.3f}   {speed[name]}")
    for name, s in scores.items():
        print(f"  {name}: people tp/sys/gold {s['people']['tp']}/{s['people']['sys']}/{s['people']['gold']}, "
              f"states {s['states']['tp']}/{s['states']['sys']}/{s['states']['gold']}")
    if args.details:
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
