"""Small helpers every view uses: reading dates from a request, showing rule violations (on one form or split
between two), paginating."""

from datetime import date, datetime

from django import forms
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property

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


class CappedPaginator(Paginator):
    """Counts at most `cap` rows (a province's list has hundreds of thousands): beyond, the page says "hơn
    10.000" and offers the first `cap` rows. `total`, when the caller knows it, is shown instead."""

    def __init__(self, object_list, per_page, *, cap: int, total: int | None = None):
        super().__init__(object_list, per_page)
        self.cap, self.total, self.capped = cap, total, False

    @cached_property
    def count(self) -> int:
        if self.total is not None:
            return self.total
        found = self.object_list[: self.cap + 1].count()
        self.capped = found > self.cap
        return min(found, self.cap)


def paginate(request, queryset, per_page: int = 50, *, cap: int | None = None, total: int | None = None):
    if cap is None:
        paginator = Paginator(queryset, per_page)
    else:
        paginator = CappedPaginator(queryset, per_page, cap=cap, total=total)
    return paginator.get_page(request.GET.get("trang"))


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("trang", None)
    return params.urlencode()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
