"""CAMEO codebook table (Goldstein, QuadClass, PLOVER), the Vietnamese event patterns with their
argument slots, and the grammar word lists of ``event_cues.tsv``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from sukien.data_files import read_tsv, split_list
from sukien.text.normalize import fold, normalize_text
from sukien.text.sentences import read_word_list


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str


@dataclass(frozen=True)
class Slot:
    """Where an argument of a pattern is found.

    ``after``: the slot follows the trigger (a direct object, or the actor after a marker);
    otherwise it is the subject of the trigger's clause. ``markers``: words that introduce the
    slot ("với", "cho"); ``direct``: a phrase with no marker fills it too (written "(|cho)" in
    a template, or no marker at all). ``heads``: words its noun phrase must hold.
    """

    role: str  # src | tgt
    after: bool
    markers: tuple[str, ...] = ()
    required: bool = True
    heads: tuple[str, ...] = ()
    direct: bool = True  # a direct object (no marker) fills it too
    strict: bool = False  # "$TGT!": only what the sentence writes there (no target from the context)


@dataclass(frozen=True)
class Pattern:
    code: str
    template: str  # as written in the data file
    trigger: str  # the trigger words, "…" for gaps
    parts: tuple[str, ...]  # folded word sequences separated by "…" gaps
    raw_parts: tuple[str, ...]  # the same parts as written (accents kept)
    src: Slot
    tgt: Slot | None
    sym: bool = False
    noun: bool = False


# cue kinds that tag a word, in priority order when one phrase is in several lists
TAG_KINDS = ("attribution", "owner_prep", "list_lead", "object_prep", "place_prep", "claim", "predicate",
             "light_verb", "classifier", "coordinator")
WORD = re.compile(r"\w+(?:-\w+)*|[,;:\-–—]")  # "P-8A" is one word


@dataclass(frozen=True)
class CueIndex:
    """Grammar words by their word sequence, for the lexer (longest phrase first)."""

    phrases: dict[tuple[str, ...], str]  # word tuple -> tag
    longest: int
    starts: frozenset[str] = frozenset()  # first words of the phrases of two words or more


def _cue_index(cues: dict[str, tuple[str, ...]], speech: tuple[str, ...]) -> CueIndex:
    phrases: dict[tuple[str, ...], str] = {}
    for kind in reversed(TAG_KINDS):  # earlier kinds overwrite later ones
        for p in cues.get(kind, ()):
            phrases[tuple(WORD.findall(p))] = kind
    for p in (*speech, *cues.get("statement_verb", ())):
        phrases.setdefault(tuple(WORD.findall(p)), "speech")
    for p in cues.get("not_negation", ()):  # "không người lái": a plain word, not a negator
        phrases[tuple(WORD.findall(p))] = "word"
    starts = frozenset(k[0] for k in phrases if len(k) > 1)
    return CueIndex(phrases, max((len(k) for k in phrases), default=1), starts)


_TOKEN = re.compile(r"\$(?:SRC|TGT)[?!]?(?:\[[^\]]*\])?|\([^)]*\)|\S+")


def parse_template(code: str, template: str, sym: bool = False, noun: bool = False) -> Pattern:
    """A pattern from its template ("$SRC hội đàm (với|cùng) $TGT").

    >>> p = parse_template("161", "$SRC trục xuất $TGT[nhà ngoại giao|đại sứ]")
    >>> p.trigger, p.src.after, p.tgt.after, p.tgt.markers, p.tgt.heads
    ('trục xuất', False, True, (), ('nhà ngoại giao', 'đại sứ'))
    >>> p = parse_template("070", "$TGT nhận (từ) $SRC")
    >>> p.trigger, p.src.after, p.src.markers, p.src.direct, p.tgt.after
    ('nhận', True, ('từ',), False, False)
    >>> parse_template("130", "$SRC cảnh báo (|về) $TGT").tgt.direct
    True
    """
    words: list[str] = []
    slots: dict[str, Slot] = {}
    markers: tuple[str, ...] = ()
    direct = True
    for tok in _TOKEN.findall(normalize_text(template).strip()):
        if tok.startswith("("):
            markers = tuple(split_list(tok[1:-1].lower()))
            direct = tok[1:-1].split("|")[0].strip() == ""
        elif tok.startswith("$"):
            role = "src" if tok.startswith("$SRC") else "tgt"
            heads = tuple(split_list(tok[tok.index("[") + 1:-1].lower())) if "[" in tok else ()
            slots[role] = Slot(role, bool(words), markers, "?" not in tok, heads, direct or not markers, "!" in tok)
            markers, direct = (), True
        else:
            words.append(tok.lower())
    if "src" not in slots or not words:
        raise ValueError(f"template {template!r} of {code} needs trigger words and a $SRC slot")
    trigger = " ".join(words)
    raw = tuple(p.strip() for p in trigger.split("…") if p.strip())
    return Pattern(code, template, trigger, tuple(fold(p) for p in raw), raw, slots["src"],
                   slots.get("tgt"), sym, noun)


@dataclass
class EventTables:
    codes: dict[str, CameoCode] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    intent: dict[str, str] = field(default_factory=dict)  # root -> code for intended acts
    speech: tuple[str, ...] = ()  # speech and attitude verbs (speech_verbs.txt)
    automaton: ahocorasick.Automaton | None = None
    blocked: ahocorasick.Automaton | None = None  # the ``blocked`` cues, matched on lower-case text
    tags: CueIndex = field(default_factory=lambda: CueIndex({}, 1))
    compounds: frozenset[str] = frozenset()  # two-syllable Vietnamese words (underthesea's Viet74K)
    places: dict[tuple[str, ...], str] = field(default_factory=dict)  # place words -> state (places.tsv)
    version: str = "events.cameo.v2"

    @classmethod
    def load(cls) -> EventTables:
        t = cls()
        for row in read_tsv("cameo.tsv"):
            t.codes[row["code"]] = CameoCode(row["code"], row["name"], float(row["goldstein"]),
                                             int(row["quad_class"]), row["plover"])
        for row in read_tsv("event_patterns.tsv"):
            if row["code"] not in t.codes:
                raise ValueError(f"event_patterns.tsv: code {row['code']} is not in cameo.tsv")
            t.patterns.append(parse_template(row["code"], row["template"], row.get("sym") == "sym",
                                             row.get("pos") == "n"))
        cues: dict[str, list[str]] = {}
        for row in read_tsv("event_cues.tsv"):
            cues.setdefault(row["kind"], []).append(normalize_text(row["phrase"]).lower())
        t.cues = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in cues.items()}
        t.intent = {r["root"]: r["intent_code"] for r in read_tsv("intent_codes.tsv")}
        t.speech = tuple(sorted({_speech_word(line) for line in read_word_list("speech_verbs.txt")},
                                key=len, reverse=True))
        t.automaton = _automaton(t.patterns)
        t.blocked = _phrase_automaton(t.cue("blocked"))
        t.tags = _cue_index(t.cues, t.speech)
        t.compounds = two_syllable_words()
        t.places = {tuple(normalize_text(r["place"]).lower().split()): r["state"] for r in read_tsv("places.tsv")}
        return t

    def code(self, code: str) -> CameoCode:
        """The table row of ``code``, falling back to its 3-digit parent and root."""
        for c in (code, code[:3], code[:2]):
            if c in self.codes:
                return self.codes[c]
        raise KeyError(code)

    def cue(self, kind: str) -> tuple[str, ...]:
        return self.cues.get(kind, ())


def two_syllable_words() -> frozenset[str]:
    """Two-syllable words of the Vietnamese word list shipped with underthesea (Viet74K, Apache-2.0),
    lower case, NFC, one tone placement: a one-syllable trigger inside one of them is no trigger
    ("tiếp" in "trực tiếp", "bắt" in "bắt đầu")."""
    from importlib.util import find_spec

    spec = find_spec("underthesea")  # the file only: importing the package costs half a second a worker
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "corpus" / "data" / "Viet74K.txt"
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    words = (line.strip() for line in normalize_text(raw).lower().splitlines())  # one pass, not 74K calls
    return frozenset(w for w in words if w.count(" ") == 1)


def _speech_word(line: str) -> str:
    return normalize_text(line.split(" +")[0].split(" -")[0]).strip().lower()


def _phrase_automaton(phrases: tuple[str, ...]) -> ahocorasick.Automaton | None:
    """Every phrase, each its own value: all (overlapping) occurrences in one pass over a text."""
    if not phrases:
        return None
    auto = ahocorasick.Automaton()
    for p in phrases:
        auto.add_word(p, p)
    auto.make_automaton()
    return auto


def _automaton(patterns: list[Pattern]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    grouped: dict[str, list[Pattern]] = {}
    for p in patterns:
        grouped.setdefault(p.parts[0], []).append(p)
    for key, pats in grouped.items():
        auto.add_word(key, (key, tuple(pats)))
    auto.make_automaton()
    return auto
