"""The member's official documents as Word (and PDF by LibreOffice): the phiếu đảng viên (mẫu 2-HSĐV) of one
member and the sổ danh sách đảng viên (mẫu 7-HSĐV) of a cell or committee, with the books of those who left and
who died. Built with python-docx in the Party's format (the reports' layout helpers: A4, Times New Roman,
header of the superior and the organization); the field order follows the forms of Hướng dẫn 12-HD/BTCTW
as far as could be confirmed (the exact boxes of the printed forms were not available: unconfirmed).
"""

import io
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Mm

from dangvu.organizations.queries import ancestors, name_on
from dangvu.reports import default_template as layout
from dangvu.reports.pdf import docx_to_pdf

from .queries import BOOKS, BookRow

LEFT = layout.LEFT


def _document(landscape: bool = False) -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(25), Mm(15)
    return document


def _header(document, organization, on: date, right: str) -> None:
    above = ancestors(organization, on)
    lines = [(name_on(o, on).name.upper(), 12, {}) for o in above[-2:]]
    lines.append((name_on(organization, on).name.upper(), 12, {"bold": True}))
    table = document.add_table(rows=1, cols=2)
    layout._no_borders(table)
    left, right_cell = table.rows[0].cells
    list(layout._cell_lines(left, lines))
    party, *_ = layout._cell_lines(right_cell, [("ĐẢNG CỘNG SẢN VIỆT NAM", 13, {"bold": True}), (right, 12, {})])
    layout._rule_under(party, 0.25)


def _d(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _table(document, headers: list[str], rows: list[list[str]], size: float = 11):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        list(layout._cell_lines(cell, [(text, size, {"bold": True})]))
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            list(layout._cell_lines(cell, [(str(text), size, {"align": LEFT})]))
    return table


def _save(document) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def member_sheet(member, on: date, events) -> bytes:
    """Phiếu đảng viên (2-HSĐV) of one member, filled from the person, the membership and the record."""
    person = member.person
    record = getattr(person, "record", None)
    document = _document()
    _header(
        document,
        member.organization,
        on,
        f"Số lý lịch: {record.profile_number if record else ''}    Số thẻ: {member.card_number or ''}",
    )
    layout._para(document, "PHIẾU ĐẢNG VIÊN", 16, bold=True, before=12, after=6)
    fields = [
        ("Họ và tên đang dùng", person.full_name),
        ("Họ và tên khai sinh", record.birth_name if record else ""),
        ("Giới tính", person.get_gender_display()),
        ("Ngày sinh", _d(person.birth_date)),
        ("Số CCCD", person.citizen_id or ""),
        ("Nơi sinh", record.place_of_birth if record else ""),
        ("Quê quán", person.hometown),
        ("Nơi thường trú", record.permanent_residence if record else ""),
        ("Nơi ở hiện nay", record.current_residence if record else ""),
        ("Dân tộc", person.ethnicity),
        ("Tôn giáo", person.religion),
        ("Nghề nghiệp, chức vụ", person.occupation),
        ("Trình độ giáo dục phổ thông", person.education),
        ("Chuyên môn, nghiệp vụ", person.profession),
        ("Lý luận chính trị", person.theory_level),
        ("Ngoại ngữ", record.foreign_language if record else ""),
        ("Ngày vào Đảng", _d(member.admitted_on)),
        ("Ngày chính thức", _d(member.official_on)),
        ("Chi bộ đang sinh hoạt", name_on(member.organization, on).name),
    ]
    for number, (label, value) in enumerate(fields, start=1):
        layout._para(document, f"{number}. {label}: {value or '…'}", 13, align=LEFT, after=2)
    sections = [
        ("Tóm tắt quá trình công tác", ["Từ tháng, năm", "Đến tháng, năm", "Làm việc gì, ở đâu"], "work_history"),
        ("Đào tạo, bồi dưỡng", ["Từ tháng, năm", "Đến tháng, năm", "Trường, ngành, văn bằng"], "training"),
        ("Khen thưởng", ["Năm", "Hình thức, cấp khen"], "awards"),
        ("Hoàn cảnh gia đình", ["Quan hệ", "Họ và tên", "Năm sinh", "Nghề nghiệp, nơi ở"], "family"),
    ]
    for title, headers, kind in sections:
        layout._para(document, title.upper(), 13, bold=True, align=LEFT, before=8, after=3)
        rows = getattr(record, kind, []) if record else []
        keys = {
            "work_history": ["from", "to", "text"],
            "training": ["from", "to", "text"],
            "awards": ["year", "text"],
            "family": ["relation", "name", "birth_year", "text"],
        }[kind]
        _table(document, headers, [[r.get(k, "") or ("nay" if k == "to" else "") for k in keys] for r in rows])
    layout._para(
        document,
        "BIẾN ĐỘNG (kết nạp, chuyển sinh hoạt, khen thưởng, kỷ luật…)",
        13,
        bold=True,
        align=LEFT,
        before=8,
        after=3,
    )
    _table(
        document,
        ["Ngày", "Nội dung", "Tổ chức", "Văn bản"],
        [[_d(e.date), e.get_type_display(), e.organization.name, e.decision_number] for e in events],
    )
    return _save(document)


BOOK_HEADERS = [
    "Số TT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Quê quán",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số thẻ",
    "Số lý lịch",
    "Ngày đến chi bộ",
    "Ghi chú",
]


def _book_values(row: BookRow) -> list[str]:
    m, p = row.member, row.member.person
    note = ""
    if m.left_on:
        note = f"{m.get_left_reason_display()} ngày {_d(m.left_on)}"
    elif m.status == "exempted":
        note = m.get_status_display()
    return [
        str(row.number),
        p.full_name,
        _d(p.birth_date),
        p.get_gender_display(),
        p.hometown,
        _d(m.admitted_on),
        _d(m.official_on),
        m.card_number or "",
        row.record.profile_number if row.record else "",
        _d(row.arrived_on),
        note,
    ]


def member_book(organization, on: date, which: str, cells: list[tuple]) -> bytes:
    """Sổ danh sách đảng viên (7-HSĐV) of a subtree: one table per cell, in the book's order."""
    document = _document(landscape=True)
    _header(document, organization, on, f"Lập ngày {_d(on)}")
    layout._para(document, BOOKS[which], 16, bold=True, before=12, after=6)
    for cell, rows in cells:
        layout._para(
            document, f"{name_on(cell, on).name} ({len(rows)} đảng viên)", 13, bold=True, align=LEFT, before=8, after=3
        )
        table = _table(document, BOOK_HEADERS, [_book_values(r) for r in rows], size=10)
        layout._widths(table, [Cm(w) for w in (1.2, 4.2, 2.2, 1.6, 3.6, 2.3, 2.3, 2.2, 2.0, 2.3, 3.1)])
    if not cells:
        layout._para(document, "Không có đảng viên.", 13, italic=True)
    return _save(document)


def as_pdf(document: bytes) -> bytes:
    return docx_to_pdf(document)
