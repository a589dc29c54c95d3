"""Direct and reported speech in Vietnamese news sentences.

Direct quotes are the quotations found by :func:`sukien.text.sentences.quote_regions`
that have an attribution: a speaker and cue verb after them (``"…", ông X nói``,
``"…" - bà Y bình luận``), before them with a colon (``Ông X nói: "…"``), or a cue
verb with a subject earlier in the sentence (``Ông X cho rằng Y "ngày càng …"``).
A quotation that opens the sentence and has four or more words is a quote even
without a speaker. Short quoted titles and scare quotes are not quotes.

Reported speech (``direct=False``) is a clause after a cue verb (``Ông X cho biết
Nga …``) or after ``Theo X,``, in sentences without a direct quote.

Speaker phrases are cut out of the clause before the cue: leading connectives and
chunks from ``data/discourse_leadins.txt`` are skipped, a date or time phrase and
everything after it is dropped, and trailing adverbs (``cũng``, ``đã``) are
stripped. Cue verbs come from ``data/speech_verbs.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sukien.text.sentences import QuoteRegion, Span, quote_regions, read_word_list, split_sentences

__all__ = ["QuoteSpan", "find_quotes"]


@dataclass(frozen=True)
class QuoteSpan:
    """A quote: ``text == body[start:end]`` (without quotation marks)."""

    start: int
    end: int
    text: str
    direct: bool
    speaker_start: int | None
    speaker_end: int | None
    speaker_text: str | None
    speaker_pronoun: bool
    cue: str | None


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    word: str


@dataclass(frozen=True)
class _Speaker:
    start: int
    end: int
    cue: str | None
    cue_end: int


@dataclass(frozen=True)
class _Lexicon:
    cue_re: re.Pattern[str]
    cue_flags: dict[str, str]
    leadins: tuple[str, ...]
    adverbs: tuple[str, ...]
    media: tuple[str, ...]
    not_source: tuple[str, ...]
    heads: tuple[str, ...]


_TIME_CORE = (
    r"(?:(?:vào|hồi|trong|từ)\s+)?"
    r"(?:(?:ngày|hôm|sáng|trưa|chiều|tối|đêm|khuya|rạng sáng|tuần|tháng|năm|đầu|cuối|giữa)"
    r"\s+(?:\d[\d/.\-]*|(?:nay|qua|này|trước|sau|tới|mai|kia|thứ|hôm|ngày|tuần|tháng|năm"
    r"|cùng|đó)(?!\w))|hôm\s+(?:nay|qua|kia)|mới đây|gần đây|vừa qua|vừa rồi|cùng ngày"
    r"|lúc\s+\d)"
)
_TIME_INSIDE = re.compile(r"\s" + _TIME_CORE + r"(?!\w)", re.IGNORECASE)
_TIME_LEADING = re.compile(r"\s*" + _TIME_CORE + r"[^,\s]*(?:\s*,)?", re.IGNORECASE)
_PREP_INSIDE = re.compile(
    r"\s(?:trong|khi|trên|vào|qua|thông qua|sau khi|trước khi|lúc|"
    r"tại\s+(?:cuộc|buổi|hội|phiên|lễ|một))\s"
)
_SEPARATOR = re.compile(r"[,;:]|\s[-–—]\s|\(|\)")
_AFTER_LEAD = re.compile(r"[ \t]*(?:[,;]|[-–—]|\.\s*[-–—])[ \t]*")
_COLON_END = re.compile(r"(?:\s+rằng)?\s*:\s*$")
_REPORTED_LEAD = re.compile(r"\s*(?:thêm\s+)?(?:rằng|là)?\s*[,:]?\s*")
_THEO = re.compile(r"\s*Theo\s+(?:lời\s+(?:của\s+)?)?([^,]{2,80}?)\s*,\s*")
_PRONOUNS = frozenset(
    {
        "ông",
        "bà",
        "anh",
        "chị",
        "cô",
        "họ",
        "tôi",
        "ngài",
        "ông ấy",
        "bà ấy",
        "ông ta",
        "bà ta",
        "anh ấy",
        "chị ấy",
        "cô ấy",
        "chúng tôi",
        "chúng ta",
        "ngài ấy",
    }
)
_DEMONSTRATIVES = frozenset({"này", "ấy", "đó", "nọ"})
_BLOCK_BEFORE = frozenset(
    {
        "được",
        "bị",
        "bài",
        "lời",
        "cuộc",
        "sự",
        "việc",
        "những",
        "các",
        "một",
        "bản",
        "là",
        "của",
        "ra",
        "khi",
        "để",
        "nhằm",
        "mà",
        "đưa",
        "trong",
        "qua",
        "với",
        "theo",
        "trên",
    }
)
_BLOCK_AFTER = frozenset({"của", "chung", "này", "đó"})
_NAMING = re.compile(r"(?:gọi là|mang tên|có tên|tên là|tên|hiệu|biệt danh)\s*$", re.IGNORECASE)
_DAN_LOI = frozenset({"dẫn lời", "trích lời", "dẫn nguồn"})
_MAX_SPEAKER_WORDS = 15
_WINDOW = 40  # characters looked at around a cue verb
_LOOKBACK = 300  # characters before a quote searched for a colon or a naming word
_MAX_CUES = 8  # cue verbs tried per sentence for reported speech
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
def _lexicon() -> _Lexicon:
    flags: dict[str, str] = {}
    for line in read_word_list("speech_verbs.txt"):
        m = _FLAGGED.match(line)
        if m:
            flags[m.group(1)] = m.group(2) or ""
    cues = sorted(flags, key=len, reverse=True)
    cue_re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, cues)) + r")(?!\w)")
    sec = _sections("discourse_leadins.txt")
    return _Lexicon(
        cue_re,
        flags,
        sec.get("leadins", ()),
        sec.get("adverbs", ()),
        sec.get("media", ()),
        sec.get("not-source", ()),
        sec.get("speaker-heads", ()),
    )


def _starts_with_any(s: str, phrases: tuple[str, ...]) -> str | None:
    low = s.lower()
    for p in phrases:
        if low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum()):
            return p
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:-–—"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-–—"):
        end -= 1
    return start, end


def _mask(text: str, regions: list[QuoteRegion]) -> str:
    """``text`` with the inside of every quotation replaced by ``_``."""
    chars = list(text)
    for r in regions:
        for i in range(r.open + 1, r.close):
            if chars[i] != "\n":
                chars[i] = "_"
    return "".join(chars)


def _cues(masked: str, lo: int, hi: int) -> list[_Cue]:
    """Cue verbs in ``masked[lo:hi]`` that are not nouns in context."""
    out: list[_Cue] = []
    for m in _lexicon().cue_re.finditer(masked, lo, hi):
        before = masked[max(lo, m.start() - _WINDOW) : m.start()].split()
        after = masked[m.end() : min(hi, m.end() + _WINDOW)].split()
        if before and before[-1].lower() in _BLOCK_BEFORE:
            continue
        if after and after[0].lower().strip(",.") in _BLOCK_AFTER:
            continue
        out.append(_Cue(m.start(), m.end(), m.group(0)))
    return out


def _pieces(masked: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], bool]:
    """Non-blank chunks of ``masked[lo:hi]`` between separators; whether the
    segment ends with a separator."""
    bounds: list[tuple[int, int]] = []
    start = lo
    for m in _SEPARATOR.finditer(masked, lo, hi):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, hi))
    trailing = not masked[bounds[-1][0] : hi].strip() and len(bounds) > 1
    return [(s, e) for s, e in bounds if masked[s:e].strip()], trailing


def _is_leadin_chunk(text: str, start: int, end: int) -> bool:
    chunk = text[start:end].strip()
    leading_time = _TIME_LEADING.match(chunk)
    return (
        _starts_with_any(chunk, _lexicon().leadins) is not None
        or (leading_time is not None and leading_time.end() > 0)
        or any(ch.isdigit() for ch in chunk)
    )


def _appositive(text: str, prev: tuple[int, int], last: tuple[int, int], trailing: bool) -> bool:
    """``Thứ trưởng Ngoại giao Belarus, ông Yury Ambrazevich`` — title, then name."""
    p = text[prev[0] : prev[1]].strip()
    q = text[last[0] : last[1]].strip()
    if not p or not q or len(p.split()) > 8 or not any(w[:1].isupper() for w in p.split()):
        return False
    if _is_leadin_chunk(text, *prev):
        return False
    head = q.split()[0]
    return head in {"ông", "bà", "ngài", "một", "cựu"} or (trailing and q[0].isupper())


def _descriptive(text: str, piece: tuple[int, int]) -> bool:
    """``một chuyên gia ở Huế`` — an appositive description, not a name."""
    words = text[piece[0] : piece[1]].split()
    return bool(words) and words[0] in {"một", "cựu"}


def _strip_leading(text: str, start: int, end: int) -> int:
    lex = _lexicon()
    while start < end:
        start, end = _trim(text, start, end)
        m = _TIME_LEADING.match(text, start, end)
        if m and m.end() > start:
            start = m.end()
            continue
        hit = _starts_with_any(text[start:end], lex.leadins)
        if hit is None:
            break
        start += len(hit)
    return start


def _strip_trailing(text: str, start: int, end: int) -> int:
    lex = _lexicon()
    changed = True
    while changed and end > start:
        changed = False
        _, end = _trim(text, start, end)
        low = text[start:end].lower()
        for adv in lex.adverbs:
            cut = end - len(adv)
            if low.endswith(adv) and cut > start and text[cut - 1].isspace():
                end, changed = cut, True
                break
    return end


def _clean_np(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip lead-ins, time/place phrases and adverbs from a speaker phrase."""
    start = _strip_leading(text, start, end)
    for pattern in (_TIME_INSIDE, _PREP_INSIDE):
        m = pattern.search(text, start, end)
        if m:
            end = m.start()
    end = _strip_trailing(text, start, end)
    start, end = _trim(text, start, end)
    words = text[start:end].split()
    if not words or len(words) > _MAX_SPEAKER_WORDS or "_" in text[start:end]:
        return None
    if any(ch in text[start:end] for ch in '"“”«»'):
        return None
    phrase = text[start:end]
    if not any(w[:1].isupper() for w in words) and not _starts_with_any(phrase, _lexicon().heads):
        return None
    return start, end


def _subject(text: str, masked: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """The speaker phrase of the clause that ends at ``cue_start``."""
    pieces, trailing = _pieces(masked, lo, cue_start)
    if not pieces:
        return None
    start, end = pieces[-1]
    if len(pieces) > 1 and _appositive(text, pieces[-2], pieces[-1], trailing):
        start = pieces[-2][0]
        if _descriptive(text, pieces[-1]):
            end = pieces[-2][1]
    return _clean_np(text, start, end)


def _after_dan_loi(text: str, masked: str, cue: _Cue, hi: int) -> _Speaker | None:
    """``Hãng tin A dẫn lời Tổng thống B cho biết`` — the speaker is B."""
    following = [c for c in _cues(masked, cue.end, hi) if c.word not in _DAN_LOI]
    stop = following[0].start if following else hi
    sep = _SEPARATOR.search(masked, cue.end, stop)
    if sep:
        stop = sep.start()
    span = _clean_np(text, cue.end, stop)
    if span is None:
        return None
    if following and following[0].start == stop:
        return _Speaker(span[0], span[1], following[0].word, following[0].end)
    return _Speaker(span[0], span[1], cue.word, span[1])


def _attribute(text: str, masked: str, lo: int, hi: int) -> _Speaker | None:
    """The first cue in ``[lo, hi)`` that has a speaker, with that speaker."""
    for cue in _cues(masked, lo, hi)[:_MAX_CUES]:
        if cue.word in _DAN_LOI:
            found = _after_dan_loi(text, masked, cue, hi)
            if found:
                return found
            continue
        span = _subject(text, masked, lo, cue.start)
        if span:
            return _Speaker(span[0], span[1], cue.word, cue.end)
    return None


def _is_pronoun(phrase: str) -> bool:
    """``ông``, ``bà ấy``, ``nhà lãnh đạo này`` — an anaphor, not a name.

    >>> _is_pronoun("Nhà lãnh đạo này"), _is_pronoun("Tổng thống Belarus")
    (True, False)
    """
    low = phrase.lower().strip()
    words = low.split()
    if low in _PRONOUNS:
        return True
    if len(words) > 1 and words[-1] in _DEMONSTRATIVES:
        return not any(w[:1].isupper() for w in phrase.split()[1:-1])
    return False


def _make(text: str, span: tuple[int, int], direct: bool, speaker: _Speaker | None) -> QuoteSpan:
    if speaker is None:
        return QuoteSpan(
            span[0], span[1], text[span[0] : span[1]], direct, None, None, None, False, None
        )
    words = text[speaker.start : speaker.end]
    return QuoteSpan(
        span[0],
        span[1],
        text[span[0] : span[1]],
        direct,
        speaker.start,
        speaker.end,
        words,
        _is_pronoun(words),
        speaker.cue,
    )


def _after_speaker(
    text: str, masked: str, region: QuoteRegion, inner: tuple[int, int], hi: int
) -> _Speaker | None:
    """``"…", ông X nói`` / ``"…" - bà Y bình luận`` / ``"…", theo ông Z``."""
    if not region.closed:
        return None
    m = _AFTER_LEAD.match(text, region.close + 1, hi)
    if m is None or m.end() == region.close + 1:
        if not text[inner[0] : inner[1]].endswith(","):
            return None
        lo = region.close + 1
    else:
        lo = m.end()
    theo = re.match(r"\s*theo\s+", text[lo:hi], re.IGNORECASE)
    if theo:
        span = _clean_np(text, lo + theo.end(), _first_sep(masked, lo + theo.end(), hi))
        return _Speaker(span[0], span[1], "theo", span[1]) if span else None
    found = _attribute(text, masked, lo, hi)
    if found is None or found.cue_end == found.end:
        return found
    pieces, _ = _pieces(masked, lo, found.cue_end - len(found.cue or ""))
    if len(pieces) > 1 and not _is_leadin_chunk(text, *pieces[0]):
        first = _clean_np(text, *pieces[0])
        if first is not None:  # "…", X, một chuyên gia ở Y, cho biết
            return _Speaker(first[0], first[1], found.cue, found.cue_end)
    return found


def _first_sep(masked: str, lo: int, hi: int) -> int:
    m = _SEPARATOR.search(masked, lo, hi)
    return m.start() if m else hi


def _before_speaker(
    text: str,
    masked: str,
    lo: int,
    region: QuoteRegion,
    inner: tuple[int, int],
    first: _Speaker | None,
) -> _Speaker | None:
    """``Ông X nói: "…"`` or a cue with a subject earlier in the sentence; ``first``
    is the sentence's first cue with a speaker."""
    window = max(lo, region.open - _LOOKBACK)
    before = masked[window : region.open]
    found = first if first is not None and first.cue_end <= region.open else None
    colon = _COLON_END.search(before)
    if colon:
        if found:
            return found
        pieces, _ = _pieces(masked, window, window + colon.start())
        if pieces and len(text[pieces[-1][0] : pieces[-1][1]].split()) <= 6:
            span = _clean_np(text, *pieces[-1])
            return _Speaker(span[0], span[1], None, span[1]) if span else None
        return None
    if found is None or _NAMING.search(before):
        return None
    words = text[inner[0] : inner[1]].split()
    if len(words) >= 4 or (len(words) == 3 and words[0][:1].islower()):
        return found
    return None


def _inner(text: str, region: QuoteRegion, hi: int) -> tuple[int, int]:
    start, end = region.open + 1, min(region.close, hi)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _direct_quotes(
    text: str, masked: str, sent: Span, regions: list[QuoteRegion]
) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    first = _attribute(text, masked, sent.start, sent.end) if regions else None
    for n, region in enumerate(regions):
        inner = _inner(text, region, sent.end)
        if inner[0] >= inner[1]:
            continue
        hi = regions[n + 1].open if n + 1 < len(regions) else sent.end
        speaker = _after_speaker(text, masked, region, inner, hi)
        if speaker is None:
            speaker = _before_speaker(text, masked, sent.start, region, inner, first)
        if speaker is not None:
            out.append(_make(text, inner, True, speaker))
        elif (
            n == 0
            and not text[sent.start : region.open].strip(" -–—")
            and not text[region.close + 1 : sent.end].strip(" .!?…")
            and len(text[inner[0] : inner[1]].split()) >= 4
        ):
            out.append(_make(text, inner, True, None))
    return out


def _clause_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?…;:"):
        end -= 1
    return end


def _theo_source(text: str, masked: str, sent: Span) -> tuple[_Speaker, bool] | None:
    """``Theo X, …``: the source X and whether X is a news outlet."""
    lo = _strip_leading_connectives(text, sent.start, sent.end)
    m = _THEO.match(masked, lo, sent.end)
    if m is None:
        return None
    lex = _lexicon()
    source = text[m.start(1) : m.end(1)]
    if _starts_with_any(source, lex.not_source) or "_" in source:
        return None
    span = _clean_np(text, m.start(1), m.end(1))
    if span is None:
        return None
    media = _starts_with_any(source, lex.media) is not None
    return _Speaker(span[0], span[1], "theo", m.end()), media


def _strip_leading_connectives(text: str, start: int, end: int) -> int:
    """Skip whole lead-in chunks (``Cụ thể,``) at the start of a sentence."""
    while True:
        comma = text.find(",", start, end)
        if comma < 0 or not _starts_with_any(text[start:comma].strip(), _lexicon().leadins):
            return start
        if text[start:comma].strip().lower().startswith("theo "):
            return start
        start = comma + 1
        while start < end and text[start].isspace():
            start += 1


def _reported_from_cue(text: str, masked: str, sent: Span) -> QuoteSpan | None:
    flags = _lexicon().cue_flags
    for cue in _cues(masked, sent.start, sent.end)[:_MAX_CUES]:
        flag = flags.get(cue.word, "")
        if flag == "reported":
            continue
        speaker = _attribute(text, masked, sent.start, cue.end)
        if speaker is None or speaker.cue_end != cue.end:
            continue
        lead = _REPORTED_LEAD.match(text, speaker.cue_end, sent.end)
        start = lead.end() if lead else speaker.cue_end
        if flag == "rằng" and "rằng" not in text[speaker.cue_end : start]:
            continue
        end = _clause_end(text, start, sent.end)
        if len(text[start:end].split()) >= 2:
            return _make(text, (start, end), False, speaker)
    return None


def _reported(text: str, masked: str, sent: Span) -> QuoteSpan | None:
    theo = _theo_source(text, masked, sent)
    if theo is not None and not theo[1]:
        return _theo_quote(text, sent, theo[0])
    found = _reported_from_cue(text, masked, sent)
    if found is None and theo is not None:
        return _theo_quote(text, sent, theo[0])
    return found


def _theo_quote(text: str, sent: Span, speaker: _Speaker) -> QuoteSpan | None:
    end = _clause_end(text, speaker.cue_end, sent.end)
    if len(text[speaker.cue_end : end].split()) < 2:
        return None
    return _make(text, (speaker.cue_end, end), False, speaker)


def find_quotes(text: str) -> list[QuoteSpan]:
    """Direct and reported quotes of an article body, in text order.

    >>> q = find_quotes('"Chúng tôi sẵn sàng đối thoại", ông Nam nói.')[0]
    >>> q.text, q.speaker_text, q.cue, q.direct
    ('Chúng tôi sẵn sàng đối thoại', 'ông Nam', 'nói', True)
    >>> q = find_quotes("Bà Hoa cho biết hội nghị sẽ diễn ra vào tháng sau.")[0]
    >>> q.text, q.speaker_text, q.direct
    ('hội nghị sẽ diễn ra vào tháng sau', 'Bà Hoa', False)
    """
    regions = quote_regions(text)
    masked = _mask(text, regions)
    out: list[QuoteSpan] = []
    for sent in split_sentences(text):
        inside = [r for r in regions if sent.start <= r.open < sent.end]
        direct = _direct_quotes(text, masked, sent, inside)
        out.extend(direct)
        if not direct:
            reported = _reported(text, masked, sent)
            if reported is not None:
                out.append(reported)
    return out
