"""Files and downloads: an uploaded file recorded but gone from the disk answers the Vietnamese 404 page, not a
server error; downloads of generated documents carry `Cache-Control: no-store` and a file name in any script."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from dangvu.reports import actions as report_actions
from dangvu.reports import kinds, word
from dangvu.tasks import actions as task_actions
from dangvu.tasks.models import SourceKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_lost_evidence_file_answers_a_vietnamese_404(client, users, tree, tmp_path):
    task = task_actions.create_task(
        None,
        organization=tree["city"],
        title="Rà soát",
        assigned_on=date(2020, 10, 8),
        source_kind=SourceKind.RESOLUTION,
        source_document="Nghị quyết số 05-NQ/TU",
        due_on=date(2020, 12, 31),
    )
    update = task_actions.report_progress(
        None, task, percent=50, reported_on=date(2020, 11, 1), evidence=SimpleUploadedFile("bien-ban.pdf", b"%PDF x")
    )
    client.force_login(users["office"])
    url = f"/nhiem-vu/{task.pk}/minh-chung/{update.pk}/"
    found = client.get(url)
    assert found.status_code == 200 and found["Cache-Control"] == "no-store"
    Path(update.evidence.path).unlink()
    client.raise_request_exception = False
    lost = client.get(url)
    assert lost.status_code == 404 and "Không tìm thấy trang" in lost.content.decode()


def test_downloads_are_not_cached_and_take_any_file_name(client, users, tree):
    document = Document(io.BytesIO(word.shipped_template()))
    out = io.BytesIO()
    document.save(out)
    report_actions.upload_template(None, kinds.kind_by_code("interim-9"), out.getvalue(), "Mẫu báo cáo 9 tháng.docx")
    client.force_login(users["office"])
    answer = client.get("/bao-cao/mau/interim-9/word/")
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    assert "filename*=utf-8''M%E1%BA%ABu%20b%C3%A1o%20c%C3%A1o%209%20th%C3%A1ng.docx" in answer["Content-Disposition"]
