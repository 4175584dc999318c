"""What every work page shares: filters read from the request, running a form through an action (its rule
violations shown on the form), the generic form, delete and import pages."""

from collections.abc import Callable
from datetime import date
from functools import partial

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dangvu.core.errors import RuleViolation
from dangvu.core.pickers import filter_pick
from dangvu.core.web import attachment, confirm_page, paginate, parse_date, parse_year, query_without_page
from dangvu.organizations.models import Organization
from dangvu.organizations.pickers import OrganizationSource

from .. import excel

# Action field -> form field, where the form names it differently.
FIELD_MAP = {
    "subjects": "subject_organizations",
    "subject": "subject_member",
}


def show_violation(form: forms.Form, violation: RuleViolation) -> None:
    """Put each message under its field (or the form's top when the form has no such field)."""
    for field, messages_ in violation.errors.items():
        name = field if field in form.fields else FIELD_MAP.get(field, "")
        for message in messages_:
            form.add_error(name if name in form.fields else None, message)


def bound(request) -> dict | None:
    """The data a form is bound to: the POST on a POST, nothing (an unbound form) otherwise."""
    return request.POST if request.method == "POST" else None


def submit(
    request, form, action: Callable, *, to: str | Callable, success: str | Callable | None = "Đã lưu."
) -> HttpResponse | None:
    """On a POST with a valid form, run `action(**data)`: data from the form's data_for_action() where it has
    one (its own errors stop here), else its cleaned_data. On success show `success` and redirect to `to`
    (either may be a function of the action's result); a RuleViolation goes onto the form. None: show the form
    again."""
    if request.method != "POST" or not form.is_valid():
        return None
    data = form.data_for_action() if hasattr(form, "data_for_action") else form.cleaned_data
    if form.errors:
        return None
    try:
        result = action(**data)
    except RuleViolation as violation:
        show_violation(form, violation)
        return None
    if success:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(to(result) if callable(to) else to)


def initial_of(record, fields: list[str]) -> dict:
    """An edit form's first values: the record's values of its action's fields; an organization itself (for its
    picker), another related record by its key."""
    initial = {}
    for name in fields:
        field = record._meta.get_field(name)
        if field.is_relation and field.related_model is Organization:
            initial[name] = getattr(record, name)
        else:
            initial[name] = getattr(record, field.attname)
    return initial


class Filters:
    """Filters of a list page: the organization (picked by name; `?to_chuc=<code>` as before), a year or a
    period, and named choices. A value that cannot be read is ignored with a warning rather than an error."""

    def __init__(self, request, scope):
        self.request, self.scope, self.params = request, scope, request.GET
        picked = filter_pick(self.params, scope, OrganizationSource(), label="Tổ chức (gồm cả cấp dưới)")
        self.organization: Organization | None = picked.value
        self.picker = picked.field  # shown by the page's filter form
        if picked.problem:
            self.warn(picked.problem)
        self.start, self.end = None, None
        year = self.params.get("nam", "").strip()
        if year:
            if parse_year(year):
                self.start, self.end = date(parse_year(year), 1, 1), date(parse_year(year), 12, 31)
            else:
                self.warn(f"Năm '{year}' không hợp lệ; bỏ qua.")
        for name, attr in (("tu", "start"), ("den", "end")):
            raw = self.params.get(name, "").strip()
            if raw:
                day = parse_date(raw)
                if day is None:
                    self.warn(f"Ngày '{raw}' không đúng dạng ngày/tháng/năm; bỏ qua.")
                else:
                    setattr(self, attr, day)
        if self.start and self.end and self.end < self.start:
            self.warn("Ngày kết thúc trước ngày bắt đầu; bỏ qua khoảng thời gian.")
            self.start = self.end = None

    def warn(self, text: str) -> None:
        messages.warning(self.request, text)

    def choice(self, name: str, choices) -> str:
        value = self.params.get(name, "")
        if value and value not in dict(choices):
            self.warn(f"Giá trị lọc '{value}' không hợp lệ; bỏ qua.")
            return ""
        return value


def list_page(request, template: str, queryset, context: dict) -> HttpResponse:
    return render(
        request,
        template,
        {
            "page": paginate(request, queryset, 50),
            "params": request.GET,
            "query": query_without_page(request),
            **context,
        },
    )


def form_page(
    request, title: str, forms_: list, cancel_url: str, *, multipart: bool = False, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "work/form.html",
        {
            "title": title,
            "forms": forms_,
            "cancel_url": cancel_url,
            "multipart": multipart,
            "intro": intro,
        },
    )


def save_page(
    request,
    form,
    action: Callable,
    *,
    to: str | Callable,
    title: str,
    cancel_url: str,
    success: str | Callable | None = "Đã lưu.",
    intro: str = "",
) -> HttpResponse:
    """A create or edit page (work/form.html): the form run through the action (see submit), shown again with
    its errors until it succeeds."""
    response = submit(request, form, action, to=to, success=success)
    if response is not None:
        return response
    return form_page(request, title, [form], cancel_url, intro=intro)


def edit_page(request, obj, form, action: Callable, detail: str) -> HttpResponse:
    """A record's edit page: the form saved through `action(user, obj, **data)`, then back to its detail page."""
    back = reverse(detail, args=[obj.pk])
    return save_page(request, form, partial(action, request.user, obj), to=back, title=f"Sửa: {obj}", cancel_url=back)


def delete_record(request, obj, action: Callable, detail: str, list_: str) -> HttpResponse:
    """A record's delete page (see delete_page): `action(user, obj)`; back to its detail page, on to the list."""
    return delete_page(
        request, obj, partial(action, request.user, obj), reverse(detail, args=[obj.pk]), reverse(list_), str(obj)
    )


def delete_page(request, obj, action, cancel_url: str, done_url: str, label: str) -> HttpResponse:
    """GET asks for confirmation; POST deletes through the action (a refusal is shown, nothing changes)."""
    return confirm_page(
        request,
        action,
        title=f"Xóa {label}?",
        consequence="Bản ghi sẽ bị xóa.",
        button="Xóa",
        cancel_url=cancel_url,
        done_url=done_url,
        done_message=f"Đã xóa {label}.",
    )


def import_page(request, *, title: str, spec, run, template_url: str, back_url: str, intro: str) -> HttpResponse:
    """Upload, read every row, run the all-or-nothing action; the error report lists every bad cell and row."""
    from ..forms import ImportForm

    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    report: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = excel.read_upload(form.cleaned_data["file"], spec)
            created = run(rows)
        except RuleViolation as violation:
            report = violation.messages
            messages.error(request, f"Không nhập được: {len(report)} lỗi. Không có dòng nào được ghi.")
        else:
            messages.success(request, f"Đã nhập {len(created)} dòng.")
            return redirect(back_url)
    return render(
        request,
        "work/import.html",
        {
            "title": title,
            "form": form,
            "report": report,
            "template_url": template_url,
            "back_url": back_url,
            "intro": intro,
        },
    )


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    return attachment(content, filename, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
