"""The rating book as Excel (sổ xếp loại) and its import back (nhập kết quả xếp loại): one sheet of members
whose columns the import reads, so an office exports the book, fills in a cell's or a committee's results and
imports it. The file checks (.xls, not a workbook, merged cells), the import runs (in the background for a
large book, with their progress, dry run and confirmation) and the error copy are the member import's
(`dangvu.members.excel`); the rows are judged and written by `bulk.judge_results` and `bulk.write_results`,
all or nothing, in one transaction.
"""

import io
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dangvu.accounts.scope import scope_for
from dangvu.core.text import fold, short_date
from dangvu.members.bulk import BatchViolation
from dangvu.members.excel.cells import CellError, _integer, read_date, read_text, shown
from dangvu.members.excel.importer import ImportResult, Problem, Progress, _quiet
from dangvu.members.excel.reader import ImportFileError, _load, first_filled, merged_ranges

from . import figures
from .bulk import Change, Result, judge_results, write_results
from .models import GRADE_ORDER, MemberStatus, Round, Step
from .rules import YearRules

SHEET = "Đảng viên"


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # a field of `bulk.Result`, or "" for a column only shown
    kind: str = "text"


COLUMNS = [
    Column("Mã phiếu", "rating_id", "integer"),
    Column("Họ và tên", ""),
    Column("Ngày sinh", ""),
    Column("Chi bộ", ""),
    Column("Diện", ""),
    Column("Mẫu", "form"),
    Column("Ngày tự kiểm điểm", "self_on", "date"),
    Column("Tự xếp loại", "self_grade", "grade"),
    Column("Điểm", "score", "integer"),
    Column("Ngày chi bộ họp", "meeting_on", "date"),
    Column("Chi bộ đề xuất", "proposed_grade", "grade"),
    Column("Dự họp", "present", "integer"),
    Column("Tán thành", "votes_for", "integer"),
    Column("Xếp loại", "final_grade", "grade"),
    Column("Số quyết định", "decision_number"),
    Column("Ngày quyết định", "decision_on", "date"),
]
BY_HEADER = {fold(c.header): c for c in COLUMNS}


def book(scope, round_: Round) -> bytes:
    """The rating book of the round within the scope: members (importable), organizations, the totals."""
    from . import queries

    year_rules = YearRules(round_.year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([c.header for c in COLUMNS])
    # Names sort the book; ids break ties (cells named alike, namesakes), so each export lists the rows alike.
    for r in queries.member_ratings(scope, round_).order_by(
        "cell__sort_key", "cell_id", "member__sort_key", "member_id"
    ):
        sheet.append(
            [
                r.pk,
                r.member.person.full_name,
                short_date(r.member.person.birth_date),
                r.cell.name,
                r.get_status_display() if r.status != MemberStatus.LISTED else "",
                r.form,
                short_date(r.self_on),
                year_rules.grade_label(r.self_grade),
                r.score,
                short_date(r.meeting_on),
                year_rules.grade_label(r.proposed_grade),
                r.present,
                r.votes_for,
                year_rules.grade_label(r.final_grade),
                r.decision_number,
                short_date(r.decision_on),
            ]
        )
    organizations = workbook.create_sheet("Tổ chức đảng")
    organizations.append(
        [
            "STT",
            "Mã tổ chức",
            "Tổ chức đảng",
            "Cấp quyết định",
            "Tự xếp loại",
            "Xếp loại",
            "Số quyết định",
            "Ngày quyết định",
        ]
    )
    for i, r in enumerate(queries.organization_ratings(scope, round_), 1):
        organizations.append(
            [
                i,
                r.organization.code,
                r.organization.name,
                r.deciding.name,
                year_rules.grade_label(r.self_grade, True),
                year_rules.grade_label(r.final_grade, True),
                r.decision_number,
                short_date(r.decision_on),
            ]
        )
    totals = workbook.create_sheet("Tổng hợp")
    totals.append(
        ["Tổ chức", "Đối tượng", *[label for _, label in year_rules.grade_choices()], "Chưa quyết định", "Cần rà soát"]
    )
    for row in queries.consolidation(scope, round_):
        for subject, words in figures.SUBJECTS.items():
            tally = row["tallies"][subject]
            totals.append(
                [
                    row["organization"].name,
                    words,
                    *[tally.count(g) for g, _ in year_rules.grade_choices()],
                    tally.undecided,
                    "; ".join(row["flags"]) if subject == "members" else "",
                ]
            )
    for each in workbook.worksheets:
        for cell in each[1]:
            cell.font = Font(bold=True)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _grades(year: int) -> dict[str, str]:
    """Every name a grade may be written with (the year's names for members and organizations, today's)."""
    found = {}
    for organization in (False, True):
        for grade in GRADE_ORDER:
            found[fold(YearRules(year).grade_label(grade, organization))] = grade
            found[fold(grade.label)] = grade
            found[fold(grade.value)] = grade
    return found


def _value(column: Column, raw, grades: dict[str, str], memo: dict):
    """The cell's value for the row; a date or grade text read once per import (a book repeats a few dates and
    four grade names over its 100,000 rows)."""
    if column.kind in ("date", "grade"):
        key = (column.kind, raw)
        if key not in memo:
            memo[key] = _read(column, raw, grades)
        return memo[key]
    return _read(column, raw, grades)


def _read(column: Column, raw, grades: dict[str, str]):
    if column.kind == "date":
        return read_date(raw)
    if column.kind == "integer":
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        number = _integer(raw) if not isinstance(raw, str) else (int(raw) if raw.strip().isdigit() else None)
        if number is None or number < 0:
            raise CellError(f"'{shown(raw)}' không phải một số nguyên không âm.")
        return number
    text = read_text(raw).strip()
    if column.kind == "grade" and text:
        if fold(text) not in grades:
            raise CellError(f"'{text}' không phải một mức xếp loại: ghi đúng tên mức, ví dụ “Hoàn thành tốt nhiệm vụ”.")
        return grades[fold(text)]
    return text


PREVIEW_ROWS = 20
READ_EVERY = 1000  # rows read between two progress reports


def run_book_import(
    path: Path, filename: str, user, *, round_id: int, dry_run: bool = False, progress: Progress = _quiet
) -> ImportResult:
    """The import run of the book (`members.excel.jobs`, kind "rating"): the round's results as the user may
    write them. The page checked that the round is in the user's scope before the run started."""
    return import_results(
        scope_for(user), Round.objects.get(pk=round_id), path, filename, dry_run=dry_run, progress=progress
    )


def import_results(
    scope, round_: Round, path: Path, filename: str, *, dry_run: bool = False, progress: Progress = _quiet
) -> ImportResult:
    """Read the book's member sheet and record its results, all or nothing (a dry run judges and writes
    nothing). Never raises for a user's mistake: the result carries the file error or every row's problems,
    by Excel row and column, for the page and the error copy."""
    result = ImportResult(filename=filename, dry_run=dry_run)
    try:
        book = _read_book(path, filename, round_, progress)
    except ImportFileError as error:
        result.file_error = error.message
        return result
    result.sheet, result.header_row, result.rows, result.problems = (
        book.title,
        book.header_row,
        book.rows,
        book.problems,
    )
    if result.problems:
        return result
    try:
        with transaction.atomic():
            changed = judge_results(scope, round_, book.results, progress=progress)
            if not dry_run:
                progress("write", 0, len(changed))
                write_results(scope, round_, changed, reason=f"Nhập tệp {filename}")
    except BatchViolation as violation:
        result.problems = [
            Problem(book.numbers[row.index], book.letters.get(row.field, ""), "", row.message) for row in violation.rows
        ]
        return result
    result.updated, result.unchanged, result.written = len(changed), result.rows - len(changed), not dry_run
    result.preview = _preview(round_, book.numbers, changed)
    return result


def _preview(round_: Round, numbers: list[int], changed: list[Change]) -> list[dict]:
    """The first rows the import changes, as the page shows them."""
    year_rules = YearRules(round_.year)
    return [
        {
            "row": numbers[c.index],
            "name": c.rating.name,
            "cell": c.rating.cell_name,
            "step": Step(c.rating.step).label,
            "grade": year_rules.grade_label(c.rating.grade_now),
        }
        for c in changed[:PREVIEW_ROWS]
    ]


@dataclass
class _Book:
    """The member sheet as read: the rows that could be read, their Excel rows, the cells that could not."""

    title: str
    header_row: int
    rows: int
    results: list[Result]
    numbers: list[int]  # the Excel row of each result
    problems: list[Problem]
    letters: dict[str, str]  # a result's field -> its column as the messages name it ("Xếp loại (N)")


def _read_book(path: Path, filename: str, round_: Round, progress: Progress) -> _Book:
    workbook = _load(path, filename)
    try:
        sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
        header_row, header = first_filled(sheet.iter_rows(min_row=1, max_row=10, values_only=True))
        columns = {i: BY_HEADER[fold(read_text(v))] for i, v in enumerate(header) if fold(read_text(v)) in BY_HEADER}
        if not any(c.field == "rating_id" for c in columns.values()):
            raise ImportFileError(
                f"Tệp '{filename}' không có cột “Mã phiếu”: hãy tải sổ xếp loại của đợt, điền kết "
                "quả vào đó rồi nhập lại."
            )
        merged = merged_ranges(sheet)
        if merged:
            raise ImportFileError(f"Trang “{sheet.title}” có ô gộp ({', '.join(merged)}): hãy bỏ gộp ô rồi nhập lại.")
        estimated = sheet.max_row - header_row if sheet.max_row else None
        sheet.reset_dimensions()  # do not trust the size a writer declared: read every row there is
        grades, memo = _grades(round_.year), {}
        results, numbers, problems, rows = [], [], [], 0
        progress("read", 0, estimated)
        for number, values in enumerate(sheet.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
            if not any(v is not None and str(v).strip() for v in values):
                continue
            rows += 1
            if rows % READ_EVERY == 0:
                progress("read", rows, max(estimated or 0, rows) or None)
            data, bad = {}, False
            for index, column in columns.items():
                if not column.field:
                    continue
                raw = values[index] if index < len(values) else None
                try:
                    data[column.field] = _value(column, raw, grades, memo)
                except CellError as error:
                    problems.append(
                        Problem(number, f"{column.header} ({get_column_letter(index + 1)})", shown(raw), str(error))
                    )
                    bad = True
            if data.get("rating_id") is None:
                problems.append(Problem(number, "Mã phiếu", "", "Thiếu mã phiếu: dòng này không khớp đảng viên nào."))
                continue
            if not bad:
                results.append(
                    Result(
                        **{k: (v if v is not None else Result.__dataclass_fields__[k].default) for k, v in data.items()}
                    )
                )
                numbers.append(number)
        progress("read", rows, rows)
        if not rows:
            raise ImportFileError(f"Trang “{sheet.title}” không có dòng kết quả nào dưới dòng tiêu đề.")
        letters = {c.field: f"{c.header} ({get_column_letter(i + 1)})" for i, c in columns.items()}
        return _Book(sheet.title, header_row, rows, results, numbers, problems, letters)
    finally:
        workbook.close()
