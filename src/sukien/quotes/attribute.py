"""Speakers of quotes as canonical actors: the actor named in the speaker words, else (for
"ông", "nhà lãnh đạo này", a bare title) the person the article named last before the quote."""

from __future__ import annotations

import bisect
import hashlib

from sukien.dates import PartialDate, find_dates, resolve
from sukien.quotes.finder import QuoteSpan
from sukien.quotes.speakers import DEMONSTRATIVES, lexicon, starts_with_any
from sukien.records import Article, Mention, Quote
from sukien.text.sentences import split_sentences


def attribute_quotes(article: Article, spans: list[QuoteSpan], mentions: list[Mention],
                     anchor: PartialDate | None, fallback_date: str | None) -> list[Quote]:
    """Quote records for ``spans`` with speakers resolved through the article's mentions."""
    body_mentions = sorted((m for m in mentions if m.field == "body"), key=lambda m: m.start)
    starts = _LazyStarts(article.body)  # split only when a pronoun needs the sentences
    out: list[Quote] = []
    for q in spans:
        speaker = speaker_of(q, body_mentions, article.body, starts)
        key = f"{article.article_id}|{q.start}|{q.end}"
        out.append(Quote(
            quote_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
            article_id=article.article_id, doc_id=article.doc_id, speaker=speaker,
            speaker_text=q.speaker_text, text=q.text, direct=q.direct,
            date=_quote_date(article.body, q, anchor) or fallback_date,
            char_start=q.start, char_end=q.end,
        ))
    return out


class _LazyStarts:
    """Sentence starts of a body, computed on first use."""

    def __init__(self, body: str) -> None:
        self.body = body
        self._starts: list[int] | None = None

    def get(self) -> list[int]:
        if self._starts is None:
            self._starts = [s.start for s in split_sentences(self.body)]
        return self._starts


def speaker_of(q: QuoteSpan, mentions: list[Mention], body: str = "",
               sentence_starts: _LazyStarts | list[int] | None = None) -> str | None:
    """The actor who said ``q``: named in the speaker words; else (pronoun, bare title, or no
    speaker words) the most salient person before it whose gender does not contradict
    "ông"/"bà" — the subject (first person named) of the nearest sentence that names one; for an
    anaphoric title with no person before it ("Người phát ngôn trên"), the actor of the same
    title earlier in the text."""
    if q.speaker_start is not None and q.speaker_end is not None and not q.speaker_pronoun:
        inside = [m for m in mentions if m.start < q.speaker_end and m.end > q.speaker_start
                  and not m.as_place]  # overlapping: "Tổng thống Belarus, Alexander Lukashenko"
        head = _head_person(inside, body, q.speaker_start)
        if head is not None:
            return head
        actors = [m for m in inside if m.kind in ("org", "sector", "state")]
        if actors:
            return actors[0].actor_id
        if q.speaker_text and not _bare_title(q.speaker_text):
            return None  # someone the lexicon does not know ("Các học giả …"): no guess
    if q.speaker_pronoun and q.speaker_text and not _person_anaphor(q.speaker_text):
        # "Nguồn tin này", "Tờ báo này": not a person named before
        return _same_title_before(q.speaker_text, q.speaker_start or q.start, mentions, body)
    anchor = q.speaker_start if q.speaker_start is not None else q.start
    before = [m for m in mentions if m.kind == "person" and m.end <= anchor]
    wanted = _pronoun_gender(q.speaker_text)
    if wanted:
        genders = _genders(mentions)
        before = [m for m in before if genders.get(m.actor_id, _name_gender(m.text)) in (wanted, None)]
    if not before and q.speaker_pronoun and q.speaker_text:
        return _same_title_before(q.speaker_text, anchor, mentions, body)
    if not before:
        return None
    if isinstance(sentence_starts, _LazyStarts):
        starts = sentence_starts.get()
    else:
        starts = sentence_starts if sentence_starts is not None else [s.start for s in split_sentences(body)]
    return _salient(before, starts, wanted, _genders(mentions))


def _salient(before: list[Mention], starts: list[int], wanted: str | None, genders: dict[str, str]) -> str:
    """The subject of the nearest sentence that names a person: its first person, one of the
    wanted gender first."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in before:
        by_sentence.setdefault(bisect.bisect_right(starts, m.start), []).append(m)
    last = by_sentence[max(by_sentence)]
    exact = [m for m in last if wanted and genders.get(m.actor_id, _name_gender(m.text)) == wanted]
    return (exact or last)[0].actor_id


def _same_title_before(phrase: str, start: int, mentions: list[Mention], body: str) -> str | None:
    """"Người phát ngôn trên nói": the actor named with "người phát ngôn" last before (a person
    or, for an unnamed official, the state or organisation in that phrase)."""
    words = phrase.split()
    if len(words) < 2 or words[0].lower() in _PRONOUN_HEADS:
        return None
    head = " ".join(words[:-1]).lower()
    at = body.lower().rfind(head, 0, start)
    if at < 0 or (at and body[at - 1].isalnum()):
        return None
    stop = min((i for i in (body.find(".", at), body.find("\n", at)) if i >= 0), default=len(body))
    near = [m for m in mentions if at <= m.start < min(stop, at + len(head) + 80) and not m.as_place]
    persons = [m for m in near if m.kind == "person"]
    pick = persons or near
    return pick[0].actor_id if pick else None


def _person_anaphor(phrase: str) -> bool:
    """"ông", "bà ấy", "Quan chức này", "Nhà lãnh đạo này": words that point back to a person."""
    low = phrase.strip().lower()
    head = " ".join(low.split()[:-1]) if len(low.split()) > 1 and low.split()[-1] in DEMONSTRATIVES else low
    if not head or head.split()[0] in _PRONOUN_HEADS or head in ("vị", "người", "nhân vật", "chính khách"):
        return True
    return starts_with_any(head, lexicon().person_nouns) is not None


_PRONOUN_HEADS = frozenset({"ông", "bà", "anh", "chị", "cô", "ngài", "họ", "tôi", "chúng"})


def _head_person(inside: list[Mention], body: str, start: int) -> str | None:
    """The person heading the speaker phrase (which begins at ``start``): not a possessor inside
    it ("Thư ký báo chí của Tổng thống …, bà X" → X), a named person before a role-only one."""
    persons = [m for m in inside if m.kind == "person" and not (
        m.start - 5 >= start and body[m.start - 5:m.start].rstrip().lower().endswith("của"))]
    named = [m for m in persons if m.how != "role"]
    pick = named or persons
    return pick[0].actor_id if pick else None


_TITLE_WORDS = ("tổng thống", "thủ tướng", "ngoại trưởng", "bộ trưởng", "người phát ngôn", "nhà lãnh đạo",
                "chủ tịch", "vị", "quan chức", "đại sứ", "lãnh đạo", "tổng thư ký", "người đứng đầu")


def _bare_title(text: str) -> bool:
    low = text.strip().lower()
    return low.startswith(_TITLE_WORDS)


def _pronoun_gender(speaker_text: str | None) -> str | None:
    if not speaker_text:
        return None
    head = speaker_text.strip().split()[0].lower() if speaker_text.strip() else ""
    return {"bà": "f", "ông": "m", "cô": "f", "anh": "m"}.get(head)


def _genders(mentions: list[Mention]) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in mentions:
        if m.gender:
            out.setdefault(m.actor_id, m.gender)
    return out


def _name_gender(name: str) -> str | None:
    """Slavic feminine surname endings ("Zakharova", "Tikhanovskaya", "Eismont" stays unknown)."""
    last = name.split()[-1].lower() if name.split() else ""
    if last.endswith(("ova", "eva", "ëva", "aya", "skaya", "ina", "kaya")):
        return "f"
    return None


def _quote_date(body: str, q: QuoteSpan, anchor: PartialDate | None) -> str | None:
    """The date said in the attribution ("… ngày 8-9", "tối 11/3 cho biết"), if any."""
    if q.speaker_start is None or q.speaker_end is None:
        return None
    lo = min(q.speaker_start, q.start)
    hi = max(q.speaker_end, q.end)
    window = body[max(0, lo - 80):min(len(body), hi + 80)]
    for expr in find_dates(window):
        if expr.kind in ("absolute", "day_month", "relative"):
            iso, _ = resolve(expr, anchor)
            if iso:
                return iso
    return None
