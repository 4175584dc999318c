"""Reads of meetings through the user's scope: lists, one meeting, its guests in protocol order with the
titles of the day, the roll of a cell meeting, attendance statistics per cell and month, and the inbox.

The attendance statistics are the indicators the monthly and review reports use: one grouped query over the
roll lines of the held cell meetings of a subtree.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from dangvu.accounts.models import Role
from dangvu.accounts.scope import READ, Scope
from dangvu.members.models import EventType, MemberEvent, Person, Placement
from dangvu.organizations.models import Body, Organization
from dangvu.organizations.queries import (
    KIND_LEVEL,
    POST_RANK,
    STATE_RANK,
    name_on,
    positions_on,
    subtree_ids,
    titles,
)

from .models import (
    CELL_KINDS,
    Attendance,
    Guest,
    Meeting,
    Notice,
    Presence,
)

# Protocol order of a committee's departments, used between guests of equal post.
DEPARTMENT_ORDER = ["Ban Tổ chức", "Ủy ban Kiểm tra", "Ban Tuyên giáo", "Ban Dân vận", "Ban Nội chính", "Văn phòng"]


# Meetings ----------------------------------------------------------------------------------------------


def visible_meetings(scope: Scope) -> QuerySet:
    """Meetings of the user's subtree, and those the user's own person is invited to or on the roll of."""
    qs = Meeting.objects.select_related("organization")
    if scope.is_admin:
        return qs
    condition = Q(pk__in=[])
    if scope.roots(READ):
        condition |= Q(organization_id__in=scope.organization_ids(READ))
    if scope.own_person_ids:
        own = scope.own_person_ids
        condition |= Q(pk__in=Attendance.objects.filter(person_id__in=own).values("meeting_id"))
        condition |= Q(pk__in=Guest.objects.filter(person_id__in=own).values("meeting_id"))
    # A member sees the meetings of the cell where the member's mandate is (the agenda sent ahead, the roll).
    own_cells = [m.organization_id for m in scope.mandates if m.role == Role.MEMBER]
    if own_cells:
        condition |= Q(organization_id__in=own_cells, kind__in=CELL_KINDS)
    return qs.filter(condition)


@dataclass
class MeetingFilter:
    organization: Organization | None = None
    kind: str = ""
    year: int | None = None
    text: str = ""


def ever_under(org_id: int) -> QuerySet:
    """Every organization that has ever stood under `org_id` (and itself), whatever the date: a dissolved
    organization's records stay reachable through it."""
    from dangvu.organizations.models import Ancestry

    return Ancestry.objects.filter(ancestor_id=org_id).values("descendant_id")


def meeting_list(scope: Scope, flt: MeetingFilter) -> QuerySet:
    qs = visible_meetings(scope)
    if flt.organization is not None:
        qs = qs.filter(organization_id__in=ever_under(flt.organization.pk))
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    if flt.year:
        qs = qs.filter(date__year=flt.year)
    if flt.text:
        qs = qs.filter(title__icontains=flt.text)
    return qs.order_by("-date", "-id")


def get_meeting(scope: Scope, pk: int) -> Meeting:
    meeting = visible_meetings(scope).filter(pk=pk).first()
    if meeting is None:
        raise Http404("Không tìm thấy hội nghị.")
    return meeting


def committee_name(meeting: Meeting) -> str:
    """The convening committee's name on the meeting's date: "Thành ủy Phủ Lý"."""
    names = name_on(meeting.organization, meeting.date)
    return names.committee_name or names.name


# Guests ------------------------------------------------------------------------------------------------


@dataclass
class GuestLine:
    guest: Guest
    name: str
    titles: str
    is_group: bool
    from_superior: bool = False


def _person_rank(person: Person, meeting: Meeting, host_ids: set[int]) -> tuple:
    """Protocol key of a person at a meeting: superior bodies' guests first, then the host's, then others;
    inside each, the highest post first (level of its organization, then the post), then the department."""
    held = positions_on(person, meeting.date)
    if not held:
        return (2, 99, 99, 99)
    in_host = any(p.organization_id in host_ids for p in held)
    best = held[0]
    level = KIND_LEVEL.get(best.organization.kind, 9)
    post_rank = STATE_RANK.get(best.post, 29) if best.body == Body.STATE else POST_RANK.get((best.body, best.post), 15)
    department = next(
        (i for i, d in enumerate(DEPARTMENT_ORDER) if best.department.startswith(d)), len(DEPARTMENT_ORDER)
    )
    return (1 if in_host else 0, level, post_rank, department)


def guest_lines(meeting: Meeting, *, attended_only: bool = True) -> list[GuestLine]:
    """The meeting's guests in protocol order, each person with their titles on the meeting's date (or the
    titles the meeting overrides). Groups follow the people, in the order they were entered."""
    guests = list(meeting.guests.select_related("person").order_by("order", "id"))
    if attended_only:
        guests = [g for g in guests if g.attended]
    host_ids = set(
        Organization.objects.filter(pk__in=subtree_ids(meeting.organization_id, meeting.date)).values_list(
            "pk", flat=True
        )
    )
    people, groups = [], []
    for index, guest in enumerate(guests):
        if guest.person_id:
            key = _person_rank(guest.person, meeting, host_ids)
            line = GuestLine(
                guest,
                guest.person.full_name,
                guest.titles_override or titles(guest.person, meeting.date),
                False,
                key[0] == 0,
            )
            people.append((key, index, line))
        else:
            groups.append(GuestLine(guest, guest.group_label, "", True))
    people.sort(key=lambda item: (item[0], item[1]))
    return [line for _, _, line in people] + groups


def person_titles(person: Person, meeting: Meeting) -> str:
    """A person's titles at a meeting: the meeting's override for a guest, else the position records."""
    guest = meeting.guests.filter(person=person).exclude(titles_override="").first()
    return guest.titles_override if guest else titles(person, meeting.date)


# The roll ----------------------------------------------------------------------------------------------


def cell_members_on(cell: Organization, on: date) -> QuerySet:
    """The people registered in a cell on a date, less those exempted from activities by then."""
    member_ids = Placement.objects.filter(organization=cell, valid_from__lte=on, valid_to__gt=on).values("member_id")
    exempted = MemberEvent.objects.filter(type=EventType.EXEMPTED, date__lte=on).values("member_id")
    return Person.objects.filter(membership__in=member_ids).exclude(membership__in=exempted)


def roll(meeting: Meeting) -> QuerySet:
    return meeting.attendance.select_related("person").order_by("person__sort_key")


def roll_counts(meeting: Meeting) -> dict[str, int]:
    rows = meeting.attendance.values("status").annotate(n=Count("id"))
    counts = {status: 0 for status in Presence.values}
    counts.update({row["status"]: row["n"] for row in rows})
    counts["total"] = sum(counts[s] for s in Presence.values)
    return counts


# Notices -----------------------------------------------------------------------------------------------


def notices_for(scope: Scope) -> QuerySet:
    """The in-app notices addressed to the user's own person or to the organizations of their mandates."""
    condition = Q(recipient_person_id__in=scope.own_person_ids)
    org_ids = [m.organization_id for m in scope.mandates]
    if org_ids:
        condition |= Q(recipient_organization_id__in=org_ids)
    return Notice.objects.filter(condition).order_by("-created_at", "-id")


def unread_count(scope: Scope) -> int:
    return notices_for(scope).filter(read_at__isnull=True).count()


# People to choose from ---------------------------------------------------------------------------------


def people_for(organization: Organization, on: date) -> QuerySet:
    """People a form offers for an organization on a date: those holding a post in it, above it or under it,
    and the members of a cell (so that a cell meeting can name its own chair and secretary)."""
    from dangvu.organizations.models import Ancestry, Position

    related = Ancestry.objects.filter(
        Q(descendant_id=organization.pk) | Q(ancestor_id=organization.pk), valid_from__lte=on, valid_to__gt=on
    )
    org_ids = set(related.values_list("ancestor_id", flat=True)) | set(related.values_list("descendant_id", flat=True))
    holders = Position.objects.filter(organization_id__in=org_ids, valid_from__lte=on, valid_to__gt=on).values(
        "person_id"
    )
    condition = Q(pk__in=holders) | Q(recorded_by_id__in=org_ids)  # and people outside the registry recorded there
    if organization.is_member_unit:
        condition |= Q(pk__in=cell_members_on(organization, on).values("pk"))
    return Person.objects.filter(condition).order_by("sort_key")


def people_in_scope(scope: Scope, on: date) -> QuerySet:
    """People holding a post on a date in an organization the user can read (the officials forms offer)."""
    from dangvu.organizations.models import Position

    holders = scope.restrict(Position.objects.filter(valid_from__lte=on, valid_to__gt=on), "organization")
    return Person.objects.filter(pk__in=holders.values("person_id")).order_by("sort_key")


# The conclusion notice as a document -------------------------------------------------------------------


def conclusion_notice_context(meeting: Meeting) -> dict:
    """What the printed Thông báo kết luận shows, with the names as they were on its date."""
    from dangvu.core.text import long_date
    from dangvu.organizations.models import Post
    from dangvu.organizations.queries import parent_on

    from .actions import notice_summary

    on = meeting.notice_date or meeting.date
    names = name_on(meeting.organization, on)
    parent = parent_on(meeting.organization, on)
    superior = name_on(parent, on).name if parent else ""
    signer_post = ""
    if meeting.concluded_by_id:
        held = [
            p
            for day in (on, meeting.date)
            for p in positions_on(meeting.concluded_by, day)
            if p.organization_id == meeting.organization_id
        ]
        if held:
            signer_post = {
                Post.SECRETARY: "BÍ THƯ",
                Post.STANDING_DEPUTY_SECRETARY: "PHÓ BÍ THƯ",
                Post.DEPUTY_SECRETARY: "PHÓ BÍ THƯ",
            }.get(held[0].post, "")
    tasks = list(meeting.tasks.filter(parent__isnull=True).order_by("order", "id"))
    return {
        "superior": superior.upper(),
        "issuer": (names.committee_name or names.name).upper(),
        "number": meeting.notice_number,
        "place_date": f"{names.place or ''}, {long_date(on)}".lstrip(", "),
        "summary": notice_summary(meeting),
        "paragraphs": [p for p in meeting.conclusion.split("\n") if p.strip()],
        "tasks": tasks,
        "signer_post": signer_post,
        "signer_name": meeting.concluded_by.full_name if meeting.concluded_by_id else "",
        "archive": f"Lưu Văn phòng {names.committee_short or names.committee_name}",
    }


# The lists the meeting forms' person pickers offer, for their type-ahead (`members.pickers.LISTS`) -------------


def _meeting_people(scope: Scope, arg: str) -> QuerySet:
    from django.core.exceptions import PermissionDenied

    from dangvu.accounts.scope import WRITE

    meeting = get_meeting(scope, int(arg))
    if not scope.covers(meeting.organization_id, WRITE):
        raise PermissionDenied
    return people_for(meeting.organization, meeting.date)


def _office_holders(scope: Scope, arg: str) -> QuerySet:
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from dangvu.accounts.scope import WRITE

    if not scope.can(WRITE):
        raise PermissionDenied
    return people_in_scope(scope, timezone.localdate())


def _register() -> None:
    from dangvu.members.pickers import register_list

    register_list("hoi-nghi", _meeting_people)
    register_list("chuc-vu", _office_holders)


_register()
