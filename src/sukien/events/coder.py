"""CAMEO event coding over the document model.

For every sentence with a trigger (``event_patterns.tsv``), the coder reads the sentence's tokens
and actor phrases (``phrases``), fills the pattern's slots from the trigger's clause (``roles``),
scopes it (``scope``: negation, modality, hypothetical or requested content, quotations) and dates
it (``when``). Coordinated actors give one event each. Inside a direct quotation only the speaker's
own acts are coded ("Chúng tôi sẽ …", or the speaker's own side named as subject); the rest of a
quotation's content is what the speaker says, not a fact about the parties it names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from sukien.doc import Doc
from sukien.events import roles
from sukien.events.lexer import Trigger, find_triggers
from sukien.events.phrases import Group, Member, Sentence, analyse
from sukien.events.roles import Pair
from sukien.events.scope import Scope, scope_of, sports_page, sports_sentence
from sukien.events.tables import EventTables
from sukien.events.when import Dating, dating, event_date
from sukien.records import Event

Side = Callable[[str, str | None], str]


@dataclass
class Coding:
    """What the coder needs of one article besides its ``Doc``."""

    doc: Doc
    tables: EventTables
    side: Side  # actor id (+date) -> the side it acts for
    home: Callable[[str], str]  # a side -> the state or organisation it belongs to
    dates: Dating
    seen: set[tuple[str, str | None, str | None, int]] = field(default_factory=set)
    topic: Member | None = None  # the state the article is about (``topic_state``)
    acts: list[Event] = field(default_factory=list)  # events coded so far, in text order


def code_doc(doc: Doc, tables: EventTables, side: Side, home: Callable[[str], str] | None = None,
             is_state: Callable[[str], bool] | None = None) -> list[Event]:
    """Every event the article's sentences express, each with its evidence sentence.

    ``side(actor_id, date)`` maps an actor to the side it acts for on that date (a person to the
    office they held; a sector stays a sector); ``home`` maps a side to its state or organisation;
    ``is_state`` tells states from organisations (for "nước này").
    """
    if sports_page(doc, tables):
        return []  # a match report: "tấn công", "phòng ngự", "gặp" are moves of a game
    ctx = Coding(doc, tables, side, home or (lambda x: x.split(".")[0]), dating(doc))
    ctx.topic = topic_state(doc, lambda a: ctx.home(ctx.side(a, None)))

    def state_of(actor_id: str) -> str | None:
        state = ctx.home(ctx.side(actor_id, None))
        return state if (is_state(state) if is_state else len(state) == 3 and state.isupper()) else None

    speakers = {q.start: q.speaker for q in doc.quotes if q.direct}
    events: list[Event] = []
    for index, sent in enumerate(doc.sentences):
        triggers = find_triggers(doc, sent.start, sent.end, tables)
        if not triggers or sports_sentence(doc, sent.start, sent.end, tables):
            continue
        s = analyse(doc, index, triggers, tables, speakers, state_of)
        nominal = set(s.nominal)
        before = len(ctx.acts)
        for ti, tok in enumerate(s.toks):
            if tok.tag == "trigger":
                ctx.acts += _code_trigger(ctx, s, ti, nominal)  # earlier acts of the sentence count
        found = _targeted_first(ctx.acts[before:])
        events += found
        ctx.acts[before:] = found
    return events


def _targeted_first(events: list[Event]) -> list[Event]:
    """One act read twice in a sentence ("xuống đường, biểu tình đòi X từ chức"): an event without
    a target yields to one of the same source and root with a target."""
    aimed = {(e.source, e.root) for e in events if e.target is not None}
    return [e for e in events if e.target is not None or (e.source, e.root) not in aimed]


def _code_trigger(ctx: Coding, s: Sentence, ti: int, nominal: set[int]) -> list[Event]:
    trig = s.triggers[s.toks[ti].index]
    lo, hi = roles.token_range(s, s.clause_of[ti])
    subject = _subject(ctx, s, ti, lo, nominal)
    scope = scope_of(ctx.doc, s, ti, subject, nominal, ctx.tables)
    if not scope.coded or ti in s.modifiers:
        return []  # hypothetical or governed content; a noun's modifier ("đoàn cứu trợ của X")
    found = _pairs(ctx, s, ti, lo, hi, subject, nominal)
    quote = ctx.doc.quote_at(trig.start)
    if quote is not None and not _speakers_act(ctx, found, subject, quote.speaker):
        return []  # a quotation's content is what the speaker says, not a fact
    out = []
    for pair in found:
        ev = _event(ctx, s, ti, trig, pair, scope, quote.quote_id if quote else None)
        if ev is not None:
            out.append(ev)
    return out


def _subject(ctx: Coding, s: Sentence, ti: int, lo: int, nominal: set[int]) -> Group | None:
    pivot = roles.pivot_subject(s, ti, lo, nominal)
    if pivot is not None:
        return pivot
    one_way = not s.triggers[s.toks[ti].index].pattern.sym  # "cuộc gặp với Y": the speaker's side meets
    if ti in nominal and one_way and roles.noun_after_speech(s, ti, ctx.tables):
        return None  # "X cho biết cuộc tấn công nhằm vào Y": X reports it, X did not do it
    if ti not in nominal and roles.group_subject(s, ti, lo, nominal, ctx.tables):
        return None  # "các quốc gia cung cấp dầu cho X": an unnamed group acts, no named actor
    own = roles.local_subject(s, ti, lo, nominal, ctx.tables)
    if own is not None:
        return own
    return roles.inherited(ctx.doc, s, s.clause_of[ti], nominal, ctx.tables)


def _pairs(ctx: Coding, s: Sentence, ti: int, lo: int, hi: int, subject: Group | None,
           nominal: set[int]) -> list[Pair]:
    trig = s.triggers[s.toks[ti].index]
    p = trig.pattern
    force = p.code[:2] in ctx.tables.cue("force_root")
    if p.sym:
        both = roles.between(s, ti, hi, ctx.tables)
        if both is not None:
            return roles.joint(both, "between")
    passive, agent = roles.passive_agent(s, ti, hi, ctx.tables)
    if passive and not p.src.after and p.tgt is not None and p.tgt.after:
        agent = agent or _announcer(ctx, s, ti, p.code)
        return roles.pairs(agent, subject, "passive") if agent is not None and subject is not None else []
    src = _fill(ctx, s, ti, hi, p.src, subject, force, nominal)
    tgt = _fill(ctx, s, ti, hi, p.tgt, subject, force, nominal) if p.tgt is not None else None
    strict = p.tgt is not None and p.tgt.strict
    if tgt is None and p.tgt is not None and p.tgt.after and not strict and p.code[:2] in ctx.tables.cue("governing_root"):
        tgt = _content_target(ctx, s, ti, hi, nominal)
    if src is None and p.sym and tgt is not None and ti in nominal:
        src = roles.adverbial_subject(s, ti, hi, nominal, ctx.tables) or _speaker_party(ctx, trig)
    if src is None and p.src.after and p.tgt is not None and not p.tgt.after:
        src = _announcer(ctx, s, ti, p.code)  # a lexical passive with no agent written
    if src is None:
        return []
    if p.sym:
        if tgt is not None and len(src.members) == 1 and len(tgt.members) == 1:
            return roles.pairs(src, tgt, "sym") + roles.pairs(tgt, src, "sym")
        if tgt is not None:  # "X hợp tác với A, B và C": X's account of its acts with each
            return roles.pairs(src, tgt, "sym")
        return roles.joint(src, "pair") if len(src.members) > 1 else _pair_ref(src)
    if tgt is None and p.tgt is not None and p.tgt.after and not strict:
        tgt = _discourse_target(ctx, s, ti, hi, src, trig)
    threat = p.code[:2] in ctx.tables.cue("untargeted_root")
    untargeted = p.tgt is None or not p.tgt.required or (threat and _ends_with(ctx, trig, "threat_verb"))
    if tgt is None and not untargeted:
        return _pair_ref(src) if src.members[0].pair else []
    found = roles.pairs(src, tgt, "svo")
    if threat and tgt is not None:
        found = [x for x in found if x.target is None or x.target.alts
                 or _home(ctx, x.target) != _home(ctx, x.source)]
        if not found:
            return roles.pairs(src, None, "svo")  # "X cảnh báo, nước này sẽ …": its own side, no target
    return found


def _home(ctx: Coding, m: Member) -> str:
    return ctx.home(ctx.side(m.actor_id, None))


def _announcer(ctx: Coding, s: Sentence, ti: int, code: str) -> Group | None:
    """"Bộ Nội vụ X cho biết rằng ba nhà báo Y đã bị bắt giữ": an agentless expulsion or arrest
    announced by an authority is that authority's act."""
    if code[:2] not in ctx.tables.cue("announced_root"):
        return None
    clause = s.clause_of[ti]
    if clause < 0 or ctx.doc.clauses[clause].kind != "complement" or clause - 1 < s.clause_of[0]:
        return None
    return roles.clause_subject(ctx.doc, s, clause - 1, set(), ctx.tables)


def _content_target(ctx: Coding, s: Sentence, ti: int, hi: int, nominal: set[int]) -> Group | None:
    """An appeal, offer, agreement, refusal or warning with no object of its own is directed at
    the party of its content ("đồng ý viện trợ cho X", "từ chối việc đối thoại với X")."""
    tj = roles.governed_trigger(s, ti, hi, ctx.tables)
    if tj is not None:
        inner = s.triggers[s.toks[tj].index].pattern
        if inner.tgt is not None and inner.tgt.after:
            force = inner.code[:2] in ctx.tables.cue("force_root")
            found = roles.complement(s, tj, hi, inner.tgt, force, ctx.tables, noun=tj in nominal,
                                    code=inner.code)
            if found is not None:
                return found
    return roles.content_subject(ctx.doc, s, ti, nominal, ctx.tables)


TOPIC_SHARE = 0.5  # the topic state holds at least this share of the state mentions of the lead


def topic_state(doc: Doc, home: Callable[[str], str]) -> Member | None:
    """The state an article is about: the one named most in its first paragraph (twice at least),
    when it holds at least ``TOPIC_SHARE`` of those mentions."""
    lead_end = doc.body.find("\n\n")
    lead_end = len(doc.body) if lead_end < 0 else lead_end
    counts: dict[str, int] = {}
    for m in doc.mentions_in(0, lead_end):
        if m.kind in ("state", "sector") and not m.as_place:
            state = home(m.actor_id)
            counts[state] = counts.get(state, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    if counts[best] < TOPIC_SHARE * sum(counts.values()) or counts[best] < 2:
        return None
    return Member(0, 0, best, best, "reference")


def _discourse_target(ctx: Coding, s: Sentence, ti: int, hi: int, src: Group, trig: Trigger) -> Group | None:
    """A target the sentence leaves to its context: the state of a place an act of force names, the
    acting state's own people ("kêu gọi người dân …"), the author of the act just reported ("chỉ
    trích động thái này"), whoever last acted against a responder ("sẽ đáp trả"), the state the
    story is about for aid ("đề nghị hỗ trợ.")."""
    object_words = _without_determiner(roles.object_words(s, ti, hi), ctx.tables)
    mine = _home(ctx, src.members[0])
    if trig.pattern.code[:2] in ctx.tables.cue("place_root"):
        place = roles.place_target(s, ti, hi, ctx.tables)  # "pháo kích thành phố Kharkiv"
        if place is not None:
            return place if place.members[0].actor_id != mine else None
    if _starts_with(object_words, ctx.tables.cue("own_people")) and len(mine) == 3:
        return _single(Member(trig.start, trig.end, f"{mine}.CVL", "", "reference"))
    if _starts_with(object_words, ctx.tables.cue("anaphoric_act")):
        last = next((e for e in reversed(ctx.acts) if e.source and ctx.home(e.source) != mine), None)
        return _single(Member(trig.start, trig.end, last.source, "", "reference")) if last and last.source else None
    if _response(ctx, trig):
        author = _act_author(ctx, s, ti, mine)
        if author is not None:
            return author
        recent = [e for e in ctx.acts if e.char_start >= _previous_sentence_start(ctx, s)]
        last = next((e for e in reversed(recent) if e.target and ctx.home(e.target) == mine and e.source
                     and ctx.home(e.source) != mine), None)
        return _single(Member(trig.start, trig.end, last.source, "", "reference")) if last and last.source else None
    if trig.pattern.code[:2] in ctx.tables.cue("quote_close_root") and _closes_sentence(s, ti):
        found = _quoted_subject(ctx, trig, mine)  # '"X đang …", Y cáo buộc.': aimed at X
        if found is not None:
            return found
    if ctx.topic is not None and trig.pattern.code.startswith(ctx.tables.cue("topic_target_code")):
        return _topic_group(ctx, src)  # "X cũng đã đề nghị hỗ trợ.": the state the story is about
    return None


def _act_author(ctx: Coding, s: Sentence, ti: int, mine: str) -> Group | None:
    """The foreign possessor of an act noun before a response ("hành động của X … sẽ đáp trả")."""
    for g in reversed(s.groups):
        if g.owner and g.first < ti and _starts_with(g.owned_head, ctx.tables.cue("act_noun")) \
                and all(_home(ctx, m) != mine for m in g.members):
            return g
    return None


def _closes_sentence(s: Sentence, ti: int) -> bool:
    return all(t.tag in ("punct", "date") for t in s.toks[ti + 1:])


QUOTE_GAP = 80  # characters at most between a quotation's end and the verb closing it


def _quoted_subject(ctx: Coding, trig: Trigger, mine: str) -> Group | None:
    """The actor opening the direct quotation a disapproving verb closes, when foreign."""
    doc = ctx.doc
    before = [q for q in doc.quotes if q.direct and q.end <= trig.start and trig.start - q.end <= QUOTE_GAP]
    if not before:
        return None
    q = before[-1]
    if any(c in doc.body[q.end:trig.start].lstrip('"”’\'') for c in '.!?"“”'):
        return None
    first = next(iter(doc.mentions_in(q.start, min(q.end, q.start + 4))), None)
    if first is None or first.as_place or ctx.home(ctx.side(first.actor_id, None)) == mine:
        return None
    return _single(Member(first.start, first.end, first.actor_id, first.text, first.kind))


def _response(ctx: Coding, trig: Trigger) -> bool:
    """A response trigger ("đáp trả", "sẽ … trả đũa"): its words end with a ``future_only`` phrase."""
    return _ends_with(ctx, trig, "future_only")


def _ends_with(ctx: Coding, trig: Trigger, kind: str) -> bool:
    text = " " + " ".join(ctx.doc.lower[trig.start:trig.end].split())
    return any(text.endswith(" " + p) for p in ctx.tables.cue(kind))


def _without_determiner(words: str, tables: EventTables) -> str:
    for d in tables.cue("determiner"):
        if words.startswith(d + " "):
            return words[len(d) + 1:]
    return words


def _previous_sentence_start(ctx: Coding, s: Sentence) -> int:
    return ctx.doc.sentences[max(0, s.index - 1)].start


def _starts_with(words: str, phrases: tuple[str, ...]) -> bool:
    return any(words == p or words.startswith(p + " ") for p in phrases)


def _single(m: Member) -> Group:
    return Group((m,), -1, -1, "start", -1, None, "")


def _topic_group(ctx: Coding, src: Group) -> Group | None:
    assert ctx.topic is not None
    if any(_home(ctx, m) == ctx.topic.actor_id for m in src.members):
        return None
    return Group((ctx.topic,), -1, -1, "start", -1, None, "")


def _speaker_party(ctx: Coding, trig: Trigger) -> Group | None:
    """A joint act with one party named inside a speaker's quotation ("vòng đàm phán với Y", said
    by X): the speaker's side is the other party."""
    quote = ctx.doc.quote_at(trig.start)
    if quote is None or quote.speaker is None:
        return None
    me = Member(trig.start, trig.start, quote.speaker, "", "reference")
    return Group((me,), -1, -1, "start", -1, None, "")


def _pair_ref(group: Group) -> list[Pair]:
    """"hai nước" as a subject: its two states, each way."""
    m = group.members[0]
    if len(group.members) != 1 or m.pair is None:
        return []
    other = Member(m.start, m.end, m.pair, m.text, m.kind)
    return [Pair(m, other, "pair"), Pair(other, m, "pair")]


def _fill(ctx: Coding, s: Sentence, ti: int, hi: int, slot: object, subject: Group | None,
          force: bool, nominal: set[int]) -> Group | None:
    from sukien.events.tables import Slot

    assert isinstance(slot, Slot)
    if not slot.after:
        if ti in nominal:
            owner = roles.possessor(s, ti, hi)
            if owner is not None or not roles.light_governed(s, ti):
                return owner
        return subject if subject is not None and roles.heads_ok(subject, slot) else None
    code = s.triggers[s.toks[ti].index].pattern.code
    return roles.complement(s, ti, hi, slot, force, ctx.tables, noun=ti in nominal, code=code)


def _speakers_act(ctx: Coding, found: list[Pair], subject: Group | None, speaker: str | None) -> bool:
    """Inside a quotation: the speaker's own act — the clause's subject is the speaker ("chúng
    tôi", or the speaker's own side), or the speaker is a party of a joint act."""
    if speaker is None:
        return False
    mine = ctx.home(ctx.side(speaker, None))
    parties = [m for m in subject.members] if subject is not None else []
    parties += [p.source for p in found if p.source.kind == "reference" and p.source.actor_id == speaker]
    return any(ctx.home(ctx.side(m.actor_id, None)) == mine for m in parties)


def _event(ctx: Coding, s: Sentence, ti: int, trig: Trigger, pair: Pair, scope: Scope,
           quote_id: str | None) -> Event | None:
    date, basis = event_date(ctx.dates, s, ti, ctx.tables)
    pair = _other_state(ctx, pair)
    src = ctx.side(pair.source.actor_id, date)
    tgt = ctx.side(pair.target.actor_id, date) if pair.target is not None else None
    if src.startswith("person:") or (tgt is not None and tgt.startswith("person:")):
        return None  # a person with no known side is not a political actor of a dyad
    if tgt is not None and ctx.home(src) == ctx.home(tgt) and not _internal(ctx, src, tgt, pair):
        return None
    code = ctx.tables.code(_recode(trig.pattern.code, scope.modality, ctx.tables))
    if scope.modality == "asserted" and _response(ctx, trig):
        code = ctx.tables.code(ctx.tables.cue("done_code")[0])  # "X trả đũa Y bằng …": done, coercion
    sent = ctx.doc.sentences[s.index]
    key = (code.code[:2], ctx.home(src), tgt and ctx.home(tgt), sent.start)  # one act per sentence and pair
    if key in ctx.seen:
        return None
    ctx.seen.add(key)
    ident = f"{ctx.doc.article.article_id}|{sent.start}|{trig.start}|{code.code}|{src}|{tgt}"
    art = ctx.doc.article
    return Event(
        event_id=hashlib.sha1(ident.encode("utf-8")).hexdigest()[:16],
        article_id=art.article_id, doc_id=art.doc_id, date=date, date_basis=basis,
        source=src, target=tgt, source_text=pair.source.text,
        target_text=pair.target.text if pair.target is not None else None,
        cameo=code.code, root=code.code[:2], quad_class=code.quad_class, goldstein=code.goldstein,
        plover=code.plover, location=_location(s, ti), negated=scope.negated, modality=scope.modality,
        sentence=sent.text, char_start=sent.start, char_end=sent.end, quote_id=quote_id,
        confidence=_confidence(pair), trigger=art.body[trig.start:trig.end],
        source_person=pair.source.actor_id if pair.source.actor_id.startswith("person:") else None,
        target_person=pair.target.actor_id if pair.target and pair.target.actor_id.startswith("person:") else None,
        stage=ctx.tables.version,
    )


def _other_state(ctx: Coding, pair: Pair) -> Pair:
    """"Nga triển khai tên lửa tại nước này": "nước này" is the latest state that is not the
    act's own source."""
    t = pair.target
    if t is None or not t.alts:
        return pair
    mine = ctx.home(ctx.side(pair.source.actor_id, None))
    if ctx.home(ctx.side(t.actor_id, None)) != mine:
        return pair
    other = next((a for a in t.alts if a != mine), None)
    if other is None:
        return pair
    return Pair(pair.source, Member(t.start, t.end, other, t.text, t.kind, t.place, t.pair), pair.how)


def _internal(ctx: Coding, src: str, tgt: str, pair: Pair) -> bool:
    """An act within one state between two of its parts ("cảnh sát bắt giữ người biểu tình",
    "Thủ tướng kêu gọi người dân …": one side is a part of ``internal_sector``), or between two
    different named people of it ("Thủ hiến bang X gửi lời thỉnh cầu tới Thủ tướng Y")."""
    parts = {x.split(".", 1)[1].lower() for x in (src, tgt) if "." in x}
    if parts & set(ctx.tables.cue("internal_sector")):
        return True
    people = [m.actor_id for m in (pair.source, pair.target) if m is not None and m.actor_id.startswith("person:")]
    return len(people) == 2 and people[0] != people[1]


def _recode(code: str, modality: str, tables: EventTables) -> str:
    """An intended or conditional act is coded as intent (03x) or threat (13x)."""
    if modality in ("intended", "conditional"):
        return tables.intent.get(code[:2], code)
    return code


def _location(s: Sentence, ti: int) -> str | None:
    place = next((g for g in s.groups if g.place and s.clause_of[g.first] == s.clause_of[ti]), None)
    return place.members[0].text if place is not None else None


def _confidence(pair: Pair) -> float:
    score = 0.6 + (0.15 if pair.target is not None else 0.0)
    if pair.source.kind == "reference":
        score -= 0.2
    if pair.how in ("between", "sym", "pair"):
        score += 0.1
    return round(min(max(score, 0.05), 0.95), 2)
