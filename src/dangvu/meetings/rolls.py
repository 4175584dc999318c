"""The roll of a meeting (danh sách dự họp) and its attendance: opening a cell meeting's roll from the cell's
members of that day, recording who came, was late or was absent (with or without a reason), and recording
many held cell meetings at once (imports, the demo data) with bulk inserts. Each action checks scope and
rules and records an audit event.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc, short_date
from dangvu.meetings.audit_actions import MeetingsAudit
from dangvu.members.actions import require_write
from dangvu.members.models import Person
from dangvu.organizations.models import Organization

from . import queries
from .actions import add_error, meeting_errors, raise_if
from .models import CELL_KINDS, PRESENT_STATES, Attendance, Kind, Meeting, PartOfDay, Presence, Status

PRESENCE_VALUES = frozenset(Presence.values)


def count_rolls(meetings: QuerySet, lines_model=Attendance) -> None:
    """Set the kept roll counts of these meetings from their roll lines (`lines_model`: a migration's)."""
    lines = lines_model.objects.filter(meeting=OuterRef("pk")).order_by().values("meeting")

    def counted(**condition):
        return Coalesce(Subquery(lines.filter(**condition).annotate(n=Count("pk")).values("n")), 0)

    meetings.update(
        roll_count=counted(),
        present_count=counted(status__in=PRESENT_STATES),
        late_count=counted(status=Presence.LATE),
        excused_count=counted(status=Presence.ABSENT_EXCUSED),
        unexcused_count=counted(status=Presence.ABSENT_UNEXCUSED),
    )


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
    count_rolls(Meeting.objects.filter(pk=meeting.pk))
    if rows:
        audit.record(
            actor,
            MeetingsAudit.MEETING_ROLL_OPEN,
            meeting,
            after={"added": len(rows)},
            organization=meeting.organization,
        )
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
            add_error(errors, "status", "Tình hình dự họp không hợp lệ.")
        if line.status == Presence.ABSENT_EXCUSED and not nfc(line.reason):
            name = (
                Person.objects.filter(pk=line.person_id).values_list("family_name", "middle_name", "given_name").first()
            )
            who = " ".join(p for p in (name or ()) if p) or f"#{line.person_id}"
            add_error(errors, "reason", f"Đồng chí {who} vắng có lý do: cần ghi lý do.")
        if allowed_ids is not None and line.person_id not in allowed_ids:
            add_error(
                errors,
                "person",
                f"Người #{line.person_id} không có trong danh sách sinh hoạt của chi bộ "
                f"ngày {short_date(meeting.date)}.",
            )
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
    raise_if(roll_line_errors(meeting, lines, allowed))
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
    count_rolls(Meeting.objects.filter(pk=meeting.pk))
    if after:
        audit.record(
            actor,
            MeetingsAudit.MEETING_ATTENDANCE,
            meeting,
            before=before,
            after=after,
            organization=meeting.organization,
        )
    return len(after)


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
        problems = meeting_errors(
            organization=rec.cell,
            kind=rec.kind,
            title=nfc(rec.title),
            day=rec.date,
            part_of_day=rec.part_of_day,
            status=Status.HELD,
            today=today,
        )
        if rec.kind not in CELL_KINDS:
            problems.setdefault("kind", []).append("Chỉ ghi hàng loạt được sinh hoạt chi bộ.")
        problems.update(roll_line_errors(Meeting(date=rec.date), rec.lines, None))
        for name, messages in problems.items():
            for message in messages:
                add_error(errors, name, f"Dòng {index}: {message}")
    raise_if(errors)
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                organization=rec.cell,
                kind=rec.kind,
                title=nfc(rec.title),
                date=rec.date,
                part_of_day=rec.part_of_day,
                status=Status.HELD,
            )
            for rec in records
        ],
        batch_size=500,
    )
    # Tens of thousands of roll lines: one prepared statement, without building a model object per line.
    table = Attendance._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (meeting_id, person_id, status, reason) VALUES (%s, %s, %s, %s)",
            [
                (meeting.pk, line.person_id, line.status, nfc(line.reason))
                for meeting, rec in zip(meetings, records, strict=True)
                for line in rec.lines
            ],
        )
    ids = [meeting.pk for meeting in meetings]
    for start in range(0, len(ids), 900):  # below SQLite's oldest limit on bound variables
        count_rolls(Meeting.objects.filter(pk__in=ids[start : start + 900]))
    per_cell: dict[int, list[str]] = {}
    for rec in records:
        per_cell.setdefault(rec.cell.pk, []).append(str(rec.date))
    cells = {rec.cell.pk: rec.cell for rec in records}
    for cell_id, dates in per_cell.items():
        audit.record(
            actor,
            MeetingsAudit.MEETING_BULK_RECORD,
            cells[cell_id],
            after={"dates": dates},
            organization=cells[cell_id],
            object_type="meetings.meeting",
            object_label=f"{len(dates)} buổi sinh hoạt: {cells[cell_id]}",
        )
    return len(meetings)
