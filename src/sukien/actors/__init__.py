"""Actors: recognise and link states, organisations, sectors and persons in an article."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sukien.actors.lexicon import ActorLexicon
from sukien.actors.people import full_names, merge_partial_names, references
from sukien.actors.persons import PersonContext
from sukien.actors.recognize import Hit, lexicon_hits, sector_cue_before, strip_overlaps
from sukien.records import Actor, Article, Mention
from sukien.text.normalize import fold

__all__ = ["ActorLexicon", "ArticleActors", "link_article"]

_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class ArticleActors:
    mentions: tuple[Mention, ...]  # title mentions have field "title", body mentions "body"
    actor_ids: tuple[str, ...]  # canonical ids named in title or body, in order of first mention
    actors: tuple[Actor, ...]  # records of every actor mentioned (lexicon or newly found persons)


def anchor_date(article: Article) -> str | None:
    """The date relative expressions and roles are resolved on: the publication date, else
    the latest explicit full date on the page (body and captions, not after the crawl
    bound), else the crawl bound."""
    if article.published and not article.published.startswith("--") and len(article.published) >= 4:
        return article.published
    text = "\n".join((article.body, *article.captions))
    bound = article.published_not_after
    dates = [f"{int(y):04d}-{int(m):02d}-{int(d):02d}" for d, m, y in _FULL_DATE.findall(text)
             if 1 <= int(m) <= 12 and 1 <= int(d) <= 31]
    dates = [d for d in dates if bound is None or d <= bound]
    if dates:
        return max(dates)
    return bound


def link_article(article: Article, lex: ActorLexicon) -> ArticleActors:
    """Every actor named in the title and body: lexicon names, sectors, and persons read in two
    passes (full names of both fields first, then shorter references, see :mod:`.people`)."""
    ctx = PersonContext(lex, anchor_date(article))
    fields = [(name, text, fold(text), _with_anaphors(text, lexicon_hits(text, fold(text), lex), lex)
               if text else []) for name, text in (("title", article.title), ("body", article.body))]
    ctx.states = {h.actor_id.split(".")[0] for *_, hits in fields for h in hits if h.kind != "person"}
    found = []
    for n, (_, text, folded, hits) in enumerate(fields):
        people, pending = full_names(text, folded, hits, ctx) if text else ([], [])
        for h in sorted(people, key=lambda h: h.start):
            ctx.note(h.actor_id, (n, h.start))
        found.append((people, pending))
    merge_partial_names(found, ctx)
    mentions: list[Mention] = []
    for n, ((field_name, text, _, hits), (people, pending)) in enumerate(zip(fields, found, strict=True)):
        if not text:
            continue
        people = references(text, pending, people, ctx, n)
        others = strip_overlaps([h for h in hits if h.kind != "person"])
        others += _context_sectors(text, others, lex)
        for h in sorted(others + people, key=lambda h: (h.start, -h.end)):
            mentions.append(Mention(article.article_id, h.actor_id, h.text, h.start, h.end, h.kind, h.how,
                                    h.as_place, field_name, ctx.gender.get(h.actor_id)))
    ids = _actor_ids(mentions, lex)
    # records of every actor mentioned, persons named only by a title too (speakers, event sides)
    records = tuple(a for a in (ctx.actor(i) for i in dict.fromkeys(m.actor_id for m in mentions))
                    if a is not None)
    return ArticleActors(tuple(mentions), tuple(ids), records)


def _actor_ids(mentions: list[Mention], lex: ActorLexicon) -> list[str]:
    """Actors the article names, in order: not places, not former states, and not persons it only
    refers to by a title ("Tổng thống Mỹ" names the United States, not its president)."""
    named = {m.actor_id for m in mentions if m.kind != "person" or m.how != "role"}
    ids: list[str] = []
    for m in mentions:
        if m.as_place and m.how in ("capital", "region"):
            continue
        if m.actor_id.split(".")[0] in lex.former or m.actor_id not in named:
            continue
        if m.actor_id not in ids:
            ids.append(m.actor_id)
    return ids


_COUNTRY_ANAPHOR = re.compile(r"(?<!\w)nước (?:này|đó|trên)(?!\w)")


def _with_anaphors(text: str, hits: list[Hit], lex: ActorLexicon) -> list[Hit]:
    """"Bộ Quốc phòng nước này", "Tư lệnh hải quân nước này": the state named last before, as
    a sector after a sector cue, as the state after a title or a person noun."""
    out = list(hits)
    folded = fold(text)
    for m in _COUNTRY_ANAPHOR.finditer(text):
        states = [h for h in hits if h.end <= m.start() and h.kind in ("state", "sector")]
        if not states or any(h.start <= m.start() < h.end for h in hits):
            continue
        sid = states[-1].actor_id.split(".")[0]
        if text[max(0, m.start() - 5):m.start()].rstrip().endswith("của"):
            continue  # "ba nhà ngoại giao của nước này": which country is meant is not said
        cue = sector_cue_before(folded, m.start(), lex)
        if cue is not None:
            out.append(Hit(cue[0], m.end(), f"{sid}.{cue[1]}", "sector", text[cue[0]:m.end()], how="anaphor"))
            continue
        words = text[max(0, m.start() - 40):m.start()].split()[-3:]
        if any(lex.names.starts_with(" ".join(words[i:]), lex.names.person_nouns) for i in range(len(words))):
            out.append(Hit(m.start(), m.end(), sid, "state", text[m.start():m.end()], how="anaphor"))
    return sorted(out + _acronym_aliases(text, out), key=lambda h: (h.start, -h.end))


_ACRONYM_DEF = re.compile(r"\s?\(([A-Z][A-Z0-9&]{1,9})\)")


def _acronym_aliases(text: str, hits: list[Hit]) -> list[Hit]:
    """"Cơ quan Hàng không Liên bang Mỹ (FAA) … FAA nhấn mạnh": an acronym defined after the name
    of a body of a state stands for that state (or the part of it the name gives)."""
    ends = {h.end: h for h in hits if h.kind in ("state", "sector") and not h.as_place}
    aliases: dict[str, Hit] = {}
    for m in _ACRONYM_DEF.finditer(text):
        owner = ends.get(m.start())
        head = text[max(0, m.start() - 60):owner.start].split() if owner else []
        if owner is not None and sum(w[:1].isupper() for w in head[-4:]) >= 2 and not any(
                w.endswith((",", ";", ".")) for w in head[-4:]):  # a body's name, not a list of states
            aliases.setdefault(m.group(1), owner)
    out: list[Hit] = []
    covered = [(h.start, h.end) for h in hits]
    for acronym, owner in aliases.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if not any(a <= m.start() < b for a, b in covered):
                out.append(Hit(m.start(), m.end(), owner.actor_id, owner.kind, acronym, how="alias"))
    return out


def _context_sectors(text: str, hits: list[Hit], lex: ActorLexicon) -> list[Hit]:
    """"phe đối lập" with no state after it: the opposition of the state named last."""
    out: list[Hit] = []
    low = text.lower()
    for phrase, sector in lex.context_sectors.items():
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", low):
            if any(h.start <= m.start() < h.end for h in hits + out):
                continue
            states = [h for h in hits if h.end <= m.start() and h.kind in ("state", "sector") and not h.as_place]
            if states:
                sid = states[-1].actor_id.split(".")[0]
                out.append(Hit(m.start(), m.end(), f"{sid}.{sector}", "sector", text[m.start():m.end()],
                               how="context"))
    return out




def actor_side(lex: ActorLexicon, extra: dict[str, Actor], actor_id: str, date: str | None) -> str:
    """The state or organisation an actor acts for on ``date``: a person → the office held then
    ("person:jens-stoltenberg" in 2021 → "NATO"; "person:vladimir-putin" → "RUS.GOV"); states,
    sectors and organisations → themselves."""
    if not actor_id.startswith("person:"):
        return actor_id
    actor = extra.get(actor_id) or lex.actors.get(actor_id)
    if actor is None:
        return actor_id
    when = date if date and not date.startswith("--") else None
    for r in _active_roles(actor, when):
        target = lex.actors.get(r.of)
        if target is not None and target.kind == "state":
            sector = lex.role_sectors.get(r.role, "GOV")
            return f"{r.of}.{sector}" if sector in ("GOV", "MIL", "LEG", "JUD", "OPP", "REB") else r.of
        return r.of
    return actor.affiliation


def _active_roles(actor: Actor, when: str | None) -> list:  # type: ignore[type-arg]
    from sukien.actors.lexicon import role_on

    roles = [r for r in actor.roles if r.of and (when is None or role_on(Actor(
        actor.id, actor.name, actor.kind, actor.affiliation, (), (r,)), r.role, r.of, when))]
    if when is None:
        roles = [r for r in roles if r.end is None] or list(actor.roles[-1:])
    return roles
