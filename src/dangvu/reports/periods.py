"""Reporting periods (kỳ báo cáo): a date range, its presets, its label and the periods it is compared with.

A period runs from `start` to `end`, both days included. Presets are the periods offices report on: a month,
a quarter, the first 6 or 9 months of a year, a year, and a congress term.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from dangvu.core.errors import RuleViolation
from dangvu.members.rules import add_months

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    """A reporting period, `start` and `end` included."""

    start: date
    end: date

    def __post_init__(self):
        errors = period_errors(self.start, self.end)
        if errors:
            raise RuleViolation(errors)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def whole_months(self) -> int | None:
        """The number of calendar months the period covers exactly, or None when it does not."""
        if self.start.day != 1 or self.end.day != monthrange(self.end.year, self.end.month)[1]:
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def shifted_months(self, months: int) -> "Period":
        """The period `months` calendar months earlier (negative) or later, month ends kept as month ends."""
        start = add_months(self.start, months)
        if self.whole_months:
            last = add_months(self.end.replace(day=1), months)
            return Period(start, last.replace(day=monthrange(last.year, last.month)[1]))
        return Period(start, add_months(self.end, months))

    def previous(self) -> "Period":
        """The period of the same length just before: the previous month, quarter, 9 months …"""
        months = self.whole_months
        if months:
            return self.shifted_months(-months)
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def year_earlier(self) -> "Period":
        """The same period one year earlier (cùng kỳ năm trước)."""
        return self.shifted_months(-12)

    @property
    def label(self) -> str:
        """ "9 tháng đầu năm 2020", "quý III năm 2020", "tháng 3 năm 2020", or the two dates."""
        months = self.whole_months
        if months and self.start.year == self.end.year:
            year = self.start.year
            if months == 12:
                return f"năm {year}"
            if months == 1:
                return f"tháng {self.start.month} năm {year}"
            if months == 3 and self.start.month % 3 == 1:
                return f"quý {ROMAN[(self.start.month + 2) // 3]} năm {year}"
            if self.start.month == 1:
                return f"{months} tháng đầu năm {year}"
        return f"từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"

    @property
    def short_label(self) -> str:
        """A column heading: the label of a named period, else "4/2019–12/2019" or "01/04–15/04/2020"."""
        label = self.label
        if not label.startswith("từ ngày"):
            return label
        if self.whole_months:
            return f"{self.start.month}/{self.start.year}–{self.end.month}/{self.end.year}"
        return f"{self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"

    @property
    def next_label(self) -> str:
        """What the key tasks are for: "3 tháng cuối năm 2020", "tháng 11 năm 2020", "năm 2021"."""
        months = self.whole_months
        if months == 1:
            following = add_months(self.start, 1)
            return f"tháng {following.month} năm {following.year}"
        if months and self.end.month == 12:
            return f"năm {self.end.year + 1}"
        if months and self.start.month == 1 and self.start.year == self.end.year:
            return f"{12 - self.end.month} tháng cuối năm {self.end.year}"
        return "kỳ tiếp theo"

    def as_dict(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def period_errors(start: date | None, end: date | None) -> dict[str, list[str]]:
    """Why a start and end do not make a period (empty when they do)."""
    errors: dict[str, list[str]] = {}
    if start is None:
        errors["start"] = ["Chưa nhập ngày bắt đầu kỳ báo cáo."]
    if end is None:
        errors["end"] = ["Chưa nhập ngày kết thúc kỳ báo cáo."]
    if start and end and end < start:
        errors["end"] = [f"Ngày kết thúc kỳ báo cáo ({end:%d/%m/%Y}) trước ngày bắt đầu ({start:%d/%m/%Y})."]
    return errors


def parse_date(text: str | None, field: str, label: str) -> date | None:
    """A date written YYYY-MM-DD or DD/MM/YYYY; None when empty; a RuleViolation naming the field if bad."""
    text = (text or "").strip()
    if not text:
        return None
    for parse in (date.fromisoformat, lambda t: date(*reversed([int(p) for p in t.split("/")]))):
        try:
            return parse(text)
        except (ValueError, TypeError):
            continue
    raise RuleViolation(f"{label} '{text}' không phải ngày hợp lệ (viết YYYY-MM-DD hoặc DD/MM/YYYY).", field)


def parse_period(start: str | None, end: str | None) -> Period:
    """The period from two written dates, with Vietnamese messages for empty, malformed or reversed input."""
    errors: dict[str, list[str]] = {}
    parsed = {}
    for field, text, label in (("start", start, "Ngày bắt đầu"), ("end", end, "Ngày kết thúc")):
        try:
            parsed[field] = parse_date(text, field, label)
        except RuleViolation as exc:
            errors.update(exc.errors)
            parsed[field] = None
    if errors:
        raise RuleViolation(errors)
    return Period(parsed["start"], parsed["end"])


# Presets ---------------------------------------------------------------------------------------------------


def month(year: int, number: int) -> Period:
    return Period(date(year, number, 1), date(year, number, monthrange(year, number)[1]))


def quarter(year: int, number: int) -> Period:
    return Period(date(year, 3 * number - 2, 1), month(year, 3 * number).end)


def first_months(year: int, months: int) -> Period:
    """The first 6 or 9 months of a year (sơ kết 6 tháng, 9 tháng)."""
    return Period(date(year, 1, 1), month(year, months).end)


def year(number: int) -> Period:
    return Period(date(number, 1, 1), date(number, 12, 31))


def congress_term(organization, on: date) -> Period:
    """The organization's congress term current on `on`, from its congress to the day before the next one
    (to `on` while the term is still running)."""
    from .terms import term_on

    term = term_on(organization.pk, on)
    if term is None:
        raise RuleViolation(f"{organization.name} chưa có đại hội, nhiệm kỳ nào được ghi đến ngày {on:%d/%m/%Y}.")
    return Period(term.start, min(on, term.end) if term.end else on)


PRESETS = {
    "month": "Tháng",
    "quarter": "Quý",
    "six_months": "6 tháng đầu năm",
    "nine_months": "9 tháng đầu năm",
    "year": "Năm",
    "term": "Nhiệm kỳ",
}


def preset(name: str, on: date, organization=None) -> Period:
    """The preset period that contains `on` (the congress term needs the organization)."""
    if name == "month":
        return month(on.year, on.month)
    if name == "quarter":
        return quarter(on.year, (on.month + 2) // 3)
    if name == "six_months":
        return first_months(on.year, 6)
    if name == "nine_months":
        return first_months(on.year, 9)
    if name == "year":
        return year(on.year)
    if name == "term" and organization is not None:
        return congress_term(organization, on)
    raise RuleViolation(f"Không có kỳ báo cáo mẫu '{name}'.", "preset")


def counted_part(organization, period: Period) -> tuple[Period, str]:
    """The part of a period an organization's figures are counted over, and the notice that says so: all of it
    while the organization lives; up to its last day when it ended within the period (the notice names the
    day); refused, naming its successors, when it had ended before the period began."""
    from dangvu.organizations.queries import ending, name_on

    ended = organization.dissolved_on
    if ended is None or period.end < ended:
        return period, ""
    name = name_on(organization, ended - timedelta(days=1)).name
    if period.start >= ended:
        after = ", ".join(name_on(o, ended).name for o in ending(organization).successors)
        then = f"; số liệu từ ngày đó thuộc {after}" if after else ""
        raise RuleViolation(
            {"period": [f"{name} đã kết thúc hoạt động từ ngày {ended:%d/%m/%Y}, trước kỳ báo cáo{then}."]}
        )
    last = ended - timedelta(days=1)
    return Period(period.start, last), (
        f"{name} kết thúc hoạt động ngày {ended:%d/%m/%Y}: số liệu {period.label} được tính đến hết ngày "
        f"{last:%d/%m/%Y}."
    )
