"""The pieces of story clustering at scale: candidate pairs bounded by window and neighbours,
sparse average-link (equal to dense average-link over the same graph), stored stories as
fixed nodes, syllable hashing, TF-IDF vectors and one-permutation MinHash."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from sukien.corpus.clusters import ClusterParams, StoryNodes, assign, cluster_vectors, dense_vecs
from sukien.corpus.features import Hasher, jaccard, minhash, syllables
from sukien.corpus.featurize import featurize, one
from sukien.corpus.linkage import average_link
from sukien.corpus.neighbours import UNDATED, Pairs, neighbour_pairs
from sukien.corpus.tfidf import DocFreq, TfidfParams, add_vecs, tfidf_many


def _canon(labels) -> list[int]:  # type: ignore[no-untyped-def]
    seen: dict[int, int] = {}
    return [seen.setdefault(int(x), len(seen)) for x in labels]


@pytest.mark.parametrize("seed", range(12))
def test_sparse_average_link_equals_dense_average_link(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 60))
    sim = rng.random((n, n)) ** 3
    sim = (sim + sim.T) / 2
    sim[sim < 0.15] = 0.0  # pairs below the floor: absent from the sparse graph, 0 in the dense matrix
    dist = 1.0 - sim
    np.fill_diagonal(dist, 0.0)
    dense = fcluster(linkage(squareform(dist, checks=False), "average"), t=1 - 0.3, criterion="distance")
    i, j = np.triu_indices(n, 1)
    keep = sim[i, j] > 0
    sparse_labels = average_link(n, Pairs(i[keep], j[keep], sim[i, j][keep].astype(np.float32)), 0.3)
    assert _canon(dense) == _canon(sparse_labels)


def test_locked_stories_never_merge_but_take_new_articles() -> None:
    # nodes 0, 1: stored stories of 2 articles each; node 2: a new article close to both
    pairs = Pairs(np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([3.6, 1.8, 1.6], dtype=np.float32))
    labels = average_link(3, pairs, 0.5, sizes=np.array([2.0, 2.0, 1.0]), locked=np.array([True, True, False]))
    assert labels[0] != labels[1]  # the two stories stay apart although their average is 0.9
    assert labels[2] == labels[0]  # the article joins the closer one (0.9 vs 0.8)


def test_neighbour_pairs_stay_in_the_window_and_bounded_by_k() -> None:
    rng = np.random.default_rng(3)
    x = rng.random((400, 12)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    days = rng.integers(0, 40, 400)
    days[:25] = UNDATED
    k = 4
    p = neighbour_pairs(x, days, window=2, k=k, floor=0.7, block=37)
    assert len(p) <= 400 * k  # memory O(N·k): at most k pairs chosen per article
    d_i, d_j = days[p.i], days[p.j]
    dated = (d_i != UNDATED) & (d_j != UNDATED)
    assert np.all(np.abs(d_i - d_j)[dated] <= 2) and np.all(p.sim >= 0.7) and np.all(p.i < p.j)
    sims = x @ x.T
    for a in range(0, 400, 17):  # each article's best in-window partner is among its pairs
        ok = [b for b in range(400) if b != a and sims[a, b] >= 0.7 and (
            days[a] == UNDATED or days[b] == UNDATED or abs(days[a] - days[b]) <= 2)]
        if ok:
            best = max(ok, key=lambda b: sims[a, b])
            assert (min(a, best), max(a, best)) in set(zip(p.i.tolist(), p.j.tolist(), strict=True))
    assert len(neighbour_pairs(x, days, window=2, k=1000, floor=0.7)) == sum(
        1 for a in range(400) for b in range(a + 1, 400) if sims[a, b] >= 0.7 and (
            days[a] == UNDATED or days[b] == UNDATED or abs(days[a] - days[b]) <= 2))


def test_articles_join_stored_stories_through_their_vector_sums() -> None:
    rng = np.random.default_rng(5)
    topics = rng.random((3, 30)).astype(np.float32)
    art = topics[[0, 0, 1, 1, 2]] + 0.1 * rng.random((5, 30)).astype(np.float32)
    art /= np.linalg.norm(art, axis=1, keepdims=True)
    vecs = dense_vecs(art)
    stories = StoryNodes(["st_a", "st_b"], np.array([2.0, 2.0]), np.array([100, 100]), np.array([101, 101]),
                         [add_vecs(vecs[0:2]), add_vecs(vecs[2:4])])
    new = [vecs[0], vecs[3], vecs[4]]  # copies of a story-a and a story-b article, and one of topic 2
    result = assign(new, np.array([101, 102, 101]), ClusterParams(threshold=0.95, floor=0.5), stories=stories)
    assert result.story.get(int(result.labels[0])) == "st_a"
    assert result.story.get(int(result.labels[1])) == "st_b"
    assert int(result.labels[2]) not in result.story  # a new story
    far = assign(new, np.array([200, 200, 200]), ClusterParams(threshold=0.95, floor=0.5), stories=stories)
    assert far.story == {}  # outside the window of both stories


def test_syllable_hashes_follow_folded_syllables() -> None:
    h = Hasher()
    text = "Hội đàm tại Đà Nẵng: hoà bình, hòa bình và HOI DAM"
    hashes, ends = h.tokens(text)
    syl = syllables(text)
    assert len(hashes) == len(syl) and [text[: e].rsplit(maxsplit=1)[-1] for e in ends][:2] == ["Hội", "đàm"]
    by = dict(zip(syl, hashes.tolist(), strict=True))
    assert len(set(by.values())) == len(by)  # distinct syllables, distinct hashes
    assert hashes[0] == hashes[-2] and hashes[1] == hashes[-1]  # "Hội đàm" == "HOI DAM" (accent-free)
    assert int(Hasher().tokens("hòa")[0][0]) == int(hashes[syl.index("hoa")])  # stable across hashers

def test_stored_hashes_do_not_drift() -> None:
    """Hashes and signatures are stored: a change of scheme must be deliberate (bump
    ``features.SCHEME`` and the corpus schema), never an accident."""
    h = Hasher()
    assert int(h.tokens("hội")[0][0]) == 0x43F8E8666AB21144
    assert int(h.tokens("Hội đàm")[0][1]) == 0x524F314E51E90C79
    assert minhash(np.array([1, 2, 3], dtype=np.uint64))[:4].tolist() == [2411943402, 4052474937, 1398039176,
                                                                          3038570711]


def test_minhash_estimates_jaccard() -> None:
    rng = np.random.default_rng(1)
    base = rng.integers(0, 2**63, 800, dtype=np.uint64)
    for share in (0.9, 0.6, 0.2):
        keep = int(800 * share)
        other = np.concatenate([base[:keep], rng.integers(0, 2**63, 800 - keep, dtype=np.uint64)])
        true = keep / (1600 - keep)
        assert abs(jaccard(minhash(base), minhash(other)) - true) < 0.12, share
    assert jaccard(minhash(base), minhash(base.copy())) == 1.0


def test_tfidf_vectors_weigh_rare_terms_and_headlines() -> None:
    h = Hasher()
    titles = ["Nga và Belarus tập trận chung", "Giá vàng hôm nay tăng mạnh", "Nga và Belarus ký thỏa thuận"]
    bodies = ["Quân đội hai nước tập trận ở Brest.", "Giá vàng trong nước tăng.", "Hai nước ký thỏa thuận khí đốt."]
    f = featurize(h, titles, bodies, [["RUS", "BLR"], [], ["RUS", "BLR"]], [["RUS>BLR:06"], [], []], TfidfParams())
    df = DocFreq.empty().add([c[0] for c in f.counts])
    assert df.n_docs == 3
    vecs = tfidf_many(f.counts, df, max_terms=100)
    assert all(abs(float(np.linalg.norm(w)) - 1.0) < 1e-5 for _, w in vecs)
    x = np.zeros((3, 3))
    for a in range(3):
        for b in range(3):
            common, ia, ib = np.intersect1d(vecs[a][0], vecs[b][0], return_indices=True)
            x[a, b] = float(np.dot(vecs[a][1][ia], vecs[b][1][ib]))
    assert x[0, 2] > x[0, 1] and x[0, 2] > x[1, 2]  # same actors and words beat an unrelated story
    counts, sig = one(h, titles[0], bodies[0])
    assert np.array_equal(counts[0], np.unique(counts[0])) and sig.shape == (128,)
    assert cluster_vectors(vecs, [None, None, None], ClusterParams(threshold=0.9)) == [0, 1, 2]
