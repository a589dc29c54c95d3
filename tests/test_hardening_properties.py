"""Hardening: property-based tests over the page splitter, dates, actors, quotes and events.

No exceptions on random Vietnamese-like pages; offsets inside the text; evidence strings are
substrings of the article body; dates well formed. ``make test`` runs the "ci" Hypothesis
profile (200 examples per property); the ``@pytest.mark.slow`` variants run 3000 each
(``make test-slow``). ``HYPOTHESIS_PROFILE=slow`` raises the default for the fast tests too.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sukien.actors import link_article
from sukien.dates import PartialDate, find_dates, resolve
from sukien.page import extract_articles
from sukien.pipeline import Resources, process_article
from sukien.quotes import find_quotes
from sukien.quotes.attribute import attribute_quotes
from sukien.records import Article, Document

settings.register_profile("ci", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("slow", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
SLOW = settings(max_examples=3000, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ISO = re.compile(r"^(\d{4}(-\d\d(-\d\d)?)?|--\d\d-\d\d)$")
RES = Resources.load()  # once per module: lexicons, tables, page resources
QUAD = {**dict.fromkeys(("01", "02", "03", "04", "05"), 1), **dict.fromkeys(("06", "07", "08"), 2),
        **dict.fromkeys(("09", "10", "11", "12", "13"), 3), **dict.fromkeys(
            ("14", "15", "16", "17", "18", "19", "20"), 4)}

# ---------------------------------------------------------------- strategies
WORDS = tuple(re.split(r"\s+", (
    "ngày hôm qua tối sáng tuần tháng năm trước tới sau này thứ Hai Ba hội đàm gặp với tại "
    "và của các những cho biết nói khẳng định cho rằng tuyên bố kêu gọi lên án phản đối ký "
    "thỏa thuận hợp tác viện trợ tấn công không kích trừng phạt đe dọa rút quân ngừng bắn "
    "Ngoại trưởng Bộ trưởng Tổng thống Thủ tướng Chủ tịch ông bà người phát ngôn quân đội "
    "chính phủ phe đối lập Liên hợp quốc NATO EU hãng tin theo Ảnh Video Tin liên quan "
    "không chưa sẽ có thể muốn dự kiến đã đang vừa quốc tế an ninh năng lượng biên giới"
).strip()))
PUNCT = [",", ".", ":", ";", "-", "–", "(", ")", "!", "?", "…", "\"", "“", "”", "«", "»", "'"]
STAMPS = ["09:15 | 02/03/2026 GMT+7", "Thứ Hai, 2/3/2026, 09:15 (GMT+7)", "02/03/2026 09:15",
          "Cập nhật: 14:20 ngày 11/3/2022", "(theo TASS)", "Minh Anh", "Tin liên quan", "TTXVN"]
ACTOR_NAMES = sorted({a.name for a in RES.actors.actors.values() if a.name}
                     | {al for a in RES.actors.actors.values() for al in a.aliases if al})[:4000]
DATE_BITS = ["ngày 1/3", "tối 11/3", "tháng 10/2022", "hôm qua", "thứ Hai tuần trước", "năm 2022",
             "ngày 29/2", "ngày 31/4", "14/9/2020", "2024-02-30", "rạng sáng nay", "3 ngày trước"]

token = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(PUNCT),
    st.sampled_from(ACTOR_NAMES), st.sampled_from(DATE_BITS),
    st.integers(0, 3000).map(str),
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
                     "ùúủũụừứửữựỳýỷỹỵ ĐÂ\"“”:,.", max_size=8),
)
sentence = st.lists(token, min_size=1, max_size=25).map(" ".join)
quoted = st.tuples(sentence, sentence, st.sampled_from(["nói", "cho biết", "khẳng định", "nhấn mạnh"])).map(
    lambda t: f"“{t[0]}”, ông {t[1].split(' ')[0]} {t[2]}.")
VERBS = ["lên án", "hội đàm với", "kêu gọi", "tấn công", "ký thỏa thuận với", "viện trợ cho", "trừng phạt",
         "đe dọa", "không kích", "phản đối", "ủng hộ", "gặp", "cáo buộc", "hoan nghênh", "không lên án",
         "có thể tấn công", "dự kiến gặp"]
STATES = ["Nga", "Trung Quốc", "Mỹ", "Ukraine", "Việt Nam", "Nhật Bản", "Israel", "Iran", "Liên hợp quốc",
          "NATO", "EU", "Tổng thống Mỹ", "Ngoại trưởng Nga Sergei Lavrov", "Thủ tướng Israel"]
event_line = st.tuples(st.sampled_from(DATE_BITS), st.sampled_from(STATES), st.sampled_from(VERBS),
                       st.sampled_from(STATES), sentence).map(
    lambda t: f"{t[0].capitalize()}, {t[1]} đã {t[2]} {t[3]} {t[4]}.")
line = st.one_of(sentence, event_line, event_line, quoted, st.sampled_from(STAMPS), st.just(""),
                 sentence.map(lambda s: s + " " + s))  # a line glued to its own copy
page_text = st.lists(line, min_size=0, max_size=30).flatmap(
    lambda lines: st.lists(st.integers(0, max(len(lines) - 1, 0)), max_size=3).map(
        lambda dups: "\n".join(lines + [lines[i] for i in dups if lines])))  # duplicated lines
body_text = st.lists(st.one_of(sentence, event_line, quoted), min_size=0, max_size=12).map(
    lambda parts: "\n\n".join(p for p in parts))
anchors = st.one_of(st.none(), st.dates().map(lambda d: PartialDate(d.year, d.month, d.day)),
                    st.integers(1, 9999).map(lambda y: PartialDate(y, None, None)))


def _article(body: str, title: str = "", published: str | None = None) -> Article:
    return Article(article_id="t#1", doc_id="t", title=title, title_line=None, body=body, body_lines=(),
                   published=published)


# ---------------------------------------------------------------- checks

def check_page(text: str, fmt: str) -> None:
    doc = Document("t", text, "t.txt", "h", fmt)
    articles = extract_articles(doc, RES.page)
    src = text.split("\n")
    for n, art in enumerate(articles, 1):
        assert art.article_id == f"t#{n}"
        if fmt == "record":
            assert art.body_lines == ()
            continue
        assert all(1 <= no <= len(src) for no in art.body_lines)
        assert list(art.body_lines) == sorted(set(art.body_lines))
        paras = art.body.split("\n\n") if art.body else []
        assert len(paras) == len(art.body_lines)
        for para, no in zip(paras, art.body_lines, strict=True):
            words = para.split()
            assert words, (no, para)
            assert " ".join(words) in " ".join(src[no - 1].split()) or set(words) <= set(src[no - 1].split()), (
                no, para, src[no - 1])
        if art.title_line is not None:
            assert 1 <= art.title_line <= len(src)


def check_dates(text: str, anchor: PartialDate | None) -> None:
    last = 0
    for e in find_dates(text):
        assert last <= e.start < e.end <= len(text)
        last = e.end
        assert text[e.start:e.end] == e.text
        if e.date is not None and e.date.iso() is not None:
            assert ISO.match(e.date.iso())
        iso, basis = resolve(e, anchor)
        assert iso is None or ISO.match(iso), (e, iso)
        assert basis in ("explicit", "relative", "unknown")


def check_actors(title: str, body: str) -> None:
    art = _article(body, title)
    linked = link_article(art, RES.actors)
    for m in linked.mentions:
        text = art.title if m.field == "title" else art.body
        assert 0 <= m.start < m.end <= len(text), m
        assert text[m.start:m.end] == m.text, m
    assert len(set(linked.actor_ids)) == len(linked.actor_ids)
    assert {a.id for a in linked.actors} <= set(linked.actor_ids) | set(RES.actors.actors)


def check_quotes(body: str, published: str | None) -> None:
    spans = find_quotes(body)
    for q in spans:
        assert 0 <= q.start <= q.end <= len(body)
        assert body[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start <= q.speaker_end <= len(body)
            assert body[q.speaker_start:q.speaker_end] == q.speaker_text
    art = _article(body, published=published)
    mentions = list(link_article(art, RES.actors).mentions)
    anchor = PartialDate.from_iso(published)
    for q in attribute_quotes(art, spans, mentions, anchor, published):
        assert body[q.char_start:q.char_end] == q.text
        assert q.date is None or ISO.match(q.date), q.date


def check_events(text: str, published: str | None) -> None:
    doc = Document("t", text, "t.txt", "h", "text", date=published)
    for art in extract_articles(doc, RES.page):
        ids, mentions, events, quotes, actors = process_article(art, RES)
        body = art.body
        for m in mentions:
            assert (art.title if m.field == "title" else body)[m.start:m.end] == m.text
        for q in quotes:
            assert body[q.char_start:q.char_end] == q.text
        for e in events:
            assert 0 <= e.char_start < e.char_end <= len(body)
            assert e.sentence == body[e.char_start:e.char_end], e
            assert e.date is None or ISO.match(e.date), e.date
            assert e.root == e.cameo[:2]
            assert e.quad_class == QUAD[e.root], (e.cameo, e.quad_class)
            assert -10.0 <= e.goldstein <= 10.0
            assert e.source is None or e.source in actors or "." in e.source or e.source in RES.actors.actors
            assert e.trigger == "" or e.trigger.lower() in body.lower()


published = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


# ---------------------------------------------------------------- fast ("ci" profile)

@given(page_text, st.sampled_from(["text", "record"]))
def test_hardening_property_page(text: str, fmt: str) -> None:
    check_page(text, fmt)


@given(st.one_of(sentence, body_text), anchors)
def test_hardening_property_dates(text: str, anchor: PartialDate | None) -> None:
    check_dates(text, anchor)


@given(sentence, body_text)
def test_hardening_property_actors(title: str, body: str) -> None:
    check_actors(title, body)


@given(body_text, published)
def test_hardening_property_quotes(body: str, pub: str | None) -> None:
    check_quotes(body, pub)


@given(page_text, published)
def test_hardening_property_events(text: str, pub: str | None) -> None:
    check_events(text, pub)


# ---------------------------------------------------------------- slow (3000 examples each)

@pytest.mark.slow
@SLOW
@given(page_text, st.sampled_from(["text", "record"]))
def test_hardening_property_page_slow(text: str, fmt: str) -> None:
    check_page(text, fmt)


@pytest.mark.slow
@SLOW
@given(st.one_of(sentence, body_text), anchors)
def test_hardening_property_dates_slow(text: str, anchor: PartialDate | None) -> None:
    check_dates(text, anchor)


@pytest.mark.slow
@SLOW
@given(sentence, body_text)
def test_hardening_property_actors_slow(title: str, body: str) -> None:
    check_actors(title, body)


@pytest.mark.slow
@SLOW
@given(body_text, published)
def test_hardening_property_quotes_slow(body: str, pub: str | None) -> None:
    check_quotes(body, pub)


@pytest.mark.slow
@SLOW
@given(page_text, published)
def test_hardening_property_events_slow(text: str, pub: str | None) -> None:
    check_events(text, pub)
