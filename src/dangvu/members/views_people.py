"""Picking a person by name (the pickers' JSON) and recording a person outside the member registry."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from dangvu.accounts.scope import WRITE, require_capability, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.pickers import ScopedPickerForm
from dangvu.core.web import add_violation
from dangvu.organizations.pickers import organization_field

from . import people
from .models import Gender


def _writer(request):
    scope = require_capability(scope_for(request.user), WRITE, "ghi nhận người")
    return scope


class OutsiderForm(ScopedPickerForm):
    organization = organization_field("Tổ chức ghi nhận", capability=WRITE, active_only=True,
                                      help_text="Tổ chức trong phạm vi của bạn (người này hiện với tổ chức ấy và "
                                      "các tổ chức trực thuộc).")
    family_name = forms.CharField(label="Họ", max_length=40)
    middle_name = forms.CharField(label="Tên đệm", max_length=60, required=False)
    given_name = forms.CharField(label="Tên", max_length=40)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    birth_year = forms.IntegerField(label="Năm sinh (không bắt buộc)", required=False)
    workplace = forms.CharField(label="Nơi công tác", max_length=200, required=False)
    occupation = forms.CharField(label="Chức vụ, nghề nghiệp", max_length=200, required=False)


@login_required
def outsider_create(request):
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
    return render(request, "members/outsider_form.html", {"form": form, "back": back},
                  status=400 if form.errors else 200)


@login_required
def pick(request):
    """Tìm người to choose: the JSON the pickers' type-ahead lists read, within the user's scope."""
    from dangvu.core.pickers import options_response

    from .pickers import PersonSource

    return options_response(scope_for(request.user), PersonSource.from_params(request.GET), request.GET)
