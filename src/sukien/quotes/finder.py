"""Direct and reported speech in Vietnamese news sentences.

Quotation marks are first made consistent (:func:`sukien.text.marks.repair_marks`: a straight
mark closed by a curly one is one quotation), then paired by
:func:`sukien.text.sentences.quote_regions`. A quotation is a **direct quote** when it has an
attribution:

- a speaker and speech verb after it (``"…", ông X nói``, ``"…" - bà Y bình luận``,
  ``"…", Reuters dẫn lời ông Z``);
- a speech verb with its subject before it: after a colon (``Ông X nói: "…"``), or inside the
  verb's clause (``Ông X cho rằng đây là "vấn đề đáng lo ngại"``) — a short fragment too, unless
  a label noun or a naming word stands before it (``chiến dịch "…"``, ``cái gọi là "…"``) or it
  is a capitalised name of one to three words (``tàu "Nanggala"``);
- ``Theo X, … "…"``: X is the speaker;
- a quotation that is a whole sentence takes the speaker of the sentence before it when that
  one ends with a colon or has a speech verb with a subject ("Ông Bush đã nói cho bà Rice biết
  điều này. "…""), else of a short attribution after it ("… ". Nguồn tin này cho biết với …);
  with neither it is a quote with no speaker words (attributed later to the person named last).

Reported speech (``direct=False``) is a clause after a speech verb (``Ông X cho biết Nga …``) or
after ``Theo X,``, in sentences without a direct quote. Speaker phrases: :mod:`.speakers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sukien.quotes.speakers import (
    SEPARATOR,
    Speaker,
    attribute,
    clean_np,
    cues,
    ends_with_any,
    ends_with_label,
    is_leadin_chunk,
    is_pronoun,
    lexicon,
    mask,
    pieces,
    starts_with_any,
)
from sukien.text.marks import repair_marks
from sukien.text.sentences import QuoteRegion, Span, quote_regions, split_sentences

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


_AFTER_LEAD = re.compile(r"[ \t]*(?:[,;]|[-–—]|\.\s*[-–—])[ \t]*")
_COLON_END = re.compile(r"(?:\s+rằng)?\s*:\s*$")
_REPORTED_LEAD = re.compile(r"\s*(?:thêm\s+)?(?:rằng|là)?\s*[,:]?\s*")
_THEO = re.compile(r"\s*(?:Cũng\s+)?[Tt]heo\s+(?:lời\s+(?:của\s+)?)?([^,]{2,80}?)\s*,\s*")
_THEO_AFTER = re.compile(r"\s*theo\s+(?:(?:lời|nhận định|phát biểu|tuyên bố|thông báo|đánh giá)\s+)?(?:của\s+)?",
                         re.IGNORECASE)
_NAMING = re.compile(r"(?:gọi là|mang tên|có tên|tên là|tên|hiệu|biệt danh)\s*$", re.IGNORECASE)
_DETERMINER_END = re.compile(r"\s(?:một|những|các|mọi)\s*$", re.IGNORECASE)
_LOOKBACK = 300  # characters before a quote searched for a colon or a naming word
_SHORT_TAIL = 8  # words after the speech verb of an attribution sentence ("X cho biết với AFP")


def _make(text: str, span: tuple[int, int], direct: bool, speaker: Speaker | None) -> QuoteSpan:
    if speaker is None:
        return QuoteSpan(span[0], span[1], text[span[0]:span[1]], direct, None, None, None, False, None)
    words = text[speaker.start:speaker.end]
    return QuoteSpan(span[0], span[1], text[span[0]:span[1]], direct, speaker.start, speaker.end, words,
                     is_pronoun(words), speaker.cue)


def _after_speaker(text: str, masked: str, region: QuoteRegion, inner: tuple[int, int], hi: int) -> Speaker | None:
    """``"…", ông X nói`` / ``"…" - bà Y bình luận`` / ``"…", theo ông Z``."""
    if not region.closed:
        return None
    m = _AFTER_LEAD.match(text, region.close + 1, hi)
    if m is None or m.end() == region.close + 1:
        if not text[inner[0]:inner[1]].endswith(","):
            return None
        lo = region.close + 1
    else:
        lo = m.end()
    theo = _THEO_AFTER.match(text[lo:hi])
    if theo:
        span = clean_np(text, lo + theo.end(), _first_sep(masked, lo + theo.end(), hi))
        return Speaker(span[0], span[1], "theo", span[1]) if span else None
    found = attribute(text, masked, lo, hi)
    if found is not None and starts_with_any(text[lo:found.start], lexicon().subordinators):
        return None  # "…", khi Bulgaria tuyên bố …: a new clause, not the attribution
    if found is None or found.cue_end == found.end:
        return found
    chunks, _ = pieces(masked, lo, found.cue_end - len(found.cue or ""))
    if len(chunks) > 1 and not is_leadin_chunk(text, *chunks[0]):
        first = clean_np(text, *chunks[0])
        if first is not None:  # "…", X, một chuyên gia ở Y, cho biết
            return Speaker(first[0], first[1], found.cue, found.cue_end)
    return found


def _first_sep(masked: str, lo: int, hi: int) -> int:
    m = SEPARATOR.search(masked, lo, hi)
    return m.start() if m else hi


def _speech_fragment(text: str, inner: tuple[int, int], before: str) -> bool:
    """Whether a quotation inside a reported clause quotes the speaker's words rather than a term,
    name or title. Not after a label noun or naming word ("chiến dịch "…"", "cái gọi là "…""),
    not a capitalised name of one to three words; then four words or more, or a predicate: a
    fragment that opens with a predicate word ("không tin", "chưa từng có") or follows one or
    the speech verb ("là "…"", "sẽ "…"", "tuyên bố "…"") — a noun phrase after another verb
    ("vượt qua "lằn ranh đỏ"", "bị buộc tội "gián điệp"") is a term."""
    lex = lexicon()
    if _NAMING.search(before) or ends_with_label(before):
        return False
    words = text[inner[0]:inner[1]].split()
    if len(words) <= 3 and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return False
    if len(words) >= 4 or starts_with_any(" ".join(words), lex.predicates):
        return True
    bare = _DETERMINER_END.sub("", before)  # "là một "…"": the determiner belongs to the fragment
    return bool(ends_with_any(bare, lex.predicates) or _ends_with_cue(bare))


def _ends_with_cue(before: str) -> bool:
    """Whether a speech verb stands right before the quotation ("đề nghị "phá hủy"")."""
    tail = before.rstrip()
    return any(m.end() == len(tail) for m in lexicon().cue_re.finditer(tail, max(0, len(tail) - 30)))


def _before_speaker(text: str, masked: str, sent: Span, region: QuoteRegion, inner: tuple[int, int],
                    theo: Speaker | None) -> tuple[Speaker | None, bool]:
    """``Ông X nói: "…"``, or a speech verb with its subject earlier in the sentence, or the
    source of ``Theo X, …``; the speaker and whether the quotation is quoted speech at all."""
    lo = sent.start
    window = max(lo, region.open - _LOOKBACK)
    before = masked[window:region.open]
    nearest = attribute(text, masked, lo, region.open, last=True)
    if nearest is not None and nearest.cue_end > region.open:
        nearest = None
    if _COLON_END.search(before):
        if nearest:
            return nearest, True
        colon = _COLON_END.search(before)
        assert colon is not None
        chunks, _ = pieces(masked, window, window + colon.start())
        if chunks and len(text[chunks[-1][0]:chunks[-1][1]].split()) <= 6:
            span = clean_np(text, *chunks[-1])
            if span:
                return Speaker(span[0], span[1], None, span[1]), True
        if theo is not None and theo.cue_end <= region.open:
            return theo, True
        return None, len(text[inner[0]:inner[1]].split()) >= 4  # "…: "<a sentence>"" is speech
    found = nearest or (theo if theo is not None and theo.cue_end <= region.open else None)
    if found is None:
        found = _glued_subject(text, masked, sent, region, inner)
    if found is None or not _speech_fragment(text, inner, text[window:region.open]):
        return None, False
    return found, True


def _glued_subject(text: str, masked: str, sent: Span, region: QuoteRegion,
                   inner: tuple[int, int]) -> Speaker | None:
    """``Moscow “kiên quyết phản đối …”``: a proper name glued to a quotation that carries the
    verb; the name is the speaker."""
    lo = sent.start
    chunks, _ = pieces(masked, lo, region.open)
    if not chunks or chunks[-1][1] < region.open - 1 or not text[inner[0]:inner[0] + 1].islower():
        return None
    span = clean_np(text, *chunks[-1])
    if span is None or span[1] < region.open - 1:
        return None
    words = text[span[0]:span[1]].split()
    if len(words) > 4 or not all(w[:1].isupper() for w in words) or len(text[inner[0]:inner[1]].split()) < 2:
        return None
    return Speaker(span[0], span[1], None, span[1])


def _inner(text: str, region: QuoteRegion, hi: int) -> tuple[int, int]:
    start, end = region.open + 1, min(region.close, hi)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _whole_sentence(text: str, sent: Span, region: QuoteRegion, inner: tuple[int, int]) -> bool:
    return (not text[sent.start:region.open].strip(" -–—")
            and not text[region.close + 1:sent.end].strip(" .!?…")
            and len(text[inner[0]:inner[1]].split()) >= 4)


def _direct_quotes(text: str, masked: str, sents: list[Span], n: int, regions: list[QuoteRegion]) -> list[QuoteSpan]:
    sent = sents[n]
    out: list[QuoteSpan] = []
    theo = _theo_source(text, masked, sent)
    theo_speaker = theo[0] if theo is not None and not theo[1] else None
    for k, region in enumerate(regions):
        inner = _inner(text, region, sent.end)
        if inner[0] >= inner[1]:
            continue
        hi = regions[k + 1].open if k + 1 < len(regions) else sent.end
        speaker = _after_speaker(text, masked, region, inner, hi)
        speech = speaker is not None
        if speaker is None:
            speaker, speech = _before_speaker(text, masked, sent, region, inner, theo_speaker)
        if speaker is None and k == 0 and _whole_sentence(text, sent, region, inner):
            speaker, speech = _neighbour_speaker(text, masked, sents, n), True
        if speech:
            out.append(_make(text, inner, True, speaker))
    return out


def _neighbour_speaker(text: str, masked: str, sents: list[Span], n: int) -> Speaker | None:
    """The speaker of a quotation that is a whole sentence: from the sentence before (a colon at
    its end, or a speech verb with a subject), else from a short attribution after it."""
    if n > 0 and "\n\n" not in text[sents[n - 1].end:sents[n].start]:
        prev = sents[n - 1]
        found = attribute(text, masked, prev.start, prev.end, last=True)
        if found is not None:
            return found
    if n + 1 < len(sents) and "\n\n" not in text[sents[n].end:sents[n + 1].start]:
        nxt = sents[n + 1]
        found = attribute(text, masked, nxt.start, nxt.end)
        tail = text[found.cue_end:nxt.end] if found else ""
        if found is not None and len(tail.split()) <= _SHORT_TAIL and not re.search(r"rằng|,|:", tail) \
                and not text[nxt.start:found.start].strip(" ,"):
            return found  # '"…". Nguồn tin này cho biết với tờ Economic Times.'
    return None


def _clause_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?…;:"):
        end -= 1
    return end


def _theo_source(text: str, masked: str, sent: Span) -> tuple[Speaker, bool] | None:
    """``Theo X, …``: the source X and whether X is a news outlet."""
    lo = _strip_leading_connectives(text, sent.start, sent.end)
    m = _THEO.match(masked, lo, sent.end)
    if m is None:
        return None
    lex = lexicon()
    source = text[m.start(1):m.end(1)]
    if starts_with_any(source, lex.not_source) or "_" in source:
        return None
    span = clean_np(text, m.start(1), m.end(1))
    if span is None:
        return None
    media = starts_with_any(source, lex.media) is not None
    return Speaker(span[0], span[1], "theo", m.end()), media


def _strip_leading_connectives(text: str, start: int, end: int) -> int:
    """Skip whole lead-in chunks (``Cụ thể,``) at the start of a sentence."""
    while True:
        comma = text.find(",", start, end)
        if comma < 0 or not starts_with_any(text[start:comma].strip(), lexicon().leadins):
            return start
        if re.match(r"\s*(?:cũng\s+)?theo ", text[start:comma], re.IGNORECASE):
            return start
        start = comma + 1
        while start < end and text[start].isspace():
            start += 1


def _reported_from_cue(text: str, masked: str, sent: Span) -> QuoteSpan | None:
    flags = lexicon().cue_flags
    for cue in cues(masked, sent.start, sent.end)[:8]:
        flag = flags.get(cue.word, "")
        if flag == "reported":
            continue
        speaker = attribute(text, masked, sent.start, cue.end)
        if speaker is None or speaker.cue_end != cue.end:
            continue
        lead = _REPORTED_LEAD.match(text, speaker.cue_end, sent.end)
        start = lead.end() if lead else speaker.cue_end
        if flag == "rằng" and "rằng" not in text[speaker.cue_end:start]:
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


def _theo_quote(text: str, sent: Span, speaker: Speaker) -> QuoteSpan | None:
    end = _clause_end(text, speaker.cue_end, sent.end)
    if len(text[speaker.cue_end:end].split()) < 2:
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
    work = repair_marks(text)
    regions = quote_regions(work)
    masked = mask(work, regions)
    sents = split_sentences(work)
    out: list[QuoteSpan] = []
    for n, sent in enumerate(sents):
        inside = [r for r in regions if sent.start <= r.open < sent.end]
        direct = _direct_quotes(work, masked, sents, n, inside)
        out.extend(direct)
        if not direct:
            reported = _reported(work, masked, sent)
            if reported is not None:
                out.append(reported)
    if work is text:
        return out
    return [replace(q, text=text[q.start:q.end],
                    speaker_text=text[q.speaker_start:q.speaker_end] if q.speaker_start is not None
                    and q.speaker_end is not None else None) for q in out]
