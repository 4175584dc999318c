"""Import pages: the bases of many members from Excel, and the reconciliation of the portal's payment file."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.members.excel.reader import ImportFileError

from . import forms, imports
from .models import BasisKind


def _require_write(scope) -> None:
    require_capability(scope, WRITE, "ghi đảng phí")


@login_required
def import_bases(request) -> HttpResponse:
    scope = scope_for(request.user)
    _require_write(scope)
    form = forms.BasesImportForm(request.POST or None, request.FILES or None)
    report: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            count = imports.import_bases(scope, form.cleaned_data["file"])
        except ImportFileError as problem:
            report = [problem.message]
        except RuleViolation as violation:
            report = violation.messages
        else:
            messages.success(request, f"Đã nhập {count} căn cứ đóng đảng phí.")
            return redirect(reverse("dues_import_bases"))
        messages.error(request, f"Không nhập được: {len(report)} lỗi. Không có dòng nào được ghi.")
    return render(
        request,
        "dues/import_bases.html",
        {
            "form": form,
            "report": report,
            "columns": [names[0] for names in imports.BASIS_COLUMNS.values()],
            "kinds": BasisKind.choices,
        },
    )


@login_required
def bases_template(request) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Căn cứ đảng phí"
    book.active.append([names[0] for names in imports.BASIS_COLUMNS.values()])
    book.active.append(["035080000001", "Nguyễn Văn An", BasisKind.INSURED_SALARY.label, 5200000, "02/2026", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-can-cu-dang-phi.xlsx"'
    return response


@login_required
def import_portal(request) -> HttpResponse:
    scope = scope_for(request.user)
    _require_write(scope)
    form = forms.PortalImportForm(
        request.POST or None, request.FILES or None, columns=imports.portal_columns(), labels=imports.PORTAL_LABELS
    )
    rows, problems, written = [], [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = imports.reconcile(scope, upload, form.columns())
            if form.cleaned_data["apply"]:
                written = imports.apply_portal(scope, rows, filename=upload.name)
                messages.success(request, f"Đã ghi {written} dòng nộp qua Cổng Dịch vụ công.")
        except ImportFileError as problem:
            problems = [problem.message]
        except RuleViolation as violation:
            problems = violation.messages
    counts = {label: sum(1 for r in rows if r.status == key) for key, label in imports.STATUS_LABELS.items()}
    return render(
        request,
        "dues/import_portal.html",
        {"form": form, "rows": rows, "problems": problems, "counts": counts, "written": written},
    )
