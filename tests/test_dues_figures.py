"""Dues figures as report indicators: collected, share up to date, members owing, consolidated up the tree."""

from datetime import date

import pytest

from dangvu.accounts.scope import scope_for
from dangvu.dues import actions
from dangvu.dues.models import Line
from dangvu.reports.indicators import REGISTRY
from dangvu.reports.periods import Period
from dangvu.reports.placeholders import known_names

Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))
MONTHS = [date(2026, m, 1) for m in (1, 2, 3)]


@pytest.fixture
def city(users, tree, make_member):
    office = scope_for(users["office"])
    members = {
        "a1": make_member(tree["cell_a"], given="An"),
        "a2": make_member(tree["cell_a"], given="Ba"),
        "b1": make_member(tree["cell_b"], given="Cơ"),
        "s1": make_member(tree["school"], given="Dư"),
    }
    for member in members.values():
        actions.set_basis(office, member, kind="other", amount=10_000, first_month=MONTHS[0])
    actions.set_basis(office, users["own_member"], kind="other", amount=20_000, first_month=MONTHS[0])
    for month in MONTHS:
        actions.compute_month(office, tree["city"], month)
    paying = {
        tree["cell_a"]: [members["a1"], users["own_member"]],
        tree["cell_b"]: [members["b1"]],
        tree["school"]: [members["s1"]],
    }
    for cell, people in paying.items():
        for month in MONTHS:
            lines = Line.objects.filter(organization=cell, month=month, member__in=people)
            actions.record_payments(
                office,
                cell,
                month,
                [actions.PaymentEntry(li.member_id, li.due, date(2026, 4, 1)) for li in lines],
                today=date(2026, 4, 2),
            )
    # b1 skipped March; a2 never paid.
    Line.objects.filter(member=members["b1"], month=MONTHS[2]).update(paid=None, paid_on=None, method="")
    return members


def test_figures_add_up_the_tree(city, tree):
    ids = [tree[k].pk for k in ("city", "ward", "cell_a", "cell_b", "school")]
    collected = REGISTRY["dues.collected"].compute_many(ids, Q1)
    assert collected[tree["cell_a"].pk] == 3 * (10_000 + 20_000)
    assert collected[tree["cell_b"].pk] == 2 * 10_000
    assert collected[tree["ward"].pk] == collected[tree["cell_a"].pk] + collected[tree["cell_b"].pk]
    assert collected[tree["city"].pk] == collected[tree["ward"].pk] + 3 * 10_000
    owing = REGISTRY["dues.members_owing"].compute_many(ids, Q1)
    assert (owing[tree["cell_a"].pk], owing[tree["cell_b"].pk], owing[tree["school"].pk]) == (1, 1, 0)
    assert owing[tree["city"].pk] == 2
    share = REGISTRY["dues.up_to_date_share"].compute_many(ids, Q1)
    assert share[tree["city"].pk] == 60.0  # 3 of the 5 members paid everything up to March
    assert share[tree["school"].pk] == 100.0 and share[tree["cell_b"].pk] == 0.0
    january = REGISTRY["dues.up_to_date_share"].compute(tree["city"], Period(date(2026, 1, 1), date(2026, 1, 31)))
    assert january == 80.0


def test_placeholders_know_the_dues_figures():
    assert {"dues.collected", "dues.up_to_date_share", "dues.members_owing:previous"} <= known_names()
