"""Uploads are bounded: a request larger than any page takes is refused from its Content-Length before its
body is read (a Vietnamese 413 page, nothing written), and each upload field takes its own types and size
with a message that says what it takes."""

import io

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.core.models import AuditEvent
from dangvu.core.web import UploadField

pytestmark = pytest.mark.django_db


def test_a_request_larger_than_any_page_takes_is_refused_before_it_is_read(client, users, settings):
    settings.DANGVU_MAX_REQUEST_MB = 1
    client.force_login(users["office"])
    before = AuditEvent.objects.count()
    big = io.BytesIO(b"x" * (2 * 1024 * 1024))
    big.name = "danh-sach.xlsx"
    response = client.post("/dang-vien/excel/nhap/", {"file": big, "dry_run": "on"})
    assert response.status_code == 413
    page = response.content.decode()
    assert "Tệp gửi lên quá lớn" in page and "vượt quá 1 MB" in page
    assert AuditEvent.objects.count() == before
    small = io.BytesIO(b"x" * 1000)
    small.name = "danh-sach.xlsx"
    assert client.post("/dang-vien/excel/nhap/", {"file": small, "dry_run": "on"}).status_code != 413


class _Form(forms.Form):
    file = UploadField(label="Tệp", max_mb=1, types=(".xlsx", ".csv"), kinds="tệp Excel .xlsx hoặc .csv")


def _errors(name: str, size: int) -> list[str]:
    form = _Form(files={"file": SimpleUploadedFile(name, b"x" * size)})
    return [] if form.is_valid() else form.errors["file"]


def test_an_upload_field_takes_its_own_types_and_size():
    assert _errors("so-lieu.csv", 10) == []
    assert _errors("so-lieu.docx", 10) == ["Chỉ nhận tệp Excel .xlsx hoặc .csv."]
    assert _errors("so-lieu.xlsx", 1024 * 1024 + 1) == ["Tệp lớn hơn 1 MB: hãy chia thành nhiều tệp nhỏ hơn."]
    assert _Form(files={}).errors["file"] == ["Chưa chọn tệp."]


def test_the_work_import_refuses_a_large_file(client, users, settings):
    from dangvu.work.forms import ImportForm

    client.force_login(users["office"])
    big = SimpleUploadedFile("dai-hoi.xlsx", b"x" * (20 * 1024 * 1024 + 1))
    form = ImportForm(files={"file": big})
    assert not form.is_valid() and form.errors["file"] == ["Tệp lớn hơn 20 MB: hãy chia thành nhiều tệp nhỏ hơn."]
