"""Benchmark of Party dues (not a test): a province's month computed and all its cells' collection sheets
produced (target: 100,000 members in < 30 s), and its dues figures (< 0.5 s on PostgreSQL).

    uv run dangvu generate_scale --members 100000 --provinces 1     # once, into an empty PostgreSQL database
    DATABASE_URL=postgres://…/dangvu_scale uv run python bench/dues.py [--runs 3] [--month 2026-02]

Bases are written once for the province's members (a salary for two thirds, a pension or a fixed amount for
the rest) when it has none; the month is then computed, nine cells in ten marked paid, and every cell's sheet
read (one grouped query); the Excel and Word files of the largest cell are timed apart, as a user asks for them
one cell at a time. Then the batch writes of lines that already exist, each in a transaction rolled back at its
end so that every run starts alike: the month computed again after every basis changed (every line corrected),
the quick entry of every cell's sheet ("ghi thu" of the whole cell), the portal's file of every line of the
month reconciled and written, and the bases of every member imported from Excel (with their lines recomputed).
Prints the median of the runs of each step.
"""

import argparse
import io
import os
import random
import sys
from collections.abc import Callable
from datetime import date

from harness import timed

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.db.models import F  # noqa: E402

from dangvu.dues import actions, compute, documents, queries, rules  # noqa: E402
from dangvu.dues.demo import SystemScope  # noqa: E402
from dangvu.dues.models import Basis, BasisKind, Line  # noqa: E402
from dangvu.members.models import Member  # noqa: E402
from dangvu.organizations.models import Kind, Organization  # noqa: E402
from dangvu.reports.indicators import REGISTRY  # noqa: E402
from dangvu.reports.indicators.base import computing  # noqa: E402
from dangvu.reports.periods import Period  # noqa: E402

TARGETS = {"month + sheets": 30.0, "one cell's xlsx + docx": 2.0, "figures": 0.5}


class _RolledBack(Exception):
    pass


def rolled_back(function) -> Callable:
    """`function` run in a transaction undone at its end (its answer kept): each run of a step starts alike."""

    def run():
        answer = []
        try:
            with transaction.atomic():
                answer.append(function())
                raise _RolledBack
        except _RolledBack:
            return answer[0]

    return run


def _upload(name: str, rows: list[list]):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _month_lines(province: Organization, month: date):
    return Line.objects.filter(month=month, organization_id__in=compute.subtree_cells(province.pk, month))


def recompute_changed(scope, province: Organization, month: date) -> int:
    """Every basis of the month raised by 10.000 đ, then the month computed again: every line corrected."""
    Basis.objects.filter(member_id__in=compute.subtree_members(province.pk, month)).update(amount=F("amount") + 10_000)
    return actions.compute_month(scope, province, month)["changed"]


def quick_entry(scope, province: Organization, month: date) -> int:
    """Every cell's sheet entered as paid in full on the quick-entry form (one action per cell)."""
    by_cell: dict[int, list] = {}
    for member_id, cell_id, due in _month_lines(province, month).values_list("member_id", "organization_id", "due"):
        by_cell.setdefault(cell_id, []).append(actions.PaymentEntry(member_id, due + 1_000, rules.month_end(month)))
    cells = Organization.objects.in_bulk(list(by_cell))
    return sum(actions.record_payments(scope, cells[pk], month, entries) for pk, entries in by_cell.items())


def portal_file(scope, province: Organization, month: date) -> int:
    """The portal's file of every line of the month (each paid by transfer), reconciled and written."""
    from dangvu.dues import imports

    rows = [["Số CCCD", "Kỳ đóng", "Số tiền", "Ngày nộp", "Mã giao dịch"]]
    for i, (citizen_id, due) in enumerate(
        _month_lines(province, month).values_list("member__person__citizen_id", "due")
    ):
        rows.append([citizen_id, f"{month:%m/%Y}", due, rules.month_end(month).strftime("%d/%m/%Y"), f"GD{i}"])
    found = imports.reconcile(scope, _upload("cong-dvc.xlsx", rows))
    return imports.apply_portal(scope, found, filename="cong-dvc.xlsx", today=date.today())


def bases_file(scope, province: Organization, month: date) -> int:
    """Every member's basis from the month imported from Excel (a new salary), the month's lines recomputed."""
    from dangvu.dues import imports

    rows = [["Số CCCD", "Đối tượng", "Số tiền", "Từ tháng"]]
    members = Member.objects.filter(pk__in=compute.subtree_members(province.pk, month))
    for i, citizen_id in enumerate(members.values_list("person__citizen_id", flat=True)):
        rows.append([citizen_id, "Lương", 5_000_000 + i % 90 * 100_000, f"{month:%m/%Y}"])
    return imports.import_bases(scope, _upload("can-cu.xlsx", rows))


def ensure_bases(province: Organization, month: date) -> int:
    members = Member.objects.filter(pk__in=compute.subtree_members(province.pk, month)).values_list("pk", flat=True)
    if Basis.objects.filter(member_id__in=members).exists():
        return 0
    rng = random.Random(19)
    rows = []
    for pk in members.iterator():
        draw = rng.random()
        kind, amount = (
            (BasisKind.INSURED_SALARY, rng.randrange(4_680_000, 15_000_000, 10_000))
            if draw < 0.66
            else (BasisKind.PENSION, rng.randrange(3_500_000, 9_000_000, 10_000))
            if draw < 0.85
            else (BasisKind.OTHER, rng.choice((5_000, 10_000, 20_000)))
        )
        rows.append(Basis(member_id=pk, kind=kind, amount=amount, valid_from=rules.add_months(month, -1)))
    Basis.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def month_and_sheets(scope, province: Organization, month: date) -> int:
    with transaction.atomic():
        Line.objects.filter(month=month, organization_id__in=compute.subtree_cells(province.pk, month)).delete()
        actions.compute_month(scope, province, month)
        cells = Organization.objects.filter(
            pk__in=compute.subtree_cells(province.pk, month), kind__in=(Kind.CELL, Kind.GRASSROOTS_CELL)
        )
        actions.mark_paid_in_full(
            scope,
            province,
            month,
            paid_on=rules.month_end(month),
            cell_ids=[c.pk for c in cells[: int(cells.count() * 0.9)]],
        )
        return len(queries.sheets_of(scope, province, month))


def one_sheet_files(scope, province: Organization, month: date) -> str:
    """The Excel and Word files of the largest cell's sheet (produced on demand, one cell at a time)."""
    sheet = max(queries.sheets_of(scope, province, month), key=lambda s: len(s.lines))
    documents.sheet_xlsx(None, sheet)
    documents.sheet_docx(None, sheet)
    return f"{sheet.cell.name} ({len(sheet.lines)} dòng)"


def figures(province: Organization, month: date) -> dict:
    period = Period(month, rules.month_end(month))
    with computing():
        return {
            key: REGISTRY[key].compute(province, period)
            for key in ("dues.collected", "dues.up_to_date_share", "dues.members_owing")
        }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--month", default="2026-02")
    parser.add_argument("--org", default="", help="Mã tổ chức (mặc định: tỉnh đông đảng viên nhất)")
    options = parser.parse_args()
    month = rules.parse_month(options.month)
    province = (
        Organization.objects.get(code=options.org)
        if options.org
        else max(
            Organization.objects.filter(kind=Kind.PROVINCE),
            default=None,
            key=lambda o: Member.objects.filter(province=o).count(),
        )
    )
    if province is None:
        print("Chưa có dữ liệu: chạy `dangvu generate_scale` hoặc `dangvu load_demo` trước.")
        return 1
    scope = SystemScope(user=None)
    written = ensure_bases(province, month)
    members = compute.subtree_members(province.pk, month).count()
    print(f"{province.name}: {members} đảng viên tháng {month:%m/%Y} ({written} căn cứ vừa ghi)")
    results = {}
    results["month + sheets"], sheets = timed(lambda: month_and_sheets(scope, province, month), options.runs)
    results["one cell's xlsx + docx"], largest = timed(lambda: one_sheet_files(scope, province, month), 1)
    results["figures"], found = timed(lambda: figures(province, month), max(options.runs, 5))
    print(f"  {sheets} sổ thu; sổ lớn nhất {largest}; chỉ tiêu: {found}")
    for name, step in (
        ("recompute, lines changed", recompute_changed),
        ("quick entry, every cell", quick_entry),
        ("portal file, every line", portal_file),
        ("bases file, every member", bases_file),
    ):
        results[name], count = timed(rolled_back(lambda step=step: step(scope, province, month)), options.runs)
        print(f"  {name}: {count} dòng")
    missed = []
    for name, seconds in results.items():
        target = TARGETS.get(name)
        if target is None:
            print(f"  {name:26} {seconds:8.2f} s")
            continue
        mark = "đạt" if seconds <= target else "CHƯA ĐẠT"
        print(f"  {name:26} {seconds:8.2f} s  (mục tiêu < {target} s: {mark})")
        if seconds > target:
            missed.append(name)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
