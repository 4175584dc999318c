"""Reading a members list saved as CSV (Excel's "CSV UTF-8", or the Windows Vietnamese code page).

The same headers and checks as the .xlsx sheet; every value is text, so a CSV keeps a CCCD's leading zeros.
The delimiter is the one the header line uses most (comma, semicolon as Excel writes it with a Vietnamese
locale, or tab).
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .columns import Column
from .reader import ImportFileError, check_headers, filled, first_filled, header_columns

# Excel saves "CSV UTF-8" with a byte-order mark, and plain "CSV" in the Windows code page of the system.
ENCODINGS = ("utf-8-sig", "cp1258")
DELIMITERS = (",", ";", "\t")


def read_csv_rows(path: Path, filename: str) -> list[list[str]]:
    data = path.read_bytes()
    if not data.strip():
        raise ImportFileError(f"Tệp '{filename}' rỗng.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        for encoding in ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportFileError(
                f"Không đọc được bảng mã của tệp '{filename}': hãy lưu lại dạng CSV UTF-8 (Excel: Lưu thành → "
                "CSV UTF-8) hoặc dạng .xlsx."
            )
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(f"Tệp CSV '{filename}' sai định dạng: {error}.") from error


@dataclass
class CsvSheet:
    """A CSV file seen as the members sheet (the interface of `reader.MembersSheet`)."""

    lines: list[list[str]]
    header_row: int
    columns: dict[int, Column]
    title: str = "CSV"

    @property
    def estimated_rows(self) -> int:
        return len(self.lines) - self.header_row

    def rows(self) -> Iterator[tuple[int, tuple]]:
        for number, values in enumerate(self.lines[self.header_row :], start=self.header_row + 1):
            if any(filled(v) for v in values):
                yield number, tuple(values)

    def close(self) -> None:
        pass


def open_csv(path: Path, filename: str) -> CsvSheet:
    lines = read_csv_rows(path, filename)
    number, values = first_filled(lines)
    if number == 0:
        raise ImportFileError(f"Tệp '{filename}' không có dữ liệu.")
    columns, problems = header_columns(values)
    check_headers(columns, problems, number, f"tệp '{filename}'")
    sheet = CsvSheet(lines=lines, header_row=number, columns=columns)
    if next(sheet.rows(), None) is None:
        raise ImportFileError(f"Tệp '{filename}' không có dòng dữ liệu nào dưới dòng tiêu đề.")
    return sheet
