"""Builds the Word template shipped for the monthly collection sheet (docx_templates/so-thu-dang-phi.docx):
`uv run python -m dangvu.dues.sheet_template`. A docxtpl template in the layout of the report template (Times
New Roman, the two-column header of the committee and the Party, A4 landscape), that staff may edit in Word.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Mm

from dangvu.reports import default_template as layout

TEMPLATE = Path(__file__).parent / "docx_templates" / "so-thu-dang-phi.docx"
COLUMNS = ["TT", "Họ và tên", "Phải đóng (đồng)", "Đã nộp (đồng)", "Ngày nộp", "Hình thức", "Cách tính"]


def build_template(path: Path = TEMPLATE) -> None:
    """The shipped Word template: A4 landscape, the header, the title, a table whose row repeats per line."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(15)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    layout._no_borders(table)
    layout._widths(table, [Cm(10.0), Cm(14.0)])
    left, right = table.rows[0].cells
    list(
        layout._cell_lines(
            left,
            [("{{ header.issuer }}", 13, {}), ("{{ header.organization|upper }}", 13, {"bold": True}), ("*", 13, {})],
        )
    )
    party, _ = layout._cell_lines(
        right, [("ĐẢNG CỘNG SẢN VIỆT NAM", 14, {"bold": True}), ("{{ place_date }}", 13, {"italic": True})]
    )
    layout._rule_under(party, 2.5)
    layout._para(document, "{{ title }}", 15, bold=True, before=12)
    layout._para(document, "(Căn cứ: {{ regulation }})", 12, italic=True, after=8)
    grid = document.add_table(rows=4, cols=len(COLUMNS))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(1.2), Cm(5.5), Cm(3.2), Cm(3.2), Cm(2.6), Cm(3.0), Cm(7.5)]
    for cell, text in zip(grid.rows[0].cells, COLUMNS, strict=True):
        list(layout._cell_lines(cell, [(text, 12, {"bold": True})]))
    grid.rows[1].cells[0].paragraphs[0].add_run("{%tr for l in lines %}")
    values = [
        "{{ l.number }}",
        "{{ l.name }}",
        "{{ l.due }}",
        "{{ l.paid }}",
        "{{ l.paid_on }}",
        "{{ l.method }}",
        "{{ l.explanation }}",
    ]
    for index, (cell, text) in enumerate(zip(grid.rows[2].cells, values, strict=True)):
        options = {"align": layout.LEFT} if index in (1, 6) else {}
        list(layout._cell_lines(cell, [(text, 11 if index == 6 else 12, options)]))
    grid.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    total = grid.add_row().cells
    list(
        layout._cell_lines(
            total[1],
            [("Cộng: {{ count }} đảng viên, {{ paid_count }} đã nộp", 12, {"bold": True, "align": layout.LEFT})],
        )
    )
    list(layout._cell_lines(total[2], [("{{ total_due }}", 12, {"bold": True})]))
    list(layout._cell_lines(total[3], [("{{ total_paid }}", 12, {"bold": True})]))
    layout._widths(grid, widths)
    signature = document.add_table(rows=1, cols=2)
    layout._no_borders(signature)
    layout._widths(signature, [Cm(12.0), Cm(12.0)])
    for cell, title in zip(signature.rows[0].cells, ("NGƯỜI THU ĐẢNG PHÍ", "T/M CHI BỘ\nBÍ THƯ"), strict=True):
        list(layout._cell_lines(cell, [(part, 13, {"bold": True}) for part in title.split("\n")]))
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)


if __name__ == "__main__":
    build_template()
