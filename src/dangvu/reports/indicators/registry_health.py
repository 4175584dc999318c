"""Data-health indicators over the size of cells (kiểm tra dữ liệu): the cells whose membership on the period's
last day falls outside what the Charter's implementing rules expect, each with the rule it is judged by
(`core.rules`: cell.min_official_members, cell.committee_threshold, grassroots.committee_threshold). They are
warnings to look at, not errors: a cell may be awaiting a merger or its congress.

The three figures are counted together (`count_together`) over one statement of the subtrees' cells
(`_cells`): each cell with its members and officials on the day, whether it had a cell committee then, and
which warnings it raises; the records behind a figure are the rows of that statement that raise its warning.
"""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
)

from dangvu.core import rules as party_rules
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Body, CommitteeTerm, Kind, Organization

from ..periods import Period
from .base import Counted, RecordRow, compiled, count_together, descendants, indicator, records_of, valid_on

HEALTH = "Kiểm tra dữ liệu"


@dataclass
class CellSize:
    cell: Organization
    members: int
    officials: int
    note: str


# key: (label, definition, the warning's column in `_cells`, the rule it is judged by)
WARNINGS = {
    "health.cells_below_minimum": (
        "Chi bộ dưới số đảng viên chính thức tối thiểu",
        """Số chi bộ thuộc đảng bộ có ít hơn số đảng viên chính thức tối thiểu (3, quy tắc
        cell.min_official_members) sinh hoạt vào ngày cuối kỳ: cần bổ sung, ghép hoặc giải thể.""",
        "below_minimum", "cell.min_official_members"),
    "health.cells_without_committee": (
        "Chi bộ đủ điều kiện bầu chi ủy nhưng chưa ghi chi ủy",
        """Số chi bộ có từ 9 đảng viên chính thức trở lên (quy tắc cell.committee_threshold) vào ngày cuối kỳ mà
        không có chi ủy được ghi còn hiệu lực ngày đó.""",
        "without_committee", "cell.committee_threshold"),
    "health.grassroots_cells_large": (
        "Chi bộ cơ sở từ 30 đảng viên trở lên",
        """Số chi bộ cơ sở có từ 30 đảng viên trở lên (quy tắc grassroots.committee_threshold) vào ngày cuối kỳ:
        thường lập đảng bộ cơ sở.""",
        "large", "grassroots.committee_threshold"),
}


def _thresholds(period: Period) -> dict[str, int]:
    """The rules' values on the period's last day, as `_cells` takes them."""
    on = period.end
    return {"least": party_rules.rule("cell.min_official_members", on).value,
            "committee_from": party_rules.rule("cell.committee_threshold", on).value,
            "large_from": party_rules.rule("grassroots.committee_threshold", on).value}


def _cells(*, subtrees: tuple[int, ...], on, least: int, committee_from: int, large_from: int) -> QuerySet:
    """The cells (chi bộ cơ sở and chi bộ trực thuộc) of the subtrees on a day, each with its members that
    day (`registered`: the placements valid then), the officials among them (`officials`: official by then),
    whether a cell committee term was valid then (`committee`), and the warnings it raises (one boolean
    column each, named in `WARNINGS`)."""
    flags = {
        "below_minimum": Q(officials__lt=least),
        # (the count first: the committee is looked up only for the cells large enough to need one)
        "without_committee": Q(officials__gte=committee_from) & Q(committee=False),
        "large": Q(kind=Kind.GRASSROOTS_CELL, registered__gte=large_from),
    }
    return (
        Organization.objects.filter(kind__in=MEMBER_UNIT_KINDS, pk__in=descendants(list(subtrees), on))
        .alias(placed=FilteredRelation("placements", condition=valid_on(on, "placements__")))
        .annotate(
            registered=Count("placed"),
            officials=Count("placed", filter=Q(placed__member__official_on__lte=on)),
            committee=Exists(CommitteeTerm.objects.filter(valid_on(on), organization_id=OuterRef("pk"),
                                                          body=Body.CELL_COMMITTEE)),
        )
        .annotate(**{name: ExpressionWrapper(flag, output_field=BooleanField()) for name, flag in flags.items()})
    )


def _cell_facts(*, subtrees, on, least, committee_from, large_from) -> QuerySet:
    """`_cells` as the facts `count_together` reads: the cell (`org`) and its warnings."""
    return _cells(subtrees=subtrees, on=on, least=least, committee_from=committee_from,
                  large_from=large_from).values(*(column for *_, column, _rule in WARNINGS.values()),
                                                org=F("pk")).order_by()


def _counter(key: str):
    """The cells of each subtree raising the warning, counted with the other two in one query (a cell has one
    closure row per ancestor on a day: COUNT(*) is exact)."""
    counted = {name: Counted(f"fact.{column}", subject=None) for name, (*_, column, _rule) in WARNINGS.items()}

    def compute(org_ids: list[int], period: Period):
        if not org_ids:
            return {}

        def facts(_keys: list[str]):
            return compiled(_cell_facts, subtrees=tuple(org_ids), on=period.end, **_thresholds(period))

        return count_together("health.cells", key, org_ids, period, facts, counted, tree_day=period.end)

    return compute


def _note(key: str, cell, period: Period) -> str:
    """Why the cell is listed, with the rule's value and regulation on the period's last day."""
    rule = party_rules.rule(WARNINGS[key][3], period.end)
    if key == "health.cells_below_minimum":
        return f"{cell.officials} đảng viên chính thức, dưới {rule.value} ({rule.regulation})"
    if key == "health.cells_without_committee":
        return f"{cell.officials} đảng viên chính thức, chưa ghi chi ủy ({rule.regulation})"
    return f"{cell.registered} đảng viên, từ {rule.value} trở lên ({rule.regulation})"


def _records(key: str):
    def records(organization, period: Period) -> list[CellSize]:
        cells = _cells(subtrees=(organization.pk,), on=period.end, **_thresholds(period))
        return [CellSize(cell, cell.registered, cell.officials, _note(key, cell, period))
                for cell in cells.filter(**{WARNINGS[key][2]: True}).order_by("sort_key")]

    return records


def _row(size: CellSize) -> RecordRow:
    return RecordRow(None, size.cell.name, size.note, subject_org_id=size.cell.pk)


for _key, (_label, _definition, _column, _rule) in WARNINGS.items():
    _item = indicator(_key, _label, _definition, HEALTH, unit="chi bộ")(_counter(_key))
    records_of(_item, _row)(_records(_key))
