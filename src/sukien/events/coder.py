"""CAMEO event coding from Vietnamese sentences: triggers from the pattern lexicon, source
and target from the actor mentions around them, negation, modality, date and evidence."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from sukien.dates import PartialDate, find_dates, resolve
from sukien.events.args import Arg, build_args
from sukien.events.tables import EventTables, Pattern
from sukien.records import Article, Event, Mention
from sukien.text.normalize import fold
from sukien.text.sentences import Span

_CLAUSE_END = re.compile(r"[;:]|\.\s|,\s*(?:nhưng|song|trong khi|còn)\s")
_PRONOUN = re.compile(r"(?<!\w)(?:ông|bà|ông ấy|bà ấy|nhà lãnh đạo này|người này|vị này)(?!\w)", re.I)
_SUBJECT_BLOCK = ("của", "với", "cùng", "cùng với", "cho", "tới", "đến", "vào", "nhằm vào", "chống lại",
                  "chống", "đối với", "lên", "sang", "về", "giữa", "từ", "khỏi", "trước", "bởi", "do")


@dataclass(frozen=True)
class Trigger:
    start: int  # body offsets
    end: int
    pattern: Pattern


@dataclass(frozen=True)
class QuoteRef:
    start: int
    end: int
    quote_id: str
    speaker: str | None
    direct: bool


@dataclass
class ArticleContext:
    article: Article
    mentions: list[Mention]
    quotes: list[QuoteRef]
    tables: EventTables
    affiliation: Callable[[str], str]
    anchor: PartialDate | None
    fallback: tuple[str | None, str]


def code_article(article: Article, sentences: list[Span], mentions: list[Mention], quotes: list[QuoteRef],
                 tables: EventTables, affiliation: Callable[[str], str], anchor: PartialDate | None) -> list[Event]:
    """Every event the article's sentences express, each with its evidence sentence."""
    body_mentions = sorted((m for m in mentions if m.field == "body"), key=lambda m: m.start)
    ctx = ArticleContext(article, body_mentions, quotes, tables, affiliation, anchor, (None, "unknown"))
    ctx.fallback = _fallback_date(article, sentences, anchor)
    events: list[Event] = []
    seen: set[tuple[str, str | None, str | None, str]] = set()
    for sent in sentences:
        for ev in _code_sentence(sent, ctx):
            key = (ev.root, ev.source, ev.target, str(ev.char_start))
            if key not in seen:
                seen.add(key)
                events.append(ev)
    return events


def _fallback_date(article: Article, sentences: list[Span], anchor: PartialDate | None) -> tuple[str | None, str]:
    if article.published and not article.published.startswith("--"):
        return article.published, "publication"
    for sent in sentences[:3]:  # the lead's own date ("ngày 14/9, …")
        for expr in find_dates(sent.text):
            if expr.kind in ("absolute", "day_month"):
                iso, _ = resolve(expr, anchor)
                if iso:
                    return iso, "relative"
    return (article.published, "publication") if article.published else (None, "unknown")


def find_triggers(text: str, offset: int, tables: EventTables) -> list[Trigger]:
    """Longest non-overlapping pattern matches in ``text`` (offsets shifted by ``offset``)."""
    folded = fold(text)
    low = text.lower()
    found: list[Trigger] = []
    if tables.automaton is None:
        return found
    for end_idx, (key, pats) in tables.automaton.iter(folded):
        start = end_idx - len(key) + 1
        if (start and folded[start - 1].isalnum()) or (end_idx + 1 < len(folded) and folded[end_idx + 1].isalnum()):
            continue
        for p in pats:
            end = _match_rest(low, folded, start, end_idx + 1, p)
            if end is not None:
                found.append(Trigger(offset + start, offset + end, p))
    found.sort(key=lambda t: (-(t.end - t.start), t.start))
    kept: list[Trigger] = []
    for t in found:
        if all(t.end <= k.start or t.start >= k.end for k in kept):
            kept.append(t)
    return sorted(kept, key=lambda t: t.start)


def _spelled(low: str, start: int, end: int, raw: str) -> bool:
    span = low[start:end]
    return span == raw or span.isascii()


def _match_rest(low: str, folded: str, start: int, end: int, p: Pattern) -> int | None:
    if not _spelled(low, start, end, p.raw_parts[0]):
        return None
    for part, raw in zip(p.parts[1:], p.raw_parts[1:], strict=True):
        window = folded[end:end + 60]
        m = re.search(rf"(?<!\w){re.escape(part)}(?!\w)", window)
        if m is None or len(window[:m.start()].split()) > 6:
            return None
        s, e = end + m.start(), end + m.end()
        if not _spelled(low, s, e, raw):
            return None
        end = e
    return end


def _code_sentence(sent: Span, ctx: ArticleContext) -> list[Event]:
    body = ctx.article.body
    history = [m for m in ctx.mentions if m.start < sent.end]
    args = build_args(body, ctx.mentions, sent.start, sent.end, ctx.tables.cues, history)
    out: list[Event] = []
    triggers = find_triggers(sent.text, sent.start, ctx.tables)
    for trig in triggers:
        for source, target, how in _arguments(trig, args, sent, ctx, history):
            ev = _event(trig, source, target, how, sent, ctx, args)
            if ev is not None:
                out.append(ev)
    return out


def _clause_bounds(body: str, sent: Span, trig: Trigger) -> tuple[int, int]:
    lo = sent.start
    for m in _CLAUSE_END.finditer(body, sent.start, trig.start):
        lo = m.end()
    m = _CLAUSE_END.search(body, trig.end, sent.end)
    hi = m.start() if m else sent.end
    return lo, hi


def _arguments(trig: Trigger, args: list[Arg], sent: Span, ctx: ArticleContext,
               history: list[Mention]) -> list[tuple[Arg | str, Arg | str | None, str]]:
    body = ctx.article.body
    lo, hi = _clause_bounds(body, sent, trig)
    before = [a for a in args if a.end <= trig.start and a.start >= sent.start]
    after = [a for a in args if a.start >= trig.end and a.start < hi]
    frame = trig.pattern.frame
    if frame == "pass":
        return _passive(trig, before, after, body)
    source = _source(trig, before, lo, ctx, history, sent)
    if source is None:
        return []
    if frame in ("sym", "noun"):
        pair = _symmetric(trig, source, before, after, body)
        if pair:
            return pair
    target = _target(trig, after, body)
    if isinstance(source, Arg) and source.pair and target is None and frame in ("sym", "sv"):
        return [(source, source.pair, "pair"), (source.pair, source, "pair")]
    return [(source, target, "svo")]


def _source(trig: Trigger, before: list[Arg], lo: int, ctx: ArticleContext, history: list[Mention],
            sent: Span) -> Arg | str | None:
    body = ctx.article.body
    for a in reversed(before):
        if a.place or (a.prep in _SUBJECT_BLOCK and not _pair_head(a, before)):
            continue
        return a
    quote = next((q for q in ctx.quotes if q.direct and q.start <= trig.start < q.end), None)
    if quote and quote.speaker:
        return quote.speaker
    if _PRONOUN.search(body, sent.start, trig.start):
        for m in reversed(history):
            if m.start < sent.start and m.kind == "person":
                return m.actor_id
    return None


def _pair_head(a: Arg, before: list[Arg]) -> bool:
    return False


def _symmetric(trig: Trigger, source: Arg | str, before: list[Arg], after: list[Arg],
               body: str) -> list[tuple[Arg | str, Arg | str | None, str]]:
    for a in after:
        if a.prep == "giữa" and a.pair:
            return [(a, a.pair, "between"), (a.pair, a, "between")]
        if a.prep in ("với", "cùng", "cùng với") and not a.place:
            return [(source, a, "with"), (a, source, "with")]
    if isinstance(source, Arg) and source.pair:
        return [(source, source.pair, "pair"), (source.pair, source, "pair")]
    return []


def _target(trig: Trigger, after: list[Arg], body: str) -> Arg | None:
    preps = trig.pattern.preps
    words_limit = 14
    for a in after:
        if len(body[trig.end:a.start].split()) > words_limit:
            break
        if a.prep == "của":
            continue
        if a.place and trig.pattern.frame in ("sym", "sv"):
            continue
        if preps and a.prep in preps:
            return a
        if a.prep is None or a.prep in _SUBJECT_BLOCK or a.place:
            return a
    return None


def _passive(trig: Trigger, before: list[Arg], after: list[Arg],
             body: str) -> list[tuple[Arg | str, Arg | str | None, str]]:
    target = next((a for a in reversed(before) if not a.place and a.prep is None), None)
    source = next((a for a in after if a.prep in ("bởi", "do")), None)
    if source is None:
        source = next((a for a in before if target is not None and a.start > target.end), None)
    if target is None or source is None:
        return []
    return [(source, target, "passive")]


def _actor(x: Arg | str | None) -> str | None:
    if x is None:
        return None
    return x.actor_id if isinstance(x, Arg) else x


def _event(trig: Trigger, source: Arg | str, target: Arg | str | None, how: str, sent: Span,
           ctx: ArticleContext, args: list[Arg]) -> Event | None:
    src, tgt = _actor(source), _actor(target)
    if src is None:
        return None
    code = ctx.tables.code(trig.pattern.code)
    if tgt is not None and ctx.affiliation(src) == ctx.affiliation(tgt) and not _internal(src, tgt):
        return None
    if tgt is None and code.code[:2] in ("01", "02", "03", "04", "05", "06", "07", "08", "10", "11", "12", "13"):
        return None
    body = ctx.article.body
    negated, modality = _mood(trig, sent, ctx)
    date, basis = _date(trig, sent, ctx)
    quote = next((q for q in ctx.quotes if q.start <= trig.start < q.end), None)
    location = next((a.text for a in args if a.place and sent.start <= a.start < sent.end), None)
    key = f"{ctx.article.article_id}|{sent.start}|{trig.start}|{code.code}|{src}|{tgt}"
    return Event(
        event_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        article_id=ctx.article.article_id, doc_id=ctx.article.doc_id, date=date, date_basis=basis,
        source=src, target=tgt,
        source_text=source.text if isinstance(source, Arg) else None,
        target_text=target.text if isinstance(target, Arg) else None,
        cameo=code.code, root=code.code[:2], quad_class=code.quad_class, goldstein=code.goldstein,
        plover=code.plover, location=location, negated=negated, modality=modality,
        sentence=sent.text, char_start=sent.start, char_end=sent.end,
        quote_id=quote.quote_id if quote else None,
        confidence=_confidence(how, source, target), trigger=body[trig.start:trig.end],
    )


def _internal(a: str, b: str) -> bool:
    sectors = {x.split(".", 1)[1] for x in (a, b) if "." in x and not x.startswith("person:")}
    return bool(sectors & {"OPP", "REB", "CVL"})


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _has_phrase(words: list[str], phrases: tuple[str, ...]) -> bool:
    joined = " " + " ".join(words) + " "
    return any(f" {p} " in joined for p in phrases)


def _mood(trig: Trigger, sent: Span, ctx: ArticleContext) -> tuple[bool, str]:
    body = ctx.article.body
    pre = _words(body[sent.start:trig.start])
    cues = ctx.tables.cues
    negated = _has_phrase(pre[-4:], cues.get("negation", ()))
    if _has_phrase(pre, cues.get("conditional", ())):
        return negated, "conditional"
    if trig.pattern.code[:2] not in ("11", "12") and _has_phrase(pre, cues.get("claim", ())):
        return negated, "reported_claim"
    if _has_phrase(pre[-6:], cues.get("intended", ())):
        return negated, "intended"
    return negated, "asserted"


def _date(trig: Trigger, sent: Span, ctx: ArticleContext) -> tuple[str | None, str]:
    exprs = find_dates(sent.text)
    if exprs:
        pos = trig.start - sent.start
        expr = min(exprs, key=lambda e: (0 if e.end <= pos else 1, abs(pos - e.end)))
        iso, basis = resolve(expr, ctx.anchor)
        if iso:
            return iso, basis
    return ctx.fallback


def _confidence(how: str, source: Arg | str, target: Arg | str | None) -> float:
    score = 0.6
    if isinstance(target, Arg) and target.prep:
        score += 0.15
    if not isinstance(source, Arg):
        score -= 0.2
    if how in ("between", "with", "pair"):
        score += 0.1
    return round(min(max(score, 0.05), 0.95), 2)
