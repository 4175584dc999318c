"""Excel import and export of members: template round trip, every bad file, all-or-nothing, re-import by CCCD,
formula-safe export, progress, and the pages' access rules."""

import io
import time
import unicodedata
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from django.urls import reverse

from dangvu.accounts.actions import create_user, grant_mandate
from dangvu.accounts.models import Role
from dangvu.core.models import AuditEvent
from dangvu.members.actions import create_member
from dangvu.members.excel.columns import COLUMNS, SHEET_NAME
from dangvu.members.excel.importer import run_import
from dangvu.members.models import Member, Person
from test_members_bulk import cid

HEADERS = [c.header for c in COLUMNS]
BRIEF_HEADERS = [
    "Họ",
    "Tên đệm",
    "Tên",
    "Giới tính",
    "Ngày sinh",
    "Số CCCD",
    "Dân tộc",
    "Tôn giáo",
    "Quê quán",
    "Trình độ GDPT",
    "Chuyên môn",
    "Lý luận chính trị",
    "Nghề nghiệp",
    "Điện thoại",
    "Mã chi bộ",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số thẻ đảng viên",
]
SINCE = date(2020, 1, 1)


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.DANGVU_IMPORT_DIR = tmp_path / "imports"
    settings.DANGVU_IMPORT_INLINE_BYTES = 10_000_000


@pytest.fixture
def users(tree):
    def user(name, role, org, person=None):
        account = create_user(None, username=name, password="mat-khau-1", full_name=name)
        grant_mandate(None, account, role=role, organization=tree[org], valid_from=SINCE, person=person)
        return account

    someone = create_member(
        None,
        person={
            "family_name": "Lê",
            "given_name": "Minh",
            "gender": "male",
            "birth_date": date(1980, 1, 1),
            "citizen_id": cid(date(1980, 1, 1), "male", 999),
        },
        organization=tree["cell_a"],
        admitted_on=date(2005, 1, 1),
    )
    return {
        "office": user("vanphong", Role.OFFICE, "ward"),
        "leader": user("lanhdao", Role.LEADER, "ward"),
        "secretary": user("bithu", Role.CELL_SECRETARY, "cell_a"),
        "member": user("dangvien", Role.MEMBER, "cell_a", person=someone.person),
        "school": user("truong", Role.OFFICE, "school"),
    }


def row(serial: int, code: str = "qt-cb1", **overrides) -> dict:
    """A valid row of the members sheet, by header."""
    birth = overrides.pop("birth", date(1990, 4, 12))
    gender = overrides.pop("gender", "Nữ")
    values = {
        "Họ": "Trần",
        "Tên đệm": "Thị",
        "Tên": f"Lan {serial}",
        "Giới tính": gender,
        "Ngày sinh": birth,
        "Số CCCD": cid(birth, "female" if gender == "Nữ" else "male", serial),
        "Dân tộc": "Kinh",
        "Tôn giáo": "Không",
        "Quê quán": "Phủ Lý, Hà Nam",
        "Trình độ GDPT": "12/12",
        "Chuyên môn": "Kế toán",
        "Lý luận chính trị": "Trung cấp",
        "Nghề nghiệp": "Kế toán viên",
        "Điện thoại": "0912000111",
        "Mã chi bộ": code,
        "Ngày vào Đảng": datetime(2018, 5, 19),
        "Ngày chính thức": "19/05/2019",
        "Số thẻ đảng viên": f"35{serial:06d}",
    }
    values.update(overrides)
    return values


def workbook_bytes(rows: list[dict], headers: list[str] = HEADERS, title: str = SHEET_NAME, edit=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(h) for h in headers])
    if edit:
        edit(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_bytes(tmp_path, content: bytes, actor, name: str = "danh-sach.xlsx", dry_run: bool = False):
    path = tmp_path / "upload.xlsx"
    path.write_bytes(content)
    return run_import(path, name, actor, dry_run=dry_run, today=date(2024, 6, 1))


def counts() -> tuple[int, int, int]:
    return Person.objects.count(), Member.objects.count(), AuditEvent.objects.count()


def upload(client, content: bytes, name: str = "danh-sach.xlsx", dry_run: bool = False):
    data = {"file": io.BytesIO(content)}
    data["file"].name = name
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("members_excel_import"), data, follow=True)


# --- template and round trip -------------------------------------------------------------------------------


def test_template_round_trip_through_the_pages(client, users, tree):
    client.force_login(users["office"])
    response = client.get(reverse("members_excel_template"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook[SHEET_NAME]
    headers = [c.value for c in sheet[1]]
    assert headers[: len(BRIEF_HEADERS)] == BRIEF_HEADERS
    assert "Hướng dẫn" in workbook.sheetnames
    validations = sheet.data_validations.dataValidation
    assert any(v.formula1 == '"Nam,Nữ"' and "D2" in str(v.sqref) for v in validations)
    codes = [r[0] for r in workbook["Mã chi bộ"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["qt-cb1", "qt-cb2"]  # the office's cells only, not the school's

    first, second = (
        row(1),
        row(2, code="qt-cb2", **{"Ngày vào Đảng": "19/05/2018", "Ngày chính thức": None, "Số thẻ đảng viên": None}),
    )
    second["Số CCCD"] = int(second["Số CCCD"])  # Excel turned it into a number and dropped the leading 0
    for values in (first, second):
        sheet.append([values.get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    before = counts()

    page = upload(client, buffer.getvalue())
    assert page.status_code == 200
    assert "Đã nhập xong 2 dòng" in page.content.decode()
    lan2 = Member.objects.get(person__given_name="Lan 2")
    assert lan2.person.citizen_id == cid(date(1990, 4, 12), "female", 2)
    assert (lan2.organization, lan2.admitted_on, lan2.status) == (tree["cell_b"], date(2018, 5, 19), "probationary")
    lan1 = Member.objects.get(person__given_name="Lan 1")
    assert (lan1.official_on, lan1.card_number, lan1.person.gender) == (date(2019, 5, 19), "35000001", "female")
    assert [e.type for e in lan1.events.all()] == ["admitted", "recognized_official", "card_issued"]
    assert counts()[:2] == (before[0] + 2, before[1] + 2)
    creations = AuditEvent.objects.filter(action="member.create", actor=users["office"])
    assert sorted(creations.values_list("object_label", flat=True)) == ["Trần Thị Lan 1", "Trần Thị Lan 2"]
    summary = AuditEvent.objects.get(action="member.import")
    assert summary.after["created"] == 2 and summary.actor == users["office"]


def test_dry_run_previews_then_confirm_writes(client, users):
    client.force_login(users["office"])
    before = counts()
    page = upload(client, workbook_bytes([row(1), row(2)]), dry_run=True)
    text = page.content.decode()
    assert "Kiểm tra xong: tệp không có lỗi" in text and "Sẽ thêm mới" in text
    assert "Trần Thị Lan 2" in text  # the preview, each cell with what it lies under
    assert "Chi bộ tổ dân phố số 1 — Đảng bộ phường Quang Trung<" in text  # up to the office's own ward
    assert counts() == before
    confirm = page.redirect_chain[-1][0] + "ghi/"
    done = client.post(confirm, follow=True)
    assert "Đã nhập xong 2 dòng" in done.content.decode()
    assert Member.objects.filter(person__family_name="Trần").count() == 2
    assert client.post(done.redirect_chain[-1][0] + "ghi/").status_code == 403  # not a dry run: no second write


# --- files that cannot be imported -------------------------------------------------------------------------


def _zip_not_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _empty_workbook() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "text renamed": (lambda: "Họ và tên\nNguyễn Văn A\n".encode(), "ds.xlsx", "không phải bảng tính Excel .xlsx"),
    "csv named .xlsx": (lambda: ",".join(HEADERS).encode() + b"\n", "ds.xlsx", "không phải bảng tính Excel .xlsx"),
    "csv without data": (lambda: ",".join(HEADERS).encode() + b"\n", "ds.csv", "không có dòng dữ liệu nào"),
    "csv missing header": (lambda: "Họ;Tên\nA;B\n".encode(), "ds.csv", "thiếu cột: Giới tính, Ngày sinh"),
    "old xls": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "ds.xls", "Excel 97–2003 (.xls)"),
    "zip not a workbook": (_zip_not_workbook, "ds.xlsx", "không phải bảng tính Excel .xlsx đọc được"),
    "zero bytes": (lambda: b"", "ds.xlsx", "rỗng (0 byte)"),
    "empty workbook": (_empty_workbook, "ds.xlsx", "mọi trang tính đều trống"),
    "wrong sheet": (
        lambda: workbook_bytes([row(1)], headers=HEADERS[:5], title="Danh sách"),
        "ds.xlsx",
        "Không tìm thấy trang tính 'Đảng viên' trong tệp (tệp có các trang: 'Danh sách')",
    ),
    "missing header": (
        lambda: workbook_bytes([row(1)], headers=[h for h in HEADERS if h != "Ngày sinh"]),
        "ds.xlsx",
        "thiếu cột: Ngày sinh",
    ),
    "duplicate header": (
        lambda: workbook_bytes([row(1)], headers=[*HEADERS, "Họ"]),
        "ds.xlsx",
        "Cột 'Họ' có hai lần (cột A và U)",
    ),
    "merged cells": (
        lambda: workbook_bytes([row(1), row(2)], edit=lambda s: s.merge_cells("A2:A3")),
        "ds.xlsx",
        "có ô gộp (A2:A3)",
    ),
    "headers only": (lambda: workbook_bytes([]), "ds.xlsx", "không có dòng dữ liệu nào dưới dòng tiêu đề"),
    "sheet without header": (lambda: workbook_bytes([], headers=[]), "ds.xlsx", "trống"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_file_that_cannot_be_imported_says_why_and_changes_nothing(kind, client, users):
    make, name, message = BAD_FILES[kind]
    client.force_login(users["office"])
    before = counts()
    page = upload(client, make(), name=name)
    text = page.content.decode()
    if kind == "zero bytes":  # the upload form refuses it already
        assert page.status_code == 400
    else:
        assert page.status_code == 200 and "Không nhập được tệp." in text
    assert message in text.replace("&#x27;", "'")
    assert counts() == before


def csv_bytes(rows: list[dict], delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    def text(value):
        return value.strftime("%d/%m/%Y") if hasattr(value, "year") else "" if value is None else str(value)

    lines = [delimiter.join(HEADERS)] + [delimiter.join(text(r.get(h)) for h in HEADERS) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def to_cp1258(text: str) -> bytes:
    """Windows-1258: letters with their shape marks precomposed, tone marks as separate combining characters."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(letter + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_csv_files_import_like_workbooks(client, users):
    client.force_login(users["office"])
    page = upload(client, csv_bytes([row(1), row(2, **{"Tên": "Hòa"})]), name="danh-sach.csv")
    assert "Đã nhập xong 2 dòng" in page.content.decode()
    assert Member.objects.get(person__given_name="Hòa").person.citizen_id.startswith("035")  # zeros kept
    # Excel's plain CSV on a Vietnamese Windows: code page 1258, tones as combining marks.
    legacy = to_cp1258(csv_bytes([row(3, **{"Tên": "Hường", "Quê quán": "Phủ Lý"})], delimiter=",").decode("utf-8-sig"))
    page = upload(client, legacy, name="cu.csv")
    assert "Đã nhập xong 1 dòng" in page.content.decode()
    assert Member.objects.filter(person__given_name="Hường").exists()  # stored in NFC
    bad = upload(client, csv_bytes([row(4, **{"Ngày sinh": "1990"})]), name="loi.csv")
    assert "Ngày sinh (E)" in bad.content.decode()
    copy = openpyxl.load_workbook(io.BytesIO(client.get(bad.redirect_chain[-1][0] + "tep-loi/").content))
    sheet = copy[SHEET_NAME]
    assert sheet["F2"].value == row(4)["Số CCCD"] and sheet["F2"].data_type == "s"
    assert "không phải một ngày" in sheet.cell(row=2, column=len(HEADERS) + 1).value


# --- rows with errors --------------------------------------------------------------------------------------


def test_every_row_error_is_reported_with_row_column_value_and_nothing_is_written(tmp_path, users, tree):
    rows = [
        row(1),  # row 2: good
        row(2, **{"Ngày sinh": "31/02/1990"}),  # row 3: no such date
        row(3, **{"Số CCCD": "12345"}),  # row 4: not 12 digits
        row(4, **{"Số CCCD": row(1)["Số CCCD"]}),  # row 5: same CCCD as row 2
        row(5, code="thpt"),  # row 6: the school, outside the ward
        row(
            6,
            birth=date(2000, 6, 20),
            **{"Ngày vào Đảng": "19/05/2018", "Ngày chính thức": None, "Số thẻ đảng viên": None},
        ),  # row 7: 17 years 10 months
        row(7, **{"Giới tính": "Male"}),  # row 8
        row(8, **{"Số thẻ đảng viên": "35000001"}),  # row 9: same card as row 2
    ]
    before = counts()
    result = import_bytes(tmp_path, workbook_bytes(rows), users["office"])
    assert not result.written and result.rows == 8
    found = {(p.row, p.column) for p in result.problems}
    assert found == {
        (3, "Ngày sinh (E)"),
        (4, "Số CCCD (F)"),
        (5, "Số CCCD (F)"),
        (6, "Mã chi bộ (O)"),
        (7, "Ngày vào Đảng (P)"),
        (8, "Giới tính (D)"),
        (9, "Số thẻ đảng viên (R)"),
    }
    by_cell = {(p.row, p.column): p for p in result.problems}
    assert by_cell[(3, "Ngày sinh (E)")].value == "31/02/1990"
    assert "không phải một ngày" in by_cell[(3, "Ngày sinh (E)")].message
    assert "phải gồm đúng 12 chữ số" in by_cell[(4, "Số CCCD (F)")].message
    assert "trùng với dòng 2 của tệp" in by_cell[(5, "Số CCCD (F)")].message
    assert "'thpt' không có trong các tổ chức bạn được cập nhật" in by_cell[(6, "Mã chi bộ (O)")].message
    assert "mới 17 tuổi 10 tháng, chưa đủ 18 tuổi" in by_cell[(7, "Ngày vào Đảng (P)")].message
    assert by_cell[(8, "Giới tính (D)")].message == "Giới tính 'Male' không hợp lệ: ghi Nam hoặc Nữ."
    assert counts() == before


def test_admission_one_month_short_of_eighteen_is_refused(tmp_path, users):
    late = row(
        1, birth=date(2000, 6, 20), **{"Ngày vào Đảng": "19/06/2018", "Ngày chính thức": None, "Số thẻ đảng viên": None}
    )
    result = import_bytes(tmp_path, workbook_bytes([late]), users["office"])
    [problem] = result.problems
    assert (problem.row, problem.column) == (2, "Ngày vào Đảng (P)")
    assert "17 tuổi 11 tháng" in problem.message
    on_time = dict(late, **{"Ngày vào Đảng": "20/06/2018"})
    assert import_bytes(tmp_path, workbook_bytes([on_time]), users["office"]).written


def test_error_page_and_error_file(client, users):
    client.force_login(users["office"])
    content = workbook_bytes([row(1), row(2, **{"Ngày sinh": "1990"}), row(3, **{"Số CCCD": "=1+1"})])
    page = upload(client, content)
    text = page.content.decode()
    assert 'id="import-errors"' in text and "chưa có dữ liệu nào được ghi" in text
    assert "Ngày sinh (E)" in text and "không phải một ngày" in text
    response = client.get(page.redirect_chain[-1][0] + "tep-loi/")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook[SHEET_NAME]
    headers = [c.value for c in sheet[1]]
    error_column = headers.index("Lỗi")
    assert sheet.cell(row=2, column=error_column + 1).value is None
    assert sheet.cell(row=3, column=error_column + 1).value.startswith("Ngày sinh (E): '1990' không phải một ngày")
    assert "Số CCCD (F)" in sheet.cell(row=4, column=error_column + 1).value
    assert sheet["E3"].fill.fgColor.rgb.endswith("F8CBAD")
    listing = list(workbook["Danh sách lỗi"].iter_rows(min_row=2, values_only=True))
    assert [r[:2] for r in listing] == [(3, "Ngày sinh (E)"), (4, "Số CCCD (F)")]
    # The corrected error copy imports as it is: its "Lỗi" column is ignored.
    sheet["E3"].value = "12/04/1990"
    sheet["F4"].value = cid(date(1990, 4, 12), "female", 3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "Đã nhập xong 3 dòng" in upload(client, buffer.getvalue()).content.decode()


# --- re-import ---------------------------------------------------------------------------------------------


def test_reimport_updates_people_by_citizen_id(tmp_path, users):
    office = users["office"]
    first = [row(1, **{"Ngày chính thức": None, "Số thẻ đảng viên": None}), row(2)]
    assert import_bytes(tmp_path, workbook_bytes(first), office).created == 2
    member = Member.objects.get(person__given_name="Lan 1")
    before = counts()
    second = [
        row(
            1,
            **{
                "Điện thoại": "0987654321",
                "Ngày chính thức": "19/05/2019",
                "Số thẻ đảng viên": "35000099",
                "Tên": "Lan Anh",
            },
        ),
        row(2),
    ]
    result = import_bytes(tmp_path, workbook_bytes(second), office, dry_run=True)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert "Điện thoại: 0912000111 → 0987654321" in result.preview[0]["changes"]
    assert counts() == before
    result = import_bytes(tmp_path, workbook_bytes(second), office)
    assert result.written and (result.created, result.updated) == (0, 1)
    member.refresh_from_db()
    member.person.refresh_from_db()
    assert (member.person.phone, member.person.given_name) == ("0987654321", "Lan Anh")
    assert (member.official_on, member.card_number, member.status) == (date(2019, 5, 19), "35000099", "official")
    assert counts()[:2] == before[:2]  # no one added
    person_change = AuditEvent.objects.get(action="person.update", object_id=str(member.person.pk))
    assert person_change.before["phone"] == "0912000111" and person_change.after["phone"] == "0987654321"
    assert person_change.actor == office
    assert AuditEvent.objects.filter(action="member.update", object_id=str(member.pk)).count() == 1


def test_reimport_cannot_move_a_member_or_touch_one_out_of_scope(tmp_path, users, tree):
    import_bytes(tmp_path, workbook_bytes([row(1), row(2, code="thpt")]), None)
    before = counts()
    moved = import_bytes(tmp_path, workbook_bytes([row(1, code="qt-cb2")]), users["office"])
    [problem] = moved.problems
    assert problem.column == "Mã chi bộ (O)" and "chuyển sinh hoạt" in problem.message
    foreign = import_bytes(tmp_path, workbook_bytes([row(2)]), users["office"])
    [problem] = foreign.problems
    assert "đã có trong hệ thống; liên hệ văn phòng cấp ủy" in problem.message
    assert "Lan 2" not in problem.message  # nothing said about a member the user may not see
    assert counts() == before


def test_export_imports_back_unchanged(client, users):
    client.force_login(users["office"])
    upload(client, workbook_bytes([row(1), row(2, code="qt-cb2")]))
    exported = client.get(reverse("members_excel_export")).content
    page = upload(client, exported, dry_run=True)
    text = page.content.decode()
    assert "Kiểm tra xong: tệp không có lỗi" in text
    assert 'id="unchanged-count">3<' in text  # the two imported and the one already there


# --- export ------------------------------------------------------------------------------------------------


def test_export_never_writes_formulas_and_is_audited(client, users, tree):
    for name in ["=1+1", "+84 Hà", "-Bình", "@SUM(A1)"]:
        create_member(
            None,
            person={
                "family_name": name,
                "given_name": "Nam",
                "gender": "male",
                "birth_date": date(1980, 1, 1),
                "hometown": '=HYPERLINK("http://x")',
            },
            organization=tree["cell_b"],
            admitted_on=date(2005, 1, 1),
        )
    client.force_login(users["leader"])
    response = client.get(reverse("members_excel_export"), {"to_chuc": "qt-cb2"})
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))[SHEET_NAME]
    family = [c for c in sheet["A"][1:]]
    assert sorted(c.value for c in family) == sorted(["=1+1", "+84 Hà", "-Bình", "@SUM(A1)"])
    assert all(c.data_type == "s" and c.quotePrefix for c in family)
    assert {c.value for c in sheet["I"][1:]} == {'=HYPERLINK("http://x")'}
    assert sheet.max_row == 5  # only qt-cb2: the filter of the list applies
    event = AuditEvent.objects.get(action="member.export")
    assert event.actor == users["leader"] and event.after["rows"] == 4
    assert event.after["filters"] == {"to_chuc": "qt-cb2"}


def test_export_keeps_to_the_scope(client, users, tree):
    create_member(
        None,
        person={"family_name": "Phạm", "given_name": "Hùng", "gender": "male", "birth_date": date(1980, 1, 1)},
        organization=tree["school"],
        admitted_on=date(2005, 1, 1),
    )
    client.force_login(users["secretary"])
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("members_excel_export")).content))[SHEET_NAME]
    assert [(r[0], r[2]) for r in sheet.iter_rows(min_row=2, values_only=True)] == [("Lê", "Minh")]


# --- pages and access --------------------------------------------------------------------------------------


def test_pages_refuse_roles_without_rights(client, users):
    client.force_login(users["office"])
    page = upload(client, workbook_bytes([row(1)]), dry_run=True)
    job_url = page.redirect_chain[-1][0]
    for name in ("leader", "member"):
        client.force_login(users[name])
        assert client.get(reverse("members_excel_import")).status_code == 403
        assert client.post(reverse("members_excel_import"), {"file": io.BytesIO(b"x")}).status_code == 403
        assert client.get(reverse("members_excel_template")).status_code == 403
        assert client.get(job_url).status_code == 403
    client.force_login(users["member"])
    assert client.get(reverse("members_excel_export")).status_code == 403
    client.force_login(users["secretary"])  # may write, but the run is someone else's
    assert client.get(job_url).status_code == 404
    assert client.get(job_url + "tep-loi/").status_code == 404
    assert client.post(job_url + "ghi/").status_code == 404
    assert client.get(reverse("members_excel_job", args=["khong-co"])).status_code == 404
    client.logout()
    assert client.get(reverse("members_excel_import")).status_code == 302


def test_upload_form_errors_are_shown(client, users):
    client.force_login(users["office"])
    response = client.post(reverse("members_excel_import"), {})
    assert response.status_code == 400
    assert "Hãy chọn tệp Excel cần nhập." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_large_file_runs_in_the_background_with_progress(client, settings, tree):
    settings.DANGVU_IMPORT_INLINE_BYTES = 0
    office = create_user(None, username="vp", password="x-Very-long-1")
    grant_mandate(None, office, role=Role.OFFICE, organization=tree["ward"], valid_from=SINCE)
    client.force_login(office)
    response = upload(client, workbook_bytes([row(i) for i in range(1, 301)]))
    job_url = response.redirect_chain[-1][0]
    progress_url = job_url + "tien-do/"
    deadline = time.monotonic() + 60  # generous: the suite may share two cores with other work
    while time.monotonic() < deadline:
        poll = client.get(progress_url)
        if poll.get("HX-Refresh") == "true":
            break
        assert 'hx-trigger="every 1s"' in poll.content.decode()
        time.sleep(0.05)
    assert poll.get("HX-Refresh") == "true"
    assert "Đã nhập xong 300 dòng" in client.get(job_url).content.decode()
    assert Member.objects.filter(person__family_name="Trần").count() == 300


def test_a_run_whose_worker_died_is_marked_failed_and_the_next_import_works(client, users, monkeypatch):
    """A background run killed mid-way (its heartbeat stops) shows as failed with the reason, not "Đang ghi…"
    forever; nothing of it was written (one transaction); importing again works."""
    import os

    from dangvu.members.excel import jobs

    client.force_login(users["office"])
    job = jobs._new_job(users["office"], "danh-sach.xlsx", dry_run=False)
    job.upload_path.write_bytes(workbook_bytes([row(1)]))
    job.status, job.phase, job.done, job.total = "running", "write", 20, 100
    job.save()
    job_url = reverse("members_excel_job", args=[job.id])
    job.heartbeat_path.touch()
    assert "Đã nhập xong" not in client.get(job_url).content.decode()
    assert jobs.get(users["office"], job.id).status == "running"  # alive: a fresh heartbeat
    old = job.heartbeat_path.stat().st_mtime - jobs.STALE_AFTER - 1
    os.utime(job.heartbeat_path, (old, old))
    poll = client.get(job_url + "tien-do/")
    assert poll.get("HX-Refresh") == "true"
    page = client.get(job_url).content.decode()
    assert "Lượt nhập đã dừng giữa chừng" in page and "chưa có dữ liệu nào của lượt này được ghi" in page
    before = counts()
    monkeypatch.setattr(jobs, "HEARTBEAT_EVERY", 0.01)
    response = upload(client, workbook_bytes([row(1)]))
    assert "Đã nhập xong 1 dòng" in response.content.decode()
    assert counts()[1] == before[1] + 1
