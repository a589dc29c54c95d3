"""Persons: names after titles and honorifics, unknown persons, surnames, title-only
references resolved by role and date ("Tổng thống Mỹ" on 2021-06-07), "người đồng cấp X",
"nhà lãnh đạo X", and fuzzy matching of misspelt names."""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field

from sukien.actors.lexicon import ActorLexicon, RoleTitle, role_on
from sukien.actors.recognize import Hit, longest_first
from sukien.records import Actor, Role
from sukien.text.normalize import fold

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*\.?")
_PARTICLES = {"bin", "ben", "al", "al-", "von", "der", "de", "van", "da", "di", "la", "le", "du", "dos", "del"}
_HONORIFIC = re.compile(r"(?<!\w)(?:ông|bà|ngài|Ông|Bà|Ngài|Cựu|cựu|cố|Cố)(?!\w)")
_COUNTERPART = re.compile(r"(?<!\w)(?:người đồng cấp|Người đồng cấp)(?!\w)")
_LEADER = re.compile(r"(?<!\w)(?:nhà lãnh đạo|Nhà lãnh đạo|lãnh đạo|Lãnh đạo)(?!\w)")
HEAD_ROLES = ("president", "state_chairman", "supreme_leader", "prime_minister", "monarch",
              "party_general_secretary", "head_of_state", "head_of_government")
_NOT_NAME = {"Tổng", "Thủ", "Bộ", "Ngoại", "Chủ", "Phó", "Thứ", "Đại", "Người", "Theo", "Trong", "Tại",
             "Sau", "Khi", "Nhà", "Hãng", "Thư", "Giám", "Trợ", "Quốc", "Liên", "Ủy", "Hội", "Hiện",
             "Phòng", "Tòa", "Sở", "Cục", "Viện", "Vụ", "Từ", "Ngày", "Tháng", "Năm", "Điện", "Văn"}


@dataclass
class PersonContext:
    """What the person resolver knows about one article."""

    lex: ActorLexicon
    date: str | None
    mentioned: list[str] = field(default_factory=list)  # person ids in order of first mention
    new_actors: dict[str, Actor] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)  # "m"/"f" from "ông"/"bà" in this article
    states: set[str] = field(default_factory=set)  # states and organisations the article names

    def note(self, pid: str) -> None:
        if pid not in self.mentioned:
            self.mentioned.append(pid)

    def actor(self, pid: str) -> Actor | None:
        return self.lex.actors.get(pid) or self.new_actors.get(pid)


def title_hits(text: str, folded: str, lex: ActorLexicon) -> list[Hit]:
    """Role titles ("Tổng thống", "Ngoại trưởng") and honorifics ("ông", "bà")."""
    out: list[Hit] = []
    if lex.role_automaton is not None and len(lex.role_automaton):
        for end_idx, (key, roles) in lex.role_automaton.iter(folded):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if (start and folded[start - 1].isalnum()) or (end < len(folded) and folded[end].isalnum()):
                continue
            role = _best_role(text[start:end], roles)
            if role is not None:
                out.append(Hit(start, end, "", "title", text[start:end], how="title", role=role.role))
    for m in _HONORIFIC.finditer(text):
        out.append(Hit(m.start(), m.end(), "", "title", m.group(0), how="honorific"))
    if lex.title_automaton is not None and len(lex.title_automaton):
        for end_idx, (key, titles) in lex.title_automaton.iter(folded):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if (start and folded[start - 1].isalnum()) or (end < len(folded) and folded[end].isalnum()):
                continue
            if text[start:end] in titles:  # exact spelling and case ("anh" the honorific, not "Anh")
                single = lex.person_titles[text[start:end]]
                out.append(Hit(start, end, "", "title", text[start:end], how="kin" if single else "ptitle"))
    for m in _COUNTERPART.finditer(text):
        out.append(Hit(m.start(), m.end(), "", "title", m.group(0), how="counterpart"))
    for m in _LEADER.finditer(text):
        out.append(Hit(m.start(), m.end(), "", "title", m.group(0), how="leader", role="leader"))
    return _longest(out)


def _best_role(span: str, roles: tuple[RoleTitle, ...]) -> RoleTitle | None:
    for r in roles:
        if span == r.surface or span.lower() == r.surface.lower():
            return r
    return roles[0] if span.isascii() else None


def _longest(hits: list[Hit]) -> list[Hit]:
    return longest_first(hits, lambda h: (h.start, h.end))


def resolve_titles(text: str, titles: list[Hit], actors: list[Hit], ctx: PersonContext) -> list[Hit]:
    """Person hits from titles: a name after the title, or the title holder itself.

    A hit spans from the title to the end of the name ("Tổng thống Nga Vladimir Putin"), so
    the whole noun phrase stands for the person; states inside it stay separate mentions.
    """
    out: list[Hit] = []
    last_role: str | None = None
    for t in titles:
        hit, last_role = _after_title(text, t, actors, ctx, last_role)
        if hit is not None:
            out.append(hit)
            ctx.note(hit.actor_id)
            if t.how == "honorific" or t.text.lower() in ("ông", "bà"):
                ctx.gender.setdefault(hit.actor_id, "f" if t.text.lower() in ("bà",) else "m")
    return out


def _skip_ws(text: str, pos: int, commas: bool = True) -> int:
    while pos < len(text) and (text[pos] == " " or (commas and text[pos] == ",")):
        pos += 1
    return pos


def _state_after(t: Hit, pos: int, actors: list[Hit]) -> Hit | None:
    """A state/org/sector that follows the title (or overlaps its end: "… của Bộ Ngoại giao Nga").

    ``actors`` is sorted by start: only hits starting inside the title or at ``pos`` qualify."""
    for h in actors[_first_after(actors, t.start):]:
        if h.start > pos:
            break
        if h.kind != "person" and (h.start == pos or t.start < h.start < t.end < h.end):
            return h
    return None


def _first_after(actors: list[Hit], start: int) -> int:
    lo, hi = 0, len(actors)
    while lo < hi:
        mid = (lo + hi) // 2
        if actors[mid].start <= start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _person_at(pos: int, actors: list[Hit]) -> Hit | None:
    i = _first_after(actors, pos - 1)
    while i < len(actors) and actors[i].start == pos:
        if actors[i].kind == "person":
            return actors[i]
        i += 1
    return None


def _after_title(
    text: str, t: Hit, actors: list[Hit], ctx: PersonContext, last_role: str | None
) -> tuple[Hit | None, str | None]:
    pos = _skip_ws(text, t.end, commas=False)
    state = _state_after(t, pos, actors)
    if state is not None:
        pos = _skip_ws(text, state.end)
    m = _HONORIFIC.match(text, pos)
    honor = m.group(0) if m and t.how != "honorific" else None
    if m and honor:
        pos = _skip_ws(text, m.end(), commas=False)
    role = t.role if t.how != "counterpart" else last_role
    of = _affiliation_of(state)
    person = _person_at(pos, actors)
    if person is not None:
        if honor:
            ctx.gender.setdefault(person.actor_id, "f" if honor.lower() == "bà" else "m")
        return Hit(t.start, person.end, person.actor_id, "person", text[t.start:person.end],
                   how="title", role=role), role or last_role
    name = match_name(text, pos)
    if name and _usable_name(name):
        hit = _named(text, name, pos, of, role, ctx, kin=t.how == "kin")
        if hit is not None:
            return Hit(t.start, hit.end, hit.actor_id, "person", text[t.start:hit.end], how=hit.how,
                       role=role), role or last_role
    if t.how in ("title", "counterpart", "leader") and of and role and t.how not in ("ptitle", "kin"):
        pid = holder(ctx, role, of)
        if pid:
            end = max(state.end if state else t.end, t.end)
            return Hit(t.start, end, pid, "person", text[t.start:end], how="role", role=role), role
    return None, role or last_role


def match_name(text: str, pos: int, max_tokens: int = 5) -> str | None:
    """Capitalised tokens from ``pos`` ("Alexander Lukashenko", "Mohammed bin Salman").

    >>> match_name("bà Natalya Eismont tối 11/3", 3), match_name("ông Putin. Ông nói", 4)
    ('Natalya Eismont', 'Putin')
    """
    tokens: list[tuple[int, int]] = []
    i = pos
    pending: list[tuple[int, int]] = []
    while len(tokens) < max_tokens:
        m = _TOKEN.match(text, i)
        if not m:
            break
        word = m.group(0)
        if word[:1].isupper():
            tokens.extend(pending)
            pending = []
            tokens.append((m.start(), m.end()))
        elif tokens and word.lower() in _PARTICLES:
            pending.append((m.start(), m.end()))
        else:
            break
        if word.endswith(".") and len(word) > 2:
            break  # a sentence end, not an initial
        i = m.end()
        if i < len(text) and text[i] in " -" and i + 1 < len(text) and text[i + 1] not in " -":
            i += 1
        else:
            break
    if not tokens:
        return None
    name = text[tokens[0][0]:tokens[-1][1]]
    return name.rstrip(".") if not re.search(r"(?<!\w)\w\.$", name) else name


def _usable_name(name: str) -> bool:
    first = name.split()[0]
    if any(ch.isdigit() for ch in name):
        return False
    return first not in _NOT_NAME and not (first.isupper() and len(first) > 1)


def _affiliation_of(state: Hit | None) -> str | None:
    if state is None:
        return None
    return state.actor_id.split(".")[0] if state.kind == "sector" else state.actor_id


def _named(text: str, name: str, pos: int, of: str | None, role: str | None,
           ctx: PersonContext, kin: bool = False) -> Hit | None:
    tokens = name.split()
    # a name stops before a known actor name glued after it ("Lukashenko Belarus")
    full = " ".join(tokens)
    start = pos
    if len(tokens) == 1:
        pid = surname_person(tokens[0], ctx, role, of)
        if pid is None and not ctx.lex.automaton_hit(tokens[0]) and len(tokens[0]) > 1:
            pid = _new_person(tokens[0], of, role, ctx)  # "ông Hakim", "chị Thêu": all the name given
        if pid is None:
            return None
        return Hit(start, start + len(full), pid, "person", full, how="surname")
    pid = fuzzy_person(full, ctx) or _new_person(full, of or _apposition_state(text, pos + len(full), ctx), role, ctx)
    if pid is None:
        return None
    return Hit(start, start + len(full), pid, "person", full, how="title")


def _apposition_state(text: str, pos: int, ctx: PersonContext) -> str | None:
    tail = text[pos:pos + 90]
    if not tail.startswith(","):
        return None
    folded_tail = fold(tail.split(".")[0])
    for sid, actor in ctx.lex.actors.items():
        if actor.kind == "state" and len(sid) == 3 and re.search(rf"(?<!\w){re.escape(fold(actor.name))}(?!\w)",
                                                                 folded_tail):
            return sid
    return None


_ORG_WORDS = {"gold", "group", "corp", "corporation", "bank", "institute", "council", "company", "inc",
              "ltd", "holdings", "foundation", "university", "fund", "news", "times", "post", "agency",
              "ngân", "tập", "công", "hãng", "tổ", "viện", "quỹ", "đại", "trường", "báo", "đài", "fc"}


def _looks_like_org(name: str) -> bool:
    return any(t.lower().strip(".,") in _ORG_WORDS for t in name.split())


def _new_person(name: str, of: str | None, role: str | None, ctx: PersonContext) -> str | None:
    if _looks_like_org(name):
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    pid = f"person:{slug}"
    if ctx.actor(pid) is None:
        roles = (Role(role, of, None, None),) if role and of else ()
        ctx.new_actors[pid] = Actor(pid, name, "person", of or pid, (), roles)
    return pid


def surname_person(token: str, ctx: PersonContext, role: str | None, of: str | None) -> str | None:
    """The person a lone surname after a title refers to."""
    key = fold(token)
    for pid in reversed(ctx.mentioned):  # someone already named in the article
        actor = ctx.actor(pid)
        if actor and _surname_matches(key, actor, ctx):
            return pid
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
    return _fuzzy_surname(key, ctx) or _fuzzy_lexicon_surname(key, ctx)


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


def _surname_matches(key: str, actor: Actor, ctx: PersonContext) -> bool:
    names = [actor.name, *actor.aliases]
    if any(fold(n).split()[-1] == key for n in names if n):
        return True
    return key in {s for s, ids in ctx.lex.surnames.items() if actor.id in ids}


def _fuzzy_surname(key: str, ctx: PersonContext) -> str | None:
    for pid in reversed(ctx.mentioned):
        actor = ctx.actor(pid)
        if actor is None:
            continue
        last = fold(actor.name).split()[-1]
        if len(key) >= 6 and difflib.SequenceMatcher(None, key, last).ratio() >= 0.85:
            return pid
    return None


def fuzzy_person(full: str, ctx: PersonContext) -> str | None:
    """A lexicon person whose name is a near spelling of ``full`` (same first name)."""
    key = fold(full)
    best, best_ratio = None, 0.0
    for pid, name in ctx.lex.first_names.get(key.split()[0], ()):
        ratio = difflib.SequenceMatcher(None, key, name).ratio()
        if ratio > best_ratio:
            best, best_ratio = pid, ratio
    return best if best_ratio >= 0.88 else None


def untitled_names(text: str, taken: list[Hit], ctx: PersonContext) -> list[Hit]:
    """Misspelt names of known persons with no title before them ("Svetlana Tikhanovkskaya"),
    and Vietnamese full names ("Nguyễn Văn An")."""
    out: list[Hit] = []
    covered = Coverage(taken)
    for m in re.finditer(r"(?<!\w)[^\W\d_][\w'’-]*(?:\s[^\W\d_][\w'’-]*){1,2}", text):
        if not m.group(0)[:1].isupper():
            continue
        name = match_name(text, m.start(), max_tokens=3)
        if not name or " " not in name or covered.hits(m.start(), m.start() + len(name)):
            continue
        pid = fuzzy_person(name, ctx) or _vietnamese_name(text, m.start(), name, ctx)
        if pid is not None:
            out.append(Hit(m.start(), m.start() + len(name), pid, "person", name, how="fuzzy"))
    return out


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


def _vietnamese_name(text: str, start: int, name: str, ctx: PersonContext) -> str | None:
    """"Nguyễn Văn An": a common Vietnamese surname and 1–3 more capitalised syllables, not a
    street, school or other place named after a person ("đường Nguyễn Huệ")."""
    tokens = name.split()
    if tokens[0] not in ctx.lex.vn_surnames or not 2 <= len(tokens) <= 4 or not all(
            t[:1].isupper() and not t.isupper() for t in tokens):
        return None
    head = text[max(0, start - 24):start].lower().rstrip()
    if any(head.endswith(p) and (len(head) == len(p) or not head[-len(p) - 1].isalnum())
           for p in ctx.lex.place_nouns):
        return None
    return _new_person(name, None, None, ctx)


def holder(ctx: PersonContext, role: str, of: str) -> str | None:
    """Who held ``role`` of ``of`` on the article's date (or, undated, who the article named)."""
    roles = HEAD_ROLES if role == "leader" else (role,)
    for pid in reversed(ctx.mentioned):
        actor = ctx.actor(pid)
        if actor and any(role_on(actor, r, of, ctx.date) for r in roles):
            return pid
    if ctx.date is None:
        return None
    for r in roles:
        found = [p for p, a in ctx.lex.actors.items() if a.kind == "person" and role_on(a, r, of, ctx.date)]
        if len(found) == 1:
            return found[0]
    return None
