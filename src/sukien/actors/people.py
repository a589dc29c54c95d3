"""The persons of one article, read in two passes over its own text.

1. **Full names** (:func:`full_names`): lexicon names; names ending a title's phrase
   ("Bộ trưởng Quốc phòng Australia Peter Dutton"); names with an apposition ("Frank Owen,
   chuyên gia tại …", "Xiang Xueqiu, 63 tuổi, …"), with a speech verb ("Niu Haibin cho
   biết"), or introduced by "có tên"; misspelt lexicon names and Vietnamese full names. A full
   name gives the person's id; the lexicon is used only for the same given name.
2. **References** (:func:`references`): a one-word name after a title or honorific ("ông
   Owen", "Thiếu tướng Achmad", "Ngoại trưởng Kubela") is the person of the article whose name
   holds that word (surname, given name, or a near spelling), else a lexicon person of the
   article's side and date, else a new person; a title alone ("Ngoại trưởng Ukraine") is the
   person the article named with that role or title, else the lexicon's holder on the date;
   a bare surname repeats a person already named.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from sukien.actors.lexicon import ActorLexicon
from sukien.actors.names import read_name
from sukien.actors.persons import (
    Coverage,
    Intro,
    PersonContext,
    TitlePhrase,
    apposition_state,
    full_name_person,
    fuzzy_person,
    gender_of,
    holder,
    looks_like_org,
    make_index,
    nearest_before,
    new_person,
    org_name,
    phrase_words,
    surname_person,
    title_hits,
    title_phrase,
)
from sukien.actors.recognize import Hit, strip_overlaps
from sukien.text.normalize import fold

__all__ = ["Pending", "full_names", "merge_partial_names", "references"]

_CAP = re.compile(r"(?<![\w'’-])[^\W\d_a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
_CLAUSE_BEFORE = frozenset(".,:;!?”\"'(–-\n")
_ADVERBS = re.compile(r"\s+(?:(?:cũng|đã|vẫn|từng|còn|thì|hôm nay|hôm qua|mới đây|khi đó|sau đó|"
                      r"trước đó|hôm \d{1,2}/\d{1,2}|ngày \d{1,2}/\d{1,2})\s+)*")
_AGE = re.compile(r"\d{1,3}\s+tuổi(?!\w)")
_GLUED_INITIAL = re.compile(r"^[A-ZĐ]\.(?=\w)")


@dataclass(frozen=True)
class Pending:
    """A title with a one-word name, or a title alone, resolved in the second pass."""

    start: int
    end: int
    token: str | None  # the one-word name, None for a title alone
    role: str | None
    of: str | None
    title: str
    honor: str | None


def full_names(text: str, folded: str, hits: list[Hit], ctx: PersonContext) -> tuple[list[Hit], list[Pending]]:
    """Pass 1 on one text: person hits with full names, and the references left for pass 2."""
    lex = ctx.lex
    inside = Coverage([h for h in hits if h.kind != "sector"])  # "Nghị sĩ Mỹ" is a sector and a title
    titles = [t for t in title_hits(text, folded, lex) if not inside.covers(t.start, t.end)]
    index = make_index(hits, titles)
    persons: list[Hit] = []
    pending: list[Pending] = []
    last_role: str | None = None
    for t in titles:
        phrase = title_phrase(text, t, index, lex)
        role = last_role if t.how == "counterpart" else t.role
        found = _from_phrase(text, phrase, role, ctx)
        if isinstance(found, Hit):
            persons.append(found)
        elif found is not None:
            pending.append(found)
        last_role = role or last_role
    lexicon = [h for h in hits if h.kind == "person"]
    people = strip_overlaps(lexicon + persons)
    runs = _runs(text, ctx.lex)
    people = strip_overlaps(people + context_names(text, hits + people + titles, ctx, runs))
    people = strip_overlaps(people + untitled_names(text, hits + people + titles, ctx, runs))
    return people, pending


def _from_phrase(text: str, ph: TitlePhrase, role: str | None, ctx: PersonContext) -> Hit | Pending | None:
    t = ph.title
    of = None
    if ph.of is not None:
        of = ph.of.actor_id.split(".")[0] if ph.of.kind == "sector" else ph.of.actor_id
    gender = gender_of(t.text if t.how == "honorific" else ph.honor)
    pid: str | None = None
    if ph.person is not None:
        pid = ph.person.actor_id
    elif ph.name is not None:
        name = text[ph.name[0]:ph.name[1]]
        if " " not in name:
            return Pending(t.start, ph.name[1], name, role, of, t.text, ph.honor or _honor(t))
        if t.how == "kin" or looks_like_org(name, ctx.lex):
            return None
        pid = full_name_person(name, of or apposition_state(text, ph.name[1], ctx), role, ctx)
    if pid is None:
        if t.how in ("title", "counterpart", "leader") and role:
            # "người đứng đầu Bộ Chỉ huy Chiến lược của Mỹ" heads the command, not the state
            return Pending(t.start, ph.end, None, role, None if ph.org_between else of, t.text, None)
        return None
    if gender:
        ctx.gender.setdefault(pid, gender)
    if t.how == "title":
        before_name = text[t.start:ph.name[0]] if ph.name else t.text
        ctx.intro.setdefault(pid, Intro(t.text.lower(), phrase_words(before_name), of, role))
    end = ph.name[1] if ph.name else ph.end
    return Hit(t.start, end, pid, "person", text[t.start:end], how="title", role=role)


def _honor(t: Hit) -> str | None:
    return t.text if t.how == "honorific" else None


# ---------------------------------------------------------------- names without a title


def _runs(text: str, lex: ActorLexicon) -> list[tuple[int, int]]:
    """Runs of capitalised words of ``text``, without a sentence opener in front."""
    out: list[tuple[int, int]] = []
    i = 0
    for m in _CAP.finditer(text):
        if m.start() < i:
            continue
        span = read_name(text, m.start())
        if span is None:
            continue
        i = span[1]
        out.append(_drop_openers(text, span, lex))
    return out


def _drop_openers(text: str, span: tuple[int, int], lex: ActorLexicon) -> tuple[int, int]:
    """"Theo Dmitry Trenin" → "Dmitry Trenin"."""
    start, end = span
    words = text[start:end].split()
    while len(words) > 1 and words[0] in lex.names.openers:
        start += len(words[0]) + 1
        words = words[1:]
    return start, end


def context_names(text: str, taken: list[Hit], ctx: PersonContext,
                  runs: list[tuple[int, int]] | None = None) -> list[Hit]:
    """Full names with no title before them that an apposition, a speech verb or "có tên" marks
    as persons ("Frank Owen, chuyên gia …", "Niu Haibin cho biết")."""
    cues = ctx.lex.names
    out: list[Hit] = []
    covered = Coverage(taken)
    for start, end in runs if runs is not None else _runs(text, ctx.lex):
        if covered.hits(start, end):
            continue
        name = text[start:end]
        if " " not in name or not cues.shaped(name) or org_name(text, (start, end), ctx.lex):
            continue
        if not (_appositive(text, end, ctx) or _speech_subject(text, start, end, ctx)
                or _named_by(text, start, ctx)):
            continue
        pid = full_name_person(name, apposition_state(text, end, ctx), None, ctx)
        if pid is not None:
            out.append(Hit(start, end, pid, "person", name, how="name"))
    return out


def _appositive(text: str, end: int, ctx: PersonContext) -> bool:
    m = re.match(r"(?:\s*,\s*|\s+[-–—]\s+)(?:(?:một|cựu|là)\s+)*", text[end:end + 30])
    if m is None:
        return False
    rest = text[end + m.end():end + m.end() + 60]
    cues = ctx.lex.names
    return bool(_AGE.match(rest)) or cues.starts_with(rest, cues.person_nouns) is not None


def _speech_subject(text: str, start: int, end: int, ctx: PersonContext) -> bool:
    before = text[:start].rstrip(" ")
    if before and before[-1] not in _CLAUSE_BEFORE:
        return False
    m = _ADVERBS.match(text, end)
    rest = text[m.end() if m else end:end + 60]
    return ctx.lex.names.starts_with(rest, ctx.lex.names.speech) is not None


def _named_by(text: str, start: int, ctx: PersonContext) -> bool:
    cues = ctx.lex.names
    before = text[max(0, start - 60):start]
    phrase = cues.ends_with(before, cues.naming)
    if phrase is None:
        return False
    head = before.rstrip()[:-len(phrase)]
    words = head.split()[-6:]
    return any(cues.starts_with(" ".join(words[i:]), cues.person_nouns) for i in range(len(words)))


def untitled_names(text: str, taken: list[Hit], ctx: PersonContext,
                   runs: list[tuple[int, int]] | None = None) -> list[Hit]:
    """Misspelt names of known persons with no title before them ("Svetlana Tikhanovkskaya"),
    and Vietnamese full names of three or four syllables ("Nguyễn Văn An")."""
    out: list[Hit] = []
    cues = ctx.lex.names
    covered = Coverage(taken)
    for start, end in runs if runs is not None else _runs(text, ctx.lex):
        if covered.hits(start, end):
            continue
        name = text[start:end]
        tokens = name.split()
        if not 2 <= len(tokens) <= 4 or cues.is_place(name):
            continue
        pid = fuzzy_person(name, ctx) if len(tokens) <= 3 else None
        if pid is None and len(tokens) >= 3 and cues.vietnamese_name(tokens) and not _place_noun_before(
                text, start, ctx):
            pid = new_person(name, None, None, ctx)
        if pid is not None:
            out.append(Hit(start, end, pid, "person", name, how="fuzzy"))
    return out


def _place_noun_before(text: str, start: int, ctx: PersonContext) -> bool:
    """"đường Nguyễn Huệ": a street, school or place named after a person."""
    head = text[max(0, start - 24):start].lower().rstrip()
    return any(head.endswith(p) and (len(head) == len(p) or not head[-len(p) - 1].isalnum())
               for p in ctx.lex.place_nouns)


# ---------------------------------------------------------------- pass 2: references


def references(text: str, pending: list[Pending], people: list[Hit], ctx: PersonContext,
               field_no: int) -> list[Hit]:
    """Pass 2 on one text: one-word names and titles alone, then bare surnames."""
    out: list[Hit] = []
    for p in pending:
        hit = _resolve(text, p, ctx, field_no)
        if hit is not None:
            out.append(hit)
            ctx.note(hit.actor_id)
    people = strip_overlaps(people + out)
    return strip_overlaps(people + name_corefs(text, people, ctx))


def _resolve(text: str, p: Pending, ctx: PersonContext, field_no: int) -> Hit | None:
    span = text[p.start:p.end]
    if p.token is None:
        pid = holder(ctx, p.role, p.of, span, (field_no, p.start)) if p.role and p.of else None
        return Hit(p.start, p.end, pid, "person", span, how="role", role=p.role) if pid else None
    token = _GLUED_INITIAL.sub("", p.token)  # "B.Nê-ta-ni-a-hu"
    pid = article_person(token, ctx, (field_no, p.start)) or surname_person(token, ctx, p.role, p.of)
    if pid is None and (ctx.lex.automaton_hit(token) or _given_name_of(fold(token), ctx)):
        return None  # a name word of several persons ("ông Donald" beside Trump and Tusk)
    if pid is None:
        pid = new_person(token, p.of, p.role, ctx)  # "ông Hakim": all the name the article gives
    if pid is None:
        return None
    gender = gender_of(p.honor)
    if gender:
        ctx.gender.setdefault(pid, gender)
    return Hit(p.start, p.end, pid, "person", span, how="surname", role=p.role)


def article_person(token: str, ctx: PersonContext, at: tuple[int, int]) -> str | None:
    """The person of this article a one-word name refers to: by surname, then by another word
    of a name the article gave ("ông Arvind" → Arvind Kejriwal), then by a near spelling
    ("Kubela" → Kuleba); the nearest such person before ``at`` (else the first after)."""
    key = fold(token)
    for match in (_surname_is, _word_of, _near_surname):
        cands = [pid for pid in ctx.mentioned if match(key, pid, ctx)]
        if match is _word_of and len(cands) > 1:
            return None  # a given name shared by several persons of the article
        if cands:
            return nearest_before(cands, ctx, at)
    return None


def _given_name_of(key: str, ctx: PersonContext) -> bool:
    return any(_word_of(key, pid, ctx) for pid in ctx.mentioned)


def _names(pid: str, ctx: PersonContext) -> list[list[str]]:
    actor = ctx.actor(pid)
    if actor is None:
        return []
    return [fold(n).split() for n in (actor.name, *actor.aliases) if n and n.split()]


def _surname_is(key: str, pid: str, ctx: PersonContext) -> bool:
    return any(words[-1] == key for words in _names(pid, ctx)) or pid in ctx.lex.surnames.get(key, ())


def _word_of(key: str, pid: str, ctx: PersonContext) -> bool:
    """A word of the person's name other than the surname ("Arvind" of Arvind Kejriwal)."""
    names = _names(pid, ctx)[:1]
    return any(key in words[:-1] or key in "-".join(words[:-1]).split("-") for words in names)


def _near_surname(key: str, pid: str, ctx: PersonContext) -> bool:
    if len(key) < 5:
        return False
    for words in _names(pid, ctx):
        last = words[-1]
        if last[0] != key[0] or abs(len(last) - len(key)) > 2:
            continue
        if sorted(last) == sorted(key) or difflib.SequenceMatcher(None, key, last).ratio() >= 0.85:
            return True
    return False


def name_corefs(text: str, hits: list[Hit], ctx: PersonContext) -> list[Hit]:
    """Bare surnames of persons the article named ("… Lukashenko nói"), and for persons the
    lexicon does not know, another uncommon word of their name ("Guk-hyeon tiết lộ"). Common
    Vietnamese words never ("Không", "Nam"), and accents must agree ("Trưởng" is not "Trương")."""
    keys: dict[str, set[str]] = {}
    cues = ctx.lex.names
    for pid in ctx.mentioned:
        actor = ctx.actor(pid)
        if actor is None:
            continue
        names = [actor.name] if pid not in ctx.lex.actors else [actor.name, *actor.aliases]
        for name in names:
            words = name.lower().split()
            for n, w in enumerate(words):
                if (n == len(words) - 1 or pid not in ctx.lex.actors) and not cues.common(w):
                    keys.setdefault(w, set()).add(pid)
    out: list[Hit] = []
    if not keys:
        return out
    covered = Coverage(hits)
    alternatives = "|".join(re.escape(k) for k in sorted({*keys, *_ascii_keys(keys)}, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", text, re.IGNORECASE):
        if not m.group(0)[:1].isupper():
            continue
        span = read_name(text, m.start(), max_tokens=2)
        if span is None or span[0] != m.start() or " " in text[span[0]:span[1]] or covered.hits(*span):
            continue
        word = text[span[0]:span[1]]
        owners = keys.get(word.lower()) or (_ascii_keys(keys).get(word.lower()) if word.isascii() else None)
        if len(word) >= 3 and owners and len(owners) == 1:
            out.append(Hit(span[0], span[1], next(iter(owners)), "person", word, how="coref"))
    return out


def _ascii_keys(keys: dict[str, set[str]]) -> dict[str, set[str]]:
    """Keys without accents, for text written without them ("Erdogan" for "Erdoğan")."""
    out: dict[str, set[str]] = {}
    for k, v in keys.items():
        out.setdefault(fold(k), set()).update(v)
    return out


def merge_partial_names(found: list[tuple[list[Hit], list[Pending]]], ctx: PersonContext) -> None:
    """"Alcaraz González" after "Carlos Alcaraz González": a shorter full name that ends a longer
    one of the same article is that person."""
    words = {pid: _names(pid, ctx) for pid in ctx.mentioned}
    alias: dict[str, str] = {}
    for pid in ctx.mentioned:
        if pid not in ctx.new_actors:
            continue
        mine = words[pid][0] if words[pid] else []
        for other in ctx.mentioned:
            if other != pid and len(mine) >= 2 and any(
                    len(n) > len(mine) and n[-len(mine):] == mine for n in words[other]):
                alias[pid] = other
                break
    if not alias:
        return
    for people, _ in found:
        people[:] = [replace(h, actor_id=alias.get(h.actor_id, h.actor_id)) for h in people]
    for pid, other in alias.items():
        ctx.mentioned.remove(pid)
        ctx.new_actors.pop(pid, None)
        ctx.seen.setdefault(other, []).extend(ctx.seen.pop(pid, []))
