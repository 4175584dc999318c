"""Opening an uploaded members workbook: is it an .xlsx, which sheet, which columns, no merged cells.

Every problem with the file itself (not with a row) raises `ImportFileError` with a Vietnamese message the
page shows as it is. Rows are streamed (openpyxl's read-only mode) so a 100,000-row file stays cheap.
A file named .csv that is not a workbook is read by `csvfile` with the same headers and checks.
"""

import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from dangvu.core import archives
from dangvu.core.text import fold

from .columns import MEMBERS, Column, Layout

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # Excel 97–2003 (.xls) and other old Office files
# How many rows above the header a sheet may have (a title, an empty line).
HEADER_SEARCH_ROWS = 10
MERGE_PATTERN = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


class ImportFileError(Exception):
    """The file cannot be imported at all; the message (Vietnamese) says why and what to do."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class MembersSheet:
    """The sheet to import: its columns (index from 0 -> Column) and its data rows."""

    workbook: object
    sheet: object
    header_row: int
    columns: dict[int, Column]
    estimated_rows: int | None

    @property
    def title(self) -> str:
        return self.sheet.title

    def rows(self) -> Iterator[tuple[int, tuple]]:
        """(row number in Excel, values) of every non-empty row under the header."""
        number = 0
        for number, values in enumerate(self.sheet.iter_rows(min_row=1, values_only=True), start=1):
            if number > self.header_row and any(filled(v) for v in values):
                yield number, values

    def close(self) -> None:
        self.workbook.close()


def filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _load(path: Path, filename: str):
    with open(path, "rb") as handle:
        head = handle.read(8)
    if not head:
        raise ImportFileError(f"Tệp '{filename}' rỗng (0 byte).")
    if head.startswith(OLE_SIGNATURE):
        raise ImportFileError(
            f"Tệp '{filename}' là bảng tính Excel 97–2003 (.xls): hãy mở bằng Excel, chọn Lưu thành "
            "(Save As) dạng Sổ làm việc Excel (.xlsx) rồi nhập lại."
        )
    if not zipfile.is_zipfile(path):
        raise ImportFileError(
            f"Tệp '{filename}' không phải bảng tính Excel .xlsx (cũng không phải tệp CSV có đuôi .csv): hãy tải "
            "tệp mẫu, điền dữ liệu và lưu dạng .xlsx."
        )
    check_archive(path, filename)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a zip that is not a workbook
        raise ImportFileError(
            f"Tệp '{filename}' không phải bảng tính Excel .xlsx đọc được (có thể là tệp Word hoặc tệp nén "
            "khác, hoặc tệp bị hỏng): hãy mở bằng Excel và lưu lại dạng .xlsx."
        ) from error


# A sheet of more rows than an import takes is refused before it is parsed (counted in its XML).
MAX_ROWS = 200_000
ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def check_archive(path: Path, filename: str) -> None:
    """`ImportFileError` when the .xlsx expands beyond what an office's file holds or compresses far more than
    real sheets do (`core.archives`), is damaged, or has a sheet of more rows than an import takes."""
    try:
        with zipfile.ZipFile(path) as archive:
            problem = archives.inflation_problem(archive, filename, path.stat().st_size)
            if problem:
                raise ImportFileError(problem)
            for part in archive.infolist():
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    _check_rows(archive, part, filename)
    except archives.DAMAGED as error:
        raise ImportFileError(archives.damaged_message(filename)) from error


def _check_rows(archive: zipfile.ZipFile, part: zipfile.ZipInfo, filename: str) -> None:
    rows, tail = 0, b""
    with archive.open(part) as source:
        while True:
            chunk = source.read(1 << 20)
            data = tail + chunk
            # a tag that starts in the last bytes is counted with the next chunk (or at the end)
            rows += sum(1 for match in ROW_TAG.finditer(data) if not chunk or match.start() < len(data) - 8)
            tail = data[-8:]
            if rows > MAX_ROWS:
                limit = f"{MAX_ROWS:_}".replace("_", ".")
                raise ImportFileError(
                    f"Một trang tính của tệp '{filename}' có hơn {limit} dòng, quá số dòng một lần nhập nhận "
                    "được: hãy chia thành nhiều tệp (ví dụ theo đảng bộ cơ sở)."
                )
            if not chunk:
                return


def open_workbook(path: Path, filename: str) -> Workbook:
    """A workbook opened read-only for an import, or `ImportFileError` saying why not (other apps' imports)."""
    return _load(path, filename)


def _header(sheet) -> tuple[int, tuple]:
    return first_filled(sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True))


def first_filled(rows: Iterable) -> tuple[int, tuple]:
    """The first non-empty row among the first few (its number and values); (0, ()) when there is none."""
    for number, values in enumerate(rows, start=1):
        if number > HEADER_SEARCH_ROWS:
            break
        if any(filled(v) for v in values):
            return number, tuple(values)
    return 0, ()


def header_columns(values: tuple, layout: Layout = MEMBERS) -> tuple[dict[int, Column], list[str]]:
    columns: dict[int, Column] = {}
    problems = []
    where: dict[str, int] = {}
    for index, value in enumerate(values):
        column = layout.match_header(value)
        if column is None:
            continue
        if column.field in where:
            problems.append(
                f"Cột '{column.header}' có hai lần (cột {get_column_letter(where[column.field] + 1)} và "
                f"{get_column_letter(index + 1)}): hãy xóa một cột."
            )
        where[column.field] = index
        columns[index] = column
    return columns, problems


def check_headers(
    columns: dict[int, Column], problems: list[str], number: int, place: str, layout: Layout = MEMBERS
) -> None:
    """Every required header present, none twice; else `ImportFileError` naming what to fix."""
    present = {c.field for c in columns.values()}
    missing = [c.header for c in layout.columns if c.required and c.field not in present]
    if missing:
        problems = [
            f"Dòng tiêu đề (dòng {number}) của {place} thiếu cột: {', '.join(missing)}. "
            "Hãy dùng đúng tiêu đề như tệp mẫu.",
            *problems,
        ]
    if problems:
        raise ImportFileError(" ".join(problems))


def merged_ranges(sheet, limit: int = 5) -> list[str]:
    """Merged cell ranges of a read-only sheet, read from its XML without loading it (after the data)."""
    found: list[str] = []
    tail = b""
    with sheet._get_source() as source:
        while chunk := source.read(1 << 20):
            data = tail + chunk
            for match in MERGE_PATTERN.finditer(data):
                ref = match.group(1).decode()
                if ref not in found:
                    found.append(ref)
                if len(found) >= limit:
                    return found
            tail = data[-200:]
    return found


def open_members_sheet(path: Path, filename: str) -> MembersSheet:
    """The members sheet of an uploaded file, checked; `ImportFileError` for what stops the import."""
    if filename.lower().endswith(".csv") and not zipfile.is_zipfile(path):
        from .csvfile import open_csv

        return open_csv(path, filename)
    return open_sheet(path, filename, MEMBERS)


def open_sheet(path: Path, filename: str, layout: Layout) -> MembersSheet:
    """The sheet of an uploaded .xlsx laid out as `layout` (members, organizations …), checked."""
    workbook = _load(path, filename)
    try:
        return _find_sheet(workbook, filename, layout)
    except Exception:
        workbook.close()
        raise


@dataclass
class _Candidate:
    sheet: object
    header_row: int
    columns: dict[int, Column]
    problems: list[str]
    layout: Layout = MEMBERS

    @property
    def named(self) -> bool:
        return fold(self.sheet.title).strip() == fold(self.layout.sheet_name)

    @property
    def complete(self) -> bool:
        return {c.field for c in self.layout.columns if c.required} <= {c.field for c in self.columns.values()}


def _find_sheet(workbook, filename: str, layout: Layout = MEMBERS) -> MembersSheet:
    """The sheet named like the template's, or else the only sheet with the template's headers."""
    candidates = []
    for sheet in workbook.worksheets:
        if hasattr(sheet, "iter_rows"):  # not a chart sheet
            number, values = _header(sheet)
            candidates.append(_Candidate(sheet, number, *header_columns(values, layout), layout=layout))
    chosen = next((c for c in candidates if c.named), None)
    complete = [c for c in candidates if c.complete]
    if chosen is None and len(complete) == 1:
        chosen = complete[0]
    if chosen is None:
        if all(c.header_row == 0 for c in candidates):
            raise ImportFileError(f"Tệp '{filename}' không có dữ liệu: mọi trang tính đều trống.")
        names = ", ".join(f"'{c.sheet.title}'" for c in candidates)
        raise ImportFileError(
            f"Không tìm thấy trang tính '{layout.sheet_name}' trong tệp (tệp có các trang: {names}). Hãy đặt "
            f"tên trang chứa danh sách là '{layout.sheet_name}' như tệp mẫu."
        )
    sheet, number = chosen.sheet, chosen.header_row
    if number == 0:
        raise ImportFileError(f"Trang tính '{sheet.title}' trống: chưa có dòng tiêu đề và dữ liệu.")
    check_headers(chosen.columns, chosen.problems, number, f"trang '{sheet.title}'", layout)
    merged = merged_ranges(sheet)
    if merged:
        raise ImportFileError(
            f"Trang tính '{sheet.title}' có ô gộp ({', '.join(merged)}): mỗi ô phải chứa một giá trị. "
            "Hãy bỏ gộp ô (Merge & Center → Unmerge Cells) rồi nhập lại."
        )
    estimated = sheet.max_row - number if sheet.max_row else None
    sheet.reset_dimensions()  # do not trust the size a writer declared: read every row there is
    members = MembersSheet(
        workbook=workbook, sheet=sheet, header_row=number, columns=chosen.columns, estimated_rows=estimated
    )
    if next(members.rows(), None) is None:
        raise ImportFileError(f"Trang tính '{sheet.title}' không có dòng dữ liệu nào dưới dòng tiêu đề.")
    return members
