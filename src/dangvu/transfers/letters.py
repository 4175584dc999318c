"""The letter of introduction (giấy giới thiệu sinh hoạt đảng) as Word and PDF, filled from the records.

The layout follows the forms of Hướng dẫn 12-HD/BTCTW (boxes for the card number, the profile number, the
place in the member book and the register number; "đã đóng đảng phí đến hết tháng …"; the validity; the
receiving committee's part), in the Party's document format (reports' header: superior and issuing body,
number, place and date). The Word file is a docxtpl template built here once per process, so its fields are
named like the report templates' (an office may later ship its own with the same names).
"""

import functools
import io

from docx import Document
from docx.shared import Cm, Mm
from docxtpl import DocxTemplate

from dangvu.core import audit
from dangvu.core.text import long_date
from dangvu.organizations.queries import name_on
from dangvu.reports import default_template as layout
from dangvu.reports.content import default_signer, header
from dangvu.reports.pdf import docx_to_pdf
from dangvu.transfers.audit_actions import TransfersAudit

from .models import OFFICIAL_KINDS, Kind, Transfer

TITLES = {
    Kind.OFFICIAL_INTERNAL: "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG",
    Kind.OFFICIAL_OTHER: "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG",
    Kind.TEMPORARY: "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG TẠM THỜI",
    Kind.ABROAD: "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG (ĐẢNG VIÊN RA NƯỚC NGOÀI)",
}
LEFT = layout.LEFT


@functools.lru_cache(maxsize=1)
def template_bytes() -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    layout._no_borders(table)
    layout._widths(table, [Cm(7.0), Cm(9.0)])
    left, right = table.rows[0].cells
    list(
        layout._cell_lines(
            left,
            [
                ("{{ header.superior }}", 13, {}),
                ("{{ header.issuer }}", 13, {"bold": True}),
                ("*", 13, {}),
                ("Số {{ number }}/GTSHĐ", 13, {}),
            ],
        )
    )
    party, _, place = layout._cell_lines(
        right,
        [
            ("ĐẢNG CỘNG SẢN VIỆT NAM", 14, {"bold": True}),
            ("", 13, {}),
            ("{{ header.place_date }}", 13, {"italic": True}),
        ],
    )
    layout._rule_under(party, 0.25)
    boxes = document.add_table(rows=2, cols=4)
    boxes.style = "Table Grid"
    for cell, text in zip(
        boxes.rows[0].cells,
        ["Số thẻ đảng viên", "Số lý lịch", "Số sổ danh sách đảng viên", "Số sổ giới thiệu sinh hoạt đảng"],
        strict=True,
    ):
        list(layout._cell_lines(cell, [(text, 11, {"bold": True})]))
    for cell, text in zip(
        boxes.rows[1].cells,
        ["{{ card_number }}", "{{ profile_number }}", "{{ book_number }}", "{{ number }}"],
        strict=True,
    ):
        list(layout._cell_lines(cell, [(text, 12, {})]))
    layout._para(document, "{{ title }}", 15, bold=True, before=12, after=6)
    for text in [
        "Kính gửi: {{ addressee }}",
        "Giới thiệu đồng chí: {{ name }}, sinh ngày {{ birth_date }}",
        "Quê quán: {{ hometown }}",
        "Vào Đảng ngày {{ admitted_on }}; chính thức ngày {{ official_on }}",
        "Là đảng viên {{ status }} của {{ source }}",
        "Đã đóng đảng phí đến hết tháng {{ dues_month }}",
        "Được chuyển sinh hoạt đảng {{ movement }} đến {{ destination }}{{ until }}",
        "Lý do: {{ reason }}",
        "Đề nghị các đồng chí tiếp nhận và quản lý đảng viên theo quy định. Giấy này có giá trị đến hết ngày "
        "{{ valid_until }}.",
    ]:
        layout._para(document, text, 13, align=LEFT, after=3)
    signature = document.add_table(rows=1, cols=2)
    layout._no_borders(signature)
    _, sign = signature.rows[0].cells
    list(
        layout._cell_lines(
            sign,
            [
                ("T/M {{ header.issuer_short|upper }}", 13, {"bold": True}),
                ("{{ signer_post }}", 13, {"bold": True}),
                ("", 13, {}),
                ("", 13, {}),
                ("{{ signer_name }}", 13, {"bold": True}),
            ],
        )
    )
    layout._para(document, "PHẦN TIẾP NHẬN CỦA CẤP ỦY NƠI ĐẾN", 13, bold=True, before=18, after=3)
    layout._para(
        document, "Đã tiếp nhận đồng chí {{ name }} ngày {{ received_on }}; số vào sổ {{ receipt }}.", 13, align=LEFT
    )
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _date(value) -> str:
    return f"{value:%d/%m/%Y}" if value else "…"


def context(transfer: Transfer) -> dict[str, str]:
    """What the letter says, from the transfer and the member's record as fixed when it was issued."""
    member, person, on = transfer.member, transfer.member.person, transfer.issued_on
    head = header(transfer.issuer, on, str(transfer.letter_number))
    post, signer = default_signer(transfer.issuer, on)
    destination = name_on(transfer.destination, on).name if transfer.destination_id else transfer.destination_unit
    if transfer.destination_id:
        from . import rules

        addressee = name_on(rules.grassroots_of(transfer.destination, on), on).committee_name
    else:
        addressee = transfer.destination_unit
    status = "chính thức" if member.official_on and member.official_on <= on else "dự bị"
    return {
        "header": head,
        "number": str(transfer.letter_number),
        "title": TITLES[transfer.kind],
        "card_number": transfer.card_number,
        "profile_number": transfer.profile_number,
        "book_number": transfer.book_number,
        "addressee": addressee,
        "name": person.full_name,
        "birth_date": _date(person.birth_date),
        "hometown": person.hometown or "…",
        "admitted_on": _date(member.admitted_on),
        "official_on": _date(member.official_on),
        "status": status,
        "source": name_on(transfer.source, on).name,
        "dues_month": f"{transfer.dues_paid_to:%m/%Y}" if transfer.dues_paid_to else "…",
        "movement": "chính thức" if transfer.kind in OFFICIAL_KINDS else "tạm thời",
        "destination": destination,
        "until": f" đến ngày {_date(transfer.temporary_until)}" if transfer.temporary_until else "",
        "reason": " ".join(
            p
            for p in (
                transfer.reason,
                transfer.decision_number and f"theo {transfer.decision_number} ngày {_date(transfer.decision_on)}",
            )
            if p
        )
        or "…",
        "valid_until": _date(transfer.present_due),
        "signer_post": post or "BÍ THƯ",
        "signer_name": signer,
        "received_on": _date(transfer.received_on) if transfer.destination_id else "…",
        "receipt": str(transfer.receipt_number or "…"),
        "long_date": long_date(on),
    }


def letter_docx(transfer: Transfer) -> bytes:
    document = DocxTemplate(io.BytesIO(template_bytes()))
    document.render(context(transfer), autoescape=True)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def letter_pdf(transfer: Transfer) -> bytes:
    return docx_to_pdf(letter_docx(transfer))


def record_read(scope, transfer: Transfer, fmt: str) -> None:
    """A letter carries personal data: who printed it goes to the audit trail."""
    audit.record(
        scope.user,
        TransfersAudit.TRANSFER_LETTER_READ,
        transfer,
        after={"format": fmt},
        organization=transfer.issuer,
        object_label=f"Giấy giới thiệu {transfer.letter_label}: {transfer.member.person.full_name}",
    )
