"""Recording thousands of members fast: `members.bulk.create_members_bulk`, plus the arrivals of `transfer_in`.

`members.actions.transfer_in` records a member admitted elsewhere: `create_member`, then the placement starts
on the day of arrival, the admission event names the unit of origin, and a "transferred in" event is added.
`create_members_bulk` has no arrival, so `record_members` applies those three changes to the members that
arrived (their placement is replaced by one that starts on arrival), in a few set-based statements inside
the same transaction: the result is what `transfer_in` would
have written row by row, with the same single audit event per member.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from dangvu.core.text import nfc
from dangvu.members.bulk import LOOKUP_CHUNK, MemberSpec, create_members_bulk
from dangvu.members.models import EventType, Member, MemberEvent, Placement

BATCH = 2000


@dataclass
class Arrival:
    """A member admitted elsewhere who joined the cell on `on`, coming from `from_unit`."""

    on: date
    from_unit: str


@transaction.atomic
def record_members(
    actor, specs: Sequence[MemberSpec], arrivals: Sequence[Arrival | None], *, today: date | None = None
) -> list[Member]:
    """Record the members (all or none, by the rules of `create_member`) and the arrivals of those who came."""
    if len(specs) != len(arrivals):
        raise ValueError("specs and arrivals must have the same length")
    members = create_members_bulk(actor, specs, today=today)
    arrived = {m.pk: a for m, a in zip(members, arrivals, strict=True) if a is not None}
    if not arrived:
        return members
    ids = list(arrived)
    by_origin: dict[str, list[int]] = {}
    for pk, arrival in arrived.items():
        by_origin.setdefault(nfc(arrival.from_unit), []).append(pk)
    for start in range(0, len(ids), LOOKUP_CHUNK):
        Placement.objects.filter(member_id__in=ids[start : start + LOOKUP_CHUNK]).delete()
    for origin, pks in by_origin.items():
        for start in range(0, len(pks), LOOKUP_CHUNK):
            MemberEvent.objects.filter(member_id__in=pks[start : start + LOOKUP_CHUNK], type=EventType.ADMITTED).update(
                other_unit=origin
            )
    by_id = {m.pk: m for m in members}
    # The membership is counted in the cell only from the day of arrival.
    Placement.objects.bulk_create(
        [
            Placement(member_id=pk, organization_id=by_id[pk].organization_id, valid_from=arrival.on)
            for pk, arrival in arrived.items()
        ],
        batch_size=BATCH,
    )
    MemberEvent.objects.bulk_create(
        [
            MemberEvent(
                member_id=pk,
                type=EventType.TRANSFERRED_IN,
                date=arrival.on,
                organization_id=by_id[pk].organization_id,
                other_unit=nfc(arrival.from_unit),
            )
            for pk, arrival in arrived.items()
        ],
        batch_size=BATCH,
    )
    return members
