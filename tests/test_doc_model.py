"""The per-article document model: sentences, clauses, quotations, mentions and dates as spans,
computed once. Sentences are made up for these tests."""

from __future__ import annotations

import pytest

from sukien.dates import PartialDate
from sukien.doc import build_doc
from sukien.doc.clauses import Spans, split_clauses
from sukien.records import Article, Mention, Quote
from sukien.text.sentences import split_sentences


def _art(body: str) -> Article:
    return Article("d#1", "d", "", None, body, (), published="2024-05-10", published_basis="header")


def clauses(body: str, actors: tuple[tuple[int, int], ...] = ()) -> list[tuple[str, str]]:
    spans = Spans(actors, ())
    out = split_clauses(body, body.lower(), split_sentences(body), (), spans)
    return [(c.kind, body[c.start:c.end]) for c in out]


@pytest.mark.parametrize(("body", "expected"), [
    ("Nếu giá dầu tăng, chính phủ sẽ giảm thuế.",
     [("condition", "Nếu giá dầu tăng,"), ("main", "chính phủ sẽ giảm thuế.")]),
    ("Sau khi hội nghị kết thúc, các bộ trưởng họp báo.",
     [("time", "Sau khi hội nghị kết thúc,"), ("main", "các bộ trưởng họp báo.")]),
    ("Bộ trưởng nói rằng ngân sách đã cạn.",
     [("main", "Bộ trưởng nói "), ("complement", "rằng ngân sách đã cạn.")]),
    ("Đoàn muốn ở lại nhưng phải về sớm.",
     [("main", "Đoàn muốn ở lại "), ("contrast", "nhưng phải về sớm.")]),
    ("Dự án mà thành phố phê duyệt đã khởi công.",
     [("main", "Dự án "), ("relative", "mà thành phố phê duyệt đã khởi công.")]),
    ("Tên lửa nhằm vào căn cứ quân sự.", [("main", "Tên lửa nhằm vào căn cứ quân sự.")]),
    ("Thủ tướng ký lệnh; quốc hội phản đối.",
     [("main", "Thủ tướng ký lệnh;"), ("coord", "quốc hội phản đối.")]),
])
def test_doc_clauses_at_markers(body: str, expected: list[tuple[str, str]]) -> None:
    assert clauses(body) == expected


def test_doc_fronted_clause_skips_a_time_phrase_comma() -> None:
    """"nếu trước ngày 5/6, X …": the comma after a bare time phrase does not close the clause."""
    body = "Nếu trước ngày 5/6, đối tác không trả lời, công ty sẽ hủy hợp đồng."
    art = _art(body)
    doc = build_doc(art, (), (), None)
    kinds = [(c.kind, body[c.start:c.end]) for c in doc.clauses]
    assert kinds == [("condition", "Nếu trước ngày 5/6, đối tác không trả lời,"),
                     ("main", "công ty sẽ hủy hợp đồng.")]


def test_doc_subordinate_clause_ends_before_a_new_actor() -> None:
    """A mid-sentence subordinate clause ends at a comma followed by an actor (not a list comma)."""
    body = "Sau nhiều tuần cân nhắc nhằm giảm chi phí, Canada đóng cửa hai lãnh sự quán."
    start = body.index("Canada")
    got = clauses(body, ((start, start + len("Canada")),))
    assert got[-1] == ("main", "Canada đóng cửa hai lãnh sự quán.")
    assert got[-2][0] == "purpose"


def test_doc_list_comma_does_not_end_a_clause() -> None:
    body = "Khi Pháp, Đức và Ý cùng phản đối, dự luật bị rút lại."
    actors = tuple((body.index(w), body.index(w) + len(w)) for w in ("Pháp", "Đức", "Ý"))
    got = clauses(body, actors)
    assert got[0] == ("time", "Khi Pháp, Đức và Ý cùng phản đối,")


def test_doc_layers_and_queries() -> None:
    body = "Ngày 3/5, Pháp gửi thư tới Đức.\n\nÔng A nói: \"Chúng tôi sẽ trả lời\". Hết."
    pos = body.index("Pháp")
    mentions = [Mention("d#1", "FRA", "Pháp", pos, pos + 4, "state"),
                Mention("d#1", "DEU", "Đức", body.index("Đức"), body.index("Đức") + 3, "state")]
    q0 = body.index("Chúng")
    quote = Quote("q1", "d#1", "d", "person:a", "Ông A", "Chúng tôi sẽ trả lời", True, None, q0,
                  q0 + len("Chúng tôi sẽ trả lời"))
    doc = build_doc(_art(body), reversed(mentions), [quote], PartialDate(2024, 5, 10))
    assert [s.text for s in doc.sentences] == ["Ngày 3/5, Pháp gửi thư tới Đức.",
                                               'Ông A nói: "Chúng tôi sẽ trả lời".', "Hết."]
    assert [m.actor_id for m in doc.mentions] == ["FRA", "DEU"]  # sorted, computed once
    assert [d.expr.text for d in doc.dates] == ["Ngày 3/5"] and doc.dates[0].start == 0
    assert doc.mentions_in(0, body.index("tới")) == (doc.mentions[0],)
    assert doc.quote_at(q0 + 3).quote_id == "q1" and doc.quote_at(pos) is None
    assert doc.sentence_index(body.index("Hết")) == 2
    clause = doc.clause_at(q0)
    assert clause is not None and clause.kind == "quote"
    assert len(doc.folded) == len(body) and doc.folded.startswith("ngay 3/5, phap")
