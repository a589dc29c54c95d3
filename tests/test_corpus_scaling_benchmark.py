"""The scaling benchmark (slow) on small synthetic archives: candidate pairs stay bounded per
article whatever the size (memory O(N·k)) and the generated stories are found."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_scaling_benchmark_pairs_bounded(tmp_path: Path) -> None:
    out = tmp_path / "scaling.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_scaling.py"), "--sizes", "10000", "40000",
                    "--json", str(out)], check=True, timeout=1800)
    rows = json.loads(out.read_text(encoding="utf-8"))
    for r in rows:
        assert r["pairs"] / r["n"] <= 2 * 30  # k = 30 partners chosen per article, at most
        assert r["f1"] >= 0.95, r
    small, large = rows
    assert abs(large["pairs"] / large["n"] - small["pairs"] / small["n"]) < 5  # the graph grows linearly
