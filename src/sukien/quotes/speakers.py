"""Speaker phrases: the subject of a speech verb in Vietnamese news sentences.

A speech verb (``data/speech_verbs.txt``, and for quotations ``data/quote_verbs.txt``) has its subject in the clause before it. The clause is
cut into chunks at separators (``,`` ``;`` ``:`` dashes); the subject is the last chunk, joined
with the chunk before it when they stand in apposition: a title then a name ("Thứ trưởng Ngoại
giao Belarus, ông Yury Ambrazevich"), or a name then a description of the person ("Frank Owen,
chuyên gia tại Viện tàu ngầm Australia," — the speaker is the name). Lead-ins and connectives
(``data/discourse_leadins.txt``), date and time phrases and trailing adverbs are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sukien.actors.names import NameCues, Phrases, ends_with, starts_with
from sukien.data_files import read_tsv
from sukien.text.sentences import QuoteRegion, read_word_list

__all__ = ["Cue", "Speaker", "attribute", "clean_np", "cues", "is_pronoun", "lexicon", "mask", "pieces"]


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    word: str


@dataclass(frozen=True)
class Speaker:
    start: int
    end: int
    cue: str | None
    cue_end: int


@dataclass(frozen=True)
class Lexicon:
    cue_re: re.Pattern[str]
    cue_flags: dict[str, str]
    leadins: tuple[str, ...]
    adverbs: tuple[str, ...]
    media: tuple[str, ...]
    not_source: tuple[str, ...]
    heads: tuple[str, ...]
    labels: tuple[str, ...]  # nouns before a quoted label ("chiến dịch", "cụm từ")
    predicates: tuple[str, ...]  # words that open a predicate ("không", "sẽ", "là")
    subordinators: tuple[str, ...]  # words that open a new clause ("khi", "vì")
    names: NameCues  # Vietnamese words (compounds such as "tình báo")
    person_nouns: tuple[str, ...]  # nouns that describe a person ("chuyên gia", "giám đốc")


_TIME_CORE = (
    r"(?:(?:vào|hồi|trong|từ)\s+)?"
    r"(?:(?:ngày|hôm|sáng|trưa|chiều|tối|đêm|khuya|rạng sáng|tuần|tháng|năm|đầu|cuối|giữa)"
    r"\s+(?:\d[\d/.\-]*|(?:nay|qua|này|trước|sau|tới|mai|kia|thứ|hôm|ngày|tuần|tháng|năm"
    r"|cùng|đó)(?!\w))|hôm\s+(?:nay|qua|kia)|mới đây|gần đây|vừa qua|vừa rồi|cùng ngày"
    r"|lúc\s+\d)"
)
_TIME_INSIDE = re.compile(r"\s" + _TIME_CORE + r"(?!\w)", re.IGNORECASE)
TIME_LEADING = re.compile(r"\s*" + _TIME_CORE + r"[^,\s]*(?:\s*,)?", re.IGNORECASE)
_PREP_INSIDE = re.compile(
    r"\s(?:trong|khi|trên|vào|qua|thông qua|sau khi|trước khi|lúc|"
    r"tại\s+(?:cuộc|buổi|hội|phiên|lễ|một))\s"
)
SEPARATOR = re.compile(r"[,;:]|\s[-–—]\s")
_PRONOUNS = frozenset({"ông", "bà", "anh", "chị", "cô", "họ", "tôi", "ngài", "ông ấy", "bà ấy", "ông ta",
                       "bà ta", "anh ấy", "chị ấy", "cô ấy", "chúng tôi", "chúng ta", "ngài ấy"})
DEMONSTRATIVES = frozenset({"này", "ấy", "đó", "nọ", "trên"})
_BLOCK_BEFORE = frozenset({"được", "bị", "bài", "lời", "cuộc", "sự", "việc", "những", "các", "một", "bản",
                           "là", "của", "ra", "khi", "để", "nhằm", "mà", "đưa", "trong", "qua", "với", "theo",
                           "trên"})
_BLOCK_AFTER = frozenset({"của", "chung", "này", "đó"})
DAN_LOI = frozenset({"dẫn lời", "trích lời", "dẫn nguồn", "dẫn phát biểu", "dẫn bài phát biểu", "dẫn tuyên bố",
                     "dẫn thông báo", "trích dẫn"})
_MAX_SPEAKER_WORDS = 15
_WINDOW = 40  # characters looked at around a cue verb
_MAX_CUES = 8  # cue verbs tried per clause
_FLAGGED = re.compile(r"^(.+?)(?:\s+[+-](\S+))?$")


def _sections(name: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {"": []}
    current = ""
    for line in read_word_list(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
        else:
            out[current].append(line)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    flags: dict[str, str] = {}
    for line in (*read_word_list("speech_verbs.txt"), *read_word_list("quote_verbs.txt")):
        m = _FLAGGED.match(line)
        if m:
            flags[m.group(1)] = m.group(2) or ""
    cue_words = sorted(flags, key=len, reverse=True)
    cue_re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, cue_words)) + r")(?!\w)")
    sec = _sections("discourse_leadins.txt")
    names = NameCues.load()
    nouns = set(names.person_nouns)
    nouns |= {v.lower() for row in read_tsv("roles.tsv") for v in row.get("variants", "").split("|") if v}
    nouns |= {row["title"].lower() for row in read_tsv("person_titles.tsv")}
    return Lexicon(
        cue_re=cue_re, cue_flags=flags, leadins=Phrases(sec.get("leadins", ())), adverbs=sec.get("adverbs", ()),
        media=Phrases(sec.get("media", ())), not_source=Phrases(sec.get("not-source", ())),
        heads=Phrases(sec.get("speaker-heads", ())), labels=Phrases(sec.get("label-heads", ())),
        predicates=Phrases(sec.get("predicate-words", ())), subordinators=Phrases(sec.get("subordinators", ())),
        names=names, person_nouns=Phrases(nouns),
    )


def starts_with_any(s: str, phrases: tuple[str, ...]) -> str | None:
    return starts_with(s, phrases)


def ends_with_any(s: str, phrases: tuple[str, ...]) -> str | None:
    return ends_with(s, phrases)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:-–—"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-–—.!?…"):
        if text[end - 1] == "." and re.search(r"(?<![\w.])\w\.$", text[start:end]):
            break  # an initial ("George W.")
        end -= 1
    return start, end


def ends_with_label(before: str) -> bool:
    """Whether ``before`` ends with a label noun or naming word ("chiến dịch", "gọi là") — not
    the last syllable of another word ("tình báo" is intelligence, not a newspaper)."""
    lex = lexicon()
    head = ends_with_any(before, lex.labels)
    if head is None:
        return False
    words = before.rstrip().split()
    n = len(head.split())
    return len(words) <= n or not lex.names.compound(words[-n - 1], head.split()[0])


def mask(text: str, regions: list[QuoteRegion]) -> str:
    """``text`` with the inside of every quotation replaced by ``_``."""
    chars = list(text)
    for r in regions:
        for i in range(r.open + 1, r.close):
            if chars[i] != "\n":
                chars[i] = "_"
    return "".join(chars)


def cues(masked: str, lo: int, hi: int) -> list[Cue]:
    """Cue verbs in ``masked[lo:hi]`` that are not nouns in context."""
    out: list[Cue] = []
    for m in lexicon().cue_re.finditer(masked, lo, hi):
        before = masked[max(lo, m.start() - _WINDOW) : m.start()].split()
        after = masked[m.end() : min(hi, m.end() + _WINDOW)].split()
        if before and before[-1].lower() in _BLOCK_BEFORE and not _demonstrative(before):
            continue
        if after and after[0].lower().strip(",.") in _BLOCK_AFTER and m.group(0) not in DAN_LOI:
            continue
        out.append(Cue(m.start(), m.end(), m.group(0)))
    return out


def _demonstrative(before: list[str]) -> bool:
    """"Người phát ngôn trên nói": "trên" points back to a person, it is no preposition."""
    return before[-1].lower() == "trên" and ends_with_any(" ".join(before[:-1]), lexicon().person_nouns) is not None


def pieces(masked: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], bool]:
    """Non-blank chunks of ``masked[lo:hi]`` between separators; whether the segment ends with
    a separator."""
    bounds: list[tuple[int, int]] = []
    start = lo
    for m in SEPARATOR.finditer(masked, lo, hi):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, hi))
    trailing = not masked[bounds[-1][0] : hi].strip() and len(bounds) > 1
    return [(s, e) for s, e in bounds if masked[s:e].strip()], trailing


def is_leadin_chunk(text: str, start: int, end: int) -> bool:
    chunk = text[start:end].strip()
    leading_time = TIME_LEADING.match(chunk)
    return (
        starts_with_any(chunk, lexicon().leadins) is not None
        or (leading_time is not None and leading_time.end() > 0)
        or any(ch.isdigit() for ch in chunk)
    )


def _describes_person(text: str, piece: tuple[int, int], after_name: bool = False) -> bool:
    """``một chuyên gia ở Huế``, ``giám đốc Viện X``: a description of a person, not a name
    (capitalised too — "Giám đốc Quỹ X" — when it follows a bare name)."""
    words = text[piece[0] : piece[1]].split()
    if not words:
        return False
    if words[0] in {"một", "cựu"}:
        return True
    return (words[0][:1].islower() or after_name) and starts_with_any(
        " ".join(words), lexicon().person_nouns) is not None


def _bare_name(text: str, piece: tuple[int, int]) -> bool:
    """"Bà Jillian C. York", "Toni Meadows": capitalised words only, after an honorific."""
    words = text[piece[0] : piece[1]].split()
    if words and words[0].lower() in ("ông", "bà", "ngài"):
        words = words[1:]
    return bool(words) and all(w[:1].isupper() for w in words)


def _appositive(text: str, prev: tuple[int, int], last: tuple[int, int], trailing: bool) -> bool:
    """``Thứ trưởng Ngoại giao Belarus, ông Yury Ambrazevich`` — title, then name; or
    ``Frank Owen, chuyên gia tại …`` — name, then a description."""
    p = text[prev[0] : prev[1]].strip()
    q = text[last[0] : last[1]].strip()
    if not p or not q or len(p.split()) > 8 or not any(w[:1].isupper() for w in p.split()):
        return False
    if is_leadin_chunk(text, *prev):
        return False
    head = q.split()[0]
    return head in {"ông", "bà", "ngài"} or _describes_person(text, last, _bare_name(text, prev)) or (
        trailing and q[0].isupper())


def _strip_leading(text: str, start: int, end: int) -> int:
    lex = lexicon()
    while start < end:
        start, end = trim(text, start, end)
        m = TIME_LEADING.match(text, start, end)
        if m and m.end() > start:
            start = m.end()
            continue
        hit = starts_with_any(text[start:end], lex.leadins)
        if hit is None:
            break
        start += len(hit)
    return start


def _strip_trailing(text: str, start: int, end: int) -> int:
    lex = lexicon()
    changed = True
    while changed and end > start:
        changed = False
        _, end = trim(text, start, end)
        low = text[start:end].lower()
        for adv in lex.adverbs:
            cut = end - len(adv)
            if low.endswith(adv) and cut > start and text[cut - 1].isspace():
                end, changed = cut, True
                break
    return end


def clean_np(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip lead-ins, time/place phrases and adverbs from a speaker phrase."""
    start = _strip_leading(text, start, end)
    start, end = trim(text, start, end)  # "Người phát ngôn trên": a demonstrative, not "trên …"
    for pattern in (_TIME_INSIDE, _PREP_INSIDE):
        m = pattern.search(text, start, end)
        if m:
            end = m.start()
    end = _strip_trailing(text, start, end)
    start, end = trim(text, start, end)
    words = text[start:end].split()
    if not words or len(words) > _MAX_SPEAKER_WORDS or "_" in text[start:end]:
        return None
    if any(ch in text[start:end] for ch in '"“”«»'):
        return None
    phrase = text[start:end]
    if not any(w[:1].isupper() for w in words) and not starts_with_any(phrase, lexicon().heads):
        return None
    return start, end


def subject(text: str, masked: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """The speaker phrase of the clause that ends at ``cue_start``."""
    found, trailing = pieces(masked, lo, cue_start)
    if not found:
        return None
    start, end = found[-1]
    end = _coordinated_subject(text, masked, start, end)
    if len(found) > 1 and _appositive(text, found[-2], found[-1], trailing):
        start = found[-2][0]
        if _describes_person(text, found[-1], _bare_name(text, found[-2])):
            end = found[-2][1]
    return clean_np(text, start, end)


def _coordinated_subject(text: str, masked: str, start: int, end: int) -> int:
    """"bà X nói và khẳng định", "Nhà lãnh đạo X dự lễ khánh thành và gọi": the subject of the
    first verb is the subject of the second; the chunk ends before that first verb."""
    if not re.search(r"\s(?:và|rồi|đồng thời)\s*$", masked[start:end]):
        return end
    for c in cues(masked, start, end):
        return c.start
    breakers = lexicon().names.breakers
    for m in re.finditer(r"(?<=\s)[^\W\d_]+", text[start:end]):
        if m.group(0).islower() and m.group(0) in breakers:
            return start + m.start()
    return end


def _after_dan_loi(text: str, masked: str, cue: Cue, hi: int) -> Speaker | None:
    """``Hãng tin A dẫn lời Tổng thống B cho biết`` — the speaker is B; ``Reuters dẫn bài phát
    biểu dự kiến của ông B`` — B."""
    lo = cue.end
    of = re.match(r"(?:\s+\S+){0,3}?\s+của(?!\w)", text[lo:lo + 40])
    if of and cue.word != "dẫn lời":
        lo += of.end()
    following = [c for c in cues(masked, lo, hi) if c.word not in DAN_LOI]
    stop = following[0].start if following else hi
    sep = SEPARATOR.search(masked, lo, stop)
    if sep:
        stop = sep.start()
    span = clean_np(text, lo, stop)
    if span is None:
        return None
    if following and following[0].start == stop:
        return Speaker(span[0], span[1], following[0].word, following[0].end)
    return Speaker(span[0], span[1], cue.word, span[1])


def attribute(text: str, masked: str, lo: int, hi: int, last: bool = False) -> Speaker | None:
    """The first cue in ``[lo, hi)`` that has a speaker, with that speaker (the last such cue
    when ``last``)."""
    found = cues(masked, lo, hi)
    found = found[-_MAX_CUES:][::-1] if last else found[:_MAX_CUES]
    for cue in found:
        if cue.word in DAN_LOI:
            speaker = _after_dan_loi(text, masked, cue, hi)
            if speaker:
                return speaker
            continue
        span = subject(text, masked, lo, cue.start)
        if span:
            quoting = [c for c in found if c.word in DAN_LOI and span[0] <= c.start < span[1]]
            if quoting:  # "Hãng tin A dẫn lời Thủ tướng B … cho biết"
                speaker = _after_dan_loi(text, masked, quoting[0], hi)
                if speaker:
                    return speaker
            return Speaker(span[0], span[1], cue.word, cue.end)
    return None


def is_pronoun(phrase: str) -> bool:
    """``ông``, ``bà ấy``, ``nhà lãnh đạo này`` — an anaphor, not a name.

    >>> is_pronoun("Nhà lãnh đạo này"), is_pronoun("Tổng thống Belarus")
    (True, False)
    """
    low = phrase.lower().strip()
    words = low.split()
    if low in _PRONOUNS:
        return True
    if len(words) > 2 and words[-2] == "nước":
        return False  # "Tư lệnh hải quân nước này": an office of the country named before
    if len(words) > 1 and words[-1] in DEMONSTRATIVES:
        return not any(w[:1].isupper() for w in phrase.split()[1:-1])
    return False
