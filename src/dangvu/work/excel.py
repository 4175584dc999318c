"""Excel import of congresses, course participants and inspections/supervisions, and their templates.

Each import reads one sheet whose header row names the columns (matched ignoring case and diacritics, in any
order), turns every cell into a value, then hands the rows to the matching all-or-nothing action. Cell errors
and rule errors are reported together, each with its Excel line, and nothing is written while any remains.

The file-level checks (empty file, old .xls, not a workbook, merged cells) and the cell readers are those of
the members import (`dangvu.members.excel`), reused rather than copied.
"""

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from tempfile import NamedTemporaryFile

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from dangvu.core.errors import RuleViolation
from dangvu.core.text import fold
from dangvu.members.excel import cells
from dangvu.members.excel.reader import ImportFileError, _load, merged_ranges

from .models import Activity, CongressKind, CongressStatus, CourseResult, OversightKind, PerformingBody


def _match(choices: tuple, text: str) -> str | None:
    """The value whose label (or value) the text names, ignoring case and diacritics."""
    key = fold(text)
    for value, label in choices:
        if key in (fold(label), fold(value)):
            return value
    return None


YES = {"co", "x", "1", "true", "dung"}
NO = {"", "khong", "0", "false"}


@dataclass(frozen=True)
class Col:
    header: str
    field: str
    kind: str = "text"  # text, date, int, choice, gender, citizen_id, list, bool
    required: bool = False
    choices: tuple = ()  # (value, label) pairs
    note: str = ""
    width: int = 16


@dataclass
class Sheet:
    name: str
    columns: list[Col]
    aliases: dict[str, str] = field(default_factory=dict)  # folded other header -> field


def _read(col: Col, value):
    if col.kind == "date":
        return cells.read_date(value)
    if col.kind == "gender":
        return cells.read_gender(value)
    if col.kind == "citizen_id":
        return cells.read_citizen_id(value) if value not in (None, "") else ""
    text = cells.read_text(value)
    if col.kind == "int":
        if not text:
            return None
        if not text.isdigit():
            raise cells.CellError(f"'{text}' không phải số nguyên.")
        return int(text)
    if col.kind == "choice":
        if not text:
            return ""
        found = _match(col.choices, text)
        if found is None:
            raise cells.CellError(f"'{text}' không hợp lệ; ghi một trong: {_listing(col.choices)}.")
        return found
    if col.kind == "bool":
        if fold(text) in YES:
            return True
        if fold(text) in NO:
            return False
        raise cells.CellError(f"'{text}' không hợp lệ: ghi Có hoặc Không.")
    if col.kind == "list":
        return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    return text


def read_upload(upload, spec: Sheet) -> list[tuple[int, dict]]:
    """(Excel line, {field: value}) of every filled row; RuleViolation listing file, header and cell errors."""
    suffix = Path(getattr(upload, "name", "tep.xlsx")).suffix or ".xlsx"
    with NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
            handle.write(chunk)
        handle.flush()
        try:
            workbook = _load(Path(handle.name), getattr(upload, "name", "tệp"))
        except ImportFileError as error:
            raise RuleViolation(error.message, "file") from error
        try:
            return _rows(workbook, spec)
        finally:
            workbook.close()


def _header_row(sheet, spec: Sheet) -> tuple[int, dict[int, Col]]:
    """The header row among the first ten (a title or an empty line may come first): the first row that names
    at least one column of the sheet; its number and its columns by index (0, {} when none)."""
    by_header = {fold(c.header): c for c in spec.columns}
    by_field = {c.field: c for c in spec.columns}
    for number, values in enumerate(sheet.iter_rows(min_row=1, max_row=10, values_only=True), start=1):
        columns: dict[int, Col] = {}
        for index, value in enumerate(values):
            key = fold(str(value or "")).rstrip("* ").strip()
            col = by_header.get(key) or by_field.get(spec.aliases.get(key, ""))
            if col is not None:
                columns[index] = col
        if columns:
            return number, columns
    return 0, {}


def _rows(workbook, spec: Sheet) -> list[tuple[int, dict]]:
    sheets = [s for s in workbook.worksheets if hasattr(s, "iter_rows")]
    sheet = next((s for s in sheets if fold(s.title) == fold(spec.name)), sheets[0] if len(sheets) == 1 else None)
    if sheet is None:
        names = ", ".join(f"'{s.title}'" for s in sheets)
        raise RuleViolation(f"Không tìm thấy trang tính '{spec.name}' (tệp có: {names}).", "file")
    number, columns = _header_row(sheet, spec)
    if number == 0:
        raise RuleViolation(f"Trang tính '{sheet.title}' trống hoặc không có dòng tiêu đề như tệp mẫu.", "file")
    present = {c.field for c in columns.values()}
    missing = [c.header for c in spec.columns if c.required and c.field not in present]
    if missing:
        raise RuleViolation(f"Dòng tiêu đề (dòng {number}) thiếu cột: {', '.join(missing)}.", "file")
    merged = merged_ranges(sheet)
    if merged:
        raise RuleViolation(f"Trang tính có ô gộp ({', '.join(merged)}): hãy bỏ gộp ô rồi nhập lại.", "file")
    rows, errors = [], {}
    for line, cells_ in enumerate(sheet.iter_rows(min_row=number + 1, values_only=True), start=number + 1):
        if not any(v is not None and str(v).strip() for v in cells_):
            continue
        data, problems = {}, []
        for index, col in columns.items():
            value = cells_[index] if index < len(cells_) else None
            try:
                data[col.field] = _read(col, value)
            except cells.CellError as error:
                problems.append(f"cột {col.header} ({get_column_letter(index + 1)}): {error}")
        if problems:
            errors[f"line-{line}"] = [f"Dòng {line}, {p}" for p in problems]
        rows.append((line, data))
    if errors:
        raise RuleViolation(errors)
    if not rows:
        raise RuleViolation("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.", "file")
    return rows


def template(spec: Sheet) -> bytes:
    """An empty workbook with the header row and a guide sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = spec.name
    for index, col in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=col.header + (" *" if col.required else ""))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FCE9E9")
        sheet.column_dimensions[get_column_letter(index)].width = col.width
        if col.kind in ("citizen_id", "list", "text"):
            for row in range(2, 502):
                sheet.cell(row=row, column=index).number_format = "@"
    guide = workbook.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Bắt buộc", "Ghi chú"])
    for col in spec.columns:
        choices = f"Một trong: {_listing(col.choices)}." if col.choices else ""
        guide.append([col.header, "Có" if col.required else "", " ".join(p for p in (col.note, choices) if p)])
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["C"].width = 90
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _listing(choices: tuple) -> str:
    return ", ".join(dict.fromkeys(label for value, label in choices if value))


CONGRESS_SHEET = Sheet(
    "Đại hội",
    [
        Col("Mã tổ chức", "organization", required=True, note="Mã của tổ chức đảng (xem trên trang tổ chức)."),
        Col("Nhiệm kỳ", "term", required=True, note="Ví dụ 2020–2025."),
        Col("Lần thứ", "ordinal", "int"),
        Col("Hình thức", "kind", "choice", required=True, choices=tuple(CongressKind.choices), width=20),
        Col("Tình trạng", "status", "choice", required=True, choices=tuple(CongressStatus.choices)),
        Col("Ngày dự kiến bắt đầu", "planned_start", "date"),
        Col("Ngày dự kiến kết thúc", "planned_end", "date"),
        Col("Ngày khai mạc", "held_start", "date"),
        Col("Ngày bế mạc", "held_end", "date"),
        Col("Số đại biểu", "delegates", "int"),
        Col("Ghi chú", "note", width=30),
    ],
)

PARTICIPANT_SHEET = Sheet(
    "Học viên",
    [
        Col("Họ", "family_name", note="Hoặc một cột 'Họ và tên'."),
        Col("Tên đệm", "middle_name"),
        Col("Tên", "given_name"),
        Col("Giới tính", "gender", "gender", note="Nam hoặc Nữ."),
        Col("Ngày sinh", "birth_date", "date"),
        Col(
            "Số CCCD",
            "citizen_id",
            "citizen_id",
            note="Người chưa có trong hệ thống cần đủ họ tên, giới tính, "
            "ngày sinh và số CCCD; người đã có được nhận ra theo số CCCD.",
        ),
        Col("Kết quả", "result", "choice", choices=tuple(CourseResult.choices)),
        Col("Số giấy chứng nhận", "certificate_number", note="Chỉ ghi khi kết quả Đạt."),
        Col("Ghi chú", "note", width=30),
    ],
    aliases={"ho va ten": "full_name", "ho ten": "full_name"},
)
PARTICIPANT_SHEET.columns.append(Col("Họ và tên", "full_name", note="Thay cho ba cột Họ, Tên đệm, Tên."))

OVERSIGHT_SHEET = Sheet(
    "Kiểm tra, giám sát",
    [
        Col("Hoạt động", "activity", "choice", required=True, choices=tuple(Activity.choices)),
        Col("Loại", "kind", "choice", required=True, choices=tuple(OversightKind.choices), width=24),
        Col("Mã tổ chức tiến hành", "organization", required=True),
        Col(
            "Chủ thể",
            "body",
            "choice",
            required=True,
            choices=(
                *PerformingBody.choices,
                ("executive", "Cấp ủy"),
                ("executive", "BCH"),
                ("standing", "BTV"),
                ("inspection_committee", "UBKT"),
            ),
        ),
        Col("Ngày bắt đầu", "start_date", "date", required=True),
        Col("Ngày kết thúc", "end_date", "date"),
        Col("Số quyết định", "decision_number"),
        Col("Nội dung", "content", required=True, width=40),
        Col("Kết luận", "conclusion", width=30),
        Col("Có vi phạm", "violations_found", "bool", note="Có hoặc Không."),
        Col("Vi phạm", "violations", width=30),
        Col("Kiến nghị, xử lý", "follow_up", width=30),
        Col(
            "Tổ chức được kiểm tra, giám sát",
            "organization_codes",
            "list",
            note="Các mã tổ chức, cách nhau dấu phẩy.",
            width=30,
        ),
        Col(
            "Đảng viên được kiểm tra, giám sát", "member_ids", "list", note="Các số CCCD, cách nhau dấu phẩy.", width=30
        ),
    ],
)


def split_full_name(text: str) -> tuple[str, str, str]:
    parts = text.split()
    if len(parts) < 2:
        return (parts[0] if parts else "", "", "")
    return parts[0], " ".join(parts[1:-1]), parts[-1]
