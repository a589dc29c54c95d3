"""Typed records that flow between stages (see ../shared/spec/contract.md).

Every record is a frozen dataclass with ``to_dict``/``from_dict``; stages never walk
nested dicts by string keys.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T", bound="Record")


class Record:
    """Mixin: dict conversion for frozen dataclasses (tuples become lists)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            out[f.name] = _plain(value)
        return out

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        names = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in names:
                continue
            if isinstance(value, list):
                value = tuple(
                    tuple(v) if isinstance(v, list) else v for v in value
                )
            kwargs[key] = value
        return cls(**kwargs)


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Document(Record):
    """One input unit: a file, or one record of a JSONL/CSV file. Text is NFC."""

    doc_id: str
    text: str
    source: str  # path (and record number) it came from
    content_hash: str
    format: str = "text"  # text | html | record
    title: str | None = None  # given by a record's own title field
    date: str | None = None  # given by a record's own date field / HTML metadata
    url: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Failure(Record):
    """A document that could not be processed, with a reason code."""

    source: str
    reason: str  # empty | binary | undecodable | malformed_record | unreadable | too_large | error
    detail: str
    doc_id: str | None = None


@dataclass(frozen=True)
class Article(Record):
    article_id: str
    doc_id: str
    title: str
    title_line: int | None
    body: str
    body_lines: tuple[int, ...]
    captions: tuple[str, ...] = ()
    published: str | None = None
    published_basis: str = "unknown"
    published_not_after: str | None = None  # upper bound from sidebar timestamps (crawl time)
    outlet: str | None = None
    author: str | None = None
    wire_sources: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    url: str | None = None
    content_hash: str = ""
    stage: str = "page.split.v1"


@dataclass(frozen=True)
class Mention(Record):
    """An actor named in an article body (offsets into ``Article.body``)."""

    article_id: str
    actor_id: str
    text: str
    start: int
    end: int
    kind: str  # state | org | sector | person
    how: str = "lexicon"  # lexicon | capital | sector | title | surname | role | coref
    as_place: bool = False
    field: str = "body"  # body | title
    gender: str | None = None  # "m"/"f" when the article says "ông"/"bà" of a person


@dataclass(frozen=True)
class Role(Record):
    role: str
    of: str
    start: str | None = None  # "from" in the contract
    end: str | None = None  # "to" in the contract

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "of": self.of, "from": self.start, "to": self.end}


@dataclass(frozen=True)
class Actor(Record):
    id: str
    name: str
    kind: str  # state | org | sector | person
    affiliation: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = field(default_factory=tuple)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        roles = tuple(
            Role(r["role"], r["of"], r.get("from"), r.get("to")) for r in data.get("roles") or ()
        )
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            affiliation=data["affiliation"],
            aliases=tuple(data.get("aliases") or ()),
            roles=roles,
        )


@dataclass(frozen=True)
class Quote(Record):
    quote_id: str
    article_id: str
    doc_id: str
    speaker: str | None
    speaker_text: str | None
    text: str
    direct: bool
    date: str | None
    char_start: int
    char_end: int
    stage: str = "quotes.v1"


@dataclass(frozen=True)
class Event(Record):
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
    quote_id: str | None = None
    confidence: float = 0.5
    trigger: str = ""
    source_person: str | None = None  # when a person acted: source is the side they acted for
    target_person: str | None = None
    stage: str = "events.cameo.v1"
