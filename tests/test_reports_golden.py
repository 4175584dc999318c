"""The golden case: the 9-month report of Thành ủy Phủ Lý for 01/01–30/09/2020, dated 08/10/2020, from the
command and from the Word document; and the figures are real: they move when the records change."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from docx import Document

from dangvu.organizations import actions as org_actions
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Kind
from dangvu.reports import register, word
from dangvu.reports.content import content
from dangvu.work.models import Activity, Oversight, OversightSubject
from reports_support import NINE_MONTHS, build_small_city, docx_text, inspect, issued, nine_month_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_city(tree, make_member):
    return build_small_city(tree, make_member)

ARTICLE = [
    "kiểm tra 22 tổ chức Đảng và 20 đảng viên",
    "giám sát chuyên đề 19 tổ chức Đảng và 7 đảng viên",
    "Tổ chức 2 lớp bồi dưỡng kết nạp Đảng cho 120 quần chúng ưu tú, 1 lớp lý luận chính trị cho đảng viên mới",
]


def command_figures(**extra) -> dict:
    out = io.StringIO()
    call_command("report", org="phuly", start="2020-01-01", end="2020-09-30", format="json", stdout=out, **extra)
    return json.loads(out.getvalue())


def sentence(report, fragment: str) -> str:
    """The document's paragraph that holds a fragment of the template's sentence."""
    text = docx_text(word.render_report(report))
    return next(line for line in text.splitlines() if fragment in line)


def test_the_nine_month_report_of_the_city(small_city):
    city, grassroots = small_city["city"], small_city["grassroots"]

    # From the command.
    data = command_figures()
    assert data["organization"]["code"] == "phuly" and data["organization"]["name"] == "Đảng bộ thành phố Phủ Lý"
    assert data["period"] == {"from": "2020-01-01", "to": "2020-09-30"}
    figures = data["indicators"]
    assert figures["congress.term"] == "2020–2025"
    assert figures["congress.grassroots_held"] == figures["grassroots.total"] == len(grassroots)
    assert (figures["inspection.organizations"], figures["inspection.members"]) == (22, 20)
    assert (figures["supervision.thematic.organizations"], figures["supervision.thematic.members"]) == (19, 7)
    assert (figures["course.awareness.classes"], figures["course.awareness.participants"]) == (2, 120)
    assert figures["course.new_member_theory.classes"] == 1

    # From the Word document, issued with the next number of the city's register in the 2020–2025 term.
    register.continue_from(None, city, "BC", date(2020, 10, 8), 44)
    report = issued(nine_month_report(city))
    assert report.register_entry.label == "45-BC/TU" and report.register_entry.term == "2020–2025"
    text = docx_text(bytes(report.document))
    for fragment in ARTICLE:
        assert fragment in text
    held = f"{len(grassroots)}/{len(grassroots)} tổ chức cơ sở Đảng"
    assert held in text and "Đại hội nhiệm kỳ 2020–2025" in text
    header = Document(io.BytesIO(bytes(report.document))).tables[0]
    left = [p.text for p in header.rows[0].cells[0].paragraphs]
    right = [p.text for p in header.rows[0].cells[1].paragraphs if p.text]
    assert left == ["ĐẢNG BỘ TỈNH HÀ NAM", "THÀNH ỦY PHỦ LÝ", "*", "Số 45-BC/TU"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Phủ Lý, ngày 08 tháng 10 năm 2020"]


def test_the_2020_report_keeps_the_2020_names_after_the_2025_reorganization(small_city):
    """On 01/07/2025 the city ends and its grassroots organizations go under the new province: a 2020 draft
    is still headed by the names of 2020 and still counts the tree of 30/09/2020."""
    city, province = small_city["city"], small_city["province"]
    report = nine_month_report(city)
    before = content(report)["figures"]
    merged = date(2025, 7, 1)
    ninh_binh = org_actions.establish(
        None, code="ninhbinh", kind=Kind.PROVINCE, on=merged, committee_code="TU",
        names=NameSpec("Đảng bộ tỉnh Ninh Bình", "Tỉnh ủy Ninh Bình", "Tỉnh ủy", "tỉnh", "Ninh Bình"),
    )
    for child in list(city.children.filter(dissolved_on__isnull=True)):
        org_actions.move(None, child, ninh_binh, on=merged)
    org_actions.dissolve(None, city, on=merged)
    org_actions.dissolve(None, province, on=merged)
    after = content(report)
    assert after["header"]["superior"] == "ĐẢNG BỘ TỈNH HÀ NAM"
    assert after["header"]["issuer"] == "THÀNH ỦY PHỦ LÝ"
    assert after["header"]["place_date"] == "Phủ Lý, ngày 08 tháng 10 năm 2020"
    assert {k: v["value"] for k, v in after["figures"].items()} == {k: v["value"] for k, v in before.items()}


def test_the_figures_are_real(small_city):
    """Inspect an organization already inspected: the count stays; a new one: it rises; move an inspection
    to 01/10/2020: it falls. The Word document of the draft changes with them."""
    city = small_city["city"]
    report = nine_month_report(city)
    fragment = "kiểm tra "
    assert "kiểm tra 22 tổ chức Đảng" in sentence(report, fragment)

    inspected = set(
        OversightSubject.objects.filter(
            oversight__activity=Activity.INSPECTION, oversight__start_date__range=(NINE_MONTHS.start, NINE_MONTHS.end),
            organization__isnull=False,
        ).values_list("organization_id", flat=True)
    )
    grassroots = small_city["grassroots"] + small_city["cells"]
    again = next(o for o in grassroots if o.pk in inspected)
    new = next(o for o in grassroots if o.pk not in inspected)

    inspect(city, [again], on=date(2020, 9, 15))
    assert command_figures()["indicators"]["inspection.organizations"] == 22
    assert "kiểm tra 22 tổ chức Đảng" in sentence(report, fragment)

    added = inspect(city, [new], on=date(2020, 9, 16))
    assert command_figures()["indicators"]["inspection.organizations"] == 23
    assert "kiểm tra 23 tổ chức Đảng" in sentence(report, fragment)

    Oversight.objects.filter(pk=added.pk).update(start_date=date(2020, 10, 1))
    assert command_figures()["indicators"]["inspection.organizations"] == 22
    assert "kiểm tra 22 tổ chức Đảng" in sentence(report, fragment)
    # …and the last quarter counts it.
    out = io.StringIO()
    call_command("report", org="phuly", start="2020-10-01", end="2020-12-31", stdout=out)
    october = json.loads(out.getvalue())["indicators"]["inspection.organizations"]
    assert october >= 1
