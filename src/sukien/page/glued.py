"""Chrome glued into prose: photo captions and credits inside a paragraph, a byline glued to
the last sentence, a record's text hard-wrapped or run together on one line.

Vietnamese news sites print a caption as a sentence followed by a photo credit, and text dumps
often glue it into the neighbouring paragraph:

- ``… tại Hà Nội chiều 2/2. Ảnh: TTXVN Hai bên đã …`` (the sentence before a bare credit);
- ``Phó Chủ tịch … Medvedev (Ảnh: Reuters). Thế giới …`` (the sentence holding the credit);
- ``… Trong ảnh: Bồn chứa ôxy … (Ảnh: PTI).`` (a "Trong ảnh:" description).

:func:`caption_spans` finds those captions; callers either cut them out of a line or put
them on lines of their own.
"""

from __future__ import annotations

import re

from sukien.text.normalize import fold

# photo/graphics credit in brackets: "(Ảnh: Reuters)", "(Ảnh minh họa: Skynews)", "(Ảnh minh họa)"
_PAREN = re.compile(
    r"\(\s*(?:anh|anh minh hoa|anh chup man hinh|nguon anh|video|clip|do hoa|infographic|photo)"
    r"\s*(?::[^()]{1,80})?\)\.?"
)
_BARE = re.compile(r"(?<!\w)(?:anh|nguon anh|photo)\s?:\s?(?=\S)")  # "Ảnh: TTXVN", "Ảnh:Đức Hùng"
_IN_PHOTO = re.compile(r"(?<!\w)trong anh\s*:")  # "Trong ảnh: …"
_TERMINALS = ".!?…"
MAX_CAPTION_CHARS = 320  # a glued caption longer than this is not one caption sentence
_CLOSERS = "\"”’»)"
_ABBREV = {"tp", "ts", "ths", "pgs", "gs", "bs", "q", "p", "tx", "mr", "mrs", "ms", "dr", "st", "th", "tt"}
_OPENERS = "\"“‘«(*-–"


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (0 included).

    >>> sentence_starts("Ông A đến TP. Hà Nội. Bà B về.")
    [0, 22]
    """
    starts = [0]
    for m in re.finditer(r"[.!?…]+[\"”’»)]*\s+", text):
        nxt = text[m.end(): m.end() + 2]
        if not nxt or not (nxt[0].isupper() or nxt[0].isdigit() or (nxt[0] in _OPENERS)):
            continue
        if text[m.start()] == "." and m.end() - m.start() <= 2:
            word = text[: m.start()].rsplit(None, 1)[-1] if text[: m.start()].strip() else ""
            if word.lower() in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        starts.append(m.end())
    return starts


def _after_sentence(text: str, pos: int) -> bool:
    """Does a full sentence end right before ``pos`` (spaces aside)?"""
    head = text[:pos].rstrip()
    head = head.rstrip(_CLOSERS) if head.endswith(tuple(_CLOSERS)) and len(head) > 1 else head
    return bool(head) and head[-1] in _TERMINALS


def _sentence_start(starts: list[int], pos: int) -> int:
    """Start of the sentence holding ``pos``."""
    best = 0
    for s in starts:
        if s <= pos:
            best = s
        else:
            break
    return best


def _previous_sentence(starts: list[int], pos: int) -> int:
    """Start of the sentence that ends right before ``pos``."""
    before = [s for s in starts if s < pos]
    if len(before) >= 2 and before[-1] >= pos - 1:
        return before[-2]
    return before[-1] if before else 0


def credit_end(text: str, i: int) -> int:
    """End of a bare photo credit starting at ``i`` ("TTXVN", "Đức Hùng", "Bệnh viện cung cấp").

    The credit is cut before the capitalised word that starts the next sentence.

    >>> t = "Ảnh: Đức Hùng Ngày 2/2, lãnh đạo"
    >>> t[5:credit_end(t, 5)]
    'Đức Hùng'
    >>> t = "Ảnh:TTXVN Hai bên đã trao đổi"
    >>> t[4:credit_end(t, 4)]
    'TTXVN'
    >>> t = "Ảnh: Quốc hội Đồng thời, cử tri"
    >>> t[5:credit_end(t, 5)]
    'Quốc hội'
    """
    window = text[i: i + 160]
    m = re.match(r"[^.!?()\"“]{0,60}?\bcung cấp\b|NVCC\b|[^.!?()]{0,40}?\bchụp màn hình\b", window, re.I)
    if m:
        return i + m.end()
    toks = list(re.finditer(r"\S+", window))
    if not toks:
        return i
    words = [t.group() for t in toks]

    def cap(w: str) -> bool:
        return w[0].isupper()

    if words[0][0] in "\"“(":
        return i
    if re.fullmatch(r"[A-ZĐ][A-ZĐ.&]{1,10}[,.;]?", words[0]):  # an acronym: TTXVN, AFP, H.T
        return i + toks[0].end()
    run = 0
    while run < min(len(words), 5) and cap(words[run]) and words[run][0] not in "\"“":
        run += 1
        if words[run - 1].endswith(".") and len(words[run - 1]) > 2:
            return i + toks[run - 1].end()  # "Ảnh: Hoàng Hà. Dịp Tết …": the credit ends here
    if run == 0:
        return i + toks[0].end()
    if run >= len(words):
        return i + toks[run - 1].end()
    nxt = words[run]
    if run == 1 and nxt[0].islower():
        k = run
        while k < min(len(words), 4) and words[k][0].islower():
            k += 1
        return i + toks[k - 1].end()
    if nxt[0].islower() or nxt[0].isdigit():
        return i + toks[max(run - 2, 0)].end()
    return i + toks[run - 1].end()


def caption_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of photo captions glued into ``text`` (sorted, not overlapping).

    >>> t = "Hai bên hội đàm. Ông A và ông B tại Hà Nội. Ảnh: TTXVN Hai bên thống nhất."
    >>> [t[a:b] for a, b in caption_spans(t)]
    ['Ông A và ông B tại Hà Nội. Ảnh: TTXVN']
    >>> t = "Ông Medvedev (Ảnh: Reuters). Thế giới nên lo ngại."
    >>> [t[a:b] for a, b in caption_spans(t)]
    ['Ông Medvedev (Ảnh: Reuters).']
    """
    folded = fold(text)
    starts = sentence_starts(text)
    spans: list[tuple[int, int]] = []
    for m in _IN_PHOTO.finditer(folded):
        nxt = [s for s in starts if s > m.end()]
        end = nxt[0] if nxt else len(text)
        paren = _PAREN.search(folded, m.end())
        if paren and paren.start() <= end + 2:
            end = paren.end()
        spans.append((m.start(), end))
    for m in _PAREN.finditer(folded):
        if _after_sentence(text, m.start()):
            start = _previous_sentence(starts, m.start())
        else:
            start = _sentence_start(starts, m.start())
        spans.append((_short_start(text, start, m.start()), m.end()))
    for m in _BARE.finditer(folded):
        if m.start() > 0 and text[m.start() - 1] == "(":
            continue
        if not _after_sentence(text, m.start()):
            continue
        start = _previous_sentence(starts, m.start())
        spans.append((_short_start(text, start, m.start()), credit_end(text, m.end())))
    return _merge(spans)


def _short_start(text: str, start: int, end: int) -> int:
    """A caption is one sentence: when the "sentence" found is too long, it is a list or
    prose without stops, and the caption is taken from its last clause only."""
    if end - start <= MAX_CAPTION_CHARS:
        return start
    cut = max(text.rfind("; ", start, end), text.rfind(": ", start, end))
    return cut + 2 if cut >= 0 and end - cut <= MAX_CAPTION_CHARS else end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def cut_captions(text: str) -> tuple[str, list[str]]:
    """``text`` without its glued captions, and the captions.

    >>> cut_captions("Ôxy đang khan hiếm ở Ấn Độ. Trong ảnh: Người bệnh nhận ôxy. (Ảnh: PTI).")
    ('Ôxy đang khan hiếm ở Ấn Độ.', ['Trong ảnh: Người bệnh nhận ôxy. (Ảnh: PTI).'])
    """
    spans = caption_spans(text)
    if not spans:
        return text, []
    parts: list[str] = []
    caps: list[str] = []
    pos = 0
    for a, b in spans:
        parts.append(text[pos:a])
        caps.append(text[a:b].strip())
        pos = b
    parts.append(text[pos:])
    rest = re.sub(r"\s{2,}", " ", " ".join(p.strip() for p in parts if p.strip()))
    return rest.strip(), [c for c in caps if c]


def reline_captions(text: str) -> str:
    """Each glued caption of each line of ``text`` put on a line of its own."""
    out: list[str] = []
    for line in text.split("\n"):
        spans = caption_spans(line) if len(line) > 40 else []
        pos = 0
        pieces: list[str] = []
        for a, b in spans:
            pieces += [line[pos:a], line[a:b]]
            pos = b
        pieces.append(line[pos:])
        out.append("\n".join(p.strip() for p in pieces if p.strip()) if spans else line)
    return "\n".join(out)


# "Minh PhươngTheo Reuters", "Thanh Tâm(TheoAFP, IRNA)", "Minh PhươngTổng hợp"
_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
_NAME = rf"[{_UPPER}][\w'’.-]*(?:\s[{_UPPER}][\w'’.-]*){{0,3}}"
_GLUED_BYLINE = re.compile(
    rf"^(?P<name>{_NAME}?[a-zà-ỹđ])\s*\(?(?P<kw>Theo|Tổng hợp|TH|Nguồn)(?=$|[\s{_UPPER}:])\s*:?\s*(?P<src>[^()]*?)\)?\s*\.?$"
)
_TAIL_BYLINE = re.compile(
    rf"(?<=[.!?…\"”])\s*(?P<tail>{_NAME}\s*(?:\(?\s*(?:Theo|theo)\s*[^()]{{2,60}}\)?)?"
    rf"(?:\s*(?:Ảnh|Video)\s*:\s*[^.!?]{{1,40}})?)\s*$"
)


def glued_byline(text: str) -> tuple[str, str | None] | None:
    """A byline with a credit glued to it: ``(name, credited source or None)``.

    >>> glued_byline("Minh PhươngTheo Reuters")
    ('Minh Phương', 'Reuters')
    >>> glued_byline("Thanh Tâm(TheoAFP, IRNA)")
    ('Thanh Tâm', 'AFP, IRNA')
    >>> glued_byline("Minh PhươngTổng hợp")
    ('Minh Phương', None)
    >>> glued_byline("Theo Reuters") is None
    True
    """
    m = _GLUED_BYLINE.match(text.strip())
    if not m or len(m["name"].split()) > 4:
        return None
    src = m["src"].strip(" .")
    if m["kw"] != "Theo" and src:  # "Nga Tổng hợp lực lượng" is no byline
        return None
    if m["kw"] == "Theo" and not (src and (src[0].isupper() or src[0].isdigit())):
        return None
    return m["name"].strip(), (src if m["kw"] == "Theo" else None)


def reline_tail_byline(text: str) -> str:
    """A byline (and credit) glued after the last sentence of a record, put on its own line.

    >>> reline_tail_byline("Iran sẵn sàng đối thoại. Thanh Tâm(TheoAFP, IRNA)")
    'Iran sẵn sàng đối thoại.\\nThanh Tâm\\n(Theo AFP, IRNA)'
    >>> reline_tail_byline("Gia Chính nói vậy.")
    'Gia Chính nói vậy.'
    """
    stripped = text.rstrip()
    m = _TAIL_BYLINE.search(stripped[-160:])
    if not m:
        return text
    tail = m["tail"].strip()
    head = stripped[: len(stripped) - len(stripped[-160:]) + m.start()].rstrip()
    tail = re.sub(r"\s*(?:Ảnh|Video)\s*:\s*[^.!?]{1,40}$", "", tail)
    tail = re.sub(r"\s*\(?\s*(?:Theo|theo)\s*([^()]{2,60}?)\)?$", r"\n(Theo \1)", tail)
    return head + "\n" + tail.strip()


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines of a record back into paragraphs.

    A line that does not end a sentence is joined with the next when the next starts in lower
    case, or everywhere when most lines of the text are wrapped mid-sentence.

    >>> unwrap_lines("Hai vận động viên\\ntrượt tuyết thắp lửa.\\n\\nTiêu đề phụ\\nĐoạn khác.")
    'Hai vận động viên trượt tuyết thắp lửa.\\n\\nTiêu đề phụ\\nĐoạn khác.'
    """
    lines = text.split("\n")
    full = [ln.strip() for ln in lines if ln.strip()]
    if len(full) < 2:
        return text
    open_ = sum(1 for ln in full if ln[-1] not in _TERMINALS + _CLOSERS + ":")
    wrapped = len(full) >= 5 and open_ / len(full) > 0.6 and max(len(ln) for ln in full) <= 120
    out: list[str] = []
    for ln in lines:
        s = ln.strip()
        if out and out[-1] and s:
            prev = out[-1]
            if prev[-1] not in _TERMINALS + _CLOSERS + ":" and (wrapped or s[0].islower()):
                out[-1] = prev + " " + s
                continue
        out.append(s)
    return "\n".join(out)
