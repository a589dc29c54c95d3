"""Event merging: reports of the same happening become one event with all its sources.

Key: (source affiliation, target affiliation, CAMEO root, negated, story when known), and
dates within ±1 day of each other (chained). Events whose date is not day-precise merge
only with the same date string. ``first_reported``/``last_reported`` are the earliest and
latest publication dates of the reporting articles.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sukien.corpus.clusters import day_ordinal
from sukien.corpus.model import MergedEvent
from sukien.records import Event

WINDOW_DAYS = 1


@dataclass(frozen=True)
class ArticleInfo:
    published: str | None = None
    outlet: str | None = None
    story_id: str | None = None


def affiliation_of(actor_id: str | None, affiliations: Mapping[str, str]) -> str | None:
    """The state or organisation an actor belongs to (``BLR.GOV`` → ``BLR``).

    >>> affiliation_of("person:sergei-lavrov", {"person:sergei-lavrov": "RUS.GOV"})
    'RUS'
    >>> affiliation_of("CHN.BUS", {})
    'CHN'
    """
    if not actor_id:
        return None
    aff = affiliations.get(actor_id, actor_id)
    return aff if aff.startswith("person:") else aff.split(".", 1)[0]


def merge_events(
    events: Sequence[Event], articles: Mapping[str, ArticleInfo], affiliations: Mapping[str, str],
) -> list[MergedEvent]:
    """Merged events, sorted by date then id."""
    groups: dict[tuple, list[Event]] = defaultdict(list)
    mirrored = _mirrored(events, affiliations)
    for ev in events:
        info = articles.get(ev.article_id, ArticleInfo())
        pair = (affiliation_of(ev.source, affiliations), affiliation_of(ev.target, affiliations))
        if ev.event_id in mirrored:
            pair = tuple(sorted(pair, key=lambda x: x or ""))  # type: ignore[assignment]
        key = (*pair, ev.root, ev.negated, info.story_id, ev.event_id in mirrored)
        groups[key].append(ev)
    merged = []
    for key, evs in groups.items():
        for chunk in _date_chunks(evs):
            merged.append(_merge(key, chunk, articles, affiliations))
    return sorted(merged, key=lambda m: (sort_date(m.date), m.event_id))


def _mirrored(events: Sequence[Event], affiliations: Mapping[str, str]) -> set[str]:
    """Events coded in both directions from one sentence (A meets B, B meets A): one
    reciprocal happening, merged regardless of direction."""
    seen: dict[tuple, list[str]] = defaultdict(list)
    for ev in events:
        s, t = affiliation_of(ev.source, affiliations), affiliation_of(ev.target, affiliations)
        seen[(ev.article_id, ev.char_start, ev.root, ev.negated, s, t)].append(ev.event_id)
    out: set[str] = set()
    for (art, start, root, neg, s, t), ids in seen.items():
        if s and t and s != t and (art, start, root, neg, t, s) in seen:
            out.update(ids)
    return out


def sort_date(iso: str | None) -> str:
    """A sort key for partial ISO dates: unknown and year-less dates last."""
    if not iso:
        return "~"
    return "}" + iso if iso.startswith("--") else iso


def _date_chunks(evs: list[Event]) -> list[list[Event]]:
    by_exact: dict[str | None, list[Event]] = defaultdict(list)
    dated: list[tuple[int, Event]] = []
    for ev in evs:
        d = day_ordinal(ev.date)
        if d is None:
            by_exact[ev.date].append(ev)
        else:
            dated.append((d, ev))
    chunks = list(by_exact.values())
    dated.sort(key=lambda x: (x[0], x[1].event_id))
    current: list[Event] = []
    last = None
    for d, ev in dated:
        if last is not None and d - last > WINDOW_DAYS:
            chunks.append(current)
            current = []
        current.append(ev)
        last = d
    if current:
        chunks.append(current)
    return chunks


def _merge(
    key: tuple, evs: list[Event], articles: Mapping[str, ArticleInfo], affiliations: Mapping[str, str],
) -> MergedEvent:
    evs = sorted(evs, key=lambda e: (-e.confidence, sort_date(e.date), e.event_id))
    rep = evs[0]
    days = Counter(e.date for e in evs if e.date)
    date = max(days, key=lambda d: (len(d), days[d], _neg(d))) if days else None
    art_ids = tuple(dict.fromkeys(e.article_id for e in sorted(evs, key=lambda e: e.event_id)))
    infos = [articles.get(a, ArticleInfo()) for a in art_ids]
    published = sorted(i.published for i in infos if i.published)
    sources = tuple(sorted(e.event_id for e in evs))
    mid = "m_" + hashlib.sha256("\n".join(sources).encode("utf-8")).hexdigest()[:16]
    by_id = {e.event_id: e for e in evs}
    fields = {k: getattr(rep, k) for k in _EVENT_FIELDS}
    fields.update(event_id=mid, date=date)
    return MergedEvent(
        **fields, sources=sources, n_sources=len(art_ids),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        evidence=tuple(by_id[s].sentence for s in sources), article_ids=art_ids,
        outlets=tuple(sorted({i.outlet for i in infos if i.outlet})),
        source_affiliation=affiliation_of(rep.source, affiliations),
        target_affiliation=affiliation_of(rep.target, affiliations), story_id=key[4], reciprocal=key[5],
    )


def _neg(iso: str) -> str:
    """Prefer the earliest date on ties (max over the inverted string)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in iso)


_EVENT_FIELDS = (
    "article_id", "doc_id", "date_basis", "source", "target", "source_text", "target_text",
    "cameo", "root", "quad_class", "goldstein", "plover", "location", "negated", "modality",
    "sentence", "char_start", "char_end", "quote_id", "confidence",
)


def event_from_dict(data: Mapping) -> Event:
    return Event.from_dict(dict(data))


def merge_from_dicts(
    events: Sequence[Mapping], articles: Mapping[str, ArticleInfo], affiliations: Mapping[str, str],
    keep: Callable[[Event], bool] = lambda e: True,
) -> list[MergedEvent]:
    """``merge_events`` over stored JSON records."""
    return merge_events([e for e in map(event_from_dict, events) if keep(e)], articles, affiliations)
