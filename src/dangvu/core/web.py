"""Small helpers every view uses: reading dates from a request, showing rule violations (on one form or split
between two), paginating."""

import functools
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Page, Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS, content_disposition_header

from .errors import RuleViolation

# The dates a query parameter may name: from the Party's founding year to 2100 (the open-end sentinel
# 9999-12-31 of validity periods, or year 0001, would break date arithmetic and lookups further on).
FIRST_DAY, LAST_DAY = date(1930, 1, 1), date(2100, 12, 31)
# Ids of rows: positive and within a 64-bit integer (larger ones overflow SQLite and PostgreSQL).
MAX_ID = 2**63 - 1


def parse_int(value: str | None, low: int, high: int) -> int | None:
    """A whole number written in ASCII digits (an optional leading "-"), within [low, high]; None when empty,
    malformed ("²", "١٢", "1e3") or out of range. str.isdigit() alone accepts "²", which int() refuses."""
    text = (value or "").strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits or len(digits) > 19 or not (digits.isascii() and digits.isdigit()):
        return None
    number = int(text)
    return number if low <= number <= high else None


def parse_id(value: str | None) -> int | None:
    """The id of a row from a query parameter or a form field (None when it cannot be one)."""
    return parse_int(value, 1, MAX_ID)


def parse_year(value: str | None) -> int | None:
    return parse_int(value, FIRST_DAY.year, LAST_DAY.year)


def parse_date(value: str | None) -> date | None:
    """A date from "2020-09-30" or "30/09/2020" within 1930–2100; None when empty, unreadable or outside."""
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
        return day if FIRST_DAY <= day <= LAST_DAY else None
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
    for field, said in violation.errors.items():
        for message in said:
            form.add_error(field if field in form.fields else None, message)


def split_violation(first: forms.Form, rest: forms.Form, violation: RuleViolation) -> None:
    """Show an action's rule violations on a page of two forms: each field's under `first` when it has that
    field, every other one (and the record's own) on `rest`."""
    errors = violation.errors.items()
    add_violation(first, RuleViolation({k: v for k, v in errors if k in first.fields}))
    add_violation(rest, RuleViolation({k: v for k, v in errors if k not in first.fields}))


class ByIds:
    """A queryset as the paginator sees it, read in two steps: the ids of a page in the queryset's order (which
    an index holding the filtered columns answers alone, without reading the rows it skips), then the rows of
    those ids."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __len__(self) -> int:  # (never asked by ListPaginator, which knows or guesses its count)
        return self.queryset.count()

    def ids(self, key: slice) -> list:
        return list(self.queryset.values_list("pk", flat=True)[key])

    def rows(self, ids: list) -> list:
        related = self.queryset.query.select_related
        found = self.queryset.model._base_manager.select_related(
            *(related if isinstance(related, dict) else ())
        ).in_bulk(ids)
        return [found[pk] for pk in ids]

    def __getitem__(self, key: slice) -> list:
        return self.rows(self.ids(key))


class ListPaginator(Paginator):
    """Pages of a list that may hold hundreds of thousands of rows (a province's members), read by id.

    With `total` (known without counting) it pages as usual. Without, it never counts: a page reads its ids
    and one more, to know whether another page follows; `counted` is then False and the count is only what
    has been seen (exact when the list ends on this page)."""

    def __init__(self, queryset, per_page, *, total: int | None = None):
        self.by_ids = ByIds(queryset)
        super().__init__(self.by_ids, per_page)  # type: ignore[arg-type]  # pages are read by their ids
        self.total, self.counted = total, total is not None

    @cached_property
    def count(self) -> int:
        if self.total is not None:
            return self.total
        return len(self.by_ids.ids(slice(0, self.per_page + 1)))

    def get_page(self, number) -> Page:
        if self.counted:
            return super().get_page(number)
        number = parse_int(str(number) if number is not None else None, 1, 10**6) or 1
        bottom = (number - 1) * self.per_page
        ids = self.by_ids.ids(slice(bottom, bottom + self.per_page + 1))
        if not ids and number > 1:  # past the end: the first page
            return self.get_page(1)
        self.__dict__["count"] = bottom + len(ids)
        self.counted = len(ids) <= self.per_page
        return Page(self.by_ids.rows(ids[: self.per_page]), number, self)


def paginate(request, queryset, per_page: int = 50) -> Page:
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


class ModelChoiceField(forms.ModelChoiceField):
    """Django's field with the project's empty choice ("— Chọn —", not "---------")."""

    def __init__(self, queryset, *, empty_label="— Chọn —", **kwargs):
        super().__init__(queryset, empty_label=empty_label, **kwargs)


IMAGE_TYPES, IMAGE_KINDS = (".jpg", ".jpeg", ".png", ".webp", ".gif"), "ảnh JPG, PNG, WEBP hoặc GIF"
IMAGE_HINT = "hãy giảm kích thước ảnh rồi gửi lại"
OFFICE_ARCHIVES = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")  # zip archives of XML parts


def upload_problem(
    upload,
    *,
    max_mb: int,
    types: tuple[str, ...] = (),
    kinds: str = "",
    hint: str = "hãy chia thành nhiều tệp nhỏ hơn",
    office_checked: bool = False,
) -> str | None:
    """Why an uploaded file is refused (in Vietnamese), or None: larger than `max_mb` MB, not of one of `types`
    (`kinds` names them), or, with `office_checked`, an office file (.docx, .xlsx …) that is damaged or expands
    as no real one does (`core.archives`). Every upload of every form is judged here, and the actions that take a
    file from elsewhere ask the same."""
    from . import archives

    name = getattr(upload, "name", "") or ""
    if upload.size > max_mb * 1024 * 1024:
        return f"Tệp lớn hơn {max_mb} MB: {hint}."
    if types and not name.lower().endswith(types):
        return f"Chỉ nhận {kinds}."
    if office_checked and name.lower().endswith(OFFICE_ARCHIVES):
        shown = name.rsplit("/", 1)[-1]
        try:
            upload.seek(0)
            problem = archives.inflation_problem(zipfile.ZipFile(upload), shown, upload.size)
        except archives.DAMAGED:
            problem = archives.damaged_message(shown)
        finally:
            upload.seek(0)
        return problem
    return None


class UploadField(forms.FileField):
    """An uploaded file of one of `types` (".xlsx", ".csv" …; any when empty, for a reader that explains a
    wrong file itself) and at most `max_mb` MB, refused with a Vietnamese message naming what it takes (`kinds`:
    "tệp Excel .xlsx hoặc .csv") or what to do (`hint`); with `office_checked` an office file kept as it came
    (an attachment, an evidence) is also refused when damaged or inflated (see `upload_problem`). The whole
    request is bounded before it is read (`core.middleware.RequestSizeMiddleware`); the size and the type are
    judged before the file is opened."""

    def __init__(
        self,
        *,
        max_mb: int,
        types: tuple[str, ...] = (),
        kinds: str = "",
        hint: str = "hãy chia thành nhiều tệp nhỏ hơn",
        office_checked: bool = False,
        **kwargs,
    ):
        self.max_mb, self.types, self.kinds, self.hint = max_mb, types, kinds, hint
        self.office_checked = office_checked
        said = {
            "required": "Chưa chọn tệp.",
            "empty": "Tệp đã chọn rỗng (0 byte).",
            "invalid": "Không đọc được tệp gửi lên: hãy chọn lại tệp.",
        }
        kwargs["error_messages"] = {**said, **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> UploadedFile | None:
        if data and hasattr(data, "size"):
            problem = upload_problem(
                data,
                max_mb=self.max_mb,
                types=self.types,
                kinds=self.kinds,
                hint=self.hint,
                office_checked=self.office_checked,
            )
            if problem:
                raise forms.ValidationError(problem)
        return super().clean(data, initial)


class ImageUploadField(UploadField, forms.ImageField):
    """An uploaded image (JPG, PNG, WEBP, GIF): judged as every upload, then opened to see it is one."""

    def __init__(self, *, max_mb: int, **kwargs):
        kwargs.setdefault("types", IMAGE_TYPES)
        kwargs.setdefault("kinds", IMAGE_KINDS)
        kwargs.setdefault("hint", IMAGE_HINT)
        kwargs["error_messages"] = {
            "invalid_image": "Tệp không phải ảnh hoặc ảnh bị hỏng: hãy mở bằng trình xem "
            "ảnh, lưu lại dạng JPG hoặc PNG rồi gửi lại.",
            **kwargs.get("error_messages", {}),
        }
        super().__init__(max_mb=max_mb, **kwargs)


class DateField(forms.DateField):
    """A date as Vietnamese write it (30/09/2020) or the browser's date picker sends it (2020-09-30), never
    month/day/year, within 1930–2100: the open-end sentinel (31/12/9999) and the year 0001 are no record's day.
    Every date of every form is one of these (tests/test_form_dates.py)."""

    input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
    default_error_messages = {"invalid": "Ngày không hợp lệ (ngày/tháng/năm)."}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DateInput())
        super().__init__(**kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if value and not FIRST_DAY <= value <= LAST_DAY:
            raise forms.ValidationError(
                f"Ngày phải trong khoảng {FIRST_DAY:%d/%m/%Y} – {LAST_DAY:%d/%m/%Y}.", code="out_of_range"
            )


def confirm_page(
    request, action, *, title: str, consequence: str, button: str, cancel_url: str, done_url: str, done_message: str
) -> HttpResponse:
    """A destructive or irreversible step: GET says what will happen and asks; POST runs the action (a refusal
    is shown on the page it came from, nothing changes)."""
    from django.shortcuts import render

    if request.method == "POST":
        try:
            action()
        except RuleViolation as violation:
            for message in violation.messages:
                messages.error(request, message)
            return redirect(cancel_url)
        messages.success(request, done_message)
        return redirect(done_url)
    return render(
        request,
        "core/confirm.html",
        {"title": title, "consequence": consequence, "button": button, "cancel_url": cancel_url},
    )


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """A download of generated content: a file name in any script (RFC 6266 filename*), and never kept in a
    browser's or a proxy's cache (the files hold personal data)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


def stored_file(field_file, *, as_attachment: bool = True, missing: str = "Không tìm thấy tệp.") -> FileResponse:
    """An uploaded file from storage; one recorded but absent from the disk (lost, or not restored) is a
    Vietnamese 404 page, not a server error."""
    if not field_file:
        raise Http404(missing)
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(
            f"{missing} Tệp đã được ghi nhận nhưng không còn trên máy chủ; hãy báo quản trị hệ thống."
        ) from exc
    response = FileResponse(handle, as_attachment=as_attachment, filename=field_file.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "no-store" if as_attachment else "private, max-age=3600"
    return response


def submit(
    request, form: forms.Form, run: Callable[[dict], object], success: str, target: Callable[[object], str]
) -> HttpResponse | None:
    """On a POST with a valid form: call `run(cleaned_data)`; a RuleViolation goes onto the form (None is
    returned and the page shows the form again), success redirects to `target(result)` with a message."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = run(form.cleaned_data)
    except RuleViolation as violation:
        add_violation(form, violation)
        return None
    messages.success(request, success)
    return redirect(target(result))


# Addresses of many rows ---------------------------------------------------------------------------------

_MARKERS = ("zz0markerzz", "987654321")  # what a slug or text argument, and an integer argument, accept


@functools.cache
def _address_parts(name: str, urlconf: str, prefix: str) -> tuple[str, str]:
    for marker in _MARKERS:
        try:
            head, _, tail = reverse(name, args=[marker], urlconf=urlconf).partition(marker)
            return head, tail
        except NoReverseMatch:
            continue
    raise NoReverseMatch(f"{name} takes no single argument")


def address(name: str, value) -> str:
    """`reverse(name, args=[value])` for an address with one argument (a code or an id), from the pattern
    reversed once per process: a list of hundreds of rows reverses nothing per row (a reverse costs tens of
    microseconds, as much as the rest of the row). The value is quoted as reverse quotes it."""
    head, tail = _address_parts(name, settings.ROOT_URLCONF, get_script_prefix())
    return head + quote(str(value), safe=RFC3986_SUBDELIMS + "/~:@") + tail
