"""Reads of key tasks through the user's scope: the list, one task with its tree, the overdue and due-soon
tasks of an organization, and the task report of a period (assigned, done on time, done late, overdue).

A task is "of" an organization when the organization gave it or carries it (an assignment); a subtree's
tasks are those of any organization in it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404

from dangvu.accounts.scope import READ, Scope
from dangvu.meetings.queries import ever_under
from dangvu.organizations.models import Organization
from dangvu.organizations.queries import subtree_ids

from .models import Assignment, State, Status, Task

DUE_SOON_DAYS = 14


def visible_tasks(scope: Scope) -> QuerySet:
    """Tasks given by or assigned to an organization of the user's subtree, and tasks assigned to the user."""
    qs = Task.objects.select_related("organization", "parent", "source_meeting")
    if scope.is_admin:
        return qs
    condition = Q(pk__in=[])
    if scope.roots(READ):
        org_ids = scope.organization_ids(READ)
        condition |= Q(organization_id__in=org_ids)
        condition |= Q(pk__in=Assignment.objects.filter(organization_id__in=org_ids).values("task_id"))
    if scope.own_person_ids:
        condition |= Q(pk__in=Assignment.objects.filter(person_id__in=scope.own_person_ids).values("task_id"))
    return qs.filter(condition)


def get_task(scope: Scope, pk: int) -> Task:
    """A task the user sees, directly or as a sub-task of a task the user sees; else 404."""
    task = Task.objects.select_related("organization", "parent", "source_meeting").filter(pk=pk).first()
    visible = visible_tasks(scope)
    current = task
    while current is not None:
        if visible.filter(pk=current.pk).exists():
            return task
        current = current.parent
    raise Http404("Không tìm thấy nhiệm vụ.")


def of_subtree(qs: QuerySet, organization: Organization, on: date | None = None) -> QuerySet:
    """Tasks given by or assigned to the subtree as it stood on `on` (None: anything ever under it)."""
    ids = subtree_ids(organization.pk, on) if on else ever_under(organization.pk)
    return qs.filter(
        Q(organization_id__in=ids) | Q(pk__in=Assignment.objects.filter(organization_id__in=ids).values("task_id"))
    )


@dataclass
class TaskFilter:
    organization: Organization | None = None
    state: str = ""
    text: str = ""
    meeting_id: int | None = None


def task_list(scope: Scope, flt: TaskFilter, today: date) -> list[Task]:
    """Top-level tasks matching the filter, each with `state` (as of today) set."""
    qs = (
        visible_tasks(scope)
        .filter(parent__isnull=True)
        .prefetch_related("assignments__organization", "assignments__person")
    )
    if flt.organization is not None:
        qs = of_subtree(qs, flt.organization)
    if flt.text:
        qs = qs.filter(title__icontains=flt.text)
    if flt.meeting_id:
        qs = qs.filter(source_meeting_id=flt.meeting_id)
    tasks = list(qs.order_by("due_on", "order", "id")[:500])
    for task in tasks:
        task.state = task.state_on(today)
    if flt.state:
        tasks = [t for t in tasks if t.state == flt.state]
    return tasks


@dataclass
class Node:
    task: Task
    state: str
    children: list["Node"] = field(default_factory=list)
    depth: int = 0


def tree(task: Task, today: date) -> Node:
    """A task and all its sub-tasks, loaded level by level."""
    root = Node(task, task.state_on(today))
    level = [root]
    depth = 0
    while level:
        depth += 1
        by_parent = {node.task.pk: node for node in level}
        children = (
            Task.objects.filter(parent_id__in=by_parent)
            .prefetch_related("assignments__organization", "assignments__person")
            .order_by("order", "id")
        )
        level = []
        for child in children:
            node = Node(child, child.state_on(today), depth=depth)
            by_parent[child.parent_id].children.append(node)
            level.append(node)
    return root


def flatten(node: Node) -> list[Node]:
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(reversed(current.children))
    return out


def due_list(
    scope: Scope, organization: Organization, today: date, soon_days: int = DUE_SOON_DAYS
) -> tuple[list[Task], list[Task]]:
    """The overdue tasks and the tasks due within `soon_days` of an organization's subtree, among those still
    open on `today` (a task done later was still open then)."""
    scope.require(organization.pk, READ)
    still_open = Q(status__in=[Status.NOT_STARTED, Status.IN_PROGRESS]) | Q(status=Status.DONE, done_on__gt=today)
    qs = (
        of_subtree(visible_tasks(scope), organization, today)
        .filter(
            still_open,
            due_on__isnull=False,
            due_on__lte=today + timedelta(days=soon_days),
        )
        .prefetch_related("assignments__organization", "assignments__person")
        .order_by("due_on", "id")
    )
    overdue, soon = [], []
    for task in qs:
        task.state = task.state_on(today)
        (overdue if task.due_on < today else soon).append(task)
    return overdue, soon


@dataclass
class PeriodReport:
    """Tasks assigned in a period, as they stood at its end."""

    start: date
    end: date
    assigned: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    open_not_due: int = 0
    cancelled: int = 0
    rows: list[tuple[Task, str]] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def share_on_time(self) -> float | None:
        counted = self.assigned - self.cancelled
        return round(100 * self.done_on_time / counted, 1) if counted else None


def period_report(
    scope: Scope, organization: Organization, start: date, end: date, *, top_level_only: bool = True
) -> PeriodReport:
    """Báo cáo kết quả thực hiện nhiệm vụ: how many tasks were assigned in the period, and how many of them
    were done on time, done late, overdue or still open (not yet due) on the period's last day."""
    scope.require(organization.pk, READ)
    qs = of_subtree(visible_tasks(scope), organization, end).filter(assigned_on__gte=start, assigned_on__lte=end)
    if top_level_only:
        qs = qs.filter(parent__isnull=True)
    report = PeriodReport(start, end)
    for task in qs.order_by("assigned_on", "order", "id"):
        state = task.state_on(end)
        report.assigned += 1
        if state == State.DONE:
            report.done_on_time += 1
        elif state == State.DONE_LATE:
            report.done_late += 1
        elif state == State.OVERDUE:
            report.overdue += 1
        elif state == State.CANCELLED:
            report.cancelled += 1
        else:
            report.open_not_due += 1
        report.rows.append((task, state))
    return report
