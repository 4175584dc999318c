"""Planning a cell's year of monthly meetings (kế hoạch sinh hoạt năm) and sending a meeting's agenda and
documents to its members or invitees ahead of the day, as in-app notices. Each action checks scope and
rules and records an audit event.
"""

import calendar
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc, short_date
from dangvu.meetings.audit_actions import MeetingsAudit
from dangvu.members.actions import require_write
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Organization

from . import notices, queries
from .actions import add_error, raise_if
from .models import Kind, Meeting, PartOfDay, Status


def monthly_title(month: int, year: int) -> str:
    return f"Sinh hoạt chi bộ định kỳ tháng {month}/{year}"


@transaction.atomic
def plan_year(
    actor,
    cell: Organization,
    *,
    year: int,
    day: int,
    part_of_day: str = PartOfDay.AFTERNOON,
    venue: str = "",
    today: date | None = None,
) -> list[Meeting]:
    """Kế hoạch sinh hoạt năm: one planned monthly meeting per month on the chosen day (the month's last day
    when shorter), skipping months that already have one and months already past."""
    require_write(actor, cell.pk)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if cell.kind not in MEMBER_UNIT_KINDS:
        add_error(errors, "organization", f"{cell.name} không phải chi bộ.")
    if not isinstance(day, int) or not 1 <= day <= 31:
        add_error(errors, "day", "Ngày họp trong tháng phải từ 1 đến 31.")
    if not isinstance(year, int) or not today.year - 1 <= year <= today.year + 1:
        add_error(errors, "year", f"Chỉ lập kế hoạch cho các năm {today.year - 1}–{today.year + 1}.")
    if part_of_day not in PartOfDay.values:
        add_error(errors, "part_of_day", "Buổi họp không hợp lệ.")
    raise_if(errors)
    taken = set(
        Meeting.objects.filter(organization=cell, kind=Kind.CELL_MONTHLY, date__year=year)
        .exclude(status=Status.CANCELLED)
        .values_list("date__month", flat=True)
    )
    created = []
    for month in range(1, 13):
        on = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if month in taken or on < today or not cell.is_active(on):
            continue
        created.append(
            Meeting.objects.create(
                organization=cell,
                kind=Kind.CELL_MONTHLY,
                title=monthly_title(month, year),
                date=on,
                part_of_day=part_of_day,
                venue=nfc(venue),
                status=Status.PLANNED,
            )
        )
    audit.record(
        actor,
        MeetingsAudit.MEETING_PLAN_YEAR,
        cell,
        after={"year": year, "planned": [str(m.date) for m in created]},
        organization=cell,
        object_type="meetings.plan",
        object_label=f"Kế hoạch sinh hoạt {year}: {cell}",
    )
    return created


def agenda_text(meeting: Meeting) -> str:
    lines = [
        f"{meeting.get_part_of_day_display()} {short_date(meeting.date)}"
        + (f" tại {meeting.venue}" if meeting.venue else "")
        + ":"
    ]
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
    count = notices.send(
        actor,
        title=f"Chương trình: {meeting.title} ({short_date(meeting.date)})",
        body=agenda_text(meeting),
        link=reverse("meetings_detail", args=[meeting.pk]),
        person_ids=people,
        dated=today,
    )
    meeting.agenda_sent_at = timezone.now()
    meeting.save(update_fields=["agenda_sent_at"])
    audit.record(
        actor,
        MeetingsAudit.MEETING_SEND_AGENDA,
        meeting,
        after={"recipients": count},
        organization=meeting.organization,
    )
    return count
