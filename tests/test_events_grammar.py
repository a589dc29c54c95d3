"""The event coder's grammar mechanisms, one construction per test: coordination and lists,
subjects across speech verbs and coordinated clauses, pivots, governed content, possessors,
light verbs, quotations, negation scope, domestic parts, dates and the word-boundary checks.
Sentences are made up for these tests."""

from __future__ import annotations

import pytest

from sukien.pipeline import Resources, process_article
from sukien.records import Article, Event


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources.load()


def events_of(res: Resources, body: str, published: str = "2024-05-10") -> list[Event]:
    art = Article("g#1", "g", "", None, body, (), published=published, published_basis="header")
    _, _, events, _, _ = process_article(art, res)
    for e in events:
        assert body[e.char_start:e.char_end] == e.sentence
    return [e for e in events if not e.negated and e.root != "01"]


def triples(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source and e.source.split(".")[0], e.target and e.target.split(".")[0], e.root)
            for e in events}


# ---------------------------------------------------------------- coordination and lists


def test_events_grammar_coordinated_subjects_each_act(res: Resources) -> None:
    got = triples(events_of(res, "Pháp, Đức và Ý cùng lên án Iran."))
    assert got == {("FRA", "IRN", "11"), ("DEU", "IRN", "11"), ("ITA", "IRN", "11")}


def test_events_grammar_list_without_final_coordinator(res: Resources) -> None:
    got = triples(events_of(res, "Nhật Bản, Hàn Quốc, Canada đã lên án Triều Tiên."))
    assert got == {("JPN", "PRK", "11"), ("KOR", "PRK", "11"), ("CAN", "PRK", "11")}


def test_events_grammar_two_commas_are_not_a_list(res: Resources) -> None:
    got = triples(events_of(res, "Theo Pháp, Đức lên án Iran."))
    assert got == {("DEU", "IRN", "11")}


def test_events_grammar_list_lead_members_take_the_group_role(res: Resources) -> None:
    body = "Chính phủ Ai Cập cảm ơn các bên, trong đó có Pháp, Ý và Hy Lạp."
    assert triples(events_of(res, body)) == {("EGY", "FRA", "05"), ("EGY", "ITA", "05"), ("EGY", "GRC", "05")}


def test_events_grammar_coordination_across_a_noun_head(res: Resources) -> None:
    body = "Nga cáo buộc Mỹ và các nước thành viên NATO tấn công Syria."
    got = events_of(res, body)
    accused = {(e.source, e.target) for e in got if e.root == "11"}
    assert accused == {("RUS", "USA"), ("RUS", "NATO")}
    claims = {(e.source, e.target, e.modality) for e in got if e.root == "19"}
    assert claims == {("USA", "SYR", "reported_claim"), ("NATO", "SYR", "reported_claim")}


# ---------------------------------------------------------------- subjects


def test_events_grammar_subject_after_a_speech_verb(res: Resources) -> None:
    body = "Bộ Ngoại giao Ba Lan cho biết Litva đã trục xuất hai nhà ngoại giao Belarus."
    got = triples(events_of(res, body))
    assert got and got <= {("LTU", "BLR", "16"), ("LTU", "BLR", "17")}  # not Poland's act


def test_events_grammar_coordinated_verbs_share_the_subject(res: Resources) -> None:
    body = "Canada chỉ trích chính sách của Iran và kêu gọi Mỹ đối thoại."
    got = triples(events_of(res, body))
    assert ("CAN", "IRN", "11") in got and ("CAN", "USA", "02") in got


def test_events_grammar_new_subject_after_va(res: Resources) -> None:
    body = "Hungary phủ nhận thông tin và Bộ Ngoại giao Ba Lan trục xuất 5 nhà ngoại giao Nga."
    got = triples(events_of(res, body))
    assert {(s, t) for s, t, r in got if r in ("16", "17")} == {("POL", "RUS")}


def test_events_grammar_fronted_clause_shares_the_main_subject(res: Resources) -> None:
    body = "Sau khi hội đàm với Ấn Độ tại Paris, Pháp ký thỏa thuận về quốc phòng."
    got = triples(events_of(res, body))
    assert ("FRA", "IND", "04") in got and ("IND", "FRA", "04") in got


def test_events_grammar_event_classifier_marks_the_acting_subject(res: Resources) -> None:
    body = "Liên minh châu Âu phản đối vụ Belarus bắt giữ hai nhà báo Ba Lan."
    got = events_of(res, body)
    arrest = [(e.source, e.target.split(".")[0], e.modality) for e in got if e.root == "17"]
    assert arrest == [("BLR", "POL", "asserted")]  # criticised, so presupposed: not a claim


def test_events_grammar_possessor_of_a_statement_is_not_a_subject(res: Resources) -> None:
    body = "Bình luận của Thủ tướng Ý được công bố trong bối cảnh Iran đàm phán với Trung Quốc."
    got = triples(events_of(res, body))
    assert ("IRN", "CHN", "04") in got
    assert not any(s == "ITA" for s, _, _ in got)


# ---------------------------------------------------------------- pivots and governed content


def test_events_grammar_appeal_content_is_not_an_act(res: Resources) -> None:
    got = triples(events_of(res, "Pháp kêu gọi Nga rút quân khỏi Ukraine."))
    assert ("FRA", "RUS", "02") in got
    assert not any(s == "RUS" for s, _, _ in got)


def test_events_grammar_content_of_content_is_not_an_act(res: Resources) -> None:
    body = "Hungary yêu cầu Serbia hủy bỏ lệnh trục xuất các nhà báo Hungary."
    got = triples(events_of(res, body))
    assert got == {("HUN", "SRB", "10")}


def test_events_grammar_agreement_takes_its_target_from_its_content(res: Resources) -> None:
    got = triples(events_of(res, "Nhật Bản đồng ý cung cấp thiết bị y tế cho Philippines."))
    assert ("JPN", "PHL", "03") in got
    assert not any(r == "07" for _, _, r in got)  # agreed to supply, not (yet) supplied


def test_events_grammar_help_content_is_not_the_helpers_act(res: Resources) -> None:
    body = "Na Uy đã hỗ trợ đàm phán giữa chính phủ Colombia và phe nổi dậy."
    got = triples(events_of(res, body))
    assert not any(s == "NOR" and r == "04" for s, _, r in got)


def test_events_grammar_warning_targets_the_party_of_its_content(res: Resources) -> None:
    got = triples(events_of(res, "Bộ Quốc phòng Nhật Bản cảnh báo, Triều Tiên có thể phóng thêm tên lửa."))
    assert ("JPN", "PRK", "13") in got


# ---------------------------------------------------------------- possessors, nouns, light verbs


def test_events_grammar_possessor_of_the_object_is_the_target(res: Resources) -> None:
    got = triples(events_of(res, "Hàn Quốc lên án chính sách hạt nhân của Triều Tiên."))
    assert got == {("KOR", "PRK", "11")}


def test_events_grammar_possessor_of_an_event_noun_is_the_source(res: Resources) -> None:
    body = "Giới quan sát chú ý tới chuyến thăm của Thủ tướng Ấn Độ tới Nhật Bản."
    got = triples(events_of(res, body))
    assert ("IND", "JPN", "04") in got


def test_events_grammar_event_noun_takes_doi_voi(res: Resources) -> None:
    body = "Quốc hội Đức khẳng định sự ủng hộ của Đức đối với Moldova."
    assert ("DEU", "MDA", "05") in triples(events_of(res, body))


def test_events_grammar_light_verb_gives_its_subject(res: Resources) -> None:
    got = triples(events_of(res, "Trung Quốc tiến hành cuộc tập trận gần Đài Loan."))
    assert ("CHN", "TWN", "15") in got


def test_events_grammar_event_noun_without_light_verb_has_no_source(res: Resources) -> None:
    got = triples(events_of(res, "Báo chí Pháp bình luận về cuộc tập trận gần Đài Loan."))
    assert not any(r == "15" for _, _, r in got)


def test_events_grammar_name_after_agreement_is_not_a_party(res: Resources) -> None:
    got = triples(events_of(res, "Canada ủng hộ thỏa thuận Oslo."))
    assert not any(t == "NOR" for _, t, _ in got)


# ---------------------------------------------------------------- quotations


def test_events_grammar_quote_first_person_is_the_speakers_act(res: Resources) -> None:
    body = '"Chúng tôi sẽ trừng phạt Iran", Tổng thống Mỹ Joe Biden nói.'
    got = events_of(res, body, "2022-06-01")
    assert {(e.source.split(".")[0], e.target) for e in got} == {("USA", "IRN")}


def test_events_grammar_quote_content_about_others_is_not_coded(res: Resources) -> None:
    body = '"Nga đã tấn công Ukraine vào ban đêm", Tổng thống Mỹ Joe Biden nói.'
    assert events_of(res, body, "2022-06-01") == []


def test_events_grammar_quote_joint_act_with_one_party(res: Resources) -> None:
    body = '"Vòng đàm phán với Nhật Bản sẽ tiếp tục vào tháng sau", Ngoại trưởng Nga Sergei Lavrov nói.'
    got = triples(events_of(res, body, "2022-06-01"))
    assert ("RUS", "JPN", "04") in got


# ---------------------------------------------------------------- scope


def test_events_grammar_negation_scopes_over_the_next_verb_only(res: Resources) -> None:
    body = "Moldova từng không chính thức yêu cầu Romania bồi thường."
    assert ("MDA", "ROU", "10") in triples(events_of(res, body))


def test_events_grammar_negation_with_modal_between(res: Resources) -> None:
    art = Article("g#1", "g", "", None, "Nga không thể tấn công Phần Lan.", (), published="2024-05-10")
    events = process_article(art, Resources.load())[2]
    assert events and all(e.negated for e in events if e.root == "19")


# ---------------------------------------------------------------- domestic, references


def test_events_grammar_domestic_act_between_parts(res: Resources) -> None:
    body = "Cảnh sát Thái Lan bắt giữ hàng chục người biểu tình Thái Lan."
    got = events_of(res, body)
    assert any(e.source.startswith("THA") and e.target == "THA.CVL" and e.root == "17" for e in got)


def test_events_grammar_nuoc_nay_is_not_its_own_clauses_state(res: Resources) -> None:
    body = "Phần Lan theo dõi sát Belarus. Moscow đã triển khai tên lửa tại nước này vào tuần trước."
    got = triples(events_of(res, body))
    assert ("RUS", "BLR", "15") in got


def test_events_grammar_plural_pronoun_is_not_a_person(res: Resources) -> None:
    body = "Ông Joe Biden phát biểu. Estonia trục xuất hai nhà ngoại giao Belarus vì cho rằng những người này thu thập tin mật."
    got = events_of(res, body, "2021-04-20")
    assert not any(e.target == "USA.GOV" for e in got)


# ---------------------------------------------------------------- dates


def test_events_grammar_year_of_a_noun_does_not_date_the_act(res: Resources) -> None:
    body = "Ba Lan cáo buộc Belarus liên quan đến vụ cháy nhà kho năm 2019."
    got = [e for e in events_of(res, body, "2021-04-18") if e.root == "11"]
    assert got and got[0].date == "2021-04-18"


def test_events_grammar_year_closing_the_verb_phrase_dates_the_act(res: Resources) -> None:
    body = "Ông nhắc lại rằng Iraq tấn công Kuwait năm 1990."
    got = [e for e in events_of(res, body, "2021-04-18") if e.root == "19"]
    assert got and got[0].date == "1990"


def test_events_grammar_paragraph_day_carries_on(res: Resources) -> None:
    body = "Ngày 3/5, Pháp ký thỏa thuận với Ấn Độ. Pháp cũng lên án Iran."
    got = {e.root: e.date for e in events_of(res, body, "2024-05-10")}
    assert got.get("11") == "2024-05-03"


# ---------------------------------------------------------------- word boundaries


@pytest.mark.parametrize(("body", "cut"), [
    ("Mỹ trực tiếp gửi công hàm cho Nhật Bản.", "tiếp"),  # "tiếp" inside "trực tiếp"
    ("Cảnh sát Pháp nghi ngờ nhóm này âm mưu sát hại một nhà báo.", "mưu sát"),  # "âm mưu | sát hại"
    ("Canada triển khai thêm xe tải quân sự để chở lương thực.", "triển khai thêm xe tải quân"),
])
def test_events_grammar_trigger_inside_another_word_does_not_fire(res: Resources, body: str, cut: str) -> None:
    art = Article("g#1", "g", "", None, body, (), published="2024-05-10", published_basis="header")
    triggers = {e.trigger for e in process_article(art, res)[2]}
    assert cut not in triggers, triggers


def test_events_grammar_belief_verb_opens_its_content(res: Resources) -> None:
    """"X nghi ngờ nhóm này …": the group (no actor) is the subject of what follows, not X."""
    got = events_of(res, "Cảnh sát Pháp nghi ngờ nhóm này âm mưu sát hại một nhà báo.")
    assert not any(e.source.startswith("FRA") for e in got)


def test_events_grammar_actor_overlapping_the_trigger_is_kept(res: Resources) -> None:
    got = triples(events_of(res, "Estonia tuyên bố trục xuất nhà ngoại giao Belarus."))
    assert ("EST", "BLR", "16") in got


def test_events_grammar_years_ago_of_a_noun_does_not_date_the_act(res: Resources) -> None:
    body = "Ba Lan cáo buộc Nga đứng sau vụ cháy nhà máy cách đây 5 năm."
    got = [e for e in events_of(res, body, "2024-05-10") if e.root == "11"]
    assert got and got[0].date == "2024-05-10"


def test_events_grammar_date_after_a_nested_event_noun_is_that_nouns(res: Resources) -> None:
    body = "Hôm 8/5, Latvia trục xuất hai nhà ngoại giao Belarus liên quan đến vụ cháy vào năm 2019."
    got = [e for e in events_of(res, body, "2024-05-10") if e.root in ("16", "17")]
    assert got and {e.date for e in got} == {"2024-05-08"}


def test_events_grammar_date_before_the_verb_covers_the_verb_chain(res: Resources) -> None:
    body = "Bulgaria ngày 7/5 thông báo trục xuất một tùy viên quân sự Nga."
    got = [e for e in events_of(res, body, "2024-05-10") if e.root in ("16", "17")]
    assert got and {e.date for e in got} == {"2024-05-07"}


def test_events_grammar_coordination_inside_a_noun_phrase(res: Resources) -> None:
    body = "Chính phủ và nhân dân Nhật Bản ủng hộ chính phủ và nhân dân Thổ Nhĩ Kỳ."
    assert ("JPN", "TUR", "05") in triples(events_of(res, body))


def test_events_grammar_contrastive_ma_shares_the_subject(res: Resources) -> None:
    body = "Thủ tướng Đức cho rằng không nên cô lập mà cần đối thoại với Iran."
    got = triples(events_of(res, body))
    assert any(s == "DEU" and t == "IRN" for s, t, _ in got)


def test_events_grammar_event_noun_inside_the_object(res: Resources) -> None:
    body = "Hàn Quốc hoan nghênh động thái rút quân của Mỹ."
    got = triples(events_of(res, body))
    assert ("KOR", "USA", "05") in got


def test_events_grammar_force_on_targets_located_in_a_state(res: Resources) -> None:
    body = "Máy bay Israel tấn công vào các mục tiêu ở Syria."
    assert ("ISR", "SYR", "19") in triples(events_of(res, body))


def test_events_grammar_inline_quoted_term_keeps_its_clause(res: Resources) -> None:
    body = 'Nhật Bản đang điều "tàu tuần tra thế hệ mới" tới hỗ trợ Philippines.'
    got = triples(events_of(res, body))
    assert any(s == "JPN" and t == "PHL" for s, t, _ in got)


def test_events_grammar_threat_stands_without_a_target(res: Resources) -> None:
    got = triples(events_of(res, "Iran cảnh báo, nước này sẽ đáp trả mạnh mẽ mọi hành động khiêu khích."))
    assert ("IRN", None, "13") in got
    assert not triples(events_of(res, "Iran chỉ trích mạnh mẽ."))  # criticism needs its target


def test_events_grammar_own_side_in_a_warning_is_no_target(res: Resources) -> None:
    body = "Tổng thống Pháp Emmanuel Macron cảnh báo, Pháp sẽ trả đũa."
    got = events_of(res, body, "2022-06-01")
    assert [(e.source.split(".")[0], e.target) for e in got if e.root == "13"] == [("FRA", None)]


def test_events_grammar_aid_without_recipient_goes_to_the_topic_state(res: Resources) -> None:
    body = ("Động đất mạnh làm rung chuyển miền nam Thổ Nhĩ Kỳ. Chính phủ Thổ Nhĩ Kỳ tuyên bố tình trạng "
            "khẩn cấp.\n\nNhật Bản và Hàn Quốc đã đề nghị hỗ trợ.")
    got = triples(events_of(res, body))
    assert ("JPN", "TUR", "03") in got and ("KOR", "TUR", "03") in got
    lone = "Bão lớn đổ bộ vào Philippines và Việt Nam.\n\nNhật Bản đã đề nghị hỗ trợ."
    assert not any(r == "03" for _, _, r in triples(events_of(res, lone)))  # no single topic state


def test_events_grammar_complement_clause_shares_the_introducing_date(res: Resources) -> None:
    body = "Trước đó, Bộ Ngoại giao Ba Lan ngày 3/5 thông báo rằng hai nhà báo Belarus đã bị trục xuất."
    got = [e for e in events_of(res, body, "2024-05-10") if e.root in ("16", "17")]
    assert got and {e.date for e in got} == {"2024-05-03"}


def test_events_grammar_leaders_appeal_to_their_own_people(res: Resources) -> None:
    got = events_of(res, "Thủ tướng Nhật Bản kêu gọi người dân tiết kiệm điện.", "2022-06-01")
    assert [(e.source.split(".")[0], e.target, e.root) for e in got] == [("JPN", "JPN.CVL", "02")]


def test_events_grammar_anaphoric_act_targets_its_author(res: Resources) -> None:
    body = "Trung Quốc áp thuế mới lên hàng hóa Australia. Canberra lập tức chỉ trích động thái này."
    got = triples(events_of(res, body))
    assert ("AUS", "CHN", "11") in got


def test_events_grammar_response_aims_at_who_acted_against_the_responder(res: Resources) -> None:
    body = "Ba Lan trục xuất hai nhà ngoại giao Belarus. Minsk tuyên bố sẽ đáp trả."
    got = triples(events_of(res, body))
    assert ("BLR", "POL", "13") in got


def test_events_grammar_response_aims_at_an_act_earlier_in_its_sentence(res: Resources) -> None:
    body = "Sau khi Ba Lan trục xuất hai nhà ngoại giao Belarus, Minsk tuyên bố sẽ đáp trả."
    got = triples(events_of(res, body))
    assert ("BLR", "POL", "13") in got


def test_events_grammar_response_aims_at_the_author_of_a_named_act(res: Resources) -> None:
    body = "Lithuania phản đối hành động khiêu khích của Belarus và cho biết sẽ có biện pháp đáp trả."
    got = triples(events_of(res, body))
    assert ("LTU", "BLR", "13") in got


def test_events_grammar_a_decision_after_a_preposition_is_a_noun(res: Resources) -> None:
    got = triples(events_of(res, "Đức hoài nghi về quyết định rút quân của Nga."))
    assert ("DEU", "RUS", "11") in got
    verb = triples(events_of(res, "Ba Lan quyết định trục xuất hai nhà ngoại giao Belarus."))
    assert {(s, t) for s, t, _ in verb} == {("POL", "BLR")}


def test_events_grammar_a_list_of_demands_is_all_content(res: Resources) -> None:
    body = "Pháp kêu gọi Iran ngừng làm giàu urani, trả tự do cho các tù nhân và hợp tác với IAEA."
    assert triples(events_of(res, body)) == {("FRA", "IRN", "02")}


def test_events_grammar_a_withdrawal_without_a_place_is_from_the_topic_state(res: Resources) -> None:
    body = ("Chính phủ Ukraine lo ngại trước các cuộc tập trận sát biên giới Ukraine.\n\n"
            "Ngày 22/4, Nga thông báo rút các đơn vị quân sự về căn cứ.")
    assert ("RUS", "UKR", "08") in triples(events_of(res, body))


def test_events_grammar_a_verb_closing_a_quotation_aims_at_who_opens_it(res: Resources) -> None:
    body = '"Nga đang tìm cách chia rẽ châu Âu", Ngoại trưởng Pháp cáo buộc.'
    assert ("FRA", "RUS", "11") in triples(events_of(res, body))
    own = '"Pháp sẽ không lùi bước trước sức ép", Ngoại trưởng Pháp cảnh báo.'
    assert not [e for e in events_of(res, own) if e.target is not None]


def test_events_grammar_a_pro_state_qualifier_is_no_party(res: Resources) -> None:
    body = "Tổng thống Moldova cấm ba kênh truyền hình thân Nga."
    assert not [e for e in events_of(res, body) if e.target and e.target.startswith("RUS")]
    assert ("RUS", "USA", "11") in triples(events_of(res, "Bản thân Nga cũng lên án Mỹ."))


def test_events_grammar_the_actor_of_an_event_classifier_acts(res: Resources) -> None:
    got = triples(events_of(res, "Anh trừng phạt Iran sau vụ Iran bắt giữ nhà báo Pháp."))
    assert got == {("GBR", "IRN", "16"), ("IRN", "FRA", "17")}


def test_events_grammar_they_after_a_speech_verb_is_the_speaker(res: Resources) -> None:
    body = "Cảnh sát Thái Lan cho biết họ đã bắt giữ hai công dân Campuchia."
    assert ("THA", "KHM", "17") in triples(events_of(res, body))


def test_events_grammar_a_negated_plan_covers_its_coordinated_acts(res: Resources) -> None:
    body = "Canada chưa có kế hoạch áp lệnh trừng phạt mới hay trục xuất nhà ngoại giao Iran."
    assert not events_of(res, body)


def test_events_grammar_a_sniper_is_a_soldier_not_a_shot(res: Resources) -> None:
    body = "Ngoại trưởng Armenia cáo buộc lính bắn tỉa Azerbaijan nổ súng vào binh sĩ Armenia."
    got = events_of(res, body)
    assert {(e.source[:3], e.target[:3] if e.target else None, e.root) for e in got} == {
        ("ARM", "AZE", "11"), ("AZE", "ARM", "19")}


def test_events_grammar_a_subjectless_time_clause_after_an_appeal_is_its_content(res: Resources) -> None:
    body = "Nhật Bản kêu gọi Trung Quốc kiềm chế khi tuần tra gần quần đảo của Philippines."
    assert triples(events_of(res, body)) == {("JPN", "CHN", "02")}


def test_events_grammar_between_belongs_to_the_nearest_act(res: Resources) -> None:
    body = "Ngoại trưởng Pháp có cuộc gặp với phái đoàn Mỹ trước vòng đàm phán giữa Nga và Ukraine."
    meet = {(s, t) for s, t, r in triples(events_of(res, body)) if r == "04"}
    assert ("FRA", "USA") in meet and ("FRA", "RUS") not in meet


def test_events_grammar_air_defence_is_no_negation(res: Resources) -> None:
    body = "Lực lượng Ukraine tập kích một hệ thống tên lửa phòng không của Nga."
    assert ("UKR", "RUS", "19") in triples(events_of(res, body))


def test_events_grammar_an_embedded_question_asserts_nothing(res: Resources) -> None:
    assert not events_of(res, "Các nhà báo hỏi liệu Nga có tấn công Ukraine hay không.")


def test_events_grammar_this_body_and_this_official(res: Resources) -> None:
    body = ("Bộ Ngoại giao Hàn Quốc đã lên tiếng. Cơ quan này hối thúc Bỉ hợp tác điều tra. "
            "Ngoại trưởng Bỉ Sophie Wilmès cho biết quan chức này đã xin lỗi Hàn Quốc.")
    got = events_of(res, body, "2021-04-22")
    assert ("KOR", "BEL", "02") in triples(got)


def test_events_grammar_quantified_own_people(res: Resources) -> None:
    got = events_of(res, "Tổng thống Hàn Quốc kêu gọi tất cả người dân đi bầu cử.", "2022-06-01")
    assert [(e.source.split(".")[0], e.target, e.root) for e in got] == [("KOR", "KOR.CVL", "02")]


def test_events_grammar_two_named_people_of_one_state(res: Resources) -> None:
    body = "Ngoại trưởng Mỹ Antony Blinken gửi lời thỉnh cầu tới Tổng thống Mỹ Joe Biden."
    got = events_of(res, body, "2022-04-01")
    assert [(e.source.split(".")[0], e.target.split(".")[0], e.root) for e in got] == [("USA", "USA", "02")]


def test_events_grammar_announcement_opens_a_clause(res: Resources) -> None:
    body = "Bộ Ngoại giao Nga công bố 10 nhân viên Đại sứ quán Ba Lan sẽ phải rời khỏi Nga."
    got = triples(events_of(res, body))
    assert ("RUS", "POL", "16") in got
    announced = triples(events_of(res, "Nhật Bản công bố lệnh trừng phạt mới đối với Nga."))
    assert ("JPN", "RUS", "16") in announced


def test_events_grammar_intent_without_partner_goes_to_the_topic_state(res: Resources) -> None:
    body = ("Lũ lớn tàn phá Pakistan. Chính phủ Pakistan kêu gọi quốc tế giúp đỡ.\n\n"
            "Nhiều nước như Canada, Australia đã cam kết hỗ trợ chiến dịch cứu trợ.")
    got = triples(events_of(res, body))
    assert ("CAN", "PAK", "03") in got and ("AUS", "PAK", "03") in got


def test_events_grammar_story_day_is_not_a_bound(res: Resources) -> None:
    body = ("Bộ Quốc phòng Nga ngày 5/5 thông báo đóng cửa vùng biển này từ ngày 8/5 đến ngày 30/9.\n\n"
            "Mỹ lập tức chỉ trích Nga.")
    got = [e for e in events_of(res, body, "2024-05-10") if e.root == "11"]
    assert got and got[0].date == "2024-05-05"


def test_events_grammar_joint_act_noun_after_the_verb_takes_the_subject(res: Resources) -> None:
    body = "Hai binh sĩ Armenia thiệt mạng trong cuộc đụng độ với Azerbaijan."
    assert ("ARM", "AZE", "19") in triples(events_of(res, body))
