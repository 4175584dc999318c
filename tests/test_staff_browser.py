"""In a real browser (Chromium, phone-sized), moving in from an empty database: the first-run page, `dangvu
setup`, the administrator imports the organization tree (an error first, fixed, then imported) and the
members, creates an account with a cell-secretary role; the new user changes the one-time password and sees
only their cell. (The account comes after the tree: a role is granted at an organization that exists.)"""

import os

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from browser_support import pick
from dangvu.members.excel.columns import COLUMNS as MEMBER_COLUMNS
from dangvu.staff.tree_excel import COLUMNS as TREE_COLUMNS

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Kim-Bang-2020!"


def sheet_file(path, title, columns, rows):
    book = Workbook()
    book.active.title = title
    headers = [c.header for c in columns]
    book.active.append(headers)
    for row in rows:
        book.active.append([row.get(h, "") for h in headers])
    book.save(path)
    return str(path)


TREE = [
    {
        "Mã tổ chức": "tt-quequ",
        "Tên tổ chức": "Đảng bộ thị trấn Quế",
        "Loại tổ chức": "Đảng bộ cơ sở",
        "Lĩnh vực": "Xã, phường, thị trấn",
        "Mã tổ chức cấp trên": "kimbang",
        "Tên cấp ủy": "Đảng ủy thị trấn Quế",
        "Ký hiệu cấp ủy": "ĐU",
    },
    {
        "Mã tổ chức": "tq-cb1",
        "Tên tổ chức": "Chi bộ tổ dân phố Thượng Châu",
        "Loại tổ chức": "Chi bộ trực thuộc",
        "Mã tổ chức cấp trên": "tt-quequ",
    },
    {
        "Mã tổ chức": "tq-cb2",
        "Tên tổ chức": "Chi bộ tổ dân phố Hạ Châu",
        "Loại tổ chức": "Chi bộ trực thuộc",
        "Mã tổ chức cấp trên": "tt-que",
    },  # a typing mistake in the parent's code
]


def member(given, cid, cell, gender="Nam"):
    return {
        "Họ": "Nguyễn",
        "Tên đệm": "Văn" if gender == "Nam" else "Thị",
        "Tên": given,
        "Giới tính": gender,
        "Ngày sinh": "02/03/1980",
        "Số CCCD": cid,
        "Mã chi bộ": cell,
        "Ngày vào Đảng": "05/06/2010",
        "Ngày chính thức": "05/06/2011",
    }


def upload_and_write(page, url, path):
    page.goto(url)
    page.set_input_files("input[type=file]", path)
    page.click("button:has-text('Kiểm tra và nhập')")
    page.wait_for_selector("#import-summary, #import-errors")
    if page.locator("#import-errors").count():
        return page.inner_text("#import-errors")
    page.click("button:has-text('Ghi dữ liệu này')")
    page.wait_for_selector("text=Đã nhập xong")
    return ""


def login(page, base, username, password):
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def test_moving_in_from_an_empty_database(page, browser, live_server, tmp_path, settings):
    settings.DANGVU_IMPORT_DIR = tmp_path / "imports"
    base = live_server.url
    page.goto(f"{base}/")
    assert "Hệ thống chưa được cài đặt" in page.inner_text("#first-run")
    call_command(
        "setup",
        no_input=True,
        username="quantri",
        full_name="Trần Văn Quản",
        password=PASSWORD,
        kind="district",
        name="Đảng bộ huyện Kim Bảng",
        committee_name="Huyện ủy Kim Bảng",
        committee_code="HU",
        code="kimbang",
        province_name="Đảng bộ tỉnh Hà Nam",
        province_committee_name="Tỉnh ủy Hà Nam",
    )
    login(page, base, "quantri", PASSWORD)
    page.wait_for_selector("h1:has-text('Tổng quan')")

    # the tree: an error first (nothing written), fixed, then imported
    errors = upload_and_write(
        page, f"{base}/to-chuc/excel/nhap/", sheet_file(tmp_path / "cay.xlsx", "Tổ chức", TREE_COLUMNS, TREE)
    )
    assert "'tt-que' không có trong tệp" in errors
    TREE[2]["Mã tổ chức cấp trên"] = "tt-quequ"
    assert (
        upload_and_write(
            page, f"{base}/to-chuc/excel/nhap/", sheet_file(tmp_path / "cay-sua.xlsx", "Tổ chức", TREE_COLUMNS, TREE)
        )
        == ""
    )
    # the members, into its cells
    members = [
        member("An", "035080000101", "tq-cb1"),
        member("Bình", "035080000102", "tq-cb1"),
        member("Cúc", "035180000103", "tq-cb2", gender="Nữ"),
    ]
    assert (
        upload_and_write(
            page,
            f"{base}/dang-vien/excel/nhap/",
            sheet_file(tmp_path / "dv.xlsx", "Đảng viên", MEMBER_COLUMNS, members),
        )
        == ""
    )

    # an account for the secretary of the first cell
    page.goto(f"{base}/tai-khoan/tao/")
    pick(page, "id_organization", "thuong chau", "Chi bộ tổ dân phố Thượng Châu")
    page.fill("#id_username", "bithu.thuongchau")
    page.fill("#id_full_name", "Nguyễn Văn An")
    pick(page, "id_person", "nguyen van an", "Nguyễn Văn An", keyboard=True)
    page.click("button:has-text('Tạo tài khoản')")
    one_time = page.inner_text("#one-time-password").strip()
    page.click("text=Giao quyền cho tài khoản này")
    page.select_option("#id_role", "cell_secretary")
    pick(page, "id_organization", "to dan pho thuong", "Chi bộ tổ dân phố Thượng Châu")
    page.click("button:has-text('Giao quyền')")
    assert "Bí thư chi bộ" in page.inner_text("#mandate-table")

    page.goto(f"{base}/to-chuc/")
    page.click("summary:has-text('Đảng bộ tỉnh Hà Nam')")
    page.click("summary:has-text('Đảng bộ huyện Kim Bảng')")
    page.wait_for_selector("text=Đảng bộ thị trấn Quế")
    page.goto(f"{base}/dang-vien/")
    assert {"Nguyễn Văn An", "Nguyễn Văn Bình", "Nguyễn Thị Cúc"} <= set(
        page.locator("#member-table tbody td:first-child").all_inner_texts()
    )

    # the secretary logs in, must change the one-time password, then sees only the cell
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    secretary = context.new_page()
    login(secretary, base, "bithu.thuongchau", one_time)
    secretary.wait_for_selector("#forced-change")
    secretary.fill("#id_current", one_time)
    secretary.fill("#id_new", "Song-Day-Xanh-24")
    secretary.fill("#id_repeated", "Song-Day-Xanh-24")
    secretary.click("button:has-text('Đổi mật khẩu')")
    secretary.wait_for_selector("h1:has-text('Tổng quan')")
    secretary.goto(f"{base}/to-chuc/")
    tree = secretary.inner_text("#tree-root")
    assert "Chi bộ tổ dân phố Thượng Châu" in tree and "Kim Bảng" not in tree and "Hạ Châu" not in tree
    secretary.goto(f"{base}/dang-vien/")
    names = set(secretary.locator("#member-table tbody td:first-child").all_inner_texts())
    assert names == {"Nguyễn Văn An", "Nguyễn Văn Bình"}
    context.close()
