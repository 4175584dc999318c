"""The organization tree from Excel: every error of every row at once, all or nothing; parents anywhere in the
file or in the system; re-import updates by code with dated renames; the export imports back unchanged."""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from dangvu.core.models import AuditEvent
from dangvu.organizations.models import Kind, LineageEvent, Organization
from dangvu.staff.tree_excel import COLUMNS, SHEET_NAME, run_tree_import

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in COLUMNS]


def workbook(rows: list[dict], path, merge: str = "") -> object:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_NAME
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([row.get(h, "") for h in HEADERS])
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def org(code, name, kind, parent="", **extra):
    return {"Mã tổ chức": code, "Tên tổ chức": name, "Loại tổ chức": kind, "Mã tổ chức cấp trên": parent, **extra}


WARD = org(
    "thanhchau",
    "Đảng bộ phường Thanh Châu",
    "Đảng bộ cơ sở",
    "phuly",
    **{
        "Lĩnh vực": "Xã, phường, thị trấn",
        "Tên cấp ủy": "Đảng ủy phường Thanh Châu",
        "Ký hiệu cấp ủy": "ĐU",
        "Ngày thành lập": "01/01/2015",
    },
)
CELLS = [
    org(f"tc-cb{i}", f"Chi bộ tổ dân phố số {i}", "Chi bộ trực thuộc", "thanhchau", **{"Lĩnh vực": "Khu dân cư"})
    for i in (1, 2)
]


def run(path, user, **kwargs):
    return run_tree_import(path, path.name, user, **kwargs)


def test_a_tree_imports_with_children_before_their_parent(tmp_path, users, tree):
    path = workbook([*CELLS, WARD], tmp_path / "cay.xlsx")  # the cells come before their ward
    checked = run(path, users["office"], dry_run=True)
    assert checked.ok and checked.created == 3 and not Organization.objects.filter(code="thanhchau").exists()
    result = run(path, users["office"])
    assert result.ok and result.written and result.created == 3
    ward = Organization.objects.get(code="thanhchau")
    assert ward.parent == tree["city"] and ward.established_on == date(2015, 1, 1)
    assert ward.names.get().committee_name == "Đảng ủy phường Thanh Châu"
    cell = Organization.objects.get(code="tc-cb1")
    assert cell.parent == ward and cell.kind == Kind.CELL
    assert cell.established_on == date(2015, 1, 1)  # existing before the system: from its parent's date
    assert LineageEvent.objects.get(organization=cell, type="establish").decision_number == ""
    assert LineageEvent.objects.get(organization=ward, type="establish").related.get() == tree["city"]
    assert AuditEvent.objects.filter(action="organization.import").count() == 1
    assert AuditEvent.objects.filter(action="organization.establish", object_id=str(cell.pk)).count() == 1
    # the closure rows are those the actions write: the cell lies under its ward, the city and the province
    from dangvu.accounts.scope import scope_for
    from dangvu.organizations.models import Ancestry

    assert dict(Ancestry.objects.filter(descendant=cell).values_list("ancestor__code", "depth")) == {
        "tc-cb1": 0,
        "thanhchau": 1,
        "phuly": 2,
        "hanam": 3,
    }
    assert scope_for(users["office"]).covers_now(cell.pk)


def test_a_new_organization_with_earlier_names_keeps_them_dated(tmp_path, users, tree):
    row = org(
        "tt-moi",
        "Đảng bộ phường Mới",
        "Đảng bộ cơ sở",
        "phuly",
        **{
            "Ngày thành lập": "01/01/2011",
            "Tên trước khi đổi": "Đảng bộ thị trấn Mới (đến 01/01/2015); Đảng bộ xã Mới (đến 01/06/2013)",
        },
    )
    assert run(workbook([row], tmp_path / "ten.xlsx"), users["office"]).written
    made = Organization.objects.get(code="tt-moi")
    assert list(made.names.order_by("valid_from").values_list("name", "valid_from", "valid_to")) == [
        ("Đảng bộ xã Mới", date(2011, 1, 1), date(2013, 6, 1)),
        ("Đảng bộ thị trấn Mới", date(2013, 6, 1), date(2015, 1, 1)),
        ("Đảng bộ phường Mới", date(2015, 1, 1), date(9999, 12, 31)),
    ]
    assert LineageEvent.objects.filter(organization=made, type="rename").count() == 2
    from dangvu.organizations.queries import name_on

    assert name_on(made, date(2014, 5, 5)).name == "Đảng bộ thị trấn Mới"


def test_every_error_of_every_row_at_once_and_nothing_written(tmp_path, users, tree, other_tree):
    rows = [
        org("a1", "Chi bộ A1", "Chi bộ trực thuộc", "khongco"),  # unknown parent
        org("v1", "Đảng bộ bộ phận V1", "Đảng bộ bộ phận", "v2"),  # cycle v1 -> v2 -> v1
        org("v2", "Đảng bộ bộ phận V2", "Đảng bộ bộ phận", "v1"),
        org("d1", "Chi bộ D1", "Chi bộ trực thuộc", "quangtrung"),
        org("d1", "Chi bộ D1 lần hai", "Chi bộ trực thuộc", "quangtrung"),  # duplicate code
        org("k1", "Chi bộ K1", "Chi bộ trực thuộc", "phuly"),  # a cell directly under the city
        org("x1", "Đảng bộ xã X1", "Đảng bộ xã/phường", "phuly", **{"Ngày thành lập": "01/01/2020"}),  # too early
        org("n1", "Chi bộ N1", "Chi bộ trực thuộc", "nd-cb1"),  # a parent of the other province
        org("Mã sai!", "Chi bộ", "Chi bộ thường"),
    ]
    path = workbook(rows, tmp_path / "loi.xlsx")
    before = Organization.objects.count(), AuditEvent.objects.count()
    result = run(path, users["office"])
    assert not result.ok and not result.written
    assert (Organization.objects.count(), AuditEvent.objects.count()) == before
    by_row = {}
    for problem in result.problems:
        by_row.setdefault(problem.row, []).append(problem)
    assert "'khongco' không có trong tệp" in by_row[2][0].message
    assert by_row[2][0].column == "Mã tổ chức cấp trên (E)" and by_row[2][0].value == "khongco"
    assert "thành vòng: v1 → v2 → v1" in by_row[3][0].message and "vòng" in by_row[4][0].message
    assert "trùng với mã ở dòng 5" in by_row[6][0].message
    assert "không thể trực thuộc 'Đảng bộ huyện/thành phố/thị xã'" in by_row[7][0].message
    assert "chỉ có từ 01/07/2025" in by_row[8][0].message
    assert "'nd-cb1' không có trong tệp" in by_row[9][0].message
    messages = " ".join(p.message for p in by_row[10])
    assert "chỉ được gồm chữ không dấu" in messages and "không có trong danh sách" in messages
    # the error copy: the user's own rows with a column 'Lỗi'
    from dangvu.members.excel.workbooks import error_workbook

    copy = load_workbook(io.BytesIO(error_workbook(path, result.sheet, result.header_row, result.problems)))
    sheet = copy[SHEET_NAME]
    assert sheet.cell(row=1, column=len(HEADERS) + 1).value == "Lỗi"
    assert "không có trong tệp" in sheet.cell(row=2, column=len(HEADERS) + 1).value
    assert sheet.cell(row=5, column=len(HEADERS) + 1).value is None


def test_merged_cells_and_wrong_files_say_why(tmp_path, users, tree):
    merged = run(workbook([WARD, *CELLS], tmp_path / "gop.xlsx", merge="E3:E4"), users["office"])
    assert "ô gộp (E3:E4)" in merged.file_error
    word = tmp_path / "vanban.xlsx"
    word.write_bytes(b"PK\x03\x04 not really a workbook")
    assert "không phải bảng tính Excel" in run(word, users["office"]).file_error
    members = tmp_path / "dang-vien.xlsx"
    book = Workbook()
    book.active.title = "Đảng viên"
    book.active.append(["Họ", "Tên", "Giới tính"])
    book.active.append(["Lê", "Hoa", "Nữ"])
    book.save(members)
    assert "Không tìm thấy trang tính 'Tổ chức'" in run(members, users["office"]).file_error
    assert Organization.objects.count() == 6


def test_reimport_renames_by_date_and_the_export_imports_back_unchanged(client, tmp_path, users, tree):
    run(workbook([WARD, *CELLS], tmp_path / "cay.xlsx"), users["office"])
    renamed = {
        **CELLS[0],
        "Tên tổ chức": "Chi bộ khu dân cư Thanh Châu 1",
        "Tên trước khi đổi": "Chi bộ tổ dân phố số 1 (đến 01/03/2024)",
    }
    result = run(workbook([WARD, renamed, CELLS[1]], tmp_path / "doi-ten.xlsx"), users["office"])
    assert result.written and (result.created, result.updated, result.unchanged) == (0, 1, 2)
    cell = Organization.objects.get(code="tc-cb1")
    names = list(cell.names.order_by("valid_from").values_list("name", "valid_to"))
    assert names[0] == ("Chi bộ tổ dân phố số 1", date(2024, 3, 1))
    assert names[1][0] == "Chi bộ khu dân cư Thanh Châu 1"
    # a new name without the old one's date is refused
    again = run(workbook([{**CELLS[1], "Tên tổ chức": "Chi bộ mới"}], tmp_path / "thieu.xlsx"), users["office"])
    assert "ghi tên cũ và ngày đổi" in again.problems[0].message

    client.force_login(users["office"])
    exported = tmp_path / "xuat.xlsx"
    exported.write_bytes(client.get("/to-chuc/excel/xuat/").content)
    back = run(exported, users["office"], dry_run=True)
    assert (
        back.ok
        and back.created == 0
        and back.updated == 0
        and back.unchanged
        == Organization.objects.filter(
            code__in=["phuly", "quangtrung", "qt-cb1", "qt-cb2", "thpt", "thanhchau", "tc-cb1", "tc-cb2"]
        ).count()
    )
    sheet = load_workbook(exported)[SHEET_NAME]
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "tc-cb1")
    assert row[9] == "Chi bộ tổ dân phố số 1 (đến 01/03/2024)"


def test_the_pages_check_first_then_write(client, tmp_path, users, tree, settings):
    settings.DANGVU_IMPORT_DIR = tmp_path / "imports"
    client.force_login(users["office"])
    template = load_workbook(io.BytesIO(client.get("/to-chuc/excel/mau/").content))
    assert [c.value for c in template[SHEET_NAME][1]] == HEADERS
    assert "qt-cb1" in [c.value for c in template["Tổ chức đã có"]["A"]]
    path = workbook([WARD, *CELLS], tmp_path / "cay.xlsx")
    with open(path, "rb") as handle:
        response = client.post("/to-chuc/excel/nhap/", {"file": handle, "dry_run": "on"})
    job_url = response["Location"]
    page = client.get(job_url).content.decode()
    assert "Kiểm tra xong: tệp không có lỗi" in page and not Organization.objects.filter(code="thanhchau").exists()
    confirmed = client.post(job_url + "ghi/")
    assert "Đã nhập xong 3 dòng" in client.get(confirmed["Location"]).content.decode()
    assert Organization.objects.filter(code__in=["thanhchau", "tc-cb1", "tc-cb2"]).count() == 3
    # a cell secretary cannot import a tree
    client.force_login(users["cell_secretary"])
    assert client.get("/to-chuc/excel/nhap/").status_code == 200  # writes in its own cell
    client.force_login(users["leader"])
    assert client.get("/to-chuc/excel/nhap/").status_code == 403
