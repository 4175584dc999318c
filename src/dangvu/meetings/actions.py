"""Every change of a meeting itself: creating and editing it, its agenda and guests, its outcome (minutes and
conclusion) and the conclusion notice. The roll lives in `rolls`, the year's plan and the agenda sent ahead in
`planning`. Each action checks the acting user's scope and the rules, writes, and records an audit event in
one transaction.
"""

from datetime import date, time

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dangvu.core import audit
from dangvu.core.audit import snapshot
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc, short_date
from dangvu.meetings.audit_actions import MeetingsAudit
from dangvu.members.actions import require_write
from dangvu.members.models import Person
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Organization

from . import notices, queries
from .models import (
    CELL_KINDS,
    AgendaItem,
    Guest,
    GuestRole,
    Kind,
    Meeting,
    PartOfDay,
    Status,
)

MAX_YEARS_AHEAD = 5


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise RuleViolation(errors)


def add_error(errors: dict[str, list[str]], field_name: str, message: str) -> None:
    errors.setdefault(field_name, []).append(message)


def meeting_errors(
    *,
    organization: Organization | None,
    kind: str,
    title: str,
    day: date | None,
    part_of_day: str,
    status: str,
    today: date,
) -> dict[str, list[str]]:
    """What is wrong with a meeting's main data."""
    errors: dict[str, list[str]] = {}
    if organization is None:
        add_error(errors, "organization", "Chưa chọn tổ chức triệu tập.")
    if kind not in Kind.values:
        add_error(errors, "kind", "Loại hội nghị không hợp lệ.")
    if not title:
        add_error(errors, "title", "Tên hội nghị (nội dung) không được để trống.")
    if part_of_day not in PartOfDay.values:
        add_error(errors, "part_of_day", "Buổi họp không hợp lệ.")
    if status not in Status.values:
        add_error(errors, "status", "Tình trạng không hợp lệ.")
    if day is None:
        add_error(errors, "date", "Ngày họp không được để trống.")
        return errors
    if day.year > today.year + MAX_YEARS_AHEAD:
        add_error(errors, "date", f"Ngày {short_date(day)} quá xa trong tương lai.")
    if status == Status.HELD and day > today:
        add_error(errors, "status", "Hội nghị chưa diễn ra thì chưa thể ghi là đã tổ chức.")
    if organization is not None:
        if not organization.is_active(day):
            add_error(errors, "date", f"Ngày {short_date(day)} {organization.name} không hoạt động.")
        if kind in CELL_KINDS and organization.kind not in MEMBER_UNIT_KINDS:
            add_error(errors, "kind", f"{organization.name} không phải chi bộ: sinh hoạt chi bộ chỉ do chi bộ tổ chức.")
    return errors


@transaction.atomic
def create_meeting(
    actor,
    *,
    organization: Organization,
    kind: str,
    title: str,
    date: date,
    part_of_day: str = PartOfDay.MORNING,
    start_time: time | None = None,
    venue: str = "",
    chair: Person | None = None,
    secretary: Person | None = None,
    status: str = Status.PLANNED,
    today: date | None = None,
) -> Meeting:
    """Triệu tập: a new meeting of an organization."""
    if organization is not None:
        require_write(actor, organization.pk)
    today = today or timezone.localdate()
    title = nfc(title)
    raise_if(
        meeting_errors(
            organization=organization,
            kind=kind,
            title=title,
            day=date,
            part_of_day=part_of_day,
            status=status,
            today=today,
        )
    )
    meeting = Meeting.objects.create(
        organization=organization,
        kind=kind,
        title=title,
        date=date,
        part_of_day=part_of_day,
        start_time=start_time,
        venue=nfc(venue),
        chair=chair,
        secretary=secretary,
        status=status,
    )
    audit.record(actor, MeetingsAudit.MEETING_CREATE, meeting, after=snapshot(meeting), organization=organization)
    return meeting


EDITABLE = ["kind", "title", "date", "part_of_day", "start_time", "venue", "chair", "secretary", "status"]


@transaction.atomic
def update_meeting(actor, meeting: Meeting, *, today: date | None = None, **changes) -> Meeting:
    """Change a meeting's main data (not its organization: a meeting belongs to who convened it)."""
    require_write(actor, meeting.organization_id)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise RuleViolation(f"Không sửa được: {', '.join(sorted(unknown))}.")
    today = today or timezone.localdate()
    if "title" in changes:
        changes["title"] = nfc(changes["title"])
    if "venue" in changes:
        changes["venue"] = nfc(changes["venue"])
    merged = {name: changes.get(name, getattr(meeting, name)) for name in EDITABLE}
    raise_if(
        meeting_errors(
            organization=meeting.organization,
            kind=merged["kind"],
            title=merged["title"],
            day=merged["date"],
            part_of_day=merged["part_of_day"],
            status=merged["status"],
            today=today,
        )
    )
    if (
        merged["kind"] != meeting.kind
        and meeting.attendance.exists()
        and ((merged["kind"] in CELL_KINDS) != meeting.is_cell_meeting)
    ):
        raise RuleViolation(
            "Hội nghị đã có danh sách dự họp: không đổi được giữa sinh hoạt chi bộ và hội nghị.", "kind"
        )
    before = snapshot(meeting)
    for name, value in merged.items():
        setattr(meeting, name, value)
    meeting.save()
    audit.record(
        actor,
        MeetingsAudit.MEETING_UPDATE,
        meeting,
        before=before,
        after=snapshot(meeting),
        organization=meeting.organization,
    )
    return meeting


# Agenda ------------------------------------------------------------------------------------------------


def _report_errors(meeting: Meeting, report) -> list[str]:
    from dangvu.reports.models import FIXED_STATUSES

    errors = []
    if report.status not in FIXED_STATUSES:
        errors.append("Chỉ gắn được báo cáo đã ban hành (có số, ngày) vào chương trình hội nghị.")
    if (
        report.organization_id != meeting.organization_id
        and not queries.subtree_ids(meeting.organization_id, meeting.date)
        .filter(descendant_id=report.organization_id)
        .exists()
    ):
        errors.append("Báo cáo không thuộc tổ chức triệu tập hội nghị.")
    return errors


@transaction.atomic
def add_agenda_item(
    actor,
    meeting: Meeting,
    *,
    title: str,
    presenter: Person | None = None,
    document_label: str = "",
    report=None,
    attachment=None,
    order: int | None = None,
) -> AgendaItem:
    """Add an item to the agenda: its content, its presenter and the document it rests on (an issued report
    of the convening organization, or any document named by its number)."""
    require_write(actor, meeting.organization_id)
    title = nfc(title)
    errors: dict[str, list[str]] = {}
    if not title:
        add_error(errors, "title", "Nội dung của mục chương trình không được để trống.")
    if meeting.status == Status.CANCELLED:
        add_error(errors, "", "Hội nghị đã hoãn, hủy: không thêm được chương trình.")
    if report is not None:
        for message in _report_errors(meeting, report):
            add_error(errors, "report", message)
    raise_if(errors)
    if report is not None and not nfc(document_label):
        document_label = f"Báo cáo số {report.register_entry.label}" if report.register_entry_id else ""
    if order is None:
        last = meeting.agenda_items.order_by("-order").first()
        order = (last.order + 1) if last else 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=order,
        title=title,
        presenter=presenter,
        document_label=nfc(document_label),
        report=report,
        attachment=attachment or "",
    )
    audit.record(
        actor,
        MeetingsAudit.MEETING_AGENDA_ADD,
        item,
        after=snapshot(item),
        organization=meeting.organization,
        object_label=f"{meeting}: {title}",
    )
    return item


@transaction.atomic
def remove_agenda_item(actor, item: AgendaItem) -> None:
    meeting = item.meeting
    require_write(actor, meeting.organization_id)
    before = snapshot(item)
    audit.record(
        actor,
        MeetingsAudit.MEETING_AGENDA_REMOVE,
        item,
        before=before,
        after={},
        organization=meeting.organization,
        object_label=f"{meeting}: {item.title}",
    )
    item.delete()


# Guests ------------------------------------------------------------------------------------------------


@transaction.atomic
def add_guest(
    actor,
    meeting: Meeting,
    *,
    person: Person | None = None,
    group_label: str = "",
    titles_override: str = "",
    role: str = GuestRole.GUEST,
    attended: bool = True,
) -> Guest:
    """Invite a person (their titles come from the position records) or a group, named as a text."""
    require_write(actor, meeting.organization_id)
    group_label = nfc(group_label)
    errors: dict[str, list[str]] = {}
    if (person is None) == (not group_label):
        add_error(errors, "person", "Chọn một đồng chí hoặc ghi tên thành phần (nhóm), không cả hai.")
    if role not in GuestRole.values:
        add_error(errors, "role", "Vai trò không hợp lệ.")
    if person is not None and meeting.guests.filter(person=person).exists():
        add_error(errors, "person", f"Đồng chí {person.full_name} đã có trong danh sách khách mời.")
    if person is None and titles_override:
        add_error(errors, "titles_override", "Chức danh chỉ ghi cho một đồng chí, không ghi cho nhóm.")
    raise_if(errors)
    last = meeting.guests.order_by("-order").first()
    guest = Guest.objects.create(
        meeting=meeting,
        person=person,
        group_label=group_label,
        titles_override=nfc(titles_override),
        role=role,
        attended=attended,
        order=(last.order + 1) if last else 1,
    )
    audit.record(
        actor,
        MeetingsAudit.MEETING_GUEST_ADD,
        guest,
        organization=meeting.organization,
        object_label=f"{meeting}: {guest}",
    )
    return guest


@transaction.atomic
def update_guest(actor, guest: Guest, *, titles_override: str | None = None, attended: bool | None = None) -> Guest:
    """Override a guest's titles for this meeting (empty: back to the position records), or their presence."""
    require_write(actor, guest.meeting.organization_id)
    before = snapshot(guest)
    if titles_override is not None:
        if guest.person_id is None and nfc(titles_override):
            raise RuleViolation("Chức danh chỉ ghi cho một đồng chí, không ghi cho nhóm.", "titles_override")
        guest.titles_override = nfc(titles_override)
    if attended is not None:
        guest.attended = attended
    guest.save()
    audit.record(
        actor,
        MeetingsAudit.MEETING_GUEST_UPDATE,
        guest,
        before=before,
        organization=guest.meeting.organization,
        object_label=f"{guest.meeting}: {guest}",
    )
    return guest


@transaction.atomic
def remove_guest(actor, guest: Guest) -> None:
    meeting = guest.meeting
    require_write(actor, meeting.organization_id)
    audit.record(
        actor,
        MeetingsAudit.MEETING_GUEST_REMOVE,
        guest,
        before=snapshot(guest),
        after={},
        organization=meeting.organization,
        object_label=f"{meeting}: {guest}",
    )
    guest.delete()


# Outcome -----------------------------------------------------------------------------------------------


@transaction.atomic
def record_outcome(
    actor,
    meeting: Meeting,
    *,
    minutes: str = "",
    conclusion: str = "",
    concluded_by: Person | None = None,
    today: date | None = None,
) -> Meeting:
    """Ghi biên bản và kết luận: the meeting is then held."""
    require_write(actor, meeting.organization_id)
    today = today or timezone.localdate()
    if meeting.status == Status.CANCELLED:
        raise RuleViolation("Hội nghị đã hoãn, hủy: không ghi được biên bản, kết luận.")
    if meeting.date > today:
        raise RuleViolation("Chưa đến ngày họp: chưa ghi được biên bản, kết luận.", "date")
    conclusion = "\n\n".join(nfc(p) for p in (conclusion or "").split("\n") if nfc(p))
    minutes = (minutes or "").replace("\r\n", "\n").strip()
    if conclusion and concluded_by is None:
        raise RuleViolation("Ghi rõ đồng chí phát biểu kết luận.", "concluded_by")
    before = snapshot(meeting, ["minutes", "conclusion", "concluded_by", "status"])
    meeting.minutes, meeting.conclusion, meeting.concluded_by = minutes, conclusion, concluded_by
    meeting.status = Status.HELD
    meeting.save()
    audit.record(
        actor,
        MeetingsAudit.MEETING_OUTCOME,
        meeting,
        before=before,
        after=snapshot(meeting, ["minutes", "conclusion", "concluded_by", "status"]),
        organization=meeting.organization,
    )
    return meeting


@transaction.atomic
def cancel_meeting(actor, meeting: Meeting, *, reason: str) -> Meeting:
    require_write(actor, meeting.organization_id)
    if not nfc(reason):
        raise RuleViolation("Ghi lý do hoãn, hủy.", "reason")
    if meeting.status == Status.HELD:
        raise RuleViolation("Hội nghị đã tổ chức: không hủy được.")
    before = snapshot(meeting, ["status"])
    meeting.status = Status.CANCELLED
    meeting.save(update_fields=["status"])
    audit.record(
        actor,
        MeetingsAudit.MEETING_CANCEL,
        meeting,
        before=before,
        after={"status": meeting.status},
        organization=meeting.organization,
        reason=nfc(reason),
    )
    return meeting


# The conclusion notice ---------------------------------------------------------------------------------


def notice_summary(meeting: Meeting) -> str:
    """Trích yếu: "Kết luận của đồng chí … tại Hội nghị …"."""
    who = f" của đồng chí {meeting.concluded_by.full_name}" if meeting.concluded_by_id else ""
    title = meeting.title[:1].lower() + meeting.title[1:] if meeting.title.startswith("Hội nghị") else meeting.title
    return f"Kết luận{who} tại {title}"


@transaction.atomic
def issue_conclusion_notice(actor, meeting: Meeting, *, on: date | None = None, today: date | None = None) -> str:
    """Ban hành Thông báo kết luận: the next "TB" number of the convening committee's register, dated `on`
    (today by default), and an in-app notice to the organizations and people carrying the meeting's tasks."""
    from dangvu.reports.register import next_number

    require_write(actor, meeting.organization_id)
    today = today or timezone.localdate()
    on = on or today
    if meeting.notice_number:
        raise RuleViolation(f"Hội nghị đã có Thông báo kết luận số {meeting.notice_number}.")
    if meeting.status != Status.HELD or not meeting.conclusion:
        raise RuleViolation("Hội nghị chưa ghi kết luận: chưa ban hành được thông báo kết luận.")
    if on < meeting.date or on > today:
        raise RuleViolation("Ngày thông báo phải từ ngày họp đến hôm nay.", "on")
    entry = next_number(meeting.organization, "TB", on, actor=actor, summary=notice_summary(meeting), obj=meeting)
    meeting.notice_number, meeting.notice_date = entry.label, on
    meeting.save(update_fields=["notice_number", "notice_date"])
    from dangvu.tasks.models import Assignment

    assigned = Assignment.objects.filter(task__source_meeting=meeting)
    notices.send(
        actor,
        title=f"Thông báo kết luận số {entry.label}: {meeting.title}",
        body=meeting.conclusion,
        link=reverse("meetings_notice_document", args=[meeting.pk]),
        dated=on,
        person_ids=assigned.filter(person__isnull=False).values_list("person_id", flat=True),
        organization_ids=assigned.filter(organization__isnull=False).values_list("organization_id", flat=True),
    )
    audit.record(
        actor,
        MeetingsAudit.MEETING_CONCLUSION_NOTICE,
        meeting,
        after={"number": entry.label, "date": str(on)},
        organization=meeting.organization,
    )
    return entry.label
