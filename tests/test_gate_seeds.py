"""Accuracy gates on the seed pages, measured by ../shared/tools/score.py (floors pinned here)."""

from __future__ import annotations

import pytest

FLOORS = [
    ("body.f1", 0.97),
    ("articles_exact", 1.0),
    ("titles_found", 1.0),
    ("published_acc", 1.0),
    ("states.f1", 0.95),
    ("people.f1", 0.95),
    ("events.p", 0.85),
    ("events.r", 0.80),
    ("quotes.r", 0.95),
    ("quotes.attr", 0.90),
]


def _get(scores: dict, key: str) -> float:
    value: object = scores
    for part in key.split("."):
        value = value[part]  # type: ignore[index]
    return float(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(("metric", "floor"), FLOORS, ids=[m for m, _ in FLOORS])
def test_gate_seeds_floor(seed_scores: dict, metric: str, floor: float) -> None:
    assert _get(seed_scores, metric) >= floor, f"{metric} fell below {floor}: {seed_scores}"
