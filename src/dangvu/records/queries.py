"""Reads of the records through the user's scope: a member's cards, official members without a card, and the
data-health findings of a subtree (what an office must clean), each with the page that fixes it.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet
from django.urls import reverse

from dangvu.accounts.scope import READ, Scope
from dangvu.core import rules as party_rules
from dangvu.members.models import Member, Status
from dangvu.members.rules import add_months
from dangvu.organizations.models import Organization
from dangvu.organizations.queries import subtree_ids
from dangvu.reports.indicators import REGISTRY
from dangvu.reports.indicators.registry_health import WARNINGS
from dangvu.reports.periods import Period

from .models import PartyCard

if TYPE_CHECKING:
    from .models import PersonRecord

ACTIVE = (Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED)


def get_card(scope: Scope, pk: int) -> PartyCard:
    from django.shortcuts import get_object_or_404

    card = get_object_or_404(PartyCard.objects.select_related("member__person", "member__organization"), pk=pk)
    scope.require(card.member.organization_id, READ)
    return card


def record_of(scope: Scope, member: Member) -> "PersonRecord | None":
    from .models import PersonRecord

    scope.require(member.organization_id, READ)
    return PersonRecord.objects.filter(person_id=member.person_id).first()


def members_of(scope: Scope, organization: Organization) -> QuerySet:
    """The members registered now in an organization's subtree (which must lie in the scope)."""
    scope.require(organization.pk, READ)
    return Member.objects.filter(organization_id__in=subtree_ids(organization.pk), status__in=ACTIVE)


def without_card(scope: Scope, organization: Organization) -> QuerySet:
    """Official members (exempted ones included) with no card number: the list of the cards to issue."""
    return (
        members_of(scope, organization)
        .filter(status__in=(Status.OFFICIAL, Status.EXEMPTED))
        .filter(card_number__isnull=True)
        .select_related("person", "organization")
        .order_by("sort_key", "id")
    )


@dataclass
class Finding:
    check: str
    member: Member | None
    organization: Organization
    detail: str
    fix_url: str
    fix_label: str


CELL_SIZE_CHECKS = {
    "small_cell": "health.cells_below_minimum",
    "cell_needs_committee": "health.cells_without_committee",
    "large_grassroots_cell": "health.grassroots_cells_large",
}
CHECKS = {
    "no_citizen_id": "Chưa có số CCCD",
    "duplicate": "Trùng họ tên và ngày sinh",
    "no_card": "Đảng viên chính thức chưa có thẻ",
    "probation_over": "Quá 12 tháng dự bị chưa có quyết định",
    "transfer_overdue": "Giấy giới thiệu sinh hoạt quá hạn",
    # the cell-size warnings of the data-health indicators (`reports.indicators.registry_health`), one rule each
    **{check: WARNINGS[key][0] for check, key in CELL_SIZE_CHECKS.items()},
}


def _member_finding(check: str, member: Member, detail: str, url_name: str, label: str, *extra) -> Finding:
    return Finding(check, member, member.organization, detail, reverse(url_name, args=[member.pk, *extra]), label)


def cell_size_findings(organization: Organization, today: date) -> list[Finding]:
    """The cells of the subtree that the cell-size rules warn about today (at least 3 official members; 9 or
    more elect a cell committee; a grassroots cell of 30 or more becomes a grassroots committee): the records of
    the data-health indicators, each with its rule's value and regulation."""
    found = []
    for check, key in CELL_SIZE_CHECKS.items():
        for size in REGISTRY[key].records(organization, Period(today, today)):
            found.append(
                Finding(
                    check,
                    None,
                    size.cell,
                    size.note,
                    reverse("organization_detail", args=[size.cell.code]),
                    "Xem tổ chức",
                )
            )
    return found


def health(scope: Scope, organization: Organization, today: date) -> dict:
    """Every finding of the subtree by check, and the counts per cell."""
    members = members_of(scope, organization).select_related("person", "organization")
    findings: list[Finding] = []
    for m in members.filter(person__citizen_id__isnull=True).order_by("sort_key", "id"):
        findings.append(_member_finding("no_citizen_id", m, "", "member_edit", "Bổ sung CCCD"))
    twins = (
        members.exclude(person__birth_date__isnull=True)
        .values("person__name_folded", "person__birth_date")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    for twin in twins:
        same = members.filter(
            person__name_folded=twin["person__name_folded"], person__birth_date=twin["person__birth_date"]
        ).order_by("id")
        others = ", ".join(m.organization.name for m in same)
        for m in same:
            findings.append(
                _member_finding("duplicate", m, f"{twin['n']} hồ sơ: {others}", "member_detail", "Đối chiếu hồ sơ")
            )
    for m in without_card(scope, organization):
        findings.append(_member_finding("no_card", m, "", "records_card_issue", "Cấp thẻ"))
    months = party_rules.param("probation.months", today)
    for m in members.filter(status=Status.PROBATIONARY).order_by("admitted_on", "id"):
        end = add_months(m.admitted_on, months)
        if end < today:
            findings.append(
                _member_finding(
                    "probation_over",
                    m,
                    f"Hết dự bị từ {end:%d/%m/%Y}",
                    "member_event",
                    "Công nhận chính thức",
                    "cong-nhan-chinh-thuc",
                )
            )
    from dangvu.transfers.queries import due_list

    for row in due_list(scope, today, organization):
        if row.remaining < 0:
            t = row.transfer
            findings.append(
                Finding(
                    "transfer_overdue",
                    t.member,
                    t.source or t.destination,
                    f"{row.what}, hạn {row.due:%d/%m/%Y}",
                    reverse("transfers_detail", args=[t.pk]),
                    "Xử lý giấy",
                )
            )
    findings += cell_size_findings(organization, today)
    by_check = {key: [f for f in findings if f.check == key] for key in CHECKS}
    per_org = Counter((f.organization.pk, f.check) for f in findings)
    orgs = {f.organization.pk: f.organization for f in findings}
    table = [
        {
            "organization": orgs[pk],
            "counts": [per_org.get((pk, key), 0) for key in CHECKS],
            "total": sum(per_org.get((pk, key), 0) for key in CHECKS),
        }
        for pk in sorted(orgs, key=lambda pk: orgs[pk].sort_key)
    ]
    return {
        "by_check": [(key, CHECKS[key], by_check[key]) for key in CHECKS],
        "per_organization": table,
        "labels": list(CHECKS.values()),
        "total": len(findings),
    }


BOOKS = {
    "dang-sinh-hoat": "SỔ DANH SÁCH ĐẢNG VIÊN",
    "ra-khoi-dang": "SỔ DANH SÁCH ĐẢNG VIÊN ĐÃ RA KHỎI ĐẢNG",
    "tu-tran": "SỔ DANH SÁCH ĐẢNG VIÊN ĐÃ TỪ TRẦN",
}


@dataclass
class BookRow:
    number: int
    member: Member
    arrived_on: date | None
    record: object | None


def book(scope: Scope, organization: Organization, which: str) -> list[tuple[Organization, list[BookRow]]]:
    """Sổ danh sách đảng viên (7-HSĐV) of each cell of a subtree: members in the order they entered the cell's
    book (their placements there), numbered from 1 per cell; or the books of those who left and who died."""
    from dangvu.members.models import LeftReason, Placement

    from .models import PersonRecord

    scope.require(organization.pk, READ)
    members = Member.objects.filter(organization_id__in=subtree_ids(organization.pk))
    if which == "ra-khoi-dang":
        members = members.filter(status=Status.LEFT).exclude(
            left_reason__in=(LeftReason.DECEASED, LeftReason.TRANSFERRED_OUT)
        )
    elif which == "tu-tran":
        members = members.filter(status=Status.LEFT, left_reason=LeftReason.DECEASED)
    else:
        members = members.filter(status__in=ACTIVE)
    members = list(members.select_related("person", "organization"))
    arrivals = {}
    for member_id, org_id, start in (
        Placement.objects.filter(member__in=members)
        .order_by("valid_from", "id")
        .values_list("member_id", "organization_id", "valid_from")
    ):
        arrivals[(member_id, org_id)] = start  # the latest stay in that cell
    records = {r.person_id: r for r in PersonRecord.objects.filter(person__in=[m.person_id for m in members])}
    by_cell: dict[int, list[Member]] = {}
    for m in members:
        by_cell.setdefault(m.organization_id, []).append(m)
    result = []
    cells = {m.organization_id: m.organization for m in members}
    for cell_id in sorted(cells, key=lambda pk: cells[pk].sort_key):
        ordered = sorted(by_cell[cell_id], key=lambda m: (arrivals.get((m.pk, cell_id)) or m.admitted_on, m.pk))
        result.append(
            (
                cells[cell_id],
                [
                    BookRow(n, m, arrivals.get((m.pk, cell_id)), records.get(m.person_id))
                    for n, m in enumerate(ordered, start=1)
                ],
            )
        )
    return result
