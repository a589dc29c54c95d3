"""Name shapes: whether capitalised words can be a person's name.

Vietnamese capitalises the first word of a sentence, proper names of places and bodies
("Bộ Quốc phòng", "Hải quân"), and words after a title, so a capital letter alone does not
make a name. A span is *name-shaped* when

- it is not a place ("Thái Bình Dương", "Phố Wall", "Tân Cương") and holds no digit;
- it is not only acronyms ("NATO", "ISI");
- and either one of its syllables is not a common Vietnamese word ("Owen", "Zhongping",
  "Guk-hyeon": a common syllable is one found in many dictionary words, see
  ``data/vi_words.txt``), or it has two words or more written without any accent ("Nong Rong":
  Vietnamese words carry theirs), or it reads as a Vietnamese full name (a common family name
  and one to three more capitalised syllables: "Lê Thị Thu Hằng").

A single common syllable ("Hải", "Dân", "Đối") is a name only after an honorific and when it
does not form a word with the next syllable ("Hải quân", "Dân chủ", "Đối ngoại").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sukien.data_files import read_lines
from sukien.text.normalize import fold, normalize_text

__all__ = ["NameCues", "Phrases", "ends_with", "read_name", "starts_with"]

COMMON_MIN = 5  # a syllable found in at least this many dictionary words is a common word
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*\.?")
_INITIAL = re.compile(r"(?:[A-Z]\.)+|[A-Z]{1,2}")
_PARTICLES = frozenset({"bin", "ben", "al", "al-", "von", "der", "de", "van", "da", "di", "la", "le",
                        "du", "dos", "del", "ibn", "abu", "el"})
_SPLIT = re.compile(r"[-'’]")


class Phrases(tuple[str, ...]):
    """Lower-case phrases, longest first, indexed by their first and last words so that
    :func:`starts_with` and :func:`ends_with` look at a few candidates only."""

    _first: dict[str, tuple[str, ...]]
    _last: dict[str, tuple[str, ...]]

    def __new__(cls, items: object = ()) -> Phrases:
        phrases = sorted({str(i).lower() for i in items if str(i).strip()}, key=len, reverse=True)  # type: ignore[attr-defined]
        self = super().__new__(cls, phrases)
        first: dict[str, list[str]] = {}
        last: dict[str, list[str]] = {}
        for p in phrases:
            words = p.split()
            first.setdefault(words[0], []).append(p)
            last.setdefault(words[-1], []).append(p)
        self._first = {k: tuple(v) for k, v in first.items()}
        self._last = {k: tuple(v) for k, v in last.items()}
        return self


_EDGE_WORD = re.compile(r"\w+")


def starts_with(text: str, phrases: tuple[str, ...]) -> str | None:
    """The longest phrase of ``phrases`` that ``text`` starts with (whole words, any case)."""
    low = text.lower()
    if isinstance(phrases, Phrases):
        head = low.split(None, 1)[0] if low.strip() else ""
        m = _EDGE_WORD.match(low)
        cands = phrases._first.get(head, ()) + (phrases._first.get(m.group(0), ()) if m else ())
    else:
        cands = phrases
    best = None
    for p in cands:
        if low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum()) and (
                best is None or len(p) > len(best)):
            best = p
    return best


def ends_with(text: str, phrases: tuple[str, ...]) -> str | None:
    """The longest phrase of ``phrases`` that ``text`` ends with (whole words, any case)."""
    low = text.lower().rstrip()
    if isinstance(phrases, Phrases):
        tail = low.rsplit(None, 1)[-1] if low else ""
        cands = phrases._last.get(tail, ())
    else:
        cands = phrases
    best = None
    for p in cands:
        if low.endswith(p) and (len(low) == len(p) or not low[-len(p) - 1].isalnum()) and (
                best is None or len(p) > len(best)):
            best = p
    return best


@dataclass(frozen=True)
class NameCues:
    """Word lists that decide name shapes (see ``data/person_names.txt``)."""

    words: frozenset[str]  # Vietnamese words of one or two syllables, lower case
    syllable_use: dict[str, int]  # syllable -> number of dictionary words holding it
    geo: frozenset[str]  # folded place names
    geo_names: tuple[str, ...]  # the place names as written
    geo_heads: frozenset[str]  # capitalised words that open a place name
    org_heads: tuple[str, ...]  # lower case, longest first
    person_nouns: tuple[str, ...]  # lower case, longest first
    breakers: frozenset[str]  # lower-case words and word pairs that end a title's noun phrase
    not_names: frozenset[str]
    naming: tuple[str, ...]  # "có tên", "tên là" …, longest first
    org_words: frozenset[str]  # "futures", "airlines": a name holding one is an organisation's
    vn_surnames: frozenset[str]
    speech: tuple[str, ...]  # speech verbs ("cho biết", "nói"), longest first
    openers: frozenset[str]  # capitalised function words that open a sentence ("Theo", "Trong")

    @classmethod
    def load(cls, person_nouns: tuple[str, ...] = (), breakers: tuple[str, ...] = ()) -> NameCues:
        sections = _sections("person_names.txt")
        words = frozenset(normalize_text(w) for w in read_lines("vi_words.txt"))
        use: Counter[str] = Counter()
        for w in words:
            for s in set(w.split()):
                use[s] += 1
        by_len = Phrases
        speech = by_len(line.split(" +")[0].split(" -")[0] for line in read_lines("speech_verbs.txt"))
        return cls(
            words=words,
            syllable_use=dict(use),
            geo=frozenset(_geo_key(g) for g in sections.get("geo", ())),
            geo_names=sections.get("geo", ()),
            geo_heads=frozenset(sections.get("geo-heads", ())),
            org_heads=by_len(sections.get("org-heads", ())),
            person_nouns=by_len((*sections.get("person-nouns", ()), *person_nouns)),
            breakers=frozenset(b.lower() for b in (*sections.get("breakers", ()), *breakers, *speech)),
            not_names=frozenset(sections.get("not-names", ())),
            naming=by_len(sections.get("naming", ())),
            org_words=frozenset(w.lower() for w in sections.get("org-words", ())),
            vn_surnames=frozenset(normalize_text(s) for s in read_lines("vn_surnames.txt")),
            speech=speech,
            openers=frozenset(sections.get("openers", ())),
        )

    @classmethod
    def empty(cls) -> NameCues:
        """No word lists (a lexicon built by hand in a test)."""
        none: frozenset[str] = frozenset()
        return cls(frozenset(), {}, none, (), none, Phrases(), Phrases(), none, none, Phrases(), none, none,
                   Phrases(), none)

    # ------------------------------------------------------------------ words
    def common(self, syllable: str) -> bool:
        """Whether ``syllable`` is a common Vietnamese word ("hải", "dân"; not "owen")."""
        return self.syllable_use.get(syllable.lower(), 0) >= COMMON_MIN

    def compound(self, first: str, second: str) -> bool:
        """Whether two syllables form a Vietnamese word ("Hải quân", "Dân chủ")."""
        return f"{first.lower()} {second.lower()}" in self.words

    def is_place(self, name: str) -> bool:
        """A place name, or a name opened by a place word ("Biển Đen", "Phố Wall")."""
        tokens = name.split()
        if len(tokens) > 1 and tokens[0] in self.geo_heads:
            return True
        key = _geo_key(name)
        if key in self.geo:
            return True
        words = key.split()
        return any(" ".join(words[:n]) in self.geo for n in range(1, len(words)))

    def vietnamese_name(self, tokens: list[str]) -> bool:
        """"Nguyễn Văn An": a common family name and one to three more capitalised syllables."""
        return (2 <= len(tokens) <= 4 and tokens[0] in self.vn_surnames
                and all(t[:1].isupper() and t[1:].islower() and "-" not in t for t in tokens))

    def shaped(self, name: str) -> bool:
        """Whether ``name`` can be a person's name (see the module docstring).

        >>> cues = NameCues.load()
        >>> [cues.shaped(n) for n in ("Frank Owen", "Thái Bình Dương", "Phòng Thương", "Lê Thị Thu Hằng")]
        [True, False, False, True]
        """
        tokens = name.split()
        if not tokens or any(ch.isdigit() for ch in name) or self.is_place(name):
            return False
        if any(t.rstrip(".") in self.not_names or t.lower() in self.org_words for t in tokens):
            return False
        if len(tokens) == 1 and len(tokens[0]) < 2:
            return False
        words = [t.rstrip(".") for t in tokens if not _INITIAL.fullmatch(t.rstrip("."))
                 and t.lower() not in _PARTICLES]
        if not words or all(w.isupper() and len(w) > 1 for w in words):
            return False  # initials or acronyms only ("SVR", "NATO")
        if self.vietnamese_name(tokens):
            return True
        if len(words) > 1 and all(w.isascii() for w in words):
            return True  # "Nong Rong": Vietnamese words keep their accents, foreign names have none
        return any(not self.common(s) for w in words for s in _SPLIT.split(w) if s)

    def single_name(self, token: str, following: str | None) -> bool:
        """A one-word name after an honorific: name-shaped, or a Vietnamese given name that does
        not form a word with the next syllable ("ông Hải nói" but not "Đô đốc Hải quân")."""
        if self.shaped(token):
            return True
        if (token in self.not_names or self.is_place(token) or not token[:1].isupper() or len(token) < 2
                or any(ch.isdigit() for ch in token)):
            return False
        return not (following and self.compound(token, following))

    # ------------------------------------------------------------------ phrases
    def starts_with(self, text: str, phrases: tuple[str, ...]) -> str | None:
        return starts_with(text, phrases)

    def ends_with(self, text: str, phrases: tuple[str, ...]) -> str | None:
        return ends_with(text, phrases)

    def breaks(self, words: list[str]) -> bool:
        """Whether the lower-case words at a position end a title's noun phrase."""
        if not words:
            return False
        if words[0].lower() in self.breakers:
            return True
        return len(words) > 1 and f"{words[0]} {words[1]}".lower() in self.breakers


def read_name(text: str, pos: int, max_tokens: int = 5) -> tuple[int, int] | None:
    """The capitalised run of words at ``pos`` (initials, hyphens and particles kept), stopping
    before an acronym that follows a word ("Evercore ISI") and at a sentence end.

    >>> body = "bà Natalya Eismont tối 11/3. George H. W. Bush nói"
    >>> [body[a:b] for a, b in (read_name(body, 3), read_name(body, 29))]
    ['Natalya Eismont', 'George H. W. Bush']
    """
    tokens: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []
    i = pos
    while len(tokens) < max_tokens:
        m = _TOKEN.match(text, i)
        if not m:
            break
        word = m.group(0).rstrip("'’")  # "Donald'" → "Donald"
        bare = word.rstrip(".")
        if not tokens and bare.isupper() and len(bare) > 2:
            return m.start(), m.start() + len(bare)  # an acronym stands alone ("DHS Kristi Noem")
        if word[:1].isupper():
            if tokens and bare.isupper() and len(bare) > 1 and not _initials_before(text, tokens):
                break  # an acronym after a name word: an organisation ("Evercore ISI")
            tokens.extend(pending)
            pending = []
            tokens.append((m.start(), m.start() + len(word)))
        elif tokens and word.lower() in _PARTICLES:
            pending.append((m.start(), m.end()))
        else:
            break
        if word.endswith(".") and len(word) > 2:
            break  # a sentence end, not an initial
        i = m.start() + len(word)
        if i < len(text) and text[i] in " -" and i + 1 < len(text) and text[i + 1] not in " -":
            i += 1
        else:
            break
    if not tokens:
        return None
    start, end = tokens[0][0], tokens[-1][1]
    if text[end - 1] == "." and not re.search(r"(?<!\w)\w\.$", text[start:end]):
        end -= 1
    return start, end


def _initials_before(text: str, tokens: list[tuple[int, int]]) -> bool:
    """Whether every word read so far is an initial or acronym ("DK" in "DK Baluja")."""
    return all(_INITIAL.fullmatch(text[a:b].rstrip(".")) for a, b in tokens)


def _geo_key(name: str) -> str:
    folded = fold(normalize_text(name))
    return " ".join(re.sub(r"\s*-\s*", " - ", folded).split())


def _sections(name: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {"": []}
    current = ""
    for line in read_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
        else:
            out[current].append(normalize_text(line))
    return {k: tuple(v) for k, v in out.items()}
