"""On a phone (390 px, the test page's viewport): no main page scrolls sideways, the menu opens from its button
and every entry is on screen, and table cells wrap instead of breaking into columns."""

import pytest

from test_browser_foundation import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAIN_PAGES = [
    "/tong-quan/",
    "/to-chuc/",
    "/dang-vien/",
    "/ket-nap/",
    "/cong-tac/",
    "/bao-cao/",
    "/hoi-nghi/",
    "/nhiem-vu/",
    "/tin-tuc/bien-tap/",
    "/nhat-ky/",
    "/tin-tuc/",
]


def test_main_pages_fit_a_phone_and_the_whole_menu_is_reachable(page, live_server, users, tree, make_member):
    make_member(tree["cell_a"], family="Nguyễn", middle="Văn", given="Đức")
    login(page, live_server, "u-office")
    for url in MAIN_PAGES:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    page.goto(f"{live_server.url}/tong-quan/")
    entries = page.locator("nav.main a")
    assert entries.count() >= 6
    assert not entries.first.is_visible()  # folded behind the button
    page.click("#menu-button")
    for i in range(entries.count()):
        box = entries.nth(i).bounding_box()
        assert entries.nth(i).is_visible() and box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    entries.nth(entries.count() - 1).click()
    page.wait_for_load_state()
    assert page.url != f"{live_server.url}/tong-quan/"
