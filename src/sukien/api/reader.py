"""Articles for the API: listings, the reader view (body cut into evidence blocks with
actor mentions and quotes marked) and a diacritic-free fallback search over the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sukien.api.presenting import sentence_groups
from sukien.api.queries import FOLD_SQL, Cursor, actors_by_id
from sukien.presentation import article_label
from sukien.text.normalize import fold

_FOLDED_DOC = FOLD_SQL.format("a.title || ' ' || a.body")
_FOLDED_QUOTE = FOLD_SQL.format("q.text")
_FOLDED_SENTENCE = FOLD_SQL.format("e.record->>'sentence'")


def articles(cur: Cursor, *, outlet: str | None, actor: str | None, q: str | None,
             limit: int, offset: int) -> dict[str, Any]:
    """A page of article summaries (no body), in store order."""
    conds, params = ["TRUE"], []
    if outlet:
        conds.append("a.outlet = ?")
        params.append(outlet)
    if actor:
        conds.append("list_contains(CAST(a.record->'actors' AS VARCHAR[]), ?)")
        params.append(actor)
    if q:
        conds.append(f"{_FOLDED_DOC} LIKE ?")
        params.append(f"%{fold(q)}%")
    where = " AND ".join(conds)
    total = cur.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()
    rows = cur.execute(
        "SELECT a.record, (SELECT count(*) FROM events e WHERE e.article_id = a.article_id), "
        "(SELECT count(*) FROM quotes x WHERE x.article_id = a.article_id) "
        f"FROM articles a WHERE {where} ORDER BY a.doc_id, a.seq LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    items = [_summary(json.loads(r), ne, nq) for r, ne, nq in rows]
    return {"total": total[0] if total else 0, "limit": limit, "offset": offset, "items": items}


def _summary(rec: dict[str, Any], n_events: int, n_quotes: int) -> dict[str, Any]:
    keep = ("article_id", "doc_id", "title", "published", "published_basis", "outlet", "author",
            "wire_sources", "actors", "url")
    return {**{k: rec.get(k) for k in keep}, "label": article_label(rec.get("title"), rec.get("body")),
            "n_events": n_events, "n_quotes": n_quotes}


def titles(cur: Cursor, article_ids: list[str]) -> dict[str, str]:
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    return dict(cur.execute("SELECT article_id, title FROM articles WHERE article_id IN (SELECT unnest(?))",
                            [ids]).fetchall())


def article(cur: Cursor, article_id: str) -> dict[str, Any] | None:
    """One article with its events, quotes, actor chips and body cut into highlight blocks."""
    row = cur.execute("SELECT record FROM articles WHERE article_id = ?", [article_id]).fetchone()
    if row is None:
        return None
    rec = json.loads(row[0])
    evs = [json.loads(r[0]) for r in cur.execute(
        "SELECT record FROM events WHERE article_id = ? ORDER BY CAST(record->>'char_start' AS INTEGER), event_id",
        [article_id]).fetchall()]
    qts = [json.loads(r[0]) for r in cur.execute(
        "SELECT record FROM quotes WHERE article_id = ? ORDER BY CAST(record->>'char_start' AS INTEGER), quote_id",
        [article_id]).fetchall()]
    mentions = cur.execute(
        "SELECT actor_id, start_off, end_off, kind FROM mentions WHERE article_id = ? AND field = 'body' "
        "ORDER BY start_off", [article_id]).fetchall()
    ids = sorted(set(rec.get("actors") or ()) | {m[0] for m in mentions})
    chips = [_chip(a) for a in actors_by_id(cur, ids)]
    known = {c["id"] for c in chips}
    chips += [{"id": i, "name": i, "kind": "unknown", "affiliation": None} for i in ids if i not in known]
    spans = [Span(m[1], m[2], "mention", m[0]) for m in mentions]
    spans += [Span(q["char_start"], q["char_end"], "quote", q["quote_id"]) for q in qts]
    return {**rec, "label": article_label(rec.get("title"), rec.get("body")), "events": evs, "quotes": qts,
            "sentences": sentence_groups(evs), "actor_chips": chips,
            "blocks": blocks(rec["body"], [(e["char_start"], e["char_end"], e["event_id"]) for e in evs], spans)}


def _chip(actor: dict[str, Any]) -> dict[str, Any]:
    return {"id": actor["id"], "name": actor.get("name") or actor["id"], "kind": actor.get("kind"),
            "affiliation": actor.get("affiliation")}


# ---------------------------------------------------------------- highlighting

@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # mention | quote
    ref: str  # actor id or quote id


def blocks(body: str, evidence: list[tuple[int, int, str]], spans: list[Span]) -> list[dict[str, Any]]:
    """Cut ``body`` into blocks: evidence blocks (the union of overlapping event sentences,
    with their event ids) and plain gaps; each block is cut further into parts that carry
    the actor mentioned and the quotes covering them. Joined, the parts give ``body`` back.
    """
    n = len(body)
    merged: list[list[Any]] = []
    for s, e, eid in sorted((max(0, s), min(n, e), eid) for s, e, eid in evidence if 0 <= s < e):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            merged[-1][2].append(eid)
        else:
            merged.append([s, e, [eid]])
    out: list[dict[str, Any]] = []
    pos = 0
    for s, e, eids in merged:
        if s > pos:
            out.append({"start": pos, "end": s, "events": [], "parts": _parts(body, pos, s, spans)})
        out.append({"start": s, "end": e, "events": eids, "parts": _parts(body, s, e, spans)})
        pos = e
    if pos < n or not out:
        out.append({"start": pos, "end": n, "events": [], "parts": _parts(body, pos, n, spans)})
    return out


def _parts(body: str, start: int, end: int, spans: list[Span]) -> list[dict[str, Any]]:
    inside = [sp for sp in spans if sp.start < end and sp.end > start and sp.start < sp.end]
    cuts = sorted({start, end} | {min(max(p, start), end) for sp in inside for p in (sp.start, sp.end)})
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        cover = [sp for sp in inside if sp.start <= a and sp.end >= b]
        actor = next((sp.ref for sp in cover if sp.kind == "mention"), None)
        quotes = [sp.ref for sp in cover if sp.kind == "quote"]
        parts.append({"text": body[a:b], "actor": actor, "quotes": quotes})
    return parts


# ---------------------------------------------------------------- search (fallback)

def search(cur: Cursor, q: str, *, kind: str, limit: int, offset: int) -> dict[str, Any]:
    """Diacritic-free substring search over article titles and bodies and event sentences.

    Articles come first (title matches before body matches), then events in date order.
    """
    needle = " ".join(fold(q).split())
    hits: list[dict[str, Any]] = []
    if kind in ("all", "article"):
        rows = cur.execute(
            f"SELECT a.article_id, a.title, a.body, a.published, a.outlet FROM articles a WHERE {_FOLDED_DOC} "
            f"LIKE ? ORDER BY ({FOLD_SQL.format('a.title')} LIKE ?) DESC, a.doc_id, a.seq",
            [f"%{needle}%"] * 2).fetchall()
        for aid, title, body, published, outlet in rows:
            text = title if needle in fold(title) else body
            hits.append({"kind": "article", "article_id": aid, "event_id": None, "quote_id": None, "title": title,
                         "published": published, "outlet": outlet, **snippet(text, needle)})
    if kind in ("all", "quote"):
        rows = cur.execute(
            "SELECT q.record, a.title FROM quotes q LEFT JOIN articles a ON a.article_id = q.article_id "
            f"WHERE {_FOLDED_QUOTE} LIKE ? ORDER BY q.doc_id, q.quote_id", [f"%{needle}%"]).fetchall()
        for rec_json, title in rows:
            rec = json.loads(rec_json)
            hits.append({"kind": "quote", "article_id": rec["article_id"], "event_id": None,
                         "quote_id": rec["quote_id"], "title": title, "date": rec["date"],
                         **snippet(rec["text"], needle)})
    if kind in ("all", "event"):
        rows = cur.execute(
            "SELECT e.record, a.title FROM events e LEFT JOIN articles a ON a.article_id = e.article_id "
            f"WHERE {_FOLDED_SENTENCE} LIKE ? ORDER BY (e.date IS NULL OR e.date LIKE '--%'), e.date, e.event_id",
            [f"%{needle}%"]).fetchall()
        for rec_json, title in rows:
            rec = json.loads(rec_json)
            hits.append({"kind": "event", "article_id": rec["article_id"], "event_id": rec["event_id"], "quote_id": None,
                         "title": title, "date": rec["date"], "source": rec["source"], "target": rec["target"],
                         "cameo": rec["cameo"], "quad_class": rec["quad_class"], **snippet(rec["sentence"], needle)})
    return {"query": q, "folded": needle, "engine": "store", "total": len(hits),
            "has_more": offset + limit < len(hits), "limit": limit,
            "offset": offset, "items": hits[offset:offset + limit]}


def snippet(text: str, needle: str, width: int = 90) -> dict[str, Any]:
    """A window of ``text`` around the first folded match, with the match's offsets in it."""
    folded = fold(text)
    at = folded.find(needle)
    if at < 0:
        return {"snippet": text[: 2 * width], "match": None}
    lo = max(0, at - width)
    hi = min(len(text), at + len(needle) + width)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    start = len(prefix) + at - lo
    return {"snippet": prefix + text[lo:hi] + suffix, "match": [start, start + len(needle)]}
