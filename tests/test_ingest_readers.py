"""Readers: folders, .gz, text dumps with headers, JSONL/CSV records, HTML, bad input; the CLI
run over a folder with good and bad files. Every input is generated in ``tmp_path``."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from sukien.cli import EXIT_SOME_FAILED, app
from sukien.ingest import FieldMap, iter_documents
from sukien.page import PageResources, extract_articles
from sukien.records import Document, Failure
from sukien.settings import Settings

TITLE = "Ấn Độ và Nhật Bản nhất trí tăng cường hợp tác quốc phòng trong khu vực"
PAGE = "\n".join([
    TITLE,
    "",
    "Bộ trưởng Quốc phòng hai nước đã có cuộc hội đàm tại Tokyo và nhất trí mở rộng các cuộc "
    "tập trận chung trong năm tới.",
    "",
    "Theo thông cáo chung, hai bên cũng thảo luận về việc hợp tác sản xuất thiết bị quân sự và "
    "chia sẻ thông tin tình báo hàng hải.",
])


@pytest.fixture(scope="module")
def res() -> PageResources:
    return PageResources.load()


def _docs(*paths: Path, fields: FieldMap | None = None) -> list[Document | Failure]:
    return list(iter_documents(paths, fields))


def _ok(items: list[Document | Failure]) -> list[Document]:
    return [d for d in items if isinstance(d, Document)]


def _failed(items: list[Document | Failure]) -> list[Failure]:
    return [f for f in items if isinstance(f, Failure)]


def test_ingest_folder_recursion_skips_hidden_and_reports_other_formats(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "top.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "b" / "deep.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".git" / "inside.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Ghi chú\n" + PAGE, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"x" * 100)
    items = _docs(tmp_path)
    assert sorted(d.doc_id for d in _ok(items)) == ["deep", "top"]
    # every file seen is read or reported: the Markdown note and the photo are not skipped silently
    failed = [f for f in items if isinstance(f, Failure)]
    assert sorted((Path(f.source).name, f.reason) for f in failed) == [("README.md", "unsupported"),
                                                                         ("photo.jpg", "unsupported")]
    assert all(".jpg" in f.detail or ".md" in f.detail for f in failed)


def test_ingest_gz_text(tmp_path: Path) -> None:
    path = tmp_path / "nen.txt.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    [doc] = _docs(path)
    assert isinstance(doc, Document)
    assert doc.doc_id == "nen" and doc.text == PAGE and doc.format == "text"


def test_ingest_missing_path_fails(tmp_path: Path) -> None:
    [fail] = _docs(tmp_path / "khong-co.txt")
    assert isinstance(fail, Failure) and fail.reason == "unreadable"


def test_ingest_text_header_lines_are_metadata(tmp_path: Path, res: PageResources) -> None:
    path = tmp_path / "news_world_001.txt"
    path.write_text(
        "# doc_id = news_world_001\n# url = https://dantri.com.vn/the-gioi/bai-viet-1.htm\n"
        "# date = 20210430\n" + PAGE, encoding="utf-8",
    )
    [doc] = _docs(path)
    assert isinstance(doc, Document)
    assert doc.url == "https://dantri.com.vn/the-gioi/bai-viet-1.htm" and doc.date == "2021-04-30"
    assert doc.text.split("\n")[:3] == ["", "", ""]  # line numbers stay those of the file
    [art] = extract_articles(doc, res)
    assert art.outlet == "dantri.com.vn"
    assert (art.published, art.published_basis) == ("2021-04-30", "header")
    assert art.title == TITLE and art.title_line == 4
    assert art.body_lines == (6, 8)


def test_ingest_jsonl_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "tin.jsonl"
    rows = [
        json.dumps({"id": "a1", "text": PAGE, "title": "Tin A", "date": "2026-02-02T20:30:00+00:00"},
                   ensure_ascii=False),
        '{"id": "a2", "text": "không đóng ngoặc',
        json.dumps({"id": "a3", "text": PAGE}, ensure_ascii=False),
        json.dumps({"id": "a4", "text": "   "}),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = _docs(path)
    assert [d.doc_id for d in _ok(items)] == ["a1", "a3"]
    reasons = {f.doc_id: f.reason for f in _failed(items)}
    assert reasons == {"tin-2": "malformed_record", "a4": "empty"}
    bad = next(f for f in _failed(items) if f.reason == "malformed_record")
    assert bad.source.endswith("tin.jsonl:2") and "not JSON" in bad.detail


def test_ingest_record_title_and_date_used_as_given(tmp_path: Path, res: PageResources) -> None:
    path = tmp_path / "tin.jsonl"
    row = {"id": "a1", "text": PAGE, "title": "Tiêu đề của bản ghi",
           "date": "2026-02-02T20:30:00+00:00", "url": "https://vnexpress.net/bai-a.html"}
    path.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    [doc] = _docs(path)
    assert isinstance(doc, Document)
    assert (doc.format, doc.title, doc.date) == ("record", "Tiêu đề của bản ghi", "2026-02-03")
    [art] = extract_articles(doc, res)
    assert art.title == "Tiêu đề của bản ghi"
    assert art.published == "2026-02-03"  # 20:30 UTC is the next day in Vietnam
    assert art.outlet == "vnexpress.net"
    assert TITLE not in art.body  # the headline repeated in the text is not body


def test_ingest_csv_custom_field_names(tmp_path: Path) -> None:
    path = tmp_path / "bang.csv"
    text = PAGE.replace("\n", " ")
    path.write_text(
        "ma,noi_dung,tieu_de,ngay,duong_dan\n"
        f'x1,"{text}",Tin một,23/10/2013 11:39,https://tuoitre.vn/x1.htm\n'
        f'x2,"{text}",Tin hai,20210430,\n',
        encoding="utf-8",
    )
    settings = Settings(field_id="ma", field_text="noi_dung", field_title="tieu_de",
                        field_date="ngay", field_url="duong_dan")
    fields = FieldMap(settings.field_id, settings.field_text, settings.field_title,
                      settings.field_date, settings.field_url)
    docs = _ok(_docs(path, fields=fields))
    assert [(d.doc_id, d.title, d.date, d.url) for d in docs] == [
        ("x1", "Tin một", "2013-10-23", "https://tuoitre.vn/x1.htm"),
        ("x2", "Tin hai", "2021-04-30", None),
    ]
    # with the default field names the text column is not found
    assert {f.reason for f in _failed(_docs(path))} == {"empty"}


HTML = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{TITLE}</title>
<meta property="og:title" content="{TITLE}">
<meta property="article:published_time" content="2024-05-17T08:30:00+07:00">
</head><body>
<nav><a href="/">Trang chủ</a> <a href="/the-gioi">Thế giới</a></nav>
<article>
<h1>{TITLE}</h1>
<p>Bộ trưởng Quốc phòng hai nước đã có cuộc hội đàm tại Tokyo và nhất trí mở rộng các cuộc tập
trận chung trong năm tới, đồng thời tăng cường trao đổi sĩ quan.</p>
<p>Theo thông cáo chung, hai bên cũng thảo luận về việc hợp tác sản xuất thiết bị quân sự và chia
sẻ thông tin tình báo hàng hải trong khu vực Ấn Độ Dương - Thái Bình Dương.</p>
<p>Các chuyên gia nhận định thỏa thuận mới sẽ giúp hai nước đối phó tốt hơn với những thách thức
an ninh đang gia tăng, nhất là trên các tuyến hàng hải quan trọng.</p>
</article>
<footer>Bản quyền thuộc về tòa soạn. Liên hệ quảng cáo.</footer>
</body></html>"""


def test_ingest_html_page_title_and_date(tmp_path: Path, res: PageResources) -> None:
    path = tmp_path / "trang.html"
    path.write_text(HTML, encoding="utf-8")
    [doc] = _docs(path)
    assert isinstance(doc, Document)
    assert doc.title == TITLE and doc.date == "2024-05-17"
    arts = extract_articles(doc, res)
    assert len(arts) == 1
    assert arts[0].title == TITLE and arts[0].published == "2024-05-17"
    assert "tập trận chung" in arts[0].body and "Bản quyền" not in arts[0].body


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("rong.txt", b"", "empty"),
        ("trang.txt", b" \n\t \n", "empty"),
        ("anh.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
        ("ngau-nhien.txt", random.Random(7).randbytes(4096), "binary"),
        ("hong.txt", bytes(range(0x80, 0x100)) * 16, "undecodable"),
        ("rong.jsonl.gz", gzip.compress(b""), "empty"),
    ],
)
def test_ingest_bad_input_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [fail] = _docs(path)
    assert isinstance(fail, Failure)
    assert fail.reason == reason
    assert name in fail.detail


def test_ingest_broken_gzip_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "hong.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    [fail] = _docs(path)
    assert isinstance(fail, Failure) and fail.reason == "unreadable"


# ---------------------------------------------------------------- the CLI over good and bad files

def _corpus(root: Path) -> Path:
    src = root / "vao"
    (src / "con").mkdir(parents=True)
    (src / "tot.txt").write_text(PAGE, encoding="utf-8")
    (src / "con" / "tot2.txt").write_text(PAGE.replace("Tokyo", "New Delhi"), encoding="utf-8")
    (src / "rong.txt").write_bytes(b"")
    (src / "anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (src / "ban-ghi.jsonl").write_text(
        json.dumps({"id": "r1", "text": PAGE, "title": "Bản ghi một"}, ensure_ascii=False)
        + "\n{hỏng\n", encoding="utf-8",
    )
    return src


def _count(db: Path, table: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]


def test_ingest_cli_run_reports_failures_and_exit_3(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    out, db = tmp_path / "ra", tmp_path / "kho.duckdb"
    args = ["run", str(src), "--out", str(out), "--db", str(db), "--workers", "1", "--quiet"]
    runner = CliRunner()
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    text = " ".join(result.output.split())
    assert "3 failed" in text
    for reason in ("empty", "binary", "malformed_record"):
        assert reason in text
    for name in ("rong.txt", "anh.txt", "ban-ghi.jsonl"):
        assert name in text
    arts = [json.loads(x) for x in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(a["doc_id"] for a in arts) == ["r1", "tot", "tot2"]
    assert {a["title"] for a in arts} == {TITLE, "Bản ghi một"}
    n_articles, n_docs = _count(db, "articles"), _count(db, "documents")
    assert n_articles == 3

    again = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert again.exit_code == EXIT_SOME_FAILED, again.output
    assert "3 unchanged" in " ".join(again.output.split())
    assert _count(db, "articles") == n_articles  # re-running does not duplicate rows
    assert _count(db, "documents") == n_docs
    arts2 = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(arts2) == 3


def test_ingest_cli_run_all_good_exit_0(tmp_path: Path) -> None:
    src = tmp_path / "vao"
    src.mkdir()
    (src / "tot.txt").write_text(PAGE, encoding="utf-8")
    db = tmp_path / "kho.duckdb"
    result = CliRunner().invoke(app, ["run", str(src), "--db", str(db), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output


def test_ingest_cli_field_flags(tmp_path: Path) -> None:
    path = tmp_path / "bang.csv"
    path.write_text(f'ma,noi_dung,tieu_de\nx1,"{PAGE}",Tin một\n', encoding="utf-8")
    out, db = tmp_path / "ra", tmp_path / "kho.duckdb"
    result = CliRunner().invoke(app, [
        "run", str(path), "--out", str(out), "--db", str(db), "--workers", "1", "-q",
        "--field-id", "ma", "--field-text", "noi_dung", "--field-title", "tieu_de",
    ])
    assert result.exit_code == 0, result.output
    [art] = [json.loads(x) for x in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (art["doc_id"], art["title"]) == ("x1", "Tin một")
