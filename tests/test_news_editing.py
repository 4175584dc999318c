"""The editors' news pages: scope (404 out of sight, 403 seen but not writable), who may publish, the
proofreading step before publishing, audit events, and bad input that shows a message instead of a 500."""

from datetime import date

import pytest

import test_meetings_conference as world
from dangvu.accounts import actions as account_actions
from dangvu.accounts.models import Role
from dangvu.core.models import AuditEvent
from dangvu.news import actions
from dangvu.news.models import Article

pytestmark = pytest.mark.django_db
people, conference, key_tasks = world.people, world.conference, world.key_tasks

SEED_LIKE = (
    "Sáng ngày 8/10/2020 Thành ủy Phủ Lý tổ chức hội nghị.\n\nBTV thành ủy đã bán sát sự chỉ đạo, "
    "kiểm  tra 22 tổ chức Đảng."
)


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def users(tree):
    def user(name, role, org):
        account = account_actions.create_user(None, username=name, password="x-Very-long-1")
        account_actions.grant_mandate(None, account, role=role, organization=org, valid_from=date(2015, 1, 1))
        return account

    return {
        "office": user("vanphong", Role.OFFICE, tree["city"]),
        "leader": user("lanhdao", Role.LEADER, tree["city"]),
        "secretary": user("bithu", Role.CELL_SECRETARY, tree["cell_a"]),
        "outsider": user("truong", Role.OFFICE, tree["school"]),
    }


@pytest.fixture
def draft(tree, users):
    return actions.create_article(
        users["office"],
        organization=tree["city"],
        title="Tin hoạt động",
        lead="Sapô.",
        body=SEED_LIKE,
        author="Thành ủy Phủ Lý",
    )


def test_the_workflow_proofreads_before_publishing_and_is_audited(client, users, draft):
    login(client, users["office"])
    response = client.post(f"/tin-tuc/bien-tap/{draft.pk}/gui-duyet/", follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "«bán sát» có thể là «bám sát»" in page and "kiểm␣␣tra" in page
    draft.refresh_from_db()
    assert draft.status == "review" and draft.proofread_warnings == 2
    response = client.post(f"/tin-tuc/bien-tap/{draft.pk}/dang/", follow=True)
    assert "Còn 2 cảnh báo soát lỗi" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "review"
    client.post(f"/tin-tuc/bien-tap/{draft.pk}/dang/", {"accept_warnings": "on", "published_at": "2020-10-09T08:00"})
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at.date() == date(2020, 10, 9)
    client.post(f"/tin-tuc/bien-tap/{draft.pk}/go/", {"reason": "Sai số liệu"})
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    actions_done = list(
        AuditEvent.objects.filter(object_type="news.article", object_id=str(draft.pk))
        .order_by("id")
        .values_list("action", "actor__username")
    )
    assert actions_done == [
        ("article.create", "vanphong"),
        ("article.submit", "vanphong"),
        ("article.publish", "vanphong"),
        ("article.withdraw", "vanphong"),
    ]
    assert AuditEvent.objects.get(action="article.withdraw").reason == "Sai số liệu"


def test_scope_hides_and_forbids(client, users, draft):
    assert login(client, users["outsider"]).get(f"/tin-tuc/bien-tap/{draft.pk}/").status_code == 404
    assert draft.title not in client.get("/tin-tuc/bien-tap/").content.decode()
    assert client.post(f"/tin-tuc/bien-tap/{draft.pk}/gui-duyet/").status_code == 404
    login(client, users["leader"])
    assert client.get(f"/tin-tuc/bien-tap/{draft.pk}/").status_code == 200
    assert (
        client.post(f"/tin-tuc/bien-tap/{draft.pk}/sua/", {"title": "X", "author": "Y", "body": "Z"}).status_code == 403
    )
    draft.refresh_from_db()
    assert draft.title == "Tin hoạt động"
    assert client.get("/tin-tuc/bien-tap/viet-tin/").status_code == 403


def test_a_cell_secretary_writes_but_does_not_publish(client, tree, users):
    login(client, users["secretary"])
    response = client.post(
        "/tin-tuc/bien-tap/viet-tin/",
        {
            "organization": tree["cell_a"].code,
            "title": "Chi bộ sinh hoạt chuyên đề",
            "lead": "Chiều nay.",
            "body": "Chi bộ tổ chức sinh hoạt chuyên đề.",
            "author": "Chi bộ tổ dân phố số 1",
        },
    )
    article = Article.objects.get(title="Chi bộ sinh hoạt chuyên đề")
    assert response.status_code == 302 and article.organization == tree["cell_a"]
    # The city is not his to write for.
    response = client.post(
        "/tin-tuc/bien-tap/viet-tin/",
        {"organization": tree["city"].code, "title": "Tin của Thành ủy", "body": "Nội dung.", "author": "Thành ủy"},
    )
    assert response.status_code == 200 and not Article.objects.filter(title="Tin của Thành ủy").exists()
    client.post(f"/tin-tuc/bien-tap/{article.pk}/gui-duyet/")
    assert client.post(f"/tin-tuc/bien-tap/{article.pk}/dang/", {"accept_warnings": "on"}).status_code == 403
    article.refresh_from_db()
    assert article.status == "review"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "", "author": "Thành ủy", "body": "Nội dung"}, "Trường này là bắt buộc"),
        ({"title": "Tin", "author": "Thành ủy", "body": "", "lead": ""}, "Tin bài chưa có nội dung."),
        ({"title": "Tin", "author": "Thành ủy", "body": "x", "category": "999"}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_bad_input_on_the_article_form_shows_a_message(client, tree, users, data, message):
    login(client, users["office"])
    response = client.post("/tin-tuc/bien-tap/viet-tin/", {"organization": tree["city"].code, **data})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Article.objects.exists()


def test_bad_publication_time_and_images_show_a_message(client, users, draft):
    login(client, users["office"])
    client.post(f"/tin-tuc/bien-tap/{draft.pk}/gui-duyet/")
    response = client.post(
        f"/tin-tuc/bien-tap/{draft.pk}/dang/", {"published_at": "ngày mai", "accept_warnings": "on"}, follow=True
    )
    assert response.status_code == 200 and "Nhập một ngày/thời gian hợp lệ" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "review"
    client.post(f"/tin-tuc/bien-tap/{draft.pk}/ve-ban-nhap/")
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("a.png", b"not an image", "image/png")
    response = client.post(f"/tin-tuc/bien-tap/{draft.pk}/anh/", {"image": fake}, follow=True)
    assert response.status_code == 200 and not draft.images.exists()
    assert "Tệp không phải ảnh hoặc ảnh bị hỏng" in response.content.decode()


def test_draft_from_a_meeting_through_the_page(client, tree, users, conference, key_tasks):
    login(client, users["office"])
    response = client.post(f"/tin-tuc/bien-tap/tu-hoi-nghi/{conference.pk}/")
    article = Article.objects.get(source_meeting=conference)
    assert response.status_code == 302 and response["Location"] == f"/tin-tuc/bien-tap/{article.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Không có cảnh báo." in page and "Dự hội nghị có đồng chí Trần Thanh Sơn" in page
    assert login(client, users["outsider"]).post(f"/tin-tuc/bien-tap/tu-hoi-nghi/{conference.pk}/").status_code == 404
    assert Article.objects.filter(source_meeting=conference).count() == 1


def test_the_article_page_says_when_the_dictionary_is_missing(client, users, draft, monkeypatch, tmp_path):
    from dangvu.news import proofread

    page = login(client, users["office"]).get(f"/tin-tuc/bien-tap/{draft.pk}/").content.decode()
    assert 'id="dictionary-notice"' not in page
    monkeypatch.setattr(proofread, "DICTIONARY", tmp_path / "vi_VN.dic")
    proofread.syllables.cache_clear()
    try:
        response = client.get(f"/tin-tuc/bien-tap/{draft.pk}/")
    finally:
        proofread.syllables.cache_clear()
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="dictionary-notice"' in page and "hunspell-vi" in page and "«bán sát» có thể là «bám sát»" in page
