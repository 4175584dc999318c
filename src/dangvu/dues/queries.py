"""Reads of the dues records through the caller's scope: a member's months, a cell's monthly sheet, arrears
and the strike-off alert, the remittance summary of a subtree; and `standing` (the month paid through, the months
owed) for the transfer letters."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import F, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from dangvu.accounts.scope import READ, Scope
from dangvu.core import rules as party_rules
from dangvu.members.models import Member
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Ancestry, Organization

from . import compute, rules
from .models import Basis, Decision, KeptShare, Line, ProposalStatus, Remittance, StrikeOffProposal


def get_organization(scope: Scope, code: str) -> Organization:
    organization = get_object_or_404(Organization, code=code)
    scope.require(organization.pk, READ)
    return organization


def get_member(scope: Scope, pk: int) -> Member:
    """A member the scope may read (their own record included), or 404."""
    qs = scope.restrict_people(Member.objects.select_related("person", "organization"))
    return get_object_or_404(qs, pk=pk)


def overdue_filter(today: date) -> Q:
    """Lines unpaid (or underpaid) for a month that has ended."""
    return Q(due__gt=0, month__lt=rules.month_start(today)) & (Q(paid__isnull=True) | Q(paid__lt=F("due")))


def unpaid_months(member: Member, year: int, today: date | None = None) -> list[date]:
    """The months of a year the member owed and has not (fully) paid, among those already over."""
    today = today or timezone.localdate()
    return list(
        Line.objects.filter(overdue_filter(today), member=member, month__year=year)
        .order_by("month")
        .values_list("month", flat=True)
    )


def paid_through(member: Member) -> date | None:
    """The last day of the last month up to which every month the member owed is paid, or None when the first
    month is unpaid or nothing is recorded. The caller has checked its scope over the member."""
    found = standing(member)
    return rules.month_end(found.paid_to) if found.paid_to else None


@dataclass(frozen=True)
class Standing:
    """A member's dues as the book stood on a day ("đã đóng đảng phí đến hết tháng …" of a transfer letter)."""

    recorded: bool  # the book holds months of the member (up to that day's month)
    paid_to: date | None  # the first day of the last month up to which every month owed was paid
    owed: tuple[date, ...] = ()  # months over before that day's month, owed and not fully paid by that day
    first_month: date | None = None  # the first month the book holds

    def owed_text(self) -> str:
        return ", ".join(f"{month:%m/%Y}" for month in self.owed)


def standing(member: Member, on: date | None = None) -> Standing:
    """The member's dues in the book on day `on` (the months up to its month, paid by that day), or over every
    month recorded when `on` is None. A month owed nothing (an exemption) counts as paid. The caller has checked
    its scope over the member."""
    lines = Line.objects.filter(member=member).order_by("month")
    if on is not None:
        lines = lines.filter(month__lte=rules.month_start(on))
    paid_to, owed, first, broken = None, [], None, False
    for month, due, paid, paid_on in lines.values_list("month", "due", "paid", "paid_on"):
        first = first or month
        settled = not due or (paid is not None and paid >= due and (on is None or paid_on is None or paid_on <= on))
        if not settled:
            broken = True
            if on is None or month < rules.month_start(on):
                owed.append(month)
        elif not broken:
            paid_to = month
    return Standing(recorded=first is not None, paid_to=paid_to, owed=tuple(owed), first_month=first)


@dataclass
class MemberDues:
    member: Member
    bases: list
    decisions: list
    lines: list
    paid_through: date | None
    current: rules.Amount | None
    current_month: date


def member_dues(scope: Scope, member_id: int, today: date | None = None) -> MemberDues:
    """A member's dues record: bases, decisions, months with due and paid, and this month's amount with how."""
    member = get_member(scope, member_id)
    today = today or timezone.localdate()
    month = rules.month_start(today)
    computed = compute.amounts_for(month, [member.pk]).get(member.pk)
    return MemberDues(
        member=member,
        bases=list(Basis.objects.filter(member=member).order_by("-valid_from")),
        decisions=list(Decision.objects.filter(member=member).order_by("-first_month")),
        lines=list(Line.objects.filter(member=member).select_related("organization").order_by("-month")[:36]),
        paid_through=paid_through(member),
        current=computed[1] if computed else None,
        current_month=month,
    )


@dataclass
class Sheet:
    """Sổ thu đảng phí of a cell's month."""

    cell: Organization
    month: date
    lines: list
    computed: bool
    total_due: int = 0
    total_paid: int = 0
    paid_count: int = 0
    regulation: str = ""


def _sheet(cell: Organization, month: date, lines: list) -> Sheet:
    result = Sheet(
        cell=cell,
        month=month,
        lines=lines,
        computed=bool(lines),
        regulation=party_rules.rule("dues.regulation", month).regulation,
    )
    for line in lines:
        result.total_due += line.due
        result.total_paid += line.paid or 0
        result.paid_count += 1 if line.paid is not None else 0
    return result


def sheet(scope: Scope, cell: Organization, month: date) -> Sheet:
    scope.require(cell.pk, READ)
    month = rules.month_start(month)
    lines = list(
        Line.objects.filter(organization=cell, month=month)
        .select_related("member__person")
        .order_by("member__sort_key", "member_id")
    )
    return _sheet(cell, month, lines)


def sheets_of(scope: Scope, organization: Organization, month: date) -> list[Sheet]:
    """The sheets of every cell of a subtree for a month, read in one query (printing a ward's books)."""
    scope.require(organization.pk, READ)
    month = rules.month_start(month)
    by_cell: dict[int, list] = defaultdict(list)
    for line in (
        Line.objects.filter(month=month, organization_id__in=compute.subtree_cells(organization.pk, month))
        .select_related("member__person")
        .order_by("organization_id", "member__sort_key", "member_id")
    ):
        by_cell[line.organization_id].append(line)
    cells = Organization.objects.in_bulk(list(by_cell))
    return sorted((_sheet(cells[pk], month, lines) for pk, lines in by_cell.items()), key=lambda s: s.cell.sort_key)


@dataclass
class Arrear:
    member: Member
    organization_id: int
    months: list = field(default_factory=list)
    amount: int = 0
    proposal: StrikeOffProposal | None = None

    @property
    def alert(self) -> bool:
        return len(self.months) >= party_rules.param("dues.unpaid_months_strike_off", self.months[-1])


def arrears(scope: Scope, organization: Organization, year: int, today: date | None = None) -> list[Arrear]:
    """Members of the subtree's cells with months of the year unpaid, most months first; `alert` marks those
    with three or more (the cell may propose striking them off)."""
    scope.require(organization.pk, READ)
    today = today or timezone.localdate()
    cells = Ancestry.objects.filter(ancestor=organization).values("descendant_id")
    rows = (
        Line.objects.filter(overdue_filter(today), month__year=year, organization_id__in=cells)
        .select_related("member__person")
        .order_by("member_id", "month")
    )
    found: dict[int, Arrear] = {}
    for line in rows:
        item = found.setdefault(line.member_id, Arrear(line.member, line.organization_id))
        item.months.append(line.month)
        item.amount += line.due - (line.paid or 0)
    proposals = {
        p.member_id: p
        for p in StrikeOffProposal.objects.filter(member_id__in=list(found), year=year).exclude(
            status=ProposalStatus.WITHDRAWN
        )
    }
    for member_id, item in found.items():
        item.proposal = proposals.get(member_id)
    return sorted(found.values(), key=lambda a: (-len(a.months), a.member.sort_key))


def open_proposals(scope: Scope, organization: Organization) -> list[StrikeOffProposal]:
    scope.require(organization.pk, READ)
    cells = Ancestry.objects.filter(ancestor=organization).values("descendant_id")
    return list(
        StrikeOffProposal.objects.filter(organization_id__in=cells, status=ProposalStatus.PROPOSED).select_related(
            "member__person", "organization"
        )
    )


def get_proposal(scope: Scope, pk: int) -> StrikeOffProposal:
    proposal = get_object_or_404(StrikeOffProposal.objects.select_related("member__person", "organization"), pk=pk)
    scope.require(proposal.organization_id, READ)
    return proposal


@dataclass
class LevelRow:
    """One organization's dues of a period: collected from its own members (a cell), received from the levels
    below, kept, and owed to the level above; with what it recorded as sent and whether that was received."""

    organization: Organization
    depth: int
    collected: int = 0
    from_below: int = 0
    kept: int = 0
    remit: int = 0
    sent: Remittance | None = None

    @property
    def received(self) -> int:
        return self.collected + self.from_below


def installed_shares() -> dict[str, list[tuple[date, Decimal]]]:
    out: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    for row in KeptShare.objects.all():
        out[row.kind].append((row.valid_from, row.share))
    return out


def remittance_summary(
    scope: Scope, organization: Organization, period_start: date, period_months: int = 1
) -> list[LevelRow]:
    """Collected, kept and remitted per organization of the subtree for a month or quarter, from the tree as it
    stood on the period's last day; the parents' received amounts are their children's remittances."""
    scope.require(organization.pk, READ)
    period_start = rules.month_start(period_start)
    last_month = rules.add_months(period_start, period_months - 1)
    end = rules.month_end(last_month)
    links = Ancestry.objects.filter(ancestor=organization, valid_from__lte=end, valid_to__gt=end)
    depth = dict(links.values_list("descendant_id", "depth"))
    parents = dict(
        Ancestry.objects.filter(
            descendant_id__in=list(depth), depth=1, valid_from__lte=end, valid_to__gt=end
        ).values_list("descendant_id", "ancestor_id")
    )
    orgs = {o.pk: o for o in Organization.objects.filter(pk__in=list(depth))}
    collected = dict(
        Line.objects.filter(
            month__gte=period_start, month__lte=last_month, organization_id__in=list(depth), paid__isnull=False
        )
        .values("organization_id")
        .annotate(total=Sum("paid"))
        .values_list("organization_id", "total")
    )
    sent = {
        r.organization_id: r
        for r in Remittance.objects.filter(
            organization_id__in=list(depth), period_start=period_start, period_months=period_months
        )
    }
    shares = installed_shares()
    rows = {pk: LevelRow(orgs[pk], depth[pk], collected=collected.get(pk, 0), sent=sent.get(pk)) for pk in depth}
    for pk in sorted(depth, key=lambda p: -depth[p]):  # the deepest first: children before their parents
        row = rows[pk]
        share = rules.kept_share(row.organization.kind, end, shares)
        row.kept = int((Decimal(row.received) * share).to_integral_value())
        row.remit = row.received - row.kept
        parent = parents.get(pk)
        if pk != organization.pk and parent in rows:
            rows[parent].from_below += row.remit
    return sorted(rows.values(), key=lambda r: (r.depth, r.organization.sort_key))


def incoming_remittances(scope: Scope, organization: Organization) -> list[Remittance]:
    """What the levels below recorded as sent to this organization, unconfirmed first."""
    scope.require(organization.pk, READ)
    return list(
        Remittance.objects.filter(recipient=organization)
        .select_related("organization")
        .order_by("received_on", "-period_start")[:200]
    )


def get_remittance(scope: Scope, pk: int) -> Remittance:
    remittance = get_object_or_404(Remittance.objects.select_related("organization", "recipient"), pk=pk)
    if not (scope.covers(remittance.recipient_id) or scope.covers(remittance.organization_id)):
        scope.require(remittance.recipient_id, READ)
    return remittance


def cells_of(scope: Scope, organization: Organization) -> list[Organization]:
    """The cells of the subtree now, for the pickers."""
    scope.require(organization.pk, READ)
    return list(
        Organization.objects.filter(
            pk__in=Ancestry.objects.filter(ancestor=organization).values("descendant_id"), kind__in=MEMBER_UNIT_KINDS
        ).order_by("sort_key")[:2000]
    )
