"""The actor lexicon: states, organisations, persons (with dated roles), role titles and
sector cues, loaded from the package's TSV files and compiled for fast matching.

Matching runs over the accent-folded text (same length as the original, so offsets hold)
with an Aho–Corasick automaton; each hit is then checked against the original spelling
(see :func:`surface_ok`), so "Liên hợp quốc", "Liên Hợp Quốc" and "Lien hop quoc" all
match while "ngà" does not match "Nga".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ahocorasick

from sukien.actors.names import NameCues
from sukien.data_files import read_lines, read_tsv, split_list
from sukien.records import Actor, Role
from sukien.text.normalize import fold, normalize_text, unify_tone_placement

PERSON_FILES = ("persons_a.tsv", "persons_b.tsv")


@dataclass(frozen=True)
class Entry:
    """One surface form of an actor."""

    surface: str  # as written in the lexicon (NFC, tone placement unified)
    actor_id: str
    kind: str  # state | org | sector | person | capital | surname
    strict_case: bool  # acronyms and ambiguous words: case must match exactly


@dataclass(frozen=True)
class RoleTitle:
    surface: str
    role: str
    sector: str


@dataclass
class ActorLexicon:
    actors: dict[str, Actor] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    roles: list[RoleTitle] = field(default_factory=list)
    sectors: dict[str, str] = field(default_factory=dict)  # folded cue -> sector
    surnames: dict[str, list[str]] = field(default_factory=dict)  # folded surname -> person ids
    former: set[str] = field(default_factory=set)  # historical states (Liên Xô): not actors of news
    context_sectors: dict[str, str] = field(default_factory=dict)  # "phe đối lập" -> OPP
    role_sectors: dict[str, str] = field(default_factory=dict)  # role key -> sector of its holder
    first_names: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # first token -> (id, name)
    person_titles: dict[str, bool] = field(default_factory=dict)  # "Tiến sĩ" -> one-word names usual?
    vn_surnames: frozenset[str] = frozenset()
    names: NameCues = field(default_factory=NameCues.empty)  # word lists that decide name shapes
    short_names: dict[str, list[str]] = field(default_factory=dict)  # person id -> folded surnames
    place_nouns: tuple[str, ...] = ()
    title_automaton: ahocorasick.Automaton | None = None
    automaton: ahocorasick.Automaton | None = None
    role_automaton: ahocorasick.Automaton | None = None
    sector_automaton: ahocorasick.Automaton | None = None
    version: str = "actors.lexicon.v1"
    _person_index: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False, compare=False)
    _person_index_size: int = field(default=-1, repr=False, compare=False)

    @classmethod
    def load(cls) -> ActorLexicon:
        lex = cls()
        lex._load_states()
        lex._load_orgs()
        lex._load_persons()
        lex._load_roles_and_sectors()
        lex._load_regions()
        lex._load_name_cues()
        lex._load_blocking_names()
        lex.compile()
        return lex

    # ------------------------------------------------------------------ loading
    def _add(self, surface: str, actor_id: str, kind: str) -> None:
        surface = normalize_text(surface).strip()
        if not surface:
            return
        strict = surface.isupper() or (len(surface) <= 4 and " " not in surface and kind != "person")
        self.entries.append(Entry(surface, actor_id, kind, strict))

    def _load_states(self) -> None:
        for row in read_tsv("states.tsv"):
            sid = row["id"]
            if row.get("kind") == "former":
                self.former.add(sid)
            aliases = split_list(row.get("aliases", ""))
            self.actors[sid] = Actor(sid, row["name"], "state", sid, tuple(aliases))
            for name in [row["name"], *aliases]:
                self._add(name, sid, "state")
            for cap in split_list(row.get("capitals", "")):
                self._add(cap, sid, "capital")
            for seat, sector in ((row.get("gov_seats", ""), "GOV"), (row.get("mil_seats", ""), "MIL")):
                for s in split_list(seat):
                    sec_id = f"{sid}.{sector}"
                    self._sector_actor(sid, sector)
                    self._add(s, sec_id, "sector")

    def _sector_actor(self, state: str, sector: str) -> str:
        sec_id = f"{state}.{sector}"
        if sec_id not in self.actors and state in self.actors:
            base = self.actors[state]
            self.actors[sec_id] = Actor(sec_id, f"{base.name} ({sector})", "sector", state)
        return sec_id

    def _load_orgs(self) -> None:
        try:
            rows = list(read_tsv("orgs.tsv"))
        except FileNotFoundError:
            return
        for row in rows:
            oid, kind = row["id"], row.get("kind", "igo")
            aliases = split_list(row.get("aliases", ""))
            affiliation = (row.get("affiliation") or oid).split(".")[0]
            if kind in ("news_agency", "media"):  # credits (wire_sources), not actors of events,
                for name in [row["name"], *aliases]:  # but their names hide place names
                    self._add(name, oid, "media")  # ("Washington Post", "Taiwan News")
                continue
            self.actors[oid] = Actor(oid, row["name"], "org", affiliation, tuple(aliases))
            for name in [row["name"], oid, *aliases]:
                self._add(name, oid, "org")

    def _load_persons(self) -> None:
        for fname in PERSON_FILES:
            try:
                rows = list(read_tsv(fname))
            except FileNotFoundError:
                continue
            for row in rows:
                self._add_person(row)

    def _add_person(self, row: dict[str, str]) -> None:
        pid = row["id"]
        aliases = split_list(row.get("aliases", ""))
        roles = tuple(_parse_role(r) for r in split_list(row.get("roles", ""), ";"))
        affiliation = (row.get("affiliation") or (roles[-1].of if roles and roles[-1] else pid)).split(".")[0]
        known = tuple(r for r in roles if r is not None)
        old = self.actors.get(pid)
        if old is not None:  # listed in two files: one person, roles and spellings merged
            aliases = [*old.aliases, *(a for a in aliases if a not in old.aliases)]
            known = old.roles + tuple(r for r in known if r not in old.roles)
            affiliation = old.affiliation
        self.actors[pid] = Actor(pid, row["name"], "person", affiliation, tuple(aliases), known)
        for name in [row["name"], *aliases]:
            self._add(name, pid, "person")
            folded = fold(normalize_text(name))
            if " " in folded:
                self.first_names.setdefault(folded.split()[0], []).append((pid, folded))
        for short in split_list(row.get("short", "")):
            key = fold(normalize_text(short))
            if pid not in self.surnames.setdefault(key, []):
                self.surnames[key].append(pid)
                self.short_names.setdefault(pid, []).append(key)

    def _load_roles_and_sectors(self) -> None:
        try:
            for row in read_tsv("roles.tsv"):
                self.role_sectors[row["role"]] = row.get("sector") or "GOV"
                for v in split_list(row.get("variants", "")):
                    self.roles.append(RoleTitle(normalize_text(v), row["role"], row.get("sector") or "GOV"))
        except FileNotFoundError:
            pass
        try:
            for row in read_tsv("sectors.tsv"):
                self.sectors[fold(normalize_text(row["cue"]))] = row["sector"]
        except FileNotFoundError:
            pass

    def _load_regions(self) -> None:
        for row in read_tsv("regions.tsv"):
            if row["kind"] == "region" and row["actor"] in self.actors:
                self._add(row["phrase"], row["actor"], "region")
            elif row["kind"] == "context_sector":
                self.context_sectors[normalize_text(row["phrase"]).lower()] = row["actor"]

    def _load_name_cues(self) -> None:
        for row in read_tsv("person_titles.tsv"):
            self.person_titles[normalize_text(row["title"])] = row.get("single") == "1"
        self.vn_surnames = frozenset(normalize_text(s) for s in read_lines("vn_surnames.txt"))
        self.place_nouns = tuple(sorted((normalize_text(s).lower() for s in read_lines("place_nouns.txt")),
                                        key=len, reverse=True))
        nouns = [r.surface.lower() for r in self.roles] + [t.lower() for t in self.person_titles]
        self.names = NameCues.load(person_nouns=tuple(nouns))

    def _load_blocking_names(self) -> None:
        """Place names that hold a state's name ("Ấn Độ Dương", "Biển Nhật Bản"): matched so
        that the shorter state name inside them is not; they name no actor."""
        known = {fold(e.surface) for e in self.entries}
        for name in self.names.geo_names:
            if fold(name) not in known and " " in name:
                self._add(name, "", "place")

    # ------------------------------------------------------------------ compile
    def compile(self) -> None:
        self.automaton = _automaton((fold(e.surface), e) for e in self.entries)
        self.role_automaton = _automaton((fold(r.surface), r) for r in self.roles)
        self.sector_automaton = _automaton((cue, cue) for cue in self.sectors)
        self.title_automaton = _automaton((fold(t), t) for t in self.person_titles)

    def automaton_hit(self, word: str) -> bool:
        """Whether ``word`` is itself a name in the lexicon ("Anh", "Nga")."""
        return self.automaton is not None and fold(word) in self.automaton

    def add_actor(self, actor: Actor) -> None:
        self.actors.setdefault(actor.id, actor)

    def person_names_by_first(self) -> dict[str, list[tuple[str, str]]]:
        """(person id, folded name or alias) grouped by folded first word, in lexicon order.

        Built on first use and rebuilt when actors were added (actors are never replaced).
        """
        if self._person_index_size != len(self.actors):
            index: dict[str, list[tuple[str, str]]] = {}
            for pid, actor in self.actors.items():
                if actor.kind != "person":
                    continue
                for name in (actor.name, *actor.aliases):
                    folded = fold(name)
                    words = folded.split()
                    if words:
                        index.setdefault(words[0], []).append((pid, folded))
            self._person_index, self._person_index_size = index, len(self.actors)
        return self._person_index


def _automaton(items: object) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    grouped: dict[str, list[object]] = {}
    for key, value in items:  # type: ignore[attr-defined]
        if key:
            grouped.setdefault(key, []).append(value)
    for key, values in grouped.items():
        auto.add_word(key, (key, tuple(values)))
    if len(auto):
        auto.make_automaton()
    return auto


def _parse_role(text: str) -> Role | None:
    parts = text.split("@")
    if len(parts) != 4 or not parts[0]:
        return None
    return Role(parts[0], parts[1], parts[2] or None, parts[3] or None)


def surface_ok(span: str, surface: str, strict_case: bool) -> bool:
    """Whether a text span (same folded form as ``surface``) really spells it.

    Accents must match unless the span is written without any; an upper-case initial in
    the lexicon needs one in the text; acronyms and short ambiguous names match exactly.

    >>> surface_ok("Liên Hợp Quốc", "Liên hợp quốc", False), surface_ok("Lien hop quoc", "Liên hợp quốc", False)
    (True, True)
    >>> surface_ok("ngà", "Nga", True), surface_ok("nga", "Nga", True)
    (False, False)
    """
    if span != surface and unify_tone_placement(span) == surface:
        span = surface  # "Thuỵ Điển" written with the other tone placement
    if strict_case:
        return span == surface or (span.isascii() and not surface.isascii() and span == fold(surface).title()
                                   and span[:1].isupper())
    if surface[:1].isupper() and not span[:1].isupper():
        return False
    if span.lower() == surface.lower():
        return True
    return span.isascii() and fold(span) == fold(surface)


def role_on(actor: Actor, role: str, of: str, date: str | None) -> bool:
    """Whether ``actor`` held ``role`` of ``of`` on ``date`` (any time when ``date`` is None)."""
    for r in actor.roles:
        if r.role != role or r.of != of:
            continue
        if date is None:
            return True
        lo, hi = _pad(date, low=True), _pad(date, low=False)
        if (r.start is None or _pad(r.start, low=True) <= hi) and (r.end is None or lo <= _pad(r.end, low=False)):
            return True
    return False


def _pad(value: str, low: bool) -> str:
    """Partial ISO date → comparable full date (its first or last day)."""
    if value.startswith("--"):
        return value
    parts = value.split("-")
    if len(parts) == 1:
        return value + ("-01-01" if low else "-12-31")
    if len(parts) == 2:
        return value + ("-01" if low else "-31")
    return value
