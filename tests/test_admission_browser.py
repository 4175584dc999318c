"""In a real browser (Chromium, phone-sized): one candidate's path from the list to official member."""

import os
from datetime import date

import pytest

from browser_support import pick
from dangvu.admission.models import Candidate, Step
from dangvu.members.models import Status

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
pytest_plugins = ["test_admission_support"]  # the `cell` fixture


def login(page, live_server, username, password="mat-khau-1"):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/tong-quan/")


def next_step(page, expected_label, fields, selects=None):
    """Fill the next step's form on the candidate page and save it."""
    form = page.locator("#next-step")
    assert expected_label in page.inner_text("h2:has-text('Bước tiếp theo')")
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    for name, label in (selects or {}).items():
        form.locator(f"select[name={name}]").select_option(label=label)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "Đã ghi" in page.inner_text(".messages")


def test_candidate_from_application_to_official_member(page, live_server, users, cell):
    login(page, live_server, "u-office")
    page.click("#menu-button")  # the phone-sized menu opens from its button
    page.click("nav.main >> text=Kết nạp")
    page.click("text=Thêm quần chúng ưu tú")
    page.fill("[name=p-family_name]", "Phạm")
    page.fill("[name=p-middle_name]", "Minh")
    page.fill("[name=p-given_name]", "Tuấn")
    page.select_option("[name=p-gender]", label="Nam")
    page.fill("[name=p-birth_date]", "2000-05-12")
    pick(page, "id_c-organization", "to dan pho 1", "Chi bộ tổ dân phố số 1")
    page.fill("[name=c-listed_on]", "2019-12-02")
    with page.expect_navigation():
        page.click("button:has-text('Lưu')")
    assert "Quần chúng ưu tú" in page.inner_text("#current-step")

    next_step(page, "Cử đi học", {"on": "2020-02-10"})
    next_step(page, "Giấy chứng nhận", {"number": "GCN-15/2020", "on": "2020-03-20"})
    next_step(page, "Đơn xin vào Đảng", {"on": "2020-04-01"})
    # a mistake first: one introducer only; the page says what is wrong and keeps the step
    page.locator("#next-step [name=on]").fill("2020-04-15")
    page.locator("#next-step [name=introducer_1_tim]").fill("nguyen van an")  # picked by name when sent
    page.locator("#next-step [name=since_1]").fill("2018-01-02")
    with page.expect_navigation():
        page.click("#next-step button[type=submit]")
    assert "Cần đúng 2 đảng viên chính thức giới thiệu; đã ghi 1" in page.content()
    page.goto(f"{live_server.url}/ket-nap/{Candidate.objects.get().pk}/")
    next_step(
        page,
        "Người giới thiệu",
        {
            "on": "2020-04-15",
            "since_1": "2018-01-02",
            "since_2": "2017-05-01",
            "introducer_1_tim": "Nguyễn Văn An",
            "introducer_2_tim": "van binh",
        },
    )
    next_step(page, "Nghị quyết", {"on": "2020-05-12", "number": "05-NQ/CB", "votes_for": "7"})
    pick(page, "id_by", "quang trung", "Đảng bộ phường Quang Trung")  # type-ahead over the cell's committees
    next_step(page, "Quyết định kết nạp", {"number": "120-QĐ/ĐU", "on": "2020-06-01"})
    next_step(page, "Lễ kết nạp", {"on": "2020-06-15"})
    assert "Dự bị đến 15/06/2021" in page.inner_text("#timeline")
    next_step(page, "Công nhận đảng viên chính thức", {"number": "88-QĐ/ĐU", "on": "2021-06-25"})

    assert "Đảng viên chính thức" in page.inner_text("#current-step")
    assert "ngày chính thức 15/06/2021" in page.inner_text("#timeline")
    assert "Quy định 29-QĐ/TW" in page.inner_text("#regulations")
    candidate = Candidate.objects.get()
    assert candidate.step == Step.OFFICIAL
    assert candidate.member.status == Status.OFFICIAL
    assert (candidate.member.admitted_on, candidate.member.official_on) == (date(2020, 6, 1), date(2021, 6, 15))
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
