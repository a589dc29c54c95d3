"""Property test: find_dates/resolve never fail on random Vietnamese-ish text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sukien.dates import PartialDate, find_dates, parse_timestamp, resolve

ISO = re.compile(r"^(\d{4}(-\d\d(-\d\d)?)?|--\d\d-\d\d)$")

WORDS = [
    "ngày", "hôm", "tối", "sáng", "chiều", "đêm", "trưa", "rạng", "qua", "nay", "mai", "kia",
    "tuần", "tháng", "năm", "trước", "tới", "sau", "ngoái", "này", "thứ", "Hai", "hai", "Ba",
    "tư", "Năm", "Sáu", "bảy", "Chủ", "nhật", "đầu", "giữa", "cuối", "từ", "đến", "vào", "và",
    "cách", "đây", "vừa", "Mười", "một", "những", "ánh", "lần", "COVID", "Nga", "dân", "số",
    "(", ")", ",", "-", "/", ".", "%", "°C", "\n", "h", ":", "hôm qua", "thứ Hai", "tuần trước",
    "cuối tuần qua", "sáng nay", "rạng sáng", "tháng 3", "năm 2022", "ngày 8-9", "29/2",
]
TOKENS = st.one_of(
    st.sampled_from(WORDS),
    st.integers(min_value=0, max_value=3000).map(str),
    st.tuples(st.integers(0, 40), st.sampled_from("/-."), st.integers(0, 14)).map(
        lambda t: f"{t[0]}{t[1]}{t[2]}"),
    st.text(alphabet="0123456789/-.,()ngàyhôm ", max_size=6),
)
TEXTS = st.lists(TOKENS, max_size=30).flatmap(
    lambda toks: st.lists(st.sampled_from([" ", " ", " ", "", "  "]), min_size=len(toks),
                          max_size=len(toks)).map(
        lambda seps: "".join(t + s for t, s in zip(toks, seps, strict=True))))
ANCHORS = st.one_of(
    st.none(),
    st.dates().map(lambda d: PartialDate(d.year, d.month, d.day)),
    st.integers(1900, 2100).map(lambda y: PartialDate(y, None, None)),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS, ANCHORS)
def test_find_dates_is_total_and_well_formed(text: str, anchor: PartialDate | None) -> None:
    found = find_dates(text)
    last_end = 0
    for expr in found:
        assert 0 <= expr.start < expr.end <= len(text)
        assert expr.start >= last_end
        last_end = expr.end
        assert text[expr.start:expr.end] == expr.text
        if expr.date is not None and expr.date.iso() is not None:
            assert ISO.match(expr.date.iso() or "")
        iso, basis = resolve(expr, anchor)
        assert basis in ("explicit", "relative", "unknown")
        assert iso is None or ISO.match(iso)
    stamp = parse_timestamp(text)
    assert stamp is None or ISO.match(stamp.iso() or "")
