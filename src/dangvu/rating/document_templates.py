"""Builds the Word templates shipped with the rating app (docx_templates/*.docx) in the Party's format, with
the helpers of `dangvu.reports.default_template`: the member's self-assessment form (Mẫu 2A/2B/2C), the
organization's report (Mẫu 01) and the decision listing the grades. They are docxtpl templates, filled by
`documents.py`; regenerate them with `uv run python -m dangvu.rating.document_templates`.
"""

from pathlib import Path

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm

from dangvu.reports.default_template import (
    CENTER,
    JUSTIFY,
    LEFT,
    _cell_lines,
    _font,
    _header,
    _no_borders,
    _para,
    _rule_under,
    _signature,
    _widths,
    new_document,
)

FOLDER = Path(__file__).parent / "docx_templates"
MEMBER_FORM, ORGANIZATION_REPORT, DECISION = (
    FOLDER / name for name in ("mau-2.docx", "mau-01.docx", "quyet-dinh.docx")
)
RIGHT = 2
BODY = {"align": JUSTIFY, "indent": 1.27, "before": 6}


def _heading(document, text: str) -> None:
    _para(document, text, 14, bold=True, **BODY)


def _lines(document, expression: str) -> None:
    """A text kept as paragraphs: one per line of the field."""
    _para(document, f"{{%p for line in {expression} %}}", 14, **BODY)
    _para(document, "{{ line }}", 14, **BODY)
    _para(document, "{%p endfor %}", 14, **BODY)


def _grid(document, heads: list[str], cells: list[str], widths: list[float], rows: str) -> None:
    table = document.add_table(rows=4, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, [Cm(w) for w in widths])
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _font(cell.paragraphs[0].add_run(text), 12, bold=True)
        cell.paragraphs[0].alignment = CENTER
    _font(table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for row in {rows} %}}"), 12)
    for i, (cell, text) in enumerate(zip(table.rows[2].cells, cells, strict=True)):
        cell.paragraphs[0].alignment = CENTER if i == 0 else LEFT
        _font(cell.paragraphs[0].add_run(text), 12)
    _font(table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}"), 12)


def member_form() -> Document:
    document = new_document()
    _para(document, "{{ form_code }}", 12, align=RIGHT, italic=True)
    party = _para(document, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True)
    _rule_under(party, 4.5)
    _para(document, "{{ place_date }}", 14, align=RIGHT, italic=True, before=6)
    _para(document, "BẢN KIỂM ĐIỂM CÁ NHÂN", 16, bold=True, before=12)
    _para(document, "Năm {{ year }}", 14, bold=True)
    _para(document, "({{ form_label }})", 13, italic=True, after=12)
    for text in (
        "Họ và tên: {{ m.name }}        Ngày sinh: {{ m.birth }}",
        "Chức vụ đảng: {{ m.party_post }}",
        "Chức vụ chính quyền, đoàn thể; đơn vị công tác: {{ m.occupation }}",
        "Sinh hoạt tại: {{ m.cell }}",
        "Ngày vào Đảng: {{ m.admitted }}        Ngày chính thức: {{ m.official }}",
    ):
        _para(document, text, 14, align=LEFT, before=3)
    _heading(document, "I. ƯU ĐIỂM, KẾT QUẢ ĐẠT ĐƯỢC")
    _lines(document, "r.strengths")
    _heading(document, "II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN")
    _lines(document, "r.weaknesses")
    _heading(document, "III. KẾT QUẢ KHẮC PHỤC NHỮNG HẠN CHẾ, KHUYẾT ĐIỂM ĐÃ ĐƯỢC CẤP CÓ THẨM QUYỀN KẾT LUẬN")
    _lines(document, "r.remedies")
    _heading(document, "IV. PHƯƠNG HƯỚNG, BIỆN PHÁP KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM")
    _lines(document, "r.plan")
    _heading(document, "V. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG")
    _para(document, "{{ r.self_grade }}{{ r.score }}", 14, **BODY)
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    _widths(table, [Cm(8), Cm(8)])
    list(
        _cell_lines(
            table.rows[0].cells[1],
            [
                ("NGƯỜI TỰ KIỂM ĐIỂM", 14, {"bold": True}),
                ("(Ký, ghi rõ họ tên)", 13, {"italic": True}),
                ("", 14, {}),
                ("", 14, {}),
                ("{{ m.name }}", 14, {"bold": True}),
            ],
        )
    )
    _para(document, "NHẬN XÉT, ĐÁNH GIÁ CỦA CHI BỘ", 14, bold=True, before=18)
    _lines(document, "r.cell_comment")
    _para(document, "Chi bộ đề xuất xếp loại: {{ r.proposed }}{{ r.votes }}", 14, **BODY)
    _para(document, "ĐÁNH GIÁ, XẾP LOẠI CỦA CẤP ỦY CÓ THẨM QUYỀN", 14, bold=True, before=18)
    _para(document, "Xếp loại: {{ r.final }}", 14, **BODY)
    _para(document, "{{ r.decision }}", 14, **BODY)
    return document


def organization_report() -> Document:
    document = new_document()
    _para(document, "Mẫu 01", 12, align=RIGHT, italic=True)
    _header(document)
    _para(document, "BÁO CÁO", 16, bold=True, before=18)
    _para(document, "Kiểm điểm tập thể {{ organization }} năm {{ year }}", 14, bold=True)
    _para(document, "-----", 14, after=12)
    _heading(document, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM {{ year }}")
    _para(document, "1. Số liệu từ hồ sơ của {{ organization }}:", 14, **BODY)
    _grid(
        document,
        ["STT", "Nội dung", "Năm {{ year }}"],
        ["{{ row.number }}", "{{ row.label }}", "{{ row.value }}"],
        [1.2, 11.0, 3.5],
        "facts",
    )
    _para(document, "2. Đánh giá của tập thể:", 14, **BODY)
    _lines(document, "r.results")
    _heading(document, "II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN")
    _lines(document, "r.weaknesses")
    _heading(document, "III. PHƯƠNG HƯỚNG, BIỆN PHÁP KHẮC PHỤC")
    _lines(document, "r.plan")
    _heading(document, "IV. TỰ ĐÁNH GIÁ, XẾP LOẠI")
    _para(document, "{{ organization }} tự xếp loại: {{ r.self_grade }}.", 14, **BODY)
    _signature(document)
    return document


def decision() -> Document:
    document = new_document()
    _header(document)
    _para(document, "QUYẾT ĐỊNH", 16, bold=True, before=18)
    _para(document, "về việc xếp loại chất lượng đảng viên và tổ chức đảng năm {{ year }}", 14, bold=True)
    _para(document, "-----", 14, after=12)
    _para(document, "{{ header.issuer }}", 14, bold=True)
    for text in (
        "- Căn cứ Điều lệ Đảng;",
        "- Căn cứ {{ regulation }};",
        "- Xét đề nghị của các chi bộ và kết quả kiểm điểm, đánh giá năm {{ year }},",
    ):
        _para(document, text, 14, **BODY)
    _para(document, "QUYẾT ĐỊNH", 14, bold=True, before=12)
    _para(
        document,
        "Điều 1. Xếp loại chất lượng năm {{ year }} đối với {{ member_count }} đảng viên và "
        "{{ organization_count }} tổ chức đảng (có danh sách kèm theo), trong đó:",
        14,
        **BODY,
    )
    _para(document, "{%p for line in phrases %}", 14, **BODY)
    _para(document, "- {{ line }};", 14, **BODY)
    _para(document, "{%p endfor %}", 14, **BODY)
    _para(
        document,
        "Điều 2. Các chi bộ, đảng viên và tổ chức đảng có tên tại Điều 1 căn cứ Quyết định thi hành.",
        14,
        **BODY,
    )
    _signature(document)
    _para(document, "DANH SÁCH XẾP LOẠI CHẤT LƯỢNG NĂM {{ year }}", 14, bold=True, before=12)
    _para(document, "(Kèm theo Quyết định số {{ header.number }})", 13, italic=True, after=6)
    _grid(
        document,
        ["STT", "Họ và tên / Tổ chức đảng", "Chi bộ", "Xếp loại"],
        ["{{ row.number }}", "{{ row.name }}", "{{ row.unit }}", "{{ row.grade }}"],
        [1.2, 6.0, 5.0, 4.0],
        "rows",
    )
    return document


def build() -> list[Path]:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for path, builder in ((MEMBER_FORM, member_form), (ORGANIZATION_REPORT, organization_report), (DECISION, decision)):
        builder().save(path)
    return [MEMBER_FORM, ORGANIZATION_REPORT, DECISION]


if __name__ == "__main__":
    print(build())
