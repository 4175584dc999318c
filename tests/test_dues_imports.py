"""Imports of dues records: the bases from Excel (all or nothing) and the portal's payment file reconciled by a
configurable column mapping (matched, differing, unmatched, duplicate), written only on request."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.dues import actions, imports
from dangvu.dues.models import Basis, Line

FEB = date(2026, 2, 1)


def xlsx(rows, name="tep.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def people(users, tree, make_member, other_tree):
    office = scope_for(users["office"])
    a = make_member(tree["cell_a"], given="An")
    b = make_member(tree["cell_b"], given="Bình")
    outside = make_member(other_tree["cell"], given="Xa")
    return {"office": office, "a": a, "b": b, "outside": outside}


def test_bases_import_writes_all_lines(people, tree):
    a, b = people["a"], people["b"]
    upload = xlsx(
        [
            ["Số CCCD", "Họ và tên", "Đối tượng", "Số tiền", "Từ tháng", "Ghi chú"],
            [a.person.citizen_id, "Nguyễn Văn An", "Tiền lương làm căn cứ đóng BHXH", 6_100_000, "01/2026", ""],
            [b.person.citizen_id, "Nguyễn Văn Bình", "Lương hưu", "4.500.000", "02/2026", "Hưu trí"],
        ]
    )
    assert imports.import_bases(people["office"], upload) == 2
    actions.compute_month(people["office"], tree["ward"], FEB)
    assert Line.objects.get(member=a, month=FEB).due == 61_000
    assert Line.objects.get(member=b, month=FEB).due == 22_500
    assert AuditEvent.objects.filter(action="dues.import_bases").exists()


def test_bases_import_with_errors_writes_nothing(people):
    a = people["a"]
    upload = xlsx(
        [
            ["Số CCCD", "Đối tượng", "Số tiền", "Từ tháng"],
            [a.person.citizen_id, "Lương hưu", 4_000_000, "02/2026"],
            [people["outside"].person.citizen_id, "Lương hưu", 4_000_000, "02/2026"],
            [a.person.citizen_id, "Thợ săn", 1, "02/2026"],
            ["035080999999", "Khác", 500, "13/2026"],
        ]
    )
    with pytest.raises(RuleViolation) as caught:
        imports.import_bases(people["office"], upload)
    text = "\n".join(caught.value.messages)
    assert "Dòng 3: Không tìm thấy đảng viên có số CCCD" in text
    assert "Dòng 4: Đối tượng 'Thợ săn' không hợp lệ" in text
    assert "Dòng 5: Tháng '13/2026' không đúng dạng tháng/năm (ví dụ 03/2026)." in text
    assert not Basis.objects.exists()
    with pytest.raises(RuleViolation) as caught:
        imports.import_bases(people["office"], xlsx([["Họ và tên"], ["An"]]))
    assert "Không thấy cột 'Số CCCD'" in caught.value.messages[0]


def portal_file(
    people, rows, headers=("Số định danh cá nhân", "Họ tên", "Kỳ đóng", "Số tiền", "Ngày giao dịch", "Mã giao dịch")
):
    return xlsx([list(headers), *rows], "cong-dvc.xlsx")


def test_portal_file_reconciled_and_written_on_request(people, tree):
    office, a, b = people["office"], people["a"], people["b"]
    actions.set_basis(office, a, kind="other", amount=10_000, first_month=FEB)
    actions.set_basis(office, b, kind="other", amount=20_000, first_month=FEB)
    actions.compute_month(office, tree["ward"], FEB)
    rows = [
        [a.person.citizen_id, "An", "02/2026", 10_000, "05/02/2026", "GD1"],
        [b.person.citizen_id, "Bình", "02/2026", 15_000, "06/02/2026", "GD2"],
        [a.person.citizen_id, "An", "02/2026", 10_000, "05/02/2026", "GD3"],
        [people["outside"].person.citizen_id, "Xa", "02/2026", 10_000, "05/02/2026", "GD4"],
        ["035080999999", "Không rõ", "02/2026", 10_000, "05/02/2026", "GD5"],
        [a.person.citizen_id, "An", "03/2026", 10_000, "05/03/2026", "GD6"],
    ]
    found = imports.reconcile(office, portal_file(people, rows))
    assert [r.status for r in found] == ["matched", "differing", "duplicate", "unmatched", "unmatched", "unmatched"]
    assert "tệp ghi 15.000 đ" in found[1].note
    assert "Chưa có sổ đảng phí tháng 03/2026" in found[5].note
    assert not Line.objects.filter(paid__isnull=False).exists()  # reading writes nothing
    assert imports.apply_portal(office, found, filename="cong-dvc.xlsx") == 2
    line = Line.objects.get(member=a, month=FEB)
    assert (line.paid, line.method, line.reference, line.paid_on) == (10_000, "portal", "GD1", date(2026, 2, 5))
    assert Line.objects.get(member=b, month=FEB).paid == 15_000
    again = imports.reconcile(office, portal_file(people, rows[:1]))
    assert again[0].status == "duplicate" and "đã ghi nộp qua Cổng" in again[0].note


def test_portal_columns_are_configurable(people, tree, settings):
    office, a = people["office"], people["a"]
    actions.set_basis(office, a, kind="other", amount=10_000, first_month=FEB)
    actions.compute_month(office, tree["ward"], FEB)
    headers = ("MA_DINH_DANH", "KY_THANH_TOAN", "SO_TIEN")
    upload = portal_file(people, [[a.person.citizen_id, "2026-02", 10_000]], headers)
    with pytest.raises(RuleViolation) as caught:
        imports.reconcile(office, upload)
    assert "Không thấy cột 'Kỳ đóng', 'Số tiền'" in caught.value.messages[0]
    settings.DANGVU_DUES_PORTAL_COLUMNS = {
        "citizen_id": ["MA_DINH_DANH"],
        "month": ["KY_THANH_TOAN"],
        "amount": ["SO_TIEN"],
    }
    upload = portal_file(people, [[a.person.citizen_id, "2026-02", 10_000]], headers)
    assert [r.status for r in imports.reconcile(office, upload)] == ["matched"]


def test_import_pages(client, users, people, tree):
    a = people["a"]
    actions.set_basis(people["office"], a, kind="other", amount=10_000, first_month=FEB)
    actions.compute_month(people["office"], tree["ward"], FEB)
    client.force_login(users["office"])
    page = client.post(
        reverse("dues_import_portal"),
        {
            "file": portal_file(people, [[a.person.citizen_id, "An", "02/2026", 10_000, "05/02/2026", "GD1"]]),
            "col_citizen_id": "Số định danh cá nhân",
            "col_month": "Kỳ đóng",
            "col_amount": "Số tiền",
            "col_paid_on": "Ngày giao dịch",
            "col_reference": "Mã giao dịch",
        },
    ).content.decode()
    assert "Khớp: 1" in page and "Nguyễn Văn An" in page
    assert not Line.objects.filter(paid__isnull=False).exists()
    bad = client.post(reverse("dues_import_bases"), {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")})
    assert bad.status_code == 200 and "không phải bảng tính Excel" in bad.content.decode()
    assert client.get(reverse("dues_bases_template")).status_code == 200
    client.force_login(users["member"])
    assert client.get(reverse("dues_import_portal")).status_code == 403
