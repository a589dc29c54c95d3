"""Who fills a pattern's slots, read from the trigger's clause.

- The subject of a trigger is the actor phrase before the first predicate word of its stretch of
  the clause: the stretch starts at the clause start, after a speech verb ("X cho biết Y đã …"),
  or after "và"/a comma that opens a new subject ("… và Bộ Ngoại giao Đức phản đối"). With none,
  a coordinated or subordinate clause shares the subject of the clause before it; a fronted
  subordinate clause ("Sau khi …, X …") shares the one after it.
- A direct object is the phrase the trigger governs ("chỉ trích chính sách của X" → X); a marked
  complement is the phrase after one of the slot's markers ("hội đàm với X").
- Passives ("X bị Y tấn công", "X bị tấn công bởi Y") swap the roles; "giữa X và Y" names both
  sides of a joint act.
"""

from __future__ import annotations

from dataclasses import dataclass

from sukien.doc import Doc
from sukien.doc.clauses import SUBORDINATE
from sukien.events.lexer import Tok
from sukien.events.phrases import Group, Member, Sentence
from sukien.events.tables import EventTables, Slot

PRED_TAGS = frozenset({"predicate", "speech", "claim", "light_verb", "trigger"})
REACH_WORDS = 30  # how far (in syllables) after the trigger a complement may stand
_INHERIT_BACK = frozenset({"complement", "purpose", "coord", "contrast", "time", "cause", "concession"})
_SUBJECT_GOVS = frozenset({"start", "punct", "coord", "speech", "list", "actor"})


@dataclass(frozen=True)
class Pair:
    source: Member
    target: Member | None
    how: str  # svo | sym | between | passive | pair


def token_range(s: Sentence, clause: int) -> tuple[int, int]:
    idx = [i for i, c in enumerate(s.clause_of) if c == clause]
    return (idx[0], idx[-1] + 1) if idx else (0, 0)


def is_pred(tok: Tok, nominal: set[int], i: int) -> bool:
    return tok.tag in PRED_TAGS and not (tok.tag == "trigger" and i in nominal)


def local_subject(s: Sentence, ti: int, lo: int, nominal: set[int], tables: EventTables) -> Group | None:
    """The subject phrase of the predicate at token ``ti`` within the clause starting at ``lo``;
    an event classifier's actor right before it first ("liên quan tới vụ X bắt giữ …": X acts)."""
    j = ti - 1
    while j >= lo and s.toks[j].tag in ("predicate", "date"):
        j -= 1
    g = s.group_at.get(j)
    if g is not None and g.classified and g.last == j and subject_ok(g, tables):
        return g
    for b in _boundaries(s, lo, ti, tables):
        p = next((i for i in range(b, ti + 1) if is_pred(s.toks[i], nominal, i)), ti)
        found = [g for g in s.groups if b <= _at(g) < p and (g.anchor >= 0 or g.last < p) and subject_ok(g, tables)]
        if found:
            return found[0]
        if _speaker_pronoun(s, b, p, tables):
            continue  # "X cho biết họ sẽ …": "họ" is the speaker, the subject before the speech verb
        if _noun_before(s, b, p):
            return None  # "… và đoàn tàu đang …": the stretch has a subject, not an actor
    return None


def group_subject(s: Sentence, ti: int, lo: int, nominal: set[int], tables: EventTables) -> bool:
    """The predicate at ``ti`` has an unnamed group for its subject ("… khi các quốc gia lo ngại
    X", "nhiều nước phản đối"): plain words ending in a ``group_noun`` right before it, with no
    actor; the clause does not share the subject of another."""
    j = ti - 1
    while j >= lo and s.toks[j].tag in ("predicate", "date"):
        j -= 1
    if j < lo or j in s.group_at or s.toks[j].tag not in ("word", "classifier"):
        return False
    if any(j - 3 <= g.anchor <= j for g in s.groups):
        return False  # "Nhiều nước …, trong đó có X, Y": a list spells the group out
    tail = " " + " ".join(t.text for t in s.toks[max(lo, j - 3):j + 1])
    return any(tail.endswith(f" {d} {g}") for d in tables.cue("plural_det") for g in tables.cue("group_noun"))


def noun_after_speech(s: Sentence, ti: int, tables: EventTables) -> bool:
    """An event noun opening what a speech verb reports ("X cho biết cuộc tấn công nhằm vào Y"):
    the speaker reports the act, it is not the speaker's (an announcement — "X công bố lệnh trừng
    phạt" — is, see ``statement_verb``)."""
    skip = set(tables.cue("classifier")) | set(tables.cue("determiner"))
    j = ti - 1
    while j >= 0 and (s.toks[j].tag == "classifier" or s.toks[j].text in skip):
        j -= 1
    if j < 0:
        return False
    t = s.toks[j]
    return (t.tag == "speech" and t.text not in tables.cue("statement_verb")) or t.text == "rằng"


def pivot_subject(s: Sentence, ti: int, lo: int, nominal: set[int]) -> Group | None:
    """"cáo buộc Nga tấn công Ukraine", "kêu gọi X rút quân": the object of the verb just before
    is the subject of this one (nothing but that object between the two verbs)."""
    if ti in nominal:
        return None
    j = ti - 1
    while j >= lo and s.toks[j].tag in ("predicate", "date"):
        j -= 1
    g = s.group_at.get(j)
    if g is None or g.gov != "verb" or g.gov_tok < lo or g.owner:
        return None
    between = s.toks[g.gov_tok + 1:g.first]
    return g if all(t.tag in ("word", "classifier") for t in between) else None


def _speaker_pronoun(s: Sentence, b: int, p: int, tables: EventTables) -> bool:
    """A ``speaker_pronoun`` alone between a speech verb (or its "rằng") and the predicate."""
    if b == 0 or s.toks[b - 1].tag != "speech" and s.toks[b - 1].text != "rằng":
        return False
    j = p - 1
    while j > b and s.toks[j].tag in ("predicate", "date"):
        j -= 1
    return j == b and s.toks[b].text in tables.cue("speaker_pronoun")


def _noun_before(s: Sentence, b: int, p: int) -> bool:
    """A noun phrase of plain words right before the predicate at ``p`` (over aspect words and
    dates): the stretch's subject. "… công bố các lệnh trừng phạt và trục xuất …" has none: the
    words there are the object of the previous verb, joined by "và"."""
    j = p - 1
    while j >= b and s.toks[j].tag in ("predicate", "date"):
        j -= 1
    return j >= b and s.toks[j].tag in ("word", "classifier") and j not in s.group_at


def _at(g: Group) -> int:
    """Where a group stands: its first token, or the group noun a list spells out."""
    return g.anchor if g.anchor >= 0 else g.first


def opens_subject(s: Sentence, j: int, tables: EventTables) -> bool:
    """A token after which a new subject may stand: a speech verb, a clause joiner ("và") or a
    comma outside a list of actors."""
    t = s.toks[j]
    if j in s.group_at:
        return False
    return t.tag in ("speech", "claim") or (t.tag == "coordinator" and t.text in tables.cue("clause_joiner")) \
        or t.text in (",", ";")


def _boundaries(s: Sentence, lo: int, ti: int, tables: EventTables) -> list[int]:
    """Where a subject may start before token ``ti``, nearest first."""
    out = []
    for j in range(ti - 1, lo - 1, -1):
        if opens_subject(s, j, tables):
            out.append(j + 1)
    out.append(lo)
    return out


def subject_ok(g: Group, tables: EventTables) -> bool:
    if g.place:
        return False
    if g.owner and g.gov in ("speech", "verb") and not g.owned_head:
        return False  # "Tuyên bố của X …": the possessor of a statement or act is not the subject
    if g.gov in _SUBJECT_GOVS or g.classified:
        return True
    return g.gov == "prep" and g.gov_text in tables.cue("origin_prep")


def clause_subject(doc: Doc, s: Sentence, clause: int, nominal: set[int], tables: EventTables,
                   depth: int = 0) -> Group | None:
    """The subject of a clause's first predicate, its own or shared with a neighbouring clause."""
    lo, hi = token_range(s, clause)
    first = next((i for i in range(lo, hi) if is_pred(s.toks[i], nominal, i)), None)
    if first is not None:
        own = local_subject(s, first, lo, nominal, tables)
        if own is not None:
            return own
    return inherited(doc, s, clause, nominal, tables, depth)


def inherited(doc: Doc, s: Sentence, clause: int, nominal: set[int], tables: EventTables,
              depth: int = 0) -> Group | None:
    """The subject a clause with none of its own shares: the next clause's for a fronted
    subordinate clause, the previous clause's for a coordinated or subordinate one."""
    if depth > 3 or clause < 0:
        return None
    c = doc.clauses[clause]
    first, last = s.clause_of[0], s.clause_of[-1]
    if c.fronted and c.kind in SUBORDINATE and clause + 1 <= last:
        return clause_subject(doc, s, clause + 1, nominal, tables, depth + 1)
    if c.kind in _INHERIT_BACK and clause - 1 >= first and doc.clauses[clause - 1].kind != "quote":
        return clause_subject(doc, s, clause - 1, nominal, tables, depth + 1)
    return None


def after_trigger(s: Sentence, ti: int, hi: int) -> list[Group]:
    """Phrases after token ``ti`` within reach, up to a speech verb that opens reported content."""
    out = []
    for words, i in enumerate(range(ti + 1, hi), start=1):
        t = s.toks[i]
        if t.tag == "speech" or words > REACH_WORDS:
            break
        g = s.group_at.get(i)
        if g is not None and g.first == i:
            out.append(g)
    return out


def heads_ok(g: Group, slot: Slot) -> bool:
    if not slot.heads:
        return True
    words = f" {g.owned_head} {g.head} "
    return any(f" {h} " in words for h in slot.heads)


def complement(s: Sentence, ti: int, hi: int, slot: Slot, force: bool, tables: EventTables,
               noun: bool = False, code: str = "") -> Group | None:
    """The phrase filling an after-trigger slot: the actor after one of its markers (for acts of
    force also after "nhằm vào", "vào" …), or the trigger's direct object (a place only for acts
    of force); for the roots of ``place_root`` ("tấn công vào các mục tiêu ở X") a place after it."""
    markers = slot.markers + (tables.cue("force_prep") if force else ())
    markers += tables.cue("noun_target_prep") if noun else ()
    after = [g for g in after_trigger(s, ti, hi) if not (noun and g.owner and g.possessed == ti)]
    for g in after:
        own = g.owner and (g.possessed == ti or (g.gov_tok == ti and not g.owned_head))
        if own:  # "bác bỏ cáo buộc của X": a target only where the pattern names "của"
            if any(m in tables.cue("owner_prep") for m in slot.markers) and heads_ok(g, slot):
                return g
            continue
        marked = g.gov == "prep" and g.gov_text in markers and (not g.place or g.gov_text in slot.markers)
        direct = slot.direct and g.gov == "verb" and g.gov_tok == ti and (force or not g.place)
        if (marked or direct) and heads_ok(g, slot):
            return g
    if code[:2] in tables.cue("place_root"):  # "tấn công vào các mục tiêu ở X": the place of the targets
        return next((g for g in after if g.gov == "prep" and g.gov_text in tables.cue("place_prep")), None)
    return None


PLACE_REACH = 12  # tokens after the trigger where the place of an act of force may be named
PLACE_WORDS = 4  # the longest place name, in syllables


def place_target(s: Sentence, ti: int, hi: int, tables: EventTables) -> Group | None:
    """The state a place named after an act of force belongs to ("pháo kích thành phố Kharkiv",
    "sáp nhập bán đảo Crimea"), from places.tsv: words only, up to the clause's next verb."""
    toks = s.toks
    for j in range(ti + 1, min(hi, ti + 1 + PLACE_REACH)):
        if toks[j].tag in ("trigger", "speech", "claim", "punct", "actor"):
            return None
        for n in range(PLACE_WORDS, 0, -1):
            span = toks[j:j + n]
            if len(span) == n and all(t.tag == "word" for t in span) and j + n <= hi:
                state = tables.places.get(tuple(w for t in span for w in t.text.split()))
                if state is not None:
                    text = " ".join(t.text for t in span)
                    return Group((Member(span[0].start, span[-1].end, state, text, "state", place=True),),
                                 j, j + n - 1, "prep", ti, None, "")
    return None


def adverbial_subject(s: Sentence, ti: int, hi: int, nominal: set[int], tables: EventTables) -> Group | None:
    """"Trong cuộc gặp với X, ông Y …": a joint-act noun in a fronted adverbial phrase takes the
    subject of the predicate after the comma that closes the phrase; in an adverbial phrase after
    the verb ("… thiệt mạng trong cuộc đụng độ với Y"), the clause's subject."""
    j = ti - 1
    while j >= 0 and s.toks[j].tag == "classifier":
        j -= 1
    if j < 0 or s.toks[j].text not in tables.cue("noun_prep"):
        return None
    comma = next((i for i in range(ti + 1, hi) if s.toks[i].text == ","), None)
    if comma is None:  # "Binh sĩ X thiệt mạng trong cuộc đụng độ với Y": the clause's subject
        lo = token_range(s, s.clause_of[ti])[0]
        return local_subject(s, ti, lo, nominal, tables)
    p = next((i for i in range(comma + 1, hi) if is_pred(s.toks[i], nominal, i)), None)
    if p is None:
        return None
    found = [g for g in s.groups if comma < g.first and g.last < p and subject_ok(g, tables)]
    return found[0] if found else None


def light_governed(s: Sentence, ti: int) -> bool:
    """An event noun that is the object of a light verb ("X tiến hành cuộc tập trận", "X có cuộc
    gặp với Y"): the verb's subject is its source."""
    words = 0
    for j in range(ti - 1, -1, -1):
        t = s.toks[j]
        if s.clause_of[j] != s.clause_of[ti]:
            return False
        if t.tag in ("word", "classifier", "date") and words < 3:
            words += 1
            continue
        return t.tag in ("light_verb", "speech")  # "X công bố lệnh trừng phạt …": announced, X's act
    return False


def governed_trigger(s: Sentence, ti: int, hi: int, tables: EventTables) -> int | None:
    """The next trigger in the clause, when it is the content of the trigger at ``ti`` ("đồng ý
    viện trợ …", "từ chối việc đối thoại …"): no speech verb, comma or clause joiner between."""
    for j in range(ti + 1, hi):
        if s.toks[j].tag == "trigger":
            return j
        if opens_subject(s, j, tables):
            return None
    return None


def content_subject(doc: Doc, s: Sentence, ti: int, nominal: set[int], tables: EventTables) -> Group | None:
    """"X cảnh báo, Y có thể …": the subject of the content that follows the trigger (after a
    comma or "rằng"), the party the warning or appeal is about."""
    j = ti + 1
    if j < len(s.toks) and s.toks[j].text in (",", ":"):
        j += 1
    if j >= len(s.toks):
        return None
    lo = j
    first = next((i for i in range(lo, len(s.toks)) if is_pred(s.toks[i], nominal, i)), None)
    if first is None:
        return None
    found = [g for g in s.groups if lo <= g.first and g.last < first and s.clause_of[g.first] == s.clause_of[lo]
             and subject_ok(g, tables)]
    return found[0] if found else None


def object_words(s: Sentence, ti: int, hi: int, n: int = 6) -> str:
    """The plain words right after the trigger, up to the first actor, verb or punctuation
    (lower case): the noun phrase of a direct object that names no actor."""
    out = []
    for j in range(ti + 1, min(hi, ti + 1 + n)):
        t = s.toks[j]
        if t.tag not in ("word", "classifier") or j in s.group_at:
            break
        out.append(t.text)
    return " ".join(out)


def possessor(s: Sentence, ti: int, hi: int) -> Group | None:
    """"chuyến thăm của X": the possessor right after an event noun."""
    for g in after_trigger(s, ti, hi):
        if g.owner and (g.possessed == ti or (g.gov_tok == ti and not g.owned_head)):
            return g
    return None


def between(s: Sentence, ti: int, hi: int, tables: EventTables) -> Group | None:
    """"giữa X và Y" after a joint-act trigger, before any other act ("cuộc gặp với A trước vòng
    đàm phán giữa B và C": B and C belong to the talks) and not after a ``topic_prep`` ("thảo luận
    về quan hệ giữa X và Y": what is discussed, not who)."""
    for g in after_trigger(s, ti, hi):
        gap = s.toks[ti + 1:g.first]
        if any(t.tag == "trigger" for t in gap):
            return None
        if g.gov == "prep" and g.gov_text in tables.cue("between_prep") and len(g.members) >= 2:
            if _words_in(gap, tables.cue("topic_prep")):
                return None  # "thảo luận về quan hệ giữa X và Y": X and Y are the topic

            return g
    return None


def _words_in(toks: list, phrases: tuple[str, ...]) -> bool:
    text = " " + " ".join(t.text for t in toks) + " "
    return any(f" {p} " in text for p in phrases)


PLAIN_AGENT_WORDS = 3  # plain words between a passive marker and its verb: an agent that is no actor


def passive_agent(s: Sentence, ti: int, hi: int, tables: EventTables) -> tuple[bool, Group | None]:
    """(is passive, the agent): "X bị Y tấn công" (agent before), "X bị tấn công bởi Y" (after)."""
    if ti == 0:
        return False, None
    prev = s.toks[ti - 1]
    g = s.group_at.get(ti - 1)
    if g is not None and g.gov == "pred" and g.gov_text in tables.cue("passive"):
        return True, g
    if prev.tag == "predicate" and prev.text in tables.cue("passive"):
        for h in after_trigger(s, ti, hi):
            if h.gov == "prep" and h.gov_text in tables.cue("agent_prep"):
                return True, h
        return True, None
    j = ti - 1  # "X bị cá đuối đâm": a passive whose agent is plain words, no actor
    while j > 0 and ti - j <= PLAIN_AGENT_WORDS and s.toks[j].tag in ("word", "classifier") and j not in s.group_at:
        j -= 1
    if j < ti - 1 and s.toks[j].tag == "predicate" and s.toks[j].text in tables.cue("passive"):
        return True, None
    return False, None


def pairs(sources: Group | None, targets: Group | None, how: str) -> list[Pair]:
    if sources is None:
        return []
    if targets is None:
        return [Pair(m, None, how) for m in sources.members]
    return [Pair(a, b, how) for a in sources.members for b in targets.members
            if a.actor_id != b.actor_id or b.alts]  # "nước này" may name another state (coder)


def joint(group: Group, how: str) -> list[Pair]:
    """Every ordered pair of a group's members ("X và Y hội đàm")."""
    ms = group.members
    return [Pair(a, b, how) for a in ms for b in ms if a.actor_id != b.actor_id]
