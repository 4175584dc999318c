"""Builds the Word template shipped with the system (docx_templates/bao-cao.docx) in the Party's format.

The file is a docxtpl template: Jinja tags ({{ header.issuer }}, {%p for s in sections %} …) inside an
ordinary Word document that an administrator downloads, edits in Word and uploads again. This module only
regenerates the shipped file: `uv run python -m dangvu.reports.default_template`.

Layout (36-HD/VPTW): A4; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New Roman. Two-column
header (superior and issuing body, star, number | party name with a rule, place and date in italics), the
document type and summary, numbered sections, the signature block and recipients, then the figures appendix.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
PATH = Path(__file__).parent / "docx_templates" / "bao-cao.docx"
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


def _font(run, size: float, bold=False, italic=False, underline=False) -> None:
    run.font.name = FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    run.font.size = Pt(size)
    run.font.bold, run.font.italic, run.font.underline = bold, italic, underline


def _para(
    container,
    text: str = "",
    size: float = 14,
    *,
    align=CENTER,
    bold=False,
    italic=False,
    underline=False,
    indent: float | None = None,
    before: float = 0,
    after: float = 0,
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    spacing = paragraph.paragraph_format
    spacing.space_before, spacing.space_after = Pt(before), Pt(after)
    if indent is not None:
        spacing.first_line_indent = Cm(indent)
    if text:
        _font(paragraph.add_run(text), size, bold, italic, underline)
    return paragraph


def _rule_under(paragraph, inset_cm: float) -> None:
    """A solid rule under a paragraph, inset so that it is about as long as the words."""
    paragraph.paragraph_format.left_indent = Cm(inset_cm)
    paragraph.paragraph_format.right_indent = Cm(inset_cm)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _widths(table, widths: list) -> None:
    """Column widths on the grid and on every cell (Word reads the cells, LibreOffice the grid)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _first_cell_paragraph(cell):
    """Cells start with one empty paragraph: reuse it for the first line."""
    return cell.paragraphs[0]


def _cell_lines(cell, lines: list[tuple]) -> None:
    for i, (text, size, options) in enumerate(lines):
        if i == 0:
            paragraph = _first_cell_paragraph(cell)
            paragraph.alignment = options.pop("align", CENTER)
            if text:
                _font(paragraph.add_run(text), size, **options)
        else:
            paragraph = _para(cell, text, size, **options)
        yield paragraph


def _header(document) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    _widths(table, [Cm(7.0), Cm(9.0)])
    left, right = table.rows[0].cells
    list(
        _cell_lines(
            left,
            [
                ("{{ header.superior }}", 14, {}),
                ("{{ header.issuer }}", 14, {"bold": True}),
                ("*", 14, {}),
                ("Số {{ header.number }}", 14, {}),
            ],
        )
    )
    party, _, date_line = _cell_lines(
        right,
        [
            ("ĐẢNG CỘNG SẢN VIỆT NAM", 15, {"bold": True}),
            ("", 14, {}),
            ("{{ header.place_date }}", 14, {"italic": True}),
        ],
    )
    _rule_under(party, 0.25)
    date_line.paragraph_format.space_before = Pt(6)


def _title(document) -> None:
    _para(document, "{{ doc_type }}", 16, bold=True, before=18)
    _para(document, "{{ summary }}", 14, bold=True)
    _para(document, "-----", 14, after=12)


def _body(document) -> None:
    options = {"align": JUSTIFY, "indent": 1.27, "before": 6}
    _para(document, "{%p for s in sections %}", 14, **options)
    _para(document, "{%p if s.level == 3 %}", 14, **options)
    _para(document, "{{ s.number }} {{ s.heading }}", 14, bold=True, italic=True, **options)
    _para(document, "{%p else %}", 14, **options)
    _para(document, "{{ s.number }} {{ s.heading }}", 14, bold=True, **options)
    _para(document, "{%p endif %}", 14, **options)
    _para(document, "{%p for text in s.paragraphs %}", 14, **options)
    _para(document, "{{ text }}", 14, **options)
    _para(document, "{%p endfor %}", 14, **options)
    _para(document, "{%p endfor %}", 14, **options)


def _signature(document) -> None:
    _para(document, "", 14, after=6)
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    _widths(table, [Cm(8), Cm(8)])
    left, right = table.rows[0].cells
    recipients = [
        ("Nơi nhận:", 12, {"align": LEFT, "bold": True, "italic": True, "underline": True}),
        ("- Thường trực {{ header.superior_short }} (để báo cáo),", 12, {"align": LEFT}),
        ("- Các đồng chí {{ header.issuer_short }} viên,", 12, {"align": LEFT}),
        ("- Các tổ chức cơ sở đảng trực thuộc,", 12, {"align": LEFT}),
        ("- Lưu Văn phòng {{ header.issuer_short }}.", 12, {"align": LEFT}),
    ]
    list(_cell_lines(left, recipients))
    signature = [
        ("T/M BAN THƯỜNG VỤ", 14, {"bold": True}),
        ("{{ signer.post }}", 14, {}),
        ("", 14, {}),
        ("", 14, {}),
        ("", 14, {}),
        ("{{ signer.name }}", 14, {"bold": True}),
    ]
    list(_cell_lines(right, signature))
    document.add_paragraph()


def _appendix(document) -> None:
    breaker = document.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    _para(document, "PHỤ LỤC", 14, bold=True)
    _para(document, "Số liệu công tác xây dựng Đảng {{ period.label }}", 14, bold=True)
    _para(document, "(Kèm theo Báo cáo số {{ header.number }})", 13, italic=True, after=6)
    table = document.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, [Cm(1.2), Cm(7.4), Cm(2.5), Cm(2.5), Cm(2.5)])
    heads = ["STT", "Chỉ tiêu", "{{ period.label }}", "Kỳ trước ({{ previous_period }})", "Cùng kỳ năm trước"]
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _font(cell.paragraphs[0].add_run(text), 12, bold=True)
        cell.paragraphs[0].alignment = CENTER
    _font(table.rows[1].cells[0].paragraphs[0].add_run("{%tr for row in table %}"), 12)
    cells = ["{{ row.number }}", "{{ row.label }}", "{{ row.value }}", "{{ row.previous }}", "{{ row.year_earlier }}"]
    for i, (cell, text) in enumerate(zip(table.rows[2].cells, cells, strict=True)):
        cell.paragraphs[0].alignment = LEFT if i == 1 else CENTER
        _font(cell.paragraphs[0].add_run(text), 12)
    _font(table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}"), 12)
    _para(document, "{%p for c in charts %}", 12, before=6)
    _para(document, "{{ c.image }}", 12, before=12)
    _para(document, "{{ c.title }}", 12, italic=True)
    _para(document, "{%p endfor %}", 12)


def new_document() -> Document:
    """An empty A4 document with the format's margins and font (other apps' templates start from it)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    return document


def build(path: Path = PATH) -> Path:
    document = new_document()
    _header(document)
    _title(document)
    _body(document)
    _signature(document)
    _appendix(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


if __name__ == "__main__":
    print(build())
