"""Dues pages: a member's basis and decisions; the rest of the pages live in views_sheets.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.web import add_violation

from . import actions, forms, queries


def run_form(request, form, action, *, to: str, success: str, title: str, intro: str = "") -> HttpResponse:
    """A form page: on a valid POST run the action; its rule violations go onto the form."""
    if request.method == "POST" and form.is_valid():
        try:
            action(**form.cleaned_data)
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, success)
            return redirect(to)
    return render(request, "dues/form.html", {"form": form, "title": title, "intro": intro, "cancel_url": to})


def _member_form(request, pk, form_class, action, *, success: str, title: str, intro: str):
    """A form about one member the user may change, saved by `action(scope, member, **data)`, back to the
    dues panel of the member's record."""
    scope = scope_for(request.user)
    member = queries.get_member(scope, pk)
    scope.require(member.organization_id, WRITE)
    form = form_class(request.POST if request.method == "POST" else None)
    return run_form(
        request,
        form,
        lambda **data: action(scope, member, **data),
        to=reverse("member_detail", args=[pk]) + "#dang-phi",
        success=success,
        title=f"{title}: {member.person.full_name}",
        intro=intro,
    )


@login_required
def basis(request, pk) -> HttpResponse:
    return _member_form(
        request,
        pk,
        forms.BasisForm,
        actions.set_basis,
        success="Đã ghi căn cứ đóng đảng phí.",
        title="Căn cứ đóng đảng phí",
        intro="Căn cứ áp dụng từ tháng đã ghi cho đến khi có căn cứ mới. Theo Quy định 01-QĐ/TW, đảng viên đóng "
        "BHXH bắt buộc đóng 1% tiền lương làm căn cứ đóng BHXH của tháng trước liền kề.",
    )


@login_required
def decision(request, pk) -> HttpResponse:
    return _member_form(
        request,
        pk,
        forms.DecisionForm,
        actions.record_decision,
        success="Đã ghi quyết định miễn, giảm đảng phí.",
        title="Miễn, giảm đảng phí",
        intro="Giảm 30%, 50% hoặc 70%, mỗi lần tối đa 12 tháng. Miễn do đủ 50 năm tuổi đảng được tính tự động, "
        "không cần ghi quyết định.",
    )
