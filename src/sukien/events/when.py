"""When an event happened: the date expression that is a time adjunct of the trigger's clause
(not a year that names something else: "vụ cháy năm 2019", "lớn nhất kể từ 2019"), else a date
opening the sentence, else the publication date. Relative expressions are resolved against a
full date earlier in the paragraph, else the publication date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sukien.dates import PartialDate, find_dates, resolve
from sukien.doc import DateSpan, Doc
from sukien.events.lexer import gap_tokens
from sukien.events.phrases import Sentence
from sukien.events.tables import EventTables

NEARBY_DAYS = 31  # how close a date in the text must be to give a yearless date its year
CLOSE_WORDS = 8  # a year this close after the trigger, past its object only, dates it
STORY_DAYS = 7  # a day this close before publication is the story's own day
_VERBAL = frozenset({"predicate", "speech", "claim", "light_verb"})
_FULL = frozenset({"absolute", "day_month", "relative", "weekday"})
_ADJUNCT_BEFORE = frozenset({"punct", "predicate", "speech", "trigger", "light_verb", "coordinator"})


@dataclass
class Dating:
    """Per-article dating state: the fallback date and the full dates of each paragraph."""

    doc: Doc
    fallback: tuple[str | None, str] = (None, "unknown")
    anchor_trusted: bool = True
    para_dates: dict[int, list[tuple[int, PartialDate]]] = field(default_factory=dict)


def dating(doc: Doc) -> Dating:
    art = doc.article
    d = Dating(doc, anchor_trusted=bool(art.published and not art.published.startswith("--")))
    d.fallback = _fallback_date(d)
    return d


def event_date(d: Dating, s: Sentence, ti: int, tables: EventTables) -> tuple[str | None, str]:
    """The date of the trigger at token ``ti`` of ``s``, with its basis."""
    span = _own_date(d.doc, s, ti, tables)
    if span is None:
        return _story_day(d, s, tables)
    anchor = _nearby_anchor(d, s.start)
    if span.expr.kind == "relative" and not _narrative(span.expr.text, tables):
        anchor = _nearby_anchor(d, span.start, since=s.start)  # "năm ngoái" counts from the report
    if _narrative(span.expr.text, tables) and anchor is d.doc.anchor:
        return d.fallback  # "hôm sau" counts from the story's last date, not from publication
    iso, basis = resolve(span.expr, anchor)
    if iso and _too_far(span.expr.kind, iso, anchor, d):
        return (span.expr.date.iso() if span.expr.date else None), "relative"  # "--MM-DD": no year
    return (iso, basis) if iso else d.fallback


def _own_date(doc: Doc, s: Sentence, ti: int, tables: EventTables) -> DateSpan | None:
    """The adjunct date of the trigger's clause nearest the trigger, else one opening the sentence."""
    clause = s.clause_of[ti]
    trig_start = s.toks[ti].start
    dates = [(i, t) for i, t in enumerate(s.toks) if t.tag == "date"]
    spans = doc.dates_in(s.start, s.end)
    own = [(abs(t.start - trig_start), spans[t.index]) for i, t in dates
           if s.clause_of[i] == clause and _attached(s, ti, i) and not _in_content(s, ti, i, tables)
           and (_adjunct(s, i, spans[t.index], tables) or _closes_phrase(s, ti, i))]
    if own:
        return min(own, key=lambda x: x[0])[1]
    shared = [spans[t.index] for i, t in dates if s.clause_of[i] in _carried_from(doc, s, clause)
              and t.start < trig_start and _adjunct(s, i, spans[t.index], tables)]
    if shared:
        return shared[-1]  # "X ngày 20/4 thông báo rằng …": the clause that introduces it
    opening = [spans[t.index] for i, t in dates if i <= 1 and t.start < trig_start
               and _adjunct(s, i, spans[t.index], tables)]
    return opening[0] if opening else None


def _carried_from(doc: Doc, s: Sentence, clause: int) -> set[int]:
    """The clauses before ``clause`` in its sentence whose time a continuation clause shares."""
    out: set[int] = set()
    first = s.clause_of[0]
    while clause > first and clause >= 0 and doc.clauses[clause].kind in _CARRIES:
        clause -= 1
        out.add(clause)
    return out


_HEADS = frozenset({"trigger", "speech", "light_verb", "classifier"})
_CARRIES = frozenset({"complement", "coord", "contrast", "purpose"})  # clauses sharing the time before


def _attached(s: Sentence, ti: int, i: int) -> bool:
    """A date before the trigger scopes over the clause's verbs ("Hungary ngày 3/5 thông báo
    trục xuất …"); one after it belongs to the nearest event head before it ("trục xuất … liên
    quan đến vụ cháy … vào năm 2019": the year is the fire's)."""
    return i < ti or not any(s.toks[j].tag in _HEADS for j in range(ti + 1, i))


def _in_content(s: Sentence, ti: int, i: int, tables: EventTables) -> bool:
    """A date after a trigger that takes an act as its content (a warning, an appeal, a threat),
    past a predicate word of that content ("cảnh báo X có thể sẽ … vào tháng 7/2027"): the
    content's time, not the day the warning was made."""
    if i < ti or s.toks[ti].tag != "trigger":
        return False
    code = s.triggers[s.toks[ti].index].pattern.code
    if not code.startswith(tables.cue("governing_root")):
        return False
    return any(s.toks[j].tag == "predicate" for j in range(ti + 1, i))


def _adjunct(s: Sentence, i: int, span: DateSpan, tables: EventTables) -> bool:
    """A date expression that says when the clause's act happened: at the start of the clause,
    after its subject or verb, not a bound ("từ năm 2019") and — unless it names a day — not
    after a noun ("vụ cháy năm 2019")."""
    prev = s.toks[i - 1] if i > 0 and s.clause_of[i - 1] == s.clause_of[i] else None
    if prev is not None and prev.text in tables.cue("date_bound"):
        return False
    if span.expr.kind in _FULL and span.expr.offset_unit not in ("year", "month"):
        return True  # a day ("ngày 3/5", "hôm qua"); "cách đây 7 năm" is read like a year
    return prev is None or prev.tag in _ADJUNCT_BEFORE or prev.text in tables.cue("date_lead")



def _story_day(d: Dating, s: Sentence, tables: EventTables) -> tuple[str | None, str]:
    """A sentence with no date of its own continues the day named last in its paragraph, or
    earlier in the article when that day is the story's own (at most ``STORY_DAYS`` before
    publication); otherwise the publication date."""
    body = d.doc.body
    para = body.rfind("\n\n", 0, s.start)
    para = para + 2 if para >= 0 else 0
    pub = d.doc.anchor.to_date() if d.anchor_trusted and d.doc.anchor is not None else None
    for x in reversed(d.doc.dates_in(0, s.start)):
        if x.expr.kind not in ("absolute", "day_month") or not _leads(d.doc, x, tables):
            continue
        iso, basis = resolve(x.expr, _nearby_anchor(d, x.start))
        if iso is None or len(iso) != 10 or iso.startswith("-"):
            continue
        if x.start >= para or (pub is not None and 0 <= (pub - date.fromisoformat(iso)).days <= STORY_DAYS):
            return iso, "relative"
    return d.fallback


def _leads(doc: Doc, x: DateSpan, tables: EventTables) -> bool:
    """A date before its sentence's first verb ("Ngày 15/4, …", "Bộ X ngày 15/4 thông báo …"): the
    day of what the sentence reports, not a bound further on ("… kết thúc ngày 31/10")."""
    sent = doc.sentences[doc.sentence_index(x.start)]
    return not any(t.tag in _VERBAL for t in gap_tokens(doc.lower, sent.start, x.start, tables))


def _closes_phrase(s: Sentence, ti: int, i: int) -> bool:
    """A year or month closing the trigger's own verb phrase ("xâm lược Kuwait năm 1990"): after
    the trigger, with only its object's words between them."""
    if i <= ti or i - ti > CLOSE_WORDS:
        return False
    return all(t.tag in ("word", "actor", "punct") and t.text != "," for t in s.toks[ti + 1:i])


def _fallback_date(d: Dating) -> tuple[str | None, str]:
    art = d.doc.article
    if art.published and not art.published.startswith("--"):
        return art.published, "publication"
    for sent in d.doc.sentences[:3]:  # the lead's own date ("ngày 14/9, …")
        for expr in find_dates(sent.text):
            if expr.kind in ("absolute", "day_month"):
                iso, _ = resolve(expr, d.doc.anchor)
                if iso and _too_far(expr.kind, iso, d.doc.anchor, d):
                    iso = expr.date.iso() if expr.date else None
                if iso:
                    return iso, "relative"
    return (art.published, "publication") if art.published else (None, "unknown")


def _too_far(kind: str, iso: str, anchor: PartialDate | None, d: Dating) -> bool:
    """A yearless date takes its year from a date found in the text only when the two are close."""
    if kind != "day_month" or anchor is None or (d.anchor_trusted and anchor is d.doc.anchor):
        return False
    if anchor.day is None or anchor.year is None or len(iso) != 10:
        return False
    gap = abs((date.fromisoformat(iso) - date(anchor.year, anchor.month or 1, anchor.day)).days)
    return gap > NEARBY_DAYS


def _narrative(text: str, tables: EventTables) -> bool:
    low = " " + text.lower()
    return any(low.endswith(" " + p) for p in tables.cue("narrative_date"))


def _nearby_anchor(d: Dating, pos: int, since: int = 0) -> PartialDate | None:
    """An explicit full date earlier in the same paragraph (and not before ``since``) anchors
    "ngày 27/2" before the publication date does (contract order: nearby full date, publication,
    page timestamps). A deictic expression ("năm ngoái", "hôm qua") takes only a date of its own
    sentence: the day of the statement it is reported in."""
    body = d.doc.body
    para = body.rfind("\n\n", 0, pos)
    para = para + 2 if para >= 0 else 0
    if para not in d.para_dates:
        end = body.find("\n\n", para)
        end = len(body) if end < 0 else end
        d.para_dates[para] = [(x.start, x.expr.date) for x in d.doc.dates_in(para, end)
                              if x.expr.kind == "absolute" and x.expr.date is not None and x.expr.date.day]
    found = [p for start, p in d.para_dates[para] if since <= start < pos]
    return found[-1] if found else d.doc.anchor
