"""Rating pages: the rounds, opening one, a round's progress per cell and figures, a cell's members, each
member's and organization's steps, and the deciding bodies' decisions. Thin: parse, call a query or an action,
render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.web import add_violation
from dangvu.organizations.models import Organization

from . import actions, forms, queries
from .models import MemberStatus, Step


@login_required
def round_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    return render(
        request,
        "rating/list.html",
        {
            "rounds": queries.rounds(scope),
            "can_open": queries.writable_roots(scope).exists(),
        },
    )


@login_required
def round_create(request) -> HttpResponse:
    scope = scope_for(request.user)
    roots = queries.writable_roots(scope)
    if not roots.exists():
        raise Http404("Không tìm thấy.")
    form = forms.RoundForm(request.POST or None, scope=scope, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = actions.open_round(scope, **data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, f"Đã mở đợt đánh giá năm {round_.year} theo {round_.regulation}.")
            return redirect("rating_round", pk=round_.pk)
    return render(
        request,
        "rating/form.html",
        {"title": "Mở đợt đánh giá, xếp loại chất lượng", "forms": [form], "back_url": reverse("rating_list")},
    )


@login_required
def round_detail(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    round_ = queries.get_round(scope, pk)
    year_rules = queries.year_rules(round_)
    return render(
        request,
        "rating/round.html",
        {
            "round": round_,
            "year_rules": year_rules,
            "applied": year_rules.applied(),
            "progress": queries.progress(scope, round_),
            "organization_ratings": [
                (
                    r,
                    year_rules.grade_label(r.self_grade, True),
                    year_rules.grade_label(r.final_grade, True),
                    scope.covers(r.organization_id, WRITE),
                )
                for r in queries.organization_ratings(scope, round_)
            ],
            "deciding": queries.deciding_bodies(scope, round_),
            "summary": queries.summary(scope, round_) if scope.covers(round_.organization_id) else None,
            "consolidation": queries.consolidation(scope, round_),
        },
    )


@login_required
def cell_detail(request, pk, cell_id) -> HttpResponse:
    scope = scope_for(request.user)
    round_ = queries.get_round(scope, pk)
    cell = queries.cells_of(scope, round_).filter(pk=cell_id).first()
    if cell is None:
        raise Http404("Không tìm thấy chi bộ trong đợt này.")
    year_rules = queries.year_rules(round_)
    ratings = queries.member_ratings(scope, round_).filter(cell=cell)
    return render(
        request,
        "rating/cell.html",
        {
            "round": round_,
            "cell": cell,
            "can_write": scope.covers(cell.pk, WRITE),
            "rows": [
                (
                    r,
                    year_rules.grade_label(r.self_grade),
                    year_rules.grade_label(r.proposed_grade),
                    year_rules.grade_label(r.final_grade),
                )
                for r in ratings
            ],
            "listed": MemberStatus.LISTED,
            "decided": Step.DECIDED,
        },
    )


MEMBER_STEPS = {"tu-kiem-diem": "Bản tự kiểm điểm", "chi-bo": "Chi bộ nhận xét, đề xuất xếp loại"}


@login_required
def member_step(request, pk, slug) -> HttpResponse:
    if slug not in MEMBER_STEPS:
        raise Http404("Không có bước này.")
    scope = scope_for(request.user)
    rating = queries.get_member_rating(scope, pk)
    scope.require(rating.cell_id, WRITE)
    year_rules = queries.year_rules(rating.round)
    if slug == "tu-kiem-diem":
        initial = {
            "on": rating.self_on,
            "form": rating.form,
            "strengths": rating.self_strengths,
            "weaknesses": rating.self_weaknesses,
            "remedies": rating.self_remedies,
            "plan": rating.self_plan,
            "grade": rating.self_grade,
            "score": rating.score,
        }
        form = forms.SelfAssessmentForm(request.POST or None, year_rules=year_rules, initial=initial)
    else:
        initial = {
            "meeting_on": rating.meeting_on,
            "comment": rating.cell_comment,
            "grade": rating.proposed_grade,
            "present": rating.present,
            "votes_for": rating.votes_for,
            "self_remedied": rating.self_remedied,
        }
        form = forms.ProposalForm(request.POST or None, year_rules=year_rules, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if slug == "tu-kiem-diem":
                actions.record_self_assessment(scope, rating, **data)
            else:
                actions.record_cell_proposal(scope, rating, **data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, f"Đã ghi {MEMBER_STEPS[slug].lower()} của {rating.member.person.full_name}.")
            return redirect("rating_cell", pk=rating.round_id, cell_id=rating.cell_id)
    return render(
        request,
        "rating/form.html",
        {
            "title": f"{MEMBER_STEPS[slug]}: {rating.member.person.full_name} "
            f"({rating.cell.name}, năm {rating.round.year})",
            "forms": [form],
            "back_url": reverse("rating_cell", args=[rating.round_id, rating.cell_id]),
        },
    )


@login_required
def organization_self(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    rating = queries.get_organization_rating(scope, pk)
    scope.require(rating.organization_id, WRITE)
    year_rules = queries.year_rules(rating.round)
    initial = {
        "on": rating.self_on,
        "results": rating.self_results,
        "weaknesses": rating.self_weaknesses,
        "plan": rating.self_plan,
        "grade": rating.self_grade,
        "self_remedied": rating.self_remedied,
    }
    form = forms.OrganizationSelfForm(request.POST or None, year_rules=year_rules, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_organization_self_assessment(scope, rating, **form.cleaned_data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, f"Đã ghi bản kiểm điểm của {rating.organization.name}.")
            return redirect("rating_round", pk=rating.round_id)
    return render(
        request,
        "rating/form.html",
        {
            "title": f"Kiểm điểm tập thể: {rating.organization.name} (năm {rating.round.year})",
            "forms": [form],
            "back_url": reverse("rating_round", args=[rating.round_id]),
        },
    )


def _deciding(scope, round_, deciding_id) -> Organization:
    deciding = Organization.objects.filter(pk=deciding_id).first()
    if deciding is None or deciding not in queries.deciding_bodies(scope, round_, capability="read"):
        raise Http404("Không tìm thấy.")
    scope.require(deciding.pk, WRITE)
    return deciding


def decide(request, pk, deciding_id, organizations: bool) -> HttpResponse:
    scope = scope_for(request.user)
    round_ = queries.get_round(scope, pk)
    deciding = _deciding(scope, round_, deciding_id)
    year_rules = queries.year_rules(round_)
    if organizations:
        ratings = queries.organization_ratings(scope, round_).filter(deciding=deciding).exclude(step=Step.LISTED)
        labelled = [(r, r.organization.name) for r in ratings]
        initial = {r.pk: r.final_grade or r.self_grade for r in ratings}
    else:
        ratings = (
            queries.member_ratings(scope, round_)
            .filter(deciding=deciding, status=MemberStatus.LISTED)
            .filter(step__in=[Step.PROPOSED, Step.DECIDED])
        )
        labelled = [
            (
                r,
                f"{r.member.person.full_name} ({r.cell.name}; chi bộ đề xuất: "
                f"{year_rules.grade_label(r.proposed_grade)})",
            )
            for r in ratings
        ]
        initial = {r.pk: r.final_grade or r.proposed_grade for r in ratings}
    form = forms.DecisionForm(
        request.POST or None,
        ratings=labelled,
        initial_grades=initial,
        choices=year_rules.grade_choices(organization=organizations),
        initial={"on": timezone.localdate(), "body": f"Ban Thường vụ {deciding.name}"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = actions.decide_organizations if organizations else actions.decide_members
        try:
            decided = call(
                scope,
                round_,
                deciding=deciding,
                grades=form.grades(),
                number=data["number"],
                on=data["on"],
                body=data["body"],
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(
                request,
                f"Đã ghi quyết định {data['number']}: {len(decided)} {'tổ chức' if organizations else 'đảng viên'}.",
            )
            return redirect("rating_round", pk=round_.pk)
    subject = "tổ chức đảng" if organizations else "đảng viên"
    return render(
        request,
        "rating/decide.html",
        {
            "title": f"Quyết định xếp loại {subject}: {deciding.name} (năm {round_.year})",
            "form": form,
            "round": round_,
            "empty": not labelled,
        },
    )


@login_required
def decide_members(request, pk, deciding_id) -> HttpResponse:
    return decide(request, pk, deciding_id, organizations=False)


@login_required
def decide_organizations(request, pk, deciding_id) -> HttpResponse:
    return decide(request, pk, deciding_id, organizations=True)
