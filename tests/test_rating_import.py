"""Importing rating results from the book: every row or none, the errors named by row and column in Vietnamese,
the error copy of the user's file, the scope of each row, the cap judged over the whole file."""

import html
import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from dangvu.core.models import AuditEvent
from dangvu.rating import actions
from dangvu.rating.models import Grade, MemberRating, Step
from rating_support import add_members

TODAY = date(2026, 2, 1)


@pytest.fixture
def round_(tree, make_member, users):
    add_members(make_member, tree["cell_a"], 5)
    add_members(make_member, tree["cell_b"], 5)
    return actions.open_round(None, organization=tree["city"], year=2023, today=TODAY)


def _book(client, round_) -> Workbook:
    return load_workbook(io.BytesIO(client.get(f"/xep-loai/{round_.pk}/so-xep-loai.xlsx").content))


def _fill(sheet, grade_of, *, number="20-QĐ/ĐU") -> None:
    """Fill every listed row: self-assessment, the cell's proposal and the decision, with `grade_of(row)`."""
    headers = [c.value for c in sheet[1]]
    col = {h: i + 1 for i, h in enumerate(headers)}
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, col["Diện"]).value:
            continue
        grade = grade_of(row)
        for header, value in (("Ngày tự kiểm điểm", "20/11/2023"), ("Tự xếp loại", grade),
                              ("Ngày chi bộ họp", "05/12/2023"), ("Chi bộ đề xuất", grade), ("Dự họp", 5),
                              ("Tán thành", 5), ("Xếp loại", grade), ("Số quyết định", number),
                              ("Ngày quyết định", "20/12/2023")):
            sheet.cell(row, col[header]).value = value


def _post(client, round_, book: Workbook):
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ket-qua.xlsx"
    return client.post(f"/xep-loai/{round_.pk}/nhap-ket-qua/", {"file": buffer})


def test_a_filled_book_is_imported_whole(client, users, round_):
    client.force_login(users["office"])
    book = _book(client, round_)
    _fill(book["Đảng viên"], lambda row: "Hoàn thành xuất sắc nhiệm vụ" if row == 2 else "Hoàn thành tốt nhiệm vụ")
    response = _post(client, round_, book)
    assert response.status_code == 302
    decided = MemberRating.objects.filter(round=round_, step=Step.DECIDED)
    assert decided.count() == 11 and decided.filter(final_grade=Grade.EXCELLENT).count() == 1
    assert AuditEvent.objects.filter(action="rating.member.import", actor=users["office"]).count() == 11


def test_errors_are_listed_and_nothing_is_written(client, users, round_):
    client.force_login(users["office"])
    book = _book(client, round_)
    sheet = book["Đảng viên"]
    _fill(sheet, lambda row: "Hoàn thành xuất sắc nhiệm vụ" if row < 6 else "Hoàn thành tốt nhiệm vụ")
    sheet.cell(3, 8).value = "Tốt lắm"  # not a grade
    sheet.cell(4, 13).value = 9  # more votes than present
    response = _post(client, round_, book)
    page = html.unescape(response.content.decode())
    assert "Không nhập dòng nào" in page
    assert "'Tốt lắm' không phải một mức xếp loại" in page and "Tự xếp loại (H)" in page
    assert not MemberRating.objects.filter(round=round_).exclude(step=Step.LISTED).exists()
    sheet.cell(3, 8).value = "Hoàn thành xuất sắc nhiệm vụ"
    sheet.cell(4, 13).value = 5
    page = html.unescape(_post(client, round_, book).content.decode())
    assert "không quá 20% số “hoàn thành tốt”" in page  # 4 excellent for 7 good in the ward
    assert "data:application/vnd.openxmlformats" in page
    assert not MemberRating.objects.filter(round=round_).exclude(step=Step.LISTED).exists()


def test_the_error_copy_marks_the_rows(round_, users, tmp_path):
    from dangvu.accounts.scope import scope_for
    from dangvu.rating.excel import book, import_results

    path = tmp_path / "so.xlsx"
    path.write_bytes(book(scope_for(users["office"]), round_))
    workbook = load_workbook(path)
    workbook["Đảng viên"].cell(2, 7).value = "31/02/2023"
    workbook.save(path)
    outcome = import_results(scope_for(users["office"]), round_, path, "so.xlsx")
    assert outcome.problems and outcome.problems[0].row == 2
    copy = load_workbook(io.BytesIO(outcome.error_file))
    assert copy.sheetnames[0] == "Danh sách lỗi"
    errors = [c.value for c in copy["Đảng viên"][2] if c.value and "không phải một ngày" in str(c.value)]
    assert errors


def test_rows_outside_the_scope_are_refused(client, users, round_, tree):
    client.force_login(users["cell_secretary"])
    book = _book(client, round_)  # the secretary's book lists cell A only
    sheet = book["Đảng viên"]
    other = MemberRating.objects.filter(round=round_, cell=tree["cell_b"]).first()
    sheet.append([other.pk])
    _fill(sheet, lambda row: "Hoàn thành tốt nhiệm vụ")
    page = html.unescape(_post(client, round_, book).content.decode())
    assert "Bạn không có quyền ghi kết quả của Chi bộ tổ dân phố số 2" in page
    assert "bạn không có quyền quyết định" in page  # the secretary proposes, the committee decides
    assert not MemberRating.objects.filter(round=round_).exclude(step=Step.LISTED).exists()


def test_files_that_are_not_workbooks_get_a_message(client, users, round_):
    client.force_login(users["office"])
    upload = io.BytesIO(b"\xd0\xcf\x11\xe0old excel")
    upload.name = "cu.xls"
    page = client.post(f"/xep-loai/{round_.pk}/nhap-ket-qua/", {"file": upload}).content.decode()
    assert "Excel 97–2003" in page
    page = client.post(f"/xep-loai/{round_.pk}/nhap-ket-qua/", {}).content.decode()
    assert "Chưa chọn tệp để nhập." in page
