"""Dues amounts by the rule in force each month (342-QĐ/TW to 01/2026, 01-QĐ/TW from 02/2026), the 50-years
exemption on the month it is reached, reductions that expire, and the explanations a member reads."""

from datetime import date

import pytest

from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.dues import actions, compute, queries
from dangvu.dues.models import Line
from dangvu.members import actions as member_actions

DEC25, JAN26, FEB26, MAR26 = date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
TODAY = date(2026, 12, 3)


@pytest.fixture
def office(users):
    return scope_for(users["office"])


def months(office, organization, *wanted):
    for month in wanted:
        actions.compute_month(office, organization, month)


def line(member, month) -> Line:
    return Line.objects.get(member=member, month=month)


def test_salaried_member_across_the_change_of_rule(office, tree, make_member):
    member = make_member(tree["cell_a"])
    actions.set_basis(office, member, kind="insured_salary", amount=5_200_000, first_month=date(2025, 7, 1))
    actions.set_basis(office, member, kind="insured_salary", amount=6_000_000, first_month=FEB26)
    months(office, tree["ward"], DEC25, JAN26, FEB26, MAR26)
    # 342: 1% of the month's own salary; 01-QĐ/TW: 1% of the previous month's insured salary.
    assert line(member, DEC25).due == 52_000 and line(member, DEC25).regulation == "342"
    assert line(member, JAN26).due == 52_000 and line(member, JAN26).regulation == "342"
    feb = line(member, FEB26)
    assert (feb.due, feb.regulation) == (52_000, "01")
    assert "1% × 5.200.000 đ" in feb.explanation and "tháng 01/2026" in feb.explanation
    assert "01-QĐ/TW" in feb.explanation
    assert line(member, MAR26).due == 60_000  # February's salary


def test_allowance_pension_student_and_other(office, tree, make_member):
    sick = make_member(tree["cell_a"], given="Bình")
    retired = make_member(tree["cell_a"], given="Cúc", birth=date(1955, 1, 1))
    student = make_member(
        tree["cell_b"], given="Dũng", birth=date(2003, 4, 4), admitted=date(2023, 5, 5), official=date(2024, 5, 5)
    )
    farmer = make_member(tree["cell_b"], given="Em")
    actions.set_basis(office, sick, kind="allowance", amount=4_000_000, first_month=DEC25)
    actions.set_basis(office, retired, kind="pension", amount=7_350_000, first_month=DEC25)
    actions.set_basis(office, student, kind="student", amount=0, first_month=DEC25)
    actions.set_basis(office, farmer, kind="other", amount=10_000, first_month=DEC25)
    months(office, tree["ward"], JAN26, FEB26)
    assert line(sick, JAN26).due == 20_000  # 0.5% under 342
    assert line(sick, FEB26).due == 40_000  # 1% of the allowance under 01-QĐ/TW
    assert line(retired, JAN26).due == line(retired, FEB26).due == 36_750
    assert line(student, JAN26).due == 3_000 and line(student, FEB26).due == 5_000
    assert line(farmer, FEB26).due == 10_000 and "cố định" in line(farmer, FEB26).explanation


def test_fifty_years_exempt_from_the_month_reached(office, tree, make_member):
    old = make_member(tree["cell_a"], birth=date(1950, 1, 1), admitted=date(1976, 3, 15), official=date(1977, 3, 15))
    actions.set_basis(office, old, kind="pension", amount=8_000_000, first_month=DEC25)
    months(office, tree["ward"], FEB26, MAR26, date(2026, 4, 1))
    assert line(old, FEB26).due == 40_000
    march = line(old, MAR26)
    assert march.due == 0 and "đủ 50 năm tuổi đảng ngày 15/03/2026" in march.explanation
    assert line(old, date(2026, 4, 1)).due == 0


def test_time_without_activity_postpones_the_fifty_years(office, tree, make_member):
    member = make_member(tree["cell_a"], birth=date(1950, 1, 1), admitted=date(1976, 3, 15), official=date(1977, 3, 15))
    # Two years without Party activity: the placement ended in 2000 and a new one began in 2002.
    member.placements.update(valid_to=date(2000, 6, 1))
    member.placements.create(organization=tree["cell_a"], valid_from=date(2002, 6, 1))
    actions.set_basis(office, member, kind="pension", amount=8_000_000, first_month=DEC25)
    months(office, tree["ward"], MAR26)
    assert line(member, MAR26).due == 40_000
    assert compute.amounts_for(date(2028, 3, 1), [member.pk])[member.pk][1].due == 0


def test_no_fifty_years_exemption_under_342(office, tree, make_member):
    member = make_member(tree["cell_a"], birth=date(1945, 1, 1), admitted=date(1970, 1, 1), official=date(1971, 1, 1))
    actions.set_basis(office, member, kind="pension", amount=6_000_000, first_month=DEC25)
    months(office, tree["ward"], JAN26, FEB26)
    assert line(member, JAN26).due == 30_000
    assert line(member, FEB26).due == 0


def test_reduction_applies_for_its_months_then_expires(office, tree, make_member):
    member = make_member(tree["cell_a"])
    actions.set_basis(office, member, kind="insured_salary", amount=5_000_000, first_month=DEC25)
    months(office, tree["ward"], FEB26, MAR26, date(2026, 4, 1))
    actions.record_decision(
        office,
        member,
        kind="reduction",
        percent=50,
        number="12-QĐ/ĐU",
        decided_on=date(2026, 1, 20),
        reason="hardship",
        first_month=FEB26,
        last_month=MAR26,
        today=TODAY,
    )
    assert (
        line(member, FEB26).due == 25_000 and "giảm 50% theo quyết định số 12-QĐ/ĐU" in line(member, FEB26).explanation
    )
    assert line(member, MAR26).due == 25_000
    assert line(member, date(2026, 4, 1)).due == 50_000


def test_decision_limits(office, tree, make_member):
    member = make_member(tree["cell_a"])
    with pytest.raises(RuleViolation) as caught:
        actions.record_decision(
            office,
            member,
            kind="reduction",
            percent=40,
            number="",
            decided_on=None,
            reason="hardship",
            first_month=FEB26,
            last_month=date(2027, 3, 1),
            today=TODAY,
        )
    errors = caught.value.errors
    assert "Mức giảm phải là 30%, 50%, 70%." in errors["percent"]
    assert any("tối đa 12 tháng" in m for m in errors["last_month"])
    assert "number" in errors and "decided_on" in errors
    with pytest.raises(RuleViolation):
        actions.record_decision(
            office,
            member,
            kind="reduction",
            percent=30,
            number="1",
            decided_on=JAN26,
            reason="hardship",
            first_month=FEB26,
            last_month=None,
            today=TODAY,
        )
    exemption = actions.record_decision(
        office,
        member,
        kind="exemption",
        number="3-QĐ",
        decided_on=JAN26,
        reason="poor",
        first_month=FEB26,
        last_month=date(2027, 1, 1),
        today=TODAY,
    )
    assert exemption.percent == 100


def test_exemption_decision_and_social_pension(office, tree, make_member):
    poor = make_member(tree["cell_a"], given="Phúc")
    social = make_member(tree["cell_a"], given="Giang")
    actions.set_basis(office, poor, kind="other", amount=5_000, first_month=DEC25)
    actions.set_basis(office, social, kind="social_pension", amount=5_000, first_month=DEC25)
    actions.record_decision(
        office,
        poor,
        kind="exemption",
        number="7-QĐ/ĐU",
        decided_on=JAN26,
        reason="poor",
        first_month=FEB26,
        last_month=date(2026, 12, 1),
        today=TODAY,
    )
    months(office, tree["ward"], JAN26, FEB26)
    assert line(poor, JAN26).due == 5_000 and line(poor, FEB26).due == 0
    assert "Miễn theo quyết định số 7-QĐ/ĐU" in line(poor, FEB26).explanation
    assert line(social, JAN26).due == 5_000
    assert line(social, FEB26).due == 0 and "trợ cấp hưu trí xã hội" in line(social, FEB26).explanation


def test_basis_errors_and_member_without_basis(office, tree, make_member):
    member = make_member(tree["cell_a"])
    with pytest.raises(RuleViolation) as caught:
        actions.set_basis(office, member, kind="other", amount=500, first_month=JAN26)
    assert "từ 2.000 đ đến 30.000 đ" in caught.value.errors["amount"][0]
    with pytest.raises(RuleViolation):
        actions.set_basis(office, member, kind="insured_salary", amount=0, first_month=JAN26)
    months(office, tree["ward"], JAN26)
    assert line(member, JAN26).due == 0 and "Chưa có căn cứ" in line(member, JAN26).explanation


def test_member_is_owed_at_the_cell_of_the_month_and_left_members_drop(office, tree, make_member, users):
    member = make_member(tree["cell_a"])
    actions.set_basis(office, member, kind="other", amount=10_000, first_month=DEC25)
    member_actions.transfer(users["office"], member, on=date(2026, 2, 10), to=tree["cell_b"])
    months(office, tree["ward"], JAN26, FEB26, MAR26)
    assert line(member, FEB26).organization == tree["cell_a"]  # registered there on the first day
    assert line(member, MAR26).organization == tree["cell_b"]
    assert queries.paid_through(member) is None


def test_paid_through(office, tree, make_member):
    member = make_member(tree["cell_a"])
    actions.set_basis(office, member, kind="other", amount=10_000, first_month=DEC25)
    months(office, tree["ward"], DEC25, JAN26, FEB26)
    entries = [actions.PaymentEntry(member.pk, 10_000, date(2026, 1, 5))]
    actions.record_payments(office, tree["cell_a"], DEC25, entries, today=TODAY)
    actions.record_payments(office, tree["cell_a"], JAN26, entries, today=TODAY)
    assert queries.paid_through(member) == date(2026, 1, 31)
