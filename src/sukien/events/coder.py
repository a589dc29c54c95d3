"""CAMEO event coding from Vietnamese sentences: triggers from the pattern lexicon, source
and target from the actor mentions around them, negation, modality, date and evidence.

Argument rules (general Vietnamese word order, SVO):
- the source is the nearest actor before the trigger in the same clause that is not an
  object, place or possessor ("với X", "tại X", "của X", "theo X"), unless a subordinate
  clause with its own subject stands between them ("… nếu một quốc gia khác tấn công");
  inside a quotation with no subject, or with "chúng tôi", it is the speaker;
- the target is the first actor after the trigger in the clause, preferring the pattern's
  prepositions ("cung cấp cho X", "tấn công vào X"); places are targets only of
  force (root 15, 17–20);
- symmetric patterns ("hội đàm", "gặp") code both directions for "X và Y", "giữa X và Y",
  "X … với Y"; coordinated targets ("Minsk và Moscow") give one event each;
- receiver patterns ("nhận … từ X") swap the roles; passives ("X bị Y tấn công") too.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sukien.dates import PartialDate, find_dates, resolve
from sukien.events.args import Arg, build_args
from sukien.events.tables import EventTables, Pattern
from sukien.records import Article, Event, Mention
from sukien.text.normalize import fold
from sukien.text.sentences import Span

_CLAUSE_END = re.compile(r"[;:]|[.!?]\s|[“”\"]\s*[-–]\s")
_FIRST_PERSON = re.compile(r"(?<!\w)(?:chúng tôi|chúng ta|tôi|ta)(?!\w)", re.I)
_BLOCK_SUBJECT = {"_object", "của", "với", "cùng", "cùng với", "cho", "tới", "đến", "vào", "nhằm vào", "chống lại",
                  "chống", "đối với", "lên", "sang", "về", "giữa", "từ", "khỏi", "trước", "bởi", "do",
                  "theo", "theo lời", "dẫn lời", "trích lời", "ủng hộ", "thay mặt", "và"}
_FUNCTION_WORDS = {"đã", "sẽ", "đang", "cũng", "vẫn", "còn", "không", "chưa", "có", "thể", "sẵn", "sàng",
                   "muốn", "tiếp", "tục", "mới", "vừa", "lại", "đều", "chỉ", "thì", "liên", "luôn", "ngày",
                   "hôm", "tối", "sáng", "chiều", "đêm", "qua", "nay", "trước", "đó", "cho", "biết", "đây"}
# verbs whose object is also the subject of a following verb ("cáo buộc Nga tấn công …")
_PIVOT_ROOTS = {"01", "02", "03", "10", "11", "12", "13"}
NEARBY_DAYS = 31  # how close a date in the text must be to give a yearless date its year
_NO_TARGET_ROOTS = {"14", "15", "18", "19", "20"}
_FORCE_ROOTS = {"15", "17", "18", "19", "20"}


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
    side: Callable[[str, str | None], str]  # actor id (+date) -> the side it acts for
    home: Callable[[str], str]  # a side -> the state or organisation it belongs to
    anchor: PartialDate | None
    fallback: tuple[str | None, str] = (None, "unknown")
    seen: set[tuple[str, str | None, str | None, int]] = field(default_factory=set)
    para_dates: dict[int, list[tuple[int, PartialDate]]] = field(default_factory=dict)  # full dates per paragraph
    starts: list[int] = field(default_factory=list)  # start offsets of ``mentions``
    anchor_trusted: bool = True  # the anchor is the publication date (not a date read in the text)


def code_article(article: Article, sentences: list[Span], mentions: list[Mention], quotes: list[QuoteRef],
                 tables: EventTables, side: Callable[[str, str | None], str],
                 anchor: PartialDate | None, home: Callable[[str], str] | None = None) -> list[Event]:
    """Every event the article's sentences express, each with its evidence sentence.

    ``side(actor_id, date)`` maps an actor to the state/organisation it acts for on that
    date (a person to the office they held; a sector stays a sector).
    """
    body_mentions = sorted((m for m in mentions if m.field == "body"), key=lambda m: m.start)
    ctx = ArticleContext(article, body_mentions, quotes, tables, side,
                         home or (lambda x: x.split(".")[0]), anchor)
    ctx.anchor_trusted = bool(article.published and not article.published.startswith("--"))
    ctx.fallback = _fallback_date(article, sentences, ctx)
    ctx.starts = [m.start for m in body_mentions]
    events: list[Event] = []
    for sent in sentences:
        events += _code_sentence(sent, ctx)
    return events


def _fallback_date(article: Article, sentences: list[Span], ctx: ArticleContext) -> tuple[str | None, str]:
    if article.published and not article.published.startswith("--"):
        return article.published, "publication"
    for sent in sentences[:3]:  # the lead's own date ("ngày 14/9, …")
        for expr in find_dates(sent.text):
            if expr.kind in ("absolute", "day_month"):
                iso, _ = resolve(expr, ctx.anchor)
                if iso and _too_far(expr.kind, iso, ctx.anchor, ctx):
                    iso = expr.date.iso() if expr.date else None
                if iso:
                    return iso, "relative"
    return (article.published, "publication") if article.published else (None, "unknown")


def find_triggers(text: str, offset: int, tables: EventTables) -> list[Trigger]:
    """Longest non-overlapping pattern matches in ``text`` (offsets shifted by ``offset``)."""
    folded = fold(text)
    low = text.lower()
    blocked = _blocked_spans(low, tables.cues.get("blocked", ()))
    found: list[Trigger] = []
    if tables.automaton is None:
        return found
    for end_idx, (key, pats) in tables.automaton.iter(folded):
        start = end_idx - len(key) + 1
        if (start and folded[start - 1].isalnum()) or (end_idx + 1 < len(folded) and folded[end_idx + 1].isalnum()):
            continue
        if any(a <= start < b for a, b in blocked):
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


def _blocked_spans(low: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Compounds that contain a trigger word but are no event ("bắt đầu", "mối đe dọa")."""
    spans: list[tuple[int, int]] = []
    for p in phrases:
        i = low.find(p)
        while i >= 0:
            j = i + len(p)
            if (i == 0 or not low[i - 1].isalnum()) and (j >= len(low) or not low[j].isalnum()):
                spans.append((i, j))
            i = low.find(p, i + 1)
    return spans


def _spelled(low: str, start: int, end: int, raw: str) -> bool:
    """Exact spelling, or an accent-free spelling of several words ("hoi dam"), or of one word
    when the text itself is written without accents ("to" is not "tố" in accented text)."""
    span = low[start:end]
    return span == raw or (span.isascii() and (" " in span or low.isascii()))


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
    cut = bisect.bisect_left(ctx.starts, sent.end)  # mentions are sorted by start
    history = ctx.mentions[:cut]
    first = bisect.bisect_left(ctx.starts, sent.start)
    args = build_args(body, ctx.mentions[first:cut], sent.start, sent.end, ctx.tables.cues, history)
    out: list[Event] = []
    triggers = find_triggers(sent.text, sent.start, ctx.tables)
    objects = {_first_after(args, t).start for t in triggers if t.pattern.code[:2] not in _PIVOT_ROOTS
               and _first_after(args, t) is not None and _adjacent(body, t.end, _first_after(args, t).start)}
    args = [a if a.start not in objects else _as_object(a) for a in args]
    for trig in triggers:
        for source, target, how in _arguments(trig, args, sent, ctx):
            ev = _event(trig, source, target, how, sent, ctx, args)
            if ev is not None:
                out.append(ev)
    return out


def _first_after(args: list[Arg], t: Trigger) -> Arg | None:
    return next((a for a in args if a.start >= t.end and a.prep is None), None)


def _adjacent(body: str, end: int, start: int) -> bool:
    gap = body[end:start]
    return len(gap.split()) <= 3 and not re.search(r"[,;:.]", gap)


def _as_object(a: Arg) -> Arg:
    """An actor right after another event verb is that verb's object, never a later subject."""
    return Arg(a.start, a.end, a.actor_id, a.text, "_object", a.place, a.pair, a.kind)


def _clause_bounds(body: str, sent: Span, trig: Trigger) -> tuple[int, int]:
    lo = sent.start
    for m in _CLAUSE_END.finditer(body, sent.start, trig.start):
        lo = m.end()
    m = _CLAUSE_END.search(body, trig.end, sent.end)
    hi = m.start() if m else sent.end
    return lo, hi


Side = Arg | str


def _arguments(trig: Trigger, args: list[Arg], sent: Span, ctx: ArticleContext) -> list[tuple[Side, Side | None, str]]:
    body = ctx.article.body
    lo, hi = _clause_bounds(body, sent, trig)
    before = [a for a in args if a.start >= lo and a.end <= trig.start]
    inside = [a for a in args if trig.start < a.start and a.end <= trig.end]  # "đòi ông X từ chức"
    after = inside + [a for a in args if (a.start >= trig.end or a.end > trig.end > a.start) and a.start < hi]
    frame = trig.pattern.frame
    if frame == "pass" or _passive_marker(body, before, trig):
        return _passive(before, after, body, trig)
    if frame in ("sym", "noun"):
        between = next((a for a in after if a.prep == "giữa" and a.pair), None)
        if between is not None:  # "cuộc gặp giữa X và Y"
            return [(between, between.pair, "between"), (between.pair, between, "between")]
    source = _source(trig, before, lo, ctx)
    owner = next((a for a in after if a.prep == "của" and len(body[trig.end:a.start].split()) <= 2), None)
    if frame == "noun" and owner is not None:
        source = owner  # "chuyến đi của ông tới Trung Quốc": the possessor is the actor
        after = [a for a in after if a is not owner]
    if frame == "recv":
        giver = next((a for a in after if a.prep == "từ"), None)
        return [(giver, source, "recv")] if giver is not None and source is not None else []
    if source is None:
        return []
    if frame in ("sym", "noun"):
        pair = _symmetric(source, after)
        if pair:
            return pair
    target = _target(trig, after, body)
    if target is None and isinstance(source, Arg) and source.pair and frame in ("sym", "sv"):
        return [(source, source.pair, "pair"), (source.pair, source, "pair")]
    if target is None and frame == "noun":
        return []
    sources: list[Side] = [source]
    if isinstance(source, Arg) and source.pair:  # "Mỹ và Anh cung cấp …": each member acts
        sources.append(source.pair)
    targets: list[Side | None] = [target]
    if isinstance(target, Arg) and target.pair and target.pair != _actor(source):
        targets.append(target.pair)
    return [(s, t, "svo") for s in sources for t in targets]


def _passive_marker(body: str, before: list[Arg], trig: Trigger) -> bool:
    """"X bị tấn công", "X bị Y tấn công": the trigger is in the passive voice."""
    tail = body[max(0, trig.start - 6):trig.start].lower().rstrip()
    if tail.endswith("bị"):
        return True
    if before and not body[before[-1].end:trig.start].strip():
        head = body[max(0, before[-1].start - 6):before[-1].start].lower().rstrip()
        return head.endswith("bị")
    return False


def _source(trig: Trigger, before: list[Arg], lo: int, ctx: ArticleContext) -> Side | None:
    body = ctx.article.body
    for i in range(len(before) - 1, -1, -1):
        a = before[i]
        if a.place:
            continue
        if a.prep == "và" and i > 0 and before[i - 1].pair == a.actor_id:
            a = before[i - 1]  # the head of "X và Y"
        elif a.prep in _BLOCK_SUBJECT and not (a.prep == "của" and _possessor_heads(body, lo, a, before)):
            continue
        return a if _subject_reaches(body, before[i].end, trig.start, ctx) else None
    quote = next((q for q in ctx.quotes if q.direct and q.start <= trig.start < q.end), None)
    if quote and quote.speaker:
        lead = body[max(lo, quote.start):trig.start]
        if _FIRST_PERSON.search(lead) or (trig.pattern.frame in ("sym", "noun") and _with_follows(body, trig)):
            return quote.speaker
    return None


def _with_follows(body: str, trig: Trigger) -> bool:
    """"Các cuộc đàm phán với Mỹ …" said by X: X's side is the other party."""
    return bool(re.match(r"\s+(?:với|cùng)\s", body[trig.end:trig.end + 8]))


def _possessor_heads(body: str, lo: int, a: Arg, before: list[Arg]) -> bool:
    """"Đại diện của Bộ Ngoại giao Nga đề nghị …": the possessor stands for a short subject."""
    head = body[lo:a.start]
    return len(head.split()) <= 5 and not any(b.start < a.start for b in before)


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if w not in _FUNCTION_WORDS and not w.isdigit()]


def _subject_reaches(body: str, end: int, trig_start: int, ctx: ArticleContext) -> bool:
    """No subordinate clause with a subject of its own between the actor and the trigger."""
    gap = body[end:trig_start]
    if len(gap.split()) > 16:
        return False
    low = " " + gap.lower() + " "
    cut = -1
    for w in ctx.tables.cues.get("subject_break", ()):
        for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", low):
            cut = max(cut, m.end())
    if cut < 0:
        return True
    return len(_content_words(low[cut:])) <= 1


def _symmetric(source: Side, after: list[Arg]) -> list[tuple[Side, Side | None, str]]:
    for a in after:
        if a.prep == "giữa" and a.pair:
            return [(a, a.pair, "between"), (a.pair, a, "between")]
        if a.prep in ("với", "cùng", "cùng với") and not a.place:
            return [(source, a, "with"), (a, source, "with")]
    if isinstance(source, Arg) and source.pair:
        return [(source, source.pair, "pair"), (source.pair, source, "pair")]
    return []


def _target(trig: Trigger, after: list[Arg], body: str) -> Arg | None:
    """The pattern's own preposition may introduce the target far after the trigger ("cung
    cấp … cho X"); a direct object or another complement must be close."""
    preps = trig.pattern.preps
    force = trig.pattern.code[:2] in _FORCE_ROOTS
    for a in after:
        distance = len(body[trig.end:a.start].split())
        if distance > 25:
            break
        if a.prep in ("của", "theo", "theo lời", "dẫn lời", "trích lời", "từ"):
            continue
        if preps and a.prep in preps:
            return a
        if distance > 12 or (a.place and not force):
            continue
        if a.prep in (None, "_object") or a.prep in _BLOCK_SUBJECT or a.place:
            return a
    return None


def _passive(before: list[Arg], after: list[Arg], body: str,
             trig: Trigger) -> list[tuple[Side, Side | None, str]]:
    """"X bị Y <verb>" and "X bị <verb> bởi/do Y": Y is the source, X the target."""
    agent = None
    if before and not body[before[-1].end:trig.start].strip():
        head = body[max(0, before[-1].start - 6):before[-1].start].lower().rstrip()
        if head.endswith("bị"):
            agent = before[-1]
    patients = [a for a in before if a is not agent and not a.place and a.prep in (None, "_object")]
    target = patients[-1] if patients else None
    source = agent or next((a for a in after if a.prep in ("bởi", "do")), None)
    if target is None or source is None:
        return []
    return [(source, target, "passive")]


def _actor(x: Side | None) -> str | None:
    if x is None:
        return None
    return x.actor_id if isinstance(x, Arg) else x


def _event(trig: Trigger, source: Side, target: Side | None, how: str, sent: Span,
           ctx: ArticleContext, args: list[Arg]) -> Event | None:
    src_id, tgt_id = _actor(source), _actor(target)
    if src_id is None:
        return None
    negated, modality = _mood(trig, sent, ctx)
    code = ctx.tables.code(_recode(trig.pattern.code, modality, ctx))
    date, basis = _date(trig, sent, ctx)
    src = ctx.side(src_id, date)
    tgt = ctx.side(tgt_id, date) if tgt_id else None
    if src.startswith("person:") or (tgt is not None and tgt.startswith("person:")):
        return None  # a person with no known side is not a political actor of a dyad
    if tgt is not None and ctx.home(src) == ctx.home(tgt) and not _internal(src, tgt):
        return None
    if how == "svo" and isinstance(target, Arg) and target.pair and ctx.home(src) in (
            ctx.home(ctx.side(target.actor_id, date)), ctx.home(ctx.side(target.pair, date))):
        return None  # "liên minh Belarus - Nga" said by Belarus: a phrase naming its own side
    if tgt is None and (code.code[:2] not in _NO_TARGET_ROOTS or src_id.startswith("person:")):
        return None
    key = (code.code[:2], src, tgt, sent.start)
    if key in ctx.seen:
        return None
    ctx.seen.add(key)
    quote = next((q for q in ctx.quotes if q.start <= trig.start < q.end), None)
    location = next((a.text for a in args if a.place and sent.start <= a.start < sent.end), None)
    ident = f"{ctx.article.article_id}|{sent.start}|{trig.start}|{code.code}|{src}|{tgt}"
    return Event(
        event_id=hashlib.sha1(ident.encode("utf-8")).hexdigest()[:16],
        article_id=ctx.article.article_id, doc_id=ctx.article.doc_id, date=date, date_basis=basis,
        source=src, target=tgt,
        source_text=source.text if isinstance(source, Arg) else None,
        target_text=target.text if isinstance(target, Arg) else None,
        cameo=code.code, root=code.code[:2], quad_class=code.quad_class, goldstein=code.goldstein,
        plover=code.plover, location=location, negated=negated, modality=modality,
        sentence=sent.text, char_start=sent.start, char_end=sent.end,
        quote_id=quote.quote_id if quote else None,
        confidence=_confidence(how, source, target), trigger=ctx.article.body[trig.start:trig.end],
        source_person=src_id if src_id.startswith("person:") else None,
        target_person=tgt_id if tgt_id and tgt_id.startswith("person:") else None,
    )


def _recode(code: str, modality: str, ctx: ArticleContext) -> str:
    """An intended or conditional act is coded as intent (03x) or threat (13x)."""
    if modality in ("intended", "conditional"):
        return ctx.tables.intent.get(code[:2], code)
    return code


def _internal(a: str, b: str) -> bool:
    sectors = {x.split(".", 1)[1] for x in (a, b) if "." in x and not x.startswith("person:")}
    return bool(sectors & {"OPP", "REB", "CVL"})


def _negated(pre: list[str], trigger_words: list[str], cues: dict[str, tuple[str, ...]]) -> bool:
    """A negator in the last four words before the trigger, "không kích"-type compounds aside."""
    window = pre[-4:]
    if not window:
        return False
    following = [*window[1:], *(trigger_words[:1] or [""])]
    blocked = set(cues.get("not_negation", ()))
    cleaned = ["_" if w == "không" and f"không {nxt}" in blocked else w for w, nxt in zip(window, following, strict=True)]
    return _has_phrase(cleaned, cues.get("negation", ()))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _has_phrase(words: list[str], phrases: tuple[str, ...], compounds: tuple[str, ...] = ()) -> bool:
    """A cue phrase among ``words``; a one-syllable cue inside a listed compound does not count
    ("định" in "quyết định", "cần" in "cần thiết")."""
    if compounds:
        words = _mask_compounds(words, compounds)
    joined = " " + " ".join(words) + " "
    return any(f" {p} " in joined for p in phrases)


def _mask_compounds(words: list[str], compounds: tuple[str, ...]) -> list[str]:
    out = list(words)
    for c in compounds:
        parts = c.split()
        n = len(parts)
        for i in range(len(words) - n + 1):
            if words[i:i + n] == parts:
                for k in range(i, i + n):
                    out[k] = "_"
    return out


def _mood(trig: Trigger, sent: Span, ctx: ArticleContext) -> tuple[bool, str]:
    body = ctx.article.body
    lo, _ = _clause_bounds(body, sent, trig)
    pre = _words(body[lo:trig.start])
    cues = ctx.tables.cues
    negated = _negated(pre, _words(body[trig.start:trig.end]), cues)
    own = _words(body[trig.start:trig.end])[:1]  # "sẽ cung cấp": the modal is part of the trigger
    intended = _has_phrase(pre[-7:] + own, cues.get("intended", ()), cues.get("compound", ()))
    if _has_phrase(_words(body[sent.start:trig.start]), cues.get("conditional", ())):
        return negated, "conditional"
    if trig.pattern.code[:2] not in ("11", "12") and _has_phrase(pre, cues.get("claim", ())):
        return negated, "reported_claim"
    if intended:
        return negated, "intended"
    return negated, "asserted"


def _date(trig: Trigger, sent: Span, ctx: ArticleContext) -> tuple[str | None, str]:
    """The date expression of the trigger's clause (else one before it in the sentence)."""
    lo, hi = _clause_bounds(ctx.article.body, sent, trig)
    pos = trig.start - sent.start
    exprs = [e for e in find_dates(sent.text)
             if lo <= sent.start + e.start < hi or e.end <= pos]
    if exprs:
        expr = min(exprs, key=lambda e: (0 if lo <= sent.start + e.start < hi else 1, abs(pos - e.end)))
        anchor = _nearby_anchor(sent, ctx)
        if _narrative(expr.text) and anchor is ctx.anchor:
            return ctx.fallback  # "hôm sau" counts from the story's last date, not from publication
        iso, basis = resolve(expr, anchor)
        if iso and _too_far(expr.kind, iso, anchor, ctx):
            return expr.date.iso() if expr.date else None, "relative"  # "--MM-DD": no year
        if iso:
            return iso, basis
    return ctx.fallback


def _too_far(kind: str, iso: str, anchor: PartialDate | None, ctx: ArticleContext) -> bool:
    """A yearless date takes its year from a date found in the text (a caption's photo date,
    an earlier full date) only when the two are close: otherwise the year is not known."""
    if kind != "day_month" or anchor is None or ctx.anchor_trusted and anchor is ctx.anchor:
        return False
    if anchor.day is None or anchor.year is None or len(iso) != 10:
        return False
    from datetime import date

    gap = abs((date.fromisoformat(iso) - date(anchor.year, anchor.month or 1, anchor.day)).days)
    return gap > NEARBY_DAYS


def _narrative(text: str) -> bool:
    low = text.lower()
    return low.endswith(("sau", "sau đó", "hôm trước", "ngày hôm trước"))


def _nearby_anchor(sent: Span, ctx: ArticleContext) -> PartialDate | None:
    """An explicit full date earlier in the same paragraph anchors "ngày 27/2" before the
    publication date does (contract order: nearby full date, publication, page timestamps)."""
    body = ctx.article.body
    para = body.rfind("\n\n", 0, sent.start)
    para = para + 2 if para >= 0 else 0
    if para not in ctx.para_dates:  # each paragraph is scanned once
        end = body.find("\n\n", para)
        end = len(body) if end < 0 else end
        ctx.para_dates[para] = [(para + e.start, e.date) for e in find_dates(body[para:end])
                                if e.kind == "absolute" and e.date is not None and e.date.day is not None]
    found = [d for pos, d in ctx.para_dates[para] if pos < sent.start]
    return found[-1] if found else ctx.anchor


def _confidence(how: str, source: Side, target: Side | None) -> float:
    score = 0.6
    if isinstance(target, Arg) and target.prep:
        score += 0.15
    if not isinstance(source, Arg):
        score -= 0.2
    if how in ("between", "with", "pair"):
        score += 0.1
    return round(min(max(score, 0.05), 0.95), 2)
