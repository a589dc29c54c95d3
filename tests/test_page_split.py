"""Page stage: synthetic Vietnamese pages (written for these tests) → articles.

Each page is built from the chrome a scraped Vietnamese news page carries: navigation,
header timestamp, title, byline, sapo, captions ("… - Hình 1", "Ảnh: Reuters", an English
caption), follow widgets, "Video đang HOT", related links printed twice, teaser blocks,
"(theo Reuters)" credits and "Tin liên quan" listings with sidebar timestamps.
"""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sukien.page import PageResources, extract_articles
from sukien.page.glued import caption_spans, cut_captions, glued_byline
from sukien.records import Article, Document


@pytest.fixture(scope="module")
def res() -> PageResources:
    return PageResources.load()


def _doc(text: str, doc_id: str = "trang", **kw: object) -> Document:
    fmt = kw.pop("format", "text")
    return Document(doc_id, text, f"{doc_id}.txt", hashlib.sha256(text.encode()).hexdigest(),
                    str(fmt), **kw)  # type: ignore[arg-type]


def _lines(page: str) -> list[str]:
    return page.split("\n")


def _line_no(page: str, startswith: str) -> int:
    """1-based number of the first line of ``page`` starting with ``startswith``."""
    for no, line in enumerate(_lines(page), 1):
        if line.startswith(startswith):
            return no
    raise AssertionError(startswith)


TITLE = "Lào và Campuchia ký thỏa thuận hợp tác quản lý nguồn nước sông Mê Kông"
SAPO = ("Bộ trưởng Ngoại giao hai nước láng giềng đã nhất trí cùng quản lý nguồn nước "
        "trên dòng Mê Kông trong giai đoạn mới.")
BODY1 = ("Theo thông cáo chung, hai bên sẽ thành lập một ủy ban liên hợp để chia sẻ dữ liệu "
         "thủy văn và phối hợp vận hành các hồ chứa ở thượng nguồn.")
BODY2 = ("Ngoại trưởng Lào nhấn mạnh rằng thỏa thuận này sẽ giúp người dân hai bên bờ sông "
         "giảm thiệt hại do lũ lụt và hạn hán kéo dài.")
BODY3 = ("Phía Campuchia cho biết các chuyên gia của hai nước sẽ gặp nhau vào tháng tới để "
         "xây dựng lộ trình cụ thể cho từng hạng mục hợp tác.")
TEASER = "Thái Lan đề xuất mở rộng hợp tác tiểu vùng Mê Kông mở rộng"
RELATED = "Lào và Campuchia tăng cường hợp tác biên giới"

FULL_PAGE = "\n".join([
    "Trang chủ Thế giới Thời sự quốc tế",
    "09:15 | 12/03/2024 GMT+7",
    "",
    TITLE,
    "",
    SAPO,
    f"{TITLE} - Hình 1",
    "Bộ trưởng Ngoại giao hai nước tại lễ ký kết ở Viêng Chăn. Ảnh: Reuters",
    "The two ministers meet in Vientiane on Monday with the agreement in hand",
    "Theo dõi Baoquocte.vn trên",
    "",
    BODY1,
    "",
    "Video đang HOT",
    "",
    BODY2,
    f"{RELATED} {RELATED}",
    "",
    TEASER,
    "",
    TEASER,
    "",
    "14:20 | 11/03/2024",
    "Thủ tướng Thái Lan kêu gọi các nước trong tiểu vùng cùng nhau ứng phó với biến đổi khí hậu.",
    "",
    BODY3,
    "",
    "Minh Anh",
    "(theo Reuters)",
    "",
    "Tin liên quan",
    "",
    "Việt Nam và Lào ký kết nhiều văn kiện hợp tác quan trọng",
    "",
    "Việt Nam và Lào ký kết nhiều văn kiện hợp tác quan trọng",
    "",
    "10:05 | 13/03/2024",
    "Hai nước đã ký kết nhiều văn kiện hợp tác trong các lĩnh vực giáo dục, y tế và năng lượng.",
    "Campuchia khánh thành cây cầu mới bắc qua sông Mê Kông",
    "",
    "Campuchia khánh thành cây cầu mới bắc qua sông Mê Kông",
    "",
    "08:00 | 10/03/2024",
    "Cây cầu dài hơn hai cây số được kỳ vọng sẽ thúc đẩy giao thương giữa các tỉnh phía đông.",
])


def _one(res: PageResources, page: str, **kw: object) -> list[Article]:
    return extract_articles(_doc(page, **kw), res)


def test_page_full_chrome_one_article(res: PageResources) -> None:
    arts = _one(res, FULL_PAGE)
    assert len(arts) == 1
    art = arts[0]
    assert art.article_id == "trang#1"
    assert art.title == TITLE
    assert art.title_line == _line_no(FULL_PAGE, TITLE)


def test_page_body_lines_exclude_chrome(res: PageResources) -> None:
    art = _one(res, FULL_PAGE)[0]
    expected = [_line_no(FULL_PAGE, x) for x in (SAPO, BODY1, BODY2, BODY3)]
    assert list(art.body_lines) == expected
    assert art.body == "\n\n".join([SAPO, BODY1, BODY2, BODY3])
    for chrome in ("Video đang HOT", "Theo dõi", TEASER, RELATED, "Tin liên quan", "Hình 1", "Thủ tướng Thái Lan"):
        assert chrome not in art.body


def test_page_captions_collected(res: PageResources) -> None:
    caps = _one(res, FULL_PAGE)[0].captions
    assert f"{TITLE} - Hình 1" in caps
    assert "Bộ trưởng Ngoại giao hai nước tại lễ ký kết ở Viêng Chăn. Ảnh: Reuters" in caps
    assert "The two ministers meet in Vientiane on Monday with the agreement in hand" in caps


def test_page_byline_credit_outlet(res: PageResources) -> None:
    art = _one(res, FULL_PAGE)[0]
    assert art.author == "Minh Anh"
    assert art.wire_sources == ("Reuters",)
    assert art.outlet == "baoquocte.vn"


def test_page_header_timestamp_and_sidebar_bound(res: PageResources) -> None:
    art = _one(res, FULL_PAGE)[0]
    assert (art.published, art.published_basis) == ("2024-03-12", "header")
    # teaser/sidebar timestamps after the text are only an upper bound
    assert art.published_not_after == "2024-03-13"


def test_page_byline_timestamp(res: PageResources) -> None:
    page = "\n".join([TITLE, "", "21:47 | 07/06/2021 GMT+7", "", SAPO, "", BODY1, "", "Hà Linh (TH)"])
    art = _one(res, page)[0]
    assert (art.published, art.published_basis) == ("2021-06-07", "byline")
    assert art.author == "Hà Linh"
    assert art.published_not_after is None


def test_page_no_date_is_unknown(res: PageResources) -> None:
    page = "\n".join([TITLE, "", SAPO, "", BODY1, "", BODY2])
    art = _one(res, page)[0]
    assert (art.published, art.published_basis) == (None, "unknown")
    assert art.outlet is None and art.author is None


def test_page_second_story_appended(res: PageResources) -> None:
    title2 = "Thái Lan và Myanmar nhất trí tăng cường tuần tra chung trên biên giới"
    page = "\n".join([
        TITLE, "", SAPO, "", BODY1, "", BODY2, "",
        title2, "",
        "Quân đội hai nước sẽ tổ chức các đợt tuần tra chung hằng tháng dọc tuyến biên giới dài.",
        "", f"{title2} - Hình 1",
        "Binh sĩ Thái Lan tuần tra ở khu vực biên giới. Ảnh: AFP", "",
        "Theo người phát ngôn quân đội Thái Lan, các đợt tuần tra đầu tiên sẽ bắt đầu từ tuần sau.",
    ])
    arts = _one(res, page)
    assert [a.title for a in arts] == [TITLE, title2]
    assert [a.article_id for a in arts] == ["trang#1", "trang#2"]
    assert arts[0].body_lines == (3, 5, 7)
    assert arts[1].title_line == 9
    assert arts[1].body_lines == (11, 16)
    assert arts[1].captions == (f"{title2} - Hình 1", "Binh sĩ Thái Lan tuần tra ở khu vực biên giới. Ảnh: AFP")


def test_page_crosshead_stays_in_article(res: PageResources) -> None:
    page = "\n".join([
        TITLE, "", SAPO, "", BODY1, "",
        "Những thách thức còn ở phía trước của cả hai quốc gia", "",
        BODY2, "", BODY3,
    ])
    arts = _one(res, page)
    assert len(arts) == 1
    assert arts[0].body_lines == (3, 5, 9, 11)


def test_page_headline_after_byline_starts_story(res: PageResources) -> None:
    title2 = "Indonesia công bố kế hoạch xây dựng thủ đô mới trên đảo Borneo"
    page = "\n".join([
        TITLE, "", SAPO, "", BODY1, "", "Minh Anh", "",
        title2, "",
        "Chính phủ Indonesia cho biết việc di dời các cơ quan trung ương sẽ bắt đầu từ năm sau.",
    ])
    arts = _one(res, page)
    assert [a.title for a in arts] == [TITLE, title2]
    assert arts[0].author == "Minh Anh" and arts[1].author is None


def test_page_no_title_date_prefix(res: PageResources) -> None:
    page = "\n".join([
        "date 2025-12-19 " + BODY1, "", BODY2, "", "Ảnh: TASS", "", BODY3,
    ])
    arts = _one(res, page)
    assert len(arts) == 1
    art = arts[0]
    assert art.title == "" and art.title_line is None
    assert art.body_lines == (1, 3, 7)
    assert art.body.startswith("Theo thông cáo chung")  # the prefix is not body text
    assert (art.published, art.published_basis) == ("2025-12-19", "header")


def test_page_glued_byline_and_caption(res: PageResources) -> None:
    prose = ("Hải quân Indonesia cho biết đã tìm thấy các mảnh vỡ của con tàu ở độ sâu lớn ngoài "
             "khơi đảo Bali.")
    caption = "Tàu cứu hộ của Singapore tham gia tìm kiếm (Ảnh: Reuters)."
    page = "\n".join([TITLE, prose + " " + caption, BODY1, "Minh PhươngTheo ABC News"])
    art = _one(res, page)[0]
    assert art.body_lines == (2, 3)
    assert art.body.split("\n\n")[0] == prose
    assert caption in art.captions
    assert art.author == "Minh Phương"
    assert "ABC News" in art.wire_sources


def test_page_record_24h_chrome_trimmed(res: PageResources) -> None:
    body = ("Sáng 5/2, Bộ Ngoại giao cho biết đoàn công tác đã đến thủ đô Viêng Chăn để chuẩn bị "
            "cho chuyến thăm chính thức. Hai bên dự kiến ký kết nhiều văn kiện hợp tác quan trọng.")
    caption = "Quang cảnh buổi đón tiếp tại sân bay Wattay."
    more = ("Theo kế hoạch, lãnh đạo hai nước sẽ hội đàm và gặp gỡ báo chí vào chiều cùng ngày "
            "tại Phủ Chủ tịch Lào.")
    teaser = ("Thủ tướng Campuchia vừa có chuyến thăm chính thức tới Thái Lan, hai bên nhất trí "
              "thúc đẩy thương mại song phương và mở thêm nhiều cửa khẩu...")
    text = (
        "Lưu bài viết thành công Bạn có thể xem lại bài viết đã lưu ở trangTin bài đã lưu "
        f"{body} {caption} Ảnh: TTXVN {more} (Tin thế giới) {teaser} "
        "Nguồn: [Link nguồn]Nguồn: [Link nguồn]"
    )
    doc = _doc(text, "rec-1", format="record", title="Đoàn công tác đến Viêng Chăn",
               date="2026-02-05", url="https://www.24h.com.vn/tin-tuc-quoc-te/a.html")
    arts = extract_articles(doc, res)
    assert len(arts) == 1
    art = arts[0]
    assert art.title == "Đoàn công tác đến Viêng Chăn" and art.title_line is None
    assert (art.published, art.published_basis) == ("2026-02-05", "header")
    assert art.outlet == "24h.com.vn"
    assert art.body_lines == ()
    assert art.body.split("\n\n") == [body, more]
    assert art.captions == (f"{caption} Ảnh: TTXVN",)
    for chrome in ("Lưu bài viết", "Nguồn", "Tin thế giới", "Thủ tướng Campuchia"):
        assert chrome not in art.body


def test_page_record_tail_byline(res: PageResources) -> None:
    text = f"{BODY1} {BODY2} Thanh Tâm(TheoAFP, IRNA)"
    art = extract_articles(_doc(text, format="record", title="Tin ngắn"), res)[0]
    assert art.body.endswith("hạn hán kéo dài.")
    assert art.author == "Thanh Tâm"
    assert art.wire_sources[:2] == ("AFP", "IRNA")


def test_page_glued_helpers() -> None:
    text = "Hai bên hội đàm. Ông A và ông B tại Hà Nội. Ảnh: TTXVN Hai bên thống nhất nhiều vấn đề."
    assert [text[a:b] for a, b in caption_spans(text)] == ["Ông A và ông B tại Hà Nội. Ảnh: TTXVN"]
    assert cut_captions(text) == ("Hai bên hội đàm. Hai bên thống nhất nhiều vấn đề.",
                                  ["Ông A và ông B tại Hà Nội. Ảnh: TTXVN"])
    assert glued_byline("Minh PhươngTheo Reuters") == ("Minh Phương", "Reuters")
    assert glued_byline("Nga Tổng hợp lực lượng") is None


# ---------------------------------------------------------------- property test

_SYLLABLES = ("Nga", "Mỹ", "Trung", "Quốc", "hội", "đàm", "tổng", "thống", "ngoại", "giao", "bộ",
              "trưởng", "cho", "biết", "ngày", "tháng", "năm", "quân", "đội", "hợp", "tác", "an",
              "ninh", "kinh", "tế", "Việt", "Nam", "Belarus", "Liên", "minh", "phát", "biểu",
              "về", "và", "của", "các", "những", "người", "dân", "ông", "bà", "Hà", "Nội")
_CHROME = ("Tin liên quan", "Video đang HOT", "Theo dõi VGT trên", "Ảnh: Reuters", "(theo TASS)",
           "21:47 | 07/06/2021 GMT+7", "Trang chủ", "Xem thêm:", "- Hình 1", "Minh Anh", "",
           "Nguồn:", "(Ảnh: AFP).", "Tin bài khác", "aa", "…", "date 2025-12-19")
_MARKERS = ("ảnh", "date ", "hình", "theo", "nguồn")


@st.composite
def _page_lines(draw: st.DrawFn) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.sampled_from(("words", "words", "sentence", "chrome", "glued", "repeat")))
        words = draw(st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=40))
        text = " ".join(words)
        if kind == "sentence":
            text += draw(st.sampled_from((".", "?", "!", "…", ":", "...", "\"")))
        elif kind == "chrome":
            text = draw(st.sampled_from(_CHROME))
        elif kind == "glued":
            text = f"{text}. {draw(st.sampled_from(_CHROME))} {text}."
        elif kind == "repeat" and lines:
            text = lines[-1]
        lines.append(draw(st.sampled_from(("", " ", "\t"))) + text)
    return lines


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_page_lines(), fmt=st.sampled_from(("text", "record")),
       title=st.one_of(st.none(), st.sampled_from(("Tiêu đề", TITLE))))
def test_page_random_pages_never_raise(lines: list[str], fmt: str, title: str | None) -> None:
    res = _RES
    text = "\n".join(lines)
    arts = extract_articles(_doc(text, format=fmt, title=title), res)
    ids = [a.article_id for a in arts]
    assert ids == [f"trang#{n}" for n in range(1, len(arts) + 1)]
    for art in arts:
        assert art.body.strip()
        assert art.published_basis in ("header", "byline", "inferred", "unknown")
        if fmt == "record":
            assert art.body_lines == ()
            continue
        assert all(1 <= no <= len(lines) for no in art.body_lines)
        assert list(art.body_lines) == sorted(set(art.body_lines))
        paragraphs = art.body.split("\n\n")
        assert len(paragraphs) == len(art.body_lines)
        for no, para in zip(art.body_lines, paragraphs, strict=True):
            source = lines[no - 1].strip()
            if any(m in source.lower() for m in _MARKERS):
                # a metadata prefix or a glued caption was cut out of the line
                assert set(para.split()) <= set(source.split())
            else:
                assert para == source


_RES = PageResources.load()
