"""Every step of the admission pipeline: each checks its rules on its own date and records an audit event.

The steps follow the Charter's order (listed, sent to the awareness class, certificate, application,
introducers, the cell's resolution, the admission decision, the ceremony, recognition). A step may be
recorded again to correct it while it is the latest one. The admission decision creates the member record
(`members.actions.create_member`), recognition updates it (`recognize_official`), and a probationary member
who is not recognized is struck off (`members.actions.leave`). Errors are keyed by the step forms' fields:
"on" (the step's date), "number", "by", "votes_for", "exempted_present", "over_age_approval", "reason",
"introducers", and the person's fields when a candidate is listed.
"""

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from dangvu.admission.audit_actions import AdmissionAudit
from dangvu.core import audit
from dangvu.core import rules as party_rules
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.members import actions as member_actions
from dangvu.members.models import LeftReason, Member, Person, Status
from dangvu.members.rules import admission_age_errors, months_between
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Ancestry, Organization

from . import rules
from .models import PATH, Candidate, Introducer, Step, UnionKind

STEP_DATE = {
    Step.LISTED: "listed_on",
    Step.IN_CLASS: "class_sent_on",
    Step.CERTIFIED: "certificate_on",
    Step.APPLIED: "applied_on",
    Step.INTRODUCED: "introduced_on",
    Step.RESOLVED: "resolution_on",
    Step.ADMITTED: "decision_on",
    Step.PROBATION: "ceremony_on",
    Step.OFFICIAL: "recognition_on",
}
# What the date of each step is called in messages.
STEP_EVENT = {
    Step.LISTED: "đưa vào danh sách quần chúng ưu tú",
    Step.IN_CLASS: "cử đi học lớp bồi dưỡng",
    Step.CERTIFIED: "cấp giấy chứng nhận",
    Step.APPLIED: "đơn xin vào Đảng",
    Step.INTRODUCED: "giới thiệu",
    Step.RESOLVED: "nghị quyết của chi bộ",
    Step.ADMITTED: "quyết định kết nạp",
    Step.PROBATION: "lễ kết nạp",
    Step.OFFICIAL: "quyết định công nhận chính thức",
}
# From which steps each step may be recorded (its own step: a correction while it is the latest).
ALLOWED_FROM = {
    Step.IN_CLASS: [Step.LISTED, Step.IN_CLASS],
    Step.CERTIFIED: [Step.LISTED, Step.IN_CLASS, Step.CERTIFIED],
    Step.APPLIED: [Step.CERTIFIED, Step.APPLIED],
    Step.INTRODUCED: [Step.APPLIED, Step.INTRODUCED],
    Step.RESOLVED: [Step.INTRODUCED, Step.RESOLVED],
    Step.ADMITTED: [Step.RESOLVED],
    Step.PROBATION: [Step.ADMITTED, Step.PROBATION],
    Step.OFFICIAL: [Step.PROBATION],
}
BEFORE_DECISION = PATH[: PATH.index(Step.ADMITTED)]


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise RuleViolation(errors)


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _require_step(candidate: Candidate, step: Step) -> None:
    if candidate.step not in ALLOWED_FROM[step]:
        raise RuleViolation(
            f"Hồ sơ của {candidate.person.full_name} đang ở bước “{candidate.get_step_display()}”: "
            f"không thể ghi {STEP_EVENT[step]} lúc này."
        )


def _previous(candidate: Candidate, step: Step) -> tuple[date, Step]:
    """The date of the latest step recorded before `step` on the path, and that step."""
    for earlier in reversed(PATH[: PATH.index(step)]):
        value = getattr(candidate, STEP_DATE[earlier])
        if value is not None:
            return value, earlier
    return candidate.listed_on, Step.LISTED


def _date_errors(candidate: Candidate, step: Step, on: date | None, today: date) -> dict[str, list[str]]:
    """The step's date is given, not in the future, and not before the step it follows."""
    if on is None:
        return {"on": [f"Cần ghi ngày {STEP_EVENT[step]}."]}
    if on > today:
        return {"on": [f"Ngày {on:%d/%m/%Y} ở tương lai."]}
    earlier, earlier_step = _previous(candidate, step)
    if on < earlier:
        return {
            "on": [
                f"Ngày {STEP_EVENT[step]} ({on:%d/%m/%Y}) trước ngày {STEP_EVENT[earlier_step]} ({earlier:%d/%m/%Y})."
            ]
        }
    return {}


def _write(actor, candidate: Candidate, action: AdmissionAudit, before: dict | None, reason: str = "") -> Candidate:
    candidate.save()
    audit.record(
        actor,
        action,
        candidate,
        before=before,
        organization=candidate.organization,
        reason=reason,
        object_label=f"{candidate.person.full_name}: {candidate.get_step_display()}",
    )
    return candidate


def _advance(candidate: Candidate, step: Step, on: date) -> None:
    setattr(candidate, STEP_DATE[step], on)
    candidate.step, candidate.step_on = step, on


# Listing a candidate -----------------------------------------------------------------------------------


def _cell_errors(
    errors: dict[str, list[str]], actor, organization: Organization | None, listed_on: date | None
) -> None:
    """The cell that lists a candidate: chosen, within the actor's writing scope, a cell working that day."""
    if organization is None:
        _add(errors, "organization", "Chưa chọn chi bộ.")
        return
    member_actions.require_write(actor, organization.pk)
    if organization.kind not in MEMBER_UNIT_KINDS:
        _add(
            errors,
            "organization",
            f"{organization.name} không phải chi bộ: quần chúng ưu tú do chi bộ bồi dưỡng, giới thiệu.",
        )
    elif listed_on and not organization.is_active(listed_on):
        _add(errors, "organization", f"{organization.name} không hoạt động ngày {listed_on:%d/%m/%Y}.")


@transaction.atomic
def register(
    actor,
    *,
    person: dict | Person,
    organization: Organization | None,
    listed_on: date | None,
    today: date | None = None,
    readmission_ground: str = "",
    readmission_consent: str = "",
    record_cleared_on: date | None = None,
) -> Candidate:
    """Đưa vào danh sách quần chúng ưu tú: a new or an already recorded person, in the cell preparing them.
    A person who left the Party is listed for re-admission (kết nạp lại) with the ground they left on and the
    provincial standing committee's consent, judged by `rules.readmission_errors` on the listing day."""
    today = _today(today)
    errors: dict[str, list[str]] = {}
    _cell_errors(errors, actor, organization, listed_on)
    if listed_on is None:
        _add(errors, "listed_on", "Cần ghi ngày đưa vào danh sách quần chúng ưu tú.")
    elif listed_on > today:
        _add(errors, "listed_on", f"Ngày {listed_on:%d/%m/%Y} ở tương lai.")
    if isinstance(person, Person):
        data = None
        membership = Member.objects.filter(person=person).first()
        if membership is not None and membership.status == Status.LEFT and readmission_ground:
            if listed_on is not None:
                for field, messages in rules.readmission_errors(
                    membership,
                    ground=readmission_ground,
                    consent=nfc(readmission_consent),
                    cleared_on=record_cleared_on,
                    on=listed_on,
                ).items():
                    for message in messages:
                        _add(errors, "listed_on" if field == "on" else field, message)
        elif membership is not None:
            _add(
                errors,
                "person",
                f"{person.full_name} đã có hồ sơ đảng viên"
                + (
                    " (đã ra khỏi Đảng: chọn “Kết nạp lại” trên trang của đảng viên)."
                    if membership.status == Status.LEFT
                    else "."
                ),
            )
        if person.birth_date is None:
            _add(errors, "birth_date", "Cần ngày sinh để xét tuổi vào Đảng.")
    else:
        data = member_actions.clean_person_data(person)
        errors.update(member_actions.person_errors(data, today))
        if data.get("birth_date") is None and "birth_date" not in errors:
            _add(errors, "birth_date", "Cần ngày sinh để xét tuổi vào Đảng.")
    if isinstance(person, Person):
        open_one = (
            Candidate.objects.filter(person=person)
            .exclude(step__in=[Step.REJECTED, Step.WITHDRAWN, Step.STRUCK_OFF])
            .first()
        )
        if open_one is not None:
            _add(errors, "person", f"{person.full_name} đang có hồ sơ tại {open_one.organization.name}.")
    _raise_if(errors)
    person_obj = person if data is None else Person.objects.create(**data)
    candidate = Candidate(
        person=person_obj,
        organization=organization,
        listed_on=listed_on,
        step=Step.LISTED,
        step_on=listed_on,
        readmission_ground=readmission_ground if data is None else "",
        readmission_consent=nfc(readmission_consent) if data is None else "",
        record_cleared_on=record_cleared_on if data is None else None,
    )
    return _write(actor, candidate, AdmissionAudit.CANDIDATE_REGISTER, None)


# The steps before the cell decides ------------------------------------------------------------------------


@transaction.atomic
def send_to_class(actor, candidate: Candidate, *, on: date | None, today: date | None = None) -> Candidate:
    """Cử đi học lớp bồi dưỡng nhận thức về Đảng."""
    member_actions.require_write(actor, candidate.organization_id)
    _require_step(candidate, Step.IN_CLASS)
    _raise_if(_date_errors(candidate, Step.IN_CLASS, on, _today(today)))
    before = audit.snapshot(candidate)
    _advance(candidate, Step.IN_CLASS, on)
    return _write(actor, candidate, AdmissionAudit.CANDIDATE_CLASS, before)


@transaction.atomic
def record_certificate(
    actor, candidate: Candidate, *, number: str, on: date | None, course_participant=None, today: date | None = None
) -> Candidate:
    """Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng: its number and date (and the class, if recorded)."""
    member_actions.require_write(actor, candidate.organization_id)
    _require_step(candidate, Step.CERTIFIED)
    errors = _date_errors(candidate, Step.CERTIFIED, on, _today(today))
    number = nfc(number)
    if course_participant is not None:
        if course_participant.person_id != candidate.person_id:
            _add(errors, "course_participant", "Học viên được chọn không phải người vào Đảng này.")
        elif not number:
            number = course_participant.certificate_number
    if not number:
        _add(errors, "number", "Cần ghi số giấy chứng nhận.")
    _raise_if(errors)
    before = audit.snapshot(candidate)
    candidate.certificate_number, candidate.course_participant = number, course_participant
    _advance(candidate, Step.CERTIFIED, on)
    return _write(actor, candidate, AdmissionAudit.CANDIDATE_CERTIFICATE, before, reason=number)


@transaction.atomic
def record_application(actor, candidate: Candidate, *, on: date | None, today: date | None = None) -> Candidate:
    """Đơn xin vào Đảng."""
    member_actions.require_write(actor, candidate.organization_id)
    _require_step(candidate, Step.APPLIED)
    _raise_if(_date_errors(candidate, Step.APPLIED, on, _today(today)))
    before = audit.snapshot(candidate)
    _advance(candidate, Step.APPLIED, on)
    return _write(actor, candidate, AdmissionAudit.CANDIDATE_APPLICATION, before)


@transaction.atomic
def record_introducers(
    actor,
    candidate: Candidate,
    *,
    on: date | None,
    introducers: Sequence[tuple[Member | None, date | None]],
    union_kind: str = "",
    union_reference: str = "",
    today: date | None = None,
) -> Candidate:
    """Người giới thiệu: two official members, or the Youth Union (or trade union) committee and one."""
    member_actions.require_write(actor, candidate.organization_id)
    _require_step(candidate, Step.INTRODUCED)
    errors = _date_errors(candidate, Step.INTRODUCED, on, _today(today))
    if union_kind not in UnionKind.values:
        _add(errors, "union_kind", "Hình thức giới thiệu không hợp lệ.")
        union_kind = ""
    union_reference = nfc(union_reference)
    if union_kind and not union_reference:
        _add(errors, "union_reference", "Cần ghi số, ngày nghị quyết giới thiệu của Đoàn hoặc Công đoàn.")
    if on is not None and "on" not in errors:
        seen = set()
        for member, since in introducers:
            if member is not None and member.pk in seen:
                _add(errors, "introducers", f"{member.person.full_name} được ghi hai lần.")
                continue
            if member is not None:
                seen.add(member.pk)
                if member.person_id == candidate.person_id:
                    _add(errors, "introducers", "Người vào Đảng không thể tự giới thiệu mình.")
                    continue
            for message in rules.introducer_errors(member, since, on):
                _add(errors, "introducers", message)
        birth = candidate.person.birth_date
        for message in rules.introducer_count_errors(len(introducers), union_kind, birth, on):
            _add(errors, "introducers" if "Cần" in message else "union_kind", message)
    _raise_if(errors)
    before = audit.snapshot(candidate)
    before["introducers"] = [[i.member_id, str(i.together_since)] for i in candidate.introducers.all()]
    candidate.introducers.all().delete()
    Introducer.objects.bulk_create(
        [Introducer(candidate=candidate, member=member, together_since=since) for member, since in introducers]
    )
    candidate.union_kind, candidate.union_reference = union_kind, union_reference
    _advance(candidate, Step.INTRODUCED, on)
    return _write(actor, candidate, AdmissionAudit.CANDIDATE_INTRODUCERS, before)


@transaction.atomic
def record_resolution(
    actor,
    candidate: Candidate,
    *,
    on: date | None,
    votes_for: int | None,
    number: str = "",
    exempted_present: int = 0,
    over_age_approval: str = "",
    today: date | None = None,
) -> Candidate:
    """Nghị quyết của chi bộ đề nghị kết nạp: the age on this day, and two thirds of the official members."""
    member_actions.require_write(actor, candidate.organization_id)
    _require_step(candidate, Step.RESOLVED)
    errors = _date_errors(candidate, Step.RESOLVED, on, _today(today))
    over_age_approval = nfc(over_age_approval)
    total = None
    if "on" not in errors:
        birth = candidate.person.birth_date
        for message in admission_age_errors(birth, on, over_age_approval):
            too_old = birth is not None and months_between(birth, on) >= 12 * 18
            _add(errors, "over_age_approval" if too_old else "on", message)
        cell = candidate.organization
        official = rules.official_members_on(cell, on).count()
        exempted = rules.exempted_members_on(cell, on).count()
        exempted_present = exempted_present or 0
        if exempted_present < 0 or exempted_present > exempted:
            _add(
                errors,
                "exempted_present",
                f"Chi bộ có {exempted} đảng viên được miễn công tác và sinh hoạt ngày {on:%d/%m/%Y}.",
            )
        else:
            total = official + exempted_present
            if total == 0:
                _add(errors, "on", f"{cell.name} không có đảng viên chính thức ngày {on:%d/%m/%Y}.")
    if votes_for is None:
        _add(errors, "votes_for", "Cần ghi số đảng viên chính thức tán thành.")
    elif total:
        needed = rules.votes_needed(total, on)
        if votes_for < 0 or votes_for > total:
            _add(
                errors,
                "votes_for",
                f"Số tán thành {votes_for} không hợp lệ: chi bộ có {total} đảng viên chính thức ngày {on:%d/%m/%Y}.",
            )
        elif votes_for < needed:
            _add(
                errors,
                "votes_for",
                f"Chỉ {votes_for}/{total} đảng viên chính thức tán thành; cần ít nhất "
                f"{needed} (hai phần ba) để đề nghị kết nạp.",
            )
    _raise_if(errors)
    before = audit.snapshot(candidate)
    candidate.resolution_number, candidate.votes_for = nfc(number), votes_for
    candidate.official_members, candidate.exempted_present = total, exempted_present
    candidate.over_age_approval = over_age_approval
    _advance(candidate, Step.RESOLVED, on)
    return _write(actor, candidate, AdmissionAudit.CANDIDATE_RESOLUTION, before, reason=candidate.resolution_number)


# Admission, ceremony, recognition ---------------------------------------------------------------------------


def deciding_committees(cell: Organization, on: date) -> QuerySet[Organization]:
    """The organizations above the cell on a date, whose committee may decide its admissions."""
    ids = Ancestry.objects.filter(descendant=cell, depth__gt=0, valid_from__lte=on, valid_to__gt=on)
    return Organization.objects.filter(pk__in=ids.values("ancestor_id")).exclude(kind__in=MEMBER_UNIT_KINDS)


@transaction.atomic
def record_decision(
    actor, candidate: Candidate, *, number: str, on: date | None, by: Organization | None, today: date | None = None
) -> Candidate:
    """Quyết định kết nạp: the member record is created, probationary, admitted on the decision's date."""
    member_actions.require_write(actor, candidate.organization_id)
    _require_step(candidate, Step.ADMITTED)
    today = _today(today)
    errors = _date_errors(candidate, Step.ADMITTED, on, today)
    number = nfc(number)
    if not number:
        _add(errors, "number", "Cần ghi số quyết định kết nạp.")
    if by is None:
        _add(errors, "by", "Chưa chọn cấp ủy ra quyết định.")
    elif on is not None and not deciding_committees(candidate.organization, on).filter(pk=by.pk).exists():
        _add(
            errors, "by", f"{by.name} không phải cấp ủy cấp trên của {candidate.organization.name} ngày {on:%d/%m/%Y}."
        )
    former = Member.objects.filter(person=candidate.person).first() if candidate.readmission_ground else None
    if former is not None and on is not None and "on" not in errors:
        # the re-admission rules again on the decision's day (the months since leaving, the rules in force)
        for field, messages in rules.readmission_errors(
            former,
            ground=candidate.readmission_ground,
            consent=candidate.readmission_consent,
            cleared_on=candidate.record_cleared_on,
            on=on,
        ).items():
            for message in messages:
                _add(errors, field if field in ("on", "person") else "on", message)
    _raise_if(errors)
    try:
        if former is not None:
            member = member_actions.readmit(
                actor, former, organization=candidate.organization, on=on, decision_number=number
            )
        else:
            member = member_actions.create_member(
                actor,
                person=candidate.person,
                organization=candidate.organization,
                admitted_on=on,
                over_age_approval=candidate.over_age_approval,
                decision_number=number,
                today=today,
                age_on=candidate.resolution_on,
                reason=f"Kết nạp theo quyết định {number}",
            )
    except RuleViolation as violation:
        raise RuleViolation(
            {"on" if field == "admitted_on" else field: messages for field, messages in violation.errors.items()}
        ) from violation
    before = audit.snapshot(candidate)
    candidate.decision_number, candidate.decision_by, candidate.member = number, by, member
    _advance(candidate, Step.ADMITTED, on)
    return _write(actor, candidate, AdmissionAudit.CANDIDATE_DECISION, before, reason=number)


@transaction.atomic
def record_ceremony(
    actor,
    candidate: Candidate,
    *,
    on: date | None,
    received_on: date | None = None,
    late_approval: str = "",
    today: date | None = None,
) -> Candidate:
    """Lễ kết nạp: due within 30 working days of the day the cell received the decision (`received_on`; the
    decision's date when not given); a later ceremony only with the written approval of the committee directly
    above (`late_approval`), recorded and flagged."""
    member_actions.require_write(actor, candidate.organization_id)
    _require_step(candidate, Step.PROBATION)
    today = _today(today)
    errors = _date_errors(candidate, Step.PROBATION, on, today)
    late_approval = nfc(late_approval)
    if received_on is not None and candidate.decision_on is not None:
        if received_on < candidate.decision_on:
            _add(
                errors,
                "received_on",
                f"Ngày nhận quyết định ({received_on:%d/%m/%Y}) trước ngày quyết định "
                f"({candidate.decision_on:%d/%m/%Y}).",
            )
        elif on is not None and received_on > on:
            _add(
                errors,
                "received_on",
                f"Ngày nhận quyết định ({received_on:%d/%m/%Y}) sau ngày lễ kết nạp ({on:%d/%m/%Y}).",
            )
    late = None
    if not errors:
        late = rules.ceremony_deadline(received_on or candidate.decision_on, on, on)
        approval = party_rules.rule("admission.late_ceremony_needs_approval", on)
        if late.late and approval.value and not late_approval:
            _add(
                errors,
                "late_approval",
                (
                    f"Lễ kết nạp ngày {on:%d/%m/%Y} quá hạn {-late.remaining} ngày làm việc (hạn {late.due:%d/%m/%Y}, "
                    f"30 ngày làm việc từ ngày chi bộ nhận quyết định {late.start:%d/%m/%Y}): cần ghi văn bản đồng ý "
                    f"của cấp ủy cấp trên trực tiếp ({approval.regulation})."
                ),
            )
    _raise_if(errors)
    before = audit.snapshot(candidate)
    candidate.decision_received_on = received_on
    candidate.late_ceremony_approval = late_approval if late.late else ""
    _advance(candidate, Step.PROBATION, on)
    reason = (
        f"Muộn {-late.remaining} ngày làm việc so với hạn {late.due:%d/%m/%Y}; cấp trên đồng ý: {late_approval}"
        if late.late
        else ""
    )
    return _write(actor, candidate, AdmissionAudit.CANDIDATE_CEREMONY, before, reason=reason)


def _probation_errors(candidate: Candidate, on: date | None, today: date, what: str) -> dict[str, list[str]]:
    errors = _date_errors(candidate, Step.OFFICIAL, on, today)
    end = rules.probation_end(candidate.ceremony_on)
    if "on" not in errors and on < end:
        _add(
            errors,
            "on",
            f"Chưa hết 12 tháng dự bị (từ lễ kết nạp {candidate.ceremony_on:%d/%m/%Y}): "
            f"chỉ xét {what} từ ngày {end:%d/%m/%Y}.",
        )
    return errors


@transaction.atomic
def recognize(actor, candidate: Candidate, *, number: str, on: date | None, today: date | None = None) -> Candidate:
    """Công nhận đảng viên chính thức: the official date is the end of the 12 months, even when late."""
    member_actions.require_write(actor, candidate.organization_id)
    _require_step(candidate, Step.OFFICIAL)
    errors = _probation_errors(candidate, on, _today(today), "công nhận chính thức")
    number = nfc(number)
    if not number:
        _add(errors, "number", "Cần ghi số quyết định công nhận đảng viên chính thức.")
    _raise_if(errors)
    member_actions.recognize_official(
        actor, candidate.member, on=on, decision_number=number, probation_from=candidate.ceremony_on
    )
    before = audit.snapshot(candidate)
    candidate.recognition_number = number
    _advance(candidate, Step.OFFICIAL, on)
    return _write(actor, candidate, AdmissionAudit.CANDIDATE_RECOGNITION, before, reason=number)


@transaction.atomic
def strike_off(
    actor, candidate: Candidate, *, number: str, on: date | None, reason: str, today: date | None = None
) -> Candidate:
    """Không công nhận chính thức: the probationary member is struck off the list (xóa tên)."""
    member_actions.require_write(actor, candidate.organization_id)
    if candidate.step != Step.PROBATION:
        raise RuleViolation(
            f"{candidate.person.full_name} không phải đảng viên dự bị của quy trình này "
            f"(bước “{candidate.get_step_display()}”)."
        )
    errors = _probation_errors(candidate, on, _today(today), "công nhận chính thức hoặc xóa tên")
    number, reason = nfc(number), nfc(reason)
    if not number:
        _add(errors, "number", "Cần ghi số quyết định xóa tên.")
    if not reason:
        _add(errors, "reason", "Cần ghi lý do không công nhận chính thức.")
    _raise_if(errors)
    member_actions.leave(actor, candidate.member, on=on, reason=LeftReason.STRUCK_OFF, decision_number=number)
    before = audit.snapshot(candidate)
    candidate.step, candidate.step_on, candidate.ended_on = Step.STRUCK_OFF, on, on
    candidate.end_decision_number, candidate.end_reason = number, reason
    return _write(actor, candidate, AdmissionAudit.CANDIDATE_STRUCK_OFF, before, reason=reason)


ENDING_ACTIONS = {Step.REJECTED: AdmissionAudit.CANDIDATE_REJECTED, Step.WITHDRAWN: AdmissionAudit.CANDIDATE_WITHDRAWN}


def _end(
    actor, candidate: Candidate, ending: Step, on: date | None, reason: str, number: str, today: date | None
) -> Candidate:
    member_actions.require_write(actor, candidate.organization_id)
    if candidate.step not in BEFORE_DECISION:
        raise RuleViolation(
            f"Hồ sơ của {candidate.person.full_name} đang ở bước “{candidate.get_step_display()}”: chỉ dừng "
            "được trước khi có quyết định kết nạp."
        )
    today = _today(today)
    errors: dict[str, list[str]] = {}
    if on is None:
        _add(errors, "on", "Cần ghi ngày.")
    elif on > today:
        _add(errors, "on", f"Ngày {on:%d/%m/%Y} ở tương lai.")
    elif on < candidate.step_on:
        _add(errors, "on", f"Ngày {on:%d/%m/%Y} trước bước gần nhất ({candidate.step_on:%d/%m/%Y}).")
    reason = nfc(reason)
    if not reason:
        _add(errors, "reason", "Cần ghi lý do.")
    _raise_if(errors)
    before = audit.snapshot(candidate)
    candidate.step, candidate.step_on, candidate.ended_on = ending, on, on
    candidate.end_reason, candidate.end_decision_number = reason, nfc(number)
    return _write(actor, candidate, ENDING_ACTIONS[ending], before, reason=reason)


@transaction.atomic
def reject(
    actor, candidate: Candidate, *, on: date | None, reason: str, number: str = "", today: date | None = None
) -> Candidate:
    """Không kết nạp: the cell or the committee did not admit the candidate."""
    return _end(actor, candidate, Step.REJECTED, on, reason, number, today)


@transaction.atomic
def withdraw(
    actor, candidate: Candidate, *, on: date | None, reason: str, number: str = "", today: date | None = None
) -> Candidate:
    """Rút khỏi danh sách: the candidate withdrew or moved away before the decision."""
    return _end(actor, candidate, Step.WITHDRAWN, on, reason, number, today)
