"""Meeting pages: the list, a meeting with its agenda, guests (titles of the day), roll, minutes, conclusion
and key tasks; the forms that change them; the year's plan of a cell; attendance statistics; the inbox."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dangvu.accounts.scope import READ, WRITE, require_capability, scope_for
from dangvu.core.cache import kept
from dangvu.core.errors import RuleViolation
from dangvu.core.web import confirm_page, paginate, parse_year, query_without_page, stored_file
from dangvu.organizations.models import Organization
from dangvu.organizations.pickers import organization_filter

from . import actions, attendance, forms, notices, planning, queries, rolls
from .models import Kind, Presence, Status
from .web import submit


@login_required
def meeting_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    params = request.GET
    org, picker = organization_filter(request, scope)
    kind = params.get("loai", "")
    if kind and kind not in Kind.values:
        messages.warning(request, "Loại hội nghị không hợp lệ: bỏ qua.")
        kind = ""
    year_raw = params.get("nam", "").strip()
    year = parse_year(year_raw)
    if year_raw and year is None:
        messages.warning(request, f"Năm '{year_raw}' không hợp lệ: bỏ qua.")
    flt = queries.MeetingFilter(organization=org, kind=kind, year=year, text=params.get("q", "").strip())
    return render(
        request,
        "meetings/list.html",
        {
            "page": paginate(request, queries.meeting_list(scope, flt), 50),
            "params": params,
            "query": query_without_page(request),
            "kinds": Kind.choices,
            "can_write": scope.can(WRITE),
            "unread": queries.unread_count(scope),
            "org_picker": picker,
        },
    )


@login_required
def meeting_create(request) -> HttpResponse:
    scope = require_capability(scope_for(request.user), WRITE, "triệu tập hội nghị")
    form = forms.MeetingForm(
        request.POST or None,
        scope=scope,
        people=queries.people_in_scope(scope, timezone.localdate()),
        people_key="chuc-vu",
        initial={"date": timezone.localdate(), "status": "planned"},
    )
    done = submit(
        request,
        form,
        lambda data: actions.create_meeting(request.user, **data),
        "Đã tạo hội nghị.",
        lambda meeting: _detail_url(meeting.pk),
    )
    return done or render(request, "meetings/form.html", {"title": "Triệu tập hội nghị", "form": form})


@login_required
def meeting_detail(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    meeting = queries.get_meeting(scope, pk)
    today = timezone.localdate()

    def read() -> dict:
        articles = []
        if scope.covers(meeting.organization_id, READ):
            from dangvu.news.models import Article

            articles = list(Article.objects.filter(source_meeting=meeting).order_by("-id"))
        return {
            "can_write": scope.covers(meeting.organization_id, WRITE),
            "committee": queries.committee_name(meeting),
            "agenda": list(meeting.agenda_items.select_related("presenter")),
            "guests": list(queries.guest_lines(meeting, attended_only=False)),
            "roll": list(queries.roll(meeting)),
            "counts": queries.roll_counts(meeting),
            "tasks": list(meeting.tasks.filter(parent__isnull=True).order_by("order", "id")),
            "articles": articles,
        }

    # kept per scope, meeting and day until the data changes (every meeting, roll and task action is recorded)
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "today": today,
            **kept("meeting", f"{scope.key}:{meeting.pk}:{today}", read),
            "conclusion_paragraphs": [p for p in meeting.conclusion.split("\n") if p.strip()],
        },
    )


def _detail_url(pk: int) -> str:
    return reverse("meetings_detail", args=[pk])


def _writable_meeting(request, pk):
    scope = scope_for(request.user)
    meeting = queries.get_meeting(scope, pk)
    if not scope.covers(meeting.organization_id, WRITE):  # seen (or it would be 404 already), not writable
        raise PermissionDenied("Bạn không có quyền thay đổi dữ liệu của tổ chức này.")
    return scope, meeting


def _people(meeting) -> dict:
    """The people a meeting's forms offer, and the name of that list for the pickers' type-ahead."""
    return {"people": queries.people_for(meeting.organization, meeting.date), "people_key": f"hoi-nghi:{meeting.pk}"}


def _render_form(request, meeting, title, form, **extra):
    return render(request, "meetings/form.html", {"title": title, "form": form, "meeting": meeting, **extra})


@login_required
def meeting_edit(request, pk) -> HttpResponse:
    scope, meeting = _writable_meeting(request, pk)
    initial = {name: getattr(meeting, name) for name in actions.EDITABLE}
    form = forms.MeetingForm(request.POST or None, initial=initial, **_people(meeting), editing=True, scope=scope)
    if meeting.status == "cancelled":
        form.fields["status"].choices = [("cancelled", "Hoãn, hủy")] + list(form.fields["status"].choices)
    done = submit(
        request,
        form,
        lambda data: actions.update_meeting(request.user, meeting, **data),
        "Đã lưu thay đổi.",
        lambda _: _detail_url(meeting.pk),
    )
    return done or _render_form(request, meeting, f"Sửa: {meeting.title}", form)


@login_required
def agenda_add(request, pk) -> HttpResponse:
    scope, meeting = _writable_meeting(request, pk)
    from dangvu.reports.models import FIXED_STATUSES, Report

    reports = Report.objects.filter(organization=meeting.organization, status__in=FIXED_STATUSES).select_related(
        "kind", "register_entry", "organization"
    )
    form = forms.AgendaItemForm(
        request.POST or None, request.FILES or None, **_people(meeting), reports=reports, scope=scope
    )
    done = submit(
        request,
        form,
        lambda data: actions.add_agenda_item(request.user, meeting, **data),
        "Đã thêm mục chương trình.",
        lambda _: _detail_url(meeting.pk),
    )
    return done or _render_form(request, meeting, f"Thêm chương trình: {meeting.title}", form, multipart=True)


@login_required
def agenda_remove(request, pk, item_pk) -> HttpResponse:
    _, meeting = _writable_meeting(request, pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    held = f", đã họp ngày {meeting.date:%d/%m/%Y}" if meeting.status == Status.HELD else ""
    return confirm_page(
        request,
        lambda: actions.remove_agenda_item(request.user, item),
        title="Bỏ mục chương trình?",
        consequence=f"Mục «{item.title}» sẽ bị bỏ khỏi chương trình của {meeting.title}{held}"
        + (", cùng tệp đính kèm của mục." if item.attachment else "."),
        button="Bỏ mục này",
        cancel_url=_detail_url(meeting.pk),
        done_url=_detail_url(meeting.pk),
        done_message="Đã bỏ mục chương trình.",
    )


@login_required
def attachment(request, pk, item_pk) -> HttpResponseBase:
    scope = scope_for(request.user)
    meeting = queries.get_meeting(scope, pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    return stored_file(item.attachment, missing="Không có tài liệu.")


@login_required
def guest_add(request, pk) -> HttpResponse:
    scope, meeting = _writable_meeting(request, pk)
    form = forms.GuestForm(request.POST or None, **_people(meeting), initial={"attended": True}, scope=scope)
    done = submit(
        request,
        form,
        lambda data: actions.add_guest(request.user, meeting, **data),
        "Đã thêm khách mời.",
        lambda _: _detail_url(meeting.pk),
    )
    return done or _render_form(request, meeting, f"Thêm khách mời: {meeting.title}", form)


@login_required
def guest_edit(request, pk, guest_pk) -> HttpResponse:
    _, meeting = _writable_meeting(request, pk)
    guest = get_object_or_404(meeting.guests, pk=guest_pk)
    form = forms.GuestEditForm(
        request.POST or None, initial={"titles_override": guest.titles_override, "attended": guest.attended}
    )
    if guest.person_id is None:
        del form.fields["titles_override"]
    if request.method == "POST" and request.POST.get("xoa"):
        actions.remove_guest(request.user, guest)
        messages.success(request, "Đã bỏ khách mời.")
        return redirect("meetings_detail", pk=meeting.pk)
    done = submit(
        request,
        form,
        lambda data: actions.update_guest(request.user, guest, **data),
        "Đã lưu.",
        lambda _: _detail_url(meeting.pk),
    )
    return done or _render_form(request, meeting, f"Khách mời: {guest}", form, removable=True)


@login_required
def roll(request, pk) -> HttpResponse:
    _, meeting = _writable_meeting(request, pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            if request.POST.get("lap_danh_sach"):
                added = rolls.open_roll(request.user, meeting)
                messages.success(request, f"Đã lập danh sách: thêm {added} đảng viên.")
                return redirect("meetings_roll", pk=meeting.pk)
            lines = []
            for row in meeting.attendance.all():
                status = request.POST.get(f"s_{row.person_id}")
                if status is None:
                    continue
                lines.append(rolls.RollLine(row.person_id, status, request.POST.get(f"r_{row.person_id}", "")))
            changed = rolls.record_attendance(request.user, meeting, lines)
        except RuleViolation as violation:
            errors = violation.messages
        else:
            messages.success(request, f"Đã ghi tình hình dự họp ({changed} thay đổi).")
            return redirect("meetings_detail", pk=meeting.pk)
    submitted = request.POST if request.method == "POST" else {}
    rows = [
        {
            "line": line,
            "status": submitted.get(f"s_{line.person_id}", line.status),
            "reason": submitted.get(f"r_{line.person_id}", line.reason),
        }
        for line in queries.roll(meeting)
    ]
    return render(
        request, "meetings/roll.html", {"meeting": meeting, "rows": rows, "errors": errors, "choices": Presence.choices}
    )


@login_required
def outcome(request, pk) -> HttpResponse:
    scope, meeting = _writable_meeting(request, pk)
    form = forms.OutcomeForm(
        request.POST or None,
        **_people(meeting),
        scope=scope,
        initial={
            "minutes": meeting.minutes,
            "conclusion": meeting.conclusion,
            "concluded_by": meeting.concluded_by,
        },
    )
    done = submit(
        request,
        form,
        lambda data: actions.record_outcome(request.user, meeting, **data),
        "Đã ghi biên bản, kết luận.",
        lambda _: _detail_url(meeting.pk),
    )
    return done or _render_form(request, meeting, f"Biên bản, kết luận: {meeting.title}", form)


@login_required
@require_POST
def send_agenda(request, pk) -> HttpResponse:
    _, meeting = _writable_meeting(request, pk)
    try:
        count = planning.send_agenda(request.user, meeting)
    except RuleViolation as violation:
        for message in violation.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Đã gửi chương trình, tài liệu tới {count} người.")
    return redirect("meetings_detail", pk=meeting.pk)


@login_required
@require_POST
def conclusion_notice(request, pk) -> HttpResponse:
    _, meeting = _writable_meeting(request, pk)
    try:
        entry = actions.issue_conclusion_notice(request.user, meeting)
    except RuleViolation as violation:
        for message in violation.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Đã ban hành Thông báo kết luận số {entry}.")
    return redirect("meetings_detail", pk=meeting.pk)


@login_required
def notice_document(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    meeting = queries.get_meeting(scope, pk)
    if not meeting.notice_number:
        raise Http404("Hội nghị chưa có thông báo kết luận.")
    return render(
        request,
        "meetings/notice_document.html",
        {
            "meeting": meeting,
            **queries.conclusion_notice_context(meeting),
        },
    )


@login_required
def cancel(request, pk) -> HttpResponse:
    _, meeting = _writable_meeting(request, pk)
    form = forms.ReasonForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: actions.cancel_meeting(request.user, meeting, reason=data["reason"]),
        "Đã hoãn, hủy hội nghị.",
        lambda _: _detail_url(meeting.pk),
    )
    return done or _render_form(request, meeting, f"Hoãn, hủy: {meeting.title}", form, danger=True)


@login_required
def plan_year(request) -> HttpResponse:
    scope = require_capability(scope_for(request.user), WRITE, "lập kế hoạch sinh hoạt")
    today = timezone.localdate()
    form = forms.PlanYearForm(request.POST or None, scope=scope, initial={"year": today.year})

    def run(data):
        return planning.plan_year(
            request.user,
            data["organization"],
            year=data["year"],
            day=data["day"],
            part_of_day=data["part_of_day"],
            venue=data["venue"],
        )

    done = submit(
        request,
        form,
        run,
        "Đã lập kế hoạch các buổi sinh hoạt định kỳ.",
        lambda created: (
            f"{reverse('meetings_list')}?to_chuc={form.cleaned_data['organization'].code}"
            f"&nam={form.cleaned_data['year']}"
        ),
    )
    return done or _render_form(request, None, "Kế hoạch sinh hoạt chi bộ trong năm", form)


@login_required
def attendance_stats(request) -> HttpResponse:
    scope = scope_for(request.user)
    org, picker = organization_filter(request, scope, first_root=True)
    year_raw = request.GET.get("nam", "").strip()
    year = parse_year(year_raw) or timezone.localdate().year
    if year_raw and str(year) != year_raw:
        messages.warning(request, f"Năm '{year_raw}' không hợp lệ: xem năm {year}.")
    rows, totals, gaps = [], None, []
    by_month = org is not None and org.is_member_unit
    if org is not None:
        start, end = date(year, 1, 1), date(year, 12, 31)
        rows = (attendance.by_cell_month if by_month else attendance.by_cell)(scope, org, start, end)
        totals = attendance.totals(scope, org, start, end)
        gaps = attendance.meeting_gaps(scope, org, year, timezone.localdate())
    names = {
        pk: (name, code)
        for pk, name, code in Organization.objects.filter(pk__in={r.organization_id for r in rows}).values_list(
            "pk", "name", "code"
        )
    }
    return render(
        request,
        "meetings/stats.html",
        {
            "org": org,
            "org_picker": picker,
            "year": year,
            "totals": totals,
            "by_month": by_month,
            "gaps": gaps[:100],
            "gap_count": len(gaps),
            "rules": _meeting_rules(year),
            "rows": [(*names.get(r.organization_id, ("", "")), r) for r in rows],
        },
    )


def _meeting_rules(year: int) -> list:
    from dangvu.core.rules import RuleNotFound, rule

    found = []
    for key in ("cell.monthly_meetings", "cell.thematic_meetings_per_quarter"):
        try:
            found.append(rule(key, date(year, 12, 31)))
        except RuleNotFound:
            continue
    return found


@login_required
def inbox(request) -> HttpResponse:
    scope = scope_for(request.user)
    return render(
        request, "meetings/inbox.html", {"page": paginate(request, queries.notices_for(scope), 30), "query": ""}
    )


@login_required
def notice_open(request, notice_pk) -> HttpResponse:
    scope = scope_for(request.user)
    notice = queries.notices_for(scope).filter(pk=notice_pk).first()
    if notice is None:
        raise Http404("Không tìm thấy thông báo.")
    try:
        notices.mark_read(request.user, notice, scope)
    except RuleViolation:
        raise Http404("Không tìm thấy thông báo.") from None
    if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None):
        return redirect(notice.link)
    return redirect("meetings_inbox")
