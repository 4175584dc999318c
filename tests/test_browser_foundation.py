"""In a real browser (Chromium, phone-sized): log in, open the tree, search without diacritics."""

from datetime import date

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, username, password="mat-khau-1"):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/tong-quan/")


def test_login_tree_and_search(page, live_server, users, tree, make_member):
    make_member(tree["cell_b"], family="Nguyễn", middle="Văn", given="Đức", birth=date(1975, 3, 3))
    make_member(tree["cell_b"], family="Trần", middle="Thị", given="Mai", gender="female", birth=date(1985, 3, 3))
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", "u-office")
    page.fill("#id_password", "sai-mat-khau")
    page.click("button[type=submit]")
    assert "không đúng" in page.content()
    login(page, live_server, "u-office")
    assert "Tổng quan" in page.content()

    page.click("#menu-button")  # the phone-sized menu opens from its button
    page.click("nav.main >> text=Tổ chức")
    page.wait_for_selector("text=Đảng bộ thành phố Phủ Lý")
    page.click("summary:has-text('Đảng bộ thành phố Phủ Lý')")
    page.wait_for_selector("text=Đảng bộ phường Quang Trung")
    page.click("a:has-text('Đảng bộ phường Quang Trung')")
    page.wait_for_selector("h1:has-text('Đảng bộ phường Quang Trung')")

    page.goto(f"{live_server.url}/dang-vien/")
    page.fill("input[name=q]", "nguyen van")
    page.click("button:has-text('Lọc')")
    page.wait_for_selector("#member-table")
    table = page.inner_text("#member-table")
    assert "Nguyễn Văn Đức" in table
    assert "Trần Thị Mai" not in table
    # phone-sized screen: the table stacks instead of overflowing the viewport
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400


def test_import_a_bad_file_shows_its_errors_and_changes_nothing(page, live_server, users, tree, tmp_path):
    from openpyxl import load_workbook

    from dangvu.core.models import AuditEvent
    from dangvu.members.models import Member

    login(page, live_server, "u-office")
    page.goto(f"{live_server.url}/dang-vien/excel/nhap/")
    with page.expect_download() as download:
        page.click("text=tệp mẫu (.xlsx)")
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)
    workbook = load_workbook(template)
    sheet = workbook["Đảng viên"]
    headers = [c.value for c in sheet[1]]
    good = {
        "Họ": "Phạm",
        "Tên đệm": "Văn",
        "Tên": "Bình",
        "Giới tính": "Nam",
        "Ngày sinh": "02/03/1985",
        "Số CCCD": "035085000777",
        "Mã chi bộ": "qt-cb1",
        "Ngày vào Đảng": "05/06/2010",
        "Ngày chính thức": "05/06/2011",
    }
    bad = {**good, "Tên": "Cúc", "Giới tính": "Nữ", "Số CCCD": "12345", "Ngày vào Đảng": "31/02/2010"}
    for row in (good, bad):
        sheet.append([row.get(h, "") for h in headers])
    workbook.save(template)
    before = Member.objects.count(), AuditEvent.objects.count()

    page.goto(f"{live_server.url}/dang-vien/excel/nhap/")
    page.set_input_files("input[type=file]", str(template))
    page.click("button:has-text('Kiểm tra và nhập')")
    page.wait_for_selector("#import-errors")
    errors = page.inner_text("#import-errors")
    assert "12 chữ số" in errors
    rows = page.locator("#import-errors tbody tr td:first-child").all_inner_texts()
    assert rows and set(rows) == {"3"}  # only the bad row, by its line in the sheet
    assert (Member.objects.count(), AuditEvent.objects.count()) == before


def test_a_long_tree_level_loads_its_next_organizations_in_place(
    page, live_server, users, tree, make_member, monkeypatch
):
    from dangvu.organizations import views

    make_member(tree["school"], given="Bình")
    monkeypatch.setattr(views, "LEVEL_PAGE", 1)  # the live server runs in this process
    login(page, live_server, "u-office")
    page.goto(f"{live_server.url}/to-chuc/")
    page.click("summary:has-text('Đảng bộ thành phố Phủ Lý')")
    # Vietnamese order: "Chi bộ Trường THPT …" before "Đảng bộ phường …"
    page.wait_for_selector("text=Chi bộ Trường THPT Phủ Lý")
    assert "Đảng bộ phường Quang Trung" not in page.inner_text("#tree-root")
    page.click("a:has-text('Xem thêm (1 tổ chức nữa)')")
    page.wait_for_selector("text=Đảng bộ phường Quang Trung")
    level = page.inner_text("#tree-root")
    assert "Chi bộ Trường THPT Phủ Lý" in level and "1 đảng viên" in level
    assert "Xem thêm" not in level
    assert page.url == f"{live_server.url}/to-chuc/"  # loaded in place, not a new page
    page.click("summary:has-text('Đảng bộ phường Quang Trung')")
    page.wait_for_selector("text=Chi bộ tổ dân phố số 1")
