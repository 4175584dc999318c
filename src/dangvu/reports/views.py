"""Pages of the reports: indicators and the records behind them, reports (draft, approved, issued) with their
Word, PDF and HTML forms, consolidation upward, report kinds and templates, the document register."""

import base64
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.web import add_violation, paginate, query_without_page
from dangvu.organizations.queries import get_organization, name_on

from . import actions, charts, forms, kinds, periods, placeholders, queries, register, word
from .content import content as report_content
from .content import current_narratives
from .content import table as figures_table
from .indicators import GROUPS, REGISTRY
from .indicators.base import name_rows
from .models import ReportKind, SectionTemplate, Status
from .pdf import docx_to_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _period_query(org, period) -> str:
    return urlencode({"to_chuc": org.code, "tu": period.start.isoformat(), "den": period.end.isoformat()})


def _read_period(request, scope, form):
    """The organization and period of a PeriodForm (None, None while the form is not filled or has errors)."""
    if not form.is_bound or not form.is_valid():
        return None, None
    org = get_organization(scope, form.cleaned_data["to_chuc"])
    period = form.cleaned_data.get("period")
    if form.cleaned_data.get("ky") == "term":
        try:
            period = periods.congress_term(org, form.cleaned_data.get("den") or timezone.localdate())
        except RuleViolation as exc:
            add_violation(form, exc)
            return org, None
    return org, period


def _download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Home and indicators ------------------------------------------------------------------------------------------


@login_required
def home(request):
    scope = scope_for(request.user)
    status = request.GET.get("trang_thai", "")
    rows = paginate(request, queries.reports(scope, status=status if status in Status.values else ""))
    return render(request, "reports/home.html", {
        "page": rows, "statuses": Status.choices, "status": status, "query": query_without_page(request),
        "can_write": scope.can(WRITE),
    })


@login_required
def indicators(request):
    """Every indicator with its definition; with an organization and a period, their values beside the previous
    period and the same period a year earlier, each figure linking to the records behind it."""
    scope = scope_for(request.user)
    form = forms.PeriodForm(request.GET or None)
    org, period = _read_period(request, scope, form)
    rows = []
    if org is not None and period is not None:
        found = queries.indicator_figures(scope, org, period)
        rows = [found[key] for key in REGISTRY]
    return render(request, "reports/indicators.html", {
        "form": form, "org": org, "period": period, "rows": rows,
        "groups": [(g, [i for i in REGISTRY.values() if i.group == g]) for g in GROUPS],
        "query": _period_query(org, period) if org and period else "",
        "org_name": name_on(org, period.end).name if org and period else "",
    })


@login_required
def indicator_records(request, key):
    scope = scope_for(request.user)
    form = forms.PeriodForm(request.GET or None)
    org, period = _read_period(request, scope, form)
    if org is None or period is None:
        raise Http404("Thiếu tổ chức hoặc kỳ báo cáo.")
    found = queries.indicator_records(scope, org, key, period)
    page = paginate(request, found.rows, 100)
    return render(request, "reports/records.html", {
        "found": found, "page": page, "rows": name_rows([found.indicator.to_row(r) for r in page], period.end),
        "query": query_without_page(request), "org_name": name_on(org, period.end).name,
        "back": _period_query(org, period),
    })


@login_required
def consolidation(request):
    scope = scope_for(request.user)
    form = forms.PeriodForm(request.GET or None)
    org, period = _read_period(request, scope, form)
    result = queries.consolidation(scope, org, period) if org and period else None
    return render(request, "reports/consolidation.html", {
        "form": form, "result": result, "query": _period_query(org, period) if org and period else "",
        "org_name": name_on(org, period.end).name if org and period else "",
    })


# Reports ------------------------------------------------------------------------------------------------------


@login_required
def create(request):
    scope = scope_for(request.user)
    if not scope.can(WRITE):
        raise PermissionDenied("Bạn không có quyền lập báo cáo.")
    kinds.ensure_defaults()
    form = forms.ReportCreateForm(request.POST or None, initial={"nam": timezone.localdate().year})
    if request.method == "POST":
        org, period = _read_period(request, scope, form)
        if org is not None and period is not None:
            try:
                report = actions.create_report(
                    request.user, organization=org, kind=form.cleaned_data["loai"], period=period,
                    document_date=form.cleaned_data["ngay_van_ban"],
                )
            except RuleViolation as exc:
                add_violation(form, exc)
            else:
                messages.success(request, "Đã lập dự thảo báo cáo; số liệu được tính lại mỗi lần xem.")
                return redirect("reports:detail", report.pk)
    return render(request, "reports/create.html", {"form": form})


def _chart_images(content):
    return [{"title": spec["title"], "src": "data:image/png;base64," + base64.b64encode(charts.render(spec)).decode()}
            for spec in content.get("charts", [])]


@login_required
def detail(request, pk):
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
    return render(request, "reports/detail.html", {
        "report": report, "content": content, "can_write": can_write,
        "table": figures_table(content["figures"]) if content else [],
        "charts": _chart_images(content) if content else [],
        "query": _period_query(report.organization, period),
        "editable": can_write and report.status == Status.DRAFT,
        "narrative_form": forms.NarrativeForm(),
        "corrections": queries.corrections(report),
        "narratives": current_narratives(report),
    })


@login_required
def edit(request, pk):
    scope = scope_for(request.user)
    report = queries.get_report(scope, pk)
    scope.require(report.organization_id, WRITE)
    initial = {"summary": report.summary, "document_date": report.document_date, "signer_post": report.signer_post,
               "signer_name": report.signer_name}
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
def narrative(request, pk, slot):
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
def narrative_history(request, pk, slot):
    scope = scope_for(request.user)
    report = queries.get_report(scope, pk)
    return render(request, "reports/history.html", {
        "report": report, "slot": slot, "versions": queries.narrative_history(report, slot),
    })


LIFECYCLE = {
    "duyet": (actions.approve, "Đã duyệt báo cáo."),
    "tra-lai": (actions.reopen, "Đã trả lại dự thảo để sửa."),
    "ban-hanh": (actions.issue, "Đã ban hành báo cáo."),
    "thay-the": (actions.supersede, "Đã lập dự thảo báo cáo thay thế."),
}


@login_required
@require_POST
def lifecycle(request, pk, step):
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
def download_docx(request, pk):
    scope = scope_for(request.user)
    report = queries.get_report(scope, pk)
    try:
        document = word.render_report(report)
    except RuleViolation as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:detail", report.pk)
    audit.record(request.user, "report.download", report, organization=report.organization,
                 after={"format": "docx"})
    return _download(document, _file_name(report, "docx"), DOCX)


@login_required
def download_pdf(request, pk):
    scope = scope_for(request.user)
    report = queries.get_report(scope, pk)
    try:
        document = docx_to_pdf(word.render_report(report))
    except RuleViolation as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:detail", report.pk)
    audit.record(request.user, "report.download", report, organization=report.organization,
                 after={"format": "pdf"})
    return _download(document, _file_name(report, "pdf"), "application/pdf")


# Kinds and templates ------------------------------------------------------------------------------------------


@login_required
def kind_list(request):
    kinds.ensure_defaults()
    scope = scope_for(request.user)
    return render(request, "reports/kinds.html", {
        "kinds": ReportKind.objects.prefetch_related("sections", "document_templates"),
        "is_admin": scope.is_admin, "variables": word.VARIABLES, "words": placeholders.WORDS,
        "indicators": REGISTRY.values(),
    })


def _kind(code: str) -> ReportKind:
    kinds.ensure_defaults()
    return get_object_or_404(ReportKind, code=code)


def _admin_only(request):
    if not scope_for(request.user).is_admin:
        raise PermissionDenied("Chỉ quản trị hệ thống được sửa mẫu báo cáo.")


@login_required
def kind_edit(request, code):
    _admin_only(request)
    kind = _kind(code)
    form = forms.KindForm(request.POST or None, initial={"name": kind.name, "summary_template": kind.summary_template})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_kind(request.user, kind, **form.cleaned_data)
        except RuleViolation as exc:
            add_violation(form, exc)
        else:
            messages.success(request, "Đã lưu loại báo cáo.")
            return redirect("reports:kinds")
    return render(request, "reports/form.html", {"form": form, "title": f"Sửa {kind.name}",
                                                 "words": placeholders.WORDS})


@login_required
def section_edit(request, code, section_id):
    _admin_only(request)
    section = get_object_or_404(SectionTemplate, pk=section_id, kind=_kind(code))
    form = forms.SectionForm(request.POST or None, initial={"heading": section.heading, "text": section.text})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_section(request.user, section, **form.cleaned_data)
        except RuleViolation as exc:
            add_violation(form, exc)
        else:
            messages.success(request, "Đã lưu câu mẫu.")
            return redirect("reports:kinds")
    return render(request, "reports/form.html", {"form": form, "title": f"Sửa mục “{section.heading}”",
                                                 "words": placeholders.WORDS, "indicators": REGISTRY.values()})


@login_required
def template_download(request, code):
    kind = _kind(code)
    content, uploaded = word.current_template(kind)
    return _download(content, uploaded.file_name if uploaded else f"mau-{kind.code}.docx", DOCX)


@login_required
def template_upload(request, code):
    _admin_only(request)
    kind = _kind(code)
    form = forms.TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            actions.upload_template(request.user, kind, upload.read(), upload.name)
        except RuleViolation as exc:
            add_violation(form, exc)
        else:
            messages.success(request, f"Đã dùng mẫu mới cho {kind.name}.")
            return redirect("reports:kinds")
    return render(request, "reports/form.html", {"form": form, "title": f"Tải lên mẫu Word cho {kind.name}",
                                                 "multipart": True, "variables": word.VARIABLES})


# The register -------------------------------------------------------------------------------------------------


@login_required
def register_page(request):
    scope = scope_for(request.user)
    code = request.GET.get("to_chuc") or request.POST.get("to_chuc") or ""
    org = get_organization(scope, code) if code else None
    form = forms.RegisterContinueForm(request.POST or None)
    if request.method == "POST" and org is not None:
        scope.require(org.pk, WRITE)
        if form.is_valid():
            try:
                register.continue_from(request.user, org, **form.cleaned_data)
            except RuleViolation as exc:
                add_violation(form, exc)
            else:
                messages.success(request, "Đã ghi số cuối cùng đã cấp; văn bản tiếp theo nhận số kế tiếp.")
                return redirect(f"{request.path}?to_chuc={org.code}")
    page = paginate(request, register.entries(scope, org), 100) if org else None
    return render(request, "reports/register.html", {
        "org": org, "page": page, "form": form, "query": query_without_page(request),
        "can_write": org is not None and scope.covers(org.pk, WRITE),
    })

