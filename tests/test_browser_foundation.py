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

    page.click("text=Tổ chức")
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
