"""Accuracy gates on the development set (50 dantri world articles the rules were not written
on), measured by ../shared/tools/score.py through ``benchmarks/bench_accuracy.py``.

Floors are pinned at what the code reaches; a floor is raised, never lowered. A missing
../shared makes these tests fail, not skip: an accuracy gate never passes silently.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench_accuracy  # noqa: E402

FLOORS = [
    ("events.p", 0.90),
    ("events.r", 0.69),
    ("quotes.r", 0.97),
    ("quotes.attr", 0.99),
    ("quotes.p", 0.94),
    ("people.f1", 0.98),
    ("states.f1", 0.95),
    ("body.f1", 0.97),
    ("published_acc", 1.0),
]


@pytest.fixture(scope="module")
def dev_run(tmp_path_factory: pytest.TempPathFactory) -> bench_accuracy.SetRun:
    return bench_accuracy.run_set("dev", tmp_path_factory.mktemp("dev"))


def _get(scores: dict, key: str) -> float:
    value: object = scores
    for part in key.split("."):
        value = value[part]  # type: ignore[index]
    return float(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(("metric", "floor"), FLOORS, ids=[m for m, _ in FLOORS])
def test_gate_dev_floor(dev_run: bench_accuracy.SetRun, metric: str, floor: float) -> None:
    assert _get(dev_run.scores, metric) >= floor, f"{metric} fell below {floor}: {dev_run.scores}"


def test_gate_dev_report_names_causes(dev_run: bench_accuracy.SetRun) -> None:
    """The harness's error report groups misses and false events by cause, with counts that add up."""
    text = bench_accuracy.report([dev_run])
    assert "missed" in text and "false events, by cause" in text
    assert sum(dev_run.causes["misses"].values()) == dev_run.causes["missed"]
    assert dev_run.scores["events"]["gold_required"] == 205
