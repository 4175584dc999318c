"""Admission pages: the candidate list, a candidate's timeline with the next step's form, one page per step,
and the due and overdue list. Thin: parse, call a query or an action, render; a rule broken shows on the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.web import add_violation, paginate, parse_int, query_without_page, split_violation
from dangvu.members.forms import PersonForm

from . import actions, forms, queries, rules
from .models import Step


@login_required
def candidate_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    flt = queries.CandidateFilter.from_params(scope, request.GET)
    for problem in flt.problems:
        messages.warning(request, problem)
    return render(
        request,
        "admission/list.html",
        {
            "page": paginate(request, queries.candidate_list(scope, flt), 50),
            "params": request.GET,
            "query": query_without_page(request),
            "steps": Step.choices,
            "flt": flt,
            "can_write": scope.can(WRITE),
        },
    )


@login_required
def candidate_create(request) -> HttpResponse:
    scope = require_capability(scope_for(request.user), WRITE, "thêm quần chúng ưu tú")
    person_form = PersonForm(request.POST or None, prefix="p")
    candidate_form = forms.CandidateForm(request.POST or None, prefix="c", scope=scope)
    if request.method == "POST" and all([person_form.is_valid(), candidate_form.is_valid()]):
        data = candidate_form.cleaned_data
        try:
            candidate = actions.register(
                request.user,
                person=person_form.cleaned_data,
                organization=data["organization"],
                listed_on=data["listed_on"],
            )
        except RuleViolation as violation:
            split_violation(person_form, candidate_form, violation)
        else:
            messages.success(request, f"Đã đưa {candidate.person.full_name} vào danh sách quần chúng ưu tú.")
            return redirect("admission_candidate_detail", pk=candidate.pk)
    return render(
        request,
        "admission/form.html",
        {
            "title": "Thêm quần chúng ưu tú",
            "forms": [person_form, candidate_form],
        },
    )


@login_required
def readmission_create(request, member_pk) -> HttpResponse:
    """Kết nạp lại: a person who left the Party is listed again in a cell, the re-admission rules checked."""
    from dangvu.members import queries as member_queries

    scope = require_capability(scope_for(request.user), WRITE, "kết nạp lại")
    member = member_queries.get_member(scope, member_pk)
    form = forms.ReadmissionForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            candidate = actions.register(request.user, person=member.person, **data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, f"Đã đưa {candidate.person.full_name} vào danh sách xét kết nạp lại.")
            return redirect("admission_candidate_detail", pk=candidate.pk)
    today = timezone.localdate()
    return render(
        request,
        "admission/form.html",
        {
            "title": f"Kết nạp lại: {member.person.full_name}",
            "forms": [form],
            "notes": [
                f"{r.description} ({r.regulation}{'; chưa đối chiếu văn bản' if r.unconfirmed else ''})"
                for r in rules.applied_rules("readmission", today)
            ],
        },
    )


@login_required
def candidate_detail(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    candidate = queries.get_candidate(scope, pk)
    today = timezone.localdate()
    can_write = scope.covers(candidate.organization_id, WRITE)
    steps = queries.available_steps(candidate) if can_write else []
    next_form = None
    if steps:
        slug = steps[0][0]
        next_form = {"slug": slug, "label": steps[0][1], "form": _form_for(slug, scope, candidate, None)}
    return render(
        request,
        "admission/detail.html",
        {
            "candidate": candidate,
            "person": candidate.person,
            "timeline": queries.timeline(candidate, today),
            "regulations": queries.applied_regulations(candidate),
            "steps": steps,
            "next_form": next_form,
            "can_write": can_write,
        },
    )


def _form_for(slug: str, scope, candidate, data):
    """The form of a step, with the choices it needs."""
    if slug == "hoc-lop":
        return forms.ClassForm(data)
    if slug == "chung-nhan":
        from dangvu.work.models import CourseKind, CourseParticipant

        participations = CourseParticipant.objects.filter(person=candidate.person, course__kind=CourseKind.AWARENESS)
        return forms.CertificateForm(data, participations=participations.select_related("course"))
    if slug == "don":
        return forms.ApplicationForm(data)
    if slug == "gioi-thieu":
        return forms.IntroducersForm(
            data,
            members=queries.introducer_choices(scope, candidate),
            scope=scope,
            people_key=f"gioi-thieu:{candidate.pk}",
        )
    if slug == "nghi-quyet":
        return forms.ResolutionForm(data)
    if slug == "quyet-dinh":
        return forms.DecisionForm(
            data,
            committees=queries.committee_choices(candidate),
            scope=scope,
            committees_key=f"cap-uy-ket-nap:{candidate.pk}",
        )
    if slug == "le-ket-nap":
        return forms.CeremonyForm(data)
    if slug == "cong-nhan":
        return forms.RecognitionForm(data)
    if slug == "xoa-ten":
        return forms.StrikeOffForm(data)
    return forms.EndForm(data)


def _run(slug: str, user, candidate, form):
    data = form.cleaned_data
    if slug == "hoc-lop":
        return actions.send_to_class(user, candidate, on=data["on"])
    if slug == "chung-nhan":
        return actions.record_certificate(
            user, candidate, number=data["number"], on=data["on"], course_participant=data["course_participant"]
        )
    if slug == "don":
        return actions.record_application(user, candidate, on=data["on"])
    if slug == "gioi-thieu":
        return actions.record_introducers(
            user,
            candidate,
            on=data["on"],
            introducers=form.introducers(),
            union_kind=data["union_kind"],
            union_reference=data["union_reference"],
        )
    if slug == "nghi-quyet":
        return actions.record_resolution(
            user,
            candidate,
            on=data["on"],
            votes_for=data["votes_for"],
            number=data["number"],
            exempted_present=data["exempted_present"] or 0,
            over_age_approval=data["over_age_approval"],
        )
    if slug == "quyet-dinh":
        return actions.record_decision(user, candidate, number=data["number"], on=data["on"], by=data["by"])
    if slug == "le-ket-nap":
        return actions.record_ceremony(
            user, candidate, on=data["on"], received_on=data["received_on"], late_approval=data["late_approval"]
        )
    if slug == "cong-nhan":
        return actions.recognize(user, candidate, number=data["number"], on=data["on"])
    if slug == "xoa-ten":
        return actions.strike_off(user, candidate, number=data["number"], on=data["on"], reason=data["reason"])
    if slug == "khong-ket-nap":
        return actions.reject(user, candidate, on=data["on"], reason=data["reason"], number=data["number"])
    return actions.withdraw(user, candidate, on=data["on"], reason=data["reason"], number=data["number"])


STEP_TITLES = {
    slug: label
    for slug, label in [
        ("hoc-lop", "Cử đi học lớp bồi dưỡng nhận thức về Đảng"),
        ("chung-nhan", "Giấy chứng nhận"),
        ("don", "Đơn xin vào Đảng"),
        ("gioi-thieu", "Người giới thiệu"),
        ("nghi-quyet", "Nghị quyết của chi bộ"),
        ("quyet-dinh", "Quyết định kết nạp"),
        ("le-ket-nap", "Lễ kết nạp"),
        ("cong-nhan", "Công nhận chính thức"),
        ("xoa-ten", "Không công nhận chính thức (xóa tên)"),
        ("khong-ket-nap", "Không kết nạp"),
        ("rut-ten", "Rút khỏi danh sách"),
    ]
}


@login_required
def candidate_step(request, pk, slug) -> HttpResponse:
    if slug not in STEP_TITLES:
        raise Http404("Không có bước này.")
    scope = scope_for(request.user)
    candidate = queries.get_candidate(scope, pk)
    scope.require(candidate.organization_id, WRITE)
    form = _form_for(slug, scope, candidate, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = _run(slug, request.user, candidate, form)
        except RuleViolation as violation:
            add_violation(form, violation)
            candidate.refresh_from_db()
        else:
            messages.success(request, f"Đã ghi: {STEP_TITLES[slug].lower()}.")
            if slug == "le-ket-nap":
                deadline = rules.ceremony_deadline(candidate.decision_on, candidate.ceremony_on, timezone.localdate())
                if deadline.late:
                    messages.warning(
                        request,
                        f"Lễ kết nạp muộn {-deadline.remaining} ngày làm việc so với hạn {deadline.due:%d/%m/%Y}.",
                    )
            return redirect("admission_candidate_detail", pk=candidate.pk)
    return render(
        request,
        "admission/form.html",
        {
            "title": f"{STEP_TITLES[slug]}: {candidate.person.full_name}",
            "forms": [form],
            "candidate": candidate,
        },
    )


@login_required
def due(request) -> HttpResponse:
    scope = scope_for(request.user)
    raw = (request.GET.get("so_ngay") or "60").strip()
    days = parse_int(raw, 1, 366) or 60
    if raw and str(days) != raw:
        messages.warning(request, f"Số ngày '{raw}' không hợp lệ (1–366); đang hiển thị 60 ngày tới.")
    flt = queries.CandidateFilter.from_params(scope, request.GET)
    for problem in flt.problems:
        messages.warning(request, problem)
    today = timezone.localdate()
    return render(
        request,
        "admission/due.html",
        {
            "due": queries.due_list(scope, today, days, flt.organization),
            "days": days,
            "today": today,
            "params": request.GET,
            "flt": flt,
        },
    )
