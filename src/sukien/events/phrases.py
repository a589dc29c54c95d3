"""Actor phrases of a sentence: members (mentions and references such as "nước này", "ông",
"chúng tôi"), coordinated into groups ("Mỹ, Đức và Pháp"), each with the word that governs it
(the clause start, a verb, a preposition, or — through "của" — the noun it possesses)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from sukien.doc import Doc
from sukien.events.lexer import PUNCT, Tok, Trigger, tokenize
from sukien.events.tables import EventTables
from sukien.records import Mention

NP_WORDS = 10  # how many plain syllables a noun phrase head may have before its actor
LIST_MIN = 3  # actors joined by commas alone form a list from this many on
_JOINERS = frozenset({"-", "–"})


@dataclass(frozen=True)
class Member:
    start: int
    end: int
    actor_id: str
    text: str
    kind: str  # state | org | sector | person | reference
    place: bool = False
    pair: str | None = None  # "hai nước": the second state
    alts: tuple[str, ...] = ()  # "nước này": the states named before it, after ``actor_id``


@dataclass(frozen=True)
class Group:
    """Coordinated actor members and what governs them."""

    members: tuple[Member, ...]
    first: int  # token index of the first member
    last: int  # token index of the last member
    gov: str  # start | verb | speech | prep | punct | coord | actor | pred | list
    gov_tok: int  # token index of the governor (-1: the clause start)
    gov_text: str | None
    head: str  # the noun-phrase words between the governor and the group (lower case)
    owner: bool = False  # reached through "của": a possessor of the noun before it
    owned_head: str = ""  # the possessed noun ("động thái này" in "động thái này của X")
    classified: bool = False  # right after an event classifier: "việc X triển khai …" (X acts)
    anchor: int = -1  # a list spelling out a group noun stands at that noun's token
    possessed: int = -1  # for a possessor: the event noun right before "của" ("rút quân của X")

    @property
    def start(self) -> int:
        return self.members[0].start

    @property
    def end(self) -> int:
        return self.members[-1].end

    @property
    def place(self) -> bool:
        return all(m.place for m in self.members)


@dataclass
class Sentence:
    """The coder's view of one sentence: tokens, triggers, actor groups."""

    index: int
    start: int
    end: int
    toks: list[Tok]
    triggers: list[Trigger]
    groups: list[Group]
    members: list[Member]
    clause_of: list[int]  # token index -> clause index in Doc.clauses
    nominal: frozenset[int] = frozenset()  # token indexes of triggers used as event nouns
    modifiers: frozenset[int] = frozenset()  # triggers that only modify a noun ("đoàn cứu trợ của X")
    group_at: dict[int, Group] = field(default_factory=dict)  # token index of a member -> its group


def analyse(doc: Doc, index: int, triggers: list[Trigger], tables: EventTables,
            speaker_of: dict[int, str | None], state_of: StateOf | None = None) -> Sentence:
    """Tokens and actor groups of sentence ``index``; ``speaker_of`` maps a quote start offset to
    its speaker (first-person words inside a direct quotation stand for the speaker);
    ``state_of`` gives the state an actor (a person too) belongs to, for "nước này"."""
    sent = doc.sentences[index]
    state_of = state_of or _state_prefix
    members = _outside(_members(doc, sent.start, sent.end, tables, state_of), triggers, doc, tables)
    spans = [(m.start, m.end, "actor", i) for i, m in enumerate(members)]
    spans += [(t.start, t.head, _trigger_tag(doc, t, tables), i) for i, t in enumerate(triggers)]
    spans += [(d.start, d.end, "date", i) for i, d in enumerate(doc.dates_in(sent.start, sent.end))]
    toks = tokenize(doc, sent.start, sent.end, spans, tables)
    clause_of = [doc.clause_index(t.start) for t in toks]
    nominal, modifiers = nominal_triggers(toks, triggers, clause_of, tables)
    walk = _Walk(toks, clause_of, nominal, frozenset(tables.cue("place_head")), tables.cue("group_noun"))
    groups = _groups(toks, members, walk)
    out = Sentence(index, sent.start, sent.end, toks, triggers, groups, members, clause_of, nominal, modifiers)
    for g in groups:
        for i in range(g.first, g.last + 1):
            out.group_at[i] = g
    return out


def nominal_triggers(toks: list[Tok], triggers: list[Trigger], clause_of: list[int],
                     tables: EventTables) -> tuple[frozenset[int], frozenset[int]]:
    """Token indexes of triggers used as event nouns (noun patterns, or after a classifier —
    over aspect words: "việc tiếp tục đàm phán" —, a possessive or a noun-making preposition),
    and of those that only modify a noun: between a plain noun and "của" ("đoàn cứu trợ của X")."""
    nominal: set[int] = set()
    modifiers: set[int] = set()
    for i, t in enumerate(toks):
        if t.tag != "trigger":
            continue
        j = i - 1
        while j >= 0 and toks[j].tag == "predicate" and clause_of[j] == clause_of[i]:
            j -= 1
        prev = toks[j] if j >= 0 and clause_of[j] == clause_of[i] else None
        nxt = toks[i + 1] if i + 1 < len(toks) and clause_of[i + 1] == clause_of[i] else None
        if prev is not None and j == i - 1 and prev.tag == "word" and nxt is not None and nxt.tag == "owner_prep" \
                and not triggers[t.index].pattern.noun:
            nominal.add(i)
            modifiers.add(i)
        elif triggers[t.index].pattern.noun or (prev is not None and (
                prev.tag in ("classifier", "owner_prep") or (j == i - 1 and prev.text in tables.cue("noun_prep")))):
            nominal.add(i)
    return frozenset(nominal), frozenset(modifiers)


def _trigger_tag(doc: Doc, t: Trigger, tables: EventTables) -> str:
    """A statement trigger that is a speech verb ("cho biết", "tuyên bố") introduces what is said:
    it is read as a speech verb, not coded as an act."""
    if t.pattern.code[:2] == "01" and doc.lower[t.start:t.end] in tables.speech:
        return "speech"
    return "trigger"


# ---------------------------------------------------------------- members


def _outside(members: list[Member], triggers: list[Trigger], doc: Doc, tables: EventTables) -> list[Member]:
    """An actor mention that a trigger's head overlaps keeps its part after the trigger
    ("trục xuất nhà ngoại giao Nga": the trigger ends inside "nhà ngoại giao Nga"), without a
    possessive word left at its start ("rút quân | của X")."""
    out = []
    for m in members:
        t = next((t for t in triggers if t.start <= m.start < t.head < m.end), None)
        if t is not None:
            start = t.head + len(doc.body[t.head:m.end]) - len(doc.body[t.head:m.end].lstrip())
            for owner in tables.cue("owner_prep"):
                if doc.lower.startswith(owner + " ", start):
                    start += len(owner) + 1
            m = Member(start, m.end, m.actor_id, doc.body[start:m.end], m.kind, m.place, m.pair, m.alts)
        out.append(m)
    return out


def _members(doc: Doc, start: int, end: int, tables: EventTables, state_of: StateOf) -> list[Member]:
    inside = doc.mentions_in(start, end)
    persons = [m for m in inside if m.kind == "person"]
    out: list[Member] = []
    for m in inside:
        if m.kind != "person" and any(p.start <= m.start and m.end <= p.end and p is not m for p in persons):
            continue  # "Tổng thống Nga Vladimir Putin": the state belongs to the person's phrase
        if out and out[-1].start <= m.start < out[-1].end:
            continue  # overlapping mentions: the first (longest) one stands
        if _pro(doc, m, tables):
            continue  # "các kênh thân Nga": the state qualifies the noun, it takes no part
        out.append(Member(m.start, m.end, m.actor_id, m.text, m.kind, _is_place(doc, m, tables)))
    taken = [(m.start, m.end) for m in out]
    out += _references(doc, start, end, tables, taken, state_of)
    return sorted(out, key=lambda m: m.start)


def _pro(doc: Doc, m: Mention, tables: EventTables) -> bool:
    head = doc.lower[max(0, m.start - 12):m.start].rstrip()
    return _ends_with_phrase(head, tables.cue("pro_lead")) and not _ends_with_phrase(head, tables.cue("not_pro_lead"))


def _is_place(doc: Doc, m: Mention, tables: EventTables) -> bool:
    if m.as_place:
        return True
    head = doc.lower[max(0, m.start - 30):m.start].rstrip()
    if _ends_with_phrase(head, tables.cue("name_head")):
        return True  # "thỏa thuận Minsk": part of a name, not a party
    return _ends_with_phrase(head, tables.cue("place_head")) and not _ends_with_phrase(head, tables.cue("topic_place"))


def _ends_with_phrase(head: str, phrases: tuple[str, ...]) -> bool:
    return any(head.endswith(p) and (len(head) == len(p) or not head[-len(p) - 1].isalnum()) for p in phrases)


_REF_KINDS = ("this_state", "both_states", "pronoun", "pronoun_m", "pronoun_f", "this_org", "this_body", "we")
_GENDER = {"pronoun_m": "m", "pronoun_f": "f"}
StateOf = Callable[[str], str | None]  # actor id -> the state it belongs to, or None


@lru_cache(maxsize=8)
def _reference_pattern(phrases: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    groups = []
    for kind, items in phrases:
        alts = "|".join(re.escape(p) for p in sorted(items, key=len, reverse=True))
        groups.append(f"(?P<{kind}>{alts})")
    return re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)")


def _references(doc: Doc, start: int, end: int, tables: EventTables, taken: list[tuple[int, int]],
                state_of: StateOf) -> list[Member]:
    out: list[Member] = []
    pattern = _reference_pattern(tuple((k, tables.cue(k)) for k in _REF_KINDS if tables.cue(k)))
    for m in pattern.finditer(doc.lower, start, end):
        kind = m.lastgroup or ""
        a, b = m.start(), m.end()
        if any(not (b <= x or a >= y) for x, y in taken):
            continue
        person = kind.startswith("pronoun")
        if (person or kind in ("this_org", "this_body")) and _followed_by_name(doc.body, b):
            continue
        if person and doc.body[a:a + 1].isupper() and a > start and doc.body[a - 2:a] != ". ":
            continue  # "Bà" with a capital mid-sentence is a name ("Bà Rịa")
        if person and _word_before(doc.lower, a) in tables.cue("plural"):
            continue  # "những người này": a group, not the person named last
        ref = _resolve(doc, kind, m.group(0), a, state_of)
        if ref is not None:
            alts = tuple(_recent_states(doc.mentions_before(a), state_of)[1:]) if kind == "this_state" else ()
            out.append(Member(a, b, ref[0], doc.body[a:b], "reference", False, ref[1], alts))
            taken.append((a, b))
    return out


def _word_before(low: str, pos: int) -> str:
    m = re.search(r"(\w+)\s*$", low[max(0, pos - 20):pos])
    return m.group(1) if m else ""


def _followed_by_name(body: str, end: int) -> bool:
    rest = body[end:end + 3].lstrip()
    return bool(rest) and rest[0].isupper()


def _resolve(doc: Doc, kind: str, phrase: str, before: int, state_of: StateOf) -> tuple[str, str | None] | None:
    history = doc.mentions_before(before)
    if kind == "we":
        quote = doc.quote_at(before)
        return (quote.speaker, None) if quote is not None and quote.speaker else None
    if kind.startswith("pronoun"):
        want = _GENDER.get(kind)
        people = [m for m in history if m.kind == "person"]
        exact = [m for m in people if want is not None and m.gender == want]
        pick = exact or [m for m in people if m.gender in (None, want)] or people
        return (pick[-1].actor_id, None) if pick else None
    if kind in ("this_org", "this_body"):
        kinds = ("org",) if kind == "this_org" else ("org", "sector")
        orgs = [m for m in history if m.kind in kinds and not m.as_place]
        return (orgs[-1].actor_id, None) if orgs else None
    states = _recent_states(history, state_of)
    if kind == "this_state" and states:
        return states[0], None  # the coder passes over the act's own source (``Member.alts``)
    if kind == "both_states" and len(states) >= 2:
        return states[0], states[1]
    return None


def _state_prefix(actor_id: str) -> str | None:
    """Without a lexicon: a state or part of a state by its ISO code ("RUS", "RUS.GOV")."""
    head = actor_id.split(".")[0]
    return head if len(head) == 3 and head.isupper() else None


def _recent_states(history: tuple[Mention, ...], state_of: StateOf) -> list[str]:
    """Distinct states named before (states, their parts, the states of persons), latest first."""
    seen: list[str] = []
    for m in reversed(history):
        if m.kind not in ("state", "sector", "person") or m.as_place:
            continue
        sid = state_of(m.actor_id)
        if sid and sid not in seen:
            seen.append(sid)
    return seen


# ---------------------------------------------------------------- groups


def _groups(toks: list[Tok], members: list[Member], w: _Walk) -> list[Group]:
    clause_of = w.clause_of
    runs: list[list[int]] = []
    for i, t in enumerate(toks):
        if t.tag != "actor":
            continue
        if runs and clause_of[runs[-1][-1]] == clause_of[i] and _joined(toks, runs[-1][-1], i):
            runs[-1].append(i)
        else:
            runs.append([i])
    runs = [r2 for r in runs for r2 in _split_commas(toks, r, members)]
    out = []
    for run in runs:
        ms = tuple(members[toks[i].index] for i in run)
        out.append(_governed(w, ms, run[0], run[-1]))
    return out


def _joined(toks: list[Tok], a: int, b: int) -> bool:
    """Members at token ``a`` and ``b`` are coordinated: one joiner between them, or a
    coordinator and a short noun head ("Mỹ và các nước thành viên NATO")."""
    between = toks[a + 1:b]
    if not between:
        return False
    t = between[0]
    if len(between) == 1:
        return t.tag == "coordinator" or t.text in _JOINERS or t.text == ","
    head = between[1:]
    return t.tag == "coordinator" and len(head) <= 4 and all(x.tag in ("word", "classifier") for x in head)


def _split_commas(toks: list[Tok], run: list[int], members: list[Member]) -> list[list[int]]:
    """A run joined only by commas is a list when a coordinator ends it ("X, Y và Z") or a list
    lead opens it ("trong đó có X, Y"); otherwise the commas separate phrases."""
    if len(run) == 1:
        return [run]
    coordinated = any(toks[i + 1].tag == "coordinator" or toks[i + 1].text in _JOINERS for i in run[:-1])
    coordinated = coordinated or len(run) >= LIST_MIN  # "Pháp, Ý, Hy Lạp đã …"
    led = run[0] > 0 and toks[run[0] - 1].tag == "list_lead"
    kinds = {members[toks[i].index].kind == "person" for i in run}
    if (coordinated or led) and len(kinds) == 1:
        return [run]
    out: list[list[int]] = [[run[0]]]
    for a, b in zip(run, run[1:], strict=False):  # commas separate; a coordinator still joins
        if toks[a + 1].text == ",":
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _governed(w: _Walk, ms: tuple[Member, ...], first: int, last: int) -> Group:
    toks, clause_of = w.toks, w.clause_of
    gov, gov_tok, gov_text, head_start = _walk_left(w, first - 1)
    head = " ".join(t.text for t in toks[head_start:first] if t.tag != "date")
    classified = first > 0 and toks[first - 1].tag == "classifier" and clause_of[first - 1] == clause_of[first]
    anchor = -1
    while gov == "list" and gov_tok > 0:  # "cảm ơn nhiều nước, trong đó có X, Y": the group noun's role
        j = gov_tok - 1
        if toks[j].text == ",":
            j -= 1
        noun = _group_noun_before(toks, j, clause_of, w.group_nouns)
        if noun is None:
            break
        anchor = noun
        gov, gov_tok, gov_text, head_start = _walk_left(w, noun)
    if gov == "owner":
        gov2, tok2, text2, start2 = _walk_left(w, gov_tok - 1, through=True)
        owned = " ".join(t.text for t in toks[start2:gov_tok] if t.tag != "date")
        possessed = gov_tok - 1 if gov_tok > 0 and toks[gov_tok - 1].tag == "trigger" else -1
        return Group(ms, first, last, gov2, tok2, text2, head, owner=True, owned_head=owned, possessed=possessed)
    return Group(ms, first, last, gov, gov_tok, gov_text, head, classified=classified, anchor=anchor)


def _group_noun_before(toks: list[Tok], j: int, clause_of: list[int], nouns: tuple[str, ...]) -> int | None:
    """The nearest group noun ("các nước", "nhiều quốc gia") at or before token ``j`` in its clause."""
    clause = clause_of[j] if j >= 0 else -2
    while j >= 0 and clause_of[j] == clause:
        t = toks[j]
        if t.tag in ("word", "classifier") and t.text in nouns:
            return j
        if t.tag in ("word", "classifier") and j > 0 and f"{toks[j - 1].text} {t.text}" in nouns:
            return j
        j -= 1
    return None


_GOV_OF_TAG = {"trigger": "verb", "speech": "speech", "claim": "speech", "object_prep": "prep", "place_prep": "prep",
               "attribution": "attribution", "owner_prep": "owner", "list_lead": "list", "predicate": "pred",
               "light_verb": "verb", "coordinator": "coord", "actor": "actor", "punct": "punct"}


@dataclass(frozen=True)
class _Walk:
    """What a walk to a phrase's governor needs to know about the sentence."""

    toks: list[Tok]
    clause_of: list[int]
    nominal: frozenset[int] = frozenset()
    place_heads: frozenset[str] = frozenset()  # "biên giới với": a place noun with its preposition
    group_nouns: tuple[str, ...] = ()


def _ends_place_head(toks: list[Tok], i: int, place_heads: frozenset[str]) -> bool:
    """Token ``i`` closes a place noun with its preposition ("biên giới với")."""
    for n in (2, 3, 4):
        if i - n + 1 >= 0 and " ".join(t.text for t in toks[i - n + 1:i + 1]) in place_heads:
            return True
    return False


def _walk_left(w: _Walk, i: int, through: bool = False) -> tuple[str, int, str | None, int]:
    """(governor kind, its token index, its text, start token of the noun phrase) for a phrase
    ending at token ``i + 1``: plain words and dates are the noun phrase, anything else governs;
    the walk stops at the clause's start. An event noun right before the phrase governs it
    ("kế hoạch tấn công X"), unless ``through`` (a possessor's walk: "động thái rút quân của X"
    is the move's, whatever governs the move)."""
    toks, clause_of, nominal, place_heads = w.toks, w.clause_of, w.nominal, w.place_heads
    words = 0
    head_start = i + 1
    clause = clause_of[i + 1] if i + 1 < len(clause_of) else -1
    while i >= 0 and clause_of[i] == clause:
        t = toks[i]
        if t.tag == "date":
            i -= 1
            continue
        if t.tag in ("word", "classifier") and words < NP_WORDS:
            words += 1
            head_start = i
            i -= 1
            continue
        if t.tag == "coordinator" and words and i > 0 and toks[i - 1].tag in ("word", "classifier") \
                and words < NP_WORDS:
            words += 1  # "chính phủ và nhân dân X": a coordination inside the noun phrase
            head_start = i
            i -= 1
            continue
        if t.tag == "trigger" and i in nominal and (words or through) and words < NP_WORDS:
            words += 1  # "động thái rút quân của X": an event noun inside the noun phrase
            head_start = i
            i -= 1
            continue
        if t.tag == "light_verb" and words and i > 0 and toks[i - 1].tag == "word" and words < NP_WORDS:
            words += 1  # "những nỗ lực có trách nhiệm của X": "có" inside a noun phrase
            head_start = i
            i -= 1
            continue
        if t.tag == "object_prep" and _ends_place_head(toks, i, place_heads):
            words += 1  # "biên giới với X": the preposition belongs to the place noun
            head_start = i
            i -= 1
            continue
        kind = _GOV_OF_TAG.get(t.tag, "word")
        if t.tag == "punct" and t.text not in PUNCT:
            kind = "word"
        return kind, i, t.text, head_start
    return "start", -1, None, head_start
