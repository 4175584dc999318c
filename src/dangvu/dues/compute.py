"""The dues lines of a month, kept by one module: the batch entry point computes a whole subtree's month (the
demo, the benchmark and the office's "tính đảng phí tháng" use it), `refresh_from` the months already written
of members whose basis or decision changed (one member from a form, a file's members from an import). Payments
already recorded on a line are kept; only the due amount and its explanation follow the records. Lines are
written by `core.batch` (COPY on PostgreSQL), inside the action's transaction.

Who owes a month: every member registered (a placement) in a cell on some day of the month, at the cell where
they were registered on the month's first day (or the first cell of the month for one who arrived during it).
"""

from collections import defaultdict
from datetime import date

from django.db.models import Q, QuerySet

from dangvu.core.batch import insert_rows, update_rows
from dangvu.members.models import Member, Placement
from dangvu.members.rules import inactive_periods
from dangvu.organizations.models import Ancestry

from . import rules
from .models import Basis, BasisKind, Decision, Line


def _placements_of_month(month: date, member_filter: Q) -> dict[int, int]:
    """member id -> the cell that collects the month."""
    start, end = month, rules.month_end(month)
    chosen: dict[int, tuple[date, int]] = {}
    rows = Placement.objects.filter(member_filter, valid_from__lte=end, valid_to__gt=start).values_list(
        "member_id", "organization_id", "valid_from"
    )
    for member_id, organization_id, valid_from in rows:
        key = max(valid_from, start)
        if member_id not in chosen or key < chosen[member_id][0]:
            chosen[member_id] = (key, organization_id)
    return {member_id: org for member_id, (_, org) in chosen.items()}


def _gaps(member_filter: Q) -> dict[int, list[tuple[date, date]]]:
    """Periods without Party activity: between a placement's end and the next placement of the member."""
    by_member: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for member_id, valid_from, valid_to in Placement.objects.filter(member_filter).values_list(
        "member_id", "valid_from", "valid_to"
    ):
        by_member[member_id].append((valid_from, valid_to))
    gaps: dict[int, list[tuple[date, date]]] = {}
    for member_id, spans in by_member.items():
        if found := inactive_periods(spans):
            gaps[member_id] = found
    return gaps


def _bases(member_filter: Q, month: date) -> dict[int, dict[date, tuple[str, int]]]:
    """member id -> {month start: (kind, amount)} for the month and the one before."""
    previous = rules.add_months(month, -1)
    out: dict[int, dict[date, tuple[str, int]]] = defaultdict(dict)
    rows = (
        Basis.objects.filter(member_filter, valid_from__lte=month, valid_to__gt=previous)
        .values_list("member_id", "kind", "amount", "valid_from", "valid_to")
        .order_by("member_id", "valid_from")
    )
    for member_id, kind, amount, valid_from, valid_to in rows:
        for day in (previous, month):
            if valid_from <= day < valid_to:
                out[member_id][day] = (kind, amount)
    return out


def _decisions(member_filter: Q, month: date) -> dict[int, rules.DecisionValue]:
    rows = (
        Decision.objects.filter(member_filter, first_month__lte=month)
        .filter(Q(last_month__isnull=True) | Q(last_month__gte=month))
        .order_by("member_id", "-percent", "-decided_on")
    )
    out: dict[int, rules.DecisionValue] = {}
    for d in rows:
        out.setdefault(d.member_id, rules.DecisionValue(d.kind, d.percent, d.number, d.decided_on))
    return out


def amounts_for(month: date, member_ids) -> dict[int, tuple[int, rules.Amount]]:
    """member id -> (collecting cell, amount) for the month, for the members selected by `member_ids` (a
    list or a subquery of ids)."""
    only = Q(member_id__in=member_ids)
    cells = _placements_of_month(month, only)
    if not cells:
        return {}
    bases = _bases(only, month)
    decisions = _decisions(only, month)
    exempt_years = rules.month_rules(month).exempt_years
    admitted, gaps = {}, {}
    if exempt_years:
        # Periods without activity only push the day later: only members admitted long enough ago can be
        # exempt, and only their placements are read.
        oldest = rules.month_end(date(month.year - exempt_years, month.month, 1))
        admitted = dict(
            Member.objects.filter(pk__in=member_ids, admitted_on__lte=oldest).values_list("pk", "admitted_on")
        )
        if admitted:
            gaps = _gaps(Q(member_id__in=list(admitted)))
    previous = rules.add_months(month, -1)
    params = rules.month_rules(month)
    salary_of_previous = params.regulation == "01"
    out = {}
    for member_id, cell in cells.items():
        reached = None
        if exempt_years and member_id in admitted:
            reached = rules.party_age_reached(admitted[member_id], gaps.get(member_id, []), exempt_years)
        held = bases.get(member_id, {})
        current = held.get(month)
        basis = None
        if current is not None:
            kind, amount = current
            figure_month = month
            if kind == BasisKind.INSURED_SALARY and salary_of_previous:
                earlier = held.get(previous)
                if earlier is not None and earlier[0] == kind:
                    amount, figure_month = earlier[1], previous
            basis = rules.BasisValue(kind, amount, figure_month)
        out[member_id] = (
            cell,
            rules.monthly_amount(
                month, basis, party_age_50_on=reached, decision=decisions.get(member_id), params=params
            ),
        )
    return out


def subtree_cells(organization_id: int, month: date) -> QuerySet:
    """A subquery of the organizations that stood under the organization (itself included) in the month."""
    return Ancestry.objects.filter(
        ancestor_id=organization_id, valid_from__lte=rules.month_end(month), valid_to__gt=month
    ).values("descendant_id")


def subtree_members(organization_id: int, month: date) -> QuerySet:
    """A subquery of the members registered in the month in a cell of the organization's subtree."""
    return Placement.objects.filter(
        organization_id__in=subtree_cells(organization_id, month),
        valid_from__lte=rules.month_end(month),
        valid_to__gt=month,
    ).values("member_id")


LINE_FIELDS = ("member", "month", "organization", "due", "regulation", "explanation", "method", "reference")
CORRECTED = ("due", "explanation", "organization", "regulation")  # what the records decide on a line
ID_CHUNK = 900  # member ids per query, below SQLite's oldest limit on bound variables


def write_month(month: date, member_ids, *, organization_ids=None) -> dict[str, int]:
    """Create or correct the lines of a month for the selected members (owed at a cell among
    `organization_ids`, when given); unpaid lines there of members no longer owing it are removed. Returns
    counts for the audit event. Lines are read as plain values and written in a few statements
    (`core.batch`: a province's month is 100,000 lines), so call it inside the action's transaction."""
    computed = amounts_for(month, member_ids)
    if organization_ids is not None:
        allowed = set(organization_ids)
        computed = {m: value for m, value in computed.items() if value[0] in allowed}
        stale = [
            pk
            for pk, member_id in Line.objects.filter(
                month=month, organization_id__in=organization_ids, paid__isnull=True
            ).values_list("pk", "member_id")
            if member_id not in computed
        ]
    existing = {
        member_id: (pk, values)
        for pk, member_id, *values in Line.objects.filter(month=month, member_id__in=member_ids)
        .order_by()
        .values_list("pk", "member_id", *CORRECTED)
    }
    new, changed = [], []
    for member_id, (cell, amount) in computed.items():
        explanation = amount.explanation[:300]
        values = [amount.due, explanation, cell, amount.regulation]
        line = existing.get(member_id)
        if line is None:
            new.append((member_id, month, cell, amount.due, amount.regulation, explanation, "", ""))
        elif line[1] != values:
            changed.append((*values, line[0]))
    insert_rows(Line, LINE_FIELDS, new)
    update_rows(Line, CORRECTED, changed)
    removed = 0
    if organization_ids is not None and stale:
        removed = Line.objects.filter(pk__in=stale).delete()[0]
    return {"created": len(new), "changed": len(changed), "removed": removed}


def refresh_from(first_months: dict[int, date]) -> int:
    """Recompute the lines already written of each member from that member's month on, after their bases or
    decisions changed (one member from a form, every member of an imported file): one `write_month` per month
    and chunk of members. The number of lines looked at."""
    months: dict[date, list[int]] = defaultdict(list)
    ids = list(first_months)
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        earliest = min(first_months[m] for m in chunk)
        for member_id, month in (
            Line.objects.filter(member_id__in=chunk, month__gte=earliest).order_by().values_list("member_id", "month")
        ):
            if month >= first_months[member_id]:
                months[month].append(member_id)
    for month, members in sorted(months.items()):
        for start in range(0, len(members), ID_CHUNK):
            write_month(month, members[start : start + ID_CHUNK])
    return sum(len(members) for members in months.values())
