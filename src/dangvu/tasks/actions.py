"""Every change of a key task: creating it (with its assignees, who get an in-app notice), editing it,
reporting progress, cancelling it. After each change the progress of the task and of its ancestors is
recomputed by `dangvu.tasks.progress`. Each action checks scope and rules and records an audit event.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core import audit
from dangvu.core.audit import snapshot
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc, short_date
from dangvu.meetings import notices
from dangvu.meetings.models import Meeting
from dangvu.members.actions import require_write
from dangvu.members.models import Person
from dangvu.organizations.models import Ancestry, Organization
from dangvu.tasks.audit_actions import TasksAudit

from . import progress
from .models import AssigneeRole, Assignment, ProgressUpdate, SourceKind, Status, Task

MAX_WEIGHT = 100


@dataclass
class Assignee:
    """An organization or a person to assign, as lead or in support."""

    organization: Organization | None = None
    person: Person | None = None
    role: str = AssigneeRole.LEAD


def _add(errors: dict[str, list[str]], name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _in_subtree(org_id: int, root_id: int, on: date) -> bool:
    return Ancestry.objects.filter(
        ancestor_id=root_id, descendant_id=org_id, valid_from__lte=on, valid_to__gt=on
    ).exists()


def task_errors(
    *,
    organization: Organization,
    title: str,
    source_kind: str,
    source_meeting: Meeting | None,
    source_document: str,
    assigned_on: date | None,
    due_on: date | None,
    weight: int,
    parent: Task | None,
    assignees: list[Assignee],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title:
        _add(errors, "title", "Tên nhiệm vụ không được để trống.")
    _source_errors(errors, organization, source_kind, source_meeting, source_document, parent)
    if assigned_on is None:
        _add(errors, "assigned_on", "Ngày giao không được để trống.")
    elif due_on is not None and due_on < assigned_on:
        _add(errors, "due_on", "Hạn hoàn thành không được trước ngày giao.")
    if source_meeting is not None and assigned_on is not None and assigned_on < source_meeting.date:
        _add(errors, "assigned_on", "Ngày giao không được trước ngày hội nghị kết luận.")
    if not isinstance(weight, int) or not 1 <= weight <= MAX_WEIGHT:
        _add(errors, "weight", f"Trọng số phải là số nguyên từ 1 đến {MAX_WEIGHT}.")
    if parent is not None:
        _parent_errors(errors, parent, due_on)
    _assignee_errors(errors, organization, assignees, assigned_on)
    return errors


def _source_errors(
    errors: dict[str, list[str]],
    organization: Organization,
    source_kind: str,
    source_meeting: Meeting | None,
    source_document: str,
    parent: Task | None,
) -> None:
    """What the task rests on: a meeting's conclusion (a meeting of the organization's line) or a document."""
    if source_kind not in SourceKind.values:
        _add(errors, "source_kind", "Căn cứ giao nhiệm vụ không hợp lệ.")
    elif source_kind == SourceKind.CONCLUSION and source_meeting is None and parent is None:
        _add(errors, "source_meeting", "Nhiệm vụ theo kết luận hội nghị cần chọn hội nghị.")
    elif source_kind != SourceKind.CONCLUSION and not source_document and parent is None:
        _add(errors, "source_document", "Ghi số, tên văn bản căn cứ (nghị quyết, văn bản khác).")
    if (
        source_meeting is not None
        and not _in_subtree(organization.pk, source_meeting.organization_id, source_meeting.date)
        and not _in_subtree(source_meeting.organization_id, organization.pk, source_meeting.date)
    ):
        _add(errors, "source_meeting", "Hội nghị này không thuộc tổ chức giao nhiệm vụ.")


def _parent_errors(errors: dict[str, list[str]], parent: Task, due_on: date | None) -> None:
    """A sub-task: its parent is not cancelled and the sub-task is due by the parent's due date."""
    if parent.status == Status.CANCELLED:
        _add(errors, "parent", "Nhiệm vụ cha đã hủy bỏ.")
    if parent.due_on and due_on and due_on > parent.due_on:
        _add(
            errors, "due_on", f"Hạn của nhiệm vụ con không được sau hạn của nhiệm vụ cha ({short_date(parent.due_on)})."
        )


def _assignee_errors(
    errors: dict[str, list[str]], organization: Organization, assignees: list[Assignee], assigned_on: date | None
) -> None:
    """Each assignee an organization under the assigning one or a person, in a known role, chosen once."""
    seen = set()
    for who in assignees:
        if (who.organization is None) == (who.person is None):
            _add(errors, "assignees", "Mỗi người, đơn vị thực hiện là một tổ chức hoặc một đồng chí.")
            continue
        if who.role not in AssigneeRole.values:
            _add(errors, "assignees", "Vai trò thực hiện không hợp lệ.")
        key = ("o", who.organization.pk) if who.organization else ("p", who.person.pk)
        if key in seen:
            _add(errors, "assignees", f"{who.organization or who.person} được chọn hai lần.")
        seen.add(key)
        if (
            who.organization is not None
            and assigned_on is not None
            and not _in_subtree(who.organization.pk, organization.pk, assigned_on)
        ):
            _add(errors, "assignees", f"{who.organization} không trực thuộc {organization}: không giao được.")


def _raise_if(errors):
    if errors:
        raise RuleViolation(errors)


def _notify(actor, task: Task, assignments: list[Assignment], title: str, dated: date | None = None) -> None:
    due = f" – hạn {short_date(task.due_on)}" if task.due_on else ""
    notices.send(
        actor,
        title=f"{title}: {task.title}{due}",
        body=task.description,
        link=reverse("tasks_detail", args=[task.pk]),
        person_ids=[a.person_id for a in assignments if a.person_id],
        organization_ids=[a.organization_id for a in assignments if a.organization_id],
        dated=dated,
    )


@transaction.atomic
def create_task(
    actor,
    *,
    organization: Organization,
    title: str,
    description: str = "",
    source_kind: str = SourceKind.CONCLUSION,
    source_meeting: Meeting | None = None,
    source_document: str = "",
    assigned_on: date | None = None,
    due_on: date | None = None,
    parent: Task | None = None,
    weight: int = 1,
    assignees: list[Assignee] = (),
    order: int | None = None,
    today: date | None = None,
) -> Task:
    """Giao nhiệm vụ: a key task (or a sub-task of `parent`), with its assignees, who are notified."""
    if parent is not None:
        organization = parent.organization
    require_write(actor, organization.pk)
    assigned_on = (
        assigned_on
        or (parent.assigned_on if parent else None)
        or (source_meeting.date if source_meeting else None)
        or (today or timezone.localdate())
    )
    title, source_document = nfc(title), nfc(source_document)
    assignees = list(assignees)
    _raise_if(
        task_errors(
            organization=organization,
            title=title,
            source_kind=source_kind,
            source_meeting=source_meeting,
            source_document=source_document,
            assigned_on=assigned_on,
            due_on=due_on,
            weight=weight,
            parent=parent,
            assignees=assignees,
        )
    )
    if order is None:
        siblings = Task.objects.filter(parent=parent, organization=organization)
        if parent is None:
            siblings = siblings.filter(source_meeting=source_meeting)
        order = siblings.count() + 1
    task = Task.objects.create(
        organization=organization,
        parent=parent,
        title=title,
        description=(description or "").strip(),
        source_kind=source_kind,
        source_meeting=source_meeting,
        source_document=source_document,
        assigned_on=assigned_on,
        due_on=due_on,
        weight=weight,
        order=order,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    rows = Assignment.objects.bulk_create(
        [Assignment(task=task, organization=a.organization, person=a.person, role=a.role) for a in assignees]
    )
    audit.record(
        actor,
        TasksAudit.TASK_CREATE,
        task,
        organization=organization,
        after={**snapshot(task), "assignees": [str(a) for a in rows]},
    )
    if rows:
        _notify(actor, task, rows, "Nhiệm vụ được giao", dated=assigned_on)
    if parent is not None:
        progress.refresh(parent)
    return task


EDITABLE = ["title", "description", "source_document", "due_on", "weight", "not_applicable", "order"]


@transaction.atomic
def update_task(actor, task: Task, *, reason: str = "", **changes) -> Task:
    """Change a task's text, due date, weight or applicability; the parent's progress follows."""
    require_write(actor, task.organization_id)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise RuleViolation(f"Không sửa được: {', '.join(sorted(unknown))}.")
    for name in ("title", "source_document"):
        if name in changes:
            changes[name] = nfc(changes[name])
    merged = {name: changes.get(name, getattr(task, name)) for name in EDITABLE}
    errors = task_errors(
        organization=task.organization,
        title=merged["title"],
        source_kind=task.source_kind,
        source_meeting=task.source_meeting,
        source_document=merged["source_document"],
        assigned_on=task.assigned_on,
        due_on=merged["due_on"],
        weight=merged["weight"],
        parent=task.parent,
        assignees=[],
    )
    if merged["not_applicable"] and task.parent_id is None:
        _add(errors, "not_applicable", "Chỉ nhiệm vụ con mới đánh dấu «không áp dụng».")
    late_child = task.children.filter(due_on__gt=merged["due_on"]).first() if merged["due_on"] else None
    if late_child:
        _add(errors, "due_on", f"Nhiệm vụ con «{late_child.title}» có hạn sau hạn mới.")
    if merged["due_on"] != task.due_on and not nfc(reason):
        _add(errors, "reason", "Đổi hạn hoàn thành cần ghi lý do, căn cứ.")
    _raise_if(errors)
    before = snapshot(task, EDITABLE)
    for name, value in merged.items():
        setattr(task, name, value)
    task.save()
    audit.record(
        actor,
        TasksAudit.TASK_UPDATE,
        task,
        before=before,
        after=snapshot(task, EDITABLE),
        organization=task.organization,
        reason=nfc(reason),
    )
    progress.refresh(task)
    return task


@transaction.atomic
def add_assignee(actor, task: Task, assignee: Assignee) -> Assignment:
    require_write(actor, task.organization_id)
    existing = [Assignee(a.organization, a.person, a.role) for a in task.assignments.all()]
    errors = task_errors(
        organization=task.organization,
        title=task.title,
        source_kind=task.source_kind,
        source_meeting=task.source_meeting,
        source_document=task.source_document,
        assigned_on=task.assigned_on,
        due_on=task.due_on,
        weight=task.weight,
        parent=None,
        assignees=[*existing, assignee],
    )
    _raise_if({k: v for k, v in errors.items() if k == "assignees"})
    row = Assignment.objects.create(
        task=task, organization=assignee.organization, person=assignee.person, role=assignee.role
    )
    audit.record(actor, TasksAudit.TASK_ASSIGN, row, organization=task.organization, object_label=f"{task}: {row}")
    _notify(actor, task, [row], "Nhiệm vụ được giao")
    return row


def can_report(actor, task: Task) -> bool:
    """The owner's writers, the writers of an assigned organization, and an assigned person themself."""
    if actor is None:
        return True
    scope = scope_for(actor)
    if scope.covers(task.organization_id, WRITE):
        return True
    for assignment in task.assignments.all():
        if assignment.organization_id and scope.covers(assignment.organization_id, WRITE):
            return True
        if assignment.person_id and assignment.person_id in scope.own_person_ids:
            return True
    return False


@transaction.atomic
def report_progress(
    actor,
    task: Task,
    *,
    percent: int,
    note: str = "",
    evidence=None,
    reported_on: date | None = None,
    today: date | None = None,
) -> ProgressUpdate:
    """Báo cáo tiến độ: 100% completes the task on the reported day. Refused for a task whose progress the
    system computes from its sub-tasks."""
    if not can_report(actor, task):
        require_write(actor, task.organization_id)  # answers 404 or 403 as the scope decides
    today = today or timezone.localdate()
    reported_on = reported_on or today
    errors: dict[str, list[str]] = {}
    if progress.applicable_children(task):
        _add(
            errors,
            "percent",
            "Tiến độ của nhiệm vụ có nhiệm vụ con do hệ thống tính từ các nhiệm vụ con, không nhập tay.",
        )
    if task.status == Status.CANCELLED:
        _add(errors, "percent", "Nhiệm vụ đã hủy bỏ.")
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        _add(errors, "percent", "Tiến độ phải là số nguyên từ 0 đến 100.")
    if reported_on > today:
        _add(errors, "reported_on", "Ngày báo cáo không được ở tương lai.")
    if reported_on < task.assigned_on:
        _add(errors, "reported_on", f"Ngày báo cáo trước ngày giao nhiệm vụ ({short_date(task.assigned_on)}).")
    latest = task.updates.order_by("-reported_on", "-id").first()
    if latest and reported_on < latest.reported_on:
        _add(
            errors,
            "reported_on",
            f"Đã có báo cáo ngày {short_date(latest.reported_on)}: báo cáo mới không được ghi lùi ngày.",
        )
    _raise_if(errors)
    update = ProgressUpdate.objects.create(
        task=task,
        author=actor if getattr(actor, "pk", None) else None,
        reported_on=reported_on,
        percent=percent,
        note=(note or "").strip(),
        evidence=evidence or "",
    )
    before = snapshot(task, ["status", "done_on", "progress"])
    if percent == 100:
        task.status, task.done_on = Status.DONE, reported_on
    else:
        task.status, task.done_on = (Status.IN_PROGRESS if percent > 0 or latest else Status.NOT_STARTED), None
    task.save(update_fields=["status", "done_on"])
    progress.refresh(task)
    audit.record(
        actor,
        TasksAudit.TASK_PROGRESS,
        update,
        before=before,
        after={**snapshot(task, ["status", "done_on", "progress"]), "note": update.note},
        organization=task.organization,
        object_label=f"{task}: {percent}%",
    )
    return update


@transaction.atomic
def cancel_task(actor, task: Task, *, reason: str) -> Task:
    """Hủy bỏ: the task (and its open sub-tasks) stop counting; the parent's progress follows."""
    require_write(actor, task.organization_id)
    if not nfc(reason):
        raise RuleViolation("Ghi lý do hủy bỏ nhiệm vụ.", "reason")
    if task.status == Status.DONE:
        raise RuleViolation("Nhiệm vụ đã hoàn thành: không hủy được.")
    before = snapshot(task, ["status"])
    stack = [task]
    while stack:
        current = stack.pop()
        if current.status != Status.DONE:
            current.status = Status.CANCELLED
            current.save(update_fields=["status"])
        stack.extend(current.children.all())
    audit.record(
        actor,
        TasksAudit.TASK_CANCEL,
        task,
        before=before,
        after={"status": Status.CANCELLED},
        organization=task.organization,
        reason=nfc(reason),
    )
    _notify(actor, task, list(task.assignments.all()), "Nhiệm vụ đã hủy bỏ")
    if task.parent_id:
        progress.refresh(task.parent)
    return task


@transaction.atomic
def send_due_reminders(actor, *, today: date | None = None, days: int = 7) -> int:
    """Nhắc hạn: an in-app notice to the assignees of every open task that is overdue or due within `days`,
    once per task, due date and kind of reminder (running it again the same day sends nothing new)."""
    from dangvu.meetings.models import Notice

    today = today or timezone.localdate()
    if not isinstance(days, int) or not 0 <= days <= 365:
        raise RuleViolation("Số ngày nhắc trước hạn phải từ 0 đến 365.", "days")
    tasks = Task.objects.filter(
        status__in=[Status.NOT_STARTED, Status.IN_PROGRESS],
        due_on__isnull=False,
        due_on__lte=today + timedelta(days=days),
    ).prefetch_related("assignments")
    sent = 0
    for task in tasks:
        word = "Quá hạn" if task.due_on < today else "Sắp đến hạn"
        title = f"{word}: {task.title} – hạn {short_date(task.due_on)}"[:300]
        already = Notice.objects.filter(title=title)
        people = {a.person_id for a in task.assignments.all() if a.person_id} - set(
            already.values_list("recipient_person_id", flat=True)
        )
        orgs = {a.organization_id for a in task.assignments.all() if a.organization_id} - set(
            already.values_list("recipient_organization_id", flat=True)
        )
        sent += notices.send(
            actor,
            title=title,
            body=f"Tiến độ hiện tại: {task.progress:.0f}%.",
            link=reverse("tasks_detail", args=[task.pk]),
            person_ids=people,
            organization_ids=orgs,
        )
    if sent:
        audit.record(
            actor,
            TasksAudit.TASK_REMIND,
            None,
            object_type="tasks.task",
            object_label=f"Nhắc hạn {sent} lượt",
            after={"date": str(today), "days": days, "sent": sent},
        )
    return sent
