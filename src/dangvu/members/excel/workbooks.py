"""The .xlsx files the system hands out: the import template, the export of a member list, the error copy.

Every text a user typed is written so that it can never become a formula (`safe_cell` / `make_text`), and
an export is recorded in the audit trail with who exported how many rows.
"""

import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

import openpyxl
from django.db.models import QuerySet
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dangvu.core import audit
from dangvu.members.audit_actions import MembersAudit

from ..models import Gender, Member
from .cells import FORMULA_STARTS, make_text, safe_cell
from .columns import (
    COLUMNS,
    CREATE_ONLY_FIELDS,
    ERROR_HEADER,
    EXPORT_EXTRA,
    INSTRUCTIONS_SHEET,
    SHEET_NAME,
)
from .csvfile import read_csv_rows

DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
TEMPLATE_ROWS = 5000  # rows that carry the lists of the template
CELLS_SHEET = "Mã chi bộ"
MAX_LISTED_CELLS = 20000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="FFF2CC")
ERROR_FILL = PatternFill("solid", fgColor="F8CBAD")
TEXT_KINDS = {"citizen_id", "phone", "code", "org_code"}


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _style_header(sheet, widths: Iterable[int]) -> None:
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def template_workbook(cells: Iterable) -> bytes:
    """Mẫu nhập đảng viên: the members sheet with its headers, a gender list, text-formatted number columns,
    the instructions, and the codes of the cells the user may fill in (`cells`: organizations)."""
    workbook = openpyxl.Workbook()
    sheet = template_sheet(workbook, SHEET_NAME, COLUMNS)
    list_validation(sheet, COLUMNS, "gender", '"' + ",".join(Gender.labels) + '"', "Giới tính", "Chọn Nam hoặc Nữ.")
    listed = _cells_sheet(workbook, cells)
    if listed:
        list_validation(
            sheet,
            COLUMNS,
            "organization",
            f"'{CELLS_SHEET}'!$A$2:$A${listed + 1}",
            "Mã chi bộ",
            f"Chọn một mã trong trang '{CELLS_SHEET}'.",
        )
    _instructions(workbook)
    return _save(workbook)


def template_sheet(workbook, title: str, columns) -> object:
    """The workbook's first sheet named `title`, with the columns' headers, widths and cell formats."""
    sheet = workbook.active
    sheet.title = title
    sheet.append([c.header for c in columns])
    _style_header(sheet, [c.width for c in columns])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        number_format = TEXT_FORMAT if column.kind in TEXT_KINDS else DATE_FORMAT if column.kind == "date" else None
        if number_format:
            # Excel applies a column's format to what is typed in it: CCCD keeps its leading zero.
            sheet.column_dimensions[letter].number_format = number_format
    return sheet


def list_validation(sheet, columns, field: str, formula: str, title: str, error: str) -> None:
    """A drop-down list (Excel data validation) on the column of `field`, for the template's rows."""
    letter = get_column_letter(next(i for i, c in enumerate(columns, 1) if c.field == field))
    validation = DataValidation(
        type="list", formula1=formula, allow_blank=True, showErrorMessage=True, errorTitle=title, error=error
    )
    validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(validation)


def _cells_sheet(workbook, cells: Iterable) -> int:
    sheet = workbook.create_sheet(CELLS_SHEET)
    sheet.append(["Mã chi bộ", "Tên chi bộ"])
    _style_header(sheet, [18, 60])
    count = 0
    for organization in cells:
        if count >= MAX_LISTED_CELLS:
            sheet.append(["…", f"Chỉ liệt kê {MAX_LISTED_CELLS} chi bộ đầu tiên."])
            return 0
        sheet.append([organization.code, organization.name])
        count += 1
    return count


def _instructions(workbook) -> None:
    instructions_sheet(
        workbook,
        [
            ["HƯỚNG DẪN NHẬP DANH SÁCH ĐẢNG VIÊN"],
            [],
            [f"1. Ghi mỗi đảng viên trên một dòng của trang '{SHEET_NAME}', từ dòng 2; giữ nguyên dòng tiêu đề."],
            ["2. Không gộp ô, không đổi tên trang, không để dòng trống xen giữa danh sách."],
            ["3. Ngày ghi theo dạng ngày/tháng/năm (ví dụ 19/05/1990) hoặc dùng kiểu ngày của Excel."],
            ["4. Số CCCD gồm 12 chữ số; nếu số CCCD đã có trong hệ thống, dòng đó cập nhật thông tin người ấy."],
            [
                "5. Hệ thống kiểm tra toàn bộ tệp trước khi ghi: nếu có dòng sai, không dòng nào được ghi; "
                "tải tệp báo lỗi về, sửa theo cột 'Lỗi' rồi nhập lại."
            ],
            ["6. Nên chọn 'Chỉ kiểm tra, chưa ghi' ở lần nhập đầu để xem trước kết quả."],
            ["7. Cũng nhập được tệp CSV (nên lưu dạng CSV UTF-8) có cùng dòng tiêu đề như trang này."],
            [],
        ],
        COLUMNS,
    )


def instructions_sheet(workbook, lines: list[list[str]], columns) -> None:
    """The sheet 'Hướng dẫn': the lines given, then each column with whether it is required and its note."""
    sheet = workbook.create_sheet(INSTRUCTIONS_SHEET)
    lines = [*lines, ["Cột", "Bắt buộc", "Ghi chú"]]
    for line in lines:
        sheet.append(line)
    for column in columns:
        sheet.append([column.header, "Có" if column.required else "", column.note])
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[len(lines)]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for letter, width in (("A", 30), ("B", 10), ("C", 100)):
        sheet.column_dimensions[letter].width = width


EXPORT_COLUMNS = [c for c in COLUMNS if c.field not in CREATE_ONLY_FIELDS]


def _export_values(member: Member) -> list:
    person = member.person
    values = []
    for column in EXPORT_COLUMNS:
        if column.field == "organization":
            values.append(member.organization.code)
        elif column.field == "gender":
            values.append(person.get_gender_display())
        elif column.field in ("admitted_on", "official_on", "card_number"):
            values.append(getattr(member, column.field))
        else:
            values.append(getattr(person, column.field))
    return [*values, member.organization.name, member.get_status_display()]


def export_workbook(actor, members: QuerySet, *, description: str = "", filters: dict | None = None) -> bytes:
    """The members of a list (already restricted to the user's scope) as an .xlsx that imports back.

    The export is audited: who, how many rows, with which filters.
    """
    headers = [(c.header, c.width) for c in EXPORT_COLUMNS] + EXPORT_EXTRA
    rows = (_export_values(m) for m in members.select_related("person", "organization").iterator(chunk_size=2000))
    content, count = export_sheet(SHEET_NAME, headers, rows)
    audit.record(
        actor,
        MembersAudit.MEMBER_EXPORT,
        None,
        object_type=Member._meta.label_lower,
        object_label=f"Xuất Excel {count} đảng viên" + (f" ({description})" if description else ""),
        after={"rows": count, "filters": filters or {}, "format": "xlsx"},
    )
    return content


def export_sheet(title: str, headers: list[tuple[str, int]], rows: Iterable[list]) -> tuple[bytes, int]:
    """A one-sheet workbook (written as it streams): the headers with their widths, then the rows; text never
    becomes a formula and dates keep the date format. Returns the file and how many rows it holds."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for index, (_, width) in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for text, _ in headers:
        cell = safe_cell(sheet, text)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        header.append(cell)
    sheet.append(header)
    count = 0
    for values in rows:
        row = []
        for value in values:
            cell = safe_cell(sheet, value if value not in (None, "") else None)
            if hasattr(value, "year"):
                cell.number_format = DATE_FORMAT
            row.append(cell)
        sheet.append(row)
        count += 1
    return _save(workbook), count


COLUMN_LETTER = re.compile(r"\(([A-Z]+)\)$")


def _workbook_from_csv(path: Path):
    """A CSV upload as a workbook, every value kept as the text it was, to carry the error column."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    for line in read_csv_rows(path, path.name):
        sheet.append(line)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                make_text(cell)
    return workbook, sheet


def error_workbook(path: Path, sheet_title: str, header_row: int, problems: list) -> bytes:
    """The user's own file with a column 'Lỗi' saying what is wrong on each row, the wrong cells coloured,
    and a sheet listing every error."""
    if zipfile.is_zipfile(path):
        workbook = openpyxl.load_workbook(path)
        sheet = workbook[sheet_title]
    else:
        workbook, sheet = _workbook_from_csv(path)
    # A file that is itself an error copy keeps its one error column.
    error_column = next((c.column for c in sheet[header_row] if str(c.value).strip() == ERROR_HEADER), None)
    if error_column is None:
        error_column = sheet.max_column + 1
        header = sheet.cell(row=header_row, column=error_column, value=ERROR_HEADER)
        header.font, header.fill = HEADER_FONT, ERROR_FILL
        sheet.column_dimensions[get_column_letter(error_column)].width = 80
    for row in range(header_row + 1, sheet.max_row + 1):
        sheet.cell(row=row, column=error_column).value = None
    by_row: dict[int, list[str]] = {}
    for problem in problems:
        row, column, _value, message = problem
        by_row.setdefault(row, []).append(f"{column}: {message}" if column else message)
        letter = COLUMN_LETTER.search(column or "")
        if letter:
            sheet[f"{letter.group(1)}{row}"].fill = ERROR_FILL
    for row, messages in by_row.items():
        cell = sheet.cell(row=row, column=error_column, value="\n".join(messages))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if cell.value.startswith(FORMULA_STARTS):
            make_text(cell)
    listing = workbook.create_sheet("Danh sách lỗi", 0)
    listing.append(["Dòng", "Cột", "Giá trị", "Lỗi"])
    _style_header(listing, [8, 24, 24, 100])
    for row, column, value, message in problems:
        listing.append([row, column, value, message])
        for cell in listing[listing.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                make_text(cell)
    workbook.active = workbook.index(sheet)
    return _save(workbook)
