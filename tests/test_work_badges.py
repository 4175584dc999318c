"""The badge due list at an award day: milestones crossed since the previous award day, badges not yet
recorded, members of the subtree only; recording the award takes a member off the list."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.members import actions as member_actions
from dangvu.members.models import EventType, LeftReason, Member, MemberEvent
from dangvu.work import actions, queries


@pytest.fixture
def veterans(tree, make_member, other_tree):
    def member(given, admitted, org=None):
        return make_member(
            org or tree["cell_a"],
            given=given,
            birth=date(1955, 1, 1),
            admitted=admitted,
            official=date(admitted.year + 1, admitted.month, min(admitted.day, 28)),
        )

    return {
        "june": member("Một", date(1990, 6, 1)),  # 30 years on 01/06/2020, after 19/5
        "previous_day": member("Hai", date(1990, 5, 19)),  # 30 years on 19/5: due then, not now
        "award_day": member("Ba", date(1990, 9, 2)),  # 30 years on 2/9 itself
        "day_after": member("Bốn", date(1990, 9, 3)),
        "forty": member("Năm", date(1980, 7, 1)),  # 40 years
        "thirty_five": member("Sáu", date(1985, 7, 1)),  # not a badge year
        "left": member("Bảy", date(1990, 7, 1)),
        "elsewhere": member("Tám", date(1990, 7, 1), other_tree["cell"]),
        "school": member("Chín", date(1990, 8, 1), tree["school"]),
        "leap": member("Mười", date(1992, 2, 29)),
    }


def names(due):
    return [(d.member.person.given_name, d.years) for d in due]


def test_due_list_at_an_award_day(tree, veterans, users):
    member_actions.leave(None, veterans["left"], on=date(2020, 8, 1), reason=LeftReason.DECEASED)
    scope = scope_for(users["office"])
    due = queries.badges_due(scope, tree["city"], date(2020, 9, 2))
    assert names(due) == [("Năm", 40), ("Ba", 30), ("Chín", 30), ("Một", 30)]
    assert {d.reached_on for d in due if d.years == 30} == {date(2020, 6, 1), date(2020, 9, 2), date(2020, 8, 1)}
    # A subtree: the ward sees only its own members.
    assert [n for n, _ in names(queries.badges_due(scope, tree["ward"], date(2020, 9, 2)))] == ["Năm", "Ba", "Một"]
    # 19/5: the member who reached 30 years that very day.
    assert names(queries.badges_due(scope, tree["city"], date(2020, 5, 19))) == [("Hai", 30)]


def test_leap_day_admission_and_the_turn_of_the_year(tree, veterans, users):
    scope = scope_for(users["office"])
    # Admitted 29/02/1992: 30 years on 28/02/2022, after 3/2 and by 19/5.
    assert "Mười" not in [n for n, _ in names(queries.badges_due(scope, tree["city"], date(2022, 2, 3)))]
    assert ("Mười", 30) in names(queries.badges_due(scope, tree["city"], date(2022, 5, 19)))
    # 3/2 looks back to 7/11 of the year before.
    assert ("Sáu", 40) not in names(queries.badges_due(scope, tree["city"], date(2025, 2, 3)))
    assert ("Sáu", 40) in names(queries.badges_due(scope, tree["city"], date(2025, 9, 2)))


def test_not_an_award_day(tree, users):
    with pytest.raises(RuleViolation) as caught:
        queries.badges_due(scope_for(users["office"]), tree["city"], date(2020, 9, 3))
    assert "không phải ngày trao Huy hiệu" in caught.value.messages[0]


def test_recording_the_award_takes_the_member_off_the_list(tree, veterans, users):
    scope = scope_for(users["office"])
    due = queries.badges_due(scope, tree["city"], date(2020, 9, 2))
    first = due[0]
    actions.record_badges(
        users["office"], [(first.member, first.years)], on=date(2020, 9, 2), decision_number="123-QĐ/TU"
    )
    after = queries.badges_due(scope, tree["city"], date(2020, 9, 2))
    assert len(after) == len(due) - 1 and first.member not in [d.member for d in after]
    assert AuditEvent.objects.filter(action="member.badge").count() == 1
    # Twice is refused, and nothing is half-written when one award of a batch fails.
    with pytest.raises(RuleViolation):
        actions.record_badges(
            users["office"], [(after[0].member, after[0].years), (first.member, first.years)], on=date(2020, 9, 2)
        )
    assert len(queries.badges_due(scope, tree["city"], date(2020, 9, 2))) == len(after)
    with pytest.raises(RuleViolation):
        actions.record_badges(users["office"], [(after[0].member, 30)], on=date(2020, 9, 3))
    with pytest.raises(PermissionDenied):
        actions.record_badges(users["leader"], [(after[0].member, after[0].years)], on=date(2020, 9, 2))


# Eligibility on every path (issue 16 §7) --------------------------------------------------------------------


def _discipline(member, on, form="warning"):
    from dangvu.work.models import PerformingBody

    return actions.decide_discipline(
        None,
        organization=member.organization,
        body=PerformingBody.CELL,
        decided_on=on,
        form=form,
        decision_number="5-QĐ/CB",
        reason="Vi phạm quy định sinh hoạt",
        subject_member=member,
    )


def _thirty(make_member, tree, given, admitted):
    return make_member(
        tree["cell_a"],
        given=given,
        birth=date(1960, 1, 1),
        admitted=admitted,
        official=date(admitted.year + 1, admitted.month, min(admitted.day, 28)),
    )


def _proposed(city, day):
    from dangvu.reports.indicators import REGISTRY
    from dangvu.reports.periods import Period

    return REGISTRY["members.badges_proposed"].compute(city, Period(day, day))


def test_a_discipline_defers_the_badge_and_the_member_comes_back_after_it(tree, make_member, users):
    """24-QĐ/TW: a warning defers the badge 9 months from the decision. Reaching 30 years on 01/08/2022 after a
    warning of 01/03/2022, the member is held on 2/9 and 7/11/2022 and back on the list on 3/2/2023."""
    scope = scope_for(users["office"])
    member = _thirty(make_member, tree, "Kỷ", date(1992, 8, 1))
    plain = _thirty(make_member, tree, "Thường", date(1992, 8, 10))
    _discipline(member, date(2022, 3, 1))
    sept = date(2022, 9, 2)
    assert names(queries.badges_due(scope, tree["city"], sept)) == [("Thường", 30)]
    held = [d for d in queries.badge_review(scope, tree["city"], sept) if d.held]
    assert [(d.member, d.held) for d in held] == [
        (member, "Kỷ luật cảnh cáo ngày 01/03/2022: chưa xét tặng Huy hiệu đến ngày 01/12/2022")
    ]
    assert _proposed(tree["city"], sept) == 1  # the report's figure follows the same rule
    with pytest.raises(RuleViolation) as caught:
        actions.record_badges(users["office"], [(member, 30), (plain, 30)], on=sept)
    assert "chưa xét tặng Huy hiệu đến ngày 01/12/2022" in caught.value.messages[0]
    assert "Quy định 24-QĐ/TW" in caught.value.messages[0]
    assert not MemberEvent.objects.filter(type=EventType.BADGE_AWARDED).exists()  # all or nothing
    # 7/11/2022: still within the nine months.
    assert names(queries.badges_due(scope, tree["city"], date(2022, 11, 7))) == []
    assert _proposed(tree["city"], date(2022, 11, 7)) == 0
    # 3/2/2023: the deferral is over, the member is proposed and may be awarded.
    back = queries.badges_due(scope, tree["city"], date(2023, 2, 3))
    assert [(d.member, d.years, d.reached_on) for d in back] == [(member, 30, date(2022, 8, 1))]
    assert _proposed(tree["city"], date(2023, 2, 3)) == 1
    actions.record_badges(users["office"], [(member, 30)], on=date(2023, 2, 3), decision_number="3-QĐ/TU")
    assert queries.badges_due(scope, tree["city"], date(2023, 2, 3)) == []


def test_a_reprimand_defers_only_under_the_2021_rules(tree, make_member, users):
    """29-QĐ/TW (2016) deferred from a warning up; 24-QĐ/TW (2021) added the reprimand (6 months)."""
    scope = scope_for(users["office"])
    old = _thirty(make_member, tree, "Cũ", date(1990, 8, 1))  # 30 years on 01/08/2020
    new = _thirty(make_member, tree, "Mới", date(1992, 8, 1))  # 30 years on 01/08/2022
    _discipline(old, date(2020, 6, 1), form="reprimand")
    _discipline(new, date(2022, 6, 1), form="reprimand")
    assert names(queries.badges_due(scope, tree["city"], date(2020, 9, 2))) == [("Cũ", 30)]
    assert names(queries.badges_due(scope, tree["city"], date(2022, 9, 2))) == []


def test_the_member_page_awards_only_when_due_or_early_for_grave_illness(tree, make_member, users, client):
    """The badge from the member's page: not before the Party age is reached, unless for grave illness with its
    reason and at most 12 months early (30 years, 24-QĐ/TW); the reason stays on the event."""
    member = _thirty(make_member, tree, "Sớm", date(1995, 6, 1))  # 30 years on 01/06/2025
    client.force_login(users["office"])
    url = reverse("work_badge_member", args=[member.pk])
    page = client.post(url, {"years": "30", "on": "19/05/2025", "decision_number": "9-QĐ/TU"})
    assert page.status_code == 200
    assert "đủ 30 năm tuổi đảng ngày 01/06/2025" in page.content.decode()
    too_early = client.post(url, {"years": "30", "on": "07/11/2023", "early_reason": "Bệnh hiểm nghèo"})
    assert "quá 12 tháng được tặng sớm khi bệnh nặng" in too_early.content.decode()
    not_a_day = client.post(url, {"years": "30", "on": "20/05/2025", "early_reason": "Bệnh hiểm nghèo"})
    assert "không phải ngày trao Huy hiệu Đảng" in not_a_day.content.decode()
    assert not MemberEvent.objects.filter(member=member, type=EventType.BADGE_AWARDED).exists()
    done = client.post(
        url,
        {
            "years": "30",
            "on": "19/05/2025",
            "decision_number": "9-QĐ/TU",
            "early_reason": "Bệnh hiểm nghèo, có xác nhận của bệnh viện",
        },
    )
    assert done.status_code == 302
    event = MemberEvent.objects.get(member=member, type=EventType.BADGE_AWARDED)
    assert (event.date, event.detail, event.note) == (
        date(2025, 5, 19),
        "Huy hiệu 30 năm tuổi Đảng",
        "Tặng sớm vì bệnh nặng: Bệnh hiểm nghèo, có xác nhận của bệnh viện",
    )
    again = client.post(url, {"years": "30", "on": "02/09/2025"})
    assert "đã được trao Huy hiệu 30 năm tuổi Đảng" in again.content.decode()


def test_seventy_years_may_come_two_years_early_since_2021_only(tree, make_member, users):
    from dangvu.work.rules import early_months

    assert (early_months(30, date(2020, 9, 2)), early_months(70, date(2020, 9, 2))) == (12, 12)
    assert (early_months(65, date(2022, 9, 2)), early_months(70, date(2022, 9, 2))) == (12, 24)
    member = make_member(
        tree["cell_a"], given="Bảy mươi", birth=date(1932, 1, 1), admitted=date(1953, 6, 1), official=date(1954, 6, 1)
    )  # 70 years on 01/06/2023
    with pytest.raises(RuleViolation) as caught:  # 19/5/2021, 29-QĐ/TW: one year early at most
        actions.award_badge(users["office"], member, years=70, on=date(2021, 5, 19), early_reason="Bệnh nặng")
    assert "quá 12 tháng" in caught.value.messages[0]
    event = actions.award_badge(users["office"], member, years=70, on=date(2021, 9, 2), early_reason="Bệnh nặng")
    assert event.note == "Tặng sớm vì bệnh nặng: Bệnh nặng"


def test_party_age_counts_less_the_time_without_activity(tree, make_member, users):
    """A member whose Party age counts from later than the admission (the time without activity taken off)
    reaches the badge years later: on the due list then, refused before."""
    scope = scope_for(users["office"])
    member = _thirty(make_member, tree, "Gián đoạn", date(1990, 6, 1))  # 30 years on 01/06/2020 without a break
    Member.objects.filter(pk=member.pk).update(party_age_from=date(1992, 6, 1))  # two years without activity
    member.refresh_from_db()
    assert "Gián đoạn" not in [n for n, _ in names(queries.badges_due(scope, tree["city"], date(2020, 9, 2)))]
    with pytest.raises(RuleViolation) as caught:
        actions.award_badge(users["office"], member, years=30, on=date(2020, 9, 2))
    assert (
        "đủ 30 năm tuổi đảng ngày 01/06/2022 (tuổi đảng tính từ 01/06/1992, đã trừ thời gian không sinh hoạt "
        "đảng)" in caught.value.messages[0]
    )
    due = queries.badges_due(scope, tree["city"], date(2022, 9, 2))
    assert [(d.member, d.reached_on) for d in due] == [(member, date(2022, 6, 1))]
    assert _proposed(tree["city"], date(2022, 9, 2)) == 1


def test_badge_years_are_listed_once():
    from dangvu.core import rules as party_rules
    from dangvu.work.forms import MemberBadgeForm

    years = party_rules.param("badge.years", date.today())
    assert [c for c, _ in MemberBadgeForm().fields["years"].choices][1:] == list(years)
