"""Typed tokens of a sentence for the event coder: actor members, triggers, dates, the grammar
words of ``event_cues.tsv`` (prepositions, predicate words, coordinators, …), speech verbs, other
words and punctuation. Built once per sentence from the document model's layers."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from sukien.doc import Doc
from sukien.events.tables import WORD, EventTables, Pattern

PUNCT = frozenset(",;:-–—")
_GAP_STOP = re.compile(r"[;:]|[,.](?!\d)|(?<!\d)[,.]")  # punctuation ends a gap; "120.000" does not


@dataclass(frozen=True)
class Trigger:
    start: int  # body offsets
    end: int
    pattern: Pattern
    head_end: int = -1  # end of the first part of a gapped trigger ("liệt … vào danh sách đen")

    @property
    def head(self) -> int:
        return self.head_end if self.head_end > 0 else self.end


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    text: str  # lower case
    tag: str  # word | punct | speech | actor | trigger | date | one of TAG_KINDS
    index: int = -1  # for actor/trigger/date tokens: index into the sentence's members/triggers/dates


def find_triggers(doc: Doc, start: int, end: int, tables: EventTables) -> list[Trigger]:
    """Longest non-overlapping pattern matches in ``body[start:end]``."""
    folded, low = doc.folded, doc.lower
    blocked = _blocked_spans(low, start, end, tables.blocked)
    found: list[Trigger] = []
    if tables.automaton is None:
        return found
    for end_idx, (key, pats) in tables.automaton.iter(folded, start, end):
        s = end_idx - len(key) + 1
        if (s > 0 and folded[s - 1].isalnum()) or (end_idx + 1 < len(folded) and folded[end_idx + 1].isalnum()):
            continue
        if any(a <= s < b for a, b in blocked):
            continue
        for p in pats:
            e = _match_rest(low, folded, s, end_idx + 1, p, end)
            if e is not None and not _inside_word(low, s, e, p, tables) and not _measures(low, s, e, end, tables):
                found.append(Trigger(s, e, p, end_idx + 1 if len(p.parts) > 1 else -1))
    return _select(found, low, tables)


def _measures(low: str, start: int, end: int, stop: int, tables: EventTables) -> bool:
    """A ``measure_verb`` before a share measures, it does not act ("chiếm 24% kim ngạch",
    "chiếm khoảng một nửa", "chiếm 1/3"): a percentage or a fraction, maybe after a ``number_lead``
    ("khoảng", "hơn"); a count of things is seized ("chiếm hai ngôi làng")."""
    if low[start:end] not in tables.cue("measure_verb"):
        return False
    words = low[end:min(stop, end + 40)].split()
    if words and words[0] in tables.cue("number_lead"):
        words = words[1:]
    if not words:
        return False
    if words[0][0].isdigit() and ("%" in words[0] or "/" in words[0] or words[1:2] == ["%"]):
        return True
    return any(w in tables.cue("share_word") for w in words[:3])


def _select(found: list[Trigger], low: str, tables: EventTables) -> list[Trigger]:
    """Non-overlapping triggers: one inside another's span yields to it (the frame "áp đặt …
    trừng phạt" around its noun "biện pháp trừng phạt"); of two that overlap in part, the earlier
    wins ("bác bỏ cáo buộc | của X về gián điệp"); equal spans prefer the better word cut."""
    inner = {id(t) for t in found for o in found
             if o is not t and o.start <= t.start and t.end <= o.end and (o.end - o.start) > (t.end - t.start)}
    rest = sorted((t for t in found if id(t) not in inner),
                  key=lambda t: (t.start, -_matched(t), _edges_inside(low, t, tables)))
    kept: list[Trigger] = []
    for t in rest:
        if all(t.end <= k.start or t.start >= k.end for k in kept):
            kept.append(t)
    return kept


def _matched(t: Trigger) -> int:
    """How much text a trigger's own words cover (a gap's words are not the trigger's)."""
    return sum(len(p) for p in t.pattern.raw_parts)


def _inside_word(low: str, start: int, end: int, p: Pattern, tables: EventTables) -> bool:
    """A one-syllable trigger part that is half of a two-syllable word ("tiếp" in "trực tiếp",
    "quân" in "quân sự", "bắt" in "bắt đầu"), or a longer trigger whose both edges are inside
    such words, when that word is not itself a trigger."""
    first, last = p.raw_parts[0].split()[0], p.raw_parts[-1].split()[-1]
    before = re.search(r"(\w+)\s$", low[max(0, start - 12):start])
    after = re.match(r"\s(\w+)", low[end:end + 12])
    left = bool(before and _compound(f"{before.group(1)} {first}", tables))
    right = bool(after and _compound(f"{last} {after.group(1)}", tables))
    if " " in p.raw_parts[0] and " " in p.raw_parts[-1]:
        return left and right  # both edges inside other words
    if " " not in p.raw_parts[0] and left:
        return True
    return " " not in p.raw_parts[-1] and right


def _edges_inside(low: str, t: Trigger, tables: EventTables) -> int:
    """How many edges of a trigger fall inside a two-syllable word of the text ("mưu sát" in
    "âm mưu sát hại": one), to prefer the better cut between overlapping triggers."""
    before = re.search(r"(\w+)\s$", low[max(0, t.start - 12):t.start])
    after = re.match(r"\s(\w+)", low[t.end:t.end + 12])
    first, last = t.pattern.raw_parts[0].split()[0], t.pattern.raw_parts[-1].split()[-1]
    left = bool(before) and f"{before.group(1)} {first}" in tables.compounds
    right = bool(after) and f"{last} {after.group(1)}" in tables.compounds
    return int(left) + int(right)


def _compound(word: str, tables: EventTables) -> bool:
    if word not in tables.compounds or tables.automaton is None:
        return False
    from sukien.text.normalize import fold

    return fold(word) not in tables.automaton  # a trigger of its own is matched as such


def _blocked_spans(low: str, start: int, end: int, auto: ahocorasick.Automaton | None) -> list[tuple[int, int]]:
    """Compounds that contain a trigger word but are no event ("bắt đầu", "mối đe dọa"): every
    whole-word occurrence of a ``blocked`` cue, found in one pass."""
    if auto is None:
        return []
    spans: list[tuple[int, int]] = []
    for last, p in auto.iter(low, start, end):
        i, j = last - len(p) + 1, last + 1
        if (i == 0 or not low[i - 1].isalnum()) and (j >= len(low) or not low[j].isalnum()):
            spans.append((i, j))
    return spans


def _spelled(low: str, start: int, end: int, raw: str) -> bool:
    """Exact spelling, or an accent-free spelling of several words ("hoi dam")."""
    span = low[start:end]
    return span == raw or (span.isascii() and " " in span)


def _match_rest(low: str, folded: str, start: int, end: int, p: Pattern, limit: int) -> int | None:
    if not _spelled(low, start, end, p.raw_parts[0]):
        return None
    for part, raw in zip(p.parts[1:], p.raw_parts[1:], strict=True):
        window = folded[end:min(limit, end + 60)]
        m = re.search(rf"(?<!\w){re.escape(part)}(?!\w)", window)
        if m is None or len(window[:m.start()].split()) > 6 or _GAP_STOP.search(window[:m.start()]):
            return None
        s, e = end + m.start(), end + m.end()
        if not _spelled(low, s, e, raw):
            return None
        end = e
    return end


def tokenize(doc: Doc, start: int, end: int, spans: list[tuple[int, int, str, int]],
             tables: EventTables) -> list[Tok]:
    """Tokens of ``body[start:end]``: the given layer ``spans`` (start, end, tag, index) first,
    grammar words (longest phrase first) and plain words in the gaps."""
    out: list[Tok] = []
    pos = start
    for s, e, tag, index in sorted(spans, key=lambda x: (x[0], -x[1])):
        if s < pos:
            continue
        out += gap_tokens(doc.lower, pos, s, tables)
        out.append(Tok(s, e, doc.lower[s:e], tag, index))
        pos = e
    out += gap_tokens(doc.lower, pos, end, tables)
    return _noun_predicates(out, tables)


_NOUN_BEFORE = frozenset({"trigger", "speech", "object_prep", "owner_prep", "classifier"})


def _noun_predicates(toks: list[Tok], tables: EventTables) -> list[Tok]:
    """A predicate that is also a noun ("quyết định") heads a noun phrase after a verb, a
    preposition or a determiner ("phản đối quyết định rút quân"): it is read as a classifier."""
    nouns = tables.cue("noun_predicate")
    after = set(tables.cue("noun_prep")) | set(tables.cue("determiner"))
    for i in range(1, len(toks)):
        t, prev = toks[i], toks[i - 1]
        if t.tag == "predicate" and t.text in nouns and (prev.tag in _NOUN_BEFORE or prev.text in after):
            toks[i] = Tok(t.start, t.end, t.text, "classifier", t.index)
    return toks


def gap_tokens(low: str, start: int, end: int, tables: EventTables) -> list[Tok]:
    words = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(low, start, end)]
    texts = [w for _, _, w in words]
    index = tables.tags
    out: list[Tok] = []
    i = 0
    while i < len(words):
        longest = min(index.longest, len(words) - i) if texts[i] in index.starts else 1
        for n in range(longest, 0, -1):
            tag = index.phrases.get(tuple(texts[i:i + n]))
            if tag is not None:
                out.append(Tok(words[i][0], words[i + n - 1][1], low[words[i][0]:words[i + n - 1][1]], tag))
                i += n
                break
        else:
            s, e, w = words[i]
            out.append(Tok(s, e, w, "punct" if w in PUNCT else "word"))
            i += 1
    return out
