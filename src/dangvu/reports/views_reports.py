"""Pages of one report: create, the HTML view with its paragraphs to write, edit, the lifecycle steps, and the
Word and PDF downloads."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.web import add_violation
from dangvu.reports.audit_actions import ReportsAudit

from . import actions, charts, forms, kinds, periods, placeholders, queries, word
from .content import content as report_content
from .content import current_narratives
from .content import table as figures_table
from .models import Status
from .pdf import docx_to_pdf
from .views import DOCX, download, period_query, read_period


@login_required
def create(request) -> HttpResponse:
    scope = require_capability(scope_for(request.user), WRITE, "lập báo cáo")
    kinds.ensure_defaults()
    form = forms.ReportCreateForm(request.POST or None, initial={"nam": timezone.localdate().year}, scope=scope)
    if request.method == "POST":
        org, period = read_period(scope, form)
        if org is not None and period is not None:
            try:
                report = actions.create_report(
                    request.user,
                    organization=org,
                    kind=form.cleaned_data["loai"],
                    period=period,
                    document_date=form.cleaned_data["ngay_van_ban"],
                )
            except RuleViolation as exc:
                add_violation(form, exc)
            else:
                messages.success(request, "Đã lập dự thảo báo cáo; số liệu được tính lại mỗi lần xem.")
                return redirect("reports:detail", report.pk)
    return render(request, "reports/create.html", {"form": form})


def _chart_images(content):
    return [
        {"title": spec["title"], "src": "data:image/png;base64," + base64.b64encode(charts.render(spec)).decode()}
        for spec in content.get("charts", [])
    ]


@login_required
def detail(request, pk) -> HttpResponse:
    """The report as a document in the browser, with its actions and, for a draft, the paragraphs to write."""
    scope = scope_for(request.user)
    report = queries.get_report(scope, pk)
    try:
        content = report_content(report)
    except RuleViolation as exc:
        content = None
        messages.error(request, " ".join(exc.messages))
    can_write = scope.covers(report.organization_id, WRITE)
    period = periods.Period(report.period_start, report.period_end)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "content": content,
            "can_write": can_write,
            "table": figures_table(content["figures"]) if content else [],
            "charts": _chart_images(content) if content else [],
            "query": period_query(report.organization, period),
            "editable": can_write and report.status == Status.DRAFT,
            "narrative_form": forms.NarrativeForm(),
            "corrections": queries.corrections(report),
            "narratives": current_narratives(report),
        },
    )


@login_required
def edit(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    report = queries.get_report(scope, pk)
    scope.require(report.organization_id, WRITE)
    initial = {
        "summary": report.summary,
        "document_date": report.document_date,
        "signer_post": report.signer_post,
        "signer_name": report.signer_name,
    }
    form = forms.ReportEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_report(request.user, report, **form.cleaned_data)
        except RuleViolation as exc:
            add_violation(form, exc)
        else:
            messages.success(request, "Đã lưu.")
            return redirect("reports:detail", report.pk)
    return render(request, "reports/edit.html", {"form": form, "report": report, "words": placeholders.WORDS})


@login_required
@require_POST
def narrative(request, pk, slot) -> HttpResponse:
    scope = scope_for(request.user)
    report = queries.get_report(scope, pk)
    form = forms.NarrativeForm(request.POST)
    if form.is_valid():
        try:
            actions.write_narrative(request.user, report, slot, form.cleaned_data["text"])
        except RuleViolation as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Đã lưu nội dung (bản trước vẫn giữ trong lịch sử).")
    return redirect(reverse("reports:detail", args=[report.pk]) + f"#muc-{slot}")


@login_required
def narrative_history(request, pk, slot) -> HttpResponse:
    scope = scope_for(request.user)
    report = queries.get_report(scope, pk)
    return render(
        request,
        "reports/history.html",
        {
            "report": report,
            "slot": slot,
            "versions": queries.narrative_history(report, slot),
        },
    )


LIFECYCLE = {
    "duyet": (actions.approve, "Đã duyệt báo cáo."),
    "tra-lai": (actions.reopen, "Đã trả lại dự thảo để sửa."),
    "ban-hanh": (actions.issue, "Đã ban hành báo cáo."),
    "thay-the": (actions.supersede, "Đã lập dự thảo báo cáo thay thế."),
}


@login_required
@require_POST
def lifecycle(request, pk, step) -> HttpResponse:
    if step not in LIFECYCLE:
        raise Http404("Không có thao tác này.")
    scope = scope_for(request.user)
    report = queries.get_report(scope, pk)
    action, done = LIFECYCLE[step]
    try:
        result = action(request.user, report)
    except RuleViolation as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:detail", report.pk)
    if step == "ban-hanh":
        done = f"Đã ban hành báo cáo số {result.register_entry.label}."
    messages.success(request, done)
    return redirect("reports:detail", result.pk)


def _file_name(report, extension: str) -> str:
    number = report.register_entry.label.replace("/", "-") if report.register_entry_id else "du-thao"
    return f"bao-cao-{report.organization.code}-{report.period_end:%Y%m%d}-{number}.{extension}"


@login_required
def download_docx(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    report = queries.get_report(scope, pk)
    try:
        document = word.render_report(report)
    except RuleViolation as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:detail", report.pk)
    audit.record(
        request.user, ReportsAudit.REPORT_DOWNLOAD, report, organization=report.organization, after={"format": "docx"}
    )
    return download(document, _file_name(report, "docx"), DOCX)


@login_required
def download_pdf(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    report = queries.get_report(scope, pk)
    try:
        document = docx_to_pdf(word.render_report(report))
    except RuleViolation as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:detail", report.pk)
    audit.record(
        request.user, ReportsAudit.REPORT_DOWNLOAD, report, organization=report.organization, after={"format": "pdf"}
    )
    return download(document, _file_name(report, "pdf"), "application/pdf")
