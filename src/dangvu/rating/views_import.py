"""Pages of the rating book's import (nhập kết quả xếp loại): upload, progress, result, confirmation of a dry
run and the error copy. Thin: the runs are the member import's (`members.excel.jobs`, kind "rating", which
`apps.py` registers), the reading and judging `excel.import_results`. A run belongs to the user who uploaded it
and to its round, which must stay within the user's scope."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.members import views_excel as runs
from dangvu.members.excel import jobs

from . import queries

KIND = "rating"
URLS = {
    "import": "rating_import",
    "progress": "rating_import_progress",
    "confirm": "rating_import_confirm",
    "error_file": "rating_import_error_file",
}
WHAT = "nhập kết quả xếp loại"


@login_required
def import_page(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    round_ = queries.get_round(scope, pk)
    require_capability(scope, WRITE, WHAT)
    form = runs.ImportForm(request.POST, request.FILES) if request.method == "POST" else runs.ImportForm()
    form.fields["file"].label = "Tệp Excel (.xlsx)"
    if form.is_bound and form.is_valid():
        job = jobs.start(
            request.user,
            form.cleaned_data["file"],
            dry_run=form.cleaned_data["dry_run"],
            kind=KIND,
            params={"round_id": round_.pk},
        )
        return redirect("rating_import_job", job.id)
    return render(request, "rating/import.html", {"form": form, "round": round_}, status=400 if form.errors else 200)


def _run(request, job_id):
    """The user's run of a rating import and its round (404 when the round is no longer in the scope)."""
    scope = scope_for(request.user)
    require_capability(scope, WRITE, WHAT)
    job = jobs.get(request.user, job_id, KIND)
    return job, queries.get_round(scope, job.params.get("round_id"))


@login_required
def job_page(request, job_id) -> HttpResponse:
    job, round_ = _run(request, job_id)
    return render(request, "rating/import_job.html", {**runs._job_context(job, URLS), "round": round_})


@login_required
def job_progress(request, job_id) -> HttpResponse:
    job, _round = _run(request, job_id)
    return runs.progress_response(request, job, URLS)


@login_required
@require_POST
def job_confirm(request, job_id) -> HttpResponse:
    """Import for real the book whose dry run found no error."""
    job, _round = _run(request, job_id)
    return runs.confirm_response(request, job, "rating_import_job")


@login_required
def job_error_file(request, job_id) -> HttpResponse:
    job, _round = _run(request, job_id)
    return runs.error_file_response(job)
