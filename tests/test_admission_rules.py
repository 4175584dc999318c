"""The pipeline's rules at their edges: age in months on the cell's day, two thirds, introducers, the ceremony
deadline across Tết, the official date fixed at the end of probation."""

from datetime import date

import pytest

import test_admission_support as support
from dangvu.admission import actions, rules
from dangvu.admission.models import Candidate, Step
from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.members.models import EventType, LeftReason, Member, Status

pytest_plugins = ["test_admission_support"]  # the `cell` fixture

RESOLUTION = support.PATH["resolution"]  # 12/05/2020


def at_introduced(cell, **person):
    return support.walk(cell, Step.INTRODUCED, person=person)


def test_eighteen_on_the_day_the_cell_considers_passes(cell):
    candidate = at_introduced(cell, birth_date=date(2002, 5, 12))
    actions.record_resolution(None, candidate, on=RESOLUTION, votes_for=6)
    assert Candidate.objects.get().step == Step.RESOLVED


def test_one_day_short_of_eighteen_fails(cell):
    candidate = at_introduced(cell, birth_date=date(2002, 5, 13))
    with pytest.raises(RuleViolation) as raised:
        actions.record_resolution(None, candidate, on=RESOLUTION, votes_for=6)
    assert "17 tuổi 11 tháng" in raised.value.errors["on"][0]
    assert "chưa đủ 18 tuổi" in raised.value.errors["on"][0]
    assert Candidate.objects.get().step == Step.INTRODUCED


def test_age_counts_months_not_years(cell):
    # born in June 2002: 18 by the year of the meeting, but only 17 years 11 months on 12/05/2020
    candidate = at_introduced(cell, birth_date=date(2002, 6, 1))
    with pytest.raises(RuleViolation) as raised:
        actions.record_resolution(None, candidate, on=RESOLUTION, votes_for=6)
    assert "17 tuổi 11 tháng" in raised.value.messages[0]


def test_over_sixty_needs_a_recorded_approval(cell):
    candidate = at_introduced(cell, birth_date=date(1959, 1, 1))
    with pytest.raises(RuleViolation) as raised:
        actions.record_resolution(None, candidate, on=RESOLUTION, votes_for=6)
    assert "văn bản chấp thuận" in raised.value.errors["over_age_approval"][0]
    actions.record_resolution(None, candidate, on=RESOLUTION, votes_for=6, over_age_approval="15-CV/TU")
    candidate = actions.record_decision(None, candidate, number="1-QĐ/TU", on=date(2020, 6, 1), by=cell["city"])
    assert candidate.member.over_age_approval == "15-CV/TU"


def test_two_thirds_of_seven_is_five(cell):
    assert rules.votes_needed(7, RESOLUTION) == 5
    assert rules.votes_needed(6, RESOLUTION) == 4
    assert rules.votes_needed(3, RESOLUTION) == 2
    candidate = at_introduced(cell)
    with pytest.raises(RuleViolation) as raised:
        actions.record_resolution(None, candidate, on=RESOLUTION, votes_for=4)
    # the probationary member does not count: 7 official members
    assert raised.value.errors["votes_for"] == [
        "Chỉ 4/7 đảng viên chính thức tán thành; cần ít nhất 5 (hai phần ba) để đề nghị kết nạp."
    ]
    actions.record_resolution(None, candidate, on=RESOLUTION, votes_for=5)
    candidate.refresh_from_db()
    assert (candidate.official_members, candidate.votes_for) == (7, 5)


def test_members_who_joined_later_are_not_counted(cell, make_member):
    make_member(cell["cell"], given="Sau", admitted=date(2019, 1, 1), official=date(2020, 6, 1))
    candidate = at_introduced(cell)
    with pytest.raises(RuleViolation, match="chi bộ có 7 đảng viên chính thức ngày 12/05/2020"):
        actions.record_resolution(None, candidate, on=RESOLUTION, votes_for=8)


def test_exempted_members_count_only_when_present(cell):
    from dangvu.members import actions as member_actions

    member_actions.exempt(None, cell["members"][6], on=date(2019, 3, 1), reason="health")
    candidate = at_introduced(cell)
    with pytest.raises(RuleViolation) as raised:
        actions.record_resolution(None, candidate, on=RESOLUTION, votes_for=3)
    assert "cần ít nhất 4" in raised.value.errors["votes_for"][0]  # 2/3 of 6
    with pytest.raises(RuleViolation) as raised:
        actions.record_resolution(None, candidate, on=RESOLUTION, votes_for=5, exempted_present=2)
    assert "exempted_present" in raised.value.errors
    actions.record_resolution(None, candidate, on=RESOLUTION, votes_for=5, exempted_present=1)
    assert Candidate.objects.get().official_members == 7


def test_introducer_with_eleven_months_together_fails(cell):
    candidate = support.walk(cell, Step.APPLIED)
    members = cell["members"]
    on = date(2020, 4, 15)
    with pytest.raises(RuleViolation) as raised:
        actions.record_introducers(
            None, candidate, on=on, introducers=[(members[0], date(2019, 5, 16)), (members[1], date(2017, 1, 1))]
        )
    assert raised.value.errors["introducers"] == [
        "Nguyễn Văn An mới cùng công tác với người vào Đảng 10 tháng (từ 16/05/2019); cần ít nhất 12 tháng."
    ]
    with pytest.raises(RuleViolation) as raised:
        actions.record_introducers(
            None, candidate, on=on, introducers=[(members[0], date(2019, 4, 16)), (members[1], date(2017, 1, 1))]
        )
    assert "mới cùng công tác với người vào Đảng 11 tháng" in raised.value.errors["introducers"][0]
    assert not candidate.introducers.exists()
    actions.record_introducers(
        None, candidate, on=on, introducers=[(members[0], date(2019, 4, 15)), (members[1], date(2017, 1, 1))]
    )
    assert candidate.introducers.count() == 2


def test_probationary_introducer_fails(cell):
    candidate = support.walk(cell, Step.APPLIED)
    with pytest.raises(RuleViolation) as raised:
        actions.record_introducers(
            None,
            candidate,
            on=date(2020, 4, 15),
            introducers=[(cell["probationary"], date(2017, 1, 1)), (cell["members"][1], date(2017, 1, 1))],
        )
    assert "Đỗ Văn Mới chưa là đảng viên chính thức ngày 15/04/2020" in raised.value.errors["introducers"][0]
    assert Candidate.objects.get().step == Step.APPLIED


def test_two_introducers_or_the_youth_union_and_one(cell):
    candidate = support.walk(cell, Step.APPLIED)
    members, on = cell["members"], date(2020, 4, 15)
    with pytest.raises(RuleViolation, match="Cần đúng 2 đảng viên chính thức giới thiệu; đã ghi 1"):
        actions.record_introducers(None, candidate, on=on, introducers=[(members[0], date(2017, 1, 1))])
    with pytest.raises(RuleViolation) as raised:
        actions.record_introducers(
            None, candidate, on=on, introducers=[(members[0], date(2017, 1, 1))], union_kind="youth_union"
        )
    assert "union_reference" in raised.value.errors
    actions.record_introducers(
        None,
        candidate,
        on=on,
        introducers=[(members[0], date(2017, 1, 1))],
        union_kind="youth_union",
        union_reference="12-NQ/ĐTN ngày 10/04/2020",
    )
    assert Candidate.objects.get().union_kind == "youth_union"


def test_youth_union_only_for_young_candidates(cell):
    candidate = support.walk(cell, Step.APPLIED, person={"birth_date": date(1985, 1, 1)})
    with pytest.raises(RuleViolation) as raised:
        actions.record_introducers(
            None,
            candidate,
            on=date(2020, 4, 15),
            introducers=[(cell["members"][0], date(2017, 1, 1))],
            union_kind="youth_union",
            union_reference="12-NQ/ĐTN",
        )
    assert "quá 30 tuổi" in raised.value.errors["union_kind"][0]
    actions.record_introducers(
        None,
        candidate,
        on=date(2020, 4, 15),
        introducers=[(cell["members"][0], date(2017, 1, 1))],
        union_kind="trade_union",
        union_reference="3-NQ/CĐ",
    )


def test_ceremony_on_the_31st_working_day_across_tet_is_flagged(cell):
    # decision Friday 15/01/2021; Tết Tân Sửu closed offices 10–16/02/2021: the 30th working day is 05/03
    dates = {
        "listed": date(2020, 6, 1),
        "class": date(2020, 7, 1),
        "certificate": date(2020, 8, 1),
        "application": date(2020, 9, 1),
        "introducers": date(2020, 10, 1),
        "resolution": date(2020, 12, 1),
        "decision": date(2021, 1, 15),
    }
    on_time = support.walk(cell, Step.ADMITTED, **dates)
    deadline = rules.ceremony_deadline(on_time.decision_on, date(2021, 3, 5), date(2021, 3, 5))
    assert deadline.due == date(2021, 3, 5) and not deadline.late
    # late: only with the written approval of the committee directly above (29-QĐ/TW, point 4.1)
    with pytest.raises(RuleViolation) as caught:
        actions.record_ceremony(None, on_time, on=date(2021, 3, 8))
    assert caught.value.errors["late_approval"] == [
        "Lễ kết nạp ngày 08/03/2021 quá hạn 1 ngày làm việc (hạn 05/03/2021, 30 ngày làm việc từ ngày chi bộ nhận "
        "quyết định 15/01/2021): cần ghi văn bản đồng ý của cấp ủy cấp trên trực tiếp (Quy định 29-QĐ/TW ngày "
        "25/07/2016, Hướng dẫn 01-HD/TW ngày 20/09/2016)."
    ]
    late = actions.record_ceremony(None, on_time, on=date(2021, 3, 8), late_approval="15-CV/ĐU ngày 01/03/2021")
    deadline = rules.ceremony_deadline(late.decision_on, late.ceremony_on, date(2026, 1, 1))
    assert deadline.late and deadline.remaining == -1
    assert late.step == Step.PROBATION and late.late_ceremony_approval == "15-CV/ĐU ngày 01/03/2021"
    event = AuditEvent.objects.filter(action="candidate.ceremony").get()
    assert "Muộn 1 ngày làm việc so với hạn 05/03/2021" in event.reason


def test_the_ceremony_deadline_counts_from_the_day_the_decision_is_received(cell):
    """Decision of Friday 15/01/2021 received by the cell on Wednesday 20/01: 30 working days from the receipt
    end on 10/03/2021 (Tết 10–16/02 skipped), so 08/03 is in time and needs no approval."""
    dates = {
        "listed": date(2020, 6, 1),
        "class": date(2020, 7, 1),
        "certificate": date(2020, 8, 1),
        "application": date(2020, 9, 1),
        "introducers": date(2020, 10, 1),
        "resolution": date(2020, 12, 1),
        "decision": date(2021, 1, 15),
    }
    candidate = support.walk(cell, Step.ADMITTED, **dates)
    with pytest.raises(RuleViolation) as caught:
        actions.record_ceremony(None, candidate, on=date(2021, 3, 8), received_on=date(2021, 1, 14))
    assert "trước ngày quyết định" in caught.value.errors["received_on"][0]
    with pytest.raises(RuleViolation) as caught:
        actions.record_ceremony(None, candidate, on=date(2021, 3, 8), received_on=date(2021, 3, 9))
    assert "sau ngày lễ kết nạp" in caught.value.errors["received_on"][0]
    done = actions.record_ceremony(None, candidate, on=date(2021, 3, 8), received_on=date(2021, 1, 20))
    assert (done.decision_received_on, done.late_ceremony_approval) == (date(2021, 1, 20), "")
    deadline = rules.ceremony_deadline(rules.ceremony_start(done), done.ceremony_on, done.ceremony_on)
    assert deadline.due == date(2021, 3, 10) and not deadline.late


def test_official_date_is_the_end_of_probation_even_when_recognized_late(cell):
    candidate = support.walk(cell, Step.PROBATION)  # ceremony 15/06/2020
    with pytest.raises(RuleViolation, match="Chưa hết 12 tháng dự bị"):
        actions.recognize(None, candidate, number="9-QĐ", on=date(2021, 6, 14))
    candidate = actions.recognize(None, candidate, number="9-QĐ/ĐU", on=date(2021, 9, 20))
    member = Member.objects.get(pk=candidate.member_id)
    assert member.status == Status.OFFICIAL
    assert member.official_on == date(2021, 6, 15)
    assert member.admitted_on == date(2020, 6, 1)  # party age from the decision
    late = rules.recognition_deadline(candidate.ceremony_on, candidate.recognition_on, date(2026, 1, 1))
    assert late.late


def test_decision_creates_the_member_and_strike_off_ends_it(cell):
    candidate = support.walk(cell, Step.ADMITTED)
    member = candidate.member
    assert (member.status, member.admitted_on, member.organization) == (
        Status.PROBATIONARY,
        date(2020, 6, 1),
        cell["cell"],
    )
    assert member.events.get(type=EventType.ADMITTED).decision_number == "120-QĐ/ĐU"
    assert member.person_id == candidate.person_id
    actions.record_ceremony(None, candidate, on=date(2020, 6, 10))
    with pytest.raises(RuleViolation):
        actions.strike_off(None, candidate, number="5-QĐ", on=date(2021, 6, 20), reason="")
    actions.strike_off(None, candidate, number="5-QĐ/ĐU", on=date(2021, 6, 20), reason="Vi phạm tư cách")
    member.refresh_from_db()
    assert (member.status, member.left_reason) == (Status.LEFT, LeftReason.STRUCK_OFF)
    assert Candidate.objects.get().step == Step.STRUCK_OFF


def test_decision_only_by_a_committee_above_the_cell(cell, other_tree):
    candidate = support.walk(cell, Step.RESOLVED)
    for wrong in (other_tree["province"], cell["cell_b"], cell["cell"]):
        with pytest.raises(RuleViolation) as raised:
            actions.record_decision(None, candidate, number="1-QĐ", on=date(2020, 6, 1), by=wrong)
        assert "không phải cấp ủy cấp trên" in raised.value.errors["by"][0]
    assert not Member.objects.filter(person=candidate.person).exists()


def test_steps_keep_their_order_and_dates(cell):
    candidate = support.walk(cell, Step.LISTED)
    with pytest.raises(RuleViolation, match="không thể ghi đơn xin vào Đảng"):
        actions.record_application(None, candidate, on=date(2020, 4, 1))
    with pytest.raises(RuleViolation) as raised:
        actions.send_to_class(None, candidate, on=date(2019, 11, 1))
    assert "trước ngày đưa vào danh sách quần chúng ưu tú" in raised.value.errors["on"][0]
    with pytest.raises(RuleViolation, match="ở tương lai"):
        actions.send_to_class(None, candidate, on=date(2099, 1, 1))
    candidate = actions.record_certificate(None, candidate, number="GCN-1", on=date(2020, 1, 10))
    assert candidate.step == Step.CERTIFIED  # the class itself may be recorded with the courses


def test_rejected_and_withdrawn_end_before_the_decision_only(cell):
    candidate = support.walk(cell, Step.RESOLVED)
    with pytest.raises(RuleViolation) as raised:
        actions.reject(None, candidate, on=date(2020, 5, 20), reason=" ")
    assert "reason" in raised.value.errors
    actions.reject(None, candidate, on=date(2020, 5, 20), reason="Cấp ủy không đồng ý")
    assert Candidate.objects.get().step == Step.REJECTED
    # a rejected person may be listed again later
    again = actions.register(None, person=candidate.person, organization=cell["cell"], listed_on=date(2021, 1, 4))
    assert again.step == Step.LISTED
    with pytest.raises(RuleViolation, match="đang có hồ sơ"):
        actions.register(None, person=candidate.person, organization=cell["cell_b"], listed_on=date(2021, 1, 4))


def test_every_step_is_audited(cell):
    support.walk(cell, Step.OFFICIAL)
    actions_seen = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "candidate.register",
        "candidate.class",
        "candidate.certificate",
        "candidate.application",
        "candidate.introducers",
        "candidate.resolution",
        "candidate.decision",
        "candidate.ceremony",
        "candidate.recognition",
        "member.create",
        "member.recognize_official",
    } <= actions_seen
