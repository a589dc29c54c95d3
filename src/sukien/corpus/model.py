"""Corpus-level records: duplicate groups, stories and merged events (see the contract)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from typing import Any

from sukien.records import Record


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def as_dict(rec: Record) -> dict[str, Any]:
    """``rec.to_dict()`` for the flat corpus records (fields are scalars, tuples of scalars or
    tuples of tuples), without the generic walk: corpus updates convert tens of thousands."""
    out: dict[str, Any] = {}
    for name in _names(type(rec)):
        value = getattr(rec, name)
        if isinstance(value, tuple):
            value = [list(v) if isinstance(v, tuple) else v for v in value]
        out[name] = value
    return out


@dataclass(frozen=True)
class DuplicateGroup(Record):
    """Articles that are exact (same content hash) or near (MinHash) copies of each other."""

    group_id: str
    kind: str  # exact | near
    article_ids: tuple[str, ...]
    stage: str = "corpus.dedup.v1"


@dataclass(frozen=True)
class Story(Record):
    """Articles about the same happening, across outlets and days."""

    story_id: str
    article_ids: tuple[str, ...]
    title: str
    first_published: str | None
    duplicates: tuple[tuple[str, ...], ...] = ()
    stage: str = "corpus.clusters.v1"


@dataclass(frozen=True)
class MergedEvent(Record):
    """One happening: the fields of ``events.jsonl`` (from a representative report) plus its sources.

    ``sources`` are the event ids of every report, ``evidence`` their sentences (same order),
    ``article_ids`` and ``outlets`` the distinct reporting articles and outlets.
    ``n_sources`` counts distinct reporting articles. A ``reciprocal`` event was coded in
    both directions from the same sentences (talks, meetings); its ``sources`` hold both.
    """

    event_id: str
    article_id: str
    doc_id: str
    date: str | None
    date_basis: str
    source: str | None
    target: str | None
    source_text: str | None
    target_text: str | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str
    location: str | None
    negated: bool
    modality: str
    sentence: str
    char_start: int
    char_end: int
    quote_id: str | None
    confidence: float
    sources: tuple[str, ...]
    n_sources: int
    first_reported: str | None
    last_reported: str | None
    evidence: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    source_affiliation: str | None = None
    target_affiliation: str | None = None
    story_id: str | None = None
    reciprocal: bool = False  # coded in both directions from the same sentences (A ↔ B)
    stage: str = "corpus.merge.v1"
