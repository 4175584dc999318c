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
from dangvu.members.rules import add_months, party_age_reached
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
    """The members whose party age reaches `years` after the previous award day and by this one: those whose
    Party age counts from (the admission, less the time without activity) after `after` and on or before
    `until`; and those who reached it after `held_after` and by `after`, whom a discipline deferred on the
    previous award day and no longer does (`returning_cutoffs`)."""

    years: int
    after: date
    until: date
    held_after: date


def badge_windows(award_date: date) -> list[BadgeWindow]:
    """For each badge year of the award day's rules, the dates Party age counts from whose party age
    (`add_months` of 12 months a year, 29/02 clamped to 28/02) reaches it after the previous award day and on
    or before this one. Party age is non-decreasing in that date, so these dates are a range, and the ranges
    of two badge years, five years or more apart, never meet (nor do those of the members coming back after a
    deferral, at most a year long)."""
    previous = previous_award_date(award_date)
    longest = max(rules.param("badge.discipline_deferral_months", previous).values())
    held_since = add_months(previous, -longest)
    return [
        BadgeWindow(
            years,
            _last_admission_reaching(years, previous),
            _last_admission_reaching(years, award_date),
            _last_admission_reaching(years, held_since),
        )
        for years in rules.param("badge.years", award_date)
    ]


def returning_cutoffs(award_date: date) -> tuple[tuple[str, ...], tuple[date, ...], tuple[date, ...]]:
    """The discipline decisions whose deferral held on the previous award day and ends by this one: for each
    form, decided after the first date and on or before the second (the members they held come back on the
    due list)."""
    previous = previous_award_date(award_date)
    months = rules.param("badge.discipline_deferral_months", previous)
    forms = tuple(sorted(months))
    return (
        forms,
        tuple(add_months(previous, -months[f]) for f in forms),
        tuple(min(previous, add_months(award_date, -months[f])) for f in forms),
    )


def _last_admission_reaching(years: int, day: date) -> date:
    """The latest admission date whose party age reaches `years` on or before `day`."""
    admitted = add_months(day, -12 * years)
    while add_months(admitted + timedelta(days=1), 12 * years) <= day:
        admitted += timedelta(days=1)
    while add_months(admitted, 12 * years) > day:
        admitted -= timedelta(days=1)
    return admitted


# Badge eligibility (xét tặng Huy hiệu Đảng) ------------------------------------------------------------------


class BadgeFacts(NamedTuple):
    """What the badge rules look at for one member: the admission, the day Party age counts from (the admission
    less the time without activity), leaving, the badges recorded, the discipline decisions (form, date)."""

    name: str
    admitted_on: date
    party_age_from: date | None
    left_on: date | None
    awarded: frozenset[int]
    disciplines: tuple[tuple[str, date], ...]

    @property
    def since(self) -> date:
        return self.party_age_from or self.admitted_on


def badge_reached_on(facts: BadgeFacts, years: int) -> date:
    """The day the member's Party age reaches `years`: from the admission, less the time without activity."""
    return party_age_reached(facts.since, years)


def early_months(years: int, on: date) -> int:
    """How many months early a badge of `years` may be awarded for grave illness, by the rules of `on`."""
    steps = rules.param("badge.early_months_illness", on)
    return max((months for start, months in steps.items() if years >= start), default=0)


def deferral_cutoffs(on: date) -> tuple[tuple[str, ...], tuple[date, ...]]:
    """The discipline forms that defer a badge on `on`, each with the day after which a decision of that form
    still defers it (a decision on or before the cut-off has served its months)."""
    months = rules.param("badge.discipline_deferral_months", on)
    forms = tuple(sorted(months))
    return forms, tuple(add_months(on, -months[form]) for form in forms)


def deferring_discipline(facts: BadgeFacts, on: date) -> tuple[str, date, date] | None:
    """The latest discipline decision that still defers a badge on `on`: (form, decided, considered from)."""
    months = rules.param("badge.discipline_deferral_months", on)
    holding = [
        (decided, form)
        for form, decided in facts.disciplines
        if form in months and add_months(on, -months[form]) < decided <= on
    ]
    if not holding:
        return None
    decided, form = max(holding)
    return form, decided, add_months(decided, months[form])


def badge_errors(facts: BadgeFacts, years: int, on: date, *, early_reason: str = "") -> list[str]:
    """Why the badge of `years` may not be awarded to the member on the award day `on`; [] when it may.

    The one decision of eligibility (every path that awards a badge asks it; the due list's SQL,
    `work.queries.due_placements`, is its set-based form): an award day; a badge year; not recorded before;
    still a member; Party age (less the time without activity) reached by the day, or, for grave illness with
    its reason recorded, reached within the months the rules allow early; no discipline still deferring it."""
    errors = award_day_errors(on)
    if years not in rules.param("badge.years", on):
        return [*errors, f"Không có Huy hiệu {years} năm tuổi Đảng."]
    if years in facts.awarded:
        errors.append(f"{facts.name} đã được trao Huy hiệu {years} năm tuổi Đảng.")
    if facts.left_on and facts.left_on <= on:
        errors.append(f"{facts.name} đã ra khỏi Đảng ngày {facts.left_on:%d/%m/%Y}.")
    reached = badge_reached_on(facts, years)
    counted = (
        f"tuổi đảng tính từ {facts.since:%d/%m/%Y}, đã trừ thời gian không sinh hoạt đảng"
        if facts.party_age_from
        else f"tuổi đảng tính từ ngày vào Đảng {facts.admitted_on:%d/%m/%Y}"
    )
    if reached > on:
        allowed = early_months(years, on)
        if not early_reason:
            errors.append(
                f"{facts.name} đủ {years} năm tuổi đảng ngày {reached:%d/%m/%Y} ({counted}): chưa đến "
                f"hạn; tặng sớm (tối đa {allowed} tháng) chỉ khi bệnh nặng, cần ghi lý do."
            )
        elif reached > add_months(on, allowed):
            regulation = rules.rule("badge.early_months_illness", on).regulation
            errors.append(
                f"{facts.name} đủ {years} năm tuổi đảng ngày {reached:%d/%m/%Y} ({counted}): quá "
                f"{allowed} tháng được tặng sớm khi bệnh nặng ({regulation})."
            )
    if held := deferring_discipline(facts, on):
        regulation = rules.rule("badge.discipline_deferral_months", on).regulation
        errors.append(f"{facts.name} bị {deferral_text(held)} ({regulation}).")
    return errors


def deferral_text(held: tuple[str, date, date]) -> str:
    form, decided, until = held
    return (
        f"kỷ luật {DisciplineForm(form).label.lower()} ngày {decided:%d/%m/%Y}: chưa xét tặng Huy hiệu đến "
        f"ngày {until:%d/%m/%Y}"
    )
