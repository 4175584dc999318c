"""Attendance statistics of cell meetings: per cell and month, per cell, for a whole subtree, for many
organizations in one query (the indicators the monthly and review reports use), and the cells that did not
meet as the rules ask. Every figure is counted from the roll lines of held cell meetings.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from dangvu.accounts.scope import READ, Scope
from dangvu.organizations.models import Kind, Organization
from dangvu.organizations.queries import subtree_ids

from .models import CELL_KINDS, Meeting, Status
from .models import Kind as MeetingKind


@dataclass
class AttendanceStats:
    """Attendance at held cell meetings: roll lines, present (on time or late), late, absent with and
    without reason. `share_present` is present / roll lines, in percent."""

    organization_id: int | None
    year: int | None
    month: int | None
    meetings: int
    roll: int
    present: int
    late: int
    absent_excused: int
    absent_unexcused: int

    @property
    def share_present(self) -> float | None:
        return round(100 * self.present / self.roll, 1) if self.roll else None


def _held_meetings(organization: Organization, start: date, end: date) -> QuerySet:
    return Meeting.objects.filter(
        organization_id__in=subtree_ids(organization.pk, end),
        kind__in=CELL_KINDS,
        status=Status.HELD,
        date__gte=start,
        date__lte=end,
    )


# Counted from each meeting's kept roll counts (`rolls.count_rolls`), not from the roll lines themselves: a
# province's year is millions of roll lines but tens of thousands of meetings. Every held meeting counts as
# held (the indicator `meetings.cell_meetings`), with or without a roll; the attendance tables per cell read
# only the meetings that have one.
_COUNTS = {
    "meetings": Count("pk"),
    "roll": Sum("roll_count"),
    "present": Sum("present_count"),
    "late": Sum("late_count"),
    "absent_excused": Sum("excused_count"),
    "absent_unexcused": Sum("unexcused_count"),
}


def by_cell_month(scope: Scope | None, organization: Organization, start: date, end: date) -> list[AttendanceStats]:
    """Attendance at the held cell meetings of a subtree in a period, one row per cell and month.
    `scope` None is the system itself (a report computed for an organization already checked)."""
    if scope is not None:
        scope.require(organization.pk, READ)
    rows = (
        _held_meetings(organization, start, end)
        .filter(roll_count__gt=0)
        .annotate(y=ExtractYear("date"), m=ExtractMonth("date"))
        .values("organization_id", "y", "m")
        .annotate(**_COUNTS)
        .order_by("organization__sort_key", "y", "m")
    )
    return [AttendanceStats(row["organization_id"], row["y"], row["m"], **{k: row[k] for k in _COUNTS}) for row in rows]


def by_cell(scope: Scope | None, organization: Organization, start: date, end: date) -> list[AttendanceStats]:
    """The same counts, one row per cell over the whole period (the year's overview of a subtree)."""
    if scope is not None:
        scope.require(organization.pk, READ)
    rows = (
        _held_meetings(organization, start, end)
        .filter(roll_count__gt=0)
        .values("organization_id")
        .annotate(**_COUNTS)
        .order_by("organization__sort_key")
    )
    return [AttendanceStats(row["organization_id"], None, None, **{k: row[k] for k in _COUNTS}) for row in rows]


def totals(scope: Scope | None, organization: Organization, start: date, end: date) -> AttendanceStats:
    """The same counts for a whole subtree and period: the indicator a report quotes."""
    if scope is not None:
        scope.require(organization.pk, READ)
    row = _held_meetings(organization, start, end).aggregate(**_COUNTS)
    return AttendanceStats(organization.pk, None, None, **{k: row[k] or 0 for k in _COUNTS})


def many(org_ids: list[int], start: date, end: date) -> dict[int, AttendanceStats]:
    """{organization id: attendance at the held cell meetings of its subtree in the period}, in one grouped
    query over the dated closure table (the subtree as it stood on the period's last day): the shape the
    reports' indicator registry computes with (`compute_many`).

    The meetings' kept roll counts are added up per cell first, then the cells' sums up the closure table: a
    few thousand cell rows are joined to the tree instead of millions of roll lines."""
    from dangvu.reports.indicators.base import compiled, roll_up

    if not org_ids:
        return {}
    per_cell = compiled(_per_cell, subtrees=tuple(org_ids), start=start, end=end)
    found = roll_up(per_cell, org_ids, end, [f"SUM(fact.{name})" for name in _COUNTS])
    return {
        org_id: AttendanceStats(org_id, None, None, *(int(n) for n in found.get(org_id, [0] * len(_COUNTS))))
        for org_id in org_ids
    }


def _per_cell(*, subtrees, start, end) -> QuerySet:
    from dangvu.reports.indicators.base import descendants

    return (
        Meeting.objects.filter(
            organization_id__in=descendants(list(subtrees), end),
            kind__in=CELL_KINDS,
            status=Status.HELD,
            date__gte=start,
            date__lte=end,
        )
        .values(org=F("organization_id"))
        .annotate(**_COUNTS)
        .order_by()
    )


def cells_without_monthly_meeting(scope: Scope | None, organization: Organization, year: int, month: int) -> QuerySet:
    """Cells of a subtree active in a month that have no held monthly meeting recorded for it."""
    if scope is not None:
        scope.require(organization.pk, READ)
    first = date(year, month, 1)
    last = date(year + month // 12, month % 12 + 1, 1)
    held = Meeting.objects.filter(kind__in=CELL_KINDS, status=Status.HELD, date__gte=first, date__lt=last).values(
        "organization_id"
    )
    return (
        Organization.objects.filter(
            pk__in=subtree_ids(organization.pk, first),
            kind__in=[Kind.CELL, Kind.GRASSROOTS_CELL],
            established_on__lt=last,
        )
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=first))
        .exclude(pk__in=held)
    )


@dataclass
class MeetingGap:
    """A cell that missed the rules in a year: months without a monthly meeting, quarters without a thematic
    one (only the months and quarters that have ended, while the cell was active)."""

    cell: Organization
    months: list[int]
    quarters: list[int]


def meeting_gaps(scope: Scope | None, organization: Organization, year: int, today: date) -> list[MeetingGap]:
    """The cells of a subtree that did not meet as the rules ask (`cell.monthly_meetings`,
    `cell.thematic_meetings_per_quarter` in force on each month's first day), in two queries."""
    from dangvu.core.rules import param

    if scope is not None:
        scope.require(organization.pk, READ)
    first, last = date(year, 1, 1), date(year, 12, 31)
    cells = list(
        Organization.objects.filter(
            pk__in=subtree_ids(organization.pk, min(last, today)), kind__in=[Kind.CELL, Kind.GRASSROOTS_CELL]
        )
    )
    held: dict[tuple[int, str, int], int] = {}
    for org_id, kind, month in Meeting.objects.filter(
        organization__in=cells, kind__in=CELL_KINDS, status=Status.HELD, date__gte=first, date__lte=last
    ).values_list("organization_id", "kind", "date__month"):
        held[(org_id, kind, month)] = held.get((org_id, kind, month), 0) + 1
    gaps = []
    for cell in cells:
        months, quarters = [], []
        for month in range(1, 13):
            start = date(year, month, 1)
            end = date(year + month // 12, month % 12 + 1, 1)
            if end > today or not (cell.is_active(start) and cell.is_active(end - timedelta(days=1))):
                continue
            if held.get((cell.pk, MeetingKind.CELL_MONTHLY, month), 0) < param("cell.monthly_meetings", start):
                months.append(month)
            if month % 3 == 0:
                try:
                    needed = param("cell.thematic_meetings_per_quarter", start)
                except LookupError:
                    needed = 0
                done = sum(held.get((cell.pk, MeetingKind.CELL_THEMATIC, m), 0) for m in range(month - 2, month + 1))
                if done < needed:
                    quarters.append(month // 3)
        if months or quarters:
            gaps.append(MeetingGap(cell, months, quarters))
    return gaps
