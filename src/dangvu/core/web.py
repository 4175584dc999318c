"""Small helpers every view uses: reading dates from a request, showing rule violations (on one form or split
between two), paginating."""

from datetime import date, datetime

from django import forms
from django.core.paginator import Paginator
from django.utils import timezone

from .errors import RuleViolation


def parse_date(value: str | None) -> date | None:
    """A date from "2020-09-30" or "30/09/2020"; None when empty or unreadable."""
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def as_of(request) -> tuple[date | None, str]:
    """The "as of" date a page was asked for (?ngay=), and a message when it could not be read."""
    raw = request.GET.get("ngay", "")
    if not raw:
        return None, ""
    day = parse_date(raw)
    if day is None:
        return None, f"Ngày '{raw}' không đúng dạng ngày/tháng/năm; đang hiển thị dữ liệu hiện tại."
    if day > timezone.localdate():
        return None, "Không xem được cây tổ chức ở một ngày trong tương lai; đang hiển thị hiện tại."
    return day, ""


def add_violation(form: forms.Form, violation: RuleViolation) -> None:
    """Show an action's rule violations on the form, each under its field when the form has it."""
    for field, messages in violation.errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def split_violation(first: forms.Form, rest: forms.Form, violation: RuleViolation) -> None:
    """Show an action's rule violations on a page of two forms: each field's under `first` when it has that
    field, every other one (and the record's own) on `rest`."""
    errors = violation.errors.items()
    add_violation(first, RuleViolation({k: v for k, v in errors if k in first.fields}))
    add_violation(rest, RuleViolation({k: v for k, v in errors if k not in first.fields}))


def paginate(request, queryset, per_page: int = 50):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("trang"))


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("trang", None)
    return params.urlencode()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
