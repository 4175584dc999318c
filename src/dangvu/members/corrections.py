"""The members' side of a correction of the tree in the past: what the members of an organization have on
record from a day on, and carrying it to the successor when organizations merge (`organizations.actions`).

These write only through the organization actions that call them, in their transaction and within their
`tally.tree_changing` block (the members' cells change by queryset updates, whose counts the block keeps).
"""

from datetime import date

from django.db.models import Q

from dangvu.organizations.history import LaterRecord
from dangvu.organizations.models import Organization

from .models import EventType, Member, MemberEvent, Placement


def _name(placement_or_event) -> str:
    return placement_or_event.member.person.full_name


def registered_after(org_ids: list[int], on: date) -> list[LaterRecord]:
    """The members registered in the organizations on or after `on` (their placements still running then)."""
    placements = (
        Placement.objects.filter(organization_id__in=org_ids, valid_to__gt=on)
        .select_related("member__person")
        .order_by("valid_from", "member__person__sort_key")
    )
    return [LaterRecord("Đảng viên sinh hoạt", max(p.valid_from, on), _name(p)) for p in placements]


def events_after(org_ids: list[int], on: date) -> list[LaterRecord]:
    """The member events recorded at the organizations (or naming them as the other end) after `on`."""
    rows = (
        MemberEvent.objects.filter(Q(organization_id__in=org_ids) | Q(other_organization_id__in=org_ids), date__gt=on)
        .select_related("member__person")
        .order_by("date", "pk")
    )
    return [LaterRecord(event.get_type_display(), event.date, _name(event)) for event in rows]


def carried_over(source: Organization, on: date) -> list[LaterRecord]:
    """What merging `source` away on `on` carries to its successor beyond its members of that day: placements
    begun later and the events recorded after that day."""
    later = (
        Placement.objects.filter(organization=source, valid_from__gt=on)
        .select_related("member__person")
        .order_by("valid_from")
    )
    return [LaterRecord("Đảng viên đến sinh hoạt", p.valid_from, _name(p)) for p in later] + events_after(
        [source.pk], on
    )


def carry_members(source: Organization, target: Organization, on: date, decision_number: str = "") -> int:
    """Hợp nhất: the members registered in `source` on or after `on` are registered in `target` from that day
    (each placement running then is cut there, with an internal transfer event); what was recorded at
    `source` from that day on is recorded at `target`. Answers how many members were moved on `on`."""
    placements = list(Placement.objects.filter(organization=source, valid_to__gt=on))
    running = [p for p in placements if p.valid_from < on]
    later = [p.pk for p in placements if p.valid_from >= on]
    if running:
        Placement.objects.filter(pk__in=[p.pk for p in running]).update(valid_to=on)
        Placement.objects.bulk_create(
            [Placement(member_id=p.member_id, organization=target, valid_from=on, valid_to=p.valid_to) for p in running]
        )
    if later:
        Placement.objects.filter(pk__in=later).update(organization=target)
    MemberEvent.objects.filter(organization=source, date__gte=on).update(organization=target)
    MemberEvent.objects.filter(other_organization=source, date__gte=on).update(other_organization=target)
    MemberEvent.objects.bulk_create(
        [
            MemberEvent(
                member_id=p.member_id,
                type=EventType.TRANSFERRED_INTERNAL,
                date=on,
                organization=target,
                other_organization=source,
                decision_number=decision_number,
            )
            for p in running
        ]
    )
    members = {p.member_id for p in placements}
    Member.objects.filter(pk__in=members, organization=source).update(organization=target)
    return len(running)
