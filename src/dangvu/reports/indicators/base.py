"""The indicator registry (chỉ tiêu): one function per figure, with its stable key, label and definition.

An indicator counts facts of a subtree over a period. Its function takes the ids of the organizations whose
subtrees are wanted and the period, and answers {organization id: value} with one grouped SQL query: the
subtree is the dated closure table `Ancestry` as the tree stood on the period's last day, and counting is done
by the database (COUNT DISTINCT), so one organization or all the subordinates of a province cost the same.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet

from dangvu.organizations.models import OPEN_END

from ..periods import Period

Values = dict[int, Any]
ComputeMany = Callable[[list[int], Period], Values]


@dataclass
class RecordRow:
    """One record behind a figure, as the drill-down page lists it. The ids let the page show organizations
    by the names they bore on the record's date (`name_rows`)."""

    date: date | None
    subject: str
    detail: str = ""
    organization: str = ""
    subject_org_id: int | None = None
    org_id: int | None = None


def name_rows(rows: list[RecordRow], default_day: date) -> list[RecordRow]:
    """Put on each row the organizations' names as of the row's date (the period's last day when undated),
    with one query for the whole page."""
    from dangvu.organizations.models import OrganizationName

    ids = {pk for row in rows for pk in (row.subject_org_id, row.org_id) if pk}
    names: dict[int, list] = {}
    for item in OrganizationName.objects.filter(organization_id__in=ids).order_by("valid_from"):
        names.setdefault(item.organization_id, []).append(item)

    def name(pk: int, day: date) -> str | None:
        borne = [n for n in names.get(pk, []) if n.valid_from <= day] or names.get(pk, [])[:1]
        return borne[-1].name if borne else None

    for row in rows:
        day = row.date or default_day
        if row.subject_org_id:
            row.subject = name(row.subject_org_id, day) or row.subject
        if row.org_id:
            row.organization = name(row.org_id, day) or row.organization
    return rows


@dataclass
class Indicator:
    key: str
    label: str
    definition: str
    group: str
    compute_many: ComputeMany
    numeric: bool = True
    unit: str = ""
    records: Callable[[Any, Period], QuerySet | list] | None = field(default=None, repr=False)
    to_row: Callable[[Any], RecordRow] | None = field(default=None, repr=False)

    @property
    def additive(self) -> bool:
        """Whether the figures of several organizations can be added up (counts, not shares or labels)."""
        return self.numeric and self.unit != "%"

    @property
    def has_records(self) -> bool:
        """Whether the records behind the figure can be listed (templates must not call `records`)."""
        return self.records is not None

    def compute(self, organization, period: Period) -> Any:
        return self.compute_many([organization.pk], period).get(organization.pk, 0 if self.numeric else "")


REGISTRY: dict[str, Indicator] = {}
GROUPS: list[str] = []


def indicator(key: str, label: str, definition: str, group: str, *, numeric: bool = True, unit: str = ""):
    """Register the decorated function `f(org_ids, period) -> {org_id: value}` as an indicator."""

    def register(function: ComputeMany) -> Indicator:
        if key in REGISTRY:
            raise ValueError(f"indicator {key} registered twice")
        item = Indicator(key, label, " ".join(definition.split()), group, function, numeric, unit)
        REGISTRY[key] = item
        if group not in GROUPS:
            GROUPS.append(group)
        return item

    return register


def records_of(item: Indicator, to_row: Callable[[Any], RecordRow]):
    """Attach to an indicator the query of the records behind its figure, and how one is shown."""

    def attach(function):
        item.records = function
        item.to_row = to_row
        return function

    return attach


# Counting helpers ------------------------------------------------------------------------------------------


def valid_on(on: date, prefix: str = "") -> Q:
    """Rows of a dated table (valid_from included, valid_to excluded) in force on a day."""
    return Q(**{f"{prefix}valid_from__lte": on, f"{prefix}valid_to__gt": on})


def in_period(period: Period, field_name: str = "date") -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})


def ancestry_path(org_path: str) -> str:
    """The lookup from a row to its organization's closure rows ("" when the rows are organizations)."""
    return f"{org_path}__ancestry_up__" if org_path else "ancestry_up__"


def under(org_path: str, ancestor_ids: list[int], on: date) -> Q:
    """Rows whose organization (reached through `org_path`) lay under one of `ancestor_ids` on a day."""
    prefix = ancestry_path(org_path)
    return Q(**{f"{prefix}ancestor_id__in": ancestor_ids}) & valid_on(on, prefix)


def count_by_ancestor(
    queryset: QuerySet,
    org_path: str,
    ancestor_ids: list[int],
    on: date,
    distinct: str | None = "pk",
    also: Callable[[Any], Q] | None = None,
) -> Values:
    """COUNT(DISTINCT `distinct`) (or COUNT(*) when `distinct` is None: rows known to be unique, which saves
    PostgreSQL a sort of every row at national scale) of the queryset's rows in each ancestor's subtree as it stood on `on`, in one
    query grouped by the closure row's ancestor.

    `also(root)` is a further condition that may refer to the subtree's root: it receives OuterRef to the
    closure row's ancestor and is applied in the same filter, so that it sees that same row. (A join, not an
    IN (subquery): on the national data PostgreSQL then walks the subtree's closure rows into the indexes
    by organization, instead of scanning every row of the period.)
    """
    if not ancestor_ids:
        return {}
    key = ancestry_path(org_path) + "ancestor_id"
    condition = under(org_path, ancestor_ids, on)
    if also is not None:
        condition &= also(OuterRef(key))
    rows = queryset.filter(condition).values(key).annotate(n=Count(distinct, distinct=True) if distinct else Count("pk")).order_by()
    counted = {row[key]: row["n"] for row in rows}
    return {pk: counted.get(pk, 0) for pk in ancestor_ids}


def subtree_filter(org_path: str, organization, on: date) -> Q:
    """Rows whose organization (an Organization or its id) lay in that organization's subtree on a day."""
    from dangvu.organizations.queries import subtree_ids

    pk = getattr(organization, "pk", organization)
    return Q(**{f"{org_path}_id__in" if org_path else "pk__in": subtree_ids(pk, on)})


__all__ = ["OPEN_END", "REGISTRY", "GROUPS", "Indicator", "RecordRow", "indicator", "records_of"]
