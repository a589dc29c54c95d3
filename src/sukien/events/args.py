"""Argument candidates of a sentence: actor mentions with the word that governs them,
plus pronoun-like references ("nước này", "hai nước", "chúng tôi", "ông") resolved
against what the article named before."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def _word_before(body: str, start: int, phrases: tuple[str, ...]) -> str | None:
    head = body[max(0, start - 24):start].lower().rstrip()
    for p in phrases:
        if head.endswith(p) and (len(head) == len(p) or not head[-len(p) - 1].isalnum()):
            return p
    return None


def build_args(body: str, mentions: list[Mention], s0: int, s1: int, cues: dict[str, tuple[str, ...]],
               history: list[Mention]) -> list[Arg]:
    """Actor arguments inside the sentence ``body[s0:s1]``, in text order."""
    preps = cues.get("object_prep", ()) + cues.get("place_prep", ()) + cues.get("owner_prep", ())
    places = set(cues.get("place_prep", ()))
    args: list[Arg] = []
    for m in mentions:
        if m.field != "body" or m.start < s0 or m.end > s1:
            continue
        prep = _word_before(body, m.start, preps)
        args.append(Arg(m.start, m.end, m.actor_id, m.text, prep, m.as_place or prep in places))
    args += _references(body, s0, s1, cues, history, {(a.start, a.end) for a in args})
    args.sort(key=lambda a: a.start)
    return _link_pairs(body, args)


def _references(body: str, s0: int, s1: int, cues: dict[str, tuple[str, ...]], history: list[Mention],
                taken: set[tuple[int, int]]) -> list[Arg]:
    out: list[Arg] = []
    low = body[s0:s1].lower()
    preps = cues.get("object_prep", ()) + cues.get("place_prep", ()) + cues.get("owner_prep", ())
    for kind in ("this_state", "both_states"):
        for phrase in cues.get(kind, ()):
            for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", low):
                a, b = s0 + m.start(), s0 + m.end()
                if any(not (b <= x or a >= y) for x, y in taken):
                    continue
                states = _recent_states(history, a)
                if not states:
                    continue
                prep = _word_before(body, a, preps)
                if kind == "this_state":
                    out.append(Arg(a, b, states[0], body[a:b], prep))
                elif len(states) >= 2:
                    out.append(Arg(a, b, states[0], body[a:b], prep, pair=states[1]))
                taken.add((a, b))
    return out


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
    """Mark "X và Y" / "X - Y" / "X, Y" coordinations so symmetric events can use both."""
    out = list(args)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        gap = body[a.end:b.start].strip().lower()
        if gap in ("và", "-", "–", "với", "cùng", ",") and a.pair is None:
            out[i] = Arg(a.start, a.end, a.actor_id, a.text, a.prep, a.place, pair=b.actor_id)
    return out
