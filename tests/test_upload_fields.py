"""Every upload of every form is judged in one place (`core.web.UploadField`, `upload_problem`): its size, its
type and, for the office files kept as they came (a meeting's attachment, a task's evidence), that the archive is
not damaged and does not expand as no real office file does (`core.archives`); a news image must open as an
image. Each refusal is in Vietnamese on the form and nothing is written."""

import importlib
import io
import pkgutil
import zipfile
from datetime import date

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

import dangvu
from dangvu.core.web import UploadField
from dangvu.meetings import actions as meeting_actions
from dangvu.meetings.models import AgendaItem, Kind
from dangvu.news import actions as news_actions
from dangvu.tasks import actions as task_actions
from dangvu.tasks.models import ProgressUpdate, SourceKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def bomb_bytes() -> bytes:
    """A .docx whose one part expands 1,000 times: 5 MB of XML from about 5 KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + " " * (5 * 1024 * 1024) + "</w:document>")
    return out.getvalue()


BAD_FILES = [
    ("virus.exe", b"MZ", "Chỉ nhận"),
    ("bien-ban.docx", b"this is no zip archive", "bị hỏng (không giải nén được)"),
    ("bien-ban.docx", None, "có cấu trúc bất thường"),
    ("rong.pdf", b"", "Tệp đã chọn rỗng (0 byte)."),
]


def upload(name, content):
    return SimpleUploadedFile(name, bomb_bytes() if content is None else content)


def page_text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("name, content, message", BAD_FILES)
def test_a_meeting_attachment_is_judged_as_every_upload(client, users, tree, name, content, message):
    meeting = meeting_actions.create_meeting(
        None,
        organization=tree["city"],
        kind=Kind.STANDING,
        title="Hội nghị Ban Thường vụ",
        date=date(2020, 3, 5),
        part_of_day="morning",
    )
    client.force_login(users["office"])
    response = client.post(
        f"/hoi-nghi/{meeting.pk}/chuong-trinh/", {"title": "Quán triệt nghị quyết", "attachment": upload(name, content)}
    )
    assert response.status_code == 200 and message in page_text(response)
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    good = client.post(
        f"/hoi-nghi/{meeting.pk}/chuong-trinh/",
        {"title": "Quán triệt nghị quyết", "attachment": upload("bien-ban.docx", docx_bytes())},
    )
    assert good.status_code == 302 and AgendaItem.objects.get(meeting=meeting).attachment


@pytest.mark.parametrize("name, content, message", BAD_FILES)
def test_a_task_evidence_is_judged_as_every_upload(client, users, tree, name, content, message):
    task = task_actions.create_task(
        None,
        organization=tree["city"],
        title="Rà soát",
        assigned_on=date(2020, 10, 8),
        source_kind=SourceKind.RESOLUTION,
        source_document="Nghị quyết số 05-NQ/TU",
        due_on=date(2020, 12, 31),
    )
    client.force_login(users["office"])
    response = client.post(
        f"/nhiem-vu/{task.pk}/tien-do/", {"percent": 50, "reported_on": "2020-11-01", "evidence": upload(name, content)}
    )
    assert response.status_code == 200 and message in page_text(response)
    assert not ProgressUpdate.objects.filter(task=task).exists()


def test_a_task_evidence_too_large_is_refused_before_it_is_opened(client, users, tree):
    task = task_actions.create_task(
        None,
        organization=tree["city"],
        title="Rà soát",
        assigned_on=date(2020, 10, 8),
        source_kind=SourceKind.RESOLUTION,
        source_document="Nghị quyết số 05-NQ/TU",
        due_on=date(2020, 12, 31),
    )
    client.force_login(users["office"])
    big = SimpleUploadedFile("bien-ban.xlsx", b"x" * (20 * 1024 * 1024 + 1))
    response = client.post(
        f"/nhiem-vu/{task.pk}/tien-do/", {"percent": 50, "reported_on": "2020-11-01", "evidence": big}
    )
    assert "Tệp lớn hơn 20 MB: hãy nén hoặc chia nhỏ tệp." in page_text(response)
    assert not ProgressUpdate.objects.filter(task=task).exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("anh.png", b"not an image", "Tệp không phải ảnh hoặc ảnh bị hỏng"),
        ("anh.bmp", b"BM", "Chỉ nhận ảnh JPG, PNG, WEBP hoặc GIF."),
        ("anh.jpg", b"x" * (10 * 1024 * 1024 + 1), "Tệp lớn hơn 10 MB: hãy giảm kích thước ảnh rồi gửi lại."),
    ],
)
def test_a_news_image_is_judged_as_every_upload(client, users, tree, name, content, message):
    draft = news_actions.create_article(
        users["office"],
        organization=tree["city"],
        title="Tin hoạt động",
        lead="Sapô.",
        body="Nội dung.",
        author="Thành ủy Phủ Lý",
    )
    client.force_login(users["office"])
    response = client.post(
        f"/tin-tuc/bien-tap/{draft.pk}/anh/", {"image": SimpleUploadedFile(name, content)}, follow=True
    )
    assert response.status_code == 200 and message in page_text(response)
    assert not draft.images.exists()


def test_the_news_action_asks_the_same_question_as_the_form(users, tree):
    from dangvu.core.errors import RuleViolation

    draft = news_actions.create_article(
        users["office"],
        organization=tree["city"],
        title="Tin hoạt động",
        lead="Sapô.",
        body="Nội dung.",
        author="Thành ủy Phủ Lý",
    )
    with pytest.raises(RuleViolation) as raised:
        news_actions.add_image(users["office"], draft, image=SimpleUploadedFile("anh.exe", b"MZ"))
    assert raised.value.errors["image"] == ["Chỉ nhận ảnh JPG, PNG, WEBP hoặc GIF."]


def _form_classes():
    for module in pkgutil.walk_packages(dangvu.__path__, "dangvu."):
        if (
            module.name.rsplit(".", 1)[-1] in ("forms", "views", "views_excel", "views_import")
            or ".views." in module.name
        ):
            importlib.import_module(module.name)
    seen, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return [c for c in seen if c.__module__.startswith("dangvu.")]


def test_no_form_of_the_project_takes_a_file_except_through_the_upload_field():
    plain = [
        f"{c.__module__}.{c.__name__}.{name}"
        for c in _form_classes()
        for name, field in getattr(c, "base_fields", {}).items()
        if isinstance(field, forms.FileField) and not isinstance(field, UploadField)
    ]
    assert not plain, f"Upload fields that judge their files themselves: {plain}"
