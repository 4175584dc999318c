"""Pages of the organization tree's Excel import and export: upload, progress, result and error copy,
template, export. Thin: the work is in `tree_excel` and the member import's runs (`members.excel.jobs`)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangvu.accounts.scope import READ, WRITE, require_capability, scope_for
from dangvu.members.excel import jobs
from dangvu.members.views_excel import (
    ImportForm,
    _attachment,
    _job_context,
    confirm_response,
    error_file_response,
    progress_response,
)
from dangvu.organizations import queries as org_queries

from .tree_workbooks import export_workbook, template_workbook

KIND = "tree"
URLS = {
    "import": "tree_excel_import",
    "progress": "tree_excel_progress",
    "confirm": "tree_excel_confirm",
    "error_file": "tree_excel_error_file",
}


def _writer_scope(request):
    return require_capability(scope_for(request.user), WRITE, "nhập cây tổ chức")


@login_required
def import_page(request) -> HttpResponse:
    _writer_scope(request)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    form.fields["file"].label = "Tệp Excel (.xlsx)"
    if form.is_bound and form.is_valid():
        job = jobs.start(request.user, form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"], kind=KIND)
        return redirect("tree_excel_job", job.id)
    return render(request, "staff/tree_import.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def job_page(request, job_id) -> HttpResponse:
    _writer_scope(request)
    return render(request, "staff/tree_job.html", _job_context(jobs.get(request.user, job_id, KIND), URLS))


@login_required
def job_progress(request, job_id) -> HttpResponse:
    _writer_scope(request)
    return progress_response(request, jobs.get(request.user, job_id, KIND), URLS)


@login_required
@require_POST
def job_confirm(request, job_id) -> HttpResponse:
    _writer_scope(request)
    return confirm_response(request, jobs.get(request.user, job_id, KIND), "tree_excel_job")


@login_required
def job_error_file(request, job_id) -> HttpResponse:
    _writer_scope(request)
    return error_file_response(jobs.get(request.user, job_id, KIND))


@login_required
def template_download(request) -> HttpResponse:
    scope = _writer_scope(request)
    existing = org_queries.visible_organizations(scope, WRITE).filter(dissolved_on__isnull=True).order_by("code")
    return _attachment(template_workbook(existing), "mau-nhap-cay-to-chuc.xlsx")


@login_required
def export(request) -> HttpResponse:
    scope = require_capability(scope_for(request.user), READ, "xuất cây tổ chức")
    content = export_workbook(request.user, org_queries.visible_organizations(scope))
    return _attachment(content, f"cay-to-chuc-{timezone.localdate():%Y%m%d}.xlsx")
