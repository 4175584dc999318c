"""Reads of the admission pipeline, always through the user's scope: the candidate list and its filters, one
candidate's timeline with the regulations applied, and the due and overdue list.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from dangvu.accounts.scope import READ, Scope
from dangvu.core.pickers import filter_pick
from dangvu.core.web import parse_year
from dangvu.core.workdays import WorkCalendar
from dangvu.members.models import Member, Status
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Ancestry, Kind, Organization
from dangvu.organizations.pickers import OrganizationSource

from . import rules
from .actions import ALLOWED_FROM, BEFORE_DECISION, STEP_DATE
from .models import PATH, Candidate, Step, UnionKind

DATE_FIELDS = list(STEP_DATE.values()) + ["ended_on"]


def visible_candidates(scope: Scope, capability: str = READ) -> QuerySet:
    return scope.restrict(Candidate.objects.all(), "organization", capability).select_related(
        "person", "organization", "member"
    )


@dataclass
class CandidateFilter:
    organization: Organization | None = None
    step: str = ""
    year: int | None = None
    problems: list[str] = field(default_factory=list)
    organization_picker: object = None  # the filter's organization picker, to show

    @classmethod
    def from_params(cls, scope: Scope, params) -> "CandidateFilter":
        flt = cls()
        picked = filter_pick(params, scope, OrganizationSource(), label="Tổ chức (gồm cả cấp dưới)")
        flt.organization, flt.organization_picker = picked.value, picked.field
        if picked.problem:
            flt.problems.append(picked.problem)
        step = params.get("buoc") or ""
        if step in Step.values:
            flt.step = step
        elif step:
            flt.problems.append("Bước không hợp lệ; đang hiển thị mọi bước.")
        year = (params.get("nam") or "").strip()
        if year:
            if parse_year(year):
                flt.year = parse_year(year)
            else:
                flt.problems.append(f"Năm '{year}' không hợp lệ.")
        return flt


def candidate_list(scope: Scope, flt: CandidateFilter) -> QuerySet:
    """Candidates in scope; the organization filter takes its whole subtree; the year matches any step."""
    found = visible_candidates(scope)
    if flt.organization is not None:
        below = Ancestry.objects.filter(ancestor=flt.organization).values("descendant_id")
        found = found.filter(organization_id__in=below)
    if flt.step:
        found = found.filter(step=flt.step)
    if flt.year:
        condition = Q()
        for name in DATE_FIELDS:
            condition |= Q(**{f"{name}__year": flt.year})
        found = found.filter(condition)
    return found.order_by("-step_on", "person__sort_key")


def get_candidate(scope: Scope, pk: int) -> Candidate:
    """One candidate, or 404 when out of the user's sight."""
    return get_object_or_404(visible_candidates(scope), pk=pk)


# One candidate ------------------------------------------------------------------------------------------


@dataclass
class TimelineItem:
    step: str
    label: str
    on: date | None
    details: list[str]
    done: bool
    warnings: list[str] = field(default_factory=list)


LABELS = {
    Step.LISTED: "Đưa vào danh sách quần chúng ưu tú",
    Step.IN_CLASS: "Cử đi học lớp bồi dưỡng nhận thức về Đảng",
    Step.CERTIFIED: "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng",
    Step.APPLIED: "Đơn xin vào Đảng",
    Step.INTRODUCED: "Người giới thiệu",
    Step.RESOLVED: "Nghị quyết của chi bộ đề nghị kết nạp",
    Step.ADMITTED: "Quyết định kết nạp",
    Step.PROBATION: "Lễ kết nạp; 12 tháng dự bị",
    Step.OFFICIAL: "Công nhận đảng viên chính thức",
}


def _deadline_text(deadline: rules.Deadline, what: str) -> list[str]:
    if deadline.done_on is not None:
        if deadline.late:
            return [
                f"{what} muộn {-deadline.remaining} ngày làm việc so với hạn {deadline.due:%d/%m/%Y} "
                f"({deadline.working_days} ngày làm việc)."
            ]
        return []
    if deadline.late:
        return [f"Quá hạn {what.lower()} {-deadline.remaining} ngày làm việc (hạn {deadline.due:%d/%m/%Y})."]
    return []


def _missing_years_text(deadline: rules.Deadline) -> list[str]:
    if not deadline.missing_years:
        return []
    years = ", ".join(str(y) for y in deadline.missing_years)
    return [f"Chưa có lịch nghỉ lễ năm {years}: hạn tính theo ngày làm việc có thể sớm hơn thực tế."]


def timeline(candidate: Candidate, today: date) -> list[TimelineItem]:
    """The steps in order, each with its date and documents, and the warnings of late deadlines."""
    c = candidate
    items = []
    for step in PATH:
        on = getattr(c, STEP_DATE[step])
        details, warnings = _step_details(c, step, on, today)
        items.append(TimelineItem(step, LABELS[step], on, details, on is not None, warnings))
    if c.step in (Step.REJECTED, Step.WITHDRAWN, Step.STRUCK_OFF):
        number = f"Số {c.end_decision_number}; " if c.end_decision_number else ""
        items.append(TimelineItem(c.step, c.get_step_display(), c.ended_on, [f"{number}{c.end_reason}"], True))
    return items


def _step_details(c: Candidate, step: Step, on: date | None, today: date) -> tuple[list[str], list[str]]:
    """What the timeline says under one step (its documents), and its warnings."""
    details: list[str] = []
    if step == Step.LISTED:
        details.append(f"Chi bộ: {c.organization.name}")
    elif step == Step.CERTIFIED and c.certificate_number:
        details.append(f"Số {c.certificate_number}")
        if c.course_participant_id:
            details.append(f"Lớp: {c.course_participant.course}")
    elif step == Step.INTRODUCED and on:
        if c.union_kind:
            details.append(f"{UnionKind(c.union_kind).label} ({c.union_reference})")
        for intro in c.introducers.select_related("member__person"):
            details.append(f"{intro.member.person.full_name}, cùng công tác từ {intro.together_since:%d/%m/%Y}")
    elif step == Step.RESOLVED and on:
        details += _resolution_details(c, on)
    elif step == Step.ADMITTED and on:
        by = f" của {c.decision_by.name}" if c.decision_by_id else ""
        details.append(f"Số {c.decision_number}{by}; tuổi đảng tính từ ngày này")
    elif step == Step.PROBATION and c.decision_on:
        return _probation_details(c, today)
    elif step == Step.OFFICIAL and c.ceremony_on and c.step in (Step.PROBATION, Step.OFFICIAL):
        return _recognition_details(c, on, today)
    return details, []


def _resolution_details(c: Candidate, on: date) -> list[str]:
    needed = rules.votes_needed(c.official_members or 0, on)
    number = f"Số {c.resolution_number}; " if c.resolution_number else ""
    details = [f"{number}{c.votes_for}/{c.official_members} đảng viên chính thức tán thành (cần ít nhất {needed})"]
    if c.exempted_present:
        details.append(f"Kể cả {c.exempted_present} đảng viên miễn sinh hoạt có mặt biểu quyết")
    if c.over_age_approval:
        details.append(f"Chấp thuận kết nạp trên 60 tuổi: {c.over_age_approval}")
    return details


def _probation_details(c: Candidate, today: date) -> tuple[list[str], list[str]]:
    deadline = rules.ceremony_deadline(rules.ceremony_start(c), c.ceremony_on, today)
    received = (
        f"từ ngày chi bộ nhận quyết định {c.decision_received_on:%d/%m/%Y}"
        if c.decision_received_on
        else "từ ngày quyết định (chưa ghi ngày chi bộ nhận)"
    )
    details = [f"Hạn tổ chức lễ: {deadline.due:%d/%m/%Y} ({deadline.working_days} ngày làm việc {received})"]
    if c.late_ceremony_approval:
        details.append(f"Cấp ủy cấp trên đồng ý tổ chức lễ quá hạn: {c.late_ceremony_approval}")
    warnings = _deadline_text(deadline, "Lễ kết nạp") + _missing_years_text(deadline)
    if c.ceremony_on:
        details.append(f"Dự bị đến {rules.probation_end(c.ceremony_on):%d/%m/%Y}")
    return details, warnings


def _recognition_details(c: Candidate, on: date | None, today: date) -> tuple[list[str], list[str]]:
    deadline = rules.recognition_deadline(c.ceremony_on, c.recognition_on, today)
    if on:
        details = [f"Số {c.recognition_number}; ngày chính thức {c.member.official_on:%d/%m/%Y} (hết 12 tháng dự bị)"]
    else:
        details = [f"Xét từ {deadline.start:%d/%m/%Y}, hạn {deadline.due:%d/%m/%Y}"]
    return details, _deadline_text(deadline, "Công nhận chính thức") + _missing_years_text(deadline)


# The forms each step has, in the order they are offered.
STEP_FORMS = [
    ("hoc-lop", Step.IN_CLASS),
    ("chung-nhan", Step.CERTIFIED),
    ("don", Step.APPLIED),
    ("gioi-thieu", Step.INTRODUCED),
    ("nghi-quyet", Step.RESOLVED),
    ("quyet-dinh", Step.ADMITTED),
    ("le-ket-nap", Step.PROBATION),
    ("cong-nhan", Step.OFFICIAL),
]
ENDING_FORMS = [("khong-ket-nap", Step.REJECTED), ("rut-ten", Step.WITHDRAWN), ("xoa-ten", Step.STRUCK_OFF)]


def available_steps(candidate: Candidate) -> list[tuple[str, str]]:
    """The steps that can be recorded now (slug, label): the next one first, then corrections and endings."""
    found = []
    for slug, step in STEP_FORMS:
        if candidate.step in ALLOWED_FROM[step]:
            correction = candidate.step == step
            found.append((slug, f"Sửa: {LABELS[step].lower()}" if correction else LABELS[step]))
    found.sort(key=lambda item: item[1].startswith("Sửa"))
    if candidate.step in BEFORE_DECISION:
        found += [("khong-ket-nap", "Không kết nạp"), ("rut-ten", "Rút khỏi danh sách")]
    if candidate.step == Step.PROBATION:
        found.append(("xoa-ten", "Không công nhận chính thức (xóa tên)"))
    return found


def applied_regulations(candidate: Candidate) -> list[rules.AppliedRule]:
    """The rules each recorded step was judged by, with their regulation and whether they are confirmed."""
    c = candidate
    found = []
    if c.introduced_on:
        found += rules.applied_rules("introducers", c.introduced_on)
    if c.resolution_on:
        found += rules.applied_rules("resolution", c.resolution_on)
    if c.decision_on:
        found += rules.applied_rules("ceremony", c.decision_on)
    if c.ceremony_on:
        found += rules.applied_rules("probation", c.ceremony_on)
        found += rules.applied_rules("recognition", rules.probation_end(c.ceremony_on))
    return found


def introducer_choices(scope: Scope, candidate: Candidate) -> QuerySet:
    """Members who may be picked as introducers: those of the cell's grassroots organization, in sight."""
    cell = candidate.organization
    base = cell.parent if cell.kind == Kind.CELL and cell.parent_id else cell
    below = Ancestry.objects.filter(ancestor=base).values("descendant_id")
    members = Member.objects.filter(organization_id__in=below, status__in=[Status.OFFICIAL, Status.EXEMPTED])
    return scope.restrict(members, "organization").select_related("person", "organization").order_by("person__sort_key")


def committee_choices(candidate: Candidate) -> QuerySet:
    """Every committee that has stood above the cell: the action checks the one chosen on the decision's date."""
    above = Ancestry.objects.filter(descendant=candidate.organization, depth__gt=0).values("ancestor_id")
    return Organization.objects.filter(pk__in=above).exclude(kind__in=MEMBER_UNIT_KINDS).order_by("-pk")


# The due and overdue list -------------------------------------------------------------------------------


@dataclass
class DueRow:
    candidate: Candidate
    start: date
    due: date
    remaining: int  # working days (negative: overdue)
    note: str = ""

    @property
    def overdue(self) -> int:
        return max(0, -self.remaining)


@dataclass
class DueList:
    ceremonies: list[DueRow]
    probations: list[DueRow]
    recognitions_late: list[DueRow]
    horizon: date


def due_list(scope: Scope, today: date, days: int = 60, organization: Organization | None = None) -> DueList:
    """Ceremonies to hold, probations ending within `days`, and recognitions overdue, for the user's scope."""
    found = visible_candidates(scope)
    if organization is not None:
        found = found.filter(organization_id__in=Ancestry.objects.filter(ancestor=organization).values("descendant_id"))
    horizon = today + timedelta(days=days)
    admitted = list(found.filter(step=Step.ADMITTED).order_by("decision_on"))
    probation = list(found.filter(step=Step.PROBATION).order_by("ceremony_on"))
    starts = [c.decision_on for c in admitted] + [c.ceremony_on for c in probation]
    calendar = WorkCalendar.between(
        min(starts, default=today) - timedelta(days=1), max(today, horizon) + timedelta(days=500)
    )
    ceremonies = []
    for c in admitted:
        d = rules.ceremony_deadline(rules.ceremony_start(c), None, today, calendar)
        ceremonies.append(DueRow(c, c.decision_on, d.due, d.remaining))
    probations, late = [], []
    for c in probation:
        end = rules.probation_end(c.ceremony_on)
        d = rules.recognition_deadline(c.ceremony_on, None, today, calendar)
        if d.late:
            late.append(DueRow(c, end, d.due, d.remaining))
        elif end <= horizon:
            note = "Đã hết dự bị: chi bộ xét công nhận chính thức" if end <= today else ""
            probations.append(DueRow(c, end, d.due, d.remaining, note))
    return DueList(ceremonies, probations, late, horizon)


def _introducer_people(scope: Scope, arg: str) -> QuerySet:
    """The introducers' picker's list, for its type-ahead (`members.pickers.LISTS`): a candidate the user may
    record steps of."""
    from django.core.exceptions import PermissionDenied

    from dangvu.accounts.scope import WRITE
    from dangvu.members.models import Person

    candidate = get_candidate(scope, int(arg))
    if not scope.covers(candidate.organization_id, WRITE):
        raise PermissionDenied
    return Person.objects.filter(membership__in=introducer_choices(scope, candidate))


def _deciding_committees(scope: Scope, arg: str) -> QuerySet:
    """The deciding committee's picker's list, for its type-ahead (`organizations.pickers.LISTS`): a candidate
    the user may record steps of."""
    from django.core.exceptions import PermissionDenied

    from dangvu.accounts.scope import WRITE
    from dangvu.core.web import parse_id

    pk = parse_id(arg)
    if pk is None:
        raise ValueError(arg)
    candidate = get_candidate(scope, pk)
    if not scope.covers(candidate.organization_id, WRITE):
        raise PermissionDenied
    return committee_choices(candidate)


def _register() -> None:
    from dangvu.members.pickers import register_list
    from dangvu.organizations.pickers import register_list as register_organizations

    register_list("gioi-thieu", _introducer_people)
    register_organizations("cap-uy-ket-nap", _deciding_committees)


_register()
