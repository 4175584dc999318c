"""The dashboard and the audit trail pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static

from dangvu.accounts.scope import READ, scope_for

from . import queries
from .audit_labels import OBJECT_LABELS
from .web import paginate, parse_date, query_without_page


def favicon(request) -> HttpResponse:
    return redirect(static("dangvu/favicon.svg"), permanent=True)


@login_required
def dashboard(request) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.can(READ) and scope.own_person_ids:
        return redirect("member_mine")  # a member's home is their own record
    return render(request, "core/dashboard.html", {"scope": scope, **queries.dashboard(scope)})


@login_required
def audit_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    params = request.GET
    organization, picker = queries.audit_organization(request, scope)
    events = queries.audit_events(
        scope,
        object_type=params.get("loai", ""),
        object_id=params.get("ma", ""),
        actor=params.get("nguoi", ""),
        organization_id=organization.pk if organization else None,
        date_from=parse_date(params.get("tu")),
        date_to=parse_date(params.get("den")),
        text=params.get("q", ""),
    )
    return render(
        request,
        "core/audit_list.html",
        {
            "page": paginate(request, events, 50),
            "params": params,
            "query": query_without_page(request),
            "object_types": sorted(OBJECT_LABELS.items(), key=lambda item: item[1]),
            "org_picker": picker,
        },
    )
