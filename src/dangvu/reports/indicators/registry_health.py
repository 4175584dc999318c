"""Data-health indicators over the size of cells (kiểm tra dữ liệu): the cells whose membership on the period's
last day falls outside what the Charter's implementing rules expect, each with the rule it is judged by
(`core.rules`: cell.min_official_members, cell.committee_threshold, grassroots.committee_threshold). They are
warnings to look at, not errors: a cell may be awaiting a merger or its congress.

The three figures are counted together (`count_together`) over one statement of the subtrees' cells
(`_cells`): each cell with its members and officials on the day and whether it had a cell committee then;
each warning is a condition over those columns (`_warnings`), and the records behind a figure are the cells
of that statement that meet its condition. The officials of a cell are its members less those not yet
official that day (the few probationary members): reading every member's official date to count the
officials of the country was most of the cost.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import F, Q, QuerySet, Value

from dangvu.core import rules as party_rules
from dangvu.core.statements import Statement
from dangvu.members.models import Placement
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Body, CommitteeTerm, Kind, Organization

from ..periods import Period
from .base import (
    Counted,
    RecordRow,
    compiled,
    count_together,
    descendants,
    indicator,
    members_now,
    records_of,
    valid_on,
)
from .registry_members import from_kept_counts, kept_placements

HEALTH = "Kiểm tra dữ liệu"


@dataclass
class CellSize:
    cell: Organization
    members: int
    officials: int
    note: str


# key: (label, definition, the rule it is judged by)
WARNINGS = {
    "health.cells_below_minimum": (
        "Chi bộ dưới số đảng viên chính thức tối thiểu",
        """Số chi bộ thuộc đảng bộ có ít hơn số đảng viên chính thức tối thiểu (3, quy tắc
        cell.min_official_members) sinh hoạt vào ngày cuối kỳ: cần bổ sung, ghép hoặc giải thể.""",
        "cell.min_official_members",
    ),
    "health.cells_without_committee": (
        "Chi bộ đủ điều kiện bầu chi ủy nhưng chưa ghi chi ủy",
        """Số chi bộ có từ 9 đảng viên chính thức trở lên (quy tắc cell.committee_threshold) vào ngày cuối kỳ mà
        không có chi ủy được ghi còn hiệu lực ngày đó.""",
        "cell.committee_threshold",
    ),
    "health.grassroots_cells_large": (
        "Chi bộ cơ sở từ 30 đảng viên trở lên",
        """Số chi bộ cơ sở có từ 30 đảng viên trở lên (quy tắc grassroots.committee_threshold) vào ngày cuối kỳ:
        thường lập đảng bộ cơ sở.""",
        "grassroots.committee_threshold",
    ),
}


def _warnings(period: Period) -> dict[str, Counted]:
    """Each warning as a condition (SQL over a row `fact` of `_cells`) with the value of its rule on the
    period's last day."""

    def value(key: str) -> int:
        return party_rules.rule(WARNINGS[key][2], period.end).value

    return {
        "health.cells_below_minimum": Counted("fact.officials < %s", (value("health.cells_below_minimum"),), None),
        "health.cells_without_committee": Counted(
            "fact.officials >= %s AND NOT fact.committee", (value("health.cells_without_committee"),), None
        ),
        "health.grassroots_cells_large": Counted(
            "fact.kind = %s AND fact.registered >= %s",
            (Kind.GRASSROOTS_CELL.value, value("health.grassroots_cells_large")),
            None,
        ),
    }


# From this many members (now) in the subtrees asked, the cells' members on the day are their kept counts
# corrected to the day (`kept_placements`, whose corrections are the whole database's placements begun or ended
# after the day) rather than the subtrees' placements of the day: a 300,000-member province (one province in
# the database, a day 14 months back) 123 ms -> 29 ms for that part. Below it the placements are read cell by
# cell from an index, which grows with the subtree where the corrections do not (`KEPT_COUNTS_FROM`).
KEPT_CELLS_FROM = 200_000


def _cells(org_ids: list[int], on) -> Statement:
    """Each cell (chi bộ cơ sở and chi bộ trực thuộc) of the subtrees on a day: `org`, `kind`, its members that
    day (`registered`: the placements valid then), the officials among them (`officials`: official by then)
    and whether a cell committee term was valid then (`committee`). The members are the cells' kept counts
    corrected to the day for large subtrees (`from_kept_counts`, as members.total), else the placements of the
    day; a cell's placements are added up in the cell first, then joined to it."""
    subtrees = tuple(org_ids)
    cells = compiled(_cells_of, subtrees=subtrees, on=on)
    if from_kept_counts(org_ids) or members_now(org_ids) >= KEPT_CELLS_FROM:
        placed = compiled(kept_placements, on=on)
    else:
        placed = compiled(_placed, subtrees=subtrees, on=on)
    probationary = compiled(_not_official, subtrees=subtrees, on=on)
    committees = compiled(_with_committee, subtrees=subtrees, on=on)
    sql = f"""
        SELECT cell.org, cell.kind, COALESCE(placed.n, 0) AS registered,
               COALESCE(placed.n, 0) - COALESCE(probationary.n, 0) AS officials,
               committee.org IS NOT NULL AS committee
        FROM ({cells.sql}) cell
        LEFT JOIN (SELECT p.org, SUM(p.n) AS n FROM ({placed.sql}) p GROUP BY p.org) placed
               ON placed.org = cell.org
        LEFT JOIN (SELECT p.org, COUNT(*) AS n FROM ({probationary.sql}) p GROUP BY p.org) probationary
               ON probationary.org = cell.org
        LEFT JOIN ({committees.sql}) committee ON committee.org = cell.org"""
    return Statement(cells.db, sql, (*cells.params, *placed.params, *probationary.params, *committees.params))


def _cells_of(*, subtrees, on) -> QuerySet:
    return (
        Organization.objects.filter(kind__in=MEMBER_UNIT_KINDS, pk__in=descendants(list(subtrees), on))
        .values("kind", org=F("pk"))
        .order_by()
    )


def _placements_of(subtrees: tuple[int, ...], on) -> QuerySet:
    return Placement.objects.filter(valid_on(on), organization_id__in=descendants(list(subtrees), on))


def _placed(*, subtrees, on) -> QuerySet:
    """(cell, 1) for each placement valid on the day in the subtrees (the rows `kept_placements` gives)."""
    return _placements_of(subtrees, on).values(org=F("organization_id"), n=Value(1)).order_by()


def _not_official(*, subtrees, on) -> QuerySet:
    """The placements valid on the day in the subtrees of members not official by then."""
    return (
        _placements_of(subtrees, on)
        .filter(Q(member__official_on__isnull=True) | Q(member__official_on__gt=on))
        .values(org=F("organization_id"))
        .order_by()
    )


def _with_committee(*, subtrees, on) -> QuerySet:
    return (
        CommitteeTerm.objects.filter(
            valid_on(on), body=Body.CELL_COMMITTEE, organization_id__in=descendants(list(subtrees), on)
        )
        .values(org=F("organization_id"))
        .distinct()
        .order_by()
    )


def _counter(key: str):
    """The cells of each subtree raising the warning, counted with the other two in one query (a cell has one
    closure row per ancestor on a day: COUNT(*) is exact)."""

    def compute(org_ids: list[int], period: Period):
        if not org_ids:
            return {}
        return count_together(
            "health.cells",
            key,
            org_ids,
            period,
            lambda _keys: _cells(org_ids, period.end),
            _warnings(period),
            tree_day=period.end,
        )

    return compute


def _note(key: str, size: CellSize, period: Period) -> str:
    """Why the cell is listed, with the rule's value and regulation on the period's last day."""
    rule = party_rules.rule(WARNINGS[key][2], period.end)
    if key == "health.cells_below_minimum":
        return f"{size.officials} đảng viên chính thức, dưới {rule.value} ({rule.regulation})"
    if key == "health.cells_without_committee":
        return f"{size.officials} đảng viên chính thức, chưa ghi chi ủy ({rule.regulation})"
    return f"{size.members} đảng viên, từ {rule.value} trở lên ({rule.regulation})"


def _records(key: str):
    def records(organization, period: Period) -> list[CellSize]:
        cells, warning = _cells([organization.pk], period.end), _warnings(period)[key]
        with connections[cells.db].cursor() as cursor:
            cursor.execute(
                f"SELECT fact.org, fact.registered, fact.officials FROM ({cells.sql}) fact WHERE {warning.where}",
                (*cells.params, *warning.params),
            )
            found = cursor.fetchall()
        by_id = Organization.objects.in_bulk([pk for pk, *_ in found])
        sizes = [CellSize(by_id[pk], registered, officials, "") for pk, registered, officials in found]
        for size in sizes:
            size.note = _note(key, size, period)
        return sorted(sizes, key=lambda size: size.cell.sort_key)

    return records


def _row(size: CellSize) -> RecordRow:
    return RecordRow(None, size.cell.name, size.note, subject_org_id=size.cell.pk)


for _key, (_label, _definition, _rule) in WARNINGS.items():
    _item = indicator(_key, _label, _definition, HEALTH, unit="chi bộ")(_counter(_key))
    records_of(_item, _row)(_records(_key))
