"""Vietnamese date expressions in text → ISO partial dates.

``find_dates`` finds the expressions ("ngày 27/2", "tối 11/3", "tháng 10/2022", "hôm qua",
"thứ Hai tuần trước"...) and says what each states by itself; ``sukien.dates.anchor.resolve``
completes them against an anchor date. The vocabulary is in ``data/date_words.tsv``.

Precision rule (project contract): a date is never more precise than its evidence. A
day and month without a year is ``--MM-DD``; nothing here guesses a year.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from functools import lru_cache
from types import MappingProxyType

from sukien.data_files import read_tsv

_SP = r"[^\S\n]+"  # spaces inside one expression: never across a line end
_OSP = r"[^\S\n]*"
_ISO_RE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?|--(\d\d)-(\d\d)")
_END = r"(?![\w%°]|[/.,-][0-9])"  # a number must not go on ("8-11°C", "1/3/20", "80,1%")
_NOT_THEN = rf"(?!{_SP}(?:khi|đó|nữa)(?!\w))"  # "tuần trước đó", "hai ngày trước khi"
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(month: int, year: int | None) -> int:
    if month == 2 and year is not None:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return _MONTH_DAYS[month - 1]


def valid_parts(year: int | None, month: int | None, day: int | None) -> bool:
    """Whether year/month/day can form a partial date (a day needs a month).

    >>> valid_parts(2023, 2, 29), valid_parts(None, 2, 29), valid_parts(2024, 13, None)
    (False, True, False)
    """
    if year is not None and not 1 <= year <= 9999:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return month is not None and 1 <= day <= _days_in(month, year)


@dataclass(frozen=True)
class PartialDate:
    """A date known to year, month or day precision, or day+month without a year."""

    year: int | None
    month: int | None
    day: int | None

    def __post_init__(self) -> None:
        if not valid_parts(self.year, self.month, self.day):
            raise ValueError(f"invalid partial date: {self.year}-{self.month}-{self.day}")

    def iso(self) -> str | None:
        """ISO 8601 at the known precision.

        >>> PartialDate(2022, 3, 11).iso(), PartialDate(None, 3, 11).iso()
        ('2022-03-11', '--03-11')
        >>> PartialDate(2022, 3, None).iso(), PartialDate(2022, None, None).iso()
        ('2022-03', '2022')
        """
        y, m, d = self.year, self.month, self.day
        if y is None:
            return f"--{m:02d}-{d:02d}" if m is not None and d is not None else None
        if m is None:
            return f"{y:04d}"
        return f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"

    @classmethod
    def from_iso(cls, s: str | None) -> PartialDate | None:
        """Read back what ``iso`` writes; None for anything else.

        >>> PartialDate.from_iso("--12-28")
        PartialDate(year=None, month=12, day=28)
        >>> PartialDate.from_iso("ngày 28/12") is None
        True
        """
        m = _ISO_RE.fullmatch(s.strip()) if s else None
        if m is None:
            return None
        if m[4]:
            parts: tuple[int | None, ...] = (None, int(m[4]), int(m[5]))
        else:
            parts = tuple(int(g) if g else None for g in m.groups()[:3])
        y, mo, d = parts
        return cls(y, mo, d) if valid_parts(y, mo, d) else None

    def to_date(self) -> date | None:
        """The calendar day when all three parts are known."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


@dataclass(frozen=True)
class DateExpr:
    """One date expression found in a text (offsets index the text given).

    kind: ``absolute`` (day, month, year), ``day_month`` (no year), ``month``, ``year``,
    ``relative`` (needs the anchor: "hôm qua", "tuần trước", "tháng này", "3 ngày trước"),
    ``weekday`` ("thứ Hai tuần trước"). Fields after ``time_of_day`` are extensions:
    ``offset_count`` is the signed number of ``offset_unit`` ("tuần trước" week -1,
    "hôm kia" day -2, "tháng 12 năm ngoái" year -1), ``direction`` is ``past``/``future``
    ("ngày 20/2 tới", "thứ Sáu vừa qua"), ``weekday`` is 0 (Monday) .. 6 (Sunday).
    """

    start: int
    end: int
    text: str
    kind: str
    date: PartialDate | None
    offset_days: int | None
    offset_unit: str | None
    approx: str | None
    time_of_day: str | None
    offset_count: int | None = None
    direction: str | None = None
    weekday: int | None = None


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    exprs: tuple[DateExpr, ...]
    chain: bool = False  # a bare d/m: kept only right after another date ("20/2 và 25/2")


@dataclass(frozen=True)
class _Lexicon:
    values: Mapping[tuple[str, str], str]  # (kind, phrase) -> value

    def phrases(self, kind: str) -> list[str]:
        return [p for k, p in self.values if k == kind]

    def alt(self, kind: str) -> str:
        """Regex alternation of a kind's phrases, longest first, any spaces between words."""
        words = sorted(self.phrases(kind), key=len, reverse=True)
        return "(?:" + "|".join(_SP.join(map(re.escape, w.split())) for w in words) + ")"

    def get(self, kind: str, phrase: str | None) -> str | None:
        if phrase is None:
            return None
        return self.values.get((kind, " ".join(phrase.lower().split())))


def _load_lexicon() -> _Lexicon:
    values = {(r["kind"], r["phrase"]): r["value"] for r in read_tsv("date_words.tsv")}
    return _Lexicon(MappingProxyType(values))


_Handler = Callable[[str, re.Match[str], "_Grammar"], "_Hit | None"]


@dataclass(frozen=True)
class _Grammar:
    lex: _Lexicon
    rules: tuple[tuple[re.Pattern[str], _Handler], ...]
    needles: tuple[tuple[str, ...], ...]  # per rule: words one of which every match holds
    license_re: re.Pattern[str]  # searched before a bare d/m, ending at its start
    weekday_license_re: re.Pattern[str]  # "vào thứ năm", "từ thứ hai"
    paren_re: re.Pattern[str]  # before "(7/3)": also "hôm qua (7/3)", "sáng nay (8/3)"
    quantity_re: re.Pattern[str]
    decade_re: re.Pattern[str]
    blocker_re: re.Pattern[str]
    connector_re: re.Pattern[str]

    def before(self, pattern: re.Pattern[str], text: str, pos: int) -> bool:
        return pattern.search(text, max(0, pos - 40), pos) is not None


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _prefix(lex: _Lexicon) -> str:
    return rf"(?:(?P<tod>{lex.alt('time_of_day')}){_SP})?(?:(?P<dw>{lex.alt('date_word')}){_SP})?"


def _qual(lex: _Lexicon, kind: str) -> str:
    """Optional qualifier after an expression; never eats "tới" of a range ("tới ngày 5/2")."""
    guard = rf"(?!{_SP}(?:ngày|hôm|thứ|chủ|[0-9]))"
    return rf"(?:{_OSP}\(?{_OSP}(?P<qual>{lex.alt(kind)})\)?(?!\w){guard})?"


def _sources(lex: _Lexicon) -> list[tuple[str, _Handler]]:
    pre, num = _prefix(lex), r"[0-9]{1,2}"
    month = rf"(?P<m>{num}|{lex.alt('month_name')})"
    year_tail = rf"(?:(?:{_OSP}[/-]{_OSP}|{_SP}năm{_SP}|{_OSP},{_OSP})(?P<y>[0-9]{{4}})(?![0-9]))"
    return [
        (r"(?<![\w/.-])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![\w/-]|\.[0-9])", _on_iso),
        (rf"(?<!\w){pre}(?<![\w/.,-])(?P<d>{num})(?P<sep>[/.-])(?P<m>{num})"
         rf"(?:(?P=sep)(?P<y>[0-9]{{4}}))?{_END}{_qual(lex, 'year_qualifier')}", _on_numeric),
        (rf"(?<!\w){pre}(?P<d>{num}){_SP}tháng{_SP}{month}(?!\w){year_tail}?"
         rf"{_qual(lex, 'year_qualifier')}", _on_textual),
        (rf"(?<!\w){pre}(?P<d1>{num}){_OSP}(?:-|–|đến|tới|và|,){_OSP}(?P<dw2>ngày{_SP})?"
         rf"(?P<d2>{num})/(?P<m>{num})(?:/(?P<y>[0-9]{{4}}))?{_END}", _on_range),
        (rf"(?<!\w)(?:(?P<ap>{lex.alt('approx')}){_SP})?tháng{_SP}{month}(?!\w){year_tail}?"
         rf"{_qual(lex, 'year_qualifier')}(?!\w)", _on_month),
        (rf"(?<!\w)(?:(?P<ap>{lex.alt('approx')}){_SP})?năm{_SP}(?P<y>[0-9]{{4}})(?!\w)", _on_year),
        (rf"(?<!\w)(?:(?P<tod>{lex.alt('time_of_day')}){_SP})?(?P<rel>{lex.alt('relative_day')})"
         rf"(?!\w)|(?<!\w)(?P<tod2>{lex.alt('time_of_day')}){_SP}(?P<rel2>{lex.alt('tod_relative')})"
         r"(?!\w)", _on_relative_day),
        (rf"(?<!\w)(?:(?P<ap>{lex.alt('approx')}){_SP})?(?P<rel>{lex.alt('relative_unit')})"
         rf"(?!\w){_NOT_THEN}", _on_relative_unit),
        (rf"(?<!\w)(?:(?P<ago>{lex.alt('ago')}){_SP})?(?P<n>[0-9]{{1,3}}|{lex.alt('number')}){_SP}"
         rf"(?P<unit>{lex.alt('unit')})(?:{_SP}(?P<suf>{lex.alt('ago_suffix')}))?(?!\w){_NOT_THEN}",
         _on_ago),
        (rf"(?<!\w){pre}(?P<wd>{lex.alt('weekday')})(?!\w){_qual(lex, 'week_qualifier')}",
         _on_weekday),
    ]


_DIGITS = tuple("0123456789")


def _needles(lex: _Lexicon) -> tuple[tuple[str, ...], ...]:
    """For each rule of ``_sources`` (same order), words of which every match holds one: a rule
    whose words are all absent from a text is not run on it (most paragraphs hold no date)."""
    def first_words(*kinds: str) -> tuple[str, ...]:
        return tuple(sorted({p.split()[0] for k in kinds for p in lex.phrases(k)}))

    return (_DIGITS, _DIGITS, ("tháng",), _DIGITS, ("tháng",), ("năm",),
            first_words("relative_day", "tod_relative"), first_words("relative_unit"),
            first_words("unit"), first_words("weekday"))


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    lex = _load_lexicon()
    lic = "|".join(lex.alt(k) for k in ("license", "date_word", "time_of_day", "weekday"))
    return _Grammar(
        lex=lex,
        rules=tuple((_c(p), h) for p, h in _sources(lex)),
        needles=_needles(lex),
        license_re=_c(rf"(?<!\w)(?:{lic}){_OSP}[,(]?{_OSP}$"),
        weekday_license_re=_c(rf"(?<!\w){lex.alt('license')}{_SP}$"),
        paren_re=_c(rf"(?<!\w)(?:{lic}|{lex.alt('relative_day')}|{lex.alt('relative_unit')}|"
                    rf"{lex.alt('time_of_day')}{_SP}{lex.alt('tod_relative')}){_OSP},?{_OSP}$"),
        quantity_re=_c(rf"(?<!\w)(?:[0-9]+|{lex.alt('number')}|{lex.alt('quantity')}){_SP}$"),
        decade_re=_c(rf"(?<!\w){lex.alt('decade_word')}{_SP}$"),
        blocker_re=_c(rf"(?<!\w){lex.alt('tod_blocker')}{_SP}$"),
        connector_re=_c(rf"{_OSP}{lex.alt('connector')}{_OSP}(?:\(|{lex.alt('date_word')}{_SP})?"),
    )


def _expr(text: str, start: int, end: int, kind: str, **kw: object) -> DateExpr:
    """A DateExpr over text[start:end] with the optional fields given by name."""
    fields: dict[str, object] = dict.fromkeys(
        ("date", "offset_days", "offset_unit", "approx", "time_of_day"), None
    )
    fields.update(kw)
    return DateExpr(start, end, text[start:end], kind, **fields)  # type: ignore[arg-type]


def _qualifier(g: _Grammar, m: re.Match[str], kind: str) -> dict[str, object]:
    """offset_unit/offset_count or direction from a qualifier group ("năm ngoái", "tới")."""
    value = g.lex.get(kind, m.groupdict().get("qual"))
    if not value:
        return {}
    head, _, tail = value.partition(":")
    if head == "dir":
        return {"direction": tail}
    return {"offset_unit": head, "offset_count": int(tail)}


def _month_number(g: _Grammar, token: str) -> int | None:
    """A month number or a capitalised month name ("tháng Mười"); None when neither."""
    if token.isdigit():
        return int(token)
    if not token[:1].isupper():
        return None
    value = g.lex.get("month_name", token)
    return int(value) if value else None


def _on_iso(text: str, m: re.Match[str], g: _Grammar) -> _Hit | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1000 <= y <= 2999 and valid_parts(y, mo, d)):
        return None
    return _Hit(m.start(), m.end(), (_expr(text, m.start(), m.end(), "absolute",
                                           date=PartialDate(y, mo, d)),))


def _paren_ok(text: str, start: int, end: int, g: _Grammar) -> bool:
    """"(08/01)": a bare d/m alone in parentheses, at a line start, padded, or after a weekday."""
    if not (start > 0 and text[start - 1] == "(" and text[end:end + 1] == ")"):
        return False
    line_start = text.rfind("\n", 0, start - 1) + 1
    if not text[line_start:start - 1].strip():
        return True
    return end - start == 5 or g.before(g.paren_re, text, start - 1)


def _on_numeric(text: str, m: re.Match[str], g: _Grammar) -> _Hit | None:
    d, mo = int(m["d"]), int(m["m"])
    tod = g.lex.get("time_of_day", m["tod"])
    s, e = m.start(), m.end()
    if m["y"]:
        y = int(m["y"])
        if not (1000 <= y <= 2999 and valid_parts(y, mo, d)):
            return None
        e = m.end("y")
        return _Hit(s, e, (_expr(text, s, e, "absolute", date=PartialDate(y, mo, d),
                                 time_of_day=tod),))
    if not valid_parts(None, mo, d):
        return None
    worded = bool(m["tod"] or m["dw"])
    if not worded and m["sep"] != "/":
        return None
    chain = not worded and not (
        _paren_ok(text, m.start("d"), m.end("m"), g) or g.before(g.license_re, text, s)
    )
    expr = _expr(text, s, e, "day_month", date=PartialDate(None, mo, d), time_of_day=tod,
                 **_qualifier(g, m, "year_qualifier"))
    return _Hit(s, e, (expr,), chain=chain)


def _on_textual(text: str, m: re.Match[str], g: _Grammar) -> _Hit | None:
    """"ngày 14 tháng 9 năm 2020", "ngày 2 tháng Mười"."""
    mo = _month_number(g, m["m"])
    d = int(m["d"])
    y = int(m["y"]) if m["y"] else None
    if mo is None or not (m["tod"] or m["dw"] or y):
        return None
    if not valid_parts(y, mo, d) or (y is not None and y < 1000):
        return None
    tod = g.lex.get("time_of_day", m["tod"])
    kind = "absolute" if y else "day_month"
    extra = {} if y else _qualifier(g, m, "year_qualifier")
    return _Hit(m.start(), m.end(), (_expr(text, m.start(), m.end(), kind,
                                           date=PartialDate(y, mo, d), time_of_day=tod, **extra),))


def _on_range(text: str, m: re.Match[str], g: _Grammar) -> _Hit | None:
    """"ngày 8-9/3", "ngày 1 đến ngày 4/1": two expressions sharing the month (and year)."""
    d1, d2, mo = int(m["d1"]), int(m["d2"]), int(m["m"])
    y = int(m["y"]) if m["y"] else None
    if not (m["tod"] or m["dw"] or g.before(g.license_re, text, m.start())):
        return None
    if d1 >= d2 or not valid_parts(y, mo, d2) or (y is not None and y < 1000):
        return None
    kind = "absolute" if y else "day_month"
    tod = g.lex.get("time_of_day", m["tod"])
    s2 = m.start("dw2") if m["dw2"] else m.start("d2")
    first = _expr(text, m.start(), m.end("d1"), kind, date=PartialDate(y, mo, d1), time_of_day=tod)
    second = _expr(text, s2, m.end(), kind, date=PartialDate(y, mo, d2))
    return _Hit(m.start(), m.end(), (first, second))


def _on_month(text: str, m: re.Match[str], g: _Grammar) -> _Hit | None:
    """"tháng 10/2022", "đầu tháng 10/2022", "cuối tháng 3", "tháng 12 năm ngoái"."""
    mo = _month_number(g, m["m"])
    y = int(m["y"]) if m["y"] else None
    if mo is None or not valid_parts(y, mo, None) or (y is not None and y < 1000):
        return None
    if not m["ap"] and g.before(g.quantity_re, text, m.start()):  # "3 tháng 5 ngày"
        return None
    extra = {} if y else _qualifier(g, m, "year_qualifier")
    approx = g.lex.get("approx", m["ap"])
    return _Hit(m.start(), m.end(), (_expr(text, m.start(), m.end(), "month",
                                           date=PartialDate(y, mo, None), approx=approx,
                                           **extra),))


def _on_year(text: str, m: re.Match[str], g: _Grammar) -> _Hit | None:
    y = int(m["y"])
    if not 1000 <= y <= 2999 or g.before(g.decade_re, text, m.start()):
        return None
    approx = g.lex.get("approx", m["ap"])
    return _Hit(m.start(), m.end(), (_expr(text, m.start(), m.end(), "year",
                                           date=PartialDate(y, None, None), approx=approx),))


def _on_relative_day(text: str, m: re.Match[str], g: _Grammar) -> _Hit | None:
    """"hôm qua", "ngày mai", "tối qua", "sáng nay", "chiều hôm qua"."""
    if m["rel"]:
        tod_text, offset = m["tod"], g.lex.get("relative_day", m["rel"])
    else:
        tod_text, offset = m["tod2"], g.lex.get("tod_relative", m["rel2"])
    if offset is None or (tod_text and g.before(g.blocker_re, text, m.start())):
        return None
    days = int(offset)
    expr = _expr(text, m.start(), m.end(), "relative", offset_days=days, offset_unit="day",
                 offset_count=days, time_of_day=g.lex.get("time_of_day", tod_text))
    return _Hit(m.start(), m.end(), (expr,))


def _on_relative_unit(text: str, m: re.Match[str], g: _Grammar) -> _Hit | None:
    """"tuần trước", "cuối tuần qua", "tháng tới", "đầu năm nay" (not "mấy năm nay")."""
    value = g.lex.get("relative_unit", m["rel"])
    if value is None or (not m["ap"] and g.before(g.quantity_re, text, m.start())):
        return None
    unit, _, count = value.partition(":")
    expr = _expr(text, m.start(), m.end(), "relative", offset_unit=unit, offset_count=int(count),
                 approx=g.lex.get("approx", m["ap"]))
    return _Hit(m.start(), m.end(), (expr,))


def _on_ago(text: str, m: re.Match[str], g: _Grammar) -> _Hit | None:
    """"3 ngày trước", "cách đây hai tuần", "hai năm trước"."""
    if not (m["ago"] or m["suf"]):
        return None
    n = int(m["n"]) if m["n"].isdigit() else int(g.lex.get("number", m["n"]) or 0)
    unit = g.lex.get("unit", m["unit"])
    if n <= 0 or unit is None:
        return None
    days = -n if unit == "day" else None
    expr = _expr(text, m.start(), m.end(), "relative", offset_days=days, offset_unit=unit,
                 offset_count=-n)
    return _Hit(m.start(), m.end(), (expr,))


_DATE_AFTER = re.compile(rf"{_OSP}[,(]?{_OSP}(?:ngày{_SP})?[0-9]{{1,2}}[/.-][0-9]", re.IGNORECASE)


def _weekday_licensed(text: str, m: re.Match[str], g: _Grammar) -> bool:
    """A weekday, not an ordinal ("lần thứ hai", "kỳ họp thứ 5 vừa qua", "ngày thứ bảy")."""
    last = m["wd"].split()[-1]
    named = last[:1].isupper() or m["wd"].lower().startswith("chủ")
    week = (m["qual"] or "").lower().startswith("tuần")
    dated = _DATE_AFTER.match(text, m.end()) is not None
    if named or week or dated or m["tod"]:
        return True
    if m["dw"]:  # "hôm thứ hai" is a weekday, "ngày thứ hai" usually "the second day"
        return m["dw"].lower() == "hôm"
    return g.before(g.weekday_license_re, text, m.start())


def _on_weekday(text: str, m: re.Match[str], g: _Grammar) -> _Hit | None:
    """"thứ Hai (tuần trước)", "sáng Chủ nhật", "thứ 6 tuần tới", "vào thứ năm"."""
    wd = g.lex.get("weekday", m["wd"])
    if wd is None or not _weekday_licensed(text, m, g):
        return None
    expr = _expr(text, m.start(), m.end(), "weekday", weekday=int(wd),
                 time_of_day=g.lex.get("time_of_day", m["tod"]),
                 **_qualifier(g, m, "week_qualifier"))
    return _Hit(m.start(), m.end(), (expr,))


def _all_hits(text: str, g: _Grammar) -> list[_Hit]:
    hits: list[_Hit] = []
    low = text.lower()
    for (pattern, handler), needles in zip(g.rules, g.needles, strict=True):
        if not any(n in low for n in needles):
            continue
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            hit = handler(text, m, g)
            if hit is not None:
                hits.append(hit)
            pos = m.start() + 1
    return hits


def _select(text: str, hits: list[_Hit], g: _Grammar) -> list[_Hit]:
    """Leftmost-longest, non-overlapping; chained bare d/m only right after a kept date."""
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if chosen and hit.start < chosen[-1].end:
            continue
        if hit.chain:
            gap_start = chosen[-1].end if chosen else 0
            if not chosen or not g.connector_re.fullmatch(text, gap_start, hit.start):
                continue
        chosen.append(hit)
    return chosen


_MERGE_GAP = re.compile(rf"{_OSP}[,(]?{_OSP}")


def _merge_weekdays(text: str, exprs: list[DateExpr]) -> list[DateExpr]:
    """"Thứ hai, 07/06/2021", "thứ Sáu (8/3)": the weekday joins the date that follows."""
    out: list[DateExpr] = []
    for expr in exprs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "weekday"
            and prev.offset_unit is None
            and prev.direction is None
            and expr.kind in ("absolute", "day_month")
            and _MERGE_GAP.fullmatch(text, prev.end, expr.start)
        ):
            closes = "(" in text[prev.end:expr.start] and text[expr.end:expr.end + 1] == ")"
            end = expr.end + 1 if closes else expr.end
            out[-1] = _expr(text, prev.start, end, expr.kind, date=expr.date,
                            time_of_day=prev.time_of_day or expr.time_of_day,
                            offset_unit=expr.offset_unit, offset_count=expr.offset_count,
                            direction=expr.direction, weekday=prev.weekday)
            continue
        out.append(expr)
    return out


def find_dates(text: str) -> list[DateExpr]:
    """All date expressions of ``text``, in order and non-overlapping.

    >>> [(e.text, e.kind) for e in find_dates("Tối 11/3, hai bên đàm phán; hôm qua họ đã gặp.")]
    [('Tối 11/3', 'day_month'), ('hôm qua', 'relative')]
    >>> [e.date.iso() for e in find_dates("Từ ngày 1/1 đến ngày 4/1/2023, tỷ số 3-1.")]
    ['--01-01', '2023-01-04']
    >>> find_dates("Khoảng 1/3 dân số, nhiệt độ 8-11°C, tỷ lệ 80,1%.")
    []
    """
    g = _grammar()
    hits = _select(text, _all_hits(text, g), g)
    return _merge_weekdays(text, [e for h in hits for e in h.exprs])


_ISO_STAMP = re.compile(
    r"(?<![0-9])(?P<y>[0-9]{4})[-/](?P<m>[0-9]{2})[-/](?P<d>[0-9]{2})"
    r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?(?![0-9])"
)
_DMY_STAMP = re.compile(r"(?<![0-9])(?P<d>[0-9]{1,2})([/.-])(?P<m>[0-9]{1,2})\2(?P<y>[0-9]{4})"
                        r"(?![0-9])")
_CLOCK = re.compile(r"(?<![0-9])[0-9]{1,2}(?::[0-9]{2}){1,2}(?![0-9])|(?<![0-9])[0-9]{1,2}h[0-9]{0,2}"
                    r"(?!\w)|(?:GMT|UTC)\s*[+-]?\s*[0-9]{0,2}(?::?[0-9]{2})?", re.IGNORECASE)


def _stamp_date(line: str) -> tuple[PartialDate, str] | None:
    """The first full date of a line and the line without it."""
    for pattern in (_ISO_STAMP, _DMY_STAMP):
        m = pattern.search(line)
        if m is None:
            continue
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if 1000 <= y <= 2999 and valid_parts(y, mo, d):
            return PartialDate(y, mo, d), line[:m.start()] + " " + line[m.end():]
    for expr in find_dates(line):
        if expr.kind == "absolute" and expr.date is not None:
            return expr.date, line[:expr.start] + " " + line[expr.end:]
    return None


@lru_cache(maxsize=1)
def _label_words() -> frozenset[str]:
    return frozenset(w for p in _grammar().lex.phrases("timestamp_label") for w in p.split())


def parse_timestamp(line: str) -> PartialDate | None:
    """The date of a page or byline timestamp line; None when the line is not one.

    >>> parse_timestamp("Thứ hai, 07/06/2021 10:15 (GMT+7)")
    PartialDate(year=2021, month=6, day=7)
    >>> parse_timestamp("Cập nhật: 08:30 ngày 12/3/2024").iso()
    '2024-03-12'
    >>> parse_timestamp("Hội nghị ngày 12/3/2024 đã thông qua nghị quyết về hợp tác") is None
    True
    """
    if len(line) > 160:
        return None
    found = _stamp_date(line)
    if found is None:
        return None
    when, rest = found
    has_clock = _CLOCK.search(rest) is not None
    rest = _CLOCK.sub(" ", rest).lower()
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w not in _label_words()]
    return when if len(words) <= (4 if has_clock else 1) else None


def parse_iso_like(value: str) -> PartialDate | None:
    """A record's date field at the precision it gives; None when unreadable.

    >>> [parse_iso_like(v).iso() for v in ("2026-02-02T04:57:43+00:00", "23/10/2013 11:39",
    ...                                    "20210430", "2021-04")]
    ['2026-02-02', '2013-10-23', '2021-04-30', '2021-04']
    >>> parse_iso_like("không rõ") is None
    True
    """
    value = value.strip()
    if not value:
        return None
    exact = PartialDate.from_iso(value)
    if exact is not None:
        return exact
    compact = re.fullmatch(r"([0-9]{4})([0-9]{2})([0-9]{2})", value)
    if compact:
        y, mo, d = (int(x) for x in compact.groups())
        return PartialDate(y, mo, d) if valid_parts(y, mo, d) and y >= 1000 else None
    for pattern in (_ISO_STAMP, _DMY_STAMP):
        m = pattern.match(value)
        if m is not None:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            return PartialDate(y, mo, d) if valid_parts(y, mo, d) and y >= 1000 else None
    try:
        parsed = parsedate_to_datetime(value)  # "Mon, 07 Jun 2021 10:15:00 +0700"
    except (TypeError, ValueError, IndexError):
        return None
    return PartialDate(parsed.year, parsed.month, parsed.day)
