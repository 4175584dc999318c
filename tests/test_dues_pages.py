"""The dues pages as their users see them: a member's own dues on their record, the cell's sheet with the quick
entry, the Word/PDF/Excel sheet, arrears with the strike-off proposal decided by the level above, remittance."""

import io
import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.accounts.scope import scope_for
from dangvu.core.models import AuditEvent
from dangvu.dues import actions
from dangvu.dues.models import Line, ProposalStatus, StrikeOffProposal
from reports_support import docx_text

JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)


@pytest.fixture
def cell(users, tree, make_member):
    office = scope_for(users["office"])
    other = make_member(tree["cell_a"], given="Tâm")
    actions.set_basis(
        office, users["own_member"], kind="insured_salary", amount=5_200_000, first_month=date(2025, 12, 1)
    )
    actions.set_basis(office, other, kind="pension", amount=6_000_000, first_month=date(2025, 12, 1))
    for month in (JAN, FEB):
        actions.compute_month(office, tree["ward"], month)
    return {"office": office, "other": other, "own": users["own_member"]}


def login(client, users, role):
    client.force_login(users[role])
    return client


def sheet_url(tree, name="dues_sheet", month="02/2026"):
    return reverse(name, args=[tree["cell_a"].code]) + f"?thang={month}"


def test_member_sees_own_dues_with_how_computed(client, users, cell):
    login(client, users, "member")
    page = client.get(reverse("member_detail", args=[cell["own"].pk])).content.decode()
    assert "Đảng phí" in page
    assert "1% × 5.200.000 đ (tiền lương làm căn cứ đóng BHXH tháng 01/2026) = 52.000 đ theo 01-QĐ/TW" in page
    assert "Ghi căn cứ đóng" not in page  # a member reads, does not change
    assert client.get(reverse("member_detail", args=[cell["other"].pk])).status_code == 404
    assert client.get(reverse("dues_basis", args=[cell["own"].pk])).status_code in (403, 404)


def test_cell_secretary_enters_the_whole_month(client, users, tree, cell):
    login(client, users, "cell_secretary")
    page = client.get(sheet_url(tree)).content.decode()
    assert "Sổ thu đảng phí tháng 02/2026" in page and "Lê Thị Hoa" in page and "52.000 đ" in page
    own, other = cell["own"], cell["other"]
    response = client.post(
        sheet_url(tree),
        {
            "ngay_nop": "2026-02-10",
            f"l{own.pk}-paid": "52.000",
            f"l{own.pk}-method": "portal",
            f"l{other.pk}-paid": "30000",
            f"l{other.pk}-paid_on": "2026-02-12",
            f"l{other.pk}-method": "cash",
        },
    )
    assert response.status_code == 302
    lines = {li.member_id: li for li in Line.objects.filter(month=FEB)}
    assert (lines[own.pk].paid, lines[own.pk].paid_on, lines[own.pk].method) == (52_000, date(2026, 2, 10), "portal")
    assert lines[other.pk].paid_on == date(2026, 2, 12)
    # Bad input: a message, nothing changed, never a 500.
    response = client.post(
        sheet_url(tree), {"ngay_nop": "2026-02-10", f"l{own.pk}-paid": "năm mươi", f"l{other.pk}-paid": ""}
    )
    assert response.status_code == 200 and "số tiền &#x27;năm mươi&#x27; không hợp lệ" in response.content.decode()
    assert Line.objects.get(member=other, month=FEB).paid == 30_000
    assert client.get(sheet_url(tree, month="13/2026")).status_code == 200
    assert client.get(reverse("dues_sheet", args=[tree["cell_b"].code])).status_code == 404


def test_sheet_as_word_and_excel(client, users, tree, cell):
    login(client, users, "cell_secretary")
    actions.record_payments(
        cell["office"], tree["cell_a"], FEB, [actions.PaymentEntry(cell["own"].pk, 52_000, date(2026, 2, 10))]
    )
    word = client.get(sheet_url(tree, "dues_sheet_docx"))
    text = docx_text(word.content)
    for expected in [
        "SỔ THU ĐẢNG PHÍ THÁNG 02/2026",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CHI BỘ TỔ DÂN PHỐ SỐ 1",
        "Lê Thị Hoa",
        "52.000 đ",
        "10/02/2026",
        "Cộng: 2 đảng viên, 1 đã nộp",
        "82.000 đ",
        "Quy định 01-QĐ/TW",
    ]:
        assert expected in text, expected
    book = load_workbook(io.BytesIO(client.get(sheet_url(tree, "dues_sheet_xlsx")).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert ("TT", "Họ và tên", "Phải đóng (đồng)", "Đã nộp (đồng)", "Ngày nộp", "Hình thức", "Cách tính") in rows
    assert any(row[1] == "Lê Thị Hoa" and row[2] == 52_000 and row[3] == 52_000 for row in rows)
    assert AuditEvent.objects.filter(action="dues.sheet_export", actor=users["cell_secretary"]).count() == 2
    # A month not computed yet: a message, no file.
    assert client.get(sheet_url(tree, "dues_sheet_xlsx", "05/2026")).status_code == 302


def test_sheet_as_pdf(client, users, tree, cell, tmp_path):
    assert shutil.which("soffice") and shutil.which("pdftotext"), "LibreOffice and pdftotext are not installed"
    login(client, users, "office")
    response = client.get(sheet_url(tree, "dues_sheet_pdf"))
    assert response["Content-Type"] == "application/pdf"
    target = tmp_path / "so-thu.pdf"
    target.write_bytes(response.content)
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True, text=True
        ).stdout.split()
    )
    assert "SỔ THU ĐẢNG PHÍ THÁNG 02/2026" in text and "Lê Thị Hoa" in text and "82.000 đ" in text


def test_arrears_page_proposal_and_decision(client, users, tree, cell):
    office = cell["office"]
    for month in (date(2026, 3, 1), date(2026, 4, 1)):
        actions.compute_month(office, tree["ward"], month)
    login(client, users, "cell_secretary")
    url = reverse("dues_arrears", args=[tree["cell_a"].code]) + "?nam=2026"
    page = client.get(url).content.decode()
    assert "Lê Thị Hoa" in page and "4 tháng chưa đóng" in page and "Đề nghị xóa tên" in page
    response = client.post(reverse("dues_propose", args=[cell["other"].pk]) + "?nam=2026")
    assert response.status_code == 302
    proposal = StrikeOffProposal.objects.get(member=cell["other"])
    assert proposal.unpaid_months == "01/2026, 02/2026, 03/2026, 04/2026"
    # The secretary cannot decide; the ward's office does.
    assert (
        client.post(
            reverse("dues_proposal", args=[proposal.pk]), {"on": "2026-06-01", "decision_number": "9-QĐ/ĐU"}
        ).status_code
        == 404
    )
    login(client, users, "office")
    assert "Chi bộ đề nghị ngày" in client.get(reverse("dues_proposal", args=[proposal.pk])).content.decode()
    response = client.post(reverse("dues_proposal", args=[proposal.pk]), {"on": "2026-06-01", "decision_number": ""})
    assert response.status_code == 200  # the number is required: shown on the form
    client.post(reverse("dues_proposal", args=[proposal.pk]), {"on": "2026-06-01", "decision_number": "9-QĐ/ĐU"})
    proposal.refresh_from_db()
    cell["other"].refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED and cell["other"].left_reason == "struck_off"


def test_home_and_remittance_pages(client, users, tree, cell):
    login(client, users, "office")
    actions.record_payments(
        cell["office"], tree["cell_a"], FEB, [actions.PaymentEntry(cell["own"].pk, 52_000, date(2026, 2, 10))]
    )
    home = client.get(reverse("dues_home") + "?thang=02/2026").content.decode()
    assert "Quy định 01-QĐ/TW" in home and "Chi bộ tổ dân phố số 1" in home
    page = client.get(reverse("dues_remittance", args=[tree["ward"].code]) + "?thang=02/2026").content.decode()
    assert "52.000 đ" in page and "15.600 đ" in page  # the cell keeps 30%
    response = client.post(
        reverse("dues_remittance", args=[tree["cell_a"].code]) + "?thang=02/2026",
        {"period_months": "1", "period_start": "02/2026", "amount": "36.400", "sent_on": "2026-03-02"},
    )
    assert response.status_code == 302
    page = client.get(reverse("dues_remittance", args=[tree["ward"].code]) + "?thang=02/2026").content.decode()
    assert "chờ xác nhận" in page and "Xác nhận đã nhận" in page
