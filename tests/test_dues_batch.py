"""The dues app's batch writes (`core.batch`: COPY and one UPDATE … FROM on PostgreSQL, executemany on
SQLite): a month computed again corrects its lines and keeps what was paid; the bases file writes what the form
writes one basis at a time; the lines written from an imported month on are recomputed and the earlier ones are
not; the quick entry and the portal file write their lines in one UPDATE."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.accounts.scope import scope_for
from dangvu.dues import actions, imports
from dangvu.dues.models import Basis, Line
from test_dues_imports import portal_file, xlsx

DEC25, JAN26, FEB26, MAR26 = date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
TODAY = date(2026, 12, 3)


@pytest.fixture
def office(users):
    return scope_for(users["office"])


def _updates_of_lines(queries) -> list[str]:
    """The UPDATE statements of the lines table (an executemany is logged once, as "N times: UPDATE …")."""
    statements = [re.sub(r"^\d+ times: ", "", q["sql"].lstrip()) for q in queries]
    return [sql for sql in statements if sql.upper().startswith("UPDATE") and Line._meta.db_table in sql]


def test_a_month_computed_again_corrects_its_lines_and_keeps_payments(office, tree, make_member):
    a, b = make_member(tree["cell_a"], given="An"), make_member(tree["cell_b"], given="Bình")
    for member in (a, b):
        actions.set_basis(office, member, kind="other", amount=10_000, first_month=DEC25)
    assert actions.compute_month(office, tree["ward"], FEB26)["created"] >= 2
    actions.record_payments(
        office,
        tree["cell_a"],
        FEB26,
        [actions.PaymentEntry(a.pk, 10_000, date(2026, 2, 6), reference="BL-7")],
        today=TODAY,
    )
    Basis.objects.filter(member__in=[a, b]).update(amount=25_000)  # not through an action: nothing recomputed
    counts = actions.compute_month(office, tree["ward"], FEB26)
    assert (counts["created"], counts["changed"]) == (0, 2)
    line = Line.objects.get(member=a, month=FEB26)
    assert (line.due, line.paid, line.paid_on, line.method, line.reference) == (
        25_000,
        10_000,
        date(2026, 2, 6),
        "cash",
        "BL-7",
    )
    assert "25.000 đ" in line.explanation and line.organization_id == tree["cell_a"].pk
    assert Line.objects.get(member=b, month=FEB26).due == 25_000
    assert actions.compute_month(office, tree["ward"], FEB26)["changed"] == 0


BASES = [("insured_salary", 5_000_000, date(2025, 7, 1)), ("pension", 4_000_000, MAR26)]
FILE = [
    ("other", 10_000, JAN26, "Tạm nghỉ việc"),
    ("pension", 4_200_000, MAR26, ""),
    ("student", 0, date(2025, 5, 1), ""),
    ("insured_salary", 5_500_000, date(2025, 9, 1), "Tăng lương"),
]


def _held(member) -> list[tuple]:
    return list(
        Basis.objects.filter(member=member)
        .order_by("valid_from")
        .values_list("kind", "amount", "valid_from", "valid_to", "note")
    )


def test_the_bases_file_writes_what_the_form_writes_one_at_a_time(office, tree, make_member):
    by_form, by_file = make_member(tree["cell_a"], given="An"), make_member(tree["cell_a"], given="Bảo")
    for member in (by_form, by_file):
        for kind, amount, month in BASES:
            actions.set_basis(office, member, kind=kind, amount=amount, first_month=month)
    for kind, amount, month, note in FILE:
        actions.basis_write(by_form, kind=kind, amount=amount, first_month=month, note=note)
    assert actions.bases_write_many([(by_file.pk, *item) for item in FILE]) == len(FILE)
    assert _held(by_file) == _held(by_form)
    assert [row[2:4] for row in _held(by_file)] == [
        (date(2025, 5, 1), date(2025, 7, 1)),
        (date(2025, 7, 1), date(2025, 9, 1)),
        (date(2025, 9, 1), JAN26),
        (JAN26, MAR26),
        (MAR26, date(9999, 12, 31)),
    ]
    assert Basis.objects.filter(member=by_file, valid_from=MAR26).get().amount == 4_200_000


def test_the_bases_import_recomputes_the_lines_written_from_its_month(office, tree, make_member):
    a, b = make_member(tree["cell_a"], given="An"), make_member(tree["cell_b"], given="Bình")
    for member in (a, b):
        actions.set_basis(office, member, kind="other", amount=10_000, first_month=DEC25)
    for month in (DEC25, JAN26, FEB26, MAR26):
        actions.compute_month(office, tree["ward"], month)
    actions.record_payments(
        office, tree["cell_a"], FEB26, [actions.PaymentEntry(a.pk, 10_000, date(2026, 2, 6))], today=TODAY
    )
    upload = xlsx(
        [
            ["Số CCCD", "Đối tượng", "Số tiền", "Từ tháng"],
            [a.person.citizen_id, "Khác", 30_000, "02/2026"],
            [b.person.citizen_id, "Khác", 20_000, "03/2026"],
        ]
    )
    assert imports.import_bases(office, upload) == 2
    due = dict(((m, month), d) for m, month, d in Line.objects.values_list("member_id", "month", "due"))
    assert [due[(a.pk, m)] for m in (DEC25, JAN26, FEB26, MAR26)] == [10_000, 10_000, 30_000, 30_000]
    assert [due[(b.pk, m)] for m in (DEC25, JAN26, FEB26, MAR26)] == [10_000, 10_000, 10_000, 20_000]
    paid = Line.objects.get(member=a, month=FEB26)
    assert (paid.paid, paid.paid_on) == (10_000, date(2026, 2, 6))  # the payment stays; the book shows the rest


def test_payments_of_many_cells_are_written_in_one_update(office, tree, make_member):
    a, b = make_member(tree["cell_a"], given="An"), make_member(tree["cell_b"], given="Bình")
    for member, amount in ((a, 10_000), (b, 20_000)):
        actions.set_basis(office, member, kind="other", amount=amount, first_month=FEB26)
    actions.compute_month(office, tree["ward"], FEB26)
    rows = [
        [a.person.citizen_id, "An", "02/2026", 10_000, "05/02/2026", "GD1"],
        [b.person.citizen_id, "Bình", "02/2026", 20_000, "06/02/2026", "GD2"],
    ]
    found = imports.reconcile(office, portal_file(None, rows))
    with CaptureQueriesContext(connection) as captured:
        assert imports.apply_portal(office, found, filename="cong-dvc.xlsx", today=TODAY) == 2
    assert len(_updates_of_lines(captured.captured_queries)) == 1
    lines = {li.member_id: li for li in Line.objects.filter(month=FEB26, member__in=[a, b])}
    assert [(lines[m.pk].paid, lines[m.pk].method, lines[m.pk].reference, lines[m.pk].paid_on) for m in (a, b)] == [
        (10_000, "portal", "GD1", date(2026, 2, 5)),
        (20_000, "portal", "GD2", date(2026, 2, 6)),
    ]
    cell_lines = Line.objects.filter(month=FEB26, organization=tree["cell_a"])
    entries = [actions.PaymentEntry(li.member_id, li.due + 5_000, date(2026, 2, 9)) for li in cell_lines]
    with CaptureQueriesContext(connection) as captured:
        assert actions.record_payments(office, tree["cell_a"], FEB26, entries, today=TODAY) == len(entries)
    assert len(_updates_of_lines(captured.captured_queries)) == 1
    assert Line.objects.get(member=a, month=FEB26).paid == 15_000
