"""Story records and ids, and the similarity settings of the corpus stage.

``CorpusParams`` gathers what decides story membership: the similarity (``tfidf``, ``e5`` or
``hybrid``), its vector settings and the clustering thresholds. Its ``key()`` is stored with
the stories; a run with different settings rebuilds the stories rather than mixing two rules.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sukien.corpus.clusters import ClusterParams
from sukien.corpus.model import Story
from sukien.corpus.tfidf import TfidfParams

SIMILARITIES = ("tfidf", "e5", "hybrid")


@dataclass(frozen=True)
class CorpusParams:
    similarity: str = "tfidf"
    clusters: ClusterParams = field(default_factory=ClusterParams)
    tfidf: TfidfParams = field(default_factory=TfidfParams)
    # hybrid: candidate pairs whose TF-IDF similarity falls in this band are re-scored with
    # e5 (mapped onto the TF-IDF scale: e5_threshold ↔ the clustering threshold, × e5_slope)
    band: tuple[float, float] = (0.075, 0.15)
    e5_threshold: float = 0.86
    e5_slope: float = 0.5

    def key(self) -> str:
        """What decides story membership, as a string stored with the stories."""
        return json.dumps(asdict(self), sort_keys=True)


def default_params(similarity: str = "tfidf") -> CorpusParams:
    """The settings of each similarity, each the best found on half A of vn-mds-baomoi-2013
    (``benchmarks/bench_clusters.py`` prints the sweeps and the held-out figures)."""
    if similarity not in SIMILARITIES:
        raise ValueError(f"unknown similarity {similarity!r}: one of {', '.join(SIMILARITIES)}")
    if similarity == "e5":
        return CorpusParams("e5", ClusterParams(threshold=0.88, floor=0.83))
    return CorpusParams(similarity)


def story_id(article_ids: Collection[str], taken: Collection[str] = ()) -> str:
    """A stable id for a new story: a hash of its first article id (of all its ids when that
    one is taken by a stored story)."""
    sid = "st_" + hashlib.sha256(min(article_ids).encode("utf-8")).hexdigest()[:12]
    if sid in taken:
        sid = "st_" + hashlib.sha256("\n".join(sorted(article_ids)).encode("utf-8")).hexdigest()[:12]
    return sid


def story_record(sid: str, members: Sequence[Mapping[str, Any]], groups: Sequence[Sequence[str]]) -> Story:
    """The ``Story`` of ``members`` (article_id, title, published) with its duplicate lists."""
    members = sorted(members, key=lambda a: (a["published"] or "~", a["article_id"]))
    ids = {a["article_id"] for a in members}
    dups = {tuple(x for x in g if x in ids) for g in groups}
    title = next((a["title"] for a in members if a["title"]), "")
    published = sorted(a["published"] for a in members if a["published"] and not a["published"].startswith("--"))
    return Story(story_id=sid, article_ids=tuple(a["article_id"] for a in members), title=title or "",
                 first_published=published[0] if published else None,
                 duplicates=tuple(sorted(d for d in dups if len(d) > 1)))
