"""Completing a date expression against an anchor date (publication date, nearby full date).

Choices (documented in the package docstring too):

* A day-month without a year takes the year that puts it in the window
  (anchor − 303 days, anchor + 62 days]: news reports the past, so "ngày 28/12" in an
  article of 2022-01-05 is 2021-12-28, while "ngày 5/1" in one of 2022-12-28 is 2023-01-05.
  A month without a year likewise lies from 9 months before to 2 months after the anchor.
* "tuần trước"/"tuần tới" give the MONTH of anchor ∓ 7 days (a week is not a day); "cuối
  tuần qua/này/tới" gives the Saturday of that weekend (a ±1 day match covers Sunday).
* A weekday is the most recent such day on or before the anchor; with "tuần trước" the one
  of the previous (Monday-first) week, with "tới" the next one after the anchor.
* Expressions that need more of the anchor than it has give ``(None, "unknown")``, except a
  day-month, which stays ``--MM-DD``.
"""

from __future__ import annotations

from datetime import date, timedelta

from sukien.dates.parse import DateExpr, PartialDate, valid_parts

_AFTER_DAYS = 62
_BEFORE_DAYS = 365 - _AFTER_DAYS
_SATURDAY = 5


def _ref_day(anchor: PartialDate) -> date | None:
    """The anchor as a day: its own day, else the 15th of its month; None without a month."""
    if anchor.year is None or anchor.month is None:
        return None
    return date(anchor.year, anchor.month, anchor.day or 15)


def _shift_month(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def _day_month_year(month: int, day: int, anchor: PartialDate, direction: str | None) -> int:
    """The year for day/month given an anchor with a year (see module docstring)."""
    assert anchor.year is not None
    ref = _ref_day(anchor)
    if ref is None:
        return anchor.year
    for year in (ref.year - 1, ref.year, ref.year + 1):
        when = date(year, month, min(day, 28) if month == 2 else day)
        delta = (when - ref).days
        if direction == "past" and -365 < delta <= 0:
            return year
        if direction == "future" and 0 <= delta < 365:
            return year
        if direction is None and -_BEFORE_DAYS < delta <= _AFTER_DAYS:
            return year
    return ref.year


def _resolve_day_month(expr: DateExpr, anchor: PartialDate | None) -> tuple[str | None, str]:
    assert expr.date is not None and expr.date.month is not None and expr.date.day is not None
    month, day = expr.date.month, expr.date.day
    if anchor is None or anchor.year is None:
        return PartialDate(None, month, day).iso(), "unknown"
    if expr.offset_unit == "year" and expr.offset_count is not None:
        year = anchor.year + expr.offset_count
    else:
        year = _day_month_year(month, day, anchor, expr.direction)
    if not valid_parts(year, month, day):  # 29/2 in a common year
        return PartialDate(None, month, day).iso(), "unknown"
    return PartialDate(year, month, day).iso(), "relative"


def _resolve_month(expr: DateExpr, anchor: PartialDate | None) -> tuple[str | None, str]:
    assert expr.date is not None and expr.date.month is not None
    month = expr.date.month
    if expr.date.year is not None:
        return expr.date.iso(), "explicit"
    if anchor is None or anchor.year is None:
        return None, "unknown"
    year = anchor.year
    if expr.offset_unit == "year" and expr.offset_count is not None:
        year += expr.offset_count
    elif anchor.month is not None:
        diff = month - anchor.month
        if expr.direction == "future":
            year += 1 if diff < 0 else 0
        elif expr.direction == "past":
            year -= 1 if diff > 0 else 0
        else:
            year += -1 if diff > 2 else 1 if diff < -9 else 0
    return PartialDate(year, month, None).iso(), "relative"


def _weekend(day: date, count: int) -> date:
    """Saturday of "cuối tuần qua" (count < 0), "này" (0), "tới" (> 0)."""
    if count < 0:
        back = (day.weekday() - _SATURDAY) % 7 or 7
        return day - timedelta(days=back + 7 * (-count - 1))
    return day + timedelta(days=_SATURDAY - day.weekday() + 7 * count)


def _resolve_relative(expr: DateExpr, anchor: PartialDate | None) -> tuple[str | None, str]:
    unit, count = expr.offset_unit, expr.offset_count
    if count is None:
        count = expr.offset_days
    if anchor is None or anchor.year is None or unit is None or count is None:
        return None, "unknown"
    if unit == "year":
        return PartialDate(anchor.year + count, None, None).iso(), "relative"
    if unit == "month":
        if anchor.month is None:
            return None, "unknown"
        year, month = _shift_month(anchor.year, anchor.month, count)
        return PartialDate(year, month, None).iso(), "relative"
    day = anchor.to_date()
    if day is None:
        return None, "unknown"
    if unit == "day":
        shifted = day + timedelta(days=count)
        return PartialDate(shifted.year, shifted.month, shifted.day).iso(), "relative"
    if expr.approx == "late":
        sat = _weekend(day, count)
        return PartialDate(sat.year, sat.month, sat.day).iso(), "relative"
    mid = day + timedelta(days=7 * count)
    return PartialDate(mid.year, mid.month, None).iso(), "relative"


def _resolve_weekday(expr: DateExpr, anchor: PartialDate | None) -> tuple[str | None, str]:
    day = anchor.to_date() if anchor is not None else None
    if day is None or expr.weekday is None:
        return None, "unknown"
    wd = expr.weekday
    if expr.offset_unit == "week" and expr.offset_count is not None:
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=expr.offset_count)
        found = monday + timedelta(days=wd)
    elif expr.direction == "future":
        found = day + timedelta(days=(wd - day.weekday()) % 7 or 7)
    elif expr.direction == "past":
        found = day - timedelta(days=(day.weekday() - wd) % 7 or 7)
    else:
        found = day - timedelta(days=(day.weekday() - wd) % 7)
    return PartialDate(found.year, found.month, found.day).iso(), "relative"


def resolve(expr: DateExpr, anchor: PartialDate | None) -> tuple[str | None, str]:
    """``(iso, basis)`` for an expression; basis ``explicit``, ``relative`` or ``unknown``.

    ``explicit``: the expression alone gives the date (with its year); ``relative``:
    completed or computed from the anchor; ``unknown``: the anchor could not help (a
    day-month then still gives ``--MM-DD``).

    >>> from sukien.dates.parse import find_dates
    >>> tet = PartialDate(2022, 1, 5)
    >>> [resolve(e, tet) for e in find_dates("Hôm qua ông nhắc lại cuộc gặp ngày 28/12.")]
    [('2022-01-04', 'relative'), ('2021-12-28', 'relative')]
    >>> [resolve(e, None) for e in find_dates("tối 11/3, ngày 14/9/2020")]
    [('--03-11', 'unknown'), ('2020-09-14', 'explicit')]
    """
    if expr.kind in ("absolute", "year"):
        return (expr.date.iso() if expr.date else None), "explicit"
    try:
        return _resolve_from_anchor(expr, anchor)
    except (ValueError, OverflowError):  # an anchor at the edge of the calendar (year 1, 9999)
        return None, "unknown"


def _resolve_from_anchor(expr: DateExpr, anchor: PartialDate | None) -> tuple[str | None, str]:
    if expr.kind == "day_month":
        return _resolve_day_month(expr, anchor)
    if expr.kind == "month":
        return _resolve_month(expr, anchor)
    if expr.kind == "relative":
        return _resolve_relative(expr, anchor)
    if expr.kind == "weekday":
        return _resolve_weekday(expr, anchor)
    return None, "unknown"
