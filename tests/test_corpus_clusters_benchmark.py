"""The story-clustering benchmark on vn-mds-baomoi-2013 reaches B-cubed F1 ≥ 0.90 (slow)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, shared_path


@pytest.mark.slow
def test_clustering_benchmark_f1(tmp_path: Path) -> None:
    shared_path("corpora", "vn-mds-baomoi-2013", "documents.jsonl")
    out = tmp_path / "bench.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_clusters.py"), "--json", str(out)],
                   check=True, timeout=1800)
    res = json.loads(out.read_text(encoding="utf-8"))["results"]
    e5 = res["e5 (sukien)"]
    assert e5["f1"] >= 0.90, e5
    assert e5["ari"] >= 0.80, e5
    assert e5["f1"] > res["each article alone"]["f1"]
