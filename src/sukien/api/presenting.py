"""What the API adds so every view tells the same story (``sukien.presentation``): article
labels next to titles, event hits grouped by sentence, and the one dyad count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sukien.api.queries import Cursor
from sukien.presentation import article_label, group_by_sentence

MAX_GROUPED_HITS = 6000  # raw hits read at most to fill one page of grouped ones


def labels(cur: Cursor, article_ids: Iterable[str | None]) -> dict[str, str]:
    """The readable label of each article: its headline, or its lead when it has none."""
    ids = sorted({a for a in article_ids if a})
    if not ids:
        return {}
    rows = cur.execute("SELECT article_id, title, left(body, 300) FROM articles "
                       "WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall()
    return {a: article_label(t, b) for a, t, b in rows}


def add_labels(cur: Cursor, items: list[dict[str, Any]], key: str = "article_label") -> list[dict[str, Any]]:
    """Set ``key`` on every item from its ``article_id``; returns ``items``."""
    found = labels(cur, (i.get("article_id") for i in items))
    for item in items:
        item[key] = found.get(item.get("article_id") or "", item.get("article_id"))
    return items


def _event_spans(cur: Cursor, event_ids: list[str]) -> dict[str, tuple[Any, ...]]:
    if not event_ids:
        return {}
    rows = cur.execute(
        "SELECT event_id, article_id, CAST(record->>'char_start' AS INTEGER), CAST(record->>'char_end' AS INTEGER), "
        "source, target, cameo, quad_class, date, negated FROM events WHERE event_id IN (SELECT unnest(?))",
        [event_ids]).fetchall()
    return {r[0]: r[1:] for r in rows}


def group_hits(cur: Cursor, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Search hits with every event of one sentence folded into one hit (``events`` lists them)."""
    spans = _event_spans(cur, [i["event_id"] for i in items if i.get("kind") == "event" and i.get("event_id")])

    def key(item: dict[str, Any]) -> Any:
        span = spans.get(item.get("event_id") or "")
        return span[:3] if item.get("kind") == "event" and span else None

    def member(item: dict[str, Any]) -> dict[str, Any]:
        span = spans[item["event_id"]]
        return {"event_id": item["event_id"], "source": span[3], "target": span[4], "cameo": span[5],
                "quad_class": span[6], "date": span[7], "negated": span[8]}

    return group_by_sentence(items, key, member)


def grouped_search(run: Callable[[int], dict[str, Any]], cur: Cursor, limit: int, offset: int) -> dict[str, Any]:
    """A page of grouped hits: ``run(n)`` gives the first ``n`` raw hits; more are read until the
    page is full or the hits run out."""
    want = offset + limit + 1
    n = want
    while True:
        res = run(n)
        groups = group_hits(cur, res["items"])
        if len(groups) >= want or not res.get("has_more") or n >= MAX_GROUPED_HITS:
            break
        n = min(n * 2, MAX_GROUPED_HITS)
    page = add_labels(cur, groups[offset:offset + limit], "label")
    for item in page:
        item["title"] = item.get("title") or item["label"]
    more = len(groups) > offset + limit or bool(res.get("has_more"))
    total = len(groups) if not res.get("has_more") else offset + len(page)
    return {**res, "total": total, "has_more": more, "limit": limit, "offset": offset, "items": page,
            "grouped": "events of one sentence are one hit (events)"}


def sentence_groups(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An article's events grouped by their sentence, in text order."""
    out: dict[tuple[int, int], dict[str, Any]] = {}
    for ev in events:
        key = (ev["char_start"], ev["char_end"])
        group = out.setdefault(key, {"char_start": key[0], "char_end": key[1], "sentence": ev["sentence"],
                                     "event_ids": []})
        group["event_ids"].append(ev["event_id"])
    return sorted(out.values(), key=lambda g: (g["char_start"], g["char_end"]))
