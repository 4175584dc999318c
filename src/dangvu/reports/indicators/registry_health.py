"""Data-health indicators over the size of cells (kiểm tra dữ liệu): the cells whose membership on the period's
last day falls outside what the Charter's implementing rules expect, each with the rule it is judged by
(`core.rules`: cell.min_official_members, cell.committee_threshold, grassroots.committee_threshold). They are
warnings to look at, not errors: a cell may be awaiting a merger or its congress."""

from dataclasses import dataclass

from django.db.models import Count, Q

from dangvu.core import rules as party_rules
from dangvu.members.models import Placement
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Body, CommitteeTerm, Kind, Organization

from ..periods import Period
from .base import RecordRow, indicator, records_of, subtree_filter, valid_on

HEALTH = "Kiểm tra dữ liệu"


@dataclass
class CellSize:
    cell: Organization
    members: int
    officials: int
    note: str


def _sizes(organization_id: int, period: Period) -> tuple[list[CellSize], set[int]]:
    on = period.end
    cells = list(Organization.objects.filter(subtree_filter("", organization_id, on), kind__in=MEMBER_UNIT_KINDS)
                 .order_by("sort_key"))
    counts = {row["organization_id"]: row for row in Placement.objects.filter(
        valid_on(on), organization__in=cells).values("organization_id").annotate(
        members=Count("id"), officials=Count("id", filter=Q(member__official_on__lte=on)))}
    with_committee = set(CommitteeTerm.objects.filter(valid_on(on), organization__in=cells,
                                                      body=Body.CELL_COMMITTEE).values_list("organization_id",
                                                                                            flat=True))
    empty = {"members": 0, "officials": 0}
    sizes = [CellSize(cell, counts.get(cell.pk, empty)["members"], counts.get(cell.pk, empty)["officials"], "")
             for cell in cells]
    return sizes, with_committee


def _warnings(organization_id: int, period: Period) -> dict[str, list[CellSize]]:
    on = period.end
    sizes, with_committee = _sizes(organization_id, period)
    least = party_rules.rule("cell.min_official_members", on)
    committee = party_rules.rule("cell.committee_threshold", on)
    grassroots = party_rules.rule("grassroots.committee_threshold", on)
    found: dict[str, list[CellSize]] = {key: [] for key in WARNINGS}
    for size in sizes:
        if size.officials < least.value:
            found["health.cells_below_minimum"].append(CellSize(
                size.cell, size.members, size.officials,
                f"{size.officials} đảng viên chính thức, dưới {least.value} ({least.regulation})"))
        if size.officials >= committee.value and size.cell.pk not in with_committee:
            found["health.cells_without_committee"].append(CellSize(
                size.cell, size.members, size.officials,
                f"{size.officials} đảng viên chính thức, chưa ghi chi ủy ({committee.regulation})"))
        if size.cell.kind == Kind.GRASSROOTS_CELL and size.members >= grassroots.value:
            found["health.grassroots_cells_large"].append(CellSize(
                size.cell, size.members, size.officials,
                f"{size.members} đảng viên, từ {grassroots.value} trở lên ({grassroots.regulation})"))
    return found


WARNINGS = {
    "health.cells_below_minimum": (
        "Chi bộ dưới số đảng viên chính thức tối thiểu",
        """Số chi bộ thuộc đảng bộ có ít hơn số đảng viên chính thức tối thiểu (3, quy tắc
        cell.min_official_members) sinh hoạt vào ngày cuối kỳ: cần bổ sung, ghép hoặc giải thể."""),
    "health.cells_without_committee": (
        "Chi bộ đủ điều kiện bầu chi ủy nhưng chưa ghi chi ủy",
        """Số chi bộ có từ 9 đảng viên chính thức trở lên (quy tắc cell.committee_threshold) vào ngày cuối kỳ mà
        không có chi ủy được ghi còn hiệu lực ngày đó."""),
    "health.grassroots_cells_large": (
        "Chi bộ cơ sở từ 30 đảng viên trở lên",
        """Số chi bộ cơ sở có từ 30 đảng viên trở lên (quy tắc grassroots.committee_threshold) vào ngày cuối kỳ:
        thường lập đảng bộ cơ sở."""),
}


def _counter(key: str):
    def compute(org_ids: list[int], period: Period):
        return {pk: len(_warnings(pk, period)[key]) for pk in org_ids}

    return compute


def _row(size: CellSize) -> RecordRow:
    return RecordRow(None, size.cell.name, size.note, subject_org_id=size.cell.pk)


for _key, (_label, _definition) in WARNINGS.items():
    _item = indicator(_key, _label, _definition, HEALTH, unit="chi bộ")(_counter(_key))
    records_of(_item, _row)(lambda organization, period, key=_key: _warnings(organization.pk, period)[key])

