"""The transfer pages and the letter as Word and PDF, as an office user works with them."""

import io
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from dangvu.accounts.scope import scope_for
from dangvu.core.models import AuditEvent
from dangvu.transfers.models import State, Transfer


@pytest.fixture
def office(client, users):
    client.force_login(users["office"])
    return client


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_an_office_requests_issues_and_prints_a_letter(office, users, tree, make_member):
    member = make_member(
        tree["cell_a"], family="Đỗ", middle="Minh", given="Khoa", card_number="035001234", hometown="Thanh Liêm, Hà Nam"
    )
    detail = office.get(reverse("member_detail", args=[member.pk]))
    assert reverse("transfers_request", args=[member.pk]) in detail.content.decode()
    url = reverse("transfers_request", args=[member.pk])
    bad = office.post(
        url,
        {
            "kind": "official_internal",
            "destination": "khong-co",
            "decision_on": "2020-08-20",
            "requested_on": "2020-08-27",
        },
    )
    assert bad.status_code == 200 and "Không tìm thấy tổ chức “khong-co” trong hệ thống." in bad.content.decode()
    done = office.post(
        url,
        {
            "kind": "official_internal",
            "destination": "qt-cb2",
            "decision_on": "2020-08-20",
            "requested_on": "2020-08-27",
            "decision_number": "QĐ 15/QĐ-UBND",
            "reason": "Chuyển nơi cư trú",
        },
    )
    transfer = Transfer.objects.get(member=member)
    assert done.status_code == 302 and done["Location"] == reverse("transfers_detail", args=[transfer.pk])
    page = office.get(done["Location"]).content.decode()
    assert "Đã đề nghị" in page and reverse("transfers_step", args=[transfer.pk, "cap-giay"]) in page
    step = reverse("transfers_step", args=[transfer.pk, "cap-giay"])
    missing = office.post(
        step, {"on": "2020-09-10", "profile_number": "LL-88", "book_number": "7", "dues_paid_to": "13/2020"}
    )
    assert missing.status_code == 200 and "errorlist" in missing.content.decode()
    office.post(step, {"on": "2020-09-10", "profile_number": "LL-88", "book_number": "7", "dues_paid_to": "09/2020"})
    transfer.refresh_from_db()
    assert transfer.state == State.ISSUED and transfer.letter_number == 1

    word = office.get(reverse("transfers_letter", args=[transfer.pk, "docx"]))
    assert word.status_code == 200
    text = _text(word.content)
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY PHƯỜNG QUANG TRUNG",
        "Số 1/GTSHĐ",
        "Đỗ Minh Khoa",
        "035001234",
        "LL-88",
        "Đã đóng đảng phí đến hết tháng 09/2020",
        "Chi bộ tổ dân phố số 2",
        "Thanh Liêm, Hà Nam",
        "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG",
    ):
        assert expected in text, expected
    assert AuditEvent.objects.filter(action="transfer.letter_read", object_id=str(transfer.pk)).exists()

    register = office.get(reverse("transfers_register", args=["quangtrung", 2020])).content.decode()
    assert "Đỗ Minh Khoa" in register and "035001234" in register
    listing = office.get(reverse("transfers_list") + "?to_chuc=qt-cb2&huong=den").content.decode()
    assert "Đỗ Minh Khoa" in listing
    assert "Đỗ Minh Khoa" in office.get(reverse("transfers_due")).content.decode()

    office.post(reverse("transfers_step", args=[transfer.pk, "tiep-nhan"]), {"on": "2020-10-05"})
    member.refresh_from_db()
    assert member.organization == tree["cell_b"]


def test_the_letter_as_pdf(office, users, tree, make_member):
    from dangvu.transfers import actions

    member = make_member(tree["cell_a"], family="Vũ", middle="Thu", given="Hà", gender="female")
    scope = scope_for(users["office"])
    transfer = actions.request(
        scope,
        member,
        kind="temporary",
        destination=tree["school"],
        decision_on=date(2020, 9, 1),
        requested_on=date(2020, 9, 2),
        temporary_until=date(2021, 3, 1),
    )
    actions.issue_letter(scope, transfer, on=date(2020, 9, 3), dues_paid_to=date(2020, 8, 1))
    response = office.get(reverse("transfers_letter", args=[transfer.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    for expected in ("GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG TẠM THỜI", "Vũ Thu Hà", "08/2020", "01/03/2021"):
        assert expected in text, expected


def test_bad_input_on_the_arrival_form_is_a_message_not_an_error(office, tree):
    response = office.post(
        reverse("transfers_arrival"),
        {
            "p-family_name": "Hồ",
            "p-given_name": "Lan",
            "p-gender": "female",
            "p-birth_date": "1990-01-01",
            "t-destination": tree["cell_a"].code,
            "t-on": "2020-09-01",
            "t-source_unit": "",
            "t-letter_number": "",
            "t-issued_on": "2020-08-30",
            "t-admitted_on": "2015-01-01",
        },
    )
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode() or "Cần ghi" in response.content.decode()
    assert not Transfer.objects.exists()
    assert office.get(reverse("transfers_letter", args=[999, "exe"])).status_code == 404
