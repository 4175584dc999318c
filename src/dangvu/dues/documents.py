"""The monthly collection sheet (sổ thu đảng phí) of a cell as Word (docxtpl, from a template staff can edit in
Word), PDF (LibreOffice) and Excel; every download is recorded in the audit trail.

The shipped template is built by `dangvu.dues.sheet_template`.
"""

import io

import openpyxl
from docxtpl import DocxTemplate
from openpyxl.styles import Alignment, Font

from dangvu.core import audit
from dangvu.core.text import long_date
from dangvu.dues.audit_actions import DuesAudit
from dangvu.members.excel.cells import safe_cell
from dangvu.reports.content import header
from dangvu.reports.pdf import docx_to_pdf

from . import rules
from .queries import Sheet
from .sheet_template import COLUMNS, TEMPLATE


def context(sheet: Sheet) -> dict:
    """What the template and the Excel file show: the header as of the month's last day, the lines, totals."""
    end = rules.month_end(sheet.month)
    head = header(sheet.cell, end)
    return {
        "header": head,
        "title": f"SỔ THU ĐẢNG PHÍ THÁNG {sheet.month:%m/%Y}",
        "regulation": sheet.regulation,
        "lines": [
            {
                "number": index,
                "name": line.member.person.full_name,
                "due": rules.vnd(line.due),
                "paid": rules.vnd(line.paid) if line.paid is not None else "",
                "paid_on": f"{line.paid_on:%d/%m/%Y}" if line.paid_on else "",
                "method": line.get_method_display(),
                "explanation": line.explanation,
            }
            for index, line in enumerate(sheet.lines, start=1)
        ],
        "total_due": rules.vnd(sheet.total_due),
        "total_paid": rules.vnd(sheet.total_paid),
        "count": len(sheet.lines),
        "paid_count": sheet.paid_count,
        "place_date": f"{head['place_date'].split(',')[0]}, {long_date(end)}",
    }


def _record(actor, sheet: Sheet, kind: str) -> None:
    audit.record(
        actor,
        DuesAudit.DUES_SHEET_EXPORT,
        None,
        object_type="organizations.organization",
        object_label=f"Sổ thu đảng phí {sheet.cell.name} tháng {sheet.month:%m/%Y} ({kind})",
        organization=sheet.cell,
        after={"month": str(sheet.month), "rows": len(sheet.lines), "format": kind},
    )


def sheet_docx(actor, sheet: Sheet) -> bytes:
    document = DocxTemplate(str(TEMPLATE))
    document.render(context(sheet), autoescape=True)
    output = io.BytesIO()
    document.save(output)
    _record(actor, sheet, "docx")
    return output.getvalue()


def sheet_pdf(actor, sheet: Sheet) -> bytes:
    document = sheet_docx(None, sheet)
    _record(actor, sheet, "pdf")
    return docx_to_pdf(document)


def sheet_xlsx(actor, sheet: Sheet) -> bytes:
    data = context(sheet)
    book = openpyxl.Workbook(write_only=True)
    page = book.create_sheet(f"Tháng {sheet.month:%m-%Y}")
    for width, letter in zip((5, 30, 16, 16, 12, 16, 70), "ABCDEFG", strict=True):
        page.column_dimensions[letter].width = width
    page.append([safe_cell(page, data["header"]["issuer"])])
    page.append([safe_cell(page, data["header"]["organization"])])
    page.append([safe_cell(page, data["title"])])
    page.append([safe_cell(page, data["regulation"])])
    page.append([])
    heading = []
    for text in COLUMNS:
        cell = safe_cell(page, text)
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True)
        heading.append(cell)
    page.append(heading)
    for number, line in enumerate(sheet.lines, start=1):
        page.append(
            [
                safe_cell(page, value)
                for value in (
                    number,
                    line.member.person.full_name,
                    line.due,
                    line.paid,
                    line.paid_on,
                    line.get_method_display(),
                    line.explanation,
                )
            ]
        )
    page.append(
        [
            None,
            safe_cell(page, f"Cộng ({data['count']} đảng viên, {data['paid_count']} đã nộp)"),
            sheet.total_due,
            sheet.total_paid,
        ]
    )
    output = io.BytesIO()
    book.save(output)
    _record(actor, sheet, "xlsx")
    return output.getvalue()
