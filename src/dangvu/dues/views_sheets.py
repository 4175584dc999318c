"""Dues pages of an organization: the home with the month and organization picked, a cell's monthly sheet with
the quick entry, computing a month, arrears with the strike-off proposals, remittance up the tree and receipts."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core import rules as party_rules
from dangvu.core.errors import RuleViolation
from dangvu.core.web import parse_date
from dangvu.organizations.models import Organization
from dangvu.organizations.pickers import organization_filter

from . import actions, documents, forms, queries, rules
from .models import Method
from .views import run_form


def _month(request) -> date:
    """The month asked for (?thang=mm/yyyy), this month by default; a bad value is said and ignored."""
    raw = request.GET.get("thang", "") or request.POST.get("thang", "")
    today = timezone.localdate()
    if raw:
        month = rules.parse_month(raw)
        if month is not None:
            return month
        messages.warning(request, f"Tháng '{raw}' không đúng dạng tháng/năm (ví dụ 03/2026); đang hiển thị tháng này.")
    return rules.month_start(today)


def _year(request) -> int:
    raw = request.GET.get("nam", "").strip()
    if raw.isdecimal() and 2011 <= int(raw) <= 2100:
        return int(raw)
    if raw:
        messages.warning(request, f"Năm '{raw}' không hợp lệ; đang hiển thị năm nay.")
    return timezone.localdate().year


def _back(name: str, organization: Organization, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse(name, args=[organization.code]) + (f"?{query}" if query else "")


@login_required
def home(request) -> HttpResponse:
    scope = scope_for(request.user)
    organization, picker = organization_filter(request, scope, label="Tổ chức", first_root=True)
    if organization is None:
        raise Http404("Không tìm thấy.")
    month = _month(request)
    return render(
        request,
        "dues/home.html",
        {
            "organization": organization,
            "month": month,
            "org_picker": picker,
            "cells": queries.cells_of(scope, organization),
            "can_write": scope.covers(organization.pk, WRITE),
            "proposals": queries.open_proposals(scope, organization),
            "incoming": [r for r in queries.incoming_remittances(scope, organization) if not r.received_on],
            "regulation": party_rules.rule("dues.regulation", month),
        },
    )


def _post(request, action, success, to: str):
    """A button's POST: run the action; its refusal becomes error messages; back to `to` either way."""
    try:
        result = action()
    except RuleViolation as violation:
        for message in violation.messages:
            messages.error(request, message)
    else:
        messages.success(request, success(result))
    return redirect(to)


@login_required
@require_POST
def compute(request, code) -> HttpResponse:
    scope = scope_for(request.user)
    organization = queries.get_organization(scope, code)
    month = _month(request)
    return _post(
        request,
        lambda: actions.compute_month(scope, organization, month),
        lambda counts: (
            f"Đã tính đảng phí tháng {month:%m/%Y}: {counts['created']} dòng mới, {counts['changed']} dòng tính lại."
        ),
        reverse("dues_home") + f"?to_chuc={organization.code}&thang={month:%m/%Y}",
    )


def _entries(request, sheet) -> tuple[list[actions.PaymentEntry], list[str]]:
    """The quick-entry form's rows: each line's paid amount, date and method; unreadable cells are said."""
    entries, problems = [], []
    default_day = parse_date(request.POST.get("ngay_nop", ""))
    for line in sheet.lines:
        prefix = f"l{line.member_id}"
        raw = request.POST.get(f"{prefix}-paid", "").replace(".", "").replace(",", "").strip()
        name = line.member.person.full_name
        if not raw:
            entries.append(actions.PaymentEntry(line.member_id, None))
            continue
        if not raw.isdecimal() or len(raw) > 12:
            problems.append(f"{name}: số tiền '{raw}' không hợp lệ.")
            continue
        raw_day = request.POST.get(f"{prefix}-paid_on", "")
        day = parse_date(raw_day) if raw_day else default_day
        if raw_day and day is None:
            problems.append(f"{name}: ngày nộp '{raw_day}' không đúng dạng ngày/tháng/năm.")
            continue
        entries.append(
            actions.PaymentEntry(
                line.member_id,
                int(raw),
                day,
                request.POST.get(f"{prefix}-method", Method.CASH),
                request.POST.get(f"{prefix}-reference", "")[:60],
            )
        )
    return entries, problems


@login_required
def sheet(request, code) -> HttpResponse:
    scope = scope_for(request.user)
    cell = queries.get_organization(scope, code)
    if not cell.is_member_unit:
        raise Http404("Không tìm thấy.")
    month = _month(request)
    data = queries.sheet(scope, cell, month)
    can_write = scope.covers(cell.pk, WRITE)
    errors: list[str] = []
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied("Bạn không có quyền ghi thu đảng phí của chi bộ này.")
        entries, errors = _entries(request, data)
        if not errors:
            try:
                changed = actions.record_payments(scope, cell, month, entries)
            except RuleViolation as violation:
                errors = violation.messages
            else:
                messages.success(request, f"Đã ghi thu đảng phí tháng {month:%m/%Y}: {changed} đảng viên.")
                return redirect(_back("dues_sheet", cell, thang=f"{month:%m/%Y}"))
    return render(
        request,
        "dues/sheet.html",
        {
            "sheet": data,
            "cell": cell,
            "month": month,
            "can_write": can_write,
            "errors": errors,
            "methods": Method.choices,
            "today": timezone.localdate(),
            "posted": request.POST,
            "previous": rules.add_months(month, -1),
            "next": rules.add_months(month, 1),
        },
    )


@login_required
def arrears(request, code) -> HttpResponse:
    scope = scope_for(request.user)
    organization = queries.get_organization(scope, code)
    year = _year(request)
    return render(
        request,
        "dues/arrears.html",
        {
            "organization": organization,
            "year": year,
            "rows": queries.arrears(scope, organization, year),
            "can_write": scope.covers(organization.pk, WRITE),
            "needed": party_rules.param("dues.unpaid_months_strike_off", date(year, 12, 31)),
        },
    )


@login_required
@require_POST
def propose(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    member = queries.get_member(scope, pk)
    year = _year(request)
    return _post(
        request,
        lambda: actions.propose_strike_off(scope, member, year=year, note=request.POST.get("note", "")[:300]),
        lambda _: f"Chi bộ đã đề nghị xóa tên {member.person.full_name}; cấp ủy cấp trên xem xét, quyết định.",
        _back("dues_arrears", member.organization, nam=year),
    )


@login_required
def proposal(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    item = queries.get_proposal(scope, pk)
    back = _back("dues_arrears", item.organization, nam=item.year)
    if request.POST.get("rut"):
        form = forms.WithdrawForm(request.POST)
        return run_form(
            request,
            form,
            lambda **data: actions.withdraw_proposal(scope, item, **data),
            to=back,
            success="Đã rút đề nghị xóa tên.",
            title="Rút đề nghị xóa tên",
        )
    form = forms.ProposalDecisionForm(request.POST if request.method == "POST" else None)
    return run_form(
        request,
        form,
        lambda **data: actions.decide_strike_off(scope, item, **data),
        to=back,
        success=f"Đã xóa tên {item.member.person.full_name} khỏi danh sách đảng viên.",
        title=f"Quyết định xóa tên: {item.member.person.full_name}",
        intro=f"Chi bộ đề nghị ngày {item.proposed_on:%d/%m/%Y}: không đóng đảng phí các tháng "
        f"{item.unpaid_months} mà không có lý do chính đáng. Cấp ủy có thẩm quyền quyết định; đảng viên "
        "ra khỏi Đảng với lý do \u201cXóa tên\u201d.",
    )


@login_required
def remittance(request, code) -> HttpResponse:
    scope = scope_for(request.user)
    organization = queries.get_organization(scope, code)
    month = _month(request)
    quarter = request.GET.get("ky") == "quy"
    start = date(month.year, (month.month - 1) // 3 * 3 + 1, 1) if quarter else month
    months = 3 if quarter else 1
    rows = queries.remittance_summary(scope, organization, start, months)
    can_write = scope.covers(organization.pk, WRITE)
    own = rows[0] if rows and rows[0].organization.pk == organization.pk else None
    form = forms.RemittanceForm(
        request.POST if request.method == "POST" else None,
        initial={
            "period_months": months,
            "period_start": f"{start:%m/%Y}",
            "amount": own.remit if own else 0,
            "sent_on": timezone.localdate(),
        },
    )
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied("Bạn không có quyền ghi nộp đảng phí của tổ chức này.")
        return run_form(
            request,
            form,
            lambda **data: actions.record_remittance(scope, organization, **data),
            to=request.get_full_path(),
            success="Đã ghi nộp đảng phí lên cấp trên.",
            title=f"Nộp đảng phí: {organization.name}",
        )
    return render(
        request,
        "dues/remittance.html",
        {
            "organization": organization,
            "rows": rows,
            "start": start,
            "months": months,
            "quarter": quarter,
            "form": form,
            "can_write": can_write,
            "own": own,
            "incoming": queries.incoming_remittances(scope, organization),
            "totals": {"collected": sum(r.collected for r in rows), "kept": sum(r.kept for r in rows)},
        },
    )


@login_required
def receipt(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    item = queries.get_remittance(scope, pk)
    scope.require(item.recipient_id, WRITE)
    form = forms.ReceiptForm(
        request.POST if request.method == "POST" else None, initial={"received_on": timezone.localdate()}
    )
    return run_form(
        request,
        form,
        lambda **data: actions.confirm_receipt(scope, item, **data),
        to=_back("dues_remittance", item.recipient, thang=f"{item.period_start:%m/%Y}"),
        success="Đã xác nhận nhận đảng phí.",
        title=f"Xác nhận nhận đảng phí: {item.organization.name}",
        intro=f"Kỳ {item.period_start:%m/%Y}{' (quý)' if item.period_months == 3 else ''}: "
        f"{rules.vnd(item.amount)}, nộp ngày {item.sent_on:%d/%m/%Y}.",
    )


def _sheet_for_export(request, code):
    scope = scope_for(request.user)
    cell = queries.get_organization(scope, code)
    if not cell.is_member_unit:
        raise Http404("Không tìm thấy.")
    data = queries.sheet(scope, cell, _month(request))
    if not data.computed:
        messages.error(request, f"Tháng {data.month:%m/%Y} chưa được tính đảng phí: chưa có sổ thu để tải.")
        return None, redirect(_back("dues_sheet", cell, thang=f"{data.month:%m/%Y}"))
    return data, None


def _download(content: bytes, name: str, mime: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _file_name(data, ext: str) -> str:
    return f"so-thu-dang-phi-{data.cell.code}-{data.month:%Y-%m}.{ext}"


@login_required
def sheet_docx(request, code) -> HttpResponse:
    data, refused = _sheet_for_export(request, code)
    if refused:
        return refused
    return _download(
        documents.sheet_docx(request.user, data),
        _file_name(data, "docx"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@login_required
def sheet_pdf(request, code) -> HttpResponse:
    data, refused = _sheet_for_export(request, code)
    if refused:
        return refused
    try:
        content = documents.sheet_pdf(request.user, data)
    except RuleViolation as violation:
        messages.error(request, " ".join(violation.messages))
        return redirect(_back("dues_sheet", data.cell, thang=f"{data.month:%m/%Y}"))
    return _download(content, _file_name(data, "pdf"), "application/pdf")


@login_required
def sheet_xlsx(request, code) -> HttpResponse:
    data, refused = _sheet_for_export(request, code)
    if refused:
        return refused
    return _download(
        documents.sheet_xlsx(request.user, data),
        _file_name(data, "xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
