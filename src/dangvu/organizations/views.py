"""The organization tree (browsable as of a date) and the organization page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dangvu.accounts.scope import scope_for
from dangvu.core.web import as_of

from . import queries
from .models import LineageEvent


def _nodes(scope, orgs, on):
    orgs = list(orgs)
    counts = queries.member_counts(orgs, on)
    child_counts = queries.child_counts(orgs, on)
    return [{"org": o, "members": counts.get(o.pk, 0), "has_children": child_counts.get(o.pk, 0) > 0,
             "name": queries.name_on(o, on).name if on else o.name} for o in orgs]


@login_required
def tree(request):
    scope = scope_for(request.user)
    on, problem = as_of(request)
    if problem:
        messages.warning(request, problem)
    roots = queries.roots_for(scope, on)
    return render(request, "organizations/tree.html", {"nodes": _nodes(scope, roots, on), "on": on})


@login_required
def tree_children(request, code):
    scope = scope_for(request.user)
    on, _ = as_of(request)
    org = queries.get_organization(scope, code)
    return render(request, "organizations/_tree_nodes.html",
                  {"nodes": _nodes(scope, queries.children(org, on), on), "on": on})


@login_required
def detail(request, code):
    scope = scope_for(request.user)
    on, problem = as_of(request)
    if problem:
        messages.warning(request, problem)
    org = queries.get_organization(scope, code)
    names = queries.name_on(org, on)
    return render(request, "organizations/detail.html", {
        "org": org, "on": on, "names": names,
        "name_history": org.names.order_by("valid_from"),
        "ancestors": queries.ancestors(org, on),
        "children": _nodes(scope, queries.children(org, on), on),
        "positions": [(p, queries.position_title(p, on or p.valid_from)) for p in queries.positions_of(org, on)],
        "lineage": LineageEvent.objects.filter(organization=org).prefetch_related("related"),
        "member_total": queries.member_counts([org], on).get(org.pk, 0),
    })
