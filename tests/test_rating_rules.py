"""The rating rules of each version: which rule a year follows, who is listed, step order, the discipline bar,
the cap on "xuất sắc", the score bands; all through the actions, with their Vietnamese messages."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dangvu.accounts.scope import scope_for
from dangvu.core import rules as core_rules
from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.members import actions as member_actions
from dangvu.members.models import LeftReason
from dangvu.rating import actions
from dangvu.rating.models import Grade, MemberStatus, Step
from dangvu.rating.rules import YearRules, excellent_allowed
from dangvu.work import actions as work_actions
from dangvu.work.models import DisciplineForm, PerformingBody
from rating_support import add_members, decide_all, org_rating_of, propose, rating_of

TODAY = date(2026, 2, 1)


def _open(tree, year, root="city", **extra):
    return actions.open_round(None, organization=tree[root], year=year, today=TODAY, **extra)


def _discipline(tree, member, on, form=DisciplineForm.REPRIMAND):
    return work_actions.decide_discipline(
        None,
        organization=tree["ward"],
        body=PerformingBody.INSPECTION_COMMITTEE,
        decided_on=on,
        form=form,
        decision_number="07-QĐ/UBKT",
        reason="Vi phạm quy chế làm việc",
        subject_member=member,
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("year", "version", "text"),
    [
        (2017, "2014", "47-HD/BTCTW"),
        (2018, "2018", "132-QĐ/TW"),
        (2022, "2018", "132-QĐ/TW"),
        (2023, "2023", "124-QĐ/TW"),
        (2024, "2023", "25-HD/BTCTW"),
        (2025, "2025", "366-QĐ/TW"),
    ],
)
def test_the_year_chooses_the_rule(tree, year, version, text):
    round_ = _open(tree, year)
    assert round_.version == version
    assert text in round_.regulation


def test_grade_names_follow_the_rule_of_the_year():
    assert YearRules(2017).grade_label(Grade.EXCELLENT, organization=True) == "Trong sạch, vững mạnh"
    assert YearRules(2017).grade_label(Grade.FAILED, organization=True) == "Yếu kém"
    assert YearRules(2020).grade_label(Grade.EXCELLENT, organization=True) == "Hoàn thành xuất sắc nhiệm vụ"
    assert set(YearRules(2025).forms) == {"2A", "2B", "2C"}
    assert set(YearRules(2023).forms) == {"2A", "2B"}
    assert core_rules.rule("rating.excellent_cap", date(2025, 12, 31)).unconfirmed
    assert not core_rules.rule("rating.excellent_cap", date(2023, 12, 31)).unconfirmed


def test_roster_lists_members_registered_on_the_cutoff(tree, make_member):
    staying, exempted, left_after, left_before = add_members(make_member, tree["cell_a"], 4)
    newcomer = make_member(tree["cell_b"], given="Mới", admitted=date(2020, 12, 10), official=None)
    school = make_member(tree["school"], given="Thảo")
    member_actions.exempt(None, exempted, on=date(2020, 6, 1), reason="health")
    member_actions.leave(None, left_after, on=date(2020, 12, 15), reason=LeftReason.DECEASED)
    member_actions.leave(None, left_before, on=date(2020, 5, 1), reason=LeftReason.DECEASED)
    round_ = _open(tree, 2020, cutoff_on=date(2020, 12, 1))
    statuses = {r.member_id: r.status for r in round_.member_ratings.all()}
    assert statuses[staying.pk] == MemberStatus.LISTED
    assert statuses[exempted.pk] == MemberStatus.EXEMPTED
    assert statuses[left_after.pk] == MemberStatus.LEFT
    assert left_before.pk not in statuses and newcomer.pk not in statuses
    assert rating_of(round_, staying).deciding == tree["ward"]
    assert rating_of(round_, school).deciding == tree["school"]
    assert org_rating_of(round_, tree["cell_a"]).deciding == tree["ward"]
    assert org_rating_of(round_, tree["ward"]).deciding == tree["city"]
    assert org_rating_of(round_, tree["school"]).deciding == tree["city"]
    assert not round_.organization_ratings.filter(organization=tree["city"]).exists()
    with pytest.raises(RuleViolation, match="miễn công tác"):
        propose(round_, exempted, Grade.GOOD, today=TODAY)
    assert AuditEvent.objects.filter(action="rating.open").count() == 1


def test_overlapping_rounds_and_bad_years_are_refused(tree):
    _open(tree, 2020)
    with pytest.raises(RuleViolation, match="trùng phạm vi"):
        _open(tree, 2020, root="ward")
    with pytest.raises(RuleViolation, match="Năm 2027"):
        _open(tree, 2027)
    with pytest.raises(RuleViolation, match="phải thuộc năm 2021"):
        _open(tree, 2021, cutoff_on=date(2020, 12, 1))


def test_steps_go_in_order(tree, make_member):
    (member,) = add_members(make_member, tree["cell_a"], 1)
    round_ = _open(tree, 2023)
    rating = rating_of(round_, member)
    with pytest.raises(RuleViolation, match="chưa có bản tự kiểm điểm"):
        actions.record_cell_proposal(
            None, rating, meeting_on=date(2023, 12, 5), grade=Grade.GOOD, present=1, votes_for=1, today=TODAY
        )
    actions.record_self_assessment(None, rating, on=date(2023, 11, 20), form="2A", grade=Grade.GOOD, today=TODAY)
    with pytest.raises(RuleViolation, match="chi bộ chưa họp"):
        actions.decide_members(
            None,
            round_,
            deciding=tree["ward"],
            grades={rating.pk: Grade.GOOD},
            number="01-QĐ/ĐU",
            on=date(2023, 12, 20),
            today=TODAY,
        )
    with pytest.raises(RuleViolation) as caught:
        actions.record_cell_proposal(
            None, rating, meeting_on=date(2023, 11, 1), grade=Grade.GOOD, present=3, votes_for=4, today=TODAY
        )
    assert "trước ngày tự kiểm điểm" in caught.value.errors["on"][0]
    assert caught.value.errors["present"] and caught.value.errors["votes_for"]
    actions.record_cell_proposal(
        None, rating, meeting_on=date(2023, 12, 5), grade=Grade.GOOD, present=1, votes_for=1, today=TODAY
    )
    with pytest.raises(RuleViolation, match="thuộc Đảng bộ phường Quang Trung"):
        actions.decide_members(
            None,
            round_,
            deciding=tree["city"],
            grades={rating.pk: Grade.GOOD},
            number="01-QĐ/TU",
            on=date(2023, 12, 20),
            today=TODAY,
        )
    actions.decide_members(
        None,
        round_,
        deciding=tree["ward"],
        grades={rating.pk: Grade.GOOD},
        number="01-QĐ/ĐU",
        on=date(2023, 12, 20),
        today=TODAY,
    )
    rating.refresh_from_db()
    assert (rating.step, rating.final_grade, rating.decision_number) == (Step.DECIDED, Grade.GOOD, "01-QĐ/ĐU")
    with pytest.raises(RuleViolation, match="đã có quyết định"):
        actions.record_cell_proposal(
            None, rating, meeting_on=date(2023, 12, 5), grade=Grade.GOOD, present=1, votes_for=1, today=TODAY
        )


@pytest.mark.parametrize(
    ("year", "limit", "regulation"),
    [
        (2017, Grade.COMPLETE, "47-HD/BTCTW"),
        (2020, Grade.FAILED, "132-QĐ/TW"),
        (2023, Grade.FAILED, "124-QĐ/TW"),
        (2025, Grade.FAILED, "366-QĐ/TW"),
    ],
)
def test_discipline_in_the_year_bars_grades_above_the_limit(tree, make_member, year, limit, regulation):
    disciplined, earlier = add_members(make_member, tree["cell_a"], 2)
    _discipline(tree, disciplined, date(year, 4, 10))
    _discipline(tree, earlier, date(year - 1, 4, 10))
    round_ = _open(tree, year)
    with pytest.raises(RuleViolation) as caught:
        propose(round_, disciplined, Grade.GOOD, today=TODAY)
    message = caught.value.errors["grade"][0]
    assert "khiển trách ngày 10/04" in message and regulation in message
    assert YearRules(year).grade_label(limit) in message
    propose(round_, disciplined, limit, today=TODAY)  # the limit itself is allowed
    propose(round_, earlier, Grade.GOOD, today=TODAY)  # a discipline of the year before does not count


def test_self_remedied_violation_is_exempt_from_the_bar_from_2023_only(tree, make_member):
    for year, allowed in ((2020, False), (2023, True)):
        (member,) = add_members(make_member, tree["cell_b"], 1)
        _discipline(tree, member, date(year, 3, 1))
        round_ = actions.open_round(None, organization=tree["ward"], year=year, today=TODAY)
        rating = rating_of(round_, member)
        actions.record_self_assessment(
            None, rating, on=date(year, 11, 20), form=next(iter(YearRules(year).forms)), grade=Grade.GOOD, today=TODAY
        )
        call = dict(
            meeting_on=date(year, 12, 5), grade=Grade.GOOD, present=1, votes_for=1, self_remedied=True, today=TODAY
        )
        if allowed:
            actions.record_cell_proposal(None, rating, **call)
        else:
            with pytest.raises(RuleViolation, match="132-QĐ/TW"):
                actions.record_cell_proposal(None, rating, **call)


@pytest.mark.parametrize("year", [2020, 2023, 2025])
def test_excellent_is_capped_at_a_fifth_of_good_per_deciding_body(tree, make_member, year):
    members = add_members(make_member, tree["cell_a"], 8)
    round_ = _open(tree, year)
    grades = {m: Grade.GOOD for m in members[:5]} | {members[5]: Grade.EXCELLENT}
    decide_all(round_, tree["ward"], grades, today=TODAY)  # 1 of 5: allowed
    with pytest.raises(RuleViolation) as caught:
        decide_all(round_, tree["ward"], {members[6]: Grade.EXCELLENT}, today=TODAY)
    message = caught.value.errors[""][0]
    assert "2 đảng viên “Hoàn thành xuất sắc nhiệm vụ”" in message and "tối đa 1" in message
    assert rating_of(round_, members[6]).final_grade == ""  # nothing written
    # the committee may decide another grade than the cell proposed
    actions.decide_members(
        None,
        round_,
        deciding=tree["ward"],
        grades={rating_of(round_, members[6]).pk: Grade.GOOD},
        number="02-QĐ/ĐU",
        on=date(year, 12, 21),
        today=TODAY,
    )
    decide_all(round_, tree["ward"], {members[7]: Grade.GOOD}, today=TODAY)
    # 7 good: still one excellent at most (20 % of 7 rounded down)
    assert excellent_allowed(7, year) == 1 and excellent_allowed(10, year) == 2


def test_no_cap_before_2018(tree, make_member):
    members = add_members(make_member, tree["cell_a"], 2)
    round_ = _open(tree, 2017)
    decide_all(round_, tree["ward"], {members[0]: Grade.EXCELLENT, members[1]: Grade.EXCELLENT}, today=TODAY)
    assert round_.member_ratings.filter(final_grade=Grade.EXCELLENT).count() == 2


def test_the_cap_counts_organizations_of_the_same_deciding_body(tree):
    round_ = _open(tree, 2024)
    ward, school = org_rating_of(round_, tree["ward"]), org_rating_of(round_, tree["school"])
    for rating in (ward, school):
        actions.record_organization_self_assessment(
            None, rating, on=date(2024, 12, 10), grade=Grade.EXCELLENT, results="Hoàn thành các chỉ tiêu.", today=TODAY
        )
    with pytest.raises(RuleViolation, match="tổ chức đảng “Hoàn thành xuất sắc nhiệm vụ”"):
        actions.decide_organizations(
            None,
            round_,
            deciding=tree["city"],
            grades={ward.pk: Grade.EXCELLENT},
            number="120-QĐ/TU",
            on=date(2025, 1, 10),
            today=TODAY,
        )
    actions.decide_organizations(
        None,
        round_,
        deciding=tree["city"],
        grades={ward.pk: Grade.GOOD, school.pk: Grade.COMPLETE},
        number="120-QĐ/TU",
        on=date(2025, 1, 10),
        today=TODAY,
    )
    assert org_rating_of(round_, tree["ward"]).final_grade == Grade.GOOD
    cell = org_rating_of(round_, tree["cell_a"])
    with pytest.raises(RuleViolation, match="chưa có báo cáo tự kiểm điểm"):
        actions.decide_organizations(
            None,
            round_,
            deciding=tree["ward"],
            grades={cell.pk: Grade.GOOD},
            number="15-QĐ/ĐU",
            on=date(2025, 1, 5),
            today=TODAY,
        )


def test_score_bands_apply_from_2025(tree, make_member):
    (member,) = add_members(make_member, tree["cell_a"], 1)
    rating = rating_of(_open(tree, 2025), member)
    with pytest.raises(RuleViolation, match="Điểm 75 chỉ đạt mức “Hoàn thành tốt nhiệm vụ”"):
        actions.record_self_assessment(
            None, rating, on=date(2025, 11, 20), form="2C", grade=Grade.EXCELLENT, score=75, today=TODAY
        )
    actions.record_self_assessment(
        None, rating, on=date(2025, 11, 20), form="2C", grade=Grade.GOOD, score=75, today=TODAY
    )
    rating_2023 = rating_of(_open(tree, 2023), member)
    with pytest.raises(RuleViolation) as caught:
        actions.record_self_assessment(
            None, rating_2023, on=date(2023, 11, 20), form="2C", grade=Grade.GOOD, score=75, today=TODAY
        )
    assert "không chấm điểm" in caught.value.errors["score"][0] and "2C" in caught.value.errors["form"][0]


def test_scope_cell_secretary_proposes_for_own_cell_only_and_never_decides(tree, make_member, users):
    (own,) = add_members(make_member, tree["cell_a"], 1)
    (other,) = add_members(make_member, tree["cell_b"], 1)
    round_ = _open(tree, 2023)
    secretary, office = scope_for(users["cell_secretary"]), scope_for(users["office"])
    rating = propose(round_, own, Grade.GOOD, scope=secretary, today=TODAY)
    with pytest.raises(Http404):
        propose(round_, other, Grade.GOOD, scope=secretary, today=TODAY)
    with pytest.raises(Http404):
        actions.decide_members(
            secretary,
            round_,
            deciding=tree["ward"],
            grades={rating.pk: Grade.GOOD},
            number="01-QĐ/ĐU",
            on=date(2023, 12, 20),
            today=TODAY,
        )
    with pytest.raises(PermissionDenied):
        actions.decide_members(
            scope_for(users["leader"]),
            round_,
            deciding=tree["ward"],
            grades={rating.pk: Grade.GOOD},
            number="01-QĐ/ĐU",
            on=date(2023, 12, 20),
            today=TODAY,
        )
    actions.decide_members(
        office,
        round_,
        deciding=tree["ward"],
        grades={rating.pk: Grade.GOOD},
        number="01-QĐ/ĐU",
        on=date(2023, 12, 20),
        today=TODAY,
    )
    events = AuditEvent.objects.filter(action__startswith="rating.member").order_by("id")
    assert [(e.action, e.actor) for e in events] == [
        ("rating.member.self", users["cell_secretary"]),
        ("rating.member.proposal", users["cell_secretary"]),
        ("rating.member.decision", users["office"]),
    ]
    assert events.last().before["final_grade"] == "" and events.last().after["final_grade"] == Grade.GOOD
