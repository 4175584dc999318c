"""Collection of a cell's month (quick entry), arrears and the three-months alert with the strike-off proposal
that goes through the registry's leaving action, remittance up the tree, scope and audit."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.dues import actions, queries
from dangvu.dues.actions import PaymentEntry
from dangvu.dues.models import Line, ProposalStatus
from dangvu.members.models import LeftReason, Status

TODAY = date(2026, 6, 10)
MONTHS = [date(2026, m, 1) for m in range(1, 6)]


@pytest.fixture
def setup(users, tree, make_member):
    office = scope_for(users["office"])
    a1 = make_member(tree["cell_a"], given="An")
    a2 = make_member(tree["cell_a"], given="Bảo")
    b1 = make_member(tree["cell_b"], given="Chi")
    s1 = make_member(tree["school"], given="Dung")
    for member, amount in ((a1, 10_000), (a2, 20_000), (b1, 15_000), (s1, 30_000)):
        actions.set_basis(office, member, kind="other", amount=amount, first_month=date(2025, 12, 1))
    own = users["own_member"]
    actions.set_basis(office, own, kind="insured_salary", amount=5_000_000, first_month=date(2025, 12, 1))
    for month in MONTHS:
        actions.compute_month(office, tree["city"], month)
    return {"office": office, "a1": a1, "a2": a2, "b1": b1, "s1": s1, "own": own}


def pay_all(scope, cell, month, members, day=date(2026, 6, 1)):
    lines = Line.objects.filter(organization=cell, month=month, member__in=members)
    return actions.record_payments(
        scope, cell, month, [PaymentEntry(li.member_id, li.due, day) for li in lines], today=TODAY
    )


def test_quick_entry_of_a_cells_month_and_the_sheet(setup, tree, users):
    secretary = scope_for(users["cell_secretary"])
    a1, a2 = setup["a1"], setup["a2"]
    jan = MONTHS[0]
    changed = actions.record_payments(
        secretary,
        tree["cell_a"],
        jan,
        [
            PaymentEntry(a1.pk, 10_000, date(2026, 1, 8)),
            PaymentEntry(a2.pk, 20_000, date(2026, 1, 9), method="portal", reference="GD-001"),
        ],
        today=TODAY,
    )
    assert changed == 2
    sheet = queries.sheet(secretary, tree["cell_a"], jan)
    assert [li.member.person.given_name for li in sheet.lines] == ["An", "Bảo", "Hoa"]
    assert sheet.total_due == 10_000 + 20_000 + 50_000 and sheet.total_paid == 30_000 and sheet.paid_count == 2
    assert "342-QĐ/TW" in sheet.regulation
    event = AuditEvent.objects.filter(action="dues.payments").latest("id")
    assert event.actor == users["cell_secretary"] and event.after["lines"] == {str(a1.pk): 10_000, str(a2.pk): 20_000}


def test_bad_payment_entries_change_nothing(setup, tree, users):
    secretary = scope_for(users["cell_secretary"])
    with pytest.raises(RuleViolation) as caught:
        actions.record_payments(
            secretary,
            tree["cell_a"],
            MONTHS[0],
            [
                PaymentEntry(setup["a1"].pk, 10_000, date(2026, 1, 8)),
                PaymentEntry(setup["a2"].pk, -5, date(2026, 1, 8)),
                PaymentEntry(setup["b1"].pk, 15_000, date(2026, 1, 8)),  # another cell's member
                PaymentEntry(setup["own"].pk, 50_000, date(2027, 1, 1)),
            ],
            today=TODAY,
        )
    messages = caught.value.messages
    assert any("không được âm" in m for m in messages)
    assert any("không có trong sổ đảng phí" in m for m in messages)
    assert any("ở tương lai" in m for m in messages)
    assert not Line.objects.filter(paid__isnull=False).exists()


def test_cell_secretary_cannot_touch_another_cell(setup, tree, users, other_tree):
    secretary = scope_for(users["cell_secretary"])
    with pytest.raises(Http404):  # another cell is out of sight
        actions.record_payments(secretary, tree["cell_b"], MONTHS[0], [], today=TODAY)
    with pytest.raises(Http404):
        queries.sheet(secretary, other_tree["cell"], MONTHS[0])
    with pytest.raises(PermissionDenied):
        actions.compute_month(scope_for(users["leader"]), tree["city"], MONTHS[0])
    member_scope = scope_for(users["member"])
    assert queries.member_dues(member_scope, setup["own"].pk).member == setup["own"]
    with pytest.raises(Http404):
        queries.member_dues(member_scope, setup["a1"].pk)


def test_arrears_alert_and_strike_off_through_the_leaving_action(setup, tree, users):
    secretary = scope_for(users["cell_secretary"])
    a1, a2 = setup["a1"], setup["a2"]
    for month in MONTHS[:2]:
        pay_all(secretary, tree["cell_a"], month, [a1, a2, setup["own"]])
    pay_all(secretary, tree["cell_a"], MONTHS[2], [a2, setup["own"]])  # a1 owes March, April, May
    pay_all(secretary, tree["cell_a"], MONTHS[3], [a2, setup["own"]])  # a2 owes May only
    found = {a.member.pk: a for a in queries.arrears(secretary, tree["cell_a"], 2026, today=TODAY)}
    assert [m.month for m in found[a1.pk].months] == [3, 4, 5] and found[a1.pk].amount == 30_000
    assert found[a1.pk].alert and not found[a2.pk].alert
    with pytest.raises(RuleViolation) as caught:
        actions.propose_strike_off(secretary, a2, year=2026, today=TODAY)
    assert "mới có 1 tháng" in caught.value.messages[0]
    proposal = actions.propose_strike_off(secretary, a1, year=2026, today=TODAY)
    assert proposal.unpaid_months == "03/2026, 04/2026, 05/2026"
    # The cell cannot decide; the ward's committee does, through the registry's leaving action.
    with pytest.raises(Http404):
        actions.decide_strike_off(secretary, proposal, on=TODAY, decision_number="45-QĐ/ĐU")
    member = actions.decide_strike_off(setup["office"], proposal, on=TODAY, decision_number="45-QĐ/ĐU")
    assert (member.status, member.left_reason) == (Status.LEFT, LeftReason.STRUCK_OFF)
    assert member.events.filter(type="left", decision_number="45-QĐ/ĐU").exists()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED
    assert AuditEvent.objects.filter(action="member.leave", object_id=str(member.pk)).exists()


def test_remittance_sums_equal_the_cells_collections(setup, tree, users):
    office = setup["office"]
    cells = {
        tree["cell_a"]: [setup["a1"], setup["a2"], setup["own"]],
        tree["cell_b"]: [setup["b1"]],
        tree["school"]: [setup["s1"]],
    }
    for cell, members in cells.items():
        for month in MONTHS[:3]:
            pay_all(office, cell, month, members)
    collected = sum(li.paid for li in Line.objects.filter(month__in=MONTHS[:3], paid__isnull=False))
    rows = {
        r.organization.code: r
        for r in queries.remittance_summary(scope_for(users["admin"]), tree["province"], MONTHS[0], 3)
    }
    assert collected == 3 * (10_000 + 20_000 + 50_000 + 15_000 + 30_000)
    assert sum(r.collected for r in rows.values()) == collected
    # Everything collected is kept at some level or remitted by the top.
    assert sum(r.kept for r in rows.values()) + rows["hanam"].remit == collected
    # Cells (30% kept) remit to the ward; the ward receives exactly that.
    assert rows["qt-cb1"].kept == round(0.3 * rows["qt-cb1"].collected)
    assert rows["quangtrung"].from_below == rows["qt-cb1"].remit + rows["qt-cb2"].remit
    assert rows["phuly"].from_below == rows["quangtrung"].remit + rows["thpt"].remit
    remittance = actions.record_remittance(
        office,
        tree["cell_a"],
        period_start=MONTHS[0],
        period_months=3,
        amount=rows["qt-cb1"].remit,
        sent_on=date(2026, 4, 5),
        today=TODAY,
    )
    assert remittance.recipient == tree["ward"]
    with pytest.raises(Http404):
        actions.confirm_receipt(
            scope_for(users["cell_secretary"]),
            remittance,
            received_on=date(2026, 4, 6),
            receipt_number="BN-01",
            today=TODAY,
        )
    actions.confirm_receipt(office, remittance, received_on=date(2026, 4, 6), receipt_number="BN-01", today=TODAY)
    row = {r.organization.code: r for r in queries.remittance_summary(office, tree["ward"], MONTHS[0], 3)}["qt-cb1"]
    assert row.sent.receipt_number == "BN-01"
    with pytest.raises(RuleViolation):
        actions.record_remittance(
            office, tree["cell_a"], period_start=date(2026, 2, 1), period_months=3, amount=0, sent_on=None, today=TODAY
        )


def test_installation_share_wins_over_the_default(setup, tree, users):
    admin = scope_for(users["admin"])
    with pytest.raises(RuleViolation):
        actions.set_kept_share(setup["office"], kind="cell", share="0.5", valid_from=date(2026, 1, 1), source="x")
    with pytest.raises(RuleViolation) as caught:
        actions.set_kept_share(admin, kind="cell", share="1,5", valid_from=date(2026, 1, 1), source="")
    assert set(caught.value.errors) == {"share", "source"}
    actions.set_kept_share(
        admin,
        kind="cell",
        share="0,5",
        valid_from=date(2026, 1, 1),
        source="Hướng dẫn của Tỉnh ủy (giả định cho kiểm thử)",
    )
    pay_all(admin, tree["cell_a"], MONTHS[0], [setup["a1"]])
    row = {r.organization.code: r for r in queries.remittance_summary(admin, tree["ward"], MONTHS[0])}["qt-cb1"]
    assert (row.kept, row.remit) == (5_000, 5_000)
