"""Reads of indicators, reports, the register and consolidation, always through the user's scope."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from dangvu.accounts.scope import READ, Scope
from dangvu.core.db_router import PRIMARY
from dangvu.organizations.models import Organization
from dangvu.organizations.queries import children

from . import figures as figure_values
from .indicators import REGISTRY, Indicator
from .models import Narrative, Report, Status
from .periods import Period, counted_part


def reports(scope: Scope, *, organization: Organization | None = None, status: str = "") -> QuerySet:
    qs = scope.restrict(Report.objects.select_related("organization", "kind", "register_entry"), "organization")
    if organization is not None:
        qs = qs.filter(organization=organization)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-period_end", "organization__sort_key", "-id")


def get_report(scope: Scope, pk: int) -> Report:
    """A report the user may read (404 otherwise), read from the primary so that an edit just made shows."""
    qs = scope.restrict(
        Report.objects.db_manager(PRIMARY).select_related(
            "organization",
            "kind",
            "register_entry",
            "supersedes__register_entry",
            "issued_by",
            "approved_by",
        ),
        "organization",
    )
    return get_object_or_404(qs, pk=pk)


def narrative_history(report: Report, slot: str) -> QuerySet:
    return (
        Narrative.objects.db_manager(PRIMARY).filter(report=report, slot=slot).select_related("author").order_by("-id")
    )


def corrections(report: Report) -> QuerySet:
    return Report.objects.db_manager(PRIMARY).filter(supersedes=report).select_related("register_entry")


# Indicators ---------------------------------------------------------------------------------------------------


def indicator_figures(scope: Scope, organization: Organization, period: Period) -> dict[str, figure_values.Figure]:
    """Every indicator of an organization for a period, beside the previous period and a year earlier."""
    scope.require(organization.pk, READ)
    return figure_values.figures(organization, period)


@dataclass
class Records:
    indicator: Indicator
    organization: Organization
    period: Period
    value: Any
    rows: QuerySet


def indicator_records(scope: Scope, organization: Organization, key: str, period: Period) -> Records:
    """The records behind one figure (the organizations inspected, by name and date …), counted over the part
    of the period the organization lived (`counted_part`)."""
    scope.require(organization.pk, READ)
    period, _notice = counted_part(organization, period)
    item = REGISTRY.get(key)
    if item is None or item.records is None:
        raise Http404("Không có chỉ tiêu này.")
    return Records(item, organization, period, item.compute(organization, period), item.records(organization, period))


# Consolidation ------------------------------------------------------------------------------------------------


@dataclass
class Finding:
    organization: Organization
    report: Report
    key: str
    label: str
    reported: Any
    computed: Any


@dataclass
class ConsolidatedRow:
    key: str
    label: str
    reported: int
    computed: int
    whole: Any

    @property
    def differs(self) -> bool:
        return self.reported != self.computed


@dataclass
class Consolidation:
    """Tổng hợp: the subordinates' issued reports for a period, their figures added up, beside the same figures
    computed from the records; each figure a report gives that the records do not support is a finding."""

    organization: Organization
    period: Period
    subordinates: list[Organization]
    reports: dict[int, Report] = field(default_factory=dict)
    rows: list[ConsolidatedRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def missing(self) -> list[Organization]:
        return [o for o in self.subordinates if o.pk not in self.reports]


def consolidation(scope: Scope, organization: Organization, period: Period) -> Consolidation:
    scope.require(organization.pk, READ)
    counted_part(organization, period)  # refused when the organization had ended before the period
    subordinates = list(children(organization, period.end).order_by("sort_key"))
    result = Consolidation(organization, period, subordinates)
    issued = (
        Report.objects.filter(
            organization__in=[o.pk for o in subordinates],
            period_start=period.start,
            period_end=period.end,
            status=Status.ISSUED,
        )
        .select_related("organization", "register_entry", "kind")
        .order_by("organization_id", "issued_at")
    )
    for report in issued:
        result.reports[report.organization_id] = report  # the latest issued one counts
    numeric = [key for key, item in REGISTRY.items() if item.additive]
    ids = list(result.reports)
    computed = figure_values.values(ids, period, numeric) if ids else {key: {} for key in numeric}
    whole = figure_values.values_of(organization, period, numeric)
    by_pk = {o.pk: o for o in subordinates}
    for key in numeric:
        reported_total = computed_total = 0
        for org_id, report in result.reports.items():
            reported = (report.snapshot or {}).get("figures", {}).get(key, {}).get("value")
            found = computed[key].get(org_id) or 0
            computed_total += found
            if reported is None:
                continue
            reported_total += reported
            if reported != found:
                result.findings.append(Finding(by_pk[org_id], report, key, REGISTRY[key].label, reported, found))
        result.rows.append(ConsolidatedRow(key, REGISTRY[key].label, reported_total, computed_total, whole[key]))
    return result
