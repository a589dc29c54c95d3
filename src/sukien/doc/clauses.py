"""Clauses of a sentence: cut at the clause markers of ``data/clause_markers.tsv`` (``nếu``,
``sau khi``, ``rằng``, ``mà``, ``nhưng`` …), at ``;`` and ``:``, at the edges of a quotation,
at a full stop inside a quoted passage, and at the comma that closes a fronted subordinate clause ("Sau khi hội đàm kết thúc, hai bên …").

>>> from sukien.text.sentences import split_sentences
>>> body = "Nếu đàm phán thất bại, hai bên sẽ áp thuế mới."
>>> [(c.kind, body[c.start:c.end]) for c in split_clauses(body, body.lower(), split_sentences(body), ())]
[('condition', 'Nếu đàm phán thất bại,'), ('main', 'hai bên sẽ áp thuế mới.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sukien.data_files import read_tsv
from sukien.doc.model import Clause
from sukien.text.normalize import normalize_text
from sukien.text.sentences import Span

SUBORDINATE = frozenset({"condition", "time", "cause", "concession", "purpose"})


@dataclass(frozen=True)
class Markers:
    pattern: re.Pattern[str]  # every marker and blocked phrase, longest first
    kinds: dict[str, str]  # lower-case phrase -> kind ("blocked" for look-alikes)


@lru_cache(maxsize=1)
def markers() -> Markers:
    kinds: dict[str, str] = {}
    for row in read_tsv("clause_markers.tsv"):
        kinds[normalize_text(row["phrase"]).lower()] = row["kind"]
    alts = "|".join(re.escape(p) for p in sorted(kinds, key=len, reverse=True))
    return Markers(re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), kinds)


@dataclass(frozen=True)
class _Cut:
    pos: int
    kind: str
    marker: str | None


@dataclass(frozen=True)
class Spans:
    """What the clause splitter knows besides the words: actor mentions and date expressions."""

    actors: tuple[tuple[int, int], ...] = ()
    dates: tuple[tuple[int, int], ...] = ()

    def actor_starting(self, pos: int) -> tuple[int, int] | None:
        return next((a for a in self.actors if a[0] == pos), None)

    def actor_ending(self, pos: int) -> bool:
        return any(b == pos for _, b in self.actors)


def split_clauses(body: str, lower: str, sentences: tuple[Span, ...] | list[Span],
                  quotes: tuple[tuple[int, int], ...], spans: Spans | None = None) -> tuple[Clause, ...]:
    """Clauses of every sentence, in text order; ``quotes`` are (start, end) of quoted words."""
    table = markers()
    spans = spans or Spans()
    out: list[Clause] = []
    for index, sent in enumerate(sentences):
        cuts = sorted(_cuts(lower, sent, quotes, table) + _inner_stops(body, sent), key=lambda c: c.pos)
        out += _clauses(body, sent, index, cuts, spans)
    return tuple(out)


def _cuts(lower: str, sent: Span, quotes: tuple[tuple[int, int], ...], table: Markers) -> list[_Cut]:
    cuts: list[_Cut] = []
    for m in table.pattern.finditer(lower, sent.start, sent.end):
        kind = table.kinds[m.group(0)]
        if kind not in ("blocked", "joiner"):
            cuts.append(_Cut(m.start(), kind, m.group(0)))
    for m in re.finditer(r"[;:](?!\d)", lower[sent.start:sent.end]):
        pos = sent.start + m.start()
        cuts.append(_Cut(pos + 1, "coord" if m.group(0) == ";" else "complement", m.group(0)))
    for qs, qe in quotes:
        if not _standalone(lower, qs, qe, sent):
            continue  # a quoted term inside a clause ("điều 'máy bay không người lái' tới …")
        if sent.start < qs < sent.end:
            cuts.append(_Cut(qs, "quote", None))
        if sent.start < qe < sent.end:
            cuts.append(_Cut(qe + 1 if qe + 1 < sent.end else qe, "main", None))
    cuts.sort(key=lambda c: c.pos)
    return cuts


_INNER_STOP = re.compile(r"(?<=[a-zà-ỹđ0-9)])[.!?…]+\s+(?=[A-ZÀ-ỸĐ])")


def _inner_stops(body: str, sent: Span) -> list[_Cut]:
    """A full stop inside a sentence (only a quotation holds one: the splitter keeps a quoted
    passage whole) still ends a clause: "để …. Điều này …" are two clauses, not one purpose."""
    return [_Cut(m.end(), "main", None) for m in _INNER_STOP.finditer(body, sent.start, sent.end)]


def _standalone(lower: str, qs: int, qe: int, sent: Span) -> bool:
    """A quotation that is a clause of its own: it opens the sentence or follows a colon or a
    comma, or it closes before a comma, a dash or the sentence end (an attribution follows)."""
    before = lower[sent.start:max(sent.start, qs - 1)].rstrip()
    after = lower[qe + 1:sent.end].lstrip()
    return not before or before.endswith((":", ",")) or not after or after.startswith((",", "-", "–", "."))


def _clauses(body: str, sent: Span, index: int, cuts: list[_Cut], spans: Spans) -> list[Clause]:
    out: list[Clause] = []
    start, kind, marker = sent.start, "main", None
    for cut in [*cuts, _Cut(sent.end, "end", None)]:
        if cut.pos <= start:  # a marker opening the sentence (or the piece) names its kind
            if cut.kind != "end":
                kind, marker = cut.kind, cut.marker
            continue
        fronted = start == sent.start or body[sent.start:start].rstrip().endswith(",")
        out += _piece(body, start, cut.pos, index, kind, marker, fronted, spans)
        start, kind, marker = cut.pos, cut.kind, cut.marker
    return [c for c in out if body[c.start:c.end].strip()]


def _piece(body: str, start: int, end: int, index: int, kind: str, marker: str | None,
           fronted: bool, spans: Spans) -> list[Clause]:
    """One clause, or a subordinate clause and the clause after the comma that closes it."""
    start = _skip_space(body, start, end)
    if kind in SUBORDINATE:
        comma = _closing_comma(body, start, end, fronted, spans)
        if comma is not None:
            return [Clause(start, comma + 1, index, kind, marker, fronted=fronted),
                    Clause(_skip_space(body, comma + 1, end), end, index, "main", None)]
    return [Clause(start, end, index, kind, marker, fronted=fronted and kind != "main")]


def _closing_comma(body: str, start: int, end: int, fronted: bool, spans: Spans) -> int | None:
    """The comma that ends a subordinate clause: one followed by an actor that is not the next
    item of a list ("…, Séc sẽ cắt giảm"); for a clause that opens the sentence, also the first
    comma after more than a time phrase ("Sau khi hội đàm kết thúc, …")."""
    seg = start
    for m in re.finditer(",", body[start:end]):
        comma = start + m.start()
        nxt = _skip_space(body, comma + 1, end)
        actor = spans.actor_starting(nxt)
        if actor is not None and spans.actor_ending(comma) and _list_goes_on(body, actor[1], end):
            continue  # "Pháp, Đức và Ý": a list comma
        if actor is not None:
            return comma
        if fronted and not _adverbial(body, seg, comma, spans):
            return comma
        seg = comma + 1
    return None


def _list_goes_on(body: str, pos: int, end: int) -> bool:
    """After a list item: another comma or a joiner ("và", "hoặc") continues the list."""
    rest = body[pos:end].lstrip()
    if rest.startswith(","):
        return True
    joiners = [p for p, k in markers().kinds.items() if k == "joiner"]
    return any(rest.lower().startswith(j + " ") for j in joiners)


def _adverbial(body: str, start: int, end: int, spans: Spans) -> bool:
    """A stretch that is only a time phrase ("trước 12h ngày 22/4"): a date and two more words."""
    words = [m for m in re.finditer(r"\w+", body[start:end])]
    inside = sum(1 for w in words if any(a <= start + w.start() < b for a, b in spans.dates))
    return inside > 0 and len(words) - inside <= 3


def _skip_space(body: str, pos: int, end: int) -> int:
    while pos < end and body[pos].isspace():
        pos += 1
    return pos
