"""Scope of an act read from its clause: aims, questions, acts under consideration, imminent
acts, and look-alike compounds. Sentences are made up for these tests."""

from __future__ import annotations

import pytest

from sukien.doc.build import build_doc
from sukien.pipeline import Resources, process_article
from sukien.records import Article, Event


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources.load()


def events_of(res: Resources, body: str) -> list[Event]:
    art = Article("s#1", "s", "", None, body, (), published="2024-05-10", published_basis="header")
    _, _, events, _, _ = process_article(art, res)
    return [e for e in events if not e.negated and e.root != "01"]


def roots(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source and e.source.split(".")[0], e.target and e.target.split(".")[0], e.root)
            for e in events}


def test_an_act_of_force_in_a_purpose_clause_is_an_aim(res: Resources) -> None:
    got = roots(events_of(res, "Quân đội Azerbaijan điều thêm xe tăng tới biên giới để tấn công Armenia."))
    assert not any(r == "19" for _, _, r in got)
    # a force act outside a purpose clause stays a fact
    assert ("AZE", "ARM", "19") in roots(events_of(res, "Quân đội Azerbaijan tấn công Armenia."))


def test_a_verbal_act_in_a_purpose_clause_stays_coded(res: Resources) -> None:
    body = "Thủ tướng Canada đã tới Tokyo để kêu gọi Nhật Bản tăng đầu tư."
    assert ("CAN", "JPN", "02") in roots(events_of(res, body))


def test_an_embedded_yes_no_question_asserts_nothing(res: Resources) -> None:
    body = "Nội các Australia vẫn chưa quyết định có trừng phạt Myanmar hay không."
    assert not events_of(res, body)
    body = "Hàn Quốc có trừng phạt Triều Tiên hay chưa vẫn là ẩn số."
    assert not events_of(res, body)
    assert ("KOR", "PRK", "16") in roots(events_of(res, "Hàn Quốc đã trừng phạt Triều Tiên."))


def test_an_act_under_consideration_is_not_done(res: Resources) -> None:
    for body in ("Chính phủ Canada đang cân nhắc khả năng trục xuất đại sứ Iran.",
                 "Ba Lan đang xem xét trừng phạt Belarus."):
        assert not events_of(res, body), body


def test_an_imminent_act_is_intended(res: Resources) -> None:
    got = events_of(res, "Indonesia sắp ký thỏa thuận với Hàn Quốc.")
    assert got and all(e.modality == "intended" for e in got)


def test_commercial_flights_are_no_trade(res: Resources) -> None:
    assert not events_of(res, "Các chuyến bay thương mại giữa Peru và Chile bị tạm dừng vì bão.")
    assert ("PER", "CHL", "06") in roots(events_of(res, "Peru thúc đẩy thương mại với Chile."))


def test_a_full_stop_inside_a_quotation_ends_a_clause() -> None:
    body = ('Ông Minh nói: "Chúng tôi mua máy bay để bảo vệ bầu trời. '
            'Phần còn lại chúng tôi nhận được từ đối tác".')
    doc = build_doc(Article("c#1", "c", "", None, body, ()), (), (), None)
    kinds = [(c.kind, body[c.start:c.end].strip()) for c in doc.clauses]
    assert ("purpose", "để bảo vệ bầu trời.") in kinds
    assert kinds[-1][0] == "main" and kinds[-1][1].startswith("Phần còn lại")


def test_a_possible_or_prevented_act_is_no_event(res: Resources) -> None:
    for body in ("Bộ Quốc phòng Nhật Bản không loại trừ khả năng tấn công phủ đầu Triều Tiên.",
                 "Giới quan sát cảnh báo nguy cơ xung đột giữa Ấn Độ và Pakistan.",
                 "Chính phủ Ai Cập tăng cường an ninh nhằm ngăn chặn các vụ tấn công vào Israel."):
        assert not any(e.root in ("19", "18") for e in events_of(res, body)), body
    body = "Thái Lan tuyên bố sẽ đáp trả bất kỳ cuộc tấn công nào của Campuchia."
    assert not any(e.root == "19" for e in events_of(res, body))


def test_a_share_is_no_seizure(res: Resources) -> None:
    for body in ("Đức chiếm 30% kim ngạch xuất khẩu của Áo.",
                 "Hàn Quốc chiếm khoảng một nửa thị trường chip của Việt Nam."):
        assert not any(e.root == "19" for e in events_of(res, body)), body
    assert ("AZE", "ARM", "19") in roots(events_of(res, "Quân đội Azerbaijan chiếm hai ngôi làng của Armenia."))


def test_an_event_noun_still_to_take_place_is_intended(res: Resources) -> None:
    got = events_of(res, "Cuộc gặp giữa Pháp và Algeria dự kiến diễn ra tại Paris vào tuần tới.")
    assert got and all(e.modality == "intended" for e in got)
    got = events_of(res, "Cuộc gặp giữa Pháp và Algeria đã diễn ra tại Paris.")
    assert got and all(e.modality == "asserted" for e in got)


def test_an_unnamed_group_is_a_subject_of_its_own(res: Resources) -> None:
    body = "Thủ tướng Đức thăm Ấn Độ trong bối cảnh nhiều quốc gia lo ngại chính sách của Trung Quốc."
    got = roots(events_of(res, body))
    assert ("DEU", "IND", "04") in got
    assert not any(src == "DEU" and tgt == "CHN" for src, tgt, _ in got)


def test_negation_reaches_an_event_noun_through_its_light_verb(res: Resources) -> None:
    neg = process_article(Article("n#1", "n", "", None, "Ai Cập sẽ không tham gia các cuộc đàm phán với Ethiopia.", (),
                                  published="2024-05-10", published_basis="header"), res)[2]
    assert neg and all(e.negated for e in neg if e.root == "04")
    assert ("EGY", "ETH", "04") in roots(events_of(res, "Ai Cập đã tham gia các cuộc đàm phán với Ethiopia."))


def test_a_possible_event_noun_is_no_event(res: Resources) -> None:
    body = "Bộ Ngoại giao Peru cho biết các cuộc đàm phán tiềm năng với Chile sẽ bàn về biên giới."
    assert not any(e.root == "04" for e in events_of(res, body))


def test_halting_attacks_with_a_classifier_is_de_escalation(res: Resources) -> None:
    got = roots(events_of(res, "Armenia tuyên bố tạm ngừng các cuộc tấn công vào Azerbaijan."))
    assert ("ARM", "AZE", "08") in got and not any(r == "19" for _, _, r in got)


def test_an_unnamed_group_right_before_its_verb_acts_not_an_earlier_actor(res: Resources) -> None:
    body = "Pháp áp thuế đối với hàng hóa từ các quốc gia cung cấp vũ khí cho Syria."
    assert not any(src == "FRA" and tgt == "SYR" for src, tgt, _ in roots(events_of(res, body)))
    body = "Nhiều nước đã đề nghị giúp đỡ Nepal, trong đó có Ấn Độ và Nhật Bản."
    assert {("IND", "NPL"), ("JPN", "NPL")} <= {(s, t) for s, t, _ in roots(events_of(res, body))}


def test_a_carrier_strike_group_is_no_attack(res: Resources) -> None:
    body = "Hải quân Pháp điều một nhóm tàu sân bay tấn công tới Địa Trung Hải."
    assert not any(e.root == "19" for e in events_of(res, body))


def test_last_year_counts_from_the_report_not_from_an_earlier_story_date(res: Resources) -> None:
    body = ("Các cuộc biểu tình ở Chile bắt đầu từ ngày 20/12/2025. "
            "Năm ngoái, Argentina đã trục xuất đại sứ Chile.")
    art = Article("y#1", "y", "", None, body, (), published="2026-01-31", published_basis="header")
    got = [e for e in process_article(art, res)[2] if e.root == "16"]
    assert got and got[0].date == "2025"


def test_a_sports_report_codes_no_event(res: Resources) -> None:
    assert not events_of(res, "Đội tuyển Thái Lan sẽ gặp Malaysia ở bán kết.")
    assert events_of(res, "Thủ tướng Thái Lan sẽ gặp Thủ tướng Malaysia vào tuần tới.")


def test_a_supplier_and_a_session_are_no_acts(res: Resources) -> None:
    assert not events_of(res, "Na Uy là nhà cung cấp khí đốt lớn nhất của Đức.")
    assert not any(e.root == "04" for e in events_of(res, "Quốc hội Lào bế mạc kỳ họp thứ 8."))


def test_expectations_and_attempts_are_intended(res: Resources) -> None:
    for body in ("Thủ tướng Anh kỳ vọng đạt thỏa thuận với Ấn Độ.",
                 "Thổ Nhĩ Kỳ tìm cách giành quyền kiểm soát vùng biển của Hy Lạp."):
        got = events_of(res, body)
        assert got and all(e.modality == "intended" for e in got), body


def test_a_risk_named_before_the_subject_is_no_act(res: Resources) -> None:
    body = "Giá dầu tăng trước nguy cơ Israel phát động chiến dịch quân sự nhằm vào Liban."
    assert not any(e.root in ("18", "19") for e in events_of(res, body))


def test_content_after_a_claim_verb_is_a_claim_whatever_its_subject(res: Resources) -> None:
    got = [e for e in events_of(res, "Venezuela cho rằng Colombia đã tấn công lãnh thổ của mình.") if e.root == "19"]
    assert got and all(e.modality == "reported_claim" for e in got)


def test_every_attack_is_no_attack(res: Resources) -> None:
    body = "Lãnh đạo Iran cảnh báo mọi cuộc tấn công của Israel sẽ bị đáp trả."
    assert not any(e.root == "19" for e in events_of(res, body))


def test_a_habit_is_no_dated_act(res: Resources) -> None:
    assert not events_of(res, "Hằng năm, Pháp và Đức tổ chức hội đàm về an ninh.")
    assert events_of(res, "Ngày 3/5, Pháp và Đức tổ chức hội đàm về an ninh.")


def test_a_pair_named_as_the_topic_does_not_act(res: Resources) -> None:
    body = "Các bộ trưởng thảo luận về mối quan hệ giữa Nhật Bản và Hàn Quốc."
    assert not events_of(res, body)
    body = "Thủ tướng Pháp thảo luận với Thủ tướng Ý về quan hệ giữa Nhật Bản và Hàn Quốc."
    assert {(s, t) for s, t, _ in roots(events_of(res, body))} == {("FRA", "ITA"), ("ITA", "FRA")}


def test_a_passive_with_a_plain_agent_has_no_actor_as_source(res: Resources) -> None:
    assert not events_of(res, "Khi du khách Đức bị cá mập tấn công, người dân đã giúp đỡ.")
    assert ("CHN", "PHL", "19") in roots(events_of(res, "Tàu Philippines bị tàu Trung Quốc tấn công."))


def test_a_sports_page_codes_no_event(res: Resources) -> None:
    body = ("Đội bóng của Pháp tấn công liên tục trong hiệp hai.\n\n"
            "Các cầu thủ Đức phòng ngự chặt chẽ trước vòng cấm và giữ sạch lưới.")
    assert not events_of(res, body)
    body = ("Thủ tướng Pháp gặp Thủ tướng Đức tại Paris.\n\n"
            "Sau đó hai nhà lãnh đạo xem các cầu thủ thi đấu trong hiệp hai tại sân vận động.")
    assert ("FRA", "DEU", "04") in roots(events_of(res, body))


def test_a_date_inside_a_warnings_content_does_not_date_the_warning(res: Resources) -> None:
    body = "Bộ Quốc phòng Anh cảnh báo Nga có thể sẽ triển khai tên lửa tới Belarus vào tháng 7/2027."
    got = [e for e in events_of(res, body) if e.root == "13"]
    assert got and got[0].date == "2024-05-10"
    got = [e for e in events_of(res, "Bộ Quốc phòng Anh cảnh báo Nga vào ngày 3/5.") if e.root == "13"]
    assert got and got[0].date == "2024-05-03"


def test_not_hurrying_to_strike_is_no_strike(res: Resources) -> None:
    body = "Quân đội Azerbaijan không vội vàng tập kích các vị trí của Armenia."
    assert not any(e.root == "19" for e in events_of(res, body))


def test_an_agreement_in_a_purpose_clause_is_an_aim(res: Resources) -> None:
    got = roots(events_of(res, "Ai Cập và Ethiopia đang đàm phán để sớm ký kết một hiệp định về nguồn nước."))
    assert ("EGY", "ETH", "04") in got and not any(r == "05" for _, _, r in got)


def test_a_letter_received_is_no_aid(res: Resources) -> None:
    body = "Bộ trưởng Nội vụ Bỉ cho biết ông đã nhận được một lá thư từ Cơ quan An ninh Quốc gia Mỹ."
    assert not any(e.root == "07" for e in events_of(res, body))
    assert ("USA", "UKR", "07") in roots(events_of(res, "Quân đội Ukraine nhận được đạn pháo từ Mỹ."))


def test_an_act_noun_a_speaker_reports_is_not_the_speakers(res: Resources) -> None:
    assert not events_of(res, "Một quan chức Pháp cho biết cuộc tấn công nhằm vào Mali.")
    assert ("FRA", "DEU", "04") in roots(events_of(res, "Bộ Ngoại giao Pháp cho biết cuộc gặp với Đức diễn ra tốt đẹp."))
    assert ("FRA", "IRN", "16") in roots(events_of(res, "Bộ Ngoại giao Pháp công bố lệnh trừng phạt đối với Iran."))


def test_a_political_commitment_named_as_a_noun_is_no_act(res: Resources) -> None:
    body = "Liên minh giữa Ai Cập và Sudan dựa trên lợi ích kinh tế, cam kết chính trị và tính toán chiến lược."
    assert not any(e.root == "03" for e in events_of(res, body))
