"""Argument candidates of a sentence: actor mentions with the word that governs them,
plus pronoun-like references ("nước này", "hai nước", "ông", "bà") resolved against what
the article named before."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sukien.records import Mention


@dataclass(frozen=True)
class Arg:
    start: int  # offsets in the article body
    end: int
    actor_id: str
    text: str
    prep: str | None  # the governing word right before it ("với", "tại", "của"), if any
    place: bool = False
    pair: str | None = None  # for "X và Y": the other member's actor id
    kind: str = "state"  # state | org | sector | person | reference


def word_before(body: str, start: int, phrases: tuple[str, ...]) -> str | None:
    """The phrase of ``phrases`` that ends right before ``start`` (whole words), if any."""
    head = body[max(0, start - 30):start].lower().rstrip(" ")
    if head.endswith((",", ";", ":")):
        return None  # "Tuần trước, Mỹ …": a comma cuts the phrase from what follows
    for p in phrases:
        if head.endswith(p) and (len(head) == len(p) or not head[-len(p) - 1].isalnum()):
            return p
    return None


def build_args(body: str, mentions: list[Mention], s0: int, s1: int, cues: dict[str, tuple[str, ...]],
               history: list[Mention]) -> list[Arg]:
    """Actor arguments inside the sentence ``body[s0:s1]``, in text order."""
    inside = [m for m in mentions if m.field == "body" and m.start >= s0 and m.end <= s1]
    persons = [m for m in inside if m.kind == "person"]
    args: list[Arg] = []
    for m in inside:
        if m.kind != "person" and any(p.start <= m.start and m.end <= p.end for p in persons):
            continue  # "Tổng thống Nga Vladimir Putin": the state belongs to the person's phrase
        args.append(_arg(body, m.start, m.end, m.actor_id, m.text, cues, m.as_place, m.kind))
    taken = [(a.start, a.end) for a in args]
    args += _references(body, s0, s1, cues, history, taken)
    args.sort(key=lambda a: a.start)
    return _link_pairs(body, args)


def _arg(body: str, start: int, end: int, actor: str, text: str, cues: dict[str, tuple[str, ...]],
         place: bool, kind: str, pair: str | None = None) -> Arg:
    preps = cues.get("object_prep", ()) + cues.get("place_prep", ()) + cues.get("owner_prep", ())
    prep = word_before(body, start, preps)
    head = word_before(body, start, cues.get("place_head", ()))
    is_place = place or prep in cues.get("place_prep", ()) or head is not None
    if is_place and word_before(body, start, cues.get("topic_place", ())):
        is_place, prep = False, "về"  # "xung đột tại Ukraine": the place is what the act is about
    return Arg(start, end, actor, text, prep, is_place, pair, kind)


def _overlaps(a: int, b: int, taken: list[tuple[int, int]]) -> bool:
    return any(not (b <= x or a >= y) for x, y in taken)


_REF_KINDS = ("this_state", "both_states", "pronoun", "this_org")


@lru_cache(maxsize=8)
def _reference_pattern(phrases: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    """One alternation for every reference phrase; a group per kind, longest phrases first."""
    groups = []
    for kind, items in phrases:
        alts = "|".join(re.escape(p) if p[:1].isupper() else "(?i:" + re.escape(p) + ")"
                        for p in sorted(items, key=len, reverse=True))
        groups.append(f"(?P<{kind}>{alts})")
    return re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)")


def _references(body: str, s0: int, s1: int, cues: dict[str, tuple[str, ...]], history: list[Mention],
                taken: list[tuple[int, int]]) -> list[Arg]:
    out: list[Arg] = []
    pattern = _reference_pattern(tuple((k, cues.get(k, ())) for k in _REF_KINDS if cues.get(k)))
    for m in pattern.finditer(body, s0, s1):
        kind = m.lastgroup or ""
        a, b = m.start(), m.end()
        if _overlaps(a, b, taken) or (kind in ("pronoun", "this_org") and _followed_by_name(body, b)):
            continue
        ref = _resolve_reference(kind, m.group(0).lower(), history, a)
        if ref is None:
            continue
        actor, pair = ref
        out.append(_arg(body, a, b, actor, body[a:b], cues, False, "reference", pair))
        taken.append((a, b))
    return out


def _followed_by_name(body: str, end: int) -> bool:
    rest = body[end:end + 3].lstrip()
    return bool(rest) and rest[0].isupper()


def _resolve_reference(kind: str, phrase: str, history: list[Mention], before: int) -> tuple[str, str | None] | None:
    if kind == "pronoun":
        want = "f" if phrase.startswith("bà") else ("m" if phrase.startswith("ông") else None)
        people = [m for m in history if m.kind == "person" and m.end <= before and m.field == "body"]
        exact = [m for m in people if want is not None and m.gender == want]
        pick = exact or [m for m in people if m.gender in (None, want)] or people
        return (pick[-1].actor_id, None) if pick else None
    if kind == "this_org":
        orgs = [m for m in history if m.kind == "org" and m.end <= before and m.field == "body" and not m.as_place]
        return (orgs[-1].actor_id, None) if orgs else None
    states = _recent_states(history, before)
    if kind == "this_state" and states:
        # "nước này" is rarely the subject of its own clause ("Nga triển khai … tại nước này")
        subject = _clause_subject_state(history, before)
        rest = [s for s in states if s != subject]
        return (rest or states)[0], None
    if kind == "both_states" and len(states) >= 2:
        return states[0], states[1]
    return None


def _clause_subject_state(history: list[Mention], before: int) -> str | None:
    near = [m for m in history if m.field == "body" and m.end <= before and before - m.end < 80
            and m.kind in ("state", "sector")]
    return near[-1].actor_id.split(".")[0] if near else None


def _recent_states(history: list[Mention], before: int) -> list[str]:
    """Distinct states (affiliations of state/sector mentions) named before ``before``, latest first."""
    seen: list[str] = []
    for m in reversed(history):
        if m.field != "body" or m.start >= before or m.kind not in ("state", "sector"):
            continue
        sid = m.actor_id.split(".")[0]
        if sid not in seen:
            seen.append(sid)
    return seen


def _link_pairs(body: str, args: list[Arg]) -> list[Arg]:
    """Mark "X và Y" / "X - Y" / "X, Y" coordinations so events can use both members."""
    out = list(args)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        gap = body[a.end:b.start].strip().lower()
        if gap in ("và", "-", "–", "cùng", "với") and a.pair is None and a.actor_id != b.actor_id:
            out[i] = Arg(a.start, a.end, a.actor_id, a.text, a.prep, a.place, b.actor_id, a.kind)
    return out
