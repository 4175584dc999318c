"""Recording many members at once (nhập hàng loạt): the Excel import and the demo data set.

`create_members_bulk` judges every record by the same rules as `members.actions.create_member` (the same
functions), checks that citizen IDs and card numbers are unique across the database *and* inside the batch,
and either raises one `BatchViolation` listing every (record, field, message) or writes everything in one
transaction with `bulk_create`: people, memberships, placements, events and one audit event per member,
exactly what `create_member` would have written record by record.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from typing import Any, NamedTuple

from django.db import transaction
from django.utils import timezone

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import fold, nfc, sort_key
from dangvu.members.audit_actions import MembersAudit
from dangvu.organizations.models import Organization

from . import tally
from .actions import (
    NOBODY,
    PERSON_FIELDS,
    card_taken_message,
    citizen_id_taken_message,
    clean_person_data,
    holders_in_sight,
    membership_errors,
    person_errors,
)
from .models import EventType, Member, MemberEvent, Person, Placement, Status

# How many values one `IN (…)` lookup carries: below SQLite's oldest limit on bound variables.
LOOKUP_CHUNK = 900


@dataclass
class MemberSpec:
    """One member to record: the person's details, the cell and the membership dates."""

    family_name: str
    given_name: str
    gender: str
    birth_date: date | None
    organization: Organization
    admitted_on: date
    middle_name: str = ""
    citizen_id: str | None = None
    ethnicity: str = ""
    religion: str = ""
    hometown: str = ""
    education: str = ""
    profession: str = ""
    theory_level: str = ""
    occupation: str = ""
    phone: str = ""
    official_on: date | None = None
    card_number: str | None = None
    over_age_approval: str = ""
    decision_number: str = ""


class RowError(NamedTuple):
    """One broken rule: the record's index in the batch (from 0), the field, the Vietnamese message."""

    index: int
    field: str
    message: str


class BatchViolation(RuleViolation):
    """Some records of a batch break rules; nothing was written. `rows` lists every error."""

    def __init__(self, rows: list[RowError]):
        self.rows = rows
        errors: dict[str, list[str]] = {}
        for row in rows:
            errors.setdefault(row.field, []).append(f"Bản ghi thứ {row.index + 1}: {row.message}")
        super().__init__(errors)


@dataclass
class _Prepared:
    """A spec cleaned the way `create_member` cleans its arguments."""

    person: dict[str, Any]
    organization: Organization | None
    admitted_on: date | None
    official_on: date | None
    card_number: str | None
    over_age_approval: str
    decision_number: str


def _prepare(spec: Mapping[str, Any] | MemberSpec) -> _Prepared:
    # Not dataclasses.asdict: it would deep-copy the organization.
    data = {f.name: getattr(spec, f.name) for f in fields(spec)} if is_dataclass(spec) else dict(spec)
    return _Prepared(
        person=clean_person_data({name: data[name] for name in PERSON_FIELDS if name in data}),
        organization=data.get("organization"),
        admitted_on=data.get("admitted_on"),
        official_on=data.get("official_on"),
        card_number=nfc(data.get("card_number")) or None,
        over_age_approval=nfc(data.get("over_age_approval")),
        decision_number=nfc(data.get("decision_number")),
    )


def _chunks(values: Sequence, size: int = LOOKUP_CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class Holder(NamedTuple):
    """Who holds a unique number: the row's id, the person's id and full name."""

    pk: int
    person_id: int
    name: str


def _holders(model, key: str, name_path: str, values: Iterable[str | None]) -> dict[str, Holder]:
    """Which of the values of a unique column are taken: value -> its holder."""
    wanted = sorted({v for v in values if v})
    found: dict[str, Holder] = {}
    person = f"{name_path}pk" if name_path else "pk"
    names = [f"{name_path}{part}" for part in ("family_name", "middle_name", "given_name")]
    for chunk in _chunks(wanted):
        rows = model.objects.filter(**{f"{key}__in": chunk}).values_list(key, "pk", person, *names)
        for value, pk, person_id, *parts in rows:
            found[value] = Holder(pk, person_id, " ".join(p for p in parts if p))
    return found


def citizen_ids_taken(values: Iterable[str | None]) -> dict[str, Holder]:
    """Which of these citizen IDs the registry already holds: CCCD -> holder (the person)."""
    return _holders(Person, "citizen_id", "", values)


def cards_taken(values: Iterable[str | None]) -> dict[str, Holder]:
    """Which of these card numbers are already issued: card -> holder (the membership)."""
    return _holders(Member, "card_number", "person__", values)


def named_holders(actor, holders: Iterable[Holder]) -> dict[int, str]:
    """person id -> full name of the holders the actor may see; the others are named by nobody."""
    holders = list(holders)
    seen = holders_in_sight(actor, [h.person_id for h in holders])
    return {h.person_id: h.name for h in holders if h.person_id in seen}


def batch_duplicate_errors(
    values: Sequence[str | None], field_name: str, label: str, where: Callable[[int], str] | None = None
) -> list[RowError]:
    """A value that more than one record of the batch carries: each later record is reported.

    `where(index)` names the first record in the message ("dòng 7" for a file); by default its number.
    """
    where = where or (lambda index: f"bản ghi thứ {index + 1} trong cùng đợt")
    first_seen: dict[str, int] = {}
    errors = []
    for index, value in enumerate(values):
        if not value:
            continue
        if value in first_seen:
            errors.append(RowError(index, field_name, f"{label} {value} trùng với {where(first_seen[value])}."))
        else:
            first_seen[value] = index
    return errors


def _rule_errors(
    prepared: list[_Prepared], today: date, batch_duplicates: bool = True, per_record: bool = True, actor=NOBODY
) -> list[RowError]:
    """Every rule of `create_member`, with the uniqueness lookups made once for the whole batch.

    `per_record=False` leaves out the rules that depend only on the record itself (already checked).
    """
    errors: list[RowError] = []
    for index, item in enumerate(prepared if per_record else []):
        found = person_errors(item.person, today, check_unique=False)
        found.update(
            membership_errors(
                birth_date=item.person.get("birth_date"),
                organization=item.organization,
                admitted_on=item.admitted_on,
                official_on=item.official_on,
                card_number=item.card_number,
                over_age_approval=item.over_age_approval,
                today=today,
                check_unique=False,
            )
        )
        errors.extend(RowError(index, name, message) for name, messages in found.items() for message in messages)
    cids = [item.person.get("citizen_id") for item in prepared]
    cards = [item.card_number for item in prepared]
    taken_cids, taken_cards = citizen_ids_taken(cids), cards_taken(cards)
    named = named_holders(actor, [*taken_cids.values(), *taken_cards.values()])
    for index, (cid, card) in enumerate(zip(cids, cards, strict=True)):
        if cid in taken_cids:
            holder = named.get(taken_cids[cid].person_id)
            errors.append(RowError(index, "citizen_id", citizen_id_taken_message(cid, holder)))
        if card in taken_cards:
            holder = named.get(taken_cards[card].person_id)
            errors.append(RowError(index, "card_number", card_taken_message(card, holder)))
    if batch_duplicates:
        errors.extend(batch_duplicate_errors(cids, "citizen_id", "Số CCCD"))
        errors.extend(batch_duplicate_errors(cards, "card_number", "Số thẻ"))
    return sorted(errors, key=lambda e: e.index)


def validate_specs(
    specs: Sequence[Mapping[str, Any] | MemberSpec],
    *,
    today: date | None = None,
    batch_duplicates: bool = True,
    actor=NOBODY,
) -> list[RowError]:
    """Every error the batch would raise, without writing anything (the import's dry run).

    `batch_duplicates=False` leaves the duplicates inside the batch to a caller that checks a wider batch;
    a number already held names its holder only when `actor` may see them.
    """
    return _rule_errors(
        [_prepare(spec) for spec in specs], today or timezone.localdate(), batch_duplicates, actor=actor
    )


def require_write_all(actor, organization_ids: Iterable[int]) -> None:
    """The acting user must hold WRITE over every organization (None is the system); 403/404 as `require`."""
    if actor is None:
        return
    scope = scope_for(actor)
    wanted = set(organization_ids)
    if scope.is_admin or not wanted:
        return
    covered = set(
        scope.organization_ids(WRITE).filter(descendant_id__in=wanted).values_list("descendant_id", flat=True)
    )
    for organization_id in sorted(wanted - covered):
        scope.require(organization_id, WRITE)


def _new_person(data: dict[str, Any]) -> Person:
    # bulk_create skips Person.save, which fills the search and sort columns.
    person = Person(**data)
    person.name_folded = fold(person.full_name)
    person.sort_key = sort_key(person.given_name, person.middle_name, person.family_name)
    return person


@transaction.atomic
def create_members_bulk(
    actor,
    specs: Sequence[Mapping[str, Any] | MemberSpec],
    *,
    today: date | None = None,
    reason: str = "",
    checked: bool = False,
) -> list[Member]:
    """Record many members as `create_member` records one: all of them, or none and a `BatchViolation`.

    `checked=True` is for a caller that has just run `validate_specs` on these very specs (the import):
    the rules of each record are not run twice, but scope and uniqueness, which depend on the database,
    are checked again inside the writing transaction.
    """
    prepared = [_prepare(spec) for spec in specs]
    require_write_all(actor, {item.organization.pk for item in prepared if item.organization is not None})
    errors = _rule_errors(prepared, today or timezone.localdate(), per_record=not checked, actor=actor)
    if errors:
        raise BatchViolation(errors)
    if not prepared:
        return []

    people = Person.objects.bulk_create([_new_person(item.person) for item in prepared])
    provinces = {org_id: tally.province_of(org_id) for org_id in {item.organization.pk for item in prepared}}
    members = Member.objects.bulk_create(
        [
            Member(
                person=person,
                organization=item.organization,
                admitted_on=item.admitted_on,
                official_on=item.official_on,
                card_number=item.card_number,
                status=Status.OFFICIAL if item.official_on else Status.PROBATIONARY,
                over_age_approval=item.over_age_approval,
                name_folded=person.name_folded,
                sort_key=person.sort_key,
                province_id=provinces[item.organization.pk],
            )
            for person, item in zip(people, prepared, strict=True)
        ]
    )
    for member in members:
        member._counted_as = tally.counted_as(member)  # as `from_db` notes it, for a later save
    tally.shift((member._counted_as, +1) for member in members)
    placements, events, audits = [], [], []
    member_type = Member._meta.label_lower
    # Foreign keys are given as ids: the related-object descriptors cost more than the inserts themselves.
    for person, member, item in zip(people, members, prepared, strict=True):
        org_id, member_id = item.organization.pk, member.pk
        placements.append(Placement(member_id=member_id, organization_id=org_id, valid_from=item.admitted_on))
        # The events create_member writes: admitted; recognized official; card issued.
        happened = [(EventType.ADMITTED, item.admitted_on, {"decision_number": item.decision_number})]
        if item.official_on:
            happened.append((EventType.RECOGNIZED_OFFICIAL, item.official_on, {}))
        if item.card_number:
            happened.append((EventType.CARD_ISSUED, item.official_on or item.admitted_on, {"detail": item.card_number}))
        events.extend(
            MemberEvent(member_id=member_id, type=type_, date=on, organization_id=org_id, **extra)
            for type_, on, extra in happened
        )
        audits.append(
            audit.event(
                actor,
                MembersAudit.MEMBER_CREATE,
                object_type=member_type,
                object_id=str(member_id),
                object_label=person.full_name,
                organization=org_id,
                after={**audit.snapshot(person), **audit.snapshot(member)},
                reason=reason or item.decision_number,
            )
        )
    Placement.objects.bulk_create(placements)
    MemberEvent.objects.bulk_create(events)
    audit.record_many(audits)
    return members
