"""Pages of the Excel import and export of members: upload, progress, result and error copy, template, export.

Thin: the work is in `members.excel`. Importing needs WRITE somewhere (403 otherwise) and touches only the
cells the user may write in; exporting needs READ and takes the member list's own filters.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangvu.accounts.scope import READ, WRITE, require_capability, scope_for
from dangvu.core.text import number
from dangvu.core.web import UploadField, attachment

from . import queries
from .excel import jobs
from .excel.workbooks import error_workbook, export_workbook, template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_PROBLEMS = 500


class ImportForm(forms.Form):
    file = UploadField(
        label="Tệp Excel (.xlsx) hoặc CSV (.csv)",
        max_mb=60,  # the reader explains other files
        error_messages={"required": "Hãy chọn tệp Excel cần nhập.", "empty": "Tệp đã chọn rỗng (0 byte)."},
    )
    dry_run = forms.BooleanField(label="Chỉ kiểm tra, chưa ghi (xem trước kết quả)", required=False, initial=True)


def _writer_scope(request):
    return require_capability(scope_for(request.user), WRITE, "nhập hồ sơ đảng viên")


def _attachment(content: bytes, filename: str) -> HttpResponse:
    return attachment(content, filename, XLSX)


@login_required
def import_page(request) -> HttpResponse:
    _writer_scope(request)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        job = jobs.start(request.user, form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"])
        return redirect("members_excel_job", job.id)
    return render(request, "members/excel/import.html", {"form": form}, status=400 if form.errors else 200)


# The pages of the members' import runs (the organization tree's have their own names).
URLS = {
    "import": "members_excel_import",
    "progress": "members_excel_progress",
    "confirm": "members_excel_confirm",
    "error_file": "members_excel_error_file",
}


def _job_context(job, urls: dict = URLS) -> dict:
    result = job.import_result()
    context = {"job": job, "result": result, "urls": urls}
    if result is not None:
        context["problems"] = result.problems[:SHOWN_PROBLEMS]
        hidden = len(result.problems) - SHOWN_PROBLEMS
        context["more_problems"] = number(hidden) if hidden > 0 else ""
        # Vietnamese grouping ("1.050"), which the humanize filters do not give.
        context["n"] = {name: number(getattr(result, name)) for name in ("rows", "created", "updated", "unchanged")}
        context["n"]["problems"] = number(len(result.problems))
    return context


@login_required
def job_page(request, job_id) -> HttpResponse:
    _writer_scope(request)
    job = jobs.get(request.user, job_id)
    return render(request, "members/excel/job.html", _job_context(job))


@login_required
def job_progress(request, job_id) -> HttpResponse:
    """The progress box the job page polls (htmx); once the run is over, the page reloads itself."""
    _writer_scope(request)
    return progress_response(request, jobs.get(request.user, job_id), URLS)


def progress_response(request, job, urls: dict) -> HttpResponse:
    response = render(request, "members/excel/_progress.html", {"job": job, "urls": urls})
    if job.finished_running:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def job_confirm(request, job_id) -> HttpResponse:
    """Import for real the file whose dry run found no error."""
    _writer_scope(request)
    return confirm_response(request, jobs.get(request.user, job_id), "members_excel_job")


def confirm_response(request, job, job_page: str) -> HttpResponse:
    """Run again for real the file of a dry run that found no error, and go to the new run's page (403 for a
    run that was not a dry run or had errors)."""
    result = job.import_result()
    if result is None or not result.dry_run or not result.ok:
        raise PermissionDenied("Chỉ ghi được tệp đã kiểm tra thử và không có lỗi.")
    return redirect(job_page, jobs.restart(request.user, job, dry_run=False).id)


@login_required
def job_error_file(request, job_id) -> HttpResponse:
    """Tệp báo lỗi: the user's file with an error column."""
    _writer_scope(request)
    return error_file_response(jobs.get(request.user, job_id))


def error_file_response(job) -> HttpResponse:
    """The run's error copy as a download, or 403 when the run has no row errors."""
    result = job.import_result()
    if result is None or not result.problems:
        raise PermissionDenied("Lượt nhập này không có lỗi theo dòng để tải về.")
    content = error_workbook(job.upload_path, result.sheet, result.header_row, result.problems)
    stem = job.filename.rsplit(".", 1)[0].encode("ascii", "ignore").decode() or "tep"
    return _attachment(content, f"loi-{stem}.xlsx")


@login_required
def template_download(request) -> HttpResponse:
    scope = _writer_scope(request)
    content = template_workbook(queries.cells_for_writing(scope, WRITE).order_by("code"))
    return _attachment(content, "mau-nhap-dang-vien.xlsx")


@login_required
def export(request) -> HttpResponse:
    """The member list, with the list page's filters, as .xlsx (audited)."""
    scope = require_capability(scope_for(request.user), READ, "xuất danh sách đảng viên")
    flt = queries.MemberFilter.from_params(scope, request.GET)
    members = queries.member_list(scope, flt)
    filters = {key: value for key, value in request.GET.items() if value}
    description = ", ".join(f"{k}={v}" for k, v in filters.items())
    content = export_workbook(request.user, members, description=description, filters=filters)
    return _attachment(content, f"dang-vien-{timezone.localdate():%Y%m%d}.xlsx")
