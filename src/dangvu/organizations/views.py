"""The organization tree (browsable as of a date) and the organization page."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core.cache import kept
from dangvu.core.errors import RuleViolation
from dangvu.core.text import number
from dangvu.core.web import add_violation, address, as_of, parse_int

from . import actions, forms, queries
from .models import Kind, LineageEvent

# A level of the tree shows this many organizations at a time (a province has thousands directly under it).
LEVEL_PAGE = 200


def _nodes(orgs, on, start: int = 0, paged: bool = True) -> dict:
    """One level of the tree from `start` in name order (`LEVEL_PAGE` at most when paged), and how many
    follow."""
    size = LEVEL_PAGE if paged else None
    ordered = orgs.order_by("sort_key", "pk")
    shown = queries.tree_level(ordered[start : start + size] if size else ordered, on)
    following = orgs.count() - start - len(shown) if size and len(shown) == size else 0
    kinds = dict(Kind.choices)
    return {
        "nodes": [
            {
                "url": address("organization_detail", o.code),
                "children_url": address("organization_children", o.code) if o.has_children else "",
                "name": queries.name_on(o, on).name if on else o.name,
                "kind": kinds.get(o.kind, o.kind),
                "members": number(o.member_total),
                "dissolved_on": o.dissolved_on,
            }
            for o in shown
        ],
        "following": following,
        "next_start": start + LEVEL_PAGE,
    }


@login_required
def tree(request) -> HttpResponse:
    scope = scope_for(request.user)
    on, problem = as_of(request)
    if problem:
        messages.warning(request, problem)
    roots = list(queries.roots_for(scope, on))
    ended = [root.dissolved_on for root in roots if root.dissolved_on]
    if on is None and roots and len(ended) == len(roots):
        # Every organization this user answers for has ended (the district level in 2025): show its last day.
        on = max(ended) - timedelta(days=1)
        messages.info(request, f"Tổ chức đã kết thúc hoạt động; đang hiển thị cây tổ chức ngày {on:%d/%m/%Y}.")
    return render(
        request, "organizations/tree.html", {**_nodes(queries.roots_for(scope, on), on, paged=False), "on": on}
    )


@login_required
def tree_children(request, code) -> HttpResponse:
    scope = scope_for(request.user)
    on, _ = as_of(request)
    org = queries.get_organization(scope, code)
    start = request.GET.get("tu", "")
    start = parse_int(start, 0, 10**6) or 0
    level = kept(
        "tree-level",
        f"{scope.key}:{org.pk}:{on}:{start}:{timezone.localdate()}",
        lambda: _nodes(queries.children(org, on), on, start),
    )
    return render(request, "organizations/_tree_nodes.html", {**level, "on": on, "parent": org})


@login_required
def detail(request, code) -> HttpResponse:
    scope = scope_for(request.user)
    on, problem = as_of(request)
    if problem:
        messages.warning(request, problem)
    org = queries.get_organization(scope, code)
    ended = queries.ending(org)
    if ended and (on is None or on >= ended.ended_on):
        on = ended.last_day  # an ended organization is shown as it stood on its last day, and says so
    today = timezone.localdate()

    def read() -> dict:
        return {
            "names": queries.name_on(org, on),
            "name_history": list(org.names.order_by("valid_from")),
            "ancestors": queries.ancestors(org, on),
            "children": _nodes(queries.children(org, on), on),
            "positions": [
                (p, queries.position_title(p, on or p.valid_from))
                for p in queries.ranked(queries.positions_of(org, on))
            ],
            "lineage": list(LineageEvent.objects.filter(organization=org).prefetch_related("related")),
            "member_total": queries.member_counts([org], on).get(org.pk, 0),
            "can_write": scope.covers(org.pk, WRITE) and not org.dissolved_on,
        }

    return render(
        request,
        "organizations/detail.html",
        {
            "org": org,
            "on": on,
            "ended": ended,
            "today": today,
            **kept("organization", f"{scope.key}:{org.pk}:{on}:{today}", read),
        },
    )


def _names(data) -> actions.NameSpec:
    return actions.NameSpec(
        name=data["name"],
        committee_name=data["committee_name"],
        committee_short=data["committee_short"],
        locality=data["locality"],
        place=data["place"],
    )


CHANGES = {
    "thanh-lap": ("Thành lập tổ chức trực thuộc", forms.EstablishForm),
    "doi-ten": ("Đổi tên", forms.NamesForm),
    "chuyen": ("Chuyển trực thuộc", forms.MoveForm),
    "giai-the": ("Giải thể, kết thúc hoạt động", forms.DissolveForm),
    "sap-nhap": ("Hợp nhất, sáp nhập vào tổ chức khác", forms.MergeForm),
}


def _apply_change(scope, user, kind, org, data):
    common = {"decision_number": data["decision_number"]}
    if kind == "thanh-lap":
        return actions.establish(
            user,
            code=data["code"],
            kind=data["kind"],
            sector=data["sector"],
            parent=org,
            committee_code=data["committee_code"],
            names=_names(data),
            on=data["date"],
            **common,
        )
    if kind == "doi-ten":
        return actions.rename(user, org, on=data["date"], names=_names(data), **common)
    if kind == "chuyen":
        return actions.move(user, org, data["new_parent"], on=data["date"], **common)
    if kind == "sap-nhap":
        return actions.merge(user, [org], data["target"], on=data["date"], confirm=data["confirm"], **common)
    return actions.dissolve(user, org, on=data["date"], confirm=data["confirm"], **common)


@login_required
def change(request, code, kind) -> HttpResponse:
    """Biến động tổ chức: one form per kind of lineage event, applied by the action."""
    if kind not in CHANGES:
        raise Http404("Không có thao tác này.")
    scope = scope_for(request.user)
    org = queries.get_organization(scope, code)
    scope.require(org.pk, WRITE)
    title, form_class = CHANGES[kind]
    initial = {"name": org.name} if kind == "doi-ten" else {}
    extra = {"parent_kind": org.kind} if kind == "thanh-lap" else {}
    form = form_class(request.POST or None, initial=initial, scope=scope, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            result = _apply_change(scope, request.user, kind, org, form.cleaned_data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, f"Đã ghi nhận: {title.lower()}.")
            return redirect("organization_detail", code=result.code)
    return render(request, "organizations/form.html", {"title": f"{title}: {org.name}", "form": form, "org": org})


@login_required
def position_create(request, code) -> HttpResponse:
    """Ghi nhận chức danh: a person's post in this organization from a date, the person picked by name."""
    from dangvu.members.pickers import PersonSource

    scope = scope_for(request.user)
    org = queries.get_organization(scope, code)
    scope.require(org.pk, WRITE)
    form = forms.PositionForm(request.POST or None, scope=scope, people=PersonSource())
    if request.method == "POST" and form.is_valid():
        try:
            actions.assign_position(request.user, organization=org, **form.cleaned_data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, "Đã ghi nhận chức danh.")
            return redirect("organization_detail", code=org.code)
    return render(
        request,
        "organizations/form.html",
        {
            "title": f"Ghi nhận chức danh: {org.name}",
            "form": form,
            "org": org,
            "outsider_url": f"{reverse('outsider_create')}?to_chuc={org.code}&tiep={request.path}",
        },
    )


@login_required
def pick(request) -> HttpResponse:
    """Tìm tổ chức to choose: the JSON the pickers' type-ahead lists read, within the user's scope."""
    from dangvu.core.pickers import Source, options_response

    from .pickers import ListedOrganizationSource, OrganizationSource, listed_organizations

    scope = scope_for(request.user)
    source: Source
    if "danh_sach" in request.GET:  # a form's own list (the committees above a candidate's cell)
        source = ListedOrganizationSource(listed_organizations(scope, request.GET.get("danh_sach", "")))
    else:
        source = OrganizationSource.from_params(request.GET)
    return options_response(scope, source, request.GET)
