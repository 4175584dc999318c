"""Demo dues: the bases of the Phủ Lý members by occupation, a few exemptions and reductions, the twelve
months of 2020 collected (with some arrears, one member three months behind), and the months of 2026 up to
now for the organizations that exist then, under 01-QĐ/TW, part paid through the portal.

Everything goes through the dues actions and the batch entry point of the lines (`compute.write_month`); the
bases of all members are written in one batch (`Basis` rows are records the actions' checks would accept).
"""

import random
from datetime import date

from django.utils import timezone

from dangvu.accounts.scope import Scope
from dangvu.members.models import Member, Status

from . import actions, rules
from .models import Basis, BasisKind, DecisionReason, Line, Method

WORKING = {
    "Cán bộ, công chức": (4_680_000, 12_000_000),
    "Công an": (6_000_000, 14_000_000),
    "Quân nhân": (6_000_000, 15_000_000),
    "Giáo viên": (4_700_000, 11_000_000),
    "Viên chức y tế": (4_700_000, 12_500_000),
    "Công chức, viên chức": (4_680_000, 13_000_000),
    "Người lao động": (4_400_000, 9_000_000),
    "Công nhân": (4_400_000, 7_500_000),
}
PENSION = (3_500_000, 9_500_000)
OTHER_AMOUNTS = (5_000, 10_000, 10_000, 15_000, 20_000)
RAISE_2026 = 1.3  # salaries and pensions of 2026 against 2020: the pay reforms of 2023–2024, roughly


class SystemScope(Scope):
    """The demo loader acts as the system itself (no user): every organization is within reach."""

    @property
    def is_admin(self) -> bool:
        return True


def _basis(rng: random.Random, member: Member) -> tuple[str, int]:
    occupation = member.person.occupation
    if occupation == "Hưu trí":
        return BasisKind.PENSION, rng.randrange(*PENSION, 50_000)
    if occupation in WORKING:
        return BasisKind.INSURED_SALARY, rng.randrange(*WORKING[occupation], 10_000)
    born = member.person.birth_date
    if born and born.year >= 1999:
        return BasisKind.STUDENT, 0
    return BasisKind.OTHER, rng.choice(OTHER_AMOUNTS)


def _pay(
    rng: random.Random, scope, organization, month: date, skip: set[int], portal_share: float, today: date
) -> tuple[int, int]:
    """Each cell collects the month on its own day (at its meeting), in cash or through the portal; everyone
    pays in full except the members in `skip`."""
    cells = actions._cells_of(organization, month)
    groups: dict[tuple[date, str], list[int]] = {}
    for cell in cells:
        day = date(month.year, month.month, rng.choice((5, 10, 15, 20)))
        method = Method.PORTAL if rng.random() < portal_share else Method.CASH
        groups.setdefault((min(day, today), method), []).append(cell)
    paid = sum(
        actions.mark_paid_in_full(
            scope,
            organization,
            month,
            paid_on=day,
            method=method,
            cell_ids=ids,
            except_member_ids=sorted(skip),
            today=today,
        )
        for (day, method), ids in sorted(groups.items())
    )
    owed = Line.objects.filter(month=month, organization_id__in=cells, due__gt=0, paid__isnull=True).count()
    return paid, owed


def load_dues(rng: random.Random, ctx) -> None:
    """Đảng phí: bases by occupation, exemptions, the collection of 2020 and of 2026 so far."""
    scope = SystemScope(user=ctx.actor)
    today = timezone.localdate()
    city, province_2026 = ctx.orgs["phuly"], ctx.orgs.get("ninhbinh")
    members = list(Member.objects.select_related("person", "organization").order_by("pk"))
    bases, kinds = [], {}
    for member in members:
        kind, amount = _basis(rng, member)
        kinds[member.pk] = kind
        bases.append(Basis(member=member, kind=kind, amount=amount, valid_from=date(2020, 1, 1)))
        if kind in (BasisKind.INSURED_SALARY, BasisKind.PENSION) and member.status != Status.LEFT:
            bases[-1].valid_to = date(2026, 1, 1)
            bases.append(
                Basis(member=member, kind=kind, amount=round(amount * RAISE_2026, -4), valid_from=date(2026, 1, 1))
            )
    Basis.objects.bulk_create(bases, batch_size=2000)
    active = [m for m in members if m.status != Status.LEFT]
    chosen = rng.sample(active, min(6, len(active)))
    for number, member in enumerate(chosen[:3], start=1):
        actions.record_decision(
            scope,
            member,
            kind="exemption",
            number=f"{number}-QĐ/ĐU",
            decided_on=date(2020, 1, 6),
            reason=rng.choice([DecisionReason.POOR_HOUSEHOLD, DecisionReason.GRAVE_ILLNESS]),
            first_month=date(2020, 1, 1),
            last_month=date(2020, 12, 1),
            today=date(2020, 1, 6),
        )
    for number, member in enumerate(chosen[3:], start=4):
        actions.record_decision(
            scope,
            member,
            kind="reduction",
            percent=rng.choice([30, 50, 70]),
            number=f"{number}-QĐ/ĐU",
            decided_on=date(2020, 3, 2),
            reason=DecisionReason.HARDSHIP,
            first_month=date(2020, 3, 1),
            last_month=date(2020, 8, 1),
            today=date(2020, 3, 2),
        )
    # A few members fall behind: most for a month or two, one of the demo cell for three months of 2020.
    late = {m.pk: set(rng.sample(range(1, 13), rng.randint(1, 2))) for m in rng.sample(active, len(active) // 40)}
    behind = next((m for m in active if m.organization.code == "pl-quangtrung-tdp01"), None)
    if behind is not None:
        late[behind.pk] = {9, 10, 11}
    paid = owed = 0
    for number in range(1, 13):
        month = date(2020, number, 1)
        actions.compute_month(scope, city, month)
        done, open_ = _pay(rng, scope, city, month, {pk for pk, months in late.items() if number in months}, 0.0, today)
        paid, owed = paid + done, owed + open_
    months_2026 = 0
    if province_2026 is not None:
        for number in range(1, 13):
            month = date(2026, number, 1)
            if month > rules.month_start(today):
                break
            actions.compute_month(scope, province_2026, month)
            if month < rules.month_start(today):  # this month is being collected: left open
                done, open_ = _pay(
                    rng, scope, province_2026, month, {pk for pk, m in late.items() if number in m}, 0.45, today
                )
                paid, owed = paid + done, owed + open_
            months_2026 += 1
    ctx.log(
        f"  {len(bases)} căn cứ đóng đảng phí, {len(chosen)} quyết định miễn, giảm; {paid} tháng đã nộp, "
        f"{owed} tháng còn nợ (12 tháng năm 2020, {months_2026} tháng năm 2026)"
    )
