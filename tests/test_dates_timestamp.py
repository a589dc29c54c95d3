"""parse_timestamp / parse_iso_like: page timestamps and record date fields."""

from __future__ import annotations

import pytest

from sukien.dates import PartialDate, parse_iso_like, parse_timestamp


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("21:47 | 07/06/2021 GMT+7", "2021-06-07"),
        ("00:19:40 22/02/2025", "2025-02-22"),
        ("Thứ hai, 07/06/2021 10:15 (GMT+7)", "2021-06-07"),
        ("07/06/2021 - 21:47", "2021-06-07"),
        ("Cập nhật: 08:30 ngày 12/3/2024", "2024-03-12"),
        ("2026-02-02T04:57:43+00:00", "2026-02-02"),
        ("date 2025-12-19", "2025-12-19"),
        ("Chủ nhật, 12/3/2024, 08:30 (GMT+7)", "2024-03-12"),
        ("Đăng lúc 10h20 ngày 1/2/2022", "2022-02-01"),
        ("Thứ Sáu, ngày 15 tháng 12 năm 2023", "2023-12-15"),
    ],
)
def test_timestamp_lines(line: str, iso: str) -> None:
    found = parse_timestamp(line)
    assert found is not None and found.iso() == iso


@pytest.mark.parametrize(
    "line",
    [
        "Hội nghị ngày 12/3/2024 đã thông qua nghị quyết về hợp tác kinh tế.",
        "Đội tuyển thắng 3-1 tối qua.",
        "Tin thế giới hôm nay",
        "12/3",
        "",
    ],
)
def test_not_timestamp_lines(line: str) -> None:
    assert parse_timestamp(line) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-02T04:57:43+00:00", PartialDate(2026, 2, 2)),
        ("23/10/2013 11:39", PartialDate(2013, 10, 23)),
        ("20210430", PartialDate(2021, 4, 30)),
        ("2021-04-30", PartialDate(2021, 4, 30)),
        ("2021-04", PartialDate(2021, 4, None)),
        ("2021", PartialDate(2021, None, None)),
        ("--04-30", PartialDate(None, 4, 30)),
        ("Mon, 07 Jun 2021 10:15:00 +0700", PartialDate(2021, 6, 7)),
    ],
)
def test_record_date_fields(value: str, expected: PartialDate) -> None:
    assert parse_iso_like(value) == expected


@pytest.mark.parametrize("value", ["", "không rõ", "2021-13-01", "20210231", "31/02/2021"])
def test_unreadable_record_dates(value: str) -> None:
    assert parse_iso_like(value) is None
