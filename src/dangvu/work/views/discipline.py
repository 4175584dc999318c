"""Discipline pages (list, detail, decide, correct, delete) and the badge due list with the award."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.accounts.scope import INSPECT, WRITE, require_capability, scope_for
from dangvu.core import rules as party_rules
from dangvu.core.errors import RuleViolation
from dangvu.core.web import submit
from dangvu.members import queries as member_queries

from .. import actions, queries
from ..forms import BadgeForm, DisciplineDecisionForm, DisciplineEditForm, MemberBadgeForm
from ..models import DisciplineForm
from .common import (
    Filters,
    bound,
    delete_record,
    edit_page,
    list_page,
    save_page,
    show_violation,
)


@login_required
def discipline_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    flt = Filters(request, scope)
    subject = flt.choice("doi_tuong", [("organization", ""), ("member", "")])
    qs = queries.disciplines(
        scope,
        organization=flt.organization,
        form=flt.choice("hinh_thuc", DisciplineForm.choices),
        start=flt.start,
        end=flt.end,
        subject=subject,
    )
    return list_page(
        request,
        "work/discipline_list.html",
        qs,
        {"forms_": DisciplineForm.choices, "can_write": scope.can(INSPECT), "org_picker": flt.picker},
    )


@login_required
def discipline_detail(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    decision = queries.get_discipline(scope, pk)
    return render(
        request,
        "work/discipline_detail.html",
        {
            "decision": decision,
            "can_write": scope.covers(decision.organization_id, INSPECT),
        },
    )


@login_required
def discipline_create(request) -> HttpResponse:
    scope = scope_for(request.user)
    require_capability(scope, INSPECT, "ghi quyết định kỷ luật")
    initial = {"oversight": request.GET.get("kiem_tra") or None}
    form = DisciplineDecisionForm(bound(request), scope=scope, initial=initial)
    return save_page(
        request,
        form,
        partial(actions.decide_discipline, request.user),
        to=lambda decision: reverse("work_discipline_detail", args=[decision.pk]),
        success=lambda decision: f"Đã ghi quyết định {decision}.",
        title="Ghi quyết định kỷ luật",
        cancel_url=reverse("work_discipline_list"),
        intro="Tổ chức đảng: khiển trách, cảnh cáo, giải tán. Đảng viên chính thức: khiển trách, cảnh "
        "cáo, cách chức (khi đang giữ chức vụ), khai trừ. Đảng viên dự bị: khiển trách, cảnh cáo. "
        "Khai trừ chấm dứt tư cách đảng viên; cách chức kết thúc chức vụ đã chọn.",
    )


@login_required
def discipline_edit(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    decision = queries.get_discipline(scope, pk)
    scope.require(decision.organization_id, INSPECT)
    form = DisciplineEditForm(
        bound(request),
        initial={"decision_number": decision.decision_number, "reason": decision.reason, "note": decision.note},
    )
    return edit_page(request, decision, form, actions.update_discipline, "work_discipline_detail")


@login_required
def discipline_delete(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    decision = queries.get_discipline(scope, pk)
    scope.require(decision.organization_id, INSPECT)
    return delete_record(request, decision, actions.delete_discipline, "work_discipline_detail", "work_discipline_list")


@login_required
def badges(request) -> HttpResponse:
    """Due list at an award day for a subtree; ticking members and saving records their badges."""
    scope = scope_for(request.user)
    form = BadgeForm(request.GET or None, scope=scope)
    due, held, organization = [], [], None
    if form.is_bound and form.is_valid():
        organization = form.cleaned_data["organization"]
        try:
            review = queries.badge_review(scope, organization, form.cleaned_data["award_date"])
        except RuleViolation as violation:
            show_violation(form, RuleViolation({"award_date": violation.messages}))
        else:
            due, held = [d for d in review if not d.held], [d for d in review if d.held]
    if request.method == "POST" and organization is not None and due:
        chosen = set(request.POST.getlist("chon"))
        awards = [(d.member, d.years) for d in due if f"{d.member.pk}-{d.years}" in chosen]
        try:
            actions.record_badges(
                request.user,
                awards,
                on=form.cleaned_data["award_date"],
                decision_number=request.POST.get("so_quyet_dinh", ""),
            )
        except RuleViolation as violation:
            for message in violation.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"Đã ghi trao Huy hiệu cho {len(awards)} đảng viên.")
            return redirect(f"{reverse('work_badges')}?{request.GET.urlencode()}")
    return render(
        request,
        "work/badges.html",
        {
            "form": form,
            "due": due,
            "held": held,
            "rules": _badge_rules(form.cleaned_data.get("award_date") if organization else None),
            "organization": organization,
            "can_write": scope.can(WRITE),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def badge_member(request, pk) -> HttpResponse:
    """Trao Huy hiệu Đảng to one member (from the member's page): the same eligibility as the due list, and the
    early award for grave illness with its reason."""
    scope = scope_for(request.user)
    member = member_queries.get_member(scope, pk)
    scope.require(member.organization_id, WRITE)
    form = MemberBadgeForm(bound(request))
    done = submit(
        request,
        form,
        lambda data: actions.award_badge(request.user, member, **data),
        "Đã ghi trao Huy hiệu Đảng.",
        lambda _event: reverse("member_detail", args=[member.pk]),
    )
    if done:
        return done
    on = form.cleaned_data.get("on") if form.is_bound and hasattr(form, "cleaned_data") else None
    return render(request, "work/badge_member.html", {"form": form, "member": member, "rules": _badge_rules(on)})


def _badge_rules(on):
    """The badge rules in force on the award day asked (today before one is given), for the page's note."""
    from django.utils import timezone

    day = on or timezone.localdate()
    return [
        party_rules.rule(key, day)
        for key in ("badge.party_age_less_inactivity", "badge.early_months_illness", "badge.discipline_deferral_months")
    ]
