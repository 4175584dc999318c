"""Picking a person by name (the pickers' JSON), and the people outside the member registry: their list,
recording one, correcting one."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from dangvu.accounts.scope import READ, WRITE, require_capability, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import add_violation, submit
from dangvu.organizations.pickers import organization_field

from . import people
from .models import Gender


def _writer(request):
    return require_capability(scope_for(request.user), WRITE, "ghi nhận người")


class OutsiderEditForm(ScopedPickerForm):
    family_name = forms.CharField(label="Họ", max_length=40)
    middle_name = forms.CharField(label="Tên đệm", max_length=60, required=False)
    given_name = forms.CharField(label="Tên", max_length=40)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    birth_year = forms.IntegerField(
        label="Năm sinh (không bắt buộc)",
        required=False,
        min_value=1900,
        error_messages={"min_value": "Năm sinh phải từ 1900 trở đi."},
    )
    workplace = forms.CharField(label="Nơi công tác", max_length=200, required=False)
    occupation = forms.CharField(label="Chức vụ, nghề nghiệp", max_length=200, required=False)


class OutsiderForm(OutsiderEditForm):
    organization = organization_field(
        "Tổ chức ghi nhận",
        capability=WRITE,
        active_only=True,
        help_text="Tổ chức trong phạm vi của bạn (người này hiện với tổ chức ấy và các tổ chức trực thuộc).",
    )
    field_order = ["organization"]


@login_required
def outsider_create(request) -> HttpResponse:
    """Thêm người ngoài danh sách đảng viên (then back to the form that asked, when there is one)."""
    scope = _writer(request)
    back = request.GET.get("tiep", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    form = OutsiderForm(request.POST or None, initial={"organization": request.GET.get("to_chuc", "")}, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            person = people.do_create_outsider(scope, **form.cleaned_data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, f"Đã ghi nhận {person.full_name}; tìm theo tên để chọn người này.")
            return redirect(back or "member_list")
    return render(
        request,
        "members/outsider_form.html",
        {"form": form, "back": back, "title": "Thêm người ngoài danh sách đảng viên", "button": "Ghi nhận"},
        status=400 if form.errors else 200,
    )


@login_required
def outsider_list(request) -> HttpResponse:
    """Người ngoài danh sách đảng viên that the user's organizations recorded, searched by name."""
    from dangvu.core.web import paginate, query_without_page

    scope = scope_for(request.user)
    if not scope.can(READ):
        raise PermissionDenied("Bạn không có quyền xem danh sách này.")
    text = request.GET.get("q", "")[:100]
    page = paginate(request, people.outsiders(scope, text))
    recorders = {p.recorded_by_id for p in page}
    writable = (
        recorders
        if scope.is_admin
        else set(
            scope.organization_ids(WRITE).filter(descendant_id__in=recorders).values_list("descendant_id", flat=True)
        )
    )
    return render(
        request,
        "members/outsider_list.html",
        {
            "page": page,
            "q": text,
            "writable": writable,
            "can_add": scope.can(WRITE),
            "query": query_without_page(request),
        },
    )


@login_required
def outsider_edit(request, pk) -> HttpResponse:
    scope = _writer(request)
    person = people.get_outsider(scope, pk)
    fields = ["family_name", "middle_name", "given_name", "gender", "birth_year", "workplace", "occupation"]
    form = OutsiderEditForm(request.POST or None, initial={name: getattr(person, name) for name in fields}, scope=scope)
    done = submit(
        request,
        form,
        lambda data: people.do_update_outsider(scope, person, **data),
        f"Đã lưu thông tin {person.full_name}.",
        lambda _: reverse("outsider_list"),
    )
    if done:
        return done
    return render(
        request,
        "members/outsider_form.html",
        {
            "form": form,
            "back": reverse("outsider_list"),
            "title": f"Sửa thông tin: {person.full_name}",
            "button": "Lưu",
            "person": person,
        },
        status=400 if form.errors else 200,
    )


@login_required
def pick(request) -> HttpResponse:
    """Tìm người to choose: the JSON the pickers' type-ahead lists read, within the user's scope."""
    from dangvu.core.pickers import options_response

    from .pickers import ListedPersonSource, PersonSource, listed_people

    scope = scope_for(request.user)
    if "danh_sach" in request.GET:  # a form's own list (a meeting's people, a candidate's possible introducers)
        source = ListedPersonSource(listed_people(scope, request.GET.get("danh_sach", "")))
    else:
        source = PersonSource.from_params(request.GET)
    return options_response(scope, source, request.GET)
