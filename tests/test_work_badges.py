"""The badge due list at an award day: milestones crossed since the previous award day, badges not yet
recorded, members of the subtree only; recording the award takes a member off the list."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.members import actions as member_actions
from dangvu.members.models import LeftReason
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
