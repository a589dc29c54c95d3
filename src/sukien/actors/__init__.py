"""Actors: recognise and link states, organisations, sectors and persons in an article."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sukien.actors.lexicon import ActorLexicon
from sukien.actors.persons import PersonContext, resolve_titles, title_hits
from sukien.actors.recognize import Hit, lexicon_hits, strip_overlaps
from sukien.records import Actor, Article, Mention
from sukien.text.normalize import fold

__all__ = ["ActorLexicon", "ArticleActors", "link_article"]

_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class ArticleActors:
    mentions: tuple[Mention, ...]  # title mentions have field "title", body mentions "body"
    actor_ids: tuple[str, ...]  # canonical ids named in title or body, in order of first mention
    actors: tuple[Actor, ...]  # records of every id above (lexicon or newly found persons)


def anchor_date(article: Article) -> str | None:
    """The date roles are resolved on: publication, else the latest full date in the text."""
    if article.published and not article.published.startswith("--") and len(article.published) >= 4:
        return article.published
    dates = [f"{int(y):04d}-{int(m):02d}-{int(d):02d}" for d, m, y in _FULL_DATE.findall(article.body)
             if 1 <= int(m) <= 12 and 1 <= int(d) <= 31]
    if dates:
        return max(dates)
    return article.published_not_after


def link_article(article: Article, lex: ActorLexicon) -> ArticleActors:
    ctx = PersonContext(lex, anchor_date(article))
    mentions: list[Mention] = []
    for field_name, text in (("title", article.title), ("body", article.body)):
        for h in _text_hits(text, lex, ctx):
            mentions.append(Mention(article.article_id, h.actor_id, h.text, h.start, h.end, h.kind, h.how,
                                    h.as_place, field_name))
    ids: list[str] = []
    for m in mentions:
        if m.as_place and m.how == "capital":
            continue
        if m.actor_id not in ids:
            ids.append(m.actor_id)
    records = tuple(a for a in (ctx.actor(i) for i in ids) if a is not None)
    return ArticleActors(tuple(mentions), tuple(ids), records)


def _text_hits(text: str, lex: ActorLexicon, ctx: PersonContext) -> list[Hit]:
    if not text:
        return []
    folded = fold(text)
    hits = lexicon_hits(text, folded, lex)
    for h in hits:
        if h.kind == "person":
            ctx.note(h.actor_id)
    titles = [t for t in title_hits(text, folded, lex) if not _inside(t, hits)]
    persons = resolve_titles(text, titles, hits, ctx)
    combined = strip_overlaps(hits + persons)
    return strip_overlaps(combined + _surname_corefs(text, combined, ctx))


def _inside(t: Hit, hits: list[Hit]) -> bool:
    return any(h.start <= t.start and t.end <= h.end for h in hits)


def _surname_corefs(text: str, hits: list[Hit], ctx: PersonContext) -> list[Hit]:
    """Bare surnames of persons already named in the article ("… Lukashenko nói")."""
    out: list[Hit] = []
    for pid in ctx.mentioned:
        actor = ctx.actor(pid)
        if actor is None:
            continue
        last = actor.name.split()[-1]
        if len(last) < 3 or not last[:1].isupper():
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(last)}(?!\w)", text):
            if not any(h.start <= m.start() < h.end for h in hits):
                out.append(Hit(m.start(), m.end(), pid, "person", last, how="coref"))
    return out
