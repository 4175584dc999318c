"""Reading one cell of a members workbook into a field value, and writing values that stay text.

Excel stores what users type in many shapes: a date as a date or as text, a CCCD as a number that lost its
leading zero, a phone number as a number. Each reader returns the value or raises `CellError` with a
Vietnamese message; `safe_cell` keeps a text that starts like a formula from ever becoming one.
"""

import re
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

from dangvu.core.text import fold, nfc, short_date

from ..models import Gender

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GENDERS = {fold(label): value for value, label in Gender.choices}


class CellError(ValueError):
    """A cell that cannot be read; the message is Vietnamese."""


def shown(value) -> str:
    """The value as the user sees it in Excel, for error messages and the error file."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == time(0):
        return short_date(value.date())
    if isinstance(value, date) and not isinstance(value, datetime):
        return short_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _integer(value) -> int | None:
    """An integral number (Excel stores every number as a float), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)) and value == int(value):
        return int(value)
    return None


def read_text(value) -> str:
    if value is None:
        return ""
    number = _integer(value)
    if number is not None:
        return str(number)
    if isinstance(value, (date, datetime)):
        return shown(value)
    text = nfc(str(value))
    return text[1:] if text.startswith("'") else text


def read_date(value) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = nfc(value)
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise CellError(f"'{shown(value)}' không phải một ngày: ghi ngày/tháng/năm, ví dụ 19/05/1990.")


def read_gender(value) -> str:
    text = read_text(value)
    if not text:
        return ""
    gender = GENDERS.get(fold(text))
    if gender is None:
        raise CellError(f"Giới tính '{text}' không hợp lệ: ghi Nam hoặc Nữ.")
    return gender


def read_citizen_id(value) -> str | None:
    """Digits of a CCCD. A number lost its leading zeros in Excel: they are put back (12 digits)."""
    if value is None:
        raise CellError("Số CCCD không được để trống: khi nhập lại, hệ thống nhận ra người đã có theo số CCCD.")
    number = _integer(value)
    if number is not None:
        return str(number).zfill(12)
    if isinstance(value, float):
        raise CellError(f"Số CCCD '{value}' không phải số nguyên: hãy để cột Số CCCD ở dạng Văn bản (Text).")
    text = re.sub(r"[\s.]", "", read_text(value))
    if not text:
        raise CellError("Số CCCD không được để trống: khi nhập lại, hệ thống nhận ra người đã có theo số CCCD.")
    if re.fullmatch(r"\d+(,\d+)?E\+\d+", text, re.IGNORECASE):
        raise CellError(
            f"Excel đã đổi số CCCD thành dạng số mũ '{text}': hãy để cột Số CCCD ở dạng Văn bản (Text) và gõ lại."
        )
    return text


def read_phone(value) -> str:
    """A phone number; a 9-digit number is a mobile number whose leading 0 Excel dropped."""
    number = _integer(value)
    if number is not None:
        text = str(number)
        return "0" + text if len(text) == 9 else text
    return read_text(value)


READERS = {
    "text": read_text,
    "code": read_text,
    "gender": read_gender,
    "date": read_date,
    "citizen_id": read_citizen_id,
    "phone": read_phone,
}


def safe_cell(sheet, value) -> Cell:
    """A write-only cell holding the value; text that starts like a formula (= + - @) stays text."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        make_text(cell)
    return cell


def make_text(cell) -> None:
    """Store the cell as a string, shown with Excel's text prefix (') so editing it does not run it either."""
    cell.data_type = "s"
    cell.quotePrefix = True
