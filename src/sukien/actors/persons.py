"""Persons introduced by titles and honorifics, unknown persons, title-only references
resolved by role and date ("Tổng thống Mỹ" on 2021-06-07), "người đồng cấp X",
"nhà lãnh đạo X", and fuzzy matching of misspelt names.

A title opens a noun phrase that may describe the person before naming them: "Chuyên gia an
ninh từ tổ chức Rand (Mỹ) Timothy Heath", "Chủ tịch Phòng Thương mại Mỹ Suzanne Clark". The
phrase is read word by word (:func:`title_phrase`): states and organisations, capitalised common
words ("Quốc phòng", "Hải quân") and descriptive lower-case words are skipped; a verb, a
conjunction or another title ends it ("Ngoại trưởng Mỹ gặp …"); the first name-shaped words
(see :mod:`sukien.actors.names`) are the person's name.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field

from sukien.actors.lexicon import ActorLexicon, RoleTitle, role_on
from sukien.actors.names import read_name
from sukien.actors.recognize import Hit, lexicon_hits, longest_first
from sukien.records import Actor, Role
from sukien.text.normalize import fold

_HONORIFIC = re.compile(r"(?<!\w)(?:ông|bà|ngài|Ông|Bà|Ngài|Cựu|cựu|cố|Cố)(?!\w)")
_GENDERED = re.compile(r"(?:ông|bà|ngài)(?!\w)", re.IGNORECASE)
_COUNTERPART = re.compile(r"(?<!\w)(?:người đồng cấp|Người đồng cấp)(?!\w)")
_LEADER = re.compile(r"(?<!\w)(?:nhà lãnh đạo|Nhà lãnh đạo|lãnh đạo|Lãnh đạo)(?!\w)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
HEAD_ROLES = ("president", "state_chairman", "supreme_leader", "prime_minister", "monarch",
              "party_general_secretary", "head_of_state", "head_of_government")
_MAX_LOWER = 6  # descriptive lower-case words between a title and the name
_MAX_LOWER_SINGLE = 2  # … and before a one-word name ("Tổng thống Erdogan", not "… thảo luận về Brexit")
_SPAN = 140  # characters a title's noun phrase may run


@dataclass(frozen=True)
class Intro:
    """The title phrase that introduced a person ("Người phát ngôn quân đội Indonesia")."""

    title: str  # the title, lower case
    words: frozenset[str]  # words of the whole phrase before the name, lower case
    of: str | None
    role: str | None


def phrase_words(phrase: str) -> frozenset[str]:
    return frozenset(w for w in phrase.lower().replace(",", " ").split() if w not in ("của", "ông", "bà"))


@dataclass
class PersonContext:
    """What the person resolver knows about one article."""

    lex: ActorLexicon
    date: str | None
    mentioned: list[str] = field(default_factory=list)  # person ids in order of first mention
    new_actors: dict[str, Actor] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)  # "m"/"f" from "ông"/"bà" in this article
    states: set[str] = field(default_factory=set)  # states and organisations the article names
    intro: dict[str, Intro] = field(default_factory=dict)  # how the article introduced a person
    seen: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # id -> (field no, offset)

    def note(self, pid: str, at: tuple[int, int] | None = None) -> None:
        if pid not in self.mentioned:
            self.mentioned.append(pid)
        if at is not None:
            self.seen.setdefault(pid, []).append(at)

    def actor(self, pid: str) -> Actor | None:
        return self.lex.actors.get(pid) or self.new_actors.get(pid)


@dataclass(frozen=True)
class TitlePhrase:
    """A title and the noun phrase after it."""

    title: Hit
    of: Hit | None  # the first state, organisation or sector in the phrase
    name: tuple[int, int] | None  # the name that ends the phrase
    person: Hit | None  # a lexicon person at the name
    honor: str | None  # "ông"/"bà" right before the name
    end: int  # where the phrase ends
    org_between: bool = False  # an organisation stands between the title and its state


def title_hits(text: str, folded: str, lex: ActorLexicon) -> list[Hit]:
    """Role titles ("Tổng thống", "Ngoại trưởng") and honorifics ("ông", "bà")."""
    out: list[Hit] = []
    if lex.role_automaton is not None and len(lex.role_automaton):
        for end_idx, (key, roles) in lex.role_automaton.iter(folded):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if (start and folded[start - 1].isalnum()) or (end < len(folded) and folded[end].isalnum()):
                continue
            role = _best_role(text[start:end], roles)
            if role is not None and not _glued(text, start, end, lex):
                out.append(Hit(start, end, "", "title", text[start:end], how="title", role=role.role))
    for m in _HONORIFIC.finditer(text):
        out.append(Hit(m.start(), m.end(), "", "title", m.group(0), how="honorific"))
    if lex.title_automaton is not None and len(lex.title_automaton):
        for end_idx, (key, titles) in lex.title_automaton.iter(folded):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if (start and folded[start - 1].isalnum()) or (end < len(folded) and folded[end].isalnum()):
                continue
            if text[start:end] in titles and not _glued(text, start, end, lex):  # "anh", not "Anh"
                single = lex.person_titles[text[start:end]]
                out.append(Hit(start, end, "", "title", text[start:end], how="kin" if single else "ptitle"))
    for m in _COUNTERPART.finditer(text):
        out.append(Hit(m.start(), m.end(), "", "title", m.group(0), how="counterpart"))
    for m in _LEADER.finditer(text):
        out.append(Hit(m.start(), m.end(), "", "title", m.group(0), how="leader", role="leader"))
    return longest_first(out, lambda h: (h.start, h.end))


def _glued(text: str, start: int, end: int, lex: ActorLexicon) -> bool:
    """"Đại sứ quán" (embassy) is not "Đại sứ" (ambassador): the title's last syllable forms a
    word with the next one, and that one no word with the syllable after it."""
    words = text[end:end + 30].split()[:2]
    last = text[start:end].split()[-1]
    if not words or not words[0].isalpha() or not words[0].islower():
        return False
    cues = lex.names
    return cues.compound(last, words[0]) and not (len(words) > 1 and cues.compound(*words))


def _best_role(span: str, roles: tuple[RoleTitle, ...]) -> RoleTitle | None:
    for r in roles:
        if span == r.surface or span.lower() == r.surface.lower():
            return r
    return roles[0] if span.isascii() else None


class _Index:
    """Actor hits and titles by start offset."""

    def __init__(self, actors: list[Hit], titles: list[Hit]) -> None:
        self.actors = sorted(actors, key=lambda h: (h.start, -h.end))
        self.starts = [h.start for h in self.actors]
        self.title_starts = {t.start for t in titles}

    def at(self, pos: int) -> Hit | None:
        i = bisect.bisect_left(self.starts, pos)
        best = None
        while i < len(self.actors) and self.actors[i].start == pos:
            h = self.actors[i]
            if best is None or (h.kind == "person") > (best.kind == "person"):
                best = h
            i += 1
        return best

    def overlapping_end(self, t: Hit) -> Hit | None:
        """An actor that overlaps the end of the title and runs past it ("… Bộ Ngoại giao Nga",
        the sector "Nghị sĩ Mỹ", "Văn phòng Tổng thống Thổ Nhĩ Kỳ"), or the seat named at the
        title's end ("người phát ngôn Lầu Năm Góc")."""
        i = bisect.bisect_left(self.starts, t.end)
        for h in reversed(self.actors[max(0, i - 6):i]):
            if h.kind != "person" and h.end >= t.end and (h.end > t.end or h.start > t.start):
                return h
        return None


@dataclass
class _Reading:
    """Where the reading of a title's phrase stands."""

    of: Hit | None
    honor: str | None = None
    lower: int = 0  # lower-case words read
    comma: bool = False  # the one comma allowed before the name ("Thứ trưởng Litva, Jonas …")
    org_open: bool = False  # an organisation noun waits for its name ("tổ chức … Rand")
    place_next: bool = False  # "ở", "tại": the next capitalised word is a place
    org_between: bool = False  # an organisation was read before the state ("người đứng đầu Bộ X của Mỹ")


def title_phrase(text: str, t: Hit, index: _Index, lex: ActorLexicon) -> TitlePhrase:
    """Read the noun phrase after title ``t`` up to the name that ends it (see module doc)."""
    r = _Reading(index.overlapping_end(t))
    i = r.of.end if r.of is not None else t.end
    limit = min(len(text), t.end + _SPAN)
    while i < limit:
        while i < limit and text[i] in " ()":
            i += 1
        if i >= limit:
            break
        actor = index.at(i)
        if actor is not None:
            if actor.kind == "person":
                return TitlePhrase(t, r.of, (actor.start, actor.end), actor, r.honor, actor.end)
            r.of, r.org_open, r.place_next = r.of or actor, False, False
            i = actor.end
            continue
        if i in index.title_starts and i != t.start and not _HONORIFIC.match(text, i):
            break
        if t.how in ("honorific", "kin") and text[i].islower():
            break  # "bà trở thành …", "chú ý": the name follows an honorific at once
        m = _HONORIFIC.match(text, i)
        if m and t.how != "honorific" and r.honor is None:
            r.honor, i = m.group(0), m.end()
            continue
        if text[i] == ",":
            if r.comma or r.honor or not _name_or_honorific_follows(text, i + 1, index, lex):
                break
            r.comma, i = True, i + 1
            continue
        step = _phrase_word(text, i, t, r, index, lex)
        if step is None:
            break
        if isinstance(step, tuple):
            return TitlePhrase(t, r.of, step, None, r.honor, step[1])
        r.lower += text[i].islower()
        if r.lower > _MAX_LOWER or (r.honor and text[i].islower()):
            break
        i = step
    end = max(t.end, r.of.end) if r.of is not None else t.end
    return TitlePhrase(t, r.of, None, None, r.honor, end, r.org_between)


def _phrase_word(text: str, i: int, t: Hit, r: _Reading, index: _Index,
                 lex: ActorLexicon) -> tuple[int, int] | int | None:
    """At ``i`` inside a title's phrase: the name (a span), the end of a skipped word (an int),
    or None when the phrase ends here."""
    if text[i].isupper():
        return _phrase_name(text, i, t, r, index, lex)
    cues = lex.names
    m = _WORD.match(text, i)
    if m is None:
        return None
    words = text[i:i + 40].split()[:2]
    if cues.breaks(words):
        return None
    if words and words[0] == "và":
        after = _next_word(text, m.end())
        if not after or (after[:1].isupper() and cues.shaped(after)):
            return None
    head = cues.starts_with(text[i:i + 30], cues.org_heads)
    if head is not None:
        r.org_open = True
        r.org_between = r.org_between or r.of is None
        return i + len(head)
    r.place_next = words[0] in ("ở", "tại")
    return m.end()


def _phrase_name(text: str, i: int, t: Hit, r: _Reading, index: _Index,
                 lex: ActorLexicon) -> tuple[int, int] | int | None:
    """A capitalised run inside a title's phrase: the name, or skipped (organisation, place,
    common words)."""
    cues = lex.names
    span = _run(text, i, index, lex)
    if span is None:
        return None
    if r.org_open and len(text[span[0]:span[1]].split()) == 3:
        span = _after_first_word(text, span)  # "công ty Shopify Tobias Lütke": the company, then the name
    elif r.org_open or r.place_next or org_name(text, span, lex) or _acronym_follows(text, span[1]):
        r.org_between = r.org_between or (r.of is None and not r.place_next)
        # "Công ty thương mại … Shopify": a capitalised organisation noun still waits for its name
        head = lex.names.starts_with(text[span[0]:span[1] + 20], lex.names.org_heads)
        r.org_open = bool(head) and len(head.split()) > len(text[span[0]:span[1]].split()) and not r.org_open
        r.place_next = False
        return span[1]  # "tổ chức Rand", "ở Pakse", "Trường Y Harvard", "Evercore ISI"
    span = _after_known_surname(text, span, lex)  # "của ông Trump Michael Flynn"
    span = _bracketed(text, t, span, lex)
    name = text[span[0]:span[1]]
    following = _next_word(text, span[1])
    if " " in name:
        if cues.shaped(name) and not _compound_tail(name, following, lex):
            return span
    elif r.honor or t.how in ("honorific", "kin"):
        if cues.single_name(name, following) and not (following and cues.compound(name, following)):
            return span
    elif cues.shaped(name) and len(name) >= 3 and r.lower <= _MAX_LOWER_SINGLE:
        return span  # "Tổng thống Erdogan", "chuyên gia Trenin"
    return span[1] if not r.honor else None


def _run(text: str, i: int, index: _Index, lex: ActorLexicon) -> tuple[int, int] | None:
    """The capitalised run at ``i``, cut before an actor named inside it ("Theo Ukraine"), without
    sentence openers before or after ("Trump Ngày")."""
    span = read_name(text, i)
    if span is None:
        return None
    start, end = span
    for a in index.actors[bisect.bisect_right(index.starts, start):]:
        if a.start >= end:
            break
        end = a.start
        break
    words = text[start:end].split()
    openers = lex.names.openers
    while len(words) > 1 and words[-1] in openers:
        words.pop()
    while len(words) > 1 and words[0] in openers:
        start += len(words[0]) + 1
        words = words[1:]
    end = start + len(" ".join(words))
    return (start, end) if end > start else None


def _after_first_word(text: str, span: tuple[int, int]) -> tuple[int, int]:
    first = text[span[0]:span[1]].split()[0]
    return span[0] + len(first) + 1, span[1]


def _after_known_surname(text: str, span: tuple[int, int], lex: ActorLexicon) -> tuple[int, int]:
    """"Trump Michael Flynn" after "của ông": a known surname, then the name."""
    words = text[span[0]:span[1]].split()
    cues = lex.names
    if len(words) >= 3 and fold(words[0]) in lex.surnames and words[0] not in cues.vn_surnames \
            and cues.shaped(" ".join(words[1:])) and not cues.vietnamese_name(words[1:]):
        return _after_first_word(text, span)
    return span


def _acronym_follows(text: str, pos: int) -> bool:
    word = _next_word(text, pos)
    return bool(word and word.isupper() and len(word) > 1)


def _bracketed(text: str, t: Hit, span: tuple[int, int], lex: ActorLexicon) -> tuple[int, int]:
    """"(Tổng thống Nga Vladimir) Putin": a translator's brackets split the name."""
    after = span[1] + 2
    inside = text[max(0, t.start - 1):span[0]]
    if "(" in inside and ")" not in inside and text.startswith(") ", span[1]) and after < len(text) \
            and text[after].isupper() and lex.names.shaped(text[span[0]:span[1]]) \
            and not text[span[0]:span[1]].isupper():
        rest = read_name(text, after)
        if rest is not None:
            return span[0], rest[1]
    return span


def _compound_tail(name: str, following: str | None, lex: ActorLexicon) -> bool:
    """"Phó Thủ tướng": the last capitalised syllable forms a word with the next one."""
    last = name.split()[-1]
    return bool(following and following[:1].islower() and lex.names.compound(last, following)
                and lex.names.common(last))


def org_name(text: str, span: tuple[int, int], lex: ActorLexicon) -> bool:
    """A capitalised name of an organisation, ship or work: after an organisation noun
    ("tổ chức Rand", "tàu USS …") or opened by one ("Trường Y Harvard")."""
    cues = lex.names
    before = text[max(0, span[0] - 30):span[0]]
    if cues.ends_with(before, cues.org_heads):
        return True
    return cues.starts_with(text[span[0]:span[1]], cues.org_heads) is not None


def _name_or_honorific_follows(text: str, pos: int, index: _Index, lex: ActorLexicon) -> bool:
    """After "Thứ trưởng Ngoại giao Litva," comes the name ("Jonas Petraitis") or "ông X"."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if _HONORIFIC.match(text, pos):
        return True
    actor = index.at(pos)
    if actor is not None:
        return actor.kind == "person"
    span = read_name(text, pos)
    if span is None:
        return False
    name = text[span[0]:span[1]]
    return " " in name and lex.names.shaped(name) and not org_name(text, span, lex)


def _next_word(text: str, pos: int) -> str | None:
    m = _WORD.match(text, pos + 1) if pos < len(text) and text[pos] == " " else None
    return m.group(0) if m else None


def gender_of(honor: str | None) -> str | None:
    if honor is None or not _GENDERED.fullmatch(honor):
        return None
    return "f" if honor.lower() == "bà" else "m"


# ---------------------------------------------------------------- new persons and the lexicon

def looks_like_org(name: str, lex: ActorLexicon) -> bool:
    """"Lao Airlines", "Trường Y Harvard": an organisation's name, not a person's."""
    cues = lex.names
    return any(t.lower().strip(".,") in cues.org_words for t in name.split()) or bool(
        cues.starts_with(name, cues.org_heads))


def new_person(name: str, of: str | None, role: str | None, ctx: PersonContext) -> str | None:
    """The id of a person the lexicon does not know, made from the name the article gives."""
    if looks_like_org(name, ctx.lex):
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    if not slug:
        return None
    pid = f"person:{slug}"
    if ctx.actor(pid) is None:
        roles = (Role(role, of, None, None),) if role and of else ()
        ctx.new_actors[pid] = Actor(pid, name, "person", of or pid, (), roles)
    return pid


def full_name_person(name: str, of: str | None, role: str | None, ctx: PersonContext) -> str | None:
    """A full name: a near spelling of a lexicon person with the same given name, or new."""
    return fuzzy_person(name, ctx) or new_person(name, of, role, ctx)


def fuzzy_person(full: str, ctx: PersonContext) -> str | None:
    """A lexicon person whose name is a near spelling of ``full`` (same first name)."""
    key = fold(full)
    best, best_ratio = None, 0.0
    for pid, name in ctx.lex.first_names.get(key.split()[0], ()):
        if len(name.split()) != len(key.split()):
            continue  # "George H. W. Bush" is not "George W. Bush"
        ratio = difflib.SequenceMatcher(None, key, name).ratio()
        if ratio > best_ratio:
            best, best_ratio = pid, ratio
    return best if best_ratio >= 0.88 else None


def apposition_state(text: str, pos: int, ctx: PersonContext) -> str | None:
    """"Jonas Petraitis, Thứ trưởng Ngoại giao Litva": the state named in the apposition."""
    tail = text[pos:pos + 90]
    if not tail.startswith(","):
        return None
    tail = tail.split(".")[0]
    for h in lexicon_hits(tail, fold(tail), ctx.lex):
        if h.kind in ("state", "sector") and not h.as_place:
            return h.actor_id.split(".")[0]
    return None


def surname_person(token: str, ctx: PersonContext, role: str | None, of: str | None) -> str | None:
    """The lexicon person a lone surname refers to, when the article's side and date allow."""
    key = fold(token)
    cands = ctx.lex.surnames.get(key, [])
    if role and of:
        dated = [p for p in cands if role_on(ctx.lex.actors[p], role, of, ctx.date)]
        if len(dated) == 1:
            return dated[0]
    # a surname alone names a lexicon person only when the article is about their side
    cands = [p for p in cands if _sides(ctx.lex.actors[p]) & ctx.states]
    if len(cands) == 1:
        return cands[0]
    if role:
        dated = [p for p in cands if any(r.role == role for r in ctx.lex.actors[p].roles)]
        if len(dated) == 1:
            return dated[0]
    if len(cands) > 1 and ctx.date:
        dated = [p for p in cands if _active(ctx.lex.actors[p], ctx.date)]
        if len(dated) == 1:
            return dated[0]
    return _fuzzy_lexicon_surname(key, ctx)


def _active(actor: Actor, date: str) -> bool:
    return any(role_on(actor, r.role, r.of, date) for r in actor.roles if r.of)


def _sides(actor: Actor) -> set[str]:
    return {actor.affiliation, *(r.of for r in actor.roles)}


def _fuzzy_lexicon_surname(key: str, ctx: PersonContext) -> str | None:
    if len(key) < 7:
        return None
    best, best_ratio = None, 0.0
    for surname, ids in ctx.lex.surnames.items():
        if len(ids) != 1 or surname[:2] != key[:2] or abs(len(surname) - len(key)) > 2:
            continue
        if not _sides(ctx.lex.actors[ids[0]]) & ctx.states:
            continue
        ratio = difflib.SequenceMatcher(None, key, surname).ratio()
        if ratio > best_ratio:
            best, best_ratio = ids[0], ratio
    return best if best_ratio >= 0.86 else None


def holder(ctx: PersonContext, role: str, of: str, phrase: str | None = None,
           at: tuple[int, int] | None = None) -> str | None:
    """Who held ``role`` of ``of`` on the article's date: a person the article named with that
    role or introduced with the same title for the same side — the closest in words to
    ``phrase`` ("người phát ngôn quân đội Peru"), then the nearest before ``at`` — else the
    lexicon's holder on the date."""
    roles = HEAD_ROLES if role == "leader" else (role,)
    named = [pid for pid in ctx.mentioned if ((actor := ctx.actor(pid)) is not None
             and any(role_on(actor, r, of, ctx.date) for r in roles))
             or (phrase and _same_title(ctx.intro.get(pid), phrase, of, role) and _may_serve(actor, of))]
    if named:
        if phrase:
            words = phrase_words(phrase)
            score = {pid: _overlap(ctx.intro.get(pid), words) for pid in named}
            best = max(score.values())
            named = [pid for pid in named if score[pid] == best]
        return nearest_before(named, ctx, at)
    if ctx.date is None:
        return None
    for r in roles:
        found = [p for p, a in ctx.lex.actors.items() if a.kind == "person" and role_on(a, r, of, ctx.date)]
        if len(found) == 1:
            return found[0]
    return None


def _may_serve(actor: Actor | None, of: str) -> bool:
    """A lexicon person serves only the sides the lexicon gives (Rex Tillerson is no Soviet
    minister); a person the lexicon does not know may serve any."""
    if actor is None or not actor.roles:
        return True
    return of in _sides(actor)


def _overlap(intro: Intro | None, words: frozenset[str]) -> float:
    if intro is None or not intro.words:
        return 0.0
    return len(intro.words & words) / len(intro.words | words)


def _same_title(intro: Intro | None, phrase: str, of: str, role: str | None = None) -> bool:
    """"người phát ngôn Lầu Năm Góc" after "người phát ngôn Bộ Quốc phòng Mỹ John Kirby": the
    same side, and the same role or one title the start of the other."""
    if intro is None or intro.of not in (of, None):
        return False
    if role is not None and intro.role == role:
        return True
    title, words = phrase_words(intro.title), phrase_words(phrase)
    return bool(title) and (title <= words or words <= intro.words)


def nearest_before(cands: list[str], ctx: PersonContext, at: tuple[int, int] | None) -> str:
    """Of ``cands``, the person mentioned nearest before ``at`` (else the first mentioned after;
    without ``at``, the one first mentioned last)."""
    if at is None:
        return cands[-1]
    before = [(pos, pid) for pid in cands for pos in ctx.seen.get(pid, ()) if pos <= at]
    if before:
        return max(before)[1]
    after = [(pos, pid) for pid in cands for pos in ctx.seen.get(pid, ())]
    return min(after)[1] if after else cands[-1]


class Coverage:
    """Fast "does [a, b) overlap any hit" over sorted, mostly non-overlapping spans."""

    def __init__(self, hits: list[Hit]) -> None:
        self.spans = sorted((h.start, h.end) for h in hits)
        self.starts = [a for a, _ in self.spans]
        self.max_len = max((b - a for a, b in self.spans), default=0)

    def hits(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.starts, a - self.max_len)
        while i < len(self.spans) and self.spans[i][0] < b:
            if self.spans[i][1] > a:
                return True
            i += 1
        return False

    def covers(self, a: int, b: int) -> bool:
        """Whether [a, b) lies inside one span."""
        i = bisect.bisect_left(self.starts, a - self.max_len)
        while i < len(self.spans) and self.spans[i][0] <= a:
            if b <= self.spans[i][1]:
                return True
            i += 1
        return False


def make_index(actors: list[Hit], titles: list[Hit]) -> _Index:
    return _Index(actors, titles)
