"""Public news pages without login: only published articles ever appear; drafts, articles in review and
withdrawn ones answer 404; the article page has its date line and "Các tin khác"; the RSS feed and the sitemap
parse and list only what is published."""

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dangvu.news import actions
from dangvu.news.models import Category

pytestmark = pytest.mark.django_db

# A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf"
    "c0f01f0005000201a5f6cd620000000049454e44ae426082"
)


def make(tree, title, *, status="published", at=(2020, 10, 9, 8, 0), category=None, body=None):
    article = actions.create_article(
        None,
        organization=tree["city"],
        title=title,
        lead=f"Sapô của tin {title.lower()}.",
        body=body or "Nội dung tin.",
        author="Thành ủy Phủ Lý",
        category=category,
    )
    if status in ("review", "published", "withdrawn"):
        actions.submit_for_review(None, article)
    if status in ("published", "withdrawn"):
        actions.publish(None, article, at=timezone.make_aware(datetime(*at)))
    if status == "withdrawn":
        actions.withdraw(None, article, reason="Thông tin chưa chính xác")
    return article


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def news(tree):
    category = Category.objects.create(slug="hoat-dong", name="Hoạt động của Đảng bộ", order=1)
    return {
        "main": make(tree, "Thành ủy Phủ Lý sơ kết công tác xây dựng Đảng", category=category),
        "older": make(tree, "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới", at=(2020, 9, 30, 15, 0)),
        "newer": make(tree, "Kỷ niệm ngày thành lập Mặt trận", at=(2020, 11, 18, 16, 0), category=category),
        "draft": make(tree, "Bản nháp tổng kết năm", status="draft"),
        "review": make(tree, "Tin đang chờ duyệt", status="review"),
        "withdrawn": make(tree, "Tin đã gỡ", status="withdrawn"),
        "scheduled": make(tree, "Tin hẹn giờ đăng", at=(2099, 1, 1, 8, 0)),
        "category": category,
    }


def url(article):
    return f"/tin-tuc/{article.pk}-{article.slug}/"


def test_the_article_page_has_its_date_line_and_other_news(client, news):
    response = client.get(url(news["main"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thứ Sáu, 09/10/2020" in page
    assert "Thành ủy Phủ Lý sơ kết công tác xây dựng Đảng" in page and "Các tin khác" in page
    others = page.split("Các tin khác", 1)[1]
    assert news["older"].title in others and news["newer"].title in others
    for hidden in ("draft", "review", "withdrawn", "scheduled"):
        assert news[hidden].title not in page


@pytest.mark.parametrize("key", ["draft", "review", "withdrawn", "scheduled"])
def test_unpublished_articles_answer_404_publicly(client, news, key):
    article = news[key]
    assert client.get(url(article)).status_code == 404
    assert client.get(f"/tin-tuc/{article.pk}/").status_code == 404
    assert article.title not in client.get("/tin-tuc/").content.decode()
    assert article.title not in client.get("/rss.xml").content.decode()


def test_a_wrong_slug_redirects_to_the_article(client, news):
    response = client.get(f"/tin-tuc/{news['main'].pk}-sai-duong-dan/")
    assert response.status_code == 301 and response["Location"] == url(news["main"])


def test_list_and_category_show_only_published(client, news):
    page = client.get("/tin-tuc/").content.decode()
    titles = [news[k].title for k in ("newer", "main", "older")]
    assert all(t in page for t in titles)
    assert page.index(titles[0]) < page.index(titles[1]) < page.index(titles[2])
    category = client.get(f"/tin-tuc/chuyen-muc/{news['category'].slug}/").content.decode()
    assert news["main"].title in category and news["older"].title not in category
    assert client.get("/tin-tuc/chuyen-muc/khong-co/").status_code == 404


def test_the_rss_feed_parses_and_lists_the_published_articles(client, news):
    response = client.get("/rss.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == [news[k].title for k in ("newer", "main", "older")]
    assert items[1].findtext("link").endswith(url(news["main"]))
    assert "09 Oct 2020" in items[1].findtext("pubDate")


def test_the_sitemap_parses_and_lists_the_published_articles(client, news):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert any(loc.endswith(url(news["main"])) for loc in locations)
    assert not any(f"/tin-tuc/{news['draft'].pk}-" in loc for loc in locations)


def test_images_are_public_only_with_a_published_article(client, tree, news):
    draft = news["draft"]
    image = actions.add_image(None, draft, image=SimpleUploadedFile("a.png", PNG, "image/png"), caption="Ảnh")
    assert client.get(f"/tin-tuc/anh/{image.pk}/").status_code == 404
    actions.submit_for_review(None, draft)
    actions.publish(None, draft, at=timezone.make_aware(datetime(2020, 12, 1, 9, 0)))
    response = client.get(f"/tin-tuc/anh/{image.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert "Ảnh" in client.get(url(draft)).content.decode()


def test_the_home_page_is_the_committees_news_for_visitors(client, tree, users):
    make(tree, "Hội nghị sơ kết 9 tháng")
    page = client.get("/").content.decode()
    assert "Hội nghị sơ kết 9 tháng" in page and 'id="login-link"' in page
    assert '<a class="brand" href="/">Thành ủy Phủ Lý</a>' in page
    assert "<title>Tin tức · Thành ủy Phủ Lý</title>" in page
    feed = ET.fromstring(client.get("/rss.xml").content)
    assert feed.find("channel/title").text == "Tin tức · Thành ủy Phủ Lý"
    client.force_login(users["office"])
    assert client.get("/")["Location"] == "/tong-quan/"


def test_the_site_speaks_for_the_configured_organization(client, tree, settings):
    make(tree, "Tin của thành phố")
    settings.DANGVU_SITE_ORGANIZATION = "quangtrung"
    page = client.get("/tin-tuc/").content.decode()
    assert '<a class="brand" href="/">Đảng ủy phường Quang Trung</a>' in page


def test_the_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200 and b"<svg" in b"".join(icon.streaming_content if icon.streaming else [icon.content])
