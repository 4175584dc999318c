"""Inspections and supervisions: distinct-subject counting (repeated subjects, records just outside the
period, other kinds), the rules of a record, the programme's planned vs done, and scope."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.work import actions, queries
from dangvu.work.models import Activity, Oversight, OversightKind, PerformingBody

START, END = date(2020, 1, 1), date(2020, 9, 30)
UBKT, BTV, CELL = PerformingBody.INSPECTION_COMMITTEE, PerformingBody.STANDING, PerformingBody.CELL


def record(
    actor, org, body, start, orgs=(), members=(), activity=Activity.INSPECTION, kind=OversightKind.REGULAR, **extra
):
    return actions.create_oversight(
        actor,
        activity=activity,
        kind=kind,
        organization=org,
        body=body,
        start_date=start,
        content=extra.pop("content", "Việc chấp hành Điều lệ Đảng"),
        subject_organizations=orgs,
        subject_members=members,
        today=date(2026, 11, 1),
        **extra,
    )


@pytest.fixture
def people(tree, make_member):
    return [make_member(tree["cell_a"] if n % 2 else tree["school"], given=f"Viên{n}") for n in range(4)]


def test_distinct_subjects_in_the_period(tree, people, users):
    t, scope = tree, scope_for(users["inspection"])
    record(None, t["city"], UBKT, date(2020, 1, 1), [t["ward"], t["school"]], people[:2])
    record(None, t["city"], BTV, date(2020, 9, 30), [t["ward"]], people[1:3])  # repeated subjects
    record(None, t["ward"], UBKT, date(2020, 6, 1), [t["cell_a"]], [people[1]])  # a lower body, in the subtree
    record(None, t["city"], UBKT, date(2019, 12, 31), [t["cell_b"]], [people[3]])  # a day before
    record(None, t["city"], UBKT, date(2020, 10, 1), [t["cell_b"]], [people[3]])  # a day after
    record(None, t["city"], BTV, date(2020, 5, 1), [t["cell_b"]], [people[3]], activity=Activity.SUPERVISION)
    counts = queries.inspection_counts(scope, t["city"], START, END)
    assert (counts.organizations, counts.members) == (3, 3)
    ward = queries.inspection_counts(scope, t["ward"], START, END)
    assert (ward.organizations, ward.members) == (1, 1)
    assert queries.inspection_counts(scope, t["city"], date(2019, 1, 1), date(2020, 12, 31)).organizations == 4


def test_thematic_is_counted_apart_from_regular_supervision(tree, people, users):
    t, scope = tree, scope_for(users["leader"])
    record(
        None,
        t["city"],
        BTV,
        date(2020, 3, 1),
        [t["ward"]],
        [people[0]],
        activity=Activity.SUPERVISION,
        kind=OversightKind.THEMATIC,
    )
    record(
        None,
        t["city"],
        BTV,
        date(2020, 4, 1),
        [t["school"], t["ward"]],
        [people[1]],
        activity=Activity.SUPERVISION,
        kind=OversightKind.REGULAR,
    )
    thematic = queries.thematic_supervision_counts(scope, t["city"], START, END)
    assert (thematic.organizations, thematic.members) == (1, 1)
    every = queries.oversight_subject_counts(scope, t["city"], START, END, Activity.SUPERVISION)
    assert (every.organizations, every.members) == (2, 2)


def test_scope_of_counting_and_changes(tree, people, users, other_tree):
    record(None, tree["city"], UBKT, date(2020, 3, 1), [tree["ward"]])
    with pytest.raises(Http404):
        queries.inspection_counts(scope_for(users["cell_secretary"]), tree["city"], START, END)
    with pytest.raises(PermissionDenied):
        record(users["leader"], tree["city"], UBKT, date(2020, 3, 1), [tree["ward"]])
    with pytest.raises(PermissionDenied):  # the office of a cell has no INSPECT capability
        record(users["cell_secretary"], tree["cell_a"], CELL, date(2020, 3, 1), (), [people[1]])
    with pytest.raises(Http404):
        record(users["inspection"], other_tree["province"], UBKT, date(2020, 3, 1), [other_tree["cell"]])
    made = record(users["inspection"], tree["city"], UBKT, date(2020, 4, 1), [tree["school"]])
    assert AuditEvent.objects.filter(action="inspection.create", object_id=str(made.pk)).exists()
    assert Oversight.objects.count() == 2


@pytest.mark.parametrize(
    ("extra", "field", "text"),
    [
        ({"kind": OversightKind.THEMATIC}, "kind", "chỉ có"),
        ({"activity": "audit"}, "activity", "kiểm tra hoặc giám sát"),
        ({"body": CELL}, "body", "không phải chi bộ"),
        ({"start": date(2027, 1, 1)}, "start_date", "tương lai"),
        ({"end_date": date(2020, 2, 1)}, "end_date", "trước ngày bắt đầu"),
        ({"content": ""}, "content", "Nội dung"),
        ({"conclusion": "Tốt"}, "end_date", "kết luận"),
        ({"violations_found": True}, "violations", "ghi rõ vi phạm"),
        ({"violations": "Chậm nộp đảng phí"}, "violations_found", "đánh dấu"),
        ({"orgs": []}, "subjects", "Chưa chọn đối tượng"),
    ],
)
def test_bad_oversight_input(tree, extra, field, text):
    values = {"orgs": [tree["ward"]], "start": date(2020, 3, 1), "body": UBKT, **extra}
    with pytest.raises(RuleViolation) as caught:
        record(None, tree["city"], values.pop("body"), values.pop("start"), values.pop("orgs"), **values)
    assert text in " ".join(caught.value.errors[field])
    assert Oversight.objects.count() == 0


def test_subjects_must_lie_under_the_performer(tree, people, other_tree, make_member):
    outsider = make_member(other_tree["cell"], given="Ngoài")
    with pytest.raises(RuleViolation) as caught:
        record(None, tree["ward"], UBKT, date(2020, 3, 1), [tree["school"], tree["ward"]], [outsider])
    messages = " ".join(caught.value.errors["subjects"])
    assert "Chi bộ Trường THPT Phủ Lý không thuộc" in messages and "không sinh hoạt trong" in messages
    with pytest.raises(RuleViolation) as caught:
        record(None, tree["school"], UBKT, date(2020, 3, 1), (), [people[0]])
    assert "không có Ủy ban Kiểm tra" in caught.value.errors["body"][0]
    # A cell inspects its own members.
    assert record(None, tree["school"], CELL, date(2020, 3, 1), (), [people[0]]).pk


def test_update_and_delete_keep_the_audit_trail(tree, people, users):
    made = record(users["inspection"], tree["city"], UBKT, date(2020, 3, 1), [tree["ward"]])
    actions.update_oversight(
        users["inspection"],
        made,
        subject_members=[people[0]],
        end_date=date(2020, 3, 20),
        conclusion="Thực hiện tốt",
        today=date(2026, 1, 1),
    )
    made.refresh_from_db()
    assert made.subjects.count() == 2 and made.conclusion == "Thực hiện tốt"
    event = AuditEvent.objects.get(action="inspection.update")
    assert event.before["subject_members"] == [] and event.after["subject_members"] == [people[0].pk]
    with pytest.raises(RuleViolation):
        actions.update_oversight(users["inspection"], made, subject_organizations=[], subject_members=[])
    assert made.subjects.count() == 2
    actions.delete_oversight(users["inspection"], made)
    assert not Oversight.objects.exists() and AuditEvent.objects.filter(action="inspection.delete").exists()


def test_programme_planned_and_done(tree, people, users):
    actor = users["inspection"]
    programme = actions.create_programme(
        actor, organization=tree["city"], body=UBKT, year=2020, title="Chương trình kiểm tra, giám sát năm 2020"
    )

    def item(activity, kind, month, **subject):
        return actions.add_programme_item(
            actor, programme, activity=activity, kind=kind, planned_month=month, **subject
        )

    linked = item(Activity.INSPECTION, OversightKind.PARTY_FINANCE, 3, subject_organization=tree["ward"])
    matched = item(Activity.INSPECTION, OversightKind.REGULAR, 6, subject_member=people[0])
    pending = item(Activity.SUPERVISION, OversightKind.THEMATIC, 9, subject_organization=tree["school"])
    record(
        actor,
        tree["city"],
        UBKT,
        date(2020, 3, 10),
        [tree["ward"]],
        kind=OversightKind.PARTY_FINANCE,
        programme_item=linked,
    )
    record(actor, tree["city"], UBKT, date(2020, 6, 10), (), [people[0]])
    record(
        actor,
        tree["city"],
        UBKT,
        date(2021, 9, 10),
        [tree["school"]],
        activity=Activity.SUPERVISION,
        kind=OversightKind.THEMATIC,
    )  # another year: does not fulfil the 2020 item
    progress = {p.item.pk: p.is_done for p in queries.programme_progress(programme)}
    assert progress == {linked.pk: True, matched.pk: True, pending.pk: False}
    with pytest.raises(RuleViolation) as caught:
        actions.create_programme(actor, organization=tree["city"], body=UBKT, year=2020, title="Trùng")
    assert "đã có chương trình năm 2020" in caught.value.errors["year"][0]
    with pytest.raises(RuleViolation) as caught:
        item(Activity.SUPERVISION, OversightKind.PARTY_FINANCE, 13, subject_organization=tree["ward"])
    assert set(caught.value.errors) == {"planned_month", "kind"}
    with pytest.raises(RuleViolation) as caught:  # an item of another year
        record(
            actor,
            tree["city"],
            UBKT,
            date(2021, 3, 10),
            [tree["ward"]],
            kind=OversightKind.PARTY_FINANCE,
            programme_item=linked,
        )
    assert "năm 2020" in caught.value.errors["programme_item"][0]


def test_the_kinds_follow_the_rules_in_force(tree):
    # Under every regulation since 2011 the lists are the same; an unknown kind names the regulation applied.
    with pytest.raises(RuleViolation) as caught:
        record(None, tree["city"], UBKT, date(2022, 3, 1), [tree["ward"]], kind="surprise")
    assert "22-QĐ/TW" in caught.value.errors["kind"][0]
    with pytest.raises(RuleViolation) as caught:
        record(None, tree["city"], UBKT, date(2018, 3, 1), [tree["ward"]], kind="surprise")
    assert "30-QĐ/TW" in caught.value.errors["kind"][0]
