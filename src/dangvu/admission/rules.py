"""The admission pipeline's rules: introducers, the cell's vote, the deadlines. Messages are Vietnamese.

Every parameter comes from `dangvu.core.rules`, judged on the step's own date; `applied_rules` names the
regulation each step was judged by, for the pipeline page.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from dangvu.core import rules
from dangvu.core.workdays import WorkCalendar, calendar_for
from dangvu.members.models import EventType, LeftReason, Member, MemberEvent, Placement, Status
from dangvu.members.rules import add_months, months_between
from dangvu.organizations.models import Organization

from .models import ReadmissionGround, UnionKind


def votes_needed(official_members: int, on: date) -> int:
    """At least two thirds of the official members, rounded up: 5 of 7, 4 of 6, 2 of 3."""
    numerator, denominator = rules.param("admission.cell_approval_fraction", on)
    return -(-official_members * numerator // denominator)


def _placed(cell: Organization, on: date) -> QuerySet:
    placements = Placement.objects.filter(organization=cell, valid_from__lte=on, valid_to__gt=on)
    return placements.values("member_id")


def _exempted(on: date) -> QuerySet:
    return MemberEvent.objects.filter(type=EventType.EXEMPTED, date__lte=on).values("member_id")


def official_members_on(cell: Organization, on: date) -> QuerySet:
    """The official members registered in the cell on a date, less those exempted from activities by then
    (an exempted member counts only when present and voting: `exempted_present` of the resolution)."""
    placed, exempted = _placed(cell, on), _exempted(on)
    return (
        Member.objects.filter(pk__in=placed, official_on__isnull=False, official_on__lte=on)
        .exclude(left_on__isnull=False, left_on__lte=on)
        .exclude(pk__in=exempted)
    )


def exempted_members_on(cell: Organization, on: date) -> QuerySet:
    """Official members of the cell exempted from activities (miễn công tác và sinh hoạt) by the date."""
    members = Member.objects.filter(pk__in=_placed(cell, on), official_on__lte=on)
    return members.filter(pk__in=_exempted(on)).exclude(left_on__isnull=False, left_on__lte=on)


def introducer_errors(member: Member | None, together_since: date | None, on: date) -> list[str]:
    """An introducer is an official member on the day who has worked or lived with the candidate 12 months."""
    if member is None:
        return ["Chưa chọn đảng viên giới thiệu."]
    name = member.person.full_name
    errors = []
    if member.left_on and member.left_on <= on:
        errors.append(f"{name} đã ra khỏi Đảng ngày {member.left_on:%d/%m/%Y}.")
    elif member.official_on is None or member.official_on > on or member.admitted_on > on:
        errors.append(
            f"{name} chưa là đảng viên chính thức ngày {on:%d/%m/%Y}: người giới thiệu phải là đảng viên chính thức."
        )
    if together_since is None:
        errors.append(f"Cần ghi ngày {name} bắt đầu cùng công tác, sinh sống với người vào Đảng.")
    else:
        needed = rules.param("admission.introducer_shared_months", on)
        months = months_between(together_since, on) if together_since <= on else -1
        if months < needed:
            shown = max(months, 0)
            errors.append(
                f"{name} mới cùng công tác với người vào Đảng {shown} tháng (từ {together_since:%d/%m/%Y}); "
                f"cần ít nhất {needed} tháng."
            )
    return errors


def introducer_count_errors(count: int, union_kind: str, birth_date: date | None, on: date) -> list[str]:
    """Two official members; or the Youth Union committee (for a young candidate) or, where there is no
    Youth Union, the trade union committee, plus one official member."""
    required = rules.param("admission.min_introducers", on)
    errors = []
    if union_kind:
        required -= 1
        if union_kind == UnionKind.YOUTH_UNION and birth_date is not None:
            limit = rules.param("admission.youth_union_max_age", on)
            if months_between(birth_date, on) >= (limit + 1) * 12:
                errors.append(
                    f"Người vào Đảng đã quá {limit} tuổi ngày {on:%d/%m/%Y}: không còn trong độ tuổi Đoàn, "
                    "cần hai đảng viên chính thức hoặc Công đoàn cơ sở giới thiệu."
                )
    if count != required:
        if union_kind:
            body = UnionKind(union_kind).label.split(" và ")[0]
            errors.append(
                f"Khi {body} giới thiệu, cần thêm đúng {required} đảng viên chính thức giới thiệu; đã ghi {count}."
            )
        else:
            errors.append(f"Cần đúng {required} đảng viên chính thức giới thiệu; đã ghi {count}.")
    return errors


def readmission_errors(
    member: Member, *, ground: str, consent: str, cleared_on: date | None, on: date
) -> dict[str, list[str]]:
    """Kết nạp lại on `on` (the listing, then the decision), by the rules in force that day: only a person who
    left (not by death), once, at least 36 months after leaving (60 after a minor crime's record was cleared),
    never on an excluded ground, with the provincial standing committee's written consent."""
    errors: dict[str, list[str]] = {}
    name = member.person.full_name
    if member.status != Status.LEFT or member.left_on is None:
        return {"person": [f"{name} đang là đảng viên: không kết nạp lại."]}
    if member.left_reason == LeftReason.DECEASED:
        return {"person": [f"{name} đã từ trần."]}
    if ground not in ReadmissionGround.values:
        errors["readmission_ground"] = ["Chọn lý do đã ra khỏi Đảng."]
    elif member.left_reason == LeftReason.RESIGNED and ground not in (
        ReadmissionGround.RESIGNED,
        ReadmissionGround.RESIGNED_HARDSHIP,
    ):
        errors["readmission_ground"] = [
            f"{name} ra khỏi Đảng theo đơn xin ra khỏi Đảng ngày "
            f"{member.left_on:%d/%m/%Y}: chọn lý do xin ra khỏi Đảng."
        ]
    excluded = rules.rule("readmission.excluded_grounds", on)
    if ground in excluded.value:
        errors.setdefault("readmission_ground", []).append(
            f"Không xem xét kết nạp lại người đã ra khỏi Đảng vì lý do “{ReadmissionGround(ground).label.lower()}” "
            f"({excluded.regulation})."
        )
    once = rules.rule("readmission.once", on)
    if once.value and member.events.filter(type=EventType.READMITTED).exists():
        errors.setdefault("person", []).append(
            f"{name} đã được kết nạp lại một lần: chỉ kết nạp lại một lần ({once.regulation})."
        )
    months = rules.param("readmission.min_months", on)
    earliest = add_months(member.left_on, months)
    if on < earliest:
        errors.setdefault("on", []).append(
            f"{name} ra khỏi Đảng ngày {member.left_on:%d/%m/%Y}: chỉ xét kết nạp lại sau ít nhất {months} tháng "
            f"(từ ngày {earliest:%d/%m/%Y})."
        )
    if ground == ReadmissionGround.MINOR_CRIME:
        crime_months = rules.param("readmission.minor_crime_months", on)
        if cleared_on is None:
            errors["record_cleared_on"] = ["Cần ghi ngày được xóa án tích."]
        elif on < add_months(cleared_on, crime_months):
            errors["record_cleared_on"] = [
                f"Được xóa án tích ngày {cleared_on:%d/%m/%Y}: chỉ xét kết nạp lại sau {crime_months} tháng (từ "
                f"ngày {add_months(cleared_on, crime_months):%d/%m/%Y})."
            ]
    if not consent:
        errors["readmission_consent"] = ["Cần ghi văn bản đồng ý của Ban Thường vụ tỉnh ủy, thành ủy (số, ngày)."]
    return errors


def probation_end(ceremony_on: date) -> date:
    """Hết thời gian dự bị: 12 months from the admission ceremony; also the official date."""
    return add_months(ceremony_on, rules.param("probation.months", ceremony_on))


@dataclass(frozen=True)
class Deadline:
    """A deadline in working days: its date, whether it was met, how many working days remain or are over."""

    start: date
    working_days: int
    due: date
    done_on: date | None
    remaining: int  # working days left (negative when overdue), counted from `today` or `done_on`
    missing_years: tuple[int, ...]  # years without recorded holidays: the deadline may be too early

    @property
    def late(self) -> bool:
        return self.remaining < 0


def deadline(
    start: date, key: str, done_on: date | None, today: date, calendar: WorkCalendar | None = None
) -> Deadline:
    """The deadline `key` (a number of working days in the rules in force on `start`) counted from `start`."""
    days = rules.param(key, start)
    end = max(done_on or today, start)
    cal = calendar or calendar_for(start, days + 400)
    due = cal.add(start, days)
    checked = done_on or today
    remaining = cal.count(checked, due) if checked <= due else -cal.count(due, checked)
    return Deadline(start, days, due, done_on, remaining, tuple(cal.missing_years(start, max(due, end))))


def ceremony_start(candidate) -> date:
    """The day the ceremony's 30 working days count from: the day the cell received the admission decision
    (the decision's own date while no receipt is recorded)."""
    return candidate.decision_received_on or candidate.decision_on


def ceremony_deadline(
    received_on: date, ceremony_on: date | None, today: date, calendar: WorkCalendar | None = None
) -> Deadline:
    """The ceremony's deadline, counted from the day the cell received the decision (`ceremony_start`)."""
    return deadline(received_on, "admission.ceremony_working_days", ceremony_on, today, calendar)


def recognition_deadline(
    ceremony_on: date, recognition_on: date | None, today: date, calendar: WorkCalendar | None = None
) -> Deadline:
    return deadline(probation_end(ceremony_on), "probation.recognition_working_days", recognition_on, today, calendar)


# Which rules each step was judged by, for the pipeline page.
STEP_RULES = {
    "resolution": ["admission.min_age_years", "admission.max_age_years", "admission.cell_approval_fraction"],
    "introducers": ["admission.min_introducers", "admission.introducer_shared_months", "admission.youth_union_max_age"],
    "readmission": ["readmission.min_months", "readmission.excluded_grounds", "readmission.once"],
    "ceremony": ["admission.ceremony_working_days", "admission.late_ceremony_needs_approval"],
    "probation": ["probation.months"],
    "recognition": ["probation.recognition_working_days"],
}


@dataclass(frozen=True)
class AppliedRule:
    step: str
    key: str
    value: object
    regulation: str
    description: str
    unconfirmed: bool
    on: date


def applied_rules(step: str, on: date) -> list[AppliedRule]:
    found = []
    for key in STEP_RULES[step]:
        rule = rules.rule(key, on)
        found.append(
            AppliedRule(step, key, rules.param(key, on), rule.regulation, rule.description, rule.unconfirmed, on)
        )
    return found
