"""The golden case on the whole demo (`dangvu load_demo`): the 9-month report of Thành ủy Phủ Lý for
01/01–30/09/2020, dated 08/10/2020, shows every figure of SEED-FACTS.md computed from the records, from the
command and from the Word document, and is headed "ĐẢNG BỘ TỈNH HÀ NAM / THÀNH ỦY PHỦ LÝ" although both ended
in 2025.

The demo is loaded once for the module inside a transaction rolled back at the end (as tests/test_demo.py
does), so the other modules still start from an empty database.
"""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from docx import Document

from dangvu.demo import loader
from dangvu.organizations.models import Organization
from dangvu.reports import register
from dangvu.reports.models import Report, Status
from reports_support import REPORT_DAY, docx_text, issued, nine_month_report

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield loader.load()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_the_figures_from_the_command(demo):
    out = io.StringIO()
    call_command("report", "--org", "phuly", "--from", "2020-01-01", "--to", "2020-09-30", "--format", "json",
                 stdout=out)
    data = json.loads(out.getvalue())
    figures = data["indicators"]
    assert data["organization"]["name"] == "Đảng bộ thành phố Phủ Lý"
    assert (figures["congress.grassroots_held"], figures["grassroots.total"]) == (67, 67)
    assert figures["congress.term"] == "2020–2025"
    assert (figures["inspection.organizations"], figures["inspection.members"]) == (22, 20)
    assert (figures["supervision.thematic.organizations"], figures["supervision.thematic.members"]) == (19, 7)
    assert (figures["course.awareness.classes"], figures["course.awareness.participants"]) == (2, 120)
    assert figures["course.new_member_theory.classes"] == 1


def test_the_report_the_demo_issued_holds_the_figures(demo):
    city = Organization.objects.get(code="phuly")
    report = Report.objects.filter(organization=city, status=Status.ISSUED, period_start=date(2020, 1, 1),
                                   period_end=date(2020, 9, 30)).first()
    if report is None:
        pytest.fail("the demo issues the city's 9-month report (meetings.demo.nine_month_report)")
    figures = {key: figure["value"] for key, figure in report.snapshot["figures"].items()}
    assert (figures["inspection.organizations"], figures["supervision.thematic.organizations"]) == (22, 19)
    assert report.document_date == REPORT_DAY and report.register_entry.term == "2020–2025"
    assert "kiểm tra 22 tổ chức Đảng và 20 đảng viên" in docx_text(bytes(report.document))


def test_the_word_document_of_the_issued_report(demo):
    city = Organization.objects.get(code="phuly")
    assert city.dissolved_on == date(2025, 7, 1) and Organization.objects.get(code="hanam").dissolved_on
    register.continue_from(None, city, "BC", REPORT_DAY, 44)
    report = issued(nine_month_report(city))
    document = Document(io.BytesIO(bytes(report.document)))
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    right = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs if p.text]
    assert left == ["ĐẢNG BỘ TỈNH HÀ NAM", "THÀNH ỦY PHỦ LÝ", "*", "Số 45-BC/TU"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Phủ Lý, ngày 08 tháng 10 năm 2020"]
    text = docx_text(bytes(report.document))
    for fragment in [
        "67/67 tổ chức cơ sở Đảng trực thuộc tổ chức thành công Đại hội nhiệm kỳ 2020–2025",
        "kiểm tra 22 tổ chức Đảng và 20 đảng viên",
        "giám sát chuyên đề 19 tổ chức Đảng và 7 đảng viên",
        "Tổ chức 2 lớp bồi dưỡng kết nạp Đảng cho 120 quần chúng ưu tú, 1 lớp lý luận chính trị cho đảng viên mới",
    ]:
        assert fragment in text
