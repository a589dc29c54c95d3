"""Turn input paths into :class:`Document` records, one failure record per bad document."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sukien.ingest.decode import DecodeError, decode_bytes
from sukien.ingest.entities import decode_entities
from sukien.records import Document, Failure
from sukien.text.normalize import normalize_text

RECORD_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".tsv"}
TEXT_SUFFIXES = {"", ".txt", ".text", ".dump"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_VN = timezone(timedelta(hours=7))
csv.field_size_limit(1 << 30)


@dataclass(frozen=True)
class FieldMap:
    """Field names of JSONL/CSV records."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"


def iter_documents(paths: Iterable[str | Path], fields: FieldMap | None = None) -> Iterator[Document | Failure]:
    """Documents from files and folders (recursively, in sorted order), ``.gz`` included.

    Every file seen is read or reported: a file of a format sukien does not read (a PDF, an
    image) inside a folder yields a failure with reason ``unsupported``; hidden files and
    folders (``.name``) are not part of a corpus and are passed over.
    """
    fields = fields or FieldMap()
    for path in map(Path, paths):
        if path.is_dir():
            files = folder_files(path)
        elif path.exists():
            files = [path]
        else:
            yield Failure(str(path), "unreadable", f"{path}: no such file or folder")
            continue
        for f in files:
            if path.is_dir() and not _readable_format(f):
                yield Failure(str(f), "unsupported", f"{f}: {_format_name(f)} is not a format sukien reads "
                              f"(text, HTML, JSONL or CSV/TSV files, or .gz of them)")
                continue
            yield from read_file(f, fields)


def list_files(root: Path) -> list[Path]:
    """The files of folder ``root`` to read, recursively and sorted (known formats only)."""
    return [p for p in folder_files(root) if _readable_format(p)]


def folder_files(root: Path) -> list[Path]:
    """Every non-hidden file of folder ``root``, recursively and sorted, whatever its format.
    A symbolic link that leads nowhere (dangling, or a loop) is listed too, so reading it
    yields an ``unreadable`` failure instead of the document being skipped without a word."""
    return sorted(
        p for p in root.rglob("*")
        if (p.is_file() or (p.is_symlink() and not p.exists()))
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def _readable_format(p: Path) -> bool:
    """A page or record format sukien reads (by file name; ``.gz`` of one included)."""
    _, suffix = _stem_and_suffix(p)
    return suffix in TEXT_SUFFIXES | RECORD_SUFFIXES | HTML_SUFFIXES


def _format_name(p: Path) -> str:
    suffix = _stem_and_suffix(p)[1]
    return f"a {suffix} file" if suffix else "this file"


def _stem_and_suffix(path: Path) -> tuple[str, str]:
    name = path.name
    if name.endswith(".gz"):
        name = name[:-3]
    p = Path(name)
    return p.stem, p.suffix.lower()


def read_file(path: Path, fields: FieldMap) -> Iterator[Document | Failure]:
    stem, suffix = _stem_and_suffix(path)
    if suffix in (".jsonl", ".ndjson"):
        yield from _stream_jsonl(path, stem, fields)  # line by line: memory stays flat
        return
    try:
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        yield Failure(str(path), "unreadable", f"{path}: {exc}", doc_id=stem)
        return
    if suffix in RECORD_SUFFIXES:
        yield from _records(path, stem, suffix, data, fields)
        return
    try:
        decoded = decode_bytes(data, str(path))
    except DecodeError as exc:
        yield Failure(str(path), exc.reason, exc.detail, doc_id=stem)
        return
    text = decoded.text
    if suffix in HTML_SUFFIXES or _looks_html(text):
        yield _html_document(path, stem, text, decoded.encoding)
        return
    header, text = split_header(_clean(text, normalized=True))
    yield Document(
        stem, text, str(path), _hash(text), "text", encoding=decoded.encoding,
        title=header.get("title") or None, date=record_date(header.get("date")),
        url=header.get("url") or None,
    )


_HEADER_LINE = re.compile(r"^#\s*([A-Za-z_][\w-]{0,30})\s*[=:]\s*(.*?)\s*$")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Metadata header lines (``# key = value``) at the top of a text dump.

    The header lines are blanked, not removed, so source line numbers stay valid.

    >>> split_header("# url = https://dantri.com.vn/a.htm\\n# date = 20210430\\nNội dung")
    ({'url': 'https://dantri.com.vn/a.htm', 'date': '20210430'}, '\\n\\nNội dung')
    >>> split_header("# Tiêu đề markdown\\nNội dung")[0]
    {}
    """
    lines = text.split("\n")
    header: dict[str, str] = {}
    n = 0
    for line in lines[:20]:
        m = _HEADER_LINE.match(line.strip())
        if not m:
            break
        header[m[1].lower()] = m[2]
        n += 1
    if not header:
        return {}, text
    return header, "\n" * n + "\n".join(lines[n:])


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def _html_document(path: Path, stem: str, html: str, encoding: str) -> Document | Failure:
    from sukien.ingest.html import extract_html

    got = extract_html(html)
    if got is None or not got.text.strip():
        return Failure(str(path), "empty", f"{path}: no article text found in the HTML", doc_id=stem)
    text = _clean(got.text)
    return Document(
        stem, text, str(path), _hash(text), "record",
        title=_clean(got.title) if got.title else None,
        date=got.date, url=got.url, encoding=encoding,
    )


def _records(path: Path, stem: str, suffix: str, data: bytes, fields: FieldMap) -> Iterator[Document | Failure]:
    try:
        text = decode_bytes(data, str(path)).text
    except DecodeError as exc:
        yield Failure(str(path), exc.reason, exc.detail, doc_id=stem)
        return
    if suffix in (".jsonl", ".ndjson"):
        rows: Iterator[tuple[int, dict | None, str]] = _jsonl_rows(text)
    else:
        rows = _csv_rows(text, "\t" if suffix == ".tsv" else ",")
    for lineno, row, err in rows:
        source = f"{path}:{lineno}"
        if row is None:
            yield Failure(source, "malformed_record", f"{source}: {err}", doc_id=f"{stem}-{lineno}")
            continue
        yield _record_document(row, source, f"{stem}-{lineno}", fields)


def _stream_jsonl(path: Path, stem: str, fields: FieldMap) -> Iterator[Document | Failure]:
    """JSONL records read one line at a time (plain or .gz); each bad line is its own failure."""
    seen = 0
    try:
        with (gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")) as fh:
            for lineno, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                seen += 1
                yield _jsonl_record(path, stem, lineno, raw, fields)
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(str(path), "unreadable", f"{path}: {exc}", doc_id=stem)
        return
    if seen == 0:
        yield Failure(str(path), "empty", f"empty: {path}: no records", doc_id=stem)


def _jsonl_record(path: Path, stem: str, lineno: int, raw: bytes, fields: FieldMap) -> Document | Failure:
    source = f"{path}:{lineno}"
    try:
        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError:
        try:
            line = decode_bytes(raw, source).text
        except DecodeError as exc:
            return Failure(source, exc.reason, exc.detail, doc_id=f"{stem}-{lineno}")
    for _, row, err in _jsonl_rows(line, start=lineno):
        if row is None:
            return Failure(source, "malformed_record", f"{source}: {err}", doc_id=f"{stem}-{lineno}")
        return _record_document(row, source, f"{stem}-{lineno}", fields)
    return Failure(source, "malformed_record", f"{source}: empty line", doc_id=f"{stem}-{lineno}")


def _jsonl_rows(text: str, start: int = 1) -> Iterator[tuple[int, dict | None, str]]:
    for lineno, line in enumerate(text.split("\n"), start):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, None, f"not JSON ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(row, dict):
            yield lineno, None, "a JSON line must be an object"
            continue
        yield lineno, row, ""


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, dict | None, str]]:
    """Rows of a CSV/TSV text: ``(line, row, "")``, or ``(line, None, why)`` for a bad row.

    Parsing is strict, so a quote left open is reported (``unexpected end of data``, from
    the line the row starts on) instead of silently swallowing every row after it; after
    another bad row reading goes on with the next line.
    """
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter, strict=True)
    lines = reader.reader  # its line count also moves on a bad row (the DictReader's does not)
    while True:
        start = lines.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            end = lines.line_num
            where = f"line {start}" if end <= start else f"lines {start}-{end}"
            yield start, None, f"CSV error in {where}: {exc}"
            if end < start:  # nothing consumed: stop rather than loop
                return
            continue
        if None in row:
            yield lines.line_num, None, "more cells than header columns"
            continue
        yield lines.line_num, row, ""


def _record_document(row: dict, source: str, fallback_id: str, fields: FieldMap) -> Document | Failure:
    raw_text = row.get(fields.text)
    doc_id = str(row.get(fields.id) or fallback_id)
    doc_id = re.sub(r"[^\w.-]+", "_", doc_id)[:200]
    if not isinstance(raw_text, str) or not raw_text.strip():
        return Failure(source, "empty", f"{source}: field '{fields.text}' is missing or empty", doc_id=doc_id)
    text = _clean(raw_text)
    title = row.get(fields.title)
    url = row.get(fields.url)
    return Document(
        doc_id, text, source, _hash(text), "record",
        title=_clean(title).strip() if isinstance(title, str) and title.strip() else None,
        date=record_date(row.get(fields.date)),
        url=url if isinstance(url, str) and url else None,
    )


def record_date(value: object) -> str | None:
    """A record's date field as an ISO day in Vietnam time (UTC+7) when it has a time zone.

    >>> record_date("2026-02-02T20:30:00+00:00"), record_date("23/10/2013 11:39"), record_date("20210430")
    ('2026-02-03', '2013-10-23', '2021-04-30')
    """
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip()
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
        if dt.tzinfo is not None:
            dt = dt.astimezone(_VN)
        return dt.date().isoformat()
    except ValueError:
        pass
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", v)
    if m:
        return f"{int(m[3]):04d}-{int(m[2]):02d}-{int(m[1]):02d}"
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", v)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}"
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", v)
    return m.group(0) if m else None


def _clean(text: str, normalized: bool = False) -> str:
    """Text as stored: HTML character references decoded (``&nbsp;`` → space), then NFC and
    the tone-placement rule (``normalize_text``; skipped when ``normalized`` text is unchanged)."""
    decoded = decode_entities(text)
    return text if normalized and decoded is text else normalize_text(decoded)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
