"""Reads of the audit trail and the dashboard figures, through the user's scope."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import Count, QuerySet
from django.utils import timezone

from dangvu.accounts.scope import READ, Scope

from .cache import kept
from .models import AuditEvent
from .text import fold


def start_of_day(day: date) -> datetime:
    """The first moment of a day in the installation's time zone: events are compared by time, as their
    index is, not by the date computed from every row."""
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_events(
    scope: Scope,
    *,
    object_type: str = "",
    object_id: str = "",
    actor: str = "",
    organization_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    text: str = "",
) -> QuerySet:
    """Audit events the user may read, filtered by object, acting person, organization and dates."""
    events = scope.restrict(AuditEvent.objects.select_related("actor", "organization"), "organization", READ)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if actor:
        events = events.filter(actor__username__icontains=actor) | events.filter(actor__first_name__icontains=actor)
    if organization_id:
        events = events.filter(organization_id=organization_id)
    if date_from:
        events = events.filter(at__gte=start_of_day(date_from))
    if date_to:
        events = events.filter(at__lt=start_of_day(date_to + timedelta(days=1)))
    if text:
        events = events.filter(object_label__icontains=text) | events.filter(object_label__icontains=fold(text))
    return events.order_by("-at", "-id")


def audit_organization(request, scope: Scope) -> tuple[Any, forms.BoundField]:
    """The organization the audit log is filtered by, picked by name (`?to_chuc=<code>`), and its picker. The
    log once took the organization's number: a bookmark with a number that is no code still reads as it did."""
    from django.http import QueryDict

    from dangvu.organizations.models import Organization
    from dangvu.organizations.pickers import organization_filter

    from .web import parse_id

    params = request.GET
    raw = (params.get("to_chuc") or "").strip()
    old_id = parse_id(raw)
    if old_id and not Organization.objects.filter(code=raw).exists():
        found = scope.restrict(Organization.objects.filter(pk=old_id), "pk", READ).first()
        if found is not None:
            params = QueryDict(mutable=True)
            params.update(request.GET)
            params["to_chuc"] = found.code
    return organization_filter(request, scope, label="Tổ chức", params=params)


def dashboard(scope: Scope) -> dict:
    """The figures of the user's organizations today and the changes of the last 90 days, kept for a short
    while per scope until the data changes (dangvu.core.cache.kept: every change writes an audit event)."""
    return kept("dashboard", f"{scope.key}:{date.today()}", lambda: _dashboard_figures(scope))


def _dashboard_figures(scope: Scope) -> dict:
    """The counts of the user's organizations and members today (when every one of them has ended, as they
    stood on the last day, with the notice that says so, not the empty counts of today), and the latest
    changes recorded in them."""
    from dangvu.members.models import Status
    from dangvu.members.queries import status_counts
    from dangvu.organizations import queries as org_queries
    from dangvu.organizations.models import Ancestry, Kind, Organization

    roots = [] if scope.is_admin else list(Organization.objects.filter(pk__in=scope.roots()))
    found = [org_queries.ending(root) for root in roots]
    endings = [ending for ending in found if ending is not None]
    figures: dict = {"on": date.today(), "ended": None, "ended_name": ""}
    if roots and len(endings) == len(found):
        last = max(range(len(roots)), key=lambda i: endings[i].last_day)
        on = endings[last].last_day
        organizations = Organization.objects.filter(
            pk__in=Ancestry.objects.filter(ancestor__in=roots, valid_from__lte=on, valid_to__gt=on).values(
                "descendant_id"
            ),
            established_on__lte=on,
        )
        figures.update(
            on=on,
            ended=endings[last],
            ended_name=org_queries.name_on(roots[last], on).name,
            members_by_status=[],
            members_total=sum(org_queries.member_counts(roots, on).values()),
        )
    else:
        by_status = status_counts(scope)
        organizations = scope.restrict(Organization.objects.filter(dissolved_on__isnull=True), "pk")
        figures.update(
            members_by_status=[(label, by_status.get(value, 0)) for value, label in Status.choices],
            members_total=sum(v for k, v in by_status.items() if k != Status.LEFT),
        )
    by_kind = dict(organizations.values_list("kind").annotate(n=Count("id")))
    recent = scope.restrict(AuditEvent.objects.select_related("actor"), "organization")
    return {
        **figures,
        "organizations_total": sum(by_kind.values()),
        "organizations_by_kind": [
            (label, by_kind.get(value, 0)) for value, label in Kind.choices if by_kind.get(value)
        ],
        # from the start of the day 90 days ago, compared as a time (at__date would compute every row's date)
        "recent_changes": list(
            recent.filter(at__gte=start_of_day(date.today() - timedelta(days=90))).order_by("-at")[:15]
        ),
    }
