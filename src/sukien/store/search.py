"""Full-text search over articles, quotes and events (tantivy).

Text is indexed with a simple tokenizer, lower-casing and tantivy's ASCII folding, which
maps Vietnamese letters to their base letter — including ``đ`` → ``d``, which Unicode
does not decompose — so "hoi dam" finds "hội đàm" and "lien hop quoc" finds
"Liên hợp quốc". Queries go through the same analyzer. A plain query is a phrase
(Vietnamese words are several syllables: "lien hop quoc" must not match "liên minh …
hợp … quốc"); commas separate phrases that must all occur ("hoi dam, lavrov"). A query
with tantivy syntax (quotes, ``+``/``-``, ``field:``, parentheses, AND/OR) is passed as is.
Filters: kind, actor (id or affiliation),
date range (partial ISO dates), CAMEO root. The index lives in ``<db>.index/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy

ANALYZER = "vi_folded"
KINDS = ("article", "quote", "event")


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    doc_id: str
    article_id: str
    title: str
    date: str | None
    score: float
    fragment: str  # a window of the matched text
    highlights: tuple[tuple[int, int], ...]  # character ranges in ``fragment``

    def marked(self, start: str = "«", end: str = "»") -> str:
        """The fragment with highlighted words wrapped in ``start``/``end``."""
        out, pos = [], 0
        for a, b in self.highlights:
            out += [self.fragment[pos:a], start, self.fragment[a:b], end]
            pos = b
        out.append(self.fragment[pos:])
        return "".join(out)


def index_path_for(db: str) -> Path | None:
    """Where the search index of a DuckDB store lives (None: in memory)."""
    return None if db in ("", ":memory:") else Path(db + ".index")


def date_key(iso: str | None, upper: bool = False) -> int:
    """``YYYYMMDD`` as an integer (missing month/day: 00, or 99 for an upper bound).

    >>> date_key("2026-03"), date_key("2026-03", upper=True), date_key("--03-01")
    (20260300, 20260399, 0)
    """
    if not iso or iso.startswith("--"):
        return 0
    parts = iso[:10].split("-")
    fill = 99 if upper else 0
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else fill
        d = int(parts[2]) if len(parts) > 2 else fill
    except ValueError:
        return 0
    return y * 10000 + m * 100 + d


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for name in ("kind", "id", "doc_id", "article_id", "date", "root", "actors"):
        sb.add_text_field(name, stored=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=True, tokenizer_name=ANALYZER)
    sb.add_text_field("text", stored=True, tokenizer_name=ANALYZER)
    sb.add_integer_field("date_key", stored=True, indexed=True, fast=True)
    return sb.build()


class SearchIndex:
    """A tantivy index of articles, quotes and events; ``path=None`` keeps it in memory."""

    def __init__(self, path: str | Path | None) -> None:
        self.schema = _schema()
        if path is None:
            self.index = tantivy.Index(self.schema)
        else:
            Path(path).mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(self.schema, path=str(path), reuse=True)
        analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                    .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build())
        self.index.register_tokenizer(ANALYZER, analyzer)

    def replace_docs(self, remove_doc_ids: Iterable[str], records: Iterable[Mapping[str, Any]]) -> int:
        """Delete every entry of ``remove_doc_ids``, then add ``records`` (see ``entry``)."""
        writer = self.index.writer(50_000_000, 1)
        for doc_id in remove_doc_ids:
            writer.delete_documents_by_term("doc_id", doc_id)
        n = 0
        for rec in records:
            writer.add_document(tantivy.Document(**rec))
            n += 1
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        return n

    def search(
        self, query: str, *, kinds: Sequence[str] = (), actor: str | None = None,
        date_from: str | None = None, date_to: str | None = None, root: str | None = None,
        limit: int = 20, snippet_chars: int = 180,
    ) -> list[Hit]:
        searcher = self.index.searcher()
        text_q = self._parse(query)
        must = [(tantivy.Occur.Must, text_q)]
        if kinds:
            must.append((tantivy.Occur.Must, tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "kind", k)) for k in kinds])))
        if actor:
            must.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "actors", actor)))
        if root:
            must.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "root", root.zfill(2))))
        if date_from or date_to:
            lo = date_key(date_from) if date_from else 1
            hi = date_key(date_to, upper=True) if date_to else 99999999
            must.append((tantivy.Occur.Must, tantivy.Query.range_query(
                self.schema, "date_key", tantivy.FieldType.Integer, max(lo, 1), hi)))
        q = tantivy.Query.boolean_query(must)
        gen = tantivy.SnippetGenerator.create(searcher, text_q, self.schema, "text")
        gen.set_max_num_chars(snippet_chars)
        hits = []
        for score, addr in searcher.search(q, limit).hits:
            doc = searcher.doc(addr)
            hits.append(_hit(doc, score, gen.snippet_from_doc(doc)))
        return hits

    def count(self) -> int:
        return int(self.index.searcher().num_docs)

    def _parse(self, query: str) -> tantivy.Query:
        fields = ["title", "text"]
        try:
            return self.index.parse_query(plain_to_phrases(query), fields, conjunction_by_default=True)
        except ValueError:
            words = " ".join('"' + w.replace('"', "") + '"' for w in query.split() if w.replace('"', ""))
            return self.index.parse_query(words or '""', fields, conjunction_by_default=True)


_SYNTAX = re.compile(r'["+\-():^*]|\b(AND|OR|NOT)\b')


def plain_to_phrases(query: str) -> str:
    """A plain query as AND-ed phrases (comma-separated); tantivy syntax is left alone.

    >>> plain_to_phrases("hoi dam, Lavrov")
    '"hoi dam" "Lavrov"'
    >>> plain_to_phrases('"hoi dam" OR "hoa dam"')
    '"hoi dam" OR "hoa dam"'
    """
    if _SYNTAX.search(query):
        return query
    parts = [p.strip() for p in query.split(",")]
    return " ".join(f'"{p}"' for p in parts if p) or '""'


def _first(doc: tantivy.Document, name: str) -> str:
    vals = doc.get_all(name)
    return str(vals[0]) if vals else ""


def _hit(doc: tantivy.Document, score: float, snippet: tantivy.Snippet) -> Hit:
    fragment = snippet.fragment()
    raw = fragment.encode("utf-8")
    ranges = tuple((len(raw[: r.start].decode("utf-8", "ignore")), len(raw[: r.end].decode("utf-8", "ignore")))
                   for r in snippet.highlighted())
    if not fragment:
        fragment = _first(doc, "text")[:180]
    return Hit(kind=_first(doc, "kind"), id=_first(doc, "id"), doc_id=_first(doc, "doc_id"),
               article_id=_first(doc, "article_id"), title=_first(doc, "title"),
               date=_first(doc, "date") or None, score=float(score), fragment=fragment, highlights=ranges)


def entry(kind: str, rec: Mapping[str, Any], title: str, text: str, date: str | None,
          actors: Iterable[str], root: str = "") -> dict[str, Any]:
    """The fields of one index entry."""
    return {
        "kind": kind, "id": rec.get(f"{kind}_id") or "", "doc_id": rec.get("doc_id") or "",
        "article_id": rec.get("article_id") or "", "title": title, "text": text,
        "date": date or "", "date_key": date_key(date), "root": root,
        "actors": sorted({a for a in actors if a}) or [""],
    }
