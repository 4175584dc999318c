"""Discipline decisions: the forms allowed per subject and member status on the decision's date, dismissal
only with a post, expulsion ending the membership, the regulation applied, scope; errors change nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.members.models import EventType, LeftReason, MemberEvent, Placement, Status
from dangvu.organizations import actions as org_actions
from dangvu.organizations.models import Body, Post
from dangvu.work import actions
from dangvu.work.models import Discipline, DisciplineForm, PerformingBody


@pytest.fixture
def people(tree, make_member):
    official = make_member(tree["cell_a"], family="Trần", given="Bình")
    probationary = make_member(
        tree["cell_a"],
        family="Phạm",
        given="Cúc",
        gender="female",
        birth=date(1998, 4, 4),
        admitted=date(2026, 1, 10),
        official=None,
    )
    return {"official": official, "probationary": probationary}


def decide(actor, tree, member=None, org=None, form=DisciplineForm.WARNING, on=date(2026, 3, 2), **extra):
    return actions.decide_discipline(
        actor,
        organization=extra.pop("organization", tree["ward"]),
        body=extra.pop("body", PerformingBody.INSPECTION_COMMITTEE),
        decided_on=on,
        form=form,
        decision_number=extra.pop("decision_number", "15-QĐ/UBKT"),
        reason=extra.pop("reason", "Vi phạm quy chế"),
        subject_member=member,
        subject_organization=org,
        today=date(2026, 11, 1),
        **extra,
    )


def unchanged(member, events_before):
    member.refresh_from_db()
    return Discipline.objects.count() == 0 and member.events.count() == events_before and member.status != Status.LEFT


@pytest.mark.parametrize("form", [DisciplineForm.DISMISSAL, DisciplineForm.EXPULSION, DisciplineForm.DISSOLUTION])
def test_probationary_member_only_reprimand_or_warning(tree, people, users, form):
    member = people["probationary"]
    before = member.events.count()
    with pytest.raises(RuleViolation) as caught:
        decide(users["inspection"], tree, member, form=form)
    assert "đảng viên dự bị" in caught.value.errors["form"][0]
    assert "khiển trách, cảnh cáo" in caught.value.errors["form"][0]
    assert unchanged(member, before)


def test_probationary_member_warning_is_recorded_with_event(tree, people, users):
    member = people["probationary"]
    decision = decide(users["inspection"], tree, member, form=DisciplineForm.WARNING)
    assert decision.member_status == "probationary"
    event = member.events.get(type=EventType.DISCIPLINED)
    assert event.date == date(2026, 3, 2) and event.decision_number == "15-QĐ/UBKT"
    assert event.detail.startswith("Cảnh cáo")
    assert AuditEvent.objects.filter(action="discipline.decide", object_id=str(decision.pk)).exists()


def test_status_is_judged_on_the_decision_date(tree, make_member, users):
    # Official today, but still probationary on the date of the decision: expulsion was not available then.
    member = make_member(tree["cell_a"], given="Dũng", admitted=date(2019, 3, 1), official=date(2020, 3, 1))
    with pytest.raises(RuleViolation) as caught:
        decide(users["inspection"], tree, member, form=DisciplineForm.EXPULSION, on=date(2020, 2, 28))
    assert "đảng viên dự bị" in caught.value.messages[0]
    decision = decide(users["inspection"], tree, member, form=DisciplineForm.EXPULSION, on=date(2020, 3, 1))
    assert decision.member_status == "official"


def test_dismissal_needs_a_post_held_on_the_date(tree, people, users):
    member = people["official"]
    before = member.events.count()
    with pytest.raises(RuleViolation) as caught:
        decide(users["inspection"], tree, member, form=DisciplineForm.DISMISSAL)
    assert "đang giữ chức vụ" in caught.value.errors["position"][0]
    assert unchanged(member, before)

    old = org_actions.assign_position(
        None,
        person=member.person,
        organization=tree["ward"],
        body=Body.EXECUTIVE,
        post=Post.MEMBER,
        valid_from=date(2015, 1, 1),
        valid_to=date(2020, 1, 1),
    )
    with pytest.raises(RuleViolation) as caught:
        decide(users["inspection"], tree, member, form=DisciplineForm.DISMISSAL, position=old)
    assert "không giữ chức vụ này" in caught.value.errors["position"][0]

    post = org_actions.assign_position(
        None,
        person=member.person,
        organization=tree["ward"],
        body=Body.EXECUTIVE,
        post=Post.MEMBER,
        valid_from=date(2020, 10, 1),
    )
    decision = decide(users["inspection"], tree, member, form=DisciplineForm.DISMISSAL, position=post)
    post.refresh_from_db()
    assert post.valid_to == date(2026, 3, 2)
    assert decision.position == post
    member.refresh_from_db()
    assert member.status == Status.OFFICIAL


def test_someone_elses_post_cannot_be_dismissed(tree, people, users):
    post = org_actions.assign_position(
        None,
        person=people["probationary"].person,
        organization=tree["ward"],
        body=Body.EXECUTIVE,
        post=Post.MEMBER,
        valid_from=date(2020, 1, 1),
    )
    with pytest.raises(RuleViolation) as caught:
        decide(users["inspection"], tree, people["official"], form=DisciplineForm.DISMISSAL, position=post)
    assert "không phải của" in caught.value.errors["position"][0]


def test_expulsion_ends_the_membership(tree, people, users):
    member = people["official"]
    decision = decide(users["inspection"], tree, member, form=DisciplineForm.EXPULSION)
    member.refresh_from_db()
    assert member.status == Status.LEFT
    assert member.left_reason == LeftReason.EXPELLED and member.left_on == date(2026, 3, 2)
    assert not Placement.objects.filter(member=member, valid_to__gt=date(2026, 3, 2)).exists()
    types = list(member.events.values_list("type", flat=True))
    assert EventType.DISCIPLINED in types and EventType.LEFT in types
    # A member who has left cannot be disciplined again, and an executed expulsion cannot be deleted.
    with pytest.raises(RuleViolation) as caught:
        decide(users["inspection"], tree, member, form=DisciplineForm.WARNING, on=date(2026, 5, 1))
    assert "không phải đảng viên" in caught.value.messages[0]
    with pytest.raises(RuleViolation):
        actions.delete_discipline(users["inspection"], decision)
    assert Discipline.objects.filter(pk=decision.pk).exists()


def test_organization_forms(tree, users):
    with pytest.raises(RuleViolation) as caught:
        decide(
            users["inspection"],
            tree,
            org=tree["cell_b"],
            form=DisciplineForm.EXPULSION,
            organization=tree["city"],
        )
    assert "tổ chức đảng" in caught.value.errors["form"][0]
    decision = decide(
        users["inspection"],
        tree,
        org=tree["cell_b"],
        form=DisciplineForm.DISSOLUTION,
        organization=tree["city"],
    )
    # Recorded only: the dissolution itself is carried out on the organization pages.
    tree["cell_b"].refresh_from_db()
    assert decision.pk and tree["cell_b"].dissolved_on is None
    # An organization cannot discipline itself or one outside it.
    with pytest.raises(RuleViolation) as caught:
        decide(users["inspection"], tree, org=tree["ward"], organization=tree["ward"])
    assert "cấp dưới" in caught.value.errors["subject"][0]


def test_the_regulation_in_force_on_the_date_is_recorded(tree, people, users):
    old = decide(users["inspection"], tree, people["official"], form=DisciplineForm.REPRIMAND, on=date(2020, 6, 1))
    new = decide(
        users["inspection"],
        tree,
        people["official"],
        form=DisciplineForm.REPRIMAND,
        on=date(2026, 3, 2),
        decision_number="16-QĐ/UBKT",
    )
    assert "102-QĐ/TW" in old.regulation
    assert "264-QĐ/TW" in new.regulation


@pytest.mark.parametrize(
    ("extra", "field", "text"),
    [
        ({"decision_number": ""}, "decision_number", "Số quyết định"),
        ({"reason": "  "}, "reason", "lý do"),
        ({"on": date(2027, 1, 1)}, "decided_on", "tương lai"),
        ({"body": PerformingBody.CELL}, "body", "không phải chi bộ"),
        ({"organization": None}, "organization", "Chưa chọn"),
        ({"form": "fine"}, "form", "không hợp lệ"),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message(tree, people, extra, field, text):
    member = people["official"]
    before = member.events.count()
    with pytest.raises(RuleViolation) as caught:
        decide(None, tree, member, **extra)
    assert text in " ".join(caught.value.errors[field])
    assert unchanged(member, before)


def test_a_chi_bo_has_no_inspection_committee(tree, people):
    with pytest.raises(RuleViolation) as caught:
        decide(None, tree, people["official"], organization=tree["cell_a"])
    assert "chi bộ" in caught.value.errors["body"][0]
    decision = decide(None, tree, people["official"], organization=tree["cell_a"], body=PerformingBody.CELL)
    assert decision.pk


def test_scope_leader_refused_outsider_not_found(tree, people, users, other_tree):
    with pytest.raises(PermissionDenied):
        decide(users["leader"], tree, people["official"])
    with pytest.raises(Http404):
        decide(users["inspection"], tree, org=other_tree["cell"], organization=other_tree["province"])
    assert Discipline.objects.count() == 0
    assert not MemberEvent.objects.filter(type=EventType.DISCIPLINED).exists()


def test_delete_a_warning_removes_its_event(tree, people, users):
    decision = decide(users["inspection"], tree, people["official"])
    actions.delete_discipline(users["inspection"], decision)
    assert not MemberEvent.objects.filter(type=EventType.DISCIPLINED).exists()
    assert AuditEvent.objects.filter(action="discipline.delete").exists()
