"""Scope of a trigger, read from its clause: negation, modality (asserted / intended /
conditional / reported_claim), and content that is not an act at all — a hypothetical ("nếu X
tấn công"), or what another act asks for, threatens, offers or refuses ("kêu gọi X rút quân":
the withdrawal is asked for, not done)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sukien.doc import Doc
from sukien.events.phrases import Group, Sentence
from sukien.events.roles import opens_subject
from sukien.events.tables import EventTables

NEG_WORDS = 4  # a negator this close before the trigger negates it
INTENT_WORDS = 7  # a modal word this close before the trigger makes the act intended
CLAIM_WORDS = 12  # a claim verb this close before the trigger, the content's subject between
HYPO_WORDS = 10  # a possibility word this close before the trigger, subject included, makes it no act


@dataclass(frozen=True)
class Scope:
    negated: bool
    modality: str  # asserted | intended | conditional | reported_claim
    coded: bool = True  # False: hypothetical or governed content, no event


def scope_of(doc: Doc, s: Sentence, ti: int, subject: Group | None, nominal: set[int],
             tables: EventTables) -> Scope:
    trig = s.triggers[s.toks[ti].index]
    clause_index = s.clause_of[ti]
    clause = doc.clauses[clause_index] if clause_index >= 0 else None
    if clause is not None and clause.kind in ("condition", "question"):
        return Scope(False, "conditional", coded=False)
    if clause is not None and clause.kind == "purpose" and trig.pattern.code[:2] in tables.cue("aim_root"):
        return Scope(False, "intended", coded=False)  # "điều quân tới để tấn công X": an aim
    if _yes_no_question(doc, clause, s, trig, tables):
        return Scope(False, "conditional", coded=False)
    governor = _governor(doc, s, ti, nominal, tables)
    if governor is not None and governor.startswith(tables.cue("governing_root")):
        return Scope(False, "intended", coded=False)
    lo = subject.end if subject is not None and subject.end <= trig.start else _clause_start(doc, clause, s)
    pre = _words(doc.body[lo:trig.start])
    negated = _negated(pre, _words(doc.body[trig.start:trig.end]), tables)
    if not negated and ti in nominal:  # "sẽ không tham gia các cuộc đàm phán": through the light verb
        negated = _negated(_before_light_verb(pre, tables), _words(doc.body[trig.start:trig.end]), tables)
    k = None if negated else _coordinated_with(s, ti)
    if k is not None:  # "chưa có kế hoạch áp lệnh trừng phạt hay trục xuất …": one negation for both
        first = s.triggers[s.toks[k].index]
        negated = lo <= first.start and _negated(_words(doc.body[lo:first.start]),
                                                 _words(doc.body[first.start:first.end]), tables)
    if governor is not None and governor.startswith(tables.cue("claim_code")):
        return Scope(negated, "reported_claim")
    if _conditional_sentence(doc, s, clause_index):
        return Scope(negated, "conditional")
    sent_pre = _words(doc.body[s.start:trig.start])  # the sentence up to the trigger
    claimed = sent_pre[-CLAIM_WORDS:]  # "X cho rằng Y đã tấn công Z"
    if not trig.pattern.code.startswith(tables.cue("claim_code")) and _has(claimed, tables.cue("claim")):
        return Scope(negated, "reported_claim")
    post = " ".join(_words(doc.body[trig.end:trig.end + 40])[:3]) + " "
    whole = _words(doc.body[_clause_start(doc, clause, s):trig.start])[-HYPO_WORDS:]  # "nguy cơ Mỹ tấn công"
    if _has(sent_pre[-HYPO_WORDS:], tables.cue("habitual")):
        return Scope(negated, "asserted", coded=False)  # "Hằng năm, X và Y tập trận chung": no one act
    if _has(whole, tables.cue("hypothetical"), tables.cue("compound")) or (
            ti in nominal and any(post.startswith(h + " ") for h in tables.cue("hypothetical_after"))):
        return Scope(negated, "intended", coded=False)  # "không loại trừ khả năng tấn công X"
    own = _words(doc.body[trig.start:trig.end])[:1]  # "sẽ cung cấp": the modal is part of the trigger
    if _has(pre[-INTENT_WORDS:] + own, tables.cue("intended"), tables.cue("compound")) \
            or (ti in nominal and _planned_noun(doc, clause, s, trig, tables)):
        return Scope(negated, "intended")
    return Scope(negated, "asserted")


QUESTION_WORDS = 3  # "có" this close before the trigger opens a yes/no question


def _yes_no_question(doc: Doc, clause: object, s: Sentence, trig: object, tables: EventTables) -> bool:
    """An embedded yes/no question: "có" just before the trigger and a question tail ("hay không",
    "hay chưa") after it in its clause ("chưa quyết định có trừng phạt X hay không")."""
    lo = _clause_start(doc, clause, s)
    hi = getattr(clause, "end", s.end)
    pre = _mask_compounds(_words(doc.body[lo:trig.start])[-QUESTION_WORDS:], tables.cue("compound"))
    if "có" not in pre:
        return False
    after = " " + " ".join(_words(doc.body[trig.end:hi])) + " "
    return any(f" {tail} " in after for tail in tables.cue("question_tail"))


def _planned_noun(doc: Doc, clause: object, s: Sentence, trig: object, tables: EventTables) -> bool:
    """An event noun whose clause says it is still to take place: an intent word right before a
    verb of occurring after it ("Vòng đàm phán tiếp theo dự kiến diễn ra vào tuần tới")."""
    post = " " + " ".join(_words(doc.body[trig.end:getattr(clause, "end", s.end)])) + " "
    return any(f" {i} {o} " in post or f" {i} sẽ {o} " in post
               for i in tables.cue("intended") for o in tables.cue("occur_verb"))


def _clause_start(doc: Doc, clause: object, s: Sentence) -> int:
    return getattr(clause, "start", s.start)


def _governor(doc: Doc, s: Sentence, ti: int, nominal: set[int], tables: EventTables) -> str | None:
    """The code of a verbal trigger whose content the trigger at ``ti`` is: an earlier trigger
    of the same clause asking, threatening, offering, refusing or alleging, with no speech verb,
    comma or clause joiner between them but for a list of bare verbs (content of content is content:
    "yêu cầu X hủy bỏ lệnh …"); a time or purpose clause with no subject of its own after the
    content is content too ("kêu gọi X thận trọng khi bay gần …")."""
    clause = s.clause_of[ti]
    crossed = False
    for j in range(ti - 1, -1, -1):
        t = s.toks[j]
        if s.clause_of[j] != clause:
            if crossed or not _subjectless_adjunct(doc, s, ti):
                return None
            crossed, clause = True, s.clause_of[j]  # "kêu gọi X thận trọng khi bay gần …"
        if t.tag == "trigger" and j not in nominal:
            code = s.triggers[t.index].pattern.code
            if code.startswith(tables.cue("governing_root") + tables.cue("claim_code")):
                return code
        if opens_subject(s, j, tables) and not _bare_verb_after(s, j, nominal):
            return None
    return None


def _bare_verb_after(s: Sentence, j: int, nominal: set[int]) -> bool:
    """A comma or "và" right before a verb with no subject continues a list of content ("kêu gọi
    X ngừng bắn, thả tù nhân và rút quân"); one before a speech verb does not."""
    t = s.toks[j]
    nxt = j + 1
    while nxt < len(s.toks) and s.toks[nxt].tag == "predicate":
        nxt += 1
    return t.tag in ("punct", "coordinator") and t.text != ";" and nxt < len(s.toks) \
        and s.toks[nxt].tag == "trigger" and nxt not in nominal


ADJUNCT_KINDS = frozenset({"time", "purpose"})


def _subjectless_adjunct(doc: Doc, s: Sentence, ti: int) -> bool:
    """The trigger stands in a time or purpose clause that follows its sentence's first clause and
    names no actor before the trigger."""
    c = s.clause_of[ti]
    if c < 0 or doc.clauses[c].kind not in ADJUNCT_KINDS or c == s.clause_of[0]:
        return False
    return not any(g.first < ti and s.clause_of[g.first] == c for g in s.groups)


def _coordinated_with(s: Sentence, ti: int) -> int | None:
    """The act a bare verb after "và", "hay" or a comma is coordinated with: the last trigger
    before it in its clause, with no speech verb between."""
    j = ti - 1
    while j >= 0 and s.toks[j].tag == "predicate":
        j -= 1
    if j < 0 or not (s.toks[j].tag == "coordinator" or s.toks[j].text == ","):
        return None
    for k in range(j - 1, -1, -1):
        t = s.toks[k]
        if s.clause_of[k] != s.clause_of[ti] or t.tag in ("speech", "claim"):
            return None
        if t.tag == "trigger":
            return k
    return None


def _conditional_sentence(doc: Doc, s: Sentence, clause_index: int) -> bool:
    """A trigger in a sentence that also holds a condition clause is conditional on it."""
    return any(c.kind == "condition" for c in doc.clauses_of(s.index))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _negated(pre: list[str], trigger_words: list[str], tables: EventTables) -> bool:
    """A negator before the trigger with only aspect and modal words between them ("không thể
    tấn công", "chưa từng ký"); "không công khai đề nghị" negates "công khai", not the request;
    "không kích"-type compounds negate nothing."""
    window = pre[-NEG_WORDS:]
    if not window:
        return False
    following = [*window[1:], *(trigger_words[:1] or [""])]
    blocked = set(tables.cue("not_negation"))
    before = ["", *window[:-1]]
    cleaned = ["_" if f"{w} {nxt}" in blocked or f"{prev} {w}" in blocked else w
               for prev, w, nxt in zip(before, window, following, strict=True)]
    glue = {w for kind in ("aspect", "negation") for p in tables.cue(kind) for w in p.split()}
    for n in range(len(cleaned) - 1, -1, -1):
        for neg in tables.cue("negation"):
            parts = neg.split()
            if cleaned[n:n + len(parts)] == parts and all(w in glue for w in cleaned[n + len(parts):]):
                return True
    return False


def _before_light_verb(pre: list[str], tables: EventTables) -> list[str]:
    """The words before a light verb and the classifiers of its event noun ("không tham gia các
    cuộc" → "không"), or none when no light verb stands there."""
    words = list(pre)
    classifiers = [c.split() for c in (*tables.cue("classifier"), *tables.cue("determiner"))]
    stripped = True
    while stripped:
        stripped = False
        for c in classifiers:
            if c and words[-len(c):] == c:
                words, stripped = words[:-len(c)], True
                break
    for verb in tables.cue("light_verb"):
        v = verb.split()
        if words[-len(v):] == v:
            return words[:-len(v)]
    return []


SPORTS_WORDS = 3  # distinct sports words that make an article a sports page


def sports_page(doc: Doc, tables: EventTables) -> bool:
    """An article holding at least ``SPORTS_WORDS`` distinct words of ``sports`` or
    ``sports_page`` (title included) and no ``affairs_word`` (a head of government, a minister, a
    ministry of foreign affairs) reports a game, not international affairs."""
    text = " " + " ".join(_words(doc.article.title) + _words(doc.lower)) + " "
    found = {w for kind in ("sports", "sports_page") for w in tables.cue(kind) if f" {w} " in text}
    return len(found) >= SPORTS_WORDS and not any(f" {w} " in text for w in tables.cue("affairs_word"))


def sports_sentence(doc: Doc, start: int, end: int, tables: EventTables) -> bool:
    """A sentence of a sports report ("Nhật Bản sẽ gặp Indonesia ở bán kết"): it codes no event."""
    return _has(_words(doc.lower[start:end]), tables.cue("sports"))


def _has(words: list[str], phrases: tuple[str, ...], compounds: tuple[str, ...] = ()) -> bool:
    """A cue phrase among ``words``; a one-syllable cue inside a listed compound does not count
    ("định" in "quyết định")."""
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
