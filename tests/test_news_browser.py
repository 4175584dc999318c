"""In a real browser (Chromium, phone-sized): the office drafts the article from the conference, proofreads and
publishes it; a reader without login finds it in the news list, reads its date line and "Các tin khác", and a
draft answers 404."""

import os
from datetime import datetime

import pytest
from django.utils import timezone

import test_meetings_conference as world
from dangvu.news import actions
from dangvu.news.models import Article

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
people, conference, key_tasks = world.people, world.conference, world.key_tasks


def article(tree, title, moment, *, publish=True):
    made = actions.create_article(
        None,
        organization=tree["city"],
        title=title,
        lead=f"Sapô: {title.lower()}.",
        body="Nội dung của tin.",
        author="Thành ủy Phủ Lý",
    )
    if publish:
        actions.submit_for_review(None, made)
        actions.publish(None, made, at=timezone.make_aware(moment))
    return made


def login(page, live_server, username, password="mat-khau-1"):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/tong-quan/")


def test_publish_the_conference_article_and_read_it_with_other_news(
    page, live_server, users, tree, conference, key_tasks
):
    article(tree, "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới", datetime(2020, 9, 30, 15, 0))
    article(tree, "Kỷ niệm 90 năm Ngày thành lập Mặt trận", datetime(2020, 11, 18, 16, 0))
    draft = article(tree, "Bản nháp tổng kết năm", None, publish=False)

    # The office drafts the article from the meeting, proofreads it and publishes it for 09/10/2020.
    login(page, live_server, "u-office")
    page.goto(f"{live_server.url}/hoi-nghi/{conference.pk}/")
    with page.expect_navigation():
        page.click("button:has-text('Soạn tin từ hội nghị này')")
    assert "Không có cảnh báo." in page.inner_text("main")
    with page.expect_navigation():
        page.click("button:has-text('Soát lỗi và gửi duyệt')")
    page.fill("[name=published_at]", "2020-10-09T08:00")
    with page.expect_navigation():
        page.click("button:has-text('Đăng tin')")
    assert "Đã đăng tin." in page.inner_text(".messages")
    page.context.clear_cookies()

    # A reader without login.
    page.goto(f"{live_server.url}/tin-tuc/")
    titles = page.locator("article.news-item h2").all_inner_texts()
    assert "Bản nháp tổng kết năm" not in titles and len(titles) == 3
    with page.expect_navigation():
        page.click("text=Thành ủy Phủ Lý sơ kết công tác xây dựng Đảng 9 tháng đầu năm")
    assert page.inner_text("[data-testid=date-line]") == "Thứ Sáu, 09/10/2020"
    body = page.inner_text("article.article-body")
    assert "Sáng ngày 8/10/2020 Thành ủy Phủ Lý tổ chức Hội nghị sơ kết" in body
    assert "đồng chí Nguyễn Anh Chức - Ủy viên BTV Tỉnh ủy, Bí thư Thành ủy, Chủ tịch HĐND thành phố" in body
    assert page.inner_text(".signature") == "Thành ủy Phủ Lý"
    others = page.locator("ul.other-news a").all_inner_texts()
    assert others == ["Lớp bồi dưỡng lý luận chính trị cho đảng viên mới", "Kỷ niệm 90 năm Ngày thành lập Mặt trận"]
    with page.expect_navigation():
        page.click("ul.other-news >> text=Kỷ niệm 90 năm Ngày thành lập Mặt trận")
    assert page.inner_text("h1") == "Kỷ niệm 90 năm Ngày thành lập Mặt trận"
    assert page.inner_text("[data-testid=date-line]") == "Thứ Tư, 18/11/2020"

    response = page.goto(f"{live_server.url}/tin-tuc/{draft.pk}-{draft.slug}/")
    assert response.status == 404
    assert Article.objects.get(source_meeting=conference).status == "published"
