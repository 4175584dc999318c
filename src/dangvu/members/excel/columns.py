"""The columns of the members workbook (mẫu nhập đảng viên): Vietnamese header, field, kind of value.

One list serves the template, the import (headers are matched ignoring case and diacritics, in any order)
and the export, so a file exported from the system can be corrected and imported again.
"""

from dataclasses import dataclass
from functools import cached_property

from openpyxl.utils import get_column_letter

from dangvu.core.text import fold

SHEET_NAME = "Đảng viên"
INSTRUCTIONS_SHEET = "Hướng dẫn"
ERROR_HEADER = "Lỗi"


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str = "text"  # text, gender, date, citizen_id, phone, code
    required: bool = False  # the header must be present (empty values are judged by the rules)
    width: int = 14
    note: str = ""


COLUMNS = [
    Column("Họ", "family_name", required=True, width=12),
    Column("Tên đệm", "middle_name", width=14),
    Column("Tên", "given_name", required=True, width=10),
    Column("Giới tính", "gender", "gender", required=True, width=10, note="Nam hoặc Nữ (chọn trong danh sách)."),
    Column(
        "Ngày sinh",
        "birth_date",
        "date",
        required=True,
        width=12,
        note="Ngày của Excel, hoặc chữ dạng ngày/tháng/năm, ví dụ 19/05/1990.",
    ),
    Column(
        "Số CCCD",
        "citizen_id",
        "citizen_id",
        required=True,
        width=15,
        note="12 chữ số, bắt buộc: khi nhập lại, hệ thống nhận ra người đã có theo số CCCD. "
        "Để cột ở dạng Văn bản (Text) để Excel không bỏ số 0 ở đầu.",
    ),
    Column("Dân tộc", "ethnicity", width=10),
    Column("Tôn giáo", "religion", width=10),
    Column("Quê quán", "hometown", width=24),
    Column("Trình độ GDPT", "education", width=10, note="Ví dụ 12/12."),
    Column("Chuyên môn", "profession", width=18),
    Column("Lý luận chính trị", "theory_level", width=14, note="Sơ cấp, Trung cấp, Cao cấp, Cử nhân …"),
    Column("Nghề nghiệp", "occupation", width=20),
    Column("Điện thoại", "phone", "phone", width=13),
    Column(
        "Mã chi bộ",
        "organization",
        "code",
        required=True,
        width=14,
        note="Mã của chi bộ nơi đảng viên sinh hoạt (xem trên trang tổ chức), trong phạm vi bạn quản lý.",
    ),
    Column("Ngày vào Đảng", "admitted_on", "date", required=True, width=13, note="Ngày ký quyết định kết nạp."),
    Column("Ngày chính thức", "official_on", "date", width=13, note="Để trống nếu còn là đảng viên dự bị."),
    Column("Số thẻ đảng viên", "card_number", "code", width=15, note="Chỉ đảng viên chính thức có thẻ."),
    Column("Số quyết định kết nạp", "decision_number", width=16, note="Chỉ dùng khi thêm mới."),
    Column(
        "Văn bản chấp thuận trên 60 tuổi",
        "over_age_approval",
        width=22,
        note="Chỉ cần khi người vào Đảng đã quá 60 tuổi; chỉ dùng khi thêm mới.",
    ),
]
BY_FIELD = {column.field: column for column in COLUMNS}
# Only new members take these; a re-import does not change them.
CREATE_ONLY_FIELDS = {"decision_number", "over_age_approval"}
# Extra columns of an export; the import ignores them.
EXPORT_EXTRA = [("Tên chi bộ", 36), ("Trạng thái", 14)]


def match_header(value) -> Column | None:
    """The column a header cell names, ignoring case, diacritics, spaces and a trailing '*'."""
    return MEMBERS.match_header(value)


@dataclass(frozen=True)
class Layout:
    """A kind of workbook the reader opens: its sheet's name and its columns (members, organizations …)."""

    sheet_name: str
    columns: tuple[Column, ...]

    @cached_property
    def by_folded(self) -> dict[str, Column]:
        return {fold(c.header): c for c in self.columns}

    def match_header(self, value) -> Column | None:
        if not isinstance(value, str):
            return None
        return self.by_folded.get(fold(value).rstrip("* ").strip())


MEMBERS = Layout(SHEET_NAME, tuple(COLUMNS))


def column_label(column: Column | None, index: int | None) -> str:
    """ "Ngày sinh (E)": the header and the Excel column letter the user sees (index from 0)."""
    if column is None:
        return ""
    return f"{column.header} ({get_column_letter(index + 1)})" if index is not None else column.header
