"""Key task pages: the list, a task with its sub-tasks and the progress rule, the forms that change a task,
the overdue and due-soon page of an organization, and the task report of a period."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.core.web import parse_date, parse_id, parse_int, stored_file
from dangvu.meetings.queries import people_in_scope as _people
from dangvu.meetings.queries import visible_meetings
from dangvu.meetings.web import submit
from dangvu.organizations.pickers import organization_filter

from . import actions, forms, progress, queries
from .models import State


@login_required
def task_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    problems: list[str] = []
    org, picker = organization_filter(request, scope)
    state = request.GET.get("tinh_trang", "")
    if state and state not in State.values:
        problems.append("Tình trạng không hợp lệ: bỏ qua.")
        state = ""
    meeting_raw = request.GET.get("hoi_nghi", "")
    flt = queries.TaskFilter(
        organization=org, state=state, text=request.GET.get("q", "").strip(), meeting_id=parse_id(meeting_raw)
    )
    for problem in problems:
        messages.warning(request, problem)
    today = timezone.localdate()
    return render(
        request,
        "tasks/list.html",
        {
            "tasks": queries.task_list(scope, flt, today),
            "params": request.GET,
            "states": State.choices,
            "org_picker": picker,
            "can_write": scope.can(WRITE),
            "today": today,
        },
    )


def _assignees(data) -> list[actions.Assignee]:
    out = [actions.Assignee(organization=o) for o in data.get("lead_organizations") or []]
    out += [actions.Assignee(organization=o, role="support") for o in data.get("support_organizations") or []]
    out += [actions.Assignee(person=p) for p in data.get("lead_people") or []]
    return out


@login_required
def task_create(request) -> HttpResponse:
    scope = require_capability(scope_for(request.user), WRITE, "giao nhiệm vụ")
    today = timezone.localdate()
    parent = None
    parent_raw = request.GET.get("cha", "")
    if parent_raw:
        if parse_id(parent_raw) is None:
            raise Http404("Không tìm thấy nhiệm vụ.")
        parent = queries.get_task(scope, parse_id(parent_raw))
        scope.require(parent.organization_id, WRITE)
    meeting_raw = request.GET.get("hoi_nghi", "")
    initial = {"assigned_on": today, "weight": 1}
    meetings = (
        visible_meetings(scope).filter(organization_id__in=scope.organization_ids(WRITE))
        if not scope.is_admin
        else visible_meetings(scope)
    )
    if parse_id(meeting_raw):
        meeting = meetings.filter(pk=parse_id(meeting_raw)).first()
        if meeting:
            initial.update(source_meeting=meeting, organization=meeting.organization, assigned_on=meeting.date)
    if parent:
        initial.update(assigned_on=parent.assigned_on, due_on=parent.due_on)
    form = forms.TaskForm(
        request.POST or None,
        initial=initial,
        scope=scope,
        meetings=meetings,
        people=_people(scope, today),
        is_child=parent is not None,
    )

    def run(data):
        return actions.create_task(
            request.user,
            organization=parent.organization if parent else data["organization"],
            title=data["title"],
            description=data["description"],
            source_kind=data.get("source_kind", "conclusion"),
            source_meeting=data.get("source_meeting"),
            source_document=data.get("source_document", ""),
            assigned_on=data["assigned_on"],
            due_on=data["due_on"],
            parent=parent,
            weight=data["weight"],
            assignees=_assignees(data),
        )

    done = submit(request, form, run, "Đã giao nhiệm vụ.", lambda task: _detail_url(task.pk))
    title = f"Thêm nhiệm vụ con của «{parent.title}»" if parent else "Giao nhiệm vụ"
    return done or render(request, "tasks/form.html", {"title": title, "form": form, "back": parent})


@login_required
def task_detail(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    task = queries.get_task(scope, pk)
    today = timezone.localdate()
    root = queries.tree(task, today)
    return render(
        request,
        "tasks/detail.html",
        {
            "task": task,
            "state": root.state,
            "nodes": queries.flatten(root)[1:],
            "rule": progress.RULE_TEXT,
            "has_children": bool(progress.applicable_children(task)),
            "assignments": task.assignments.select_related("organization", "person"),
            "updates": task.updates.select_related("author"),
            "can_write": scope.covers(task.organization_id, WRITE),
            "can_report": actions.can_report(request.user, task),
            "today": today,
        },
    )


def _detail_url(pk: int) -> str:
    return reverse("tasks_detail", args=[pk])


def _writable_task(request, pk):
    scope = scope_for(request.user)
    task = queries.get_task(scope, pk)
    if not scope.covers(task.organization_id, WRITE):  # seen (or it would be 404 already), not writable
        raise PermissionDenied("Bạn không có quyền thay đổi dữ liệu của tổ chức này.")
    return scope, task


@login_required
def task_edit(request, pk) -> HttpResponse:
    _, task = _writable_task(request, pk)
    form = forms.TaskEditForm(
        request.POST or None,
        initial={
            "title": task.title,
            "description": task.description,
            "source_document": task.source_document,
            "due_on": task.due_on,
            "weight": task.weight,
            "not_applicable": task.not_applicable,
        },
    )

    def run(data):
        data = dict(data)
        reason = data.pop("reason")
        return actions.update_task(request.user, task, reason=reason, **data)

    done = submit(request, form, run, "Đã lưu thay đổi.", lambda _: _detail_url(task.pk))
    return done or render(
        request, "tasks/form.html", {"title": f"Sửa nhiệm vụ «{task.title}»", "form": form, "back": task}
    )


@login_required
def task_assign(request, pk) -> HttpResponse:
    scope, task = _writable_task(request, pk)
    form = forms.AssigneeForm(request.POST or None, scope=scope, people=_people(scope, timezone.localdate()))
    done = submit(
        request,
        form,
        lambda data: actions.add_assignee(
            request.user, task, actions.Assignee(data["organization"], data["person"], data["role"])
        ),
        "Đã giao thêm người, đơn vị thực hiện.",
        lambda _: _detail_url(task.pk),
    )
    return done or render(
        request, "tasks/form.html", {"title": f"Giao thực hiện «{task.title}»", "form": form, "back": task}
    )


@login_required
def task_progress(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    task = queries.get_task(scope, pk)
    if not actions.can_report(request.user, task):
        raise PermissionDenied("Chỉ đơn vị, người được giao hoặc tổ chức giao nhiệm vụ được báo cáo tiến độ.")
    form = forms.ProgressForm(
        request.POST or None,
        request.FILES or None,
        initial={"reported_on": timezone.localdate(), "percent": int(task.progress)},
    )
    done = submit(
        request,
        form,
        lambda data: actions.report_progress(request.user, task, **data),
        "Đã ghi nhận tiến độ.",
        lambda _: _detail_url(task.pk),
    )
    return done or render(
        request,
        "tasks/form.html",
        {
            "title": f"Báo cáo tiến độ «{task.title}»",
            "form": form,
            "back": task,
            "multipart": True,
            "rule": progress.RULE_TEXT,
        },
    )


@login_required
def task_cancel(request, pk) -> HttpResponse:
    _, task = _writable_task(request, pk)
    form = forms.ReasonForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: actions.cancel_task(request.user, task, reason=data["reason"]),
        "Đã hủy bỏ nhiệm vụ.",
        lambda _: _detail_url(task.pk),
    )
    return done or render(
        request,
        "tasks/form.html",
        {"title": f"Hủy bỏ nhiệm vụ «{task.title}»", "form": form, "back": task, "danger": True},
    )


@login_required
def evidence(request, pk, update_pk) -> HttpResponseBase:
    scope = scope_for(request.user)
    task = queries.get_task(scope, pk)
    update = get_object_or_404(task.updates, pk=update_pk)
    return stored_file(update.evidence, missing="Không có tệp minh chứng.")


@login_required
def due(request) -> HttpResponse:
    scope = scope_for(request.user)
    org, picker = organization_filter(request, scope, label="Tổ chức", first_root=True)
    today = parse_date(request.GET.get("ngay")) or timezone.localdate()
    raw_days = request.GET.get("so_ngay", "")
    days = parse_int(raw_days, 1, 365)
    if raw_days and days is None:
        messages.warning(request, "Số ngày sắp đến hạn phải từ 1 đến 365: dùng mặc định.")
    days = days or queries.DUE_SOON_DAYS
    overdue, soon = queries.due_list(scope, org, today, days) if org else ([], [])
    return render(
        request,
        "tasks/due.html",
        {
            "org": org,
            "overdue": overdue,
            "soon": soon,
            "days": days,
            "today": today,
            "params": request.GET,
            "org_picker": picker,
        },
    )


@login_required
def report(request) -> HttpResponse:
    scope = scope_for(request.user)
    org, picker = organization_filter(request, scope, label="Tổ chức", first_root=True)
    today = timezone.localdate()
    start = parse_date(request.GET.get("tu")) or date(today.year, 1, 1)
    end = parse_date(request.GET.get("den")) or today
    if (request.GET.get("tu") and not parse_date(request.GET.get("tu"))) or (
        request.GET.get("den") and not parse_date(request.GET.get("den"))
    ):
        messages.warning(request, "Ngày không đúng dạng ngày/tháng/năm: dùng kỳ mặc định.")
    if end < start:
        messages.warning(request, "Ngày cuối kỳ trước ngày đầu kỳ: đã đổi chỗ hai ngày.")
        start, end = end, start
    result = queries.period_report(scope, org, start, end) if org else None
    return render(
        request,
        "tasks/report.html",
        {"org": org, "report": result, "start": start, "end": end, "states": dict(State.choices), "org_picker": picker},
    )
