"""How a member's monthly dues are computed under the rule in force that month (342-QĐ/TW until 01/2026,
01-QĐ/TW from 02/2026: see `dangvu.core.rules`), with the sentence that explains it.

Pure functions over plain values, so that one member's record and a province's month use the same code.
"""

import calendar
import functools
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dangvu.core import rules

from .models import BasisKind

VALID_RANGE = (date(2011, 4, 1), date(2100, 12, 1))


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_in(first: date, last: date) -> list[date]:
    out, month = [], month_start(first)
    while month <= last:
        out.append(month)
        month = add_months(month, 1)
    return out


def vnd(amount: int) -> str:
    """12345 -> "12.345 đ" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".") + " đ"


def percent(rate: Decimal) -> str:
    value = (rate * 100).normalize()
    return f"{value:f}".replace(".", ",") + "%"


def parse_month(text: str) -> date | None:
    """ "02/2026" or "2026-02" -> 01/02/2026; None when not a month of the dues period."""
    text = (text or "").strip()
    try:
        if "/" in text:
            month, year = text.split("/")
        else:
            year, month = text.split("-")[:2]
        value = date(int(year), int(month), 1)
    except (ValueError, TypeError):
        return None
    return value if VALID_RANGE[0] <= value <= VALID_RANGE[1] else None


def party_age_reached(admitted_on: date, gaps: list[tuple[date, date]], years: int) -> date:
    """The day a member's Party age reaches `years`: from the admission date, pushed back by each period
    without Party activity (a gap between leaving and returning, [start, end))."""
    try:
        reached = admitted_on.replace(year=admitted_on.year + years)
    except ValueError:  # 29/02
        reached = date(admitted_on.year + years, 3, 1)
    for start, end in sorted(gaps):
        if start < reached:
            reached += timedelta(days=(end - start).days)
    return reached


@dataclass(frozen=True)
class BasisValue:
    kind: str
    amount: int
    month: date  # the month whose figure it is (the previous month for the insured salary under 01-QĐ/TW)


@dataclass(frozen=True)
class DecisionValue:
    kind: str  # "exemption" / "reduction"
    percent: int
    number: str
    decided_on: date


@dataclass(frozen=True)
class Amount:
    due: int
    regulation: str
    explanation: str


@dataclass(frozen=True)
class MonthRules:
    """The parameters in force in a month, looked up once per month (a province's month asks for them
    100,000 times)."""

    regulation: str
    label: str
    exempt_years: int | None
    exempt_social_pension: bool
    rates: dict
    student: int


@functools.lru_cache(maxsize=512)
def _month_rules(month: date, overrides_version: int) -> MonthRules:
    regulation = rules.param("dues.regulation", month)
    return MonthRules(
        regulation=regulation,
        label="342-QĐ/TW" if regulation == "342" else "01-QĐ/TW",
        exempt_years=rules.param("dues.exempt_party_years", month),
        exempt_social_pension=rules.param("dues.exempt_social_pension", month),
        rates={
            kind: Decimal(rules.param(f"dues.rate.{kind}", month))
            for kind in (BasisKind.INSURED_SALARY, BasisKind.ALLOWANCE, BasisKind.PENSION)
        },
        student=rules.param("dues.amount.student", month),
    )


def month_rules(month: date) -> MonthRules:
    return _month_rules(month_start(month), hash(tuple(sorted(map(str, rules._overrides.items())))))


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def monthly_amount(
    month: date,
    basis: BasisValue | None,
    *,
    party_age_50_on: date | None = None,
    decision: DecisionValue | None = None,
    params: MonthRules | None = None,
) -> Amount:
    """What a member owes for `month`: the base amount from the basis by the rule in force, then the
    exemption by Party age (reached on or before the month's last day), a social-pension exemption, or a
    decision's exemption or reduction."""
    params = params or month_rules(month)
    regulation, label, exempt_years = params.regulation, params.label, params.exempt_years
    if exempt_years and party_age_50_on is not None and party_age_50_on <= month_end(month):
        return Amount(
            0, regulation, f"Miễn: đủ {exempt_years} năm tuổi đảng ngày {party_age_50_on:%d/%m/%Y} ({label})."
        )
    if basis is None:
        return Amount(0, regulation, "Chưa có căn cứ đóng đảng phí: chi bộ cần ghi căn cứ.")
    if basis.kind == BasisKind.SOCIAL_PENSION and params.exempt_social_pension:
        return Amount(0, regulation, f"Miễn: hưởng trợ cấp hưu trí xã hội ({label}).")
    if decision is not None and decision.kind == "exemption":
        return Amount(
            0, regulation, f"Miễn theo quyết định số {decision.number} ngày {decision.decided_on:%d/%m/%Y} ({label})."
        )
    base, how = _base_amount(params, basis)
    if decision is not None and decision.kind == "reduction":
        reduced = _round(Decimal(base) * (100 - decision.percent) / 100)
        how += (
            f"; giảm {decision.percent}% theo quyết định số {decision.number} ngày "
            f"{decision.decided_on:%d/%m/%Y}: {vnd(reduced)}"
        )
        base = reduced
    return Amount(base, regulation, how + ".")


def _base_amount(params: MonthRules, basis: BasisValue) -> tuple[int, str]:
    kind, label = basis.kind, params.label
    if kind in params.rates:
        rate = params.rates[kind]
        due = _round(Decimal(basis.amount) * rate)
        what = {
            BasisKind.INSURED_SALARY: "tiền lương" + (" làm căn cứ đóng BHXH" if label == "01-QĐ/TW" else ""),
            BasisKind.ALLOWANCE: "trợ cấp ốm đau, thai sản",
            BasisKind.PENSION: "lương hưu",
        }[kind]
        return due, (
            f"{percent(rate)} × {vnd(basis.amount)} ({what} tháng {basis.month:%m/%Y}) = {vnd(due)} theo {label}"
        )
    if kind == BasisKind.STUDENT:
        fixed = params.student
        if label == "342-QĐ/TW" and basis.amount:
            fixed = basis.amount
        return fixed, f"Học sinh, sinh viên: {vnd(fixed)}/tháng theo {label}"
    # OTHER, and SOCIAL_PENSION where the rule does not exempt it: the fixed amount the cell set.
    return basis.amount, f"Số tiền cố định chi bộ xác định: {vnd(basis.amount)}/tháng theo {label}"


def basis_errors(kind: str, amount: int | None, month: date) -> dict[str, list[str]]:
    """What is wrong with a basis entered for a month."""
    errors: dict[str, list[str]] = {}
    if kind not in BasisKind.values:
        errors["kind"] = ["Đối tượng đóng đảng phí không hợp lệ."]
        return errors
    if amount is None or amount < 0:
        errors["amount"] = ["Số tiền phải là số không âm (đồng)."]
        return errors
    if kind in (BasisKind.INSURED_SALARY, BasisKind.ALLOWANCE, BasisKind.PENSION) and amount <= 0:
        errors["amount"] = ["Cần ghi số tiền lương, trợ cấp hoặc lương hưu (đồng)."]
    if kind == BasisKind.OTHER:
        low, high = rules.param("dues.amount.other_range", month)
        if amount < low or (high is not None and amount > high):
            upper = f" đến {vnd(high)}" if high is not None else ""
            errors["amount"] = [f"Số tiền cố định tháng {month:%m/%Y} phải từ {vnd(low)}{upper}."]
    return errors


def decision_errors(
    kind: str,
    percent_: int | None,
    first: date | None,
    last: date | None,
    decided_on: date | None,
    number: str,
    reason: str,
) -> dict[str, list[str]]:
    """What is wrong with an exemption or reduction decision (number, date, months, the rule's limits)."""
    errors: dict[str, list[str]] = {}
    if not number:
        errors["number"] = ["Cần ghi số quyết định."]
    if decided_on is None:
        errors["decided_on"] = ["Cần ghi ngày quyết định."]
    if not reason:
        errors["reason"] = ["Cần ghi lý do miễn, giảm."]
    if first is None:
        errors["first_month"] = ["Cần ghi tháng bắt đầu."]
        return errors
    if last is not None and last < first:
        errors["last_month"] = ["Tháng kết thúc trước tháng bắt đầu."]
        return errors
    limit = rules.param("dues.decision_max_months", first)
    if kind == "reduction":
        allowed = rules.param("dues.reduction_percents", first)
        if percent_ not in allowed:
            errors["percent"] = ["Mức giảm phải là " + ", ".join(f"{p}%" for p in allowed) + "."]
        if last is None:
            errors["last_month"] = [f"Quyết định giảm phải có tháng kết thúc (tối đa {limit} tháng)."]
    if last is not None and len(months_in(first, last)) > limit:
        errors["last_month"] = [
            f"Mỗi lần miễn, giảm tối đa {limit} tháng: từ {first:%m/%Y} chỉ đến hết "
            f"{add_months(first, limit - 1):%m/%Y}."
        ]
    return errors


def kept_share(kind: str, on: date, installed: dict[str, list[tuple[date, Decimal]]] | None = None) -> Decimal:
    """The share an organization of `kind` keeps of the dues it receives: the installation's table wins."""
    for valid_from, share in sorted((installed or {}).get(kind, []), reverse=True):
        if valid_from <= on:
            return share
    return Decimal(rules.param("dues.kept_share", on).get(kind, "0"))
