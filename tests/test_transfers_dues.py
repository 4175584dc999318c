"""The dues month of a transfer letter from the dues book ("đã đóng đảng phí đến hết tháng …"): the book as it
stood on the day of the letter, the month filled in and where it came from, another month or a member who owes
months only with the clerk's confirmation, a member whose dues were kept outside the system written by hand."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.dues import actions as dues_actions
from dangvu.dues import queries as dues_queries
from dangvu.dues.actions import PaymentEntry
from dangvu.transfers import actions
from dangvu.transfers.models import DuesSource, LetterCounter, State, Transfer

DEC25, JAN26, FEB26, MAR26, APR26, MAY26 = (date(2025, 12, 1), *(date(2026, m, 1) for m in range(1, 6)))
TODAY = date(2026, 6, 10)
LETTER_DAY = date(2026, 5, 20)


@pytest.fixture
def book(users, tree, make_member):
    """A member of cell A owing 10.000 đ a month from 12/2025 to 05/2026: paid through February, March
    unpaid, April paid, May (the letter's month) being collected."""
    office = scope_for(users["office"])
    member = make_member(tree["cell_a"], family="Trần", middle="Văn", given="Bình")
    dues_actions.set_basis(office, member, kind="other", amount=10_000, first_month=DEC25)
    for month in (DEC25, JAN26, FEB26, MAR26, APR26, MAY26):
        dues_actions.compute_month(office, tree["ward"], month)
    for month in (DEC25, JAN26, FEB26, APR26):
        pay(office, tree, member, month, date(2026, 5, 5))
    return {"office": office, "member": member}


def pay(office, tree, member, month, day):
    dues_actions.record_payments(office, tree["cell_a"], month, [PaymentEntry(member.pk, 10_000, day)], today=TODAY)


def requested(office, member, tree):
    return actions.request(
        office,
        member,
        kind="official_internal",
        destination=tree["cell_b"],
        decision_on=date(2026, 5, 4),
        requested_on=date(2026, 5, 6),
        today=TODAY,
    )


def test_the_book_as_it_stood_on_the_day(book, tree, make_member):
    member, office = book["member"], book["office"]
    found = dues_queries.standing(member, LETTER_DAY)
    assert (found.recorded, found.paid_to, found.owed, found.first_month) == (True, FEB26, (MAR26,), DEC25)
    assert found.owed_text() == "03/2026"  # May is the letter's own month: still being collected
    pay(office, tree, member, MAR26, date(2026, 5, 25))
    assert dues_queries.standing(member, LETTER_DAY).paid_to == FEB26  # paid after the letter's day
    later = dues_queries.standing(member, date(2026, 5, 26))
    assert (later.paid_to, later.owed) == (APR26, ())
    early = dues_queries.standing(member, date(2026, 1, 10))  # every payment was entered in May
    assert (early.paid_to, early.owed) == (None, (DEC25,))
    assert dues_queries.paid_through(member) == date(2026, 4, 30)
    nobody = dues_queries.standing(make_member(tree["cell_b"], given="Lan"), LETTER_DAY)
    assert (nobody.recorded, nobody.paid_to, nobody.owed) == (False, None, ())


def test_the_letter_states_the_books_month(book, tree):
    office, member = book["office"], book["member"]
    pay(office, tree, member, MAR26, date(2026, 5, 10))
    typed = actions.issue_letter(
        office, requested(office, member, tree), on=LETTER_DAY, dues_paid_to=APR26, today=TODAY
    )
    assert (typed.state, typed.dues_source) == (State.ISSUED, DuesSource.BOOK)  # the book's month, by hand
    transfer = actions.reissue(office, typed, on=LETTER_DAY, note="Sai số lý lịch", today=TODAY)
    assert (transfer.state, transfer.dues_paid_to, transfer.dues_source) == (State.ISSUED, APR26, DuesSource.BOOK)
    assert (transfer.dues_book_month, transfer.dues_owed) == (APR26, "")


def test_another_month_than_the_book_needs_the_clerks_confirmation(book, tree):
    office, member = book["office"], book["member"]
    pay(office, tree, member, MAR26, date(2026, 5, 10))
    transfer = requested(office, member, tree)
    with pytest.raises(RuleViolation) as caught:
        actions.issue_letter(office, transfer, on=LETTER_DAY, dues_paid_to=MAR26, today=TODAY)
    errors = caught.value.errors
    assert errors["dues_paid_to"] == [
        "Tháng đã ghi (03/2026) khác sổ đảng phí của hệ thống (đã đóng đủ đến hết tháng 04/2026)."
    ]
    assert "đảng phí được thu ngoài hệ thống" in errors["dues_confirmed"][0]
    transfer.refresh_from_db()
    assert (transfer.state, transfer.letter_number) == (State.REQUESTED, None)
    assert not LetterCounter.objects.exists()  # no number of the register was used
    done = actions.issue_letter(office, transfer, on=LETTER_DAY, dues_paid_to=MAR26, dues_confirmed=True, today=TODAY)
    assert (done.dues_paid_to, done.dues_source, done.dues_book_month) == (MAR26, DuesSource.CONFIRMED, APR26)
    assert done.letter_number == 1


def test_a_member_who_owes_months_needs_the_confirmation(book, tree):
    office, member = book["office"], book["member"]
    transfer = requested(office, member, tree)
    with pytest.raises(RuleViolation) as caught:
        actions.issue_letter(office, transfer, on=LETTER_DAY, today=TODAY)
    assert caught.value.errors["dues_paid_to"] == [
        "Theo sổ đảng phí, đảng viên còn chưa đóng (đủ) các tháng 03/2026: nên thu trước khi cấp giấy."
    ]
    done = actions.issue_letter(office, transfer, on=LETTER_DAY, dues_confirmed=True, today=TODAY)
    assert (done.dues_paid_to, done.dues_source, done.dues_owed) == (FEB26, DuesSource.BOOK, "03/2026")


def test_dues_kept_outside_the_system_are_written_by_hand(users, tree, make_member):
    office = scope_for(users["office"])
    member = make_member(tree["cell_a"], given="Lan")
    transfer = requested(office, member, tree)
    with pytest.raises(RuleViolation) as caught:
        actions.issue_letter(office, transfer, on=LETTER_DAY, today=TODAY)
    assert "Sổ đảng phí của hệ thống chưa có tháng nào" in caught.value.errors["dues_paid_to"][0]
    done = actions.issue_letter(office, transfer, on=LETTER_DAY, dues_paid_to=APR26, today=TODAY)
    assert (done.dues_paid_to, done.dues_source, done.dues_book_month) == (APR26, DuesSource.ENTERED, None)


def _page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_issue_form_fills_the_month_and_says_where_it_comes_from(client, users, book, tree):
    office, member = book["office"], book["member"]
    transfer = requested(office, member, tree)
    client.force_login(users["office"])
    url = reverse("transfers_step", args=[transfer.pk, "cap-giay"])
    page = _page(client.get(url))
    assert re.search(r'name="dues_paid_to" value="02/2026"', page)
    assert "Theo sổ đảng phí của hệ thống: đã đóng đủ đến hết tháng 02/2026." in page
    # Up to this month, every month after February is owed (none of June's onwards is in the book yet).
    owed = dues_queries.standing(member, timezone.localdate()).owed_text()
    assert f"còn chưa đóng (đủ) các tháng {owed}" in page and owed.startswith("03/2026")
    today = f"{timezone.localdate():%d/%m/%Y}"
    refused = client.post(url, {"on": today, "dues_paid_to": "04/2026"})
    page = _page(refused)
    assert refused.status_code == 200 and "Tháng đã ghi (04/2026) khác sổ đảng phí của hệ thống" in page
    assert Transfer.objects.get(pk=transfer.pk).state == State.REQUESTED
    done = client.post(url, {"on": today, "dues_paid_to": "04/2026", "dues_confirmed": "on"})
    assert done.status_code == 302
    detail = _page(client.get(done["Location"]))
    assert "đã đóng đảng phí đến hết tháng 04/2026" in detail
    assert (
        f"(cán bộ ghi khác sổ đảng phí, đã xác nhận (đảng phí thu ngoài hệ thống); sổ ghi đã đóng đến hết "
        f"tháng 02/2026; còn nợ {owed})"
    ) in detail


def test_a_new_letter_takes_the_book_of_its_own_day(client, users, book, tree):
    office, member = book["office"], book["member"]
    first = actions.issue_letter(
        office, requested(office, member, tree), on=LETTER_DAY, dues_confirmed=True, today=TODAY
    )
    assert first.dues_paid_to == FEB26
    pay(office, tree, member, MAR26, date(2026, 5, 25))
    client.force_login(users["office"])
    page = _page(client.get(reverse("transfers_step", args=[first.pk, "thay-giay"])))
    assert 'name="dues_paid_to" value="04/2026"' in page
    second = actions.reissue(
        office, first, on=date(2026, 5, 27), note="Sai số lý lịch", dues_confirmed=True, today=TODAY
    )
    assert (second.dues_paid_to, second.dues_source, second.replaces) == (APR26, DuesSource.BOOK, first)
