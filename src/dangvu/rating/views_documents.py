"""The rating's documents for download: the member's form, the organization's report, the decision (Word),
and the rating book (Excel). Every download of personal data is recorded in the audit trail."""

import base64
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.core import audit
from dangvu.members.excel.reader import ImportFileError

from . import documents, excel, queries
from .views import _deciding

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, kind: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def member_form(request, pk):
    scope = scope_for(request.user)
    rating = queries.get_member_rating(scope, pk)
    content = documents.member_form(rating)
    audit.record(request.user, "rating.export.member_form", rating, organization=rating.cell,
                 object_label=f"Bản kiểm điểm {rating}")
    return _download(content, DOCX, f"ban-kiem-diem-{rating.round.year}-{rating.member_id}.docx")


@login_required
def organization_report(request, pk):
    scope = scope_for(request.user)
    rating = queries.get_organization_rating(scope, pk)
    return _download(documents.organization_report(rating), DOCX,
                     f"bao-cao-kiem-diem-{rating.round.year}-{rating.organization.code}.docx")


@login_required
def decision(request, pk, deciding_id):
    scope = scope_for(request.user)
    round_ = queries.get_round(scope, pk)
    deciding = _deciding(scope, round_, deciding_id)
    content = documents.decision(round_, deciding, scope)
    audit.record(request.user, "rating.export.decision", round_, organization=deciding,
                 object_label=f"Quyết định xếp loại năm {round_.year}: {deciding.name}")
    return _download(content, DOCX, f"quyet-dinh-xep-loai-{round_.year}-{deciding.code}.docx")


@login_required
def book(request, pk):
    scope = scope_for(request.user)
    round_ = queries.get_round(scope, pk)
    content = excel.book(scope, round_)
    audit.record(request.user, "rating.export.book", round_, organization=round_.organization,
                 object_label=f"Sổ xếp loại {round_}")
    return _download(content, XLSX, f"so-xep-loai-{round_.year}.xlsx")


@login_required
def import_results(request, pk):
    """Nhập kết quả xếp loại from the book: all or nothing; with errors, the page lists them and offers the
    user's file back with an error column."""
    scope = scope_for(request.user)
    round_ = queries.get_round(scope, pk)
    require_capability(scope, WRITE, "nhập kết quả xếp loại")
    context = {"round": round_}
    upload = request.FILES.get("file") if request.method == "POST" else None
    if request.method == "POST" and upload is None:
        context["error"] = "Chưa chọn tệp để nhập."
    elif upload is not None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "upload.xlsx"  # openpyxl reads by the name's ending
            with open(path, "wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                outcome = excel.import_results(scope, round_, path, upload.name)
            except ImportFileError as error:
                context["error"] = error.message
            else:
                if outcome.problems is None:
                    messages.success(request, f"Đã nhập kết quả của {outcome.written} đảng viên.")
                    return redirect("rating_round", pk=round_.pk)
                context["problems"] = outcome.problems[:200]
                context["problem_count"] = len(outcome.problems)
                context["error_file"] = base64.b64encode(outcome.error_file).decode()
    return render(request, "rating/import.html", context)
