"""resolve: completing date expressions against an anchor date."""

from __future__ import annotations

import pytest

from sukien.dates import DateExpr, PartialDate, find_dates, resolve


def _one(text: str) -> DateExpr:
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


def _resolve(text: str, anchor: PartialDate | None) -> tuple[str | None, str]:
    return resolve(_one(text), anchor)


WEDNESDAY = PartialDate(2023, 3, 8)


def test_absolute_ignores_the_anchor() -> None:
    assert _resolve("Hiệp định ký ngày 14/9/2020.", WEDNESDAY) == ("2020-09-14", "explicit")
    assert _resolve("Hiệp định ký ngày 14/9/2020.", None) == ("2020-09-14", "explicit")
    assert _resolve("Dự án xong năm 1994.", WEDNESDAY) == ("1994", "explicit")
    assert _resolve("Họ gặp nhau đầu tháng 10/2022.", WEDNESDAY) == ("2022-10", "explicit")


def test_day_month_takes_the_anchor_year() -> None:
    assert _resolve("Cuộc gặp diễn ra tối 11/3.", WEDNESDAY) == ("2023-03-11", "relative")
    assert _resolve("Ông đến hôm 20/2.", WEDNESDAY) == ("2023-02-20", "relative")


def test_day_month_across_the_year_boundary() -> None:
    january = PartialDate(2022, 1, 5)
    assert _resolve("Vụ tấn công xảy ra ngày 28/12.", january) == ("2021-12-28", "relative")
    december = PartialDate(2022, 12, 28)
    assert _resolve("Hội nghị sẽ họp ngày 5/1.", december) == ("2023-01-05", "relative")


def test_day_month_without_anchor_year_stays_month_day() -> None:
    assert _resolve("Lễ ký diễn ra ngày 27/2.", None) == ("--02-27", "unknown")
    assert _resolve("Lễ ký diễn ra ngày 27/2.", PartialDate(None, 3, 1)) == ("--02-27", "unknown")


def test_day_month_with_year_only_anchor() -> None:
    assert _resolve("Lễ ký diễn ra ngày 27/2.", PartialDate(2021, None, None)) == (
        "2021-02-27", "relative")


def test_leap_day_in_a_common_year_stays_month_day() -> None:
    assert _resolve("Sự cố ngày 29/2.", PartialDate(2023, 3, 10)) == ("--02-29", "unknown")
    assert _resolve("Sự cố ngày 29/2.", PartialDate(2024, 3, 10)) == ("2024-02-29", "relative")


def test_future_and_last_year_qualifiers() -> None:
    assert _resolve("Cuộc gặp dự kiến vào ngày 20/2 tới.", WEDNESDAY) == ("2024-02-20", "relative")
    assert _resolve("Tháng 12 năm ngoái hai bên đàm phán.", WEDNESDAY) == ("2022-12", "relative")


def test_month_without_year() -> None:
    assert _resolve("Quốc hội họp cuối tháng 3.", WEDNESDAY) == ("2023-03", "relative")
    assert _resolve("Thỏa thuận ký giữa tháng 11.", PartialDate(2023, 1, 20)) == (
        "2022-11", "relative")
    assert _resolve("Quốc hội họp cuối tháng 3.", None) == (None, "unknown")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Hôm qua bộ trưởng phát biểu.", "2023-03-07"),
        ("Hôm nay phái đoàn tới.", "2023-03-08"),
        ("Ngày mai cuộc họp bắt đầu.", "2023-03-09"),
        ("Hôm kia có vụ nổ.", "2023-03-06"),
        ("Tối qua có mưa lớn.", "2023-03-07"),
        ("Tuần trước họ đã gặp nhau.", "2023-03"),
        ("Tháng trước giá dầu giảm.", "2023-02"),
        ("Năm ngoái kinh tế tăng trưởng.", "2022"),
        ("Cuối tuần qua hàng nghìn người tuần hành.", "2023-03-04"),
        ("Thứ Hai (tuần trước) ông tới Bắc Kinh.", "2023-02-27"),
        ("Chủ nhật các cử tri đi bầu.", "2023-03-05"),
        ("Thứ Sáu tới hội đồng họp.", "2023-03-10"),
        ("Vào thứ Tư, hai bên ký kết.", "2023-03-08"),
        ("Ông nhậm chức 3 ngày trước.", "2023-03-05"),
    ],
)
def test_relative_expressions(text: str, iso: str) -> None:
    assert _resolve(text, WEDNESDAY) == (iso, "relative")


def test_relative_month_across_year() -> None:
    assert _resolve("Tháng trước giá dầu giảm.", PartialDate(2023, 1, 15)) == ("2022-12", "relative")
    assert _resolve("Hôm qua có bão.", PartialDate(2023, 1, 1)) == ("2022-12-31", "relative")


def test_relative_needs_enough_anchor() -> None:
    assert _resolve("Hôm qua có bão.", None) == (None, "unknown")
    assert _resolve("Hôm qua có bão.", PartialDate(2023, 3, None)) == (None, "unknown")
    assert _resolve("Thứ Hai (tuần trước) ông tới.", PartialDate(2023, None, None)) == (
        None, "unknown")
    assert _resolve("Tháng trước giá dầu giảm.", PartialDate(2023, None, None)) == (
        None, "unknown")
    assert _resolve("Năm ngoái kinh tế tăng.", PartialDate(2023, None, None)) == ("2022", "relative")
