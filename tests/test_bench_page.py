"""The page benchmark (benchmarks/bench_page.py): sukien beats jusText on the seed pages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT, shared_path


def _bench() -> ModuleType:
    path = ROOT / "benchmarks" / "bench_page.py"
    spec = importlib.util.spec_from_file_location("bench_page", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_page"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_bench_page_sukien_beats_justext() -> None:
    pytest.importorskip("justext")
    bench = _bench()
    seeds: Path = shared_path("seeds")
    gold: Path = shared_path("gold", "seeds")
    sukien, justext = bench.run_bench(seeds, gold, repeat=2)
    assert sukien.name == "sukien" and justext.name.startswith("jusText")
    assert sukien.f1 > justext.f1
    assert sukien.pages == justext.pages == len(list(seeds.glob("*.txt")))
    assert sukien.pages_per_s > 0 and justext.pages_per_s > 0
    assert "pages/s" in bench.format_table([sukien, justext])
