"""PDF conversions are capped across the machine's server processes (a slot is an exclusive file lock): a
request that finds every slot taken waits, then is told in Vietnamese that the server is busy; a page that
cannot make its PDF (every slot busy, LibreOffice missing) answers the 503 page with the reason, never 500,
and a download is never cached."""

import threading

import pytest
from django.urls import reverse

from dangvu.reports import pdf


@pytest.fixture
def one_slot(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PDF_CONVERSIONS = 1


def test_a_taken_slot_makes_the_next_conversion_wait_then_say_busy(one_slot):
    with (
        pdf.conversion_slot(),
        pytest.raises(pdf.ConversionError, match="Máy chủ đang bận tạo các tệp PDF khác"),
        pdf.conversion_slot(wait=0.3),
    ):
        pass
    with pdf.conversion_slot(wait=0):  # released: the next one goes at once
        pass


def test_a_waiting_conversion_goes_when_the_slot_is_released(one_slot):
    held, release, got = threading.Event(), threading.Event(), []

    def holder():
        with pdf.conversion_slot():
            held.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(5)
    threading.Timer(0.3, release.set).start()
    with pdf.conversion_slot(wait=5):
        got.append(True)
    thread.join()
    assert got == [True]


@pytest.mark.django_db
def test_a_pdf_that_cannot_be_made_is_said_on_the_page_and_the_word_file_still_comes(
    client, users, tree, make_member, one_slot, monkeypatch
):
    member = make_member(tree["cell_a"], given="Huy")
    client.force_login(users["office"])
    monkeypatch.setattr(pdf, "WAIT_SECONDS", 0.2)
    with pdf.conversion_slot():
        response = client.get(reverse("records_sheet", args=[member.pk, "pdf"]), follow=True)
    assert response.status_code == 200 and "Máy chủ đang bận tạo các tệp PDF khác" in response.content.decode()
    word = client.get(reverse("records_sheet", args=[member.pk, "docx"]))
    assert word.status_code == 200 and word["Cache-Control"] == "no-store"


def test_a_view_that_does_not_catch_it_answers_the_503_page(rf):
    from dangvu.core.errors import Unavailable
    from dangvu.core.middleware import ConflictMiddleware

    response = ConflictMiddleware(lambda request: None).process_exception(
        rf.get("/"), Unavailable("Máy chủ chưa cài LibreOffice.")
    )
    assert response.status_code == 503 and response["Retry-After"] == "60"
    page = response.content.decode()
    assert "Máy chủ chưa cài LibreOffice." in page and "Không có dữ liệu nào thay đổi" in page
