"""Courses (lớp bồi dưỡng) and their participants: create, edit, delete, add and grade participants, and
the all-or-nothing import of a participant list (unknown candidates become new people)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.members.actions import clean_person_data, person_errors
from dangvu.members.audit_actions import MembersAudit
from dangvu.members.models import Member, Person
from dangvu.work.audit_actions import WorkAudit

from .. import rules
from ..models import Course, CourseKind, CourseParticipant, CourseResult
from .common import add, import_rows, raise_if, require

COURSE_FIELDS = ["kind", "title", "organizer", "start_date", "end_date", "venue", "note"]


def course_errors(data: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.get("kind") not in CourseKind.values:
        errors["kind"] = ["Loại lớp không hợp lệ."]
    if not data.get("title"):
        errors["title"] = ["Tên lớp không được để trống."]
    start, end = data.get("start_date"), data.get("end_date")
    if not start:
        errors["start_date"] = ["Ngày khai giảng không được để trống."]
    if not end:
        errors["end_date"] = ["Ngày bế giảng không được để trống."]
    add(errors, rules.date_order_errors("end_date", start, end, "Ngày bế giảng"))
    add(errors, rules.active_errors("organizer", data.get("organizer"), start, "đơn vị tổ chức"))
    return errors


def _clean_course(data: dict) -> dict:
    cleaned = {name: data.get(name) for name in COURSE_FIELDS}
    for name in ("title", "venue", "note"):
        cleaned[name] = nfc(cleaned[name])
    return cleaned


@transaction.atomic
def create_course(actor, **data) -> Course:
    """Mở lớp bồi dưỡng."""
    data = _clean_course(data)
    organizer = data.get("organizer")
    require(actor, organizer.pk if organizer else None, WRITE)
    raise_if(course_errors(data))
    course = Course.objects.create(**data)
    audit.record(actor, WorkAudit.COURSE_CREATE, course, organization=organizer)
    return course


@transaction.atomic
def update_course(actor, course: Course, **changes) -> Course:
    require(actor, course.organizer_id, WRITE)
    data = {name: getattr(course, name) for name in COURSE_FIELDS}
    data.update({k: v for k, v in changes.items() if k in COURSE_FIELDS})
    data = _clean_course(data)
    require(actor, data["organizer"].pk if data.get("organizer") else None, WRITE)
    errors = course_errors(data)
    if not errors:
        for participant in course.participants.select_related("person"):
            add(
                errors,
                participant_errors(
                    course_like(data),
                    participant.person,
                    participant.result,
                    participant.certificate_number,
                    exclude_pk=participant.pk,
                ),
            )
    raise_if(errors)
    before = audit.snapshot(course)
    for name, value in data.items():
        setattr(course, name, value)
    course.save()
    audit.record(actor, WorkAudit.COURSE_UPDATE, course, before=before, organization=course.organizer)
    return course


@transaction.atomic
def delete_course(actor, course: Course) -> None:
    require(actor, course.organizer_id, WRITE)
    before = audit.snapshot(course)
    label, org = str(course), course.organizer
    audit.record(
        actor,
        WorkAudit.COURSE_DELETE,
        course,
        before=before,
        organization=org,
        object_label=label,
        after={"participants": course.participants.count()},
    )
    try:
        with transaction.atomic():
            course.participants.all().delete()
            course.delete()
    except ProtectedError as error:
        raise RuleViolation(
            "Lớp đã được dùng trong hồ sơ khác (giấy chứng nhận của quần chúng), không xóa được."
        ) from error


@dataclass
class _CourseView:
    """The fields of a course the participant rules read (a saved course or edited data)."""

    kind: str
    start_date: date
    end_date: date
    pk: int | None = None


def course_like(data: dict, pk: int | None = None) -> _CourseView:
    return _CourseView(data["kind"], data["start_date"], data["end_date"], pk)


def participant_errors(
    course,
    person: Person | None,
    result: str,
    certificate_number: str,
    *,
    exclude_pk: int | None = None,
    today: date | None = None,
) -> dict[str, list[str]]:
    """Rules of one participant: who may attend which class, results only after the class, certificates only
    for those who passed."""
    errors: dict[str, list[str]] = {}
    today = today or timezone.localdate()
    if person is None:
        return {"person": ["Chưa chọn học viên."]}
    if result not in CourseResult.values:
        errors["result"] = ["Kết quả phải là đạt, không đạt, vắng, bỏ học hoặc để trống."]
    if result and course.end_date > today:
        errors.setdefault("result", []).append(f"Lớp kết thúc ngày {course.end_date:%d/%m/%Y}: chưa thể ghi kết quả.")
    if certificate_number and result != CourseResult.PASSED:
        errors["certificate_number"] = ["Chỉ học viên có kết quả đạt mới có số giấy chứng nhận."]
    membership = getattr(person, "membership", None)
    if course.kind == CourseKind.AWARENESS and membership and membership.admitted_on <= course.start_date:
        errors.setdefault("person", []).append(
            f"{person.full_name} đã vào Đảng ngày {membership.admitted_on:%d/%m/%Y}: lớp bồi dưỡng nhận thức "
            "về Đảng dành cho quần chúng."
        )
    if course.kind == CourseKind.NEW_MEMBER_THEORY and (membership is None or membership.admitted_on > course.end_date):
        errors.setdefault("person", []).append(
            f"{person.full_name} chưa là đảng viên khi lớp diễn ra: lớp lý luận chính trị dành cho đảng viên mới."
        )
    if (
        course.pk
        and CourseParticipant.objects.filter(course_id=course.pk, person=person).exclude(pk=exclude_pk).exists()
    ):
        errors.setdefault("person", []).append(f"{person.full_name} đã có trong danh sách lớp.")
    return errors


@transaction.atomic
def add_participant(
    actor,
    course: Course,
    person: Person,
    *,
    result: str = "",
    certificate_number: str = "",
    note: str = "",
    today: date | None = None,
) -> CourseParticipant:
    require(actor, course.organizer_id, WRITE)
    certificate_number = nfc(certificate_number)
    raise_if(participant_errors(course, person, result or "", certificate_number, today=today))
    participant = CourseParticipant.objects.create(
        course=course,
        person=person,
        result=result or "",
        certificate_number=certificate_number,
        note=nfc(note),
    )
    audit.record(actor, WorkAudit.COURSE_PARTICIPANT_ADD, participant, organization=course.organizer)
    return participant


@transaction.atomic
def update_participant(
    actor,
    participant: CourseParticipant,
    *,
    result: str,
    certificate_number: str = "",
    note: str = "",
    today: date | None = None,
) -> CourseParticipant:
    course = participant.course
    require(actor, course.organizer_id, WRITE)
    certificate_number = nfc(certificate_number)
    raise_if(
        participant_errors(
            course,
            participant.person,
            result or "",
            certificate_number,
            exclude_pk=participant.pk,
            today=today,
        )
    )
    before = audit.snapshot(participant)
    participant.result, participant.certificate_number, participant.note = (
        result or "",
        certificate_number,
        nfc(note),
    )
    participant.save()
    audit.record(actor, WorkAudit.COURSE_PARTICIPANT_UPDATE, participant, before=before, organization=course.organizer)
    return participant


@transaction.atomic
def remove_participant(actor, participant: CourseParticipant) -> None:
    course = participant.course
    require(actor, course.organizer_id, WRITE)
    audit.record(
        actor,
        WorkAudit.COURSE_PARTICIPANT_REMOVE,
        participant,
        before=audit.snapshot(participant),
        organization=course.organizer,
    )
    participant.delete()


@dataclass
class ParticipantRow:
    """One line of a participant list: the person's details and the result."""

    family_name: str
    given_name: str
    middle_name: str = ""
    gender: str = ""
    birth_date: date | None = None
    citizen_id: str = ""
    result: str = ""
    certificate_number: str = ""
    note: str = ""


def _find_person(row: ParticipantRow) -> Person | None:
    """A known person by CCCD, else by full name and birth date (only when that names exactly one person)."""
    if row.citizen_id:
        return Person.objects.filter(citizen_id=row.citizen_id).first()
    if row.birth_date:
        found = list(
            Person.objects.filter(
                family_name=nfc(row.family_name),
                middle_name=nfc(row.middle_name),
                given_name=nfc(row.given_name),
                birth_date=row.birth_date,
            )[:2]
        )
        if len(found) == 1:
            return found[0]
    return None


def _out_of_reach(actor, person: Person) -> bool:
    """Whether the person is a member or a candidate only of organizations the actor cannot read: their
    particulars stay there (a CCCD typed on a course's form must not reveal them)."""
    if actor is None:
        return False
    homes = set(Member.objects.filter(person=person).values_list("organization_id", flat=True))
    homes |= set(person.candidacies.values_list("organization_id", flat=True))
    scope = scope_for(actor)
    return bool(homes) and not any(scope.covers(org_id) for org_id in homes)


def _enrol(
    actor,
    course: Course,
    row: ParticipantRow,
    today: date,
    seen_ids: dict,
    seen_people: dict,
    where: str,
    person: Person | None = None,
):
    """Find or create the row's person (or take `person`, picked by name) and add them to the course; field
    errors when something is wrong."""
    errors: dict[str, list[str]] = {}
    picked = person is not None
    person = person or _find_person(row)
    if person is not None and _out_of_reach(actor, person):
        field = "people" if picked else ("citizen_id" if row.citizen_id else "person")
        return None, {field: ["Người này thuộc tổ chức đảng ngoài phạm vi bạn quản lý: không thêm được vào lớp."]}
    if person is None:
        data = clean_person_data(
            {
                "family_name": row.family_name,
                "middle_name": row.middle_name,
                "given_name": row.given_name,
                "gender": row.gender,
                "birth_date": row.birth_date,
                "citizen_id": row.citizen_id,
            }
        )
        add(errors, person_errors(data, today))
        if not data.get("citizen_id"):
            errors.setdefault("citizen_id", []).append("Người chưa có trong hệ thống: cần số CCCD.")
        if not data.get("birth_date"):
            errors.setdefault("birth_date", []).append("Người chưa có trong hệ thống: cần ngày sinh.")
        cid = data.get("citizen_id")
        if cid and cid in seen_ids:
            errors.setdefault("citizen_id", []).append(f"Số CCCD {cid} trùng với {seen_ids[cid]}.")
        if errors:
            return None, errors
        person = Person.objects.create(**data, recorded_by=course.organizer)  # found again by the pickers
        audit.record(
            actor, MembersAudit.PERSON_CREATE, person, organization=course.organizer, reason=f"Học viên {course.title}"
        )
        seen_ids[cid] = where
    if person.pk in seen_people:
        errors.setdefault("person", []).append(f"{person.full_name} trùng với {seen_people[person.pk]}.")
    seen_people[person.pk] = where
    add(errors, participant_errors(course, person, row.result, nfc(row.certificate_number), today=today))
    if errors:
        return None, errors
    participant = CourseParticipant.objects.create(
        course=course,
        person=person,
        result=row.result,
        certificate_number=nfc(row.certificate_number),
        note=nfc(row.note),
    )
    return participant, {}


@transaction.atomic
def enrol(actor, course: Course, row: ParticipantRow, *, today: date | None = None) -> CourseParticipant:
    """Thêm học viên theo số CCCD, hoặc người mới (quần chúng) với họ tên, giới tính, ngày sinh, CCCD."""
    require(actor, course.organizer_id, WRITE)
    participant, errors = _enrol(actor, course, row, today or timezone.localdate(), {}, {}, "")
    raise_if(errors)
    audit.record(actor, WorkAudit.COURSE_PARTICIPANT_ADD, participant, organization=course.organizer)
    return participant


@transaction.atomic
def enrol_people(
    actor,
    course: Course,
    people,
    *,
    new: ParticipantRow | None = None,
    result: str = "",
    certificate_number: str = "",
    note: str = "",
    today: date | None = None,
) -> list[CourseParticipant]:
    """Thêm học viên: the people picked by name (each within the actor's reach) and, with `new`, one person
    named by their particulars (found by CCCD, else created as a new quần chúng), all with the same result and
    note. Every error of every person is told at once; nothing is written when there is one."""
    require(actor, course.organizer_id, WRITE)
    today = today or timezone.localdate()
    people = list(dict.fromkeys(people))
    if not people and new is None:
        raise RuleViolation(
            "Chưa chọn học viên: gõ tên người đã có trong hệ thống, hoặc ghi đủ thông tin quần chúng mới.", "people"
        )
    errors: dict[str, list[str]] = {}
    if certificate_number and len(people) + (new is not None) > 1:
        errors["certificate_number"] = [
            "Mỗi học viên có số giấy chứng nhận riêng: khi thêm nhiều người, để trống "
            "và ghi số ở kết quả của từng người."
        ]
    shared = {"result": result or "", "certificate_number": certificate_number, "note": note}
    seen_ids: dict[str, str] = {}
    seen_people: dict[int, str] = {}
    added = []
    for person in people:
        row = ParticipantRow(family_name="", given_name="", **shared)
        participant, found = _enrol(actor, course, row, today, seen_ids, seen_people, "người đã chọn", person)
        add(errors, {("people" if key == "person" else key): said for key, said in found.items()})
        added += [participant] if participant else []
    if new is not None:
        row = ParticipantRow(**{**new.__dict__, **shared})
        participant, found = _enrol(actor, course, row, today, seen_ids, seen_people, "quần chúng mới")
        add(errors, found)
        added += [participant] if participant else []
    raise_if(errors)
    for participant in added:
        audit.record(actor, WorkAudit.COURSE_PARTICIPANT_ADD, participant, organization=course.organizer)
    return added


@transaction.atomic
def import_participants(
    actor, course: Course, rows: list[ParticipantRow], *, lines: list[int] | None = None, today: date | None = None
) -> list[CourseParticipant]:
    """Nhập danh sách học viên: every row is checked; one bad row and nothing is written. A candidate the
    registry does not know becomes a new person (name, gender, birth date and CCCD are then required)."""
    require(actor, course.organizer_id, WRITE)
    today = today or timezone.localdate()
    seen_people: dict[int, str] = {}
    seen_ids: dict[str, str] = {}

    def write(row: ParticipantRow, line: int) -> CourseParticipant:
        participant, found = _enrol(actor, course, row, today, seen_ids, seen_people, f"dòng {line}")
        raise_if(found)
        return participant

    return import_rows(
        actor,
        rows,
        lines,
        write,
        denied="Không có quyền.",
        action=WorkAudit.COURSE_PARTICIPANT_IMPORT,
        object_type="work.course",
        label=f"{course.title}: {{n}} học viên",
    )
