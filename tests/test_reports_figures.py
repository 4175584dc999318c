"""The figures are real: on a small city carrying the demo's work records (the article's 22 inspected
organizations …), adding and moving inspections moves the figure in the command and in the Word document.
The golden case on the whole demo is tests/test_reports_demo.py."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from dangvu.reports import word
from dangvu.work.models import Activity, Oversight, OversightSubject
from reports_support import NINE_MONTHS, build_small_city, docx_text, inspect, nine_month_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_city(tree, make_member):
    return build_small_city(tree, make_member)


def command_figures(**extra) -> dict:
    out = io.StringIO()
    call_command("report", org="phuly", start="2020-01-01", end="2020-09-30", format="json", stdout=out, **extra)
    return json.loads(out.getvalue())


def sentence(report, fragment: str) -> str:
    """The document's paragraph that holds a fragment of the template's sentence."""
    text = docx_text(word.render_report(report))
    return next(line for line in text.splitlines() if fragment in line)


def test_the_figures_are_real(small_city):
    """Inspect an organization already inspected: the count stays; a new one: it rises; move an inspection
    to 01/10/2020: it falls. The Word document of the draft changes with them."""
    city = small_city["city"]
    report = nine_month_report(city)
    fragment = "kiểm tra "
    assert "kiểm tra 22 tổ chức Đảng" in sentence(report, fragment)

    inspected = set(
        OversightSubject.objects.filter(
            oversight__activity=Activity.INSPECTION,
            oversight__start_date__range=(NINE_MONTHS.start, NINE_MONTHS.end),
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
