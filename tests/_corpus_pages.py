"""Small Vietnamese pages written for the corpus tests (two outlets report the same talks)."""

from __future__ import annotations

from pathlib import Path

PAGES = {
    "bao-x_hoi-dam": """Ngoại trưởng Nga và Trung Quốc hội đàm tại Đà Nẵng

Thứ năm, 05/03/2026 10:00 (GMT+7)

Ngày 4/3, Ngoại trưởng Nga Sergei Lavrov đã hội đàm với Bộ trưởng Ngoại giao Trung Quốc Vương Nghị tại Đà Nẵng, hai bên thảo luận về vai trò của Liên hợp quốc.

Hai ngoại trưởng nhất trí tăng cường phối hợp trong các vấn đề khu vực.
""",
    "bao-y_lavrov": """Lavrov gặp Vương Nghị, bàn về Liên hợp quốc

Thứ năm, 05/03/2026 15:30 (GMT+7)

Bộ trưởng Ngoại giao Nga Sergei Lavrov ngày 4/3 đã hội đàm với Bộ trưởng Ngoại giao Trung Quốc Vương Nghị tại thành phố Đà Nẵng.

Theo các nhà ngoại giao, cuộc hội đàm tập trung vào cải tổ Liên hợp quốc.
""",
    "bao-z_eu": """EU trừng phạt thêm các công ty Nga

Thứ sáu, 20/02/2026 08:00 (GMT+7)

Ngày 19/2, Liên minh châu Âu đã áp đặt lệnh trừng phạt mới đối với Nga, nhắm vào lĩnh vực ngân hàng và năng lượng.
""",
}


def write_pages(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(PAGES[name], encoding="utf-8")
    return folder
