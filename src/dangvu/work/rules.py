"""Rules of the work records, judged on each record's own date; messages are Vietnamese.

The parameters (kinds of inspection and supervision, who has an inspection committee, the discipline forms
for organizations, official and probationary members, the badge years and award days) come from
`dangvu.core.rules`, each with its regulation and validity dates.
"""

import re
from datetime import date, timedelta
from typing import NamedTuple

from dangvu.core import rules
from dangvu.core.text import nfc
from dangvu.members.rules import add_months
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Organization

from .models import Activity, DisciplineForm, OversightKind, PerformingBody

TERM_PATTERN = re.compile(r"^(\d{4})\s*[-–—]\s*(\d{4})$")


def normalize_term(value: str) -> str:
    """ "2020-2025", "2020 – 2025" → "2020–2025" (en dash); other text is returned as typed."""
    text = nfc(value)
    match = TERM_PATTERN.match(text)
    return f"{match.group(1)}–{match.group(2)}" if match else text


def term_errors(term: str) -> list[str]:
    """A term is two years "2020–2025", the second after the first."""
    if not term:
        return ["Nhiệm kỳ không được để trống."]
    match = TERM_PATTERN.match(term)
    if not match:
        return [f"Nhiệm kỳ '{term}' phải có dạng năm–năm, ví dụ 2020–2025."]
    start, end = int(match.group(1)), int(match.group(2))
    if end <= start:
        return [f"Nhiệm kỳ '{term}': năm kết thúc phải sau năm bắt đầu."]
    if start < 1930:
        return [f"Nhiệm kỳ '{term}' trước năm thành lập Đảng."]
    return []


def term_years(term: str) -> tuple[int, int] | None:
    match = TERM_PATTERN.match(term or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def date_order_errors(field: str, start: date | None, end: date | None, label: str) -> dict[str, list[str]]:
    if start and end and end < start:
        return {field: [f"{label} {end:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y}."]}
    return {}


def active_errors(field: str, organization: Organization | None, on: date | None, role: str) -> dict:
    """The organization must exist on the date (it may have been dissolved since)."""
    if organization is None:
        return {field: [f"Chưa chọn {role}."]}
    if on is not None and not organization.is_active(on):
        return {field: [f"{organization.name} không hoạt động vào ngày {on:%d/%m/%Y}."]}
    return {}


def allowed_kinds(activity: str, on: date) -> tuple[str, ...]:
    return tuple(rules.param("oversight.kinds", on).get(activity, ()))


def oversight_kind_errors(activity: str, kind: str, on: date) -> dict[str, list[str]]:
    if activity not in Activity.values:
        return {"activity": ["Hoạt động phải là kiểm tra hoặc giám sát."]}
    kinds = allowed_kinds(activity, on)
    if kind not in kinds:
        names = ", ".join(OversightKind(k).label.lower() for k in kinds)
        activity_label = Activity(activity).label.lower()
        regulation = rules.rule("oversight.kinds", on).regulation
        return {"kind": [f"Loại {activity_label} không hợp lệ; theo {regulation} chỉ có: {names}."]}
    return {}


def body_errors(organization: Organization | None, body: str, on: date, field: str = "body") -> dict:
    """Which body an organization has: a cell acts as the cell; the UBKT exists from đảng ủy cơ sở upward."""
    if body not in PerformingBody.values:
        return {field: ["Chủ thể không hợp lệ."]}
    if organization is None:
        return {}
    is_cell = organization.kind in MEMBER_UNIT_KINDS
    if is_cell and body != PerformingBody.CELL:
        return {
            field: [f"{organization.name} là chi bộ, không có Ủy ban Kiểm tra hay Ban Thường vụ: chủ thể là chi bộ."]
        }
    if not is_cell and body == PerformingBody.CELL:
        return {field: [f"{organization.name} không phải chi bộ: chọn cấp ủy, ban thường vụ hoặc ủy ban kiểm tra."]}
    if body == PerformingBody.INSPECTION_COMMITTEE:
        kinds = rules.param("oversight.inspection_committee_kinds", on)
        if organization.kind not in kinds:
            return {field: [f"{organization.name} không có Ủy ban Kiểm tra (chỉ lập từ đảng ủy cơ sở trở lên)."]}
    return {}


def discipline_forms(subject: str, on: date) -> tuple[str, ...]:
    """The forms for `subject` = "organization", "official" or "probationary", in force on a date."""
    return tuple(rules.param(f"discipline.forms.{subject}", on))


def discipline_form_errors(subject: str, form: str, on: date, holds_post: bool = False) -> dict[str, list[str]]:
    """Forms per subject: organizations, official members (dismissal only with a post), probationary."""
    if form not in DisciplineForm.values:
        return {"form": ["Hình thức kỷ luật không hợp lệ."]}
    forms = discipline_forms(subject, on)
    label = DisciplineForm(form).label.lower()
    who = {
        "organization": "tổ chức đảng",
        "official": "đảng viên chính thức",
        "probationary": "đảng viên dự bị",
    }[subject]
    if form not in forms:
        allowed = ", ".join(DisciplineForm(f).label.lower() for f in forms)
        regulation = rules.rule(f"discipline.forms.{subject}", on).regulation
        return {"form": [f"Không áp dụng hình thức {label} đối với {who}; theo {regulation} chỉ có: {allowed}."]}
    if form == DisciplineForm.DISMISSAL and not holds_post:
        return {"position": ["Chỉ cách chức đảng viên đang giữ chức vụ: chọn chức vụ đảng viên đang giữ."]}
    return {}


def member_status_on(member, on: date) -> str | None:
    """ "official" or "probationary" on a date, or None when not a member that day."""
    if on < member.admitted_on or (member.left_on and on >= member.left_on):
        return None
    if member.official_on and member.official_on <= on:
        return "official"
    return "probationary"


def award_day_errors(award_date: date) -> list[str]:
    days = rules.param("badge.award_days", award_date)
    if (award_date.month, award_date.day) not in {tuple(d) for d in days}:
        listed = ", ".join(f"{d}/{m}" for m, d in days)
        return [f"Ngày {award_date:%d/%m/%Y} không phải ngày trao Huy hiệu Đảng ({listed})."]
    return []


def previous_award_date(award_date: date) -> date:
    """The award day before `award_date` (7/11 of the previous year before 3/2)."""
    days = sorted(tuple(d) for d in rules.param("badge.award_days", award_date))
    earlier = [(m, d) for m, d in days if (m, d) < (award_date.month, award_date.day)]
    if earlier:
        m, d = earlier[-1]
        return date(award_date.year, m, d)
    m, d = days[-1]
    return date(award_date.year - 1, m, d)


class BadgeWindow(NamedTuple):
    """The members whose party age reaches `years` after the previous award day and by this one: those
    admitted after `after` and on or before `until`."""

    years: int
    after: date
    until: date


def badge_windows(award_date: date) -> list[BadgeWindow]:
    """For each badge year of the award day's rules, the admission dates whose party age (`add_months` of 12
    months a year from the admission, 29/02 clamped to 28/02) reaches it after the previous award day and on
    or before this one. Party age is non-decreasing in the admission date, so these dates are a range, and
    the ranges of two badge years, five years or more apart, never meet."""
    previous = previous_award_date(award_date)
    return [BadgeWindow(years, _last_admission_reaching(years, previous), _last_admission_reaching(years, award_date))
            for years in rules.param("badge.years", award_date)]


def _last_admission_reaching(years: int, day: date) -> date:
    """The latest admission date whose party age reaches `years` on or before `day`."""
    admitted = add_months(day, -12 * years)
    while add_months(admitted + timedelta(days=1), 12 * years) <= day:
        admitted += timedelta(days=1)
    while add_months(admitted, 12 * years) > day:
        admitted -= timedelta(days=1)
    return admitted
