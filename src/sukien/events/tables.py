"""CAMEO codebook table (Goldstein, QuadClass, PLOVER) and the Vietnamese trigger patterns."""

from __future__ import annotations

from dataclasses import dataclass, field

import ahocorasick

from sukien.data_files import read_tsv, split_list
from sukien.text.normalize import fold, normalize_text


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str


@dataclass(frozen=True)
class Pattern:
    code: str
    trigger: str  # as written in the data file
    parts: tuple[str, ...]  # folded word sequences separated by "…" gaps
    raw_parts: tuple[str, ...]  # the same parts as written (accents kept)
    frame: str  # svo | sv | sym | pass | noun
    preps: tuple[str, ...]


@dataclass
class EventTables:
    codes: dict[str, CameoCode] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    intent: dict[str, str] = field(default_factory=dict)  # root -> code for intended acts
    automaton: ahocorasick.Automaton | None = None
    version: str = "events.cameo.v1"

    @classmethod
    def load(cls) -> EventTables:
        t = cls()
        for row in read_tsv("cameo.tsv"):
            t.codes[row["code"]] = CameoCode(row["code"], row["name"], float(row["goldstein"]),
                                             int(row["quad_class"]), row["plover"])
        for row in read_tsv("event_patterns.tsv"):
            trig = normalize_text(row["trigger"]).strip().lower()
            if not trig or row["code"] not in t.codes:
                continue
            raw = tuple(p.strip() for p in trig.split("…") if p.strip())
            preps = tuple(p for p in split_list(row.get("preps", "")) if p != "-")
            t.patterns.append(Pattern(row["code"], trig, tuple(fold(p) for p in raw), raw,
                                      row.get("frame") or "svo", preps))
        cues: dict[str, list[str]] = {}
        for row in read_tsv("event_cues.tsv"):
            cues.setdefault(row["kind"], []).append(normalize_text(row["phrase"]).lower())
        t.cues = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in cues.items()}
        t.intent = {r["root"]: r["intent_code"] for r in read_tsv("intent_codes.tsv")}
        t.automaton = ahocorasick.Automaton()
        grouped: dict[str, list[Pattern]] = {}
        for p in t.patterns:
            grouped.setdefault(p.parts[0], []).append(p)
        for key, pats in grouped.items():
            t.automaton.add_word(key, (key, tuple(pats)))
        t.automaton.make_automaton()
        return t

    def code(self, code: str) -> CameoCode:
        """The table row of ``code``, falling back to its 3-digit parent and root."""
        for c in (code, code[:3], code[:2]):
            if c in self.codes:
                return self.codes[c]
        raise KeyError(code)
