"""find_dates: which Vietnamese date expressions are found, what they say by themselves."""

from __future__ import annotations

import pytest

from sukien.dates import DateExpr, PartialDate, find_dates


def _one(text: str) -> DateExpr:
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


def _iso(expr: DateExpr) -> str | None:
    return expr.date.iso() if expr.date else None


@pytest.mark.parametrize(
    ("text", "span", "kind", "iso"),
    [
        ("Hai ngoại trưởng gặp nhau ngày 27/2 tại Geneva.", "ngày 27/2", "day_month", "--02-27"),
        ("Ông cho biết hôm 20/2 đoàn đã tới thủ đô.", "hôm 20/2", "day_month", "--02-20"),
        ("Buổi tiệc diễn ra tối 11/3 ở khách sạn.", "tối 11/3", "day_month", "--03-11"),
        ("Hiệp định được ký ngày 14/9/2020 tại Hà Nội.", "ngày 14/9/2020", "absolute", "2020-09-14"),
        ("Cuộc tập trận bắt đầu ngày 8-9 trên biển.", "ngày 8-9", "day_month", "--09-08"),
        ("Phái đoàn đến ngày 4.3 theo lịch.", "ngày 4.3", "day_month", "--03-04"),
        ("Hạn chót là ngày 31-8 năm nay.", "ngày 31-8 năm nay", "day_month", "--08-31"),
        ("Văn bản đề ngày 19/12/2022 đã được công bố.", "ngày 19/12/2022", "absolute", "2022-12-19"),
        ("Thỏa thuận 13/2/2023 có hiệu lực.", "13/2/2023", "absolute", "2023-02-13"),
        ("Thượng đỉnh khai mạc ngày 2/7 ở thủ đô.", "ngày 2/7", "day_month", "--07-02"),
        ("Kết quả sẽ có ngày 06/01 tới đây.", "ngày 06/01 tới đây", "day_month", "--01-06"),
        ("Đại sứ quán mở cửa vào tháng 2/2022.", "tháng 2/2022", "month", "2022-02"),
        ("Hội nghị họp tháng 2 năm 2022 ở Jakarta.", "tháng 2 năm 2022", "month", "2022-02"),
        ("Cuộc bầu cử diễn ra tháng 10/2022.", "tháng 10/2022", "month", "2022-10"),
        ("Dự án khởi công năm 2022 với vốn lớn.", "năm 2022", "year", "2022"),
        ("Hai nước lập quan hệ năm 1994.", "năm 1994", "year", "1994"),
        ("Ngày 14 tháng 9 năm 2020, hai bên ký kết.", "Ngày 14 tháng 9 năm 2020", "absolute",
         "2020-09-14"),
        ("Lễ kỷ niệm ngày 2 tháng Mười được tổ chức.", "ngày 2 tháng Mười", "day_month", "--10-02"),
        ("Sự kiện 2021-04-30 được ghi nhận.", "2021-04-30", "absolute", "2021-04-30"),
    ],
)
def test_explicit_expressions(text: str, span: str, kind: str, iso: str) -> None:
    expr = _one(text)
    assert (expr.text, expr.kind, _iso(expr)) == (span, kind, iso)
    assert text[expr.start:expr.end] == expr.text


@pytest.mark.parametrize(
    ("text", "span", "approx", "month"),
    [
        ("Tổng thống công du đầu tháng 10/2022.", "đầu tháng 10/2022", "early", 10),
        ("Quốc hội họp cuối tháng 3 để bỏ phiếu.", "cuối tháng 3", "late", 3),
        ("Dự kiến giữa tháng 5 sẽ có kết quả.", "giữa tháng 5", "mid", 5),
        ("Trung tuần tháng 6, hai bên gặp lại.", "Trung tuần tháng 6", "mid", 6),
    ],
)
def test_month_with_approx(text: str, span: str, approx: str, month: int) -> None:
    expr = _one(text)
    assert (expr.text, expr.kind, expr.approx) == (span, "month", approx)
    assert expr.date is not None and expr.date.month == month


@pytest.mark.parametrize(
    ("text", "days", "tod"),
    [
        ("Hôm qua, bộ trưởng đã điện đàm với người đồng cấp.", -1, None),
        ("Hôm nay hai bên tiếp tục đàm phán.", 0, None),
        ("Ngày mai phái đoàn sẽ lên đường.", 1, None),
        ("Hôm kia cảnh sát đã bắt giữ nghi phạm.", -2, None),
        ("Tối qua nhiều vụ nổ vang lên.", -1, "tối"),
        ("Đêm qua quân đội rút khỏi thị trấn.", -1, "đêm"),
        ("Sáng nay thủ tướng tiếp đại sứ.", 0, "sáng"),
        ("Chiều nay cuộc họp bắt đầu.", 0, "chiều"),
        ("Tối nay sẽ có pháo hoa.", 0, "tối"),
        ("Rạng sáng nay tên lửa được phóng.", 0, "rạng sáng"),
        ("Chiều hôm qua đoàn đã về nước.", -1, "chiều"),
    ],
)
def test_relative_days(text: str, days: int, tod: str | None) -> None:
    expr = _one(text)
    assert (expr.kind, expr.offset_days, expr.offset_unit, expr.time_of_day) == (
        "relative", days, "day", tod)
    assert expr.date is None


@pytest.mark.parametrize(
    ("text", "unit", "count", "approx"),
    [
        ("Tuần trước ông đã gặp các nhà lãnh đạo.", "week", -1, None),
        ("Tuần qua giá dầu tăng mạnh.", "week", -1, None),
        ("Tuần tới hai nước sẽ tập trận.", "week", 1, None),
        ("Tháng trước lệnh trừng phạt được gia hạn.", "month", -1, None),
        ("Tháng tới sẽ có hội nghị thượng đỉnh.", "month", 1, None),
        ("Năm ngoái kim ngạch thương mại giảm.", "year", -1, None),
        ("Năm tới hai bên kỷ niệm quan hệ.", "year", 1, None),
        ("Cuối tuần qua hàng nghìn người biểu tình.", "week", -1, "late"),
        ("Đầu năm nay xuất khẩu tăng.", "year", 0, "early"),
    ],
)
def test_relative_units(text: str, unit: str, count: int, approx: str | None) -> None:
    expr = _one(text)
    assert (expr.kind, expr.offset_unit, expr.offset_count, expr.approx) == (
        "relative", unit, count, approx)


@pytest.mark.parametrize(
    ("text", "unit", "count"),
    [
        ("Hiệp ước đã được ký 3 ngày trước.", "day", -3),
        ("Cách đây hai tuần, đoàn đã sang thăm.", "week", -2),
        ("Ông nhậm chức 2 năm trước.", "year", -2),
    ],
)
def test_ago(text: str, unit: str, count: int) -> None:
    expr = _one(text)
    assert (expr.kind, expr.offset_unit, expr.offset_count) == ("relative", unit, count)


@pytest.mark.parametrize(
    ("text", "span", "weekday", "unit", "direction"),
    [
        ("Thứ Hai (tuần trước) ông đã tới Bắc Kinh.", "Thứ Hai (tuần trước)", 0, "week", None),
        ("Vào thứ 3 tuần này hai bên ký kết.", "thứ 3 tuần này", 1, "week", None),
        ("Chủ nhật các cử tri đi bỏ phiếu.", "Chủ nhật", 6, None, None),
        ("Thứ Sáu tới hội đồng sẽ họp.", "Thứ Sáu tới", 4, None, "future"),
        ("Ông phát biểu sáng thứ Tư.", "sáng thứ Tư", 2, None, None),
        ("Hôm thứ bảy vừa qua có động đất.", "Hôm thứ bảy vừa qua", 5, None, "past"),
    ],
)
def test_weekdays(text: str, span: str, weekday: int, unit: str | None,
                  direction: str | None) -> None:
    expr = _one(text)
    assert (expr.text, expr.kind, expr.weekday) == (span, "weekday", weekday)
    assert (expr.offset_unit, expr.direction) == (unit, direction)


def test_weekday_followed_by_date_is_one_expression() -> None:
    expr = _one("Thứ Sáu (8/3), phái đoàn rời thủ đô.")
    assert (expr.text, expr.kind, _iso(expr), expr.weekday) == (
        "Thứ Sáu (8/3)", "day_month", "--03-08", 4)
    expr = _one("Thứ hai, 07/06/2021 mưa lớn ở miền Bắc.")
    assert (expr.kind, _iso(expr)) == ("absolute", "2021-06-07")


@pytest.mark.parametrize("text", [
    "Anh giành vị trí thứ hai chung cuộc.",
    "Đây là lần thứ 2 đội tuyển vào chung kết.",
    "Nhà nghiên cứu xếp thứ ba trong danh sách.",
    "Đám cháy đã bước sang ngày thứ bảy liên tiếp.",
    "Tại kỳ họp thứ 5 vừa qua, đại biểu chất vấn.",
    "Thế hệ thứ hai, thứ ba của cộng đồng vẫn giữ tiếng mẹ đẻ.",
])
def test_ordinals_are_not_weekdays(text: str) -> None:
    assert find_dates(text) == []


def test_range_gives_two_expressions() -> None:
    found = find_dates("Triển lãm mở từ ngày 1/1 đến ngày 4/1 tại Huế.")
    assert [(e.text, _iso(e)) for e in found] == [("ngày 1/1", "--01-01"), ("ngày 4/1", "--01-04")]


def test_day_range_shares_month_and_year() -> None:
    found = find_dates("Hội nghị diễn ra ngày 8-9/3/2023 ở Singapore.")
    assert [(e.text, _iso(e)) for e in found] == [("ngày 8", "2023-03-08"), ("9/3/2023", "2023-03-09")]
    found = find_dates("Chuyến thăm kéo dài từ ngày 1 đến ngày 4/1.")
    assert [_iso(e) for e in found] == ["--01-01", "--01-04"]


def test_second_bare_date_after_a_connector() -> None:
    found = find_dates("Các phiên họp ngày 20/2 và 25/2 đều bị hoãn.")
    assert [e.text for e in found] == ["ngày 20/2", "25/2"]


def test_times_keep_only_the_date() -> None:
    found = find_dates("Lúc 14h30, buổi lễ bắt đầu; 19h30 ngày 11/3 tiệc chiêu đãi.")
    assert [e.text for e in found] == ["ngày 11/3"]


def test_parenthesised_date_at_title_start() -> None:
    expr = _one("(08/01) Tổng hợp tin quốc tế trong ngày")
    assert (expr.text, _iso(expr)) == ("08/01", "--01-08")


def test_weekday_after_a_preposition() -> None:
    expr = _one("Phái đoàn đến vào thứ năm.")
    assert (expr.text, expr.weekday) == ("thứ năm", 3)


def test_year_qualifiers() -> None:
    expr = _one("Công ty ra mắt sản phẩm trong tháng 10 này.")
    assert (expr.text, expr.offset_unit, expr.offset_count) == ("tháng 10 này", "year", 0)
    expr = _one("Tháng 12 năm ngoái, hai bên đã đàm phán.")
    assert (expr.kind, expr.offset_unit, expr.offset_count) == ("month", "year", -1)
    expr = _one("Cuộc gặp dự kiến vào ngày 20/2 tới.")
    assert (expr.text, expr.direction) == ("ngày 20/2 tới", "future")


@pytest.mark.parametrize("text", [
    "Ngày 31/2 là ngày không tồn tại.",
    "Ngày 32/1 không có trong lịch.",
    "Báo cáo tháng 13/2022 là sai.",
    "Ngày 29/2/2023 không có thật.",
    "Ngày 0/5 cũng không.",
])
def test_invalid_dates_are_rejected(text: str) -> None:
    assert all(e.kind not in ("absolute", "day_month", "month") for e in find_dates(text))


def test_leap_day_is_accepted() -> None:
    assert _iso(_one("Ngày 29/2/2024 trời mưa.")) == "2024-02-29"
    assert _iso(_one("Ngày 29/2 trời mưa.")) == "--02-29"


@pytest.mark.parametrize("text", [
    "Đội nhà thắng 3-1 trong trận chung kết.",
    "Tỷ lệ ủng hộ đạt 80,1% cử tri.",
    "Khoảng 1/3 dân số sống ở nông thôn.",
    "Số ca COVID-19 giảm dần.",
    "Quan hệ Nga- Belarus ngày càng chặt chẽ.",
    "Nhiệt độ dao động 8-11°C vào ban đêm.",
    "Giá vàng tăng 2.5 lần, lãi suất 4.3 điểm.",
    "Mấy năm nay kinh tế khó khăn.",
    "Trong những năm 1990 nhiều nhà máy đóng cửa.",
    "Ánh sáng qua cửa sổ chiếu vào phòng.",
    "Hợp đồng kéo dài 2 tuần sau khi ký.",
    "Hồ sơ nộp một tuần trước khi thi.",
    "Giá lúa tăng so với tuần trước đó.",
])
def test_non_dates(text: str) -> None:
    assert find_dates(text) == []


def test_hyphen_form_needs_a_date_word() -> None:
    assert find_dates("Tỷ số 8-9 sau hiệp phụ.") == []
    assert _one("Lễ hội kết thúc ngày 8-9.").text == "ngày 8-9"


def test_offsets_and_order() -> None:
    text = "Hôm qua (7/3) và sáng 8/3/2023, năm ngoái cũng vậy."
    found = find_dates(text)
    assert [e.start for e in found] == sorted(e.start for e in found)
    for expr in found:
        assert text[expr.start:expr.end] == expr.text
    assert [e.kind for e in found] == ["relative", "day_month", "absolute", "relative"]


def test_partial_date_iso_round_trip() -> None:
    for value in ("2022-03-11", "2022-03", "2022", "--03-11"):
        parsed = PartialDate.from_iso(value)
        assert parsed is not None and parsed.iso() == value
    assert PartialDate.from_iso(None) is None
    assert PartialDate.from_iso("2022-02-30") is None
    assert PartialDate(None, 3, None).iso() is None
    with pytest.raises(ValueError):
        PartialDate(2022, 13, None)
