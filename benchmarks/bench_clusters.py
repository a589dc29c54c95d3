"""Story clustering on vn-mds-baomoi-2013 (628 articles in 200 human-made same-event clusters).

Settings are chosen honestly: the 200 clusters are split in two halves (odd / even cluster
numbers); every setting is tuned on half A only, then reported on half B (held out) and on
the whole set. Each subset is its own corpus (its own store, its own IDF), processed by the
real pipeline (``run_corpus``) and clustered by the real corpus stage (``update_corpus``).
Among settings with equal F1 and ARI on A, the first in the grid wins: the grids list the
cheaper setting first (narrower window, higher floor, narrower hybrid band) and event
signatures on.

Printed side by side: B-cubed precision / recall / F1 and the adjusted Rand index of
- ``tfidf`` (the default of ``sukien run``), ``hybrid`` (TF-IDF, e5 on the uncertain pairs)
  and ``e5`` (every article embedded with multilingual-e5-small), at their shipped settings;
- the best setting found on half A by the sweep (it should be the shipped one);
- each article alone (the floor every method must beat).

The documents carry their headline only in word-segmented form (``title_tokenized``,
"đối_lập"); it is given to the pipeline as the record's title with underscores turned back
into spaces. The e5 figures use the same titles.

    .venv/bin/python benchmarks/bench_clusters.py [--json FILE] [--no-e5] [--top 10]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import asdict, is_dataclass, replace
from math import comb
from pathlib import Path
from typing import Any

CORPUS = Path(os.environ.get("SUKIEN_SHARED", Path(__file__).resolve().parents[2] / "shared")) / \
    "corpora" / "vn-mds-baomoi-2013" / "documents.jsonl"
SUBSETS = ("A (tuning)", "B (held out)", "whole")


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    pc: dict[Hashable, set[int]] = defaultdict(set)
    gc: dict[Hashable, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        pc[p].add(i)
        gc[g].add(i)
    p_sum = r_sum = 0.0
    for i in range(len(pred)):
        inter = len(pc[pred[i]] & gc[gold[i]])
        p_sum += inter / len(pc[pred[i]])
        r_sum += inter / len(gc[gold[i]])
    p, r = p_sum / len(pred), r_sum / len(pred)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def adjusted_rand(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Adjusted Rand index (Hubert & Arabie 1985) from the contingency table."""
    n = len(pred)
    cells = Counter(zip(pred, gold, strict=True))
    a, b = Counter(pred), Counter(gold)
    index = sum(comb(v, 2) for v in cells.values())
    sa, sb = sum(comb(v, 2) for v in a.values()), sum(comb(v, 2) for v in b.values())
    expected = sa * sb / comb(n, 2)
    top = (sa + sb) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def evaluate(story_of_doc: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Scores of a doc → story mapping against the gold clusters of the same documents
    (a document without an article counts as a story of its own)."""
    order = sorted(gold)
    pred = [story_of_doc.get(d, f"alone:{d}") for d in order]
    truth = [gold[d] for d in order]
    p, r, f = bcubed(pred, truth)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "ari": round(adjusted_rand(pred, truth), 4), "clusters": len(set(pred))}


# ---------------------------------------------------------------- data

def split(path: Path, folder: Path) -> dict[str, tuple[Path, dict[str, str]]]:
    """The three subsets as JSONL files (with titles) and their gold clusters."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    for r in rows:
        title = r.get("title_tokenized", "").replace("_", " ")
        r["title"] = re.sub(r"\s+([,.:;!?])", r"\1", title).strip()
    out = {}
    for name in SUBSETS:
        keep = [r for r in rows if name == "whole" or
                (int(r["cluster_id"].split("_")[1]) % 2 == (1 if name.startswith("A") else 0))]
        file = folder / f"{name.split()[0]}.jsonl"
        with file.open("w", encoding="utf-8") as fh:
            for r in keep:
                fh.write(json.dumps({k: r[k] for k in ("id", "text", "title", "date", "url")}, ensure_ascii=False)
                         + "\n")
        out[name] = (file, {r["id"]: r["cluster_id"] for r in keep})
    return out


def build_store(jsonl: Path, db: Path) -> float:
    from sukien.pipeline import run_corpus
    from sukien.settings import Settings
    from sukien.store import Store

    t0 = time.perf_counter()
    with Store(db) as store:  # the per-document stages; each similarity then runs its own corpus stage
        run_corpus([str(jsonl)], store, Settings(db=str(db), workers=1, corpus=False))
    return time.perf_counter() - t0


def stories_by_doc(db: Path) -> dict[str, str]:
    from sukien.store import Store

    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT a.doc_id, m.story_id FROM story_members m JOIN articles a "
                                 "USING (article_id) ORDER BY a.doc_id, a.seq").fetchall()
    out: dict[str, str] = {}
    for doc, story in rows:
        out.setdefault(doc, story)  # the first article of a page stands for the document
    return out


def run_stage(db: Path, similarity: str, params: Any = None) -> dict[str, Any]:
    """``update_corpus`` on the store (stories rebuilt when the settings differ), with an
    empty embedding cache: the seconds and embeddings are what a first run costs."""
    from sukien.corpus.update import update_corpus
    from sukien.store import Store

    with Store(db) as store:
        if similarity != "tfidf":
            store.con.execute("DELETE FROM article_embeddings")
        cu = update_corpus(store, similarity=similarity, params=params)
    return {"seconds": round(cu.seconds, 2), "embedded": cu.embedded, "pairs": cu.candidate_pairs,
            "stories": cu.stories}


# ---------------------------------------------------------------- sweep (pure functions, as update_corpus calls them)

def load_features(db: Path) -> dict[str, Any]:
    """Per-article inputs of the similarity: title, body, actors, event signatures, day, doc."""
    from sukien.corpus.clusters import day_ordinal
    from sukien.corpus.update import event_signatures
    from sukien.store import Store
    from sukien.store import corpus_tables as ct

    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT article_id, doc_id FROM articles ORDER BY doc_id, seq").fetchall()
        ids = [a for a, _ in rows]
        texts = list(ct.article_texts(store.con, ids))
        events = ct.article_events(store.con, ids)
        aff = ct.affiliations(store.con)
        published = dict(store.con.execute("SELECT article_id, published FROM articles").fetchall())
    return {"ids": ids, "docs": [d for _, d in rows], "texts": texts,
            "events": [event_signatures(events.get(a, []), aff) for a in ids],
            "days": [day_ordinal(published[a]) for a in ids]}


def tfidf_labels(data: dict[str, Any], tf: Any, cp: Any) -> dict[str, str]:
    from sukien.corpus.clusters import cluster_vectors
    from sukien.corpus.features import Hasher
    from sukien.corpus.featurize import featurize
    from sukien.corpus.tfidf import DocFreq, tfidf_many

    key = (tf,)
    if data.get("_key") != key:
        texts = data["texts"]
        counts = featurize(Hasher(), [t[1] for t in texts], [t[2] for t in texts], [t[4] for t in texts],
                           data["events"], tf).counts
        df = DocFreq.empty().add([c[0] for c in counts])
        data["_vecs"], data["_key"] = tfidf_many(counts, df, tf.max_terms), key
    labels = cluster_vectors(data["_vecs"], data["days"], cp)
    return _by_doc(data, labels)


def _by_doc(data: dict[str, Any], labels: Sequence[int]) -> dict[str, str]:
    out: dict[str, str] = {}
    for doc, lab in zip(data["docs"], labels, strict=True):
        out.setdefault(doc, f"c{lab}")
    return out


def sweep_tfidf(data: dict[str, dict[str, Any]], golds: dict[str, dict[str, str]], top: int) -> list[dict[str, Any]]:
    """Every setting scored on A; the best ``top`` also on B and the whole set."""
    from sukien.corpus.clusters import ClusterParams
    from sukien.corpus.tfidf import TfidfParams

    results = []
    a = data["A (tuning)"]
    for tw, lead, aw, ew, mt in itertools.product((2.0, 1.0), (600, 1000, 2000), (2.0, 0.0), (1.0, 0.0), (100, 200)):
        tf = TfidfParams(title_weight=tw, lead_chars=lead, actor_weight=aw, event_weight=ew, max_terms=mt)
        for thr, floor, win in itertools.product((0.05, 0.0625, 0.075, 0.0875, 0.1, 0.125, 0.15, 0.175),
                                                 (0.05, 0.03), (2, 3, 5)):
            if floor > thr:
                continue
            cp = ClusterParams(threshold=thr, floor=floor, window_days=win)
            score = evaluate(tfidf_labels(a, tf, cp), golds["A (tuning)"])
            results.append({"tfidf": tf, "clusters": cp, "A (tuning)": score})
    results.sort(key=lambda r: (-r["A (tuning)"]["f1"], -r["A (tuning)"]["ari"]))
    for r in results[:top]:
        for name in SUBSETS[1:]:
            r[name] = evaluate(tfidf_labels(data[name], r["tfidf"], r["clusters"]), golds[name])
    return results[:top]


def sweep_e5(data: dict[str, dict[str, Any]], golds: dict[str, dict[str, str]], dbs: dict[str, Path],
             top: int) -> list[dict[str, Any]]:
    """e5 thresholds and floors tuned on A (embeddings read from the store's cache)."""
    import numpy as np

    from sukien.corpus.clusters import ClusterParams, cluster_vectors, dense_vecs
    from sukien.corpus.embed import E5Embedder
    from sukien.store import Store
    from sukien.store.corpus_state import load_embeddings

    for name in SUBSETS:
        with Store(dbs[name], read_only=True) as store:
            cache = load_embeddings(store.con, E5Embedder.name, [t[3] for t in data[name]["texts"]])
        data[name]["_e5"] = dense_vecs(np.stack([cache[t[3]] for t in data[name]["texts"]]))
    results = []
    for thr, win, floor in itertools.product((0.84, 0.85, 0.86, 0.87, 0.88, 0.89, 0.90), (2, 3), (0.83, 0.80, 0.75)):
        cp = ClusterParams(threshold=thr, floor=floor, window_days=win)
        labels = cluster_vectors(data["A (tuning)"]["_e5"], data["A (tuning)"]["days"], cp)
        results.append({"clusters": cp, "A (tuning)": evaluate(_by_doc(data["A (tuning)"], labels),
                                                              golds["A (tuning)"])})
    results.sort(key=lambda r: (-r["A (tuning)"]["f1"], -r["A (tuning)"]["ari"]))
    for r in results[:top]:
        for name in SUBSETS[1:]:
            labels = cluster_vectors(data[name]["_e5"], data[name]["days"], r["clusters"])
            r[name] = evaluate(_by_doc(data[name], labels), golds[name])
    return results[:top]


def sweep_hybrid(data: dict[str, dict[str, Any]], golds: dict[str, dict[str, str]], top: int) -> list[dict[str, Any]]:
    """The hybrid band and e5 mapping tuned on A (shipped TF-IDF settings, cached e5 vectors)."""
    from sukien.corpus.stories import default_params

    base = default_params("hybrid")
    results = []
    for lo, hi, thr, slope in itertools.product((0.075, 0.0625, 0.05), (0.1, 0.125, 0.15, 0.2), (0.86, 0.87, 0.88, 0.89),
                                                (0.5, 1.0, 2.0)):
        p = replace(base, band=(lo, hi), e5_threshold=thr, e5_slope=slope)
        results.append({"hybrid": p, "A (tuning)": _hybrid_score(data["A (tuning)"], golds["A (tuning)"], p)})
    results.sort(key=lambda r: (-r["A (tuning)"]["f1"], -r["A (tuning)"]["ari"]))
    for r in results[:top]:
        for name in SUBSETS[1:]:
            r[name] = _hybrid_score(data[name], golds[name], r["hybrid"])
    return results[:top]


def _hybrid_score(data: dict[str, Any], gold: dict[str, str], p: Any) -> dict[str, float]:
    import numpy as np

    from sukien.corpus.clusters import assign, days_array
    from sukien.corpus.neighbours import Pairs

    tfidf_labels(data, p.tfidf, p.clusters)  # fills data["_vecs"] for these TF-IDF settings
    emb = np.stack([v for _, v in data["_e5"]])
    lo, hi = p.band

    def rescore(pairs: Pairs) -> Pairs:
        band = (pairs.sim >= lo) & (pairs.sim < hi)
        cos = np.einsum("ij,ij->i", emb[pairs.i], emb[pairs.j])
        sim = np.where(band, np.clip(p.clusters.threshold + (cos - p.e5_threshold) * p.e5_slope, 0, 1), pairs.sim)
        return Pairs(pairs.i, pairs.j, sim.astype(np.float32))

    labels = assign(data["_vecs"], days_array(data["days"]), p.clusters, rescore=rescore).labels
    return evaluate(_by_doc(data, labels.tolist()), gold)


# ---------------------------------------------------------------- driving and printing

def shipped(dbs: dict[str, Path], golds: dict[str, dict[str, str]], e5: bool) -> dict[str, dict[str, Any]]:
    """The shipped settings of each similarity through ``update_corpus``, per subset: stories
    rebuilt from scratch for each similarity, embeddings computed afresh."""
    rows: dict[str, dict[str, Any]] = {}
    for similarity in ("tfidf", "hybrid", "e5") if e5 else ("tfidf",):
        label = f"{similarity}{' (default)' if similarity == 'tfidf' else ''}"
        for name in SUBSETS:
            stage = run_stage(dbs[name], similarity)
            rows.setdefault(label, {})[name] = {**evaluate(stories_by_doc(dbs[name]), golds[name]), **stage}
        print(f"… {label} done", file=sys.stderr, flush=True)
    rows["each article alone"] = {name: evaluate({}, golds[name]) for name in SUBSETS}
    return rows


def print_table(rows: dict[str, dict[str, Any]]) -> None:
    print(f"\n{'method':26}" + "".join(f"{n:>34}" for n in SUBSETS))
    print(f"{'':26}" + "".join(f"{'B3 P   B3 R  B3 F1    ARI  sec':>34}" for _ in SUBSETS))
    for method, per in rows.items():
        cells = []
        for n in SUBSETS:
            r = per.get(n)
            cells.append(f"{r['precision']:.3f}  {r['recall']:.3f}  {r['f1']:.3f}  {r['ari']:.3f} "
                         f"{r.get('seconds', ''):>5}" if r else "")
        print(f"{method:26}" + "".join(f"{c:>34}" for c in cells))


def print_sweep(title: str, results: list[dict[str, Any]]) -> None:
    print(f"\n{title} (best on A first; F1 on A / B / whole)")
    for r in results:
        desc = " ".join(f"{k}={v}" for part in ("tfidf", "clusters") if part in r for k, v in vars(r[part]).items())
        if "hybrid" in r:
            h = r["hybrid"]
            desc = f"band={h.band} e5_threshold={h.e5_threshold} e5_slope={h.e5_slope}"
        print(f"  {r['A (tuning)']['f1']:.3f} / {r.get('B (held out)', {}).get('f1', float('nan')):.3f} / "
              f"{r.get('whole', {}).get('f1', float('nan')):.3f}  {desc}")


def run(opts: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sukien-clusters-") as tmp:
        folder = Path(tmp)
        subsets = split(CORPUS, folder)
        dbs = {n: folder / f"{n.split()[0]}.duckdb" for n in SUBSETS}
        pipe = {n: round(build_store(subsets[n][0], dbs[n]), 1) for n in SUBSETS}
        golds = {n: subsets[n][1] for n in SUBSETS}
        rows = shipped(dbs, golds, not opts.no_e5)
        data = {n: load_features(dbs[n]) for n in SUBSETS}
        tf_sweep = sweep_tfidf(data, golds, opts.top)
        e5_sweep = sweep_e5(data, golds, dbs, opts.top) if not opts.no_e5 else []
        hy_sweep = sweep_hybrid(data, golds, opts.top) if not opts.no_e5 else []
    return {"documents": {n: len(golds[n]) for n in SUBSETS}, "gold_clusters": {
        n: len(set(golds[n].values())) for n in SUBSETS}, "pipeline_s": pipe, "results": rows,
        "sweep_tfidf": tf_sweep, "sweep_e5": e5_sweep, "sweep_hybrid": hy_sweep}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--no-e5", action="store_true", help="skip e5 and hybrid (embedding takes minutes)")
    ap.add_argument("--top", type=int, default=8, help="sweep settings printed")
    opts, _ = ap.parse_known_args(argv)  # run_all.py passes --limit etc. to every benchmark
    if not CORPUS.is_file():
        print(f"skip: {CORPUS} not found")
        return 0
    res = run(opts)
    print(f"vn-mds-baomoi-2013: documents {res['documents']}, gold clusters {res['gold_clusters']}; "
          f"pipeline seconds {res['pipeline_s']}; load average {os.getloadavg()[0]:.1f}")
    print_table(res["results"])
    print_sweep("TF-IDF sweep", res["sweep_tfidf"])
    if res["sweep_e5"]:
        print_sweep("e5 sweep", res["sweep_e5"])
        print_sweep("hybrid sweep", res["sweep_hybrid"])
    if opts.json:
        for key in ("sweep_tfidf", "sweep_e5", "sweep_hybrid"):
            res[key] = [{k: (asdict(v) if is_dataclass(v) else v) for k, v in r.items()} for r in res[key]]
        Path(opts.json).write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
