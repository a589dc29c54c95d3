"""HTML character references scraped along with the text (``&nbsp``, ``&amp;``, ``&#7871;``)
are decoded at ingest: no article, title, event sentence or search entry shows them raw."""

from __future__ import annotations

import json
from pathlib import Path

from sukien.ingest import iter_documents
from sukien.ingest.entities import decode_entities
from sukien.pipeline import run_corpus
from sukien.records import Document
from sukien.settings import Settings
from sukien.store import Store

PAGE = ("Nga và Trung Quốc hội đàm tại Bắc Kinh\n\n"
        "Thứ năm, 05/03/2026 10:00 (GMT+7)\n\n"
        "Ngày 4/3, Ngoại trưởng Nga Sergei Lavrov&nbsp;đã hội đàm với Bộ trưởng Ngoại giao Trung Quốc "
        "Vương Nghị tại Bắc Kinh&nbsp;, hai bên bàn về &quot;an ninh &amp; thương mại&quot; trong khu vực.\n\n"
        "Theo nhà ngoại giao Nga, cuộc hội đàm k&#233;o dài hơn ba giờ&#x2026;\n")
RAW = ("&nbsp", "&amp;", "&quot;", "&#")


def _docs(path: Path) -> list[Document]:
    return [d for d in iter_documents([path]) if isinstance(d, Document)]


def test_ingest_entities_decoded_in_text_dumps(tmp_path: Path) -> None:
    (tmp_path / "trang.txt").write_text(PAGE, encoding="utf-8")
    [doc] = _docs(tmp_path / "trang.txt")
    assert not any(r in doc.text for r in RAW) and "\u00a0" not in doc.text
    assert "Lavrov đã hội đàm" in doc.text and '"an ninh & thương mại"' in doc.text
    assert "kéo dài hơn ba giờ…" in doc.text


def test_ingest_entities_decoded_in_records(tmp_path: Path) -> None:
    row = {"id": "r1", "title": "Nga &amp; Trung Quốc hội đàm", "text": PAGE.split("\n\n", 2)[2]}
    (tmp_path / "tin.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "tin.csv").write_text("id,title,text\nr2,Nga &amp; Trung Quốc,\"" + row["text"].replace('"', '""')
                                      + "\"\n", encoding="utf-8")
    docs = _docs(tmp_path)
    assert len(docs) == 2
    for doc in docs:
        assert doc.title is not None and "&amp;" not in doc.title and "Nga & Trung Quốc" in doc.title
        assert not any(r in doc.text for r in RAW)


def test_ingest_entities_never_reach_the_store(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "trang.txt").write_text(PAGE, encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        run_corpus([str(tmp_path / "in")], store, Settings(workers=1))
        bodies = [r["body"] + r["title"] for r in store.records("articles")]
        sentences = [r["sentence"] for r in store.records("events")]
    assert bodies and sentences
    assert not any(r in text for text in bodies + sentences for r in RAW)


def test_ingest_entities_leave_other_ampersands() -> None:
    text = "R&D, AT&T, Procter & Gamble, &notice, 5 &lt 6, &#0;, &#xD800;"
    assert decode_entities(text) == "R&D, AT&T, Procter & Gamble, &notice, 5 < 6, &#0;, &#xD800;"
    assert decode_entities("Hà Nội") == "Hà Nội"
