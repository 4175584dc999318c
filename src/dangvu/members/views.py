"""Member pages: the list with search and filters, a member's record and timeline, forms to change them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.core.cache import kept
from dangvu.core.errors import RuleViolation
from dangvu.core.web import ListPaginator, add_violation, query_without_page, split_violation

from . import actions, forms, panels, queries, timeline
from .models import Gender, Status


@login_required
def my_record(request) -> HttpResponse:
    """Hồ sơ của tôi: a member's own record, the home page of the member role."""
    member = queries.own_member(scope_for(request.user))
    if member is None:
        raise Http404("Tài khoản chưa gắn với hồ sơ đảng viên nào.")
    return redirect("member_detail", pk=member.pk)


@login_required
def member_list(request) -> HttpResponse:
    scope = scope_for(request.user)
    flt = queries.MemberFilter.from_params(scope, request.GET)
    for problem in flt.problems:
        messages.warning(request, problem)
    members = queries.member_list(scope, flt)
    page = ListPaginator(members, 50, total=queries.known_total(scope, flt)).get_page(request.GET.get("trang"))
    queries.label_cells(scope, page.object_list)
    return render(
        request,
        "members/list.html",
        {
            "page": page,
            "flt": flt,
            "params": request.GET,
            "query": query_without_page(request),
            "statuses": Status.choices,
            "genders": Gender.choices,
            "age_bands": [(k, v[0]) for k, v in queries.AGE_BANDS.items()],
            "sorts": [(k, v[0]) for k, v in queries.SORTS.items()],
            "can_write": scope.can(WRITE),
        },
    )


@login_required
def member_detail(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    member = queries.get_member(scope, pk)
    return render(
        request,
        "members/detail.html",
        {
            "member": member,
            "person": member.person,
            "timeline": kept(
                "member-timeline",
                f"{scope.key}:{member.pk}:{timezone.localdate()}",
                lambda: timeline.items(scope, member),
            ),
            "can_write": scope.covers(member.organization_id, WRITE),
            "panels": panels.render_all(request, scope, member),
        },
    )


def _require_any_write(scope):
    require_capability(scope, WRITE, "thêm hoặc sửa hồ sơ đảng viên")


@login_required
def member_create(request) -> HttpResponse:
    scope = scope_for(request.user)
    _require_any_write(scope)
    person_form = forms.PersonForm(request.POST or None, prefix="p")
    membership_form = forms.MembershipForm(request.POST or None, prefix="m", scope=scope)
    # Both forms are judged, so that every field's error shows at once (and a cell typed by name is found).
    if request.method == "POST" and all([person_form.is_valid(), membership_form.is_valid()]):
        data = membership_form.cleaned_data
        try:
            member = actions.create_member(
                request.user,
                person=person_form.cleaned_data,
                organization=data["organization"],
                admitted_on=data["admitted_on"],
                official_on=data["official_on"],
                card_number=data["card_number"],
                over_age_approval=data["over_age_approval"],
                decision_number=data["decision_number"],
            )
        except RuleViolation as violation:
            split_violation(person_form, membership_form, violation)
        else:
            messages.success(request, f"Đã thêm đảng viên {member.person.full_name}.")
            return redirect("member_detail", pk=member.pk)
    return render(
        request,
        "members/form.html",
        {
            "title": "Thêm đảng viên",
            "forms": [person_form, membership_form],
        },
    )


@login_required
def member_edit(request, pk) -> HttpResponse:
    scope = scope_for(request.user)
    member = queries.get_member(scope, pk)
    scope.require(member.organization_id, WRITE)
    person_form = forms.PersonForm(request.POST or None, instance=member.person, prefix="p")
    membership_form = forms.MembershipEditForm(
        request.POST or None,
        prefix="m",
        initial={
            "admitted_on": member.admitted_on,
            "official_on": member.official_on,
            "card_number": member.card_number,
        },
    )
    if request.method == "POST" and person_form.is_valid() and membership_form.is_valid():
        data = membership_form.cleaned_data
        person_data = dict(person_form.cleaned_data)
        person_form.instance.refresh_from_db()  # the form wrote its values on the instance; the action decides
        try:
            actions.edit_member(
                request.user,
                member,
                person_data,
                admitted_on=data["admitted_on"],
                official_on=data["official_on"],
                card_number=data["card_number"] or "",
                reason=data["reason"],
            )
        except RuleViolation as violation:
            split_violation(person_form, membership_form, violation)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("member_detail", pk=member.pk)
    return render(
        request,
        "members/form.html",
        {
            "title": f"Sửa hồ sơ {member.person.full_name}",
            "forms": [person_form, membership_form],
            "member": member,
        },
    )


EVENT_KINDS = {
    "chuyen-sinh-hoat": ("Chuyển sinh hoạt đảng", forms.TransferForm),
    "ra-khoi-dang": ("Ra khỏi Đảng", forms.LeaveForm),
    "mien-sinh-hoat": ("Miễn công tác và sinh hoạt đảng", forms.ExemptForm),
    "tro-lai-sinh-hoat": ("Trở lại công tác và sinh hoạt đảng", forms.EventForm),
    "cong-nhan-chinh-thuc": ("Công nhận đảng viên chính thức", forms.EventForm),
}


def _run_event(user, kind, member, data):
    common = {"on": data["date"], "decision_number": data["decision_number"]}
    if kind == "chuyen-sinh-hoat":
        return actions.transfer(user, member, to=data["to"], other_unit=data["other_unit"], **common)
    if kind == "ra-khoi-dang":
        return actions.leave(user, member, reason=data["reason"], **common)
    if kind == "mien-sinh-hoat":
        return actions.exempt(user, member, reason=data["reason"], detail=data["detail"], **common)
    if kind == "tro-lai-sinh-hoat":
        return actions.end_exemption(user, member, **common)
    return actions.recognize_official(user, member, **common)


@login_required
def member_event(request, pk, kind) -> HttpResponse:
    if kind not in EVENT_KINDS:
        from django.http import Http404

        raise Http404("Không có thao tác này.")
    scope = scope_for(request.user)
    member = queries.get_member(scope, pk)
    scope.require(member.organization_id, WRITE)
    title, form_class = EVENT_KINDS[kind]
    form = form_class(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            _run_event(request.user, kind, member, form.cleaned_data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, f"Đã ghi nhận: {title.lower()}.")
            return redirect("member_detail", pk=member.pk)
    return render(
        request,
        "members/form.html",
        {
            "title": f"{title}: {member.person.full_name}",
            "forms": [form],
            "member": member,
        },
    )
