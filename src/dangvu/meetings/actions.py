"""Every change of a meeting: creating and editing it, its agenda, guests and roll, its outcome (minutes and
conclusion), the year's plan of a cell's monthly meetings, sending the agenda ahead, and the bulk recording
of held cell meetings. Each action checks the acting user's scope and the rules, writes, and records an audit
event in one transaction.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, time

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc, short_date
from dangvu.members.actions import require_write
from dangvu.members.models import Person
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Organization

from . import notices, queries
from .auditing import snapshot
from .models import (
    CELL_KINDS,
    AgendaItem,
    Attendance,
    Guest,
    GuestRole,
    Kind,
    Meeting,
    PartOfDay,
    Presence,
    Status,
)

MAX_YEARS_AHEAD = 5
PRESENCE_VALUES = frozenset(Presence.values)


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise RuleViolation(errors)


def _add(errors: dict[str, list[str]], field_name: str, message: str) -> None:
    errors.setdefault(field_name, []).append(message)


def meeting_errors(*, organization: Organization | None, kind: str, title: str, day: date | None,
                   part_of_day: str, status: str, today: date) -> dict[str, list[str]]:
    """What is wrong with a meeting's main data."""
    errors: dict[str, list[str]] = {}
    if organization is None:
        _add(errors, "organization", "Chưa chọn tổ chức triệu tập.")
    if kind not in Kind.values:
        _add(errors, "kind", "Loại hội nghị không hợp lệ.")
    if not title:
        _add(errors, "title", "Tên hội nghị (nội dung) không được để trống.")
    if part_of_day not in PartOfDay.values:
        _add(errors, "part_of_day", "Buổi họp không hợp lệ.")
    if status not in Status.values:
        _add(errors, "status", "Tình trạng không hợp lệ.")
    if day is None:
        _add(errors, "date", "Ngày họp không được để trống.")
        return errors
    if day.year > today.year + MAX_YEARS_AHEAD:
        _add(errors, "date", f"Ngày {short_date(day)} quá xa trong tương lai.")
    if status == Status.HELD and day > today:
        _add(errors, "status", "Hội nghị chưa diễn ra thì chưa thể ghi là đã tổ chức.")
    if organization is not None:
        if not organization.is_active(day):
            _add(errors, "date", f"Ngày {short_date(day)} {organization.name} không hoạt động.")
        if kind in CELL_KINDS and organization.kind not in MEMBER_UNIT_KINDS:
            _add(errors, "kind", f"{organization.name} không phải chi bộ: sinh hoạt chi bộ chỉ do chi bộ tổ chức.")
    return errors


@transaction.atomic
def create_meeting(actor, *, organization: Organization, kind: str, title: str, date: date,
                   part_of_day: str = PartOfDay.MORNING, start_time: time | None = None, venue: str = "",
                   chair: Person | None = None, secretary: Person | None = None,
                   status: str = Status.PLANNED, today: date | None = None) -> Meeting:
    """Triệu tập: a new meeting of an organization."""
    if organization is not None:
        require_write(actor, organization.pk)
    today = today or timezone.localdate()
    title = nfc(title)
    _raise_if(meeting_errors(organization=organization, kind=kind, title=title, day=date,
                             part_of_day=part_of_day, status=status, today=today))
    meeting = Meeting.objects.create(
        organization=organization, kind=kind, title=title, date=date, part_of_day=part_of_day,
        start_time=start_time, venue=nfc(venue), chair=chair, secretary=secretary, status=status,
    )
    audit.record(actor, "meeting.create", meeting, after=snapshot(meeting), organization=organization)
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
    _raise_if(meeting_errors(organization=meeting.organization, kind=merged["kind"], title=merged["title"],
                             day=merged["date"], part_of_day=merged["part_of_day"], status=merged["status"],
                             today=today))
    if merged["kind"] != meeting.kind and meeting.attendance.exists() and (
        (merged["kind"] in CELL_KINDS) != meeting.is_cell_meeting
    ):
        raise RuleViolation("Hội nghị đã có danh sách dự họp: không đổi được giữa sinh hoạt chi bộ và hội nghị.",
                            "kind")
    before = snapshot(meeting)
    for name, value in merged.items():
        setattr(meeting, name, value)
    meeting.save()
    audit.record(actor, "meeting.update", meeting, before=before, after=snapshot(meeting),
                 organization=meeting.organization)
    return meeting


# Agenda ------------------------------------------------------------------------------------------------


def _report_errors(meeting: Meeting, report) -> list[str]:
    from dangvu.reports.models import FIXED_STATUSES

    errors = []
    if report.status not in FIXED_STATUSES:
        errors.append("Chỉ gắn được báo cáo đã ban hành (có số, ngày) vào chương trình hội nghị.")
    if report.organization_id != meeting.organization_id and not queries.subtree_ids(
            meeting.organization_id, meeting.date).filter(descendant_id=report.organization_id).exists():
        errors.append("Báo cáo không thuộc tổ chức triệu tập hội nghị.")
    return errors


@transaction.atomic
def add_agenda_item(actor, meeting: Meeting, *, title: str, presenter: Person | None = None,
                    document_label: str = "", report=None, attachment=None, order: int | None = None) -> AgendaItem:
    """Add an item to the agenda: its content, its presenter and the document it rests on (an issued report
    of the convening organization, or any document named by its number)."""
    require_write(actor, meeting.organization_id)
    title = nfc(title)
    errors: dict[str, list[str]] = {}
    if not title:
        _add(errors, "title", "Nội dung của mục chương trình không được để trống.")
    if meeting.status == Status.CANCELLED:
        _add(errors, "", "Hội nghị đã hoãn, hủy: không thêm được chương trình.")
    if report is not None:
        for message in _report_errors(meeting, report):
            _add(errors, "report", message)
    _raise_if(errors)
    if report is not None and not nfc(document_label):
        document_label = f"Báo cáo số {report.register_entry.label}" if report.register_entry_id else ""
    if order is None:
        last = meeting.agenda_items.order_by("-order").first()
        order = (last.order + 1) if last else 1
    item = AgendaItem.objects.create(meeting=meeting, order=order, title=title, presenter=presenter,
                                     document_label=nfc(document_label), report=report,
                                     attachment=attachment or "")
    audit.record(actor, "meeting.agenda_add", item, after=snapshot(item), organization=meeting.organization,
                 object_label=f"{meeting}: {title}")
    return item


@transaction.atomic
def remove_agenda_item(actor, item: AgendaItem) -> None:
    meeting = item.meeting
    require_write(actor, meeting.organization_id)
    before = snapshot(item)
    audit.record(actor, "meeting.agenda_remove", item, before=before, after={},
                 organization=meeting.organization, object_label=f"{meeting}: {item.title}")
    item.delete()


# Guests ------------------------------------------------------------------------------------------------


@transaction.atomic
def add_guest(actor, meeting: Meeting, *, person: Person | None = None, group_label: str = "",
              titles_override: str = "", role: str = GuestRole.GUEST, attended: bool = True) -> Guest:
    """Invite a person (their titles come from the position records) or a group, named as a text."""
    require_write(actor, meeting.organization_id)
    group_label = nfc(group_label)
    errors: dict[str, list[str]] = {}
    if (person is None) == (not group_label):
        _add(errors, "person", "Chọn một đồng chí hoặc ghi tên thành phần (nhóm), không cả hai.")
    if role not in GuestRole.values:
        _add(errors, "role", "Vai trò không hợp lệ.")
    if person is not None and meeting.guests.filter(person=person).exists():
        _add(errors, "person", f"Đồng chí {person.full_name} đã có trong danh sách khách mời.")
    if person is None and titles_override:
        _add(errors, "titles_override", "Chức danh chỉ ghi cho một đồng chí, không ghi cho nhóm.")
    _raise_if(errors)
    last = meeting.guests.order_by("-order").first()
    guest = Guest.objects.create(meeting=meeting, person=person, group_label=group_label,
                                 titles_override=nfc(titles_override), role=role, attended=attended,
                                 order=(last.order + 1) if last else 1)
    audit.record(actor, "meeting.guest_add", guest, organization=meeting.organization,
                 object_label=f"{meeting}: {guest}")
    return guest


@transaction.atomic
def update_guest(actor, guest: Guest, *, titles_override: str | None = None,
                 attended: bool | None = None) -> Guest:
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
    audit.record(actor, "meeting.guest_update", guest, before=before, organization=guest.meeting.organization,
                 object_label=f"{guest.meeting}: {guest}")
    return guest


@transaction.atomic
def remove_guest(actor, guest: Guest) -> None:
    meeting = guest.meeting
    require_write(actor, meeting.organization_id)
    audit.record(actor, "meeting.guest_remove", guest, before=snapshot(guest), after={},
                 organization=meeting.organization, object_label=f"{meeting}: {guest}")
    guest.delete()


# Roll and attendance -----------------------------------------------------------------------------------


def _roll_open(meeting: Meeting, today: date) -> None:
    if meeting.status == Status.CANCELLED:
        raise RuleViolation("Hội nghị đã hoãn, hủy: không ghi được tình hình dự họp.")
    if meeting.date > today:
        raise RuleViolation("Chưa đến ngày họp: chưa ghi được tình hình dự họp.")


@transaction.atomic
def open_roll(actor, meeting: Meeting, *, today: date | None = None) -> int:
    """Lập danh sách dự họp of a cell meeting: every member of the cell on that day, marked present."""
    require_write(actor, meeting.organization_id)
    _roll_open(meeting, today or timezone.localdate())
    if not meeting.is_cell_meeting:
        raise RuleViolation("Chỉ sinh hoạt chi bộ lập danh sách theo đảng viên của chi bộ.")
    existing = set(meeting.attendance.values_list("person_id", flat=True))
    people = queries.cell_members_on(meeting.organization, meeting.date).exclude(pk__in=existing)
    rows = [Attendance(meeting=meeting, person_id=pid) for pid in people.values_list("pk", flat=True)]
    Attendance.objects.bulk_create(rows)
    if rows:
        audit.record(actor, "meeting.roll_open", meeting, after={"added": len(rows)},
                     organization=meeting.organization)
    return len(rows)


@dataclass
class RollLine:
    person_id: int
    status: str
    reason: str = ""


def roll_line_errors(meeting: Meeting, lines: list[RollLine], allowed_ids: set[int] | None) -> dict:
    errors: dict[str, list[str]] = {}
    for line in lines:
        if line.status not in PRESENCE_VALUES:
            _add(errors, "status", "Tình hình dự họp không hợp lệ.")
        if line.status == Presence.ABSENT_EXCUSED and not nfc(line.reason):
            name = Person.objects.filter(pk=line.person_id).values_list("family_name", "middle_name",
                                                                         "given_name").first()
            who = " ".join(p for p in (name or ()) if p) or f"#{line.person_id}"
            _add(errors, "reason", f"Đồng chí {who} vắng có lý do: cần ghi lý do.")
        if allowed_ids is not None and line.person_id not in allowed_ids:
            _add(errors, "person", f"Người #{line.person_id} không có trong danh sách sinh hoạt của chi bộ "
                                   f"ngày {short_date(meeting.date)}.")
    return errors


@transaction.atomic
def record_attendance(actor, meeting: Meeting, lines: list[RollLine], *, today: date | None = None) -> int:
    """Ghi tình hình dự họp: present, late, absent with a reason, absent without one. A held cell meeting's
    roll holds only the cell's members of that day; a conference's roll anyone."""
    require_write(actor, meeting.organization_id)
    _roll_open(meeting, today or timezone.localdate())
    allowed = None
    if meeting.is_cell_meeting:
        allowed = set(queries.cell_members_on(meeting.organization, meeting.date).values_list("pk", flat=True))
    _raise_if(roll_line_errors(meeting, lines, allowed))
    current = {a.person_id: a for a in meeting.attendance.all()}
    before, after = {}, {}
    for line in lines:
        reason = nfc(line.reason) if line.status in (Presence.ABSENT_EXCUSED, Presence.ABSENT_UNEXCUSED) else ""
        row = current.get(line.person_id)
        if row is None:
            Attendance.objects.create(meeting=meeting, person_id=line.person_id, status=line.status, reason=reason)
        elif (row.status, row.reason) != (line.status, reason):
            before[line.person_id] = [row.status, row.reason]
            row.status, row.reason = line.status, reason
            row.save(update_fields=["status", "reason"])
        else:
            continue
        after[line.person_id] = [line.status, reason]
    if after:
        audit.record(actor, "meeting.attendance", meeting, before=before, after=after,
                     organization=meeting.organization)
    return len(after)


# Outcome -----------------------------------------------------------------------------------------------


@transaction.atomic
def record_outcome(actor, meeting: Meeting, *, minutes: str = "", conclusion: str = "",
                   concluded_by: Person | None = None, today: date | None = None) -> Meeting:
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
    audit.record(actor, "meeting.outcome", meeting, before=before,
                 after=snapshot(meeting, ["minutes", "conclusion", "concluded_by", "status"]),
                 organization=meeting.organization)
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
    audit.record(actor, "meeting.cancel", meeting, before=before, after={"status": meeting.status},
                 organization=meeting.organization, reason=nfc(reason))
    return meeting


# Planning a cell's year and sending the agenda ahead ---------------------------------------------------


def monthly_title(month: int, year: int) -> str:
    return f"Sinh hoạt chi bộ định kỳ tháng {month}/{year}"


@transaction.atomic
def plan_year(actor, cell: Organization, *, year: int, day: int, part_of_day: str = PartOfDay.AFTERNOON,
              venue: str = "", today: date | None = None) -> list[Meeting]:
    """Kế hoạch sinh hoạt năm: one planned monthly meeting per month on the chosen day (the month's last day
    when shorter), skipping months that already have one and months already past."""
    require_write(actor, cell.pk)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if cell.kind not in MEMBER_UNIT_KINDS:
        _add(errors, "organization", f"{cell.name} không phải chi bộ.")
    if not isinstance(day, int) or not 1 <= day <= 31:
        _add(errors, "day", "Ngày họp trong tháng phải từ 1 đến 31.")
    if not isinstance(year, int) or not today.year - 1 <= year <= today.year + 1:
        _add(errors, "year", f"Chỉ lập kế hoạch cho các năm {today.year - 1}–{today.year + 1}.")
    if part_of_day not in PartOfDay.values:
        _add(errors, "part_of_day", "Buổi họp không hợp lệ.")
    _raise_if(errors)
    taken = set(Meeting.objects.filter(organization=cell, kind=Kind.CELL_MONTHLY, date__year=year)
                .exclude(status=Status.CANCELLED).values_list("date__month", flat=True))
    created = []
    for month in range(1, 13):
        on = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if month in taken or on < today or not cell.is_active(on):
            continue
        created.append(Meeting.objects.create(
            organization=cell, kind=Kind.CELL_MONTHLY, title=monthly_title(month, year), date=on,
            part_of_day=part_of_day, venue=nfc(venue), status=Status.PLANNED,
        ))
    audit.record(actor, "meeting.plan_year", cell, after={"year": year, "planned": [str(m.date) for m in created]},
                 organization=cell, object_type="meetings.plan", object_label=f"Kế hoạch sinh hoạt {year}: {cell}")
    return created


def agenda_text(meeting: Meeting) -> str:
    lines = [f"{meeting.get_part_of_day_display()} {short_date(meeting.date)}"
             + (f" tại {meeting.venue}" if meeting.venue else "") + ":"]
    for item in meeting.agenda_items.select_related("presenter"):
        who = f" ({item.presenter.full_name})" if item.presenter_id else ""
        doc = f" – tài liệu: {item.document_label}" if item.document_label else ""
        lines.append(f"{item.order}. {item.title}{who}{doc}")
    return "\n".join(lines)


@transaction.atomic
def send_agenda(actor, meeting: Meeting, *, today: date | None = None) -> int:
    """Gửi chương trình, tài liệu trước: an in-app notice to every member of the cell (or every invited
    person of a conference) with the agenda and its documents."""
    require_write(actor, meeting.organization_id)
    today = today or timezone.localdate()
    if meeting.status != Status.PLANNED:
        raise RuleViolation("Chỉ gửi chương trình cho hội nghị đang dự kiến tổ chức.")
    if meeting.date < today:
        raise RuleViolation("Ngày họp đã qua: chương trình phải gửi trước ngày họp.", "date")
    if not meeting.agenda_items.exists():
        raise RuleViolation("Hội nghị chưa có chương trình để gửi.")
    if meeting.is_cell_meeting:
        people = list(queries.cell_members_on(meeting.organization, meeting.date).values_list("pk", flat=True))
    else:
        people = list(meeting.guests.filter(person__isnull=False).values_list("person_id", flat=True))
    if not people:
        raise RuleViolation("Không có người nhận: chi bộ chưa có đảng viên hoặc hội nghị chưa mời ai.")
    count = notices.send(actor, title=f"Chương trình: {meeting.title} ({short_date(meeting.date)})",
                         body=agenda_text(meeting), link=reverse("meetings_detail", args=[meeting.pk]),
                         person_ids=people)
    meeting.agenda_sent_at = timezone.now()
    meeting.save(update_fields=["agenda_sent_at"])
    audit.record(actor, "meeting.send_agenda", meeting, after={"recipients": count},
                 organization=meeting.organization)
    return count


# Bulk recording of held cell meetings ------------------------------------------------------------------


@dataclass
class CellMeetingRecord:
    """A held cell meeting with its roll, for bulk recording (imports, the demo data)."""

    cell: Organization
    date: date
    title: str
    kind: str = Kind.CELL_MONTHLY
    lines: list[RollLine] = field(default_factory=list)
    part_of_day: str = PartOfDay.AFTERNOON


@transaction.atomic
def record_cell_meetings(actor, records: list[CellMeetingRecord], *, today: date | None = None) -> int:
    """Record many held cell meetings and their rolls at once: checked like one by one, written with bulk
    inserts, all or nothing, one audit event per cell."""
    today = today or timezone.localdate()
    checked: set[int] = set()
    errors: dict[str, list[str]] = {}
    for index, rec in enumerate(records, start=1):
        if rec.cell.pk not in checked:
            require_write(actor, rec.cell.pk)
            checked.add(rec.cell.pk)
        problems = meeting_errors(organization=rec.cell, kind=rec.kind, title=nfc(rec.title), day=rec.date,
                                  part_of_day=rec.part_of_day, status=Status.HELD, today=today)
        if rec.kind not in CELL_KINDS:
            problems.setdefault("kind", []).append("Chỉ ghi hàng loạt được sinh hoạt chi bộ.")
        problems.update(roll_line_errors(Meeting(date=rec.date), rec.lines, None))
        for name, messages in problems.items():
            for message in messages:
                _add(errors, name, f"Dòng {index}: {message}")
    _raise_if(errors)
    meetings = Meeting.objects.bulk_create([
        Meeting(organization=rec.cell, kind=rec.kind, title=nfc(rec.title), date=rec.date,
                part_of_day=rec.part_of_day, status=Status.HELD)
        for rec in records
    ], batch_size=500)
    # Tens of thousands of roll lines: one prepared statement, without building a model object per line.
    table = Attendance._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (meeting_id, person_id, status, reason) VALUES (%s, %s, %s, %s)",
            [(meeting.pk, line.person_id, line.status, nfc(line.reason))
             for meeting, rec in zip(meetings, records, strict=True) for line in rec.lines],
        )
    per_cell: dict[int, list[str]] = {}
    for rec in records:
        per_cell.setdefault(rec.cell.pk, []).append(str(rec.date))
    cells = {rec.cell.pk: rec.cell for rec in records}
    for cell_id, dates in per_cell.items():
        audit.record(actor, "meeting.bulk_record", cells[cell_id], after={"dates": dates},
                     organization=cells[cell_id], object_type="meetings.meeting",
                     object_label=f"{len(dates)} buổi sinh hoạt: {cells[cell_id]}")
    return len(meetings)


# The conclusion notice ---------------------------------------------------------------------------------


def notice_summary(meeting: Meeting) -> str:
    """Trích yếu: "Kết luận của đồng chí … tại Hội nghị …"."""
    who = f" của đồng chí {meeting.concluded_by.full_name}" if meeting.concluded_by_id else ""
    title = meeting.title[:1].lower() + meeting.title[1:] if meeting.title.startswith("Hội nghị") else meeting.title
    return f"Kết luận{who} tại {title}"


@transaction.atomic
def issue_conclusion_notice(actor, meeting: Meeting, *, on: date | None = None,
                            today: date | None = None) -> str:
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
    notices.send(actor, title=f"Thông báo kết luận số {entry.label}: {meeting.title}", body=meeting.conclusion,
                 link=reverse("meetings_notice_document", args=[meeting.pk]),
                 person_ids=assigned.filter(person__isnull=False).values_list("person_id", flat=True),
                 organization_ids=assigned.filter(organization__isnull=False).values_list("organization_id",
                                                                                            flat=True))
    audit.record(actor, "meeting.conclusion_notice", meeting, after={"number": entry.label, "date": str(on)},
                 organization=meeting.organization)
    return entry.label
