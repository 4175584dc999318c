"""The document register: numbers run from 01 per issuer, document type and congress term, are never reused,
and two issues at the same moment on PostgreSQL still get two numbers."""

from datetime import date

import pytest

from concurrency_support import at_once, needs_postgres
from dangvu.core.errors import RuleViolation
from dangvu.organizations import actions as org_actions
from dangvu.organizations.models import Body
from dangvu.reports import actions, register
from dangvu.reports.models import RegisterEntry, Status
from reports_support import issued, nine_month_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(tree):
    """The city's executive committees of 2015–2020 (from 2015) and 2020–2025 (from 28/07/2020)."""
    city = tree["city"]
    old = org_actions.open_committee_term(None, city, Body.EXECUTIVE, "2015–2020", date(2015, 7, 16))
    old.valid_to = date(2020, 7, 28)
    old.save()
    org_actions.open_committee_term(None, city, Body.EXECUTIVE, "2020–2025", date(2020, 7, 28))
    return tree


def test_numbers_run_per_issuer_type_and_term(terms):
    city, ward = terms["city"], terms["ward"]
    first = register.next_number(city, "BC", date(2020, 8, 1))
    second = register.next_number(city, "BC", date(2020, 10, 8))
    notice = register.next_number(city, "TB", date(2020, 10, 8))
    ward_report = register.next_number(ward, "BC", date(2020, 10, 8))
    before_congress = register.next_number(city, "BC", date(2020, 7, 1))
    assert [first.label, second.label, notice.label, ward_report.label] == [
        "01-BC/TU",
        "02-BC/TU",
        "01-TB/TU",
        "01-BC/ĐU",
    ]
    assert (first.term, before_congress.term, before_congress.label) == ("2020–2025", "2015–2020", "01-BC/TU")
    assert str(second) == "Số 02-BC/TU"


def test_a_register_started_on_paper_continues_and_never_goes_back(terms):
    city = terms["city"]
    register.continue_from(None, city, "BC", date(2020, 10, 1), 44)
    assert register.next_number(city, "BC", date(2020, 10, 8)).label == "45-BC/TU"
    with pytest.raises(RuleViolation, match="đã cấp đến số 45"):
        register.continue_from(None, city, "BC", date(2020, 10, 1), 10)
    with pytest.raises(RuleViolation, match="không có trong danh mục"):
        register.next_number(city, "XX", date(2020, 10, 8))


def test_an_entry_is_never_edited(terms):
    entry = register.next_number(terms["city"], "BC", date(2020, 10, 8))
    entry.number = 99
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_issuing_twice_never_reuses_a_number(terms):
    city = terms["city"]
    first = issued(nine_month_report(city))
    with pytest.raises(RuleViolation, match="đã ban hành"):
        actions.issue(None, first)
    second = issued(nine_month_report(city))
    assert (first.register_entry.number, second.register_entry.number) == (1, 2)
    assert RegisterEntry.objects.count() == 2


postgres_only = needs_postgres("Concurrent issuing needs PostgreSQL row locks (SELECT … FOR UPDATE)")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_issues_get_two_numbers(terms):
    city = terms["city"]
    reports = [nine_month_report(city) for _ in range(2)]
    for report in reports:
        actions.approve(None, report)
    results = at_once(lambda i: actions.issue(None, reports[i]).register_entry.label, 2)
    assert sorted(results) == ["01-BC/TU", "02-BC/TU"]
    # Many numbers taken at once on a fresh run: all distinct, none skipped.
    numbers = at_once(lambda i: register.next_number(city, "TB", date(2020, 10, 8)).number, 8)
    assert sorted(numbers) == list(range(1, 9))


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_same_report_issued_by_two_requests_at_once_is_issued_once(terms):
    report = nine_month_report(terms["city"])
    actions.approve(None, report)
    results = at_once(lambda i: actions.issue(None, report).register_entry.label, 2)
    labels = [r for r in results if isinstance(r, str)]
    failures = [r for r in results if isinstance(r, RuleViolation)]
    assert labels == ["01-BC/TU"] and len(failures) == 1
    assert RegisterEntry.objects.count() == 1
    report.refresh_from_db()
    assert report.status == Status.ISSUED
