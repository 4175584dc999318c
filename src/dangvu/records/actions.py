"""Changes of the card register: each takes the caller's `Scope`, checks it, collects the errors, writes (the
member's card number through `members.actions.record_card`) and records an audit event, in one transaction."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from dangvu.accounts.scope import WRITE, Scope
from dangvu.core import audit
from dangvu.core import rules as party_rules
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.members import actions as member_actions
from dangvu.members.models import Member, Status
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Organization
from dangvu.records.audit_actions import RecordsAudit

from .models import CardState, PartyCard, PersonRecord

END_STATES = {CardState.LOST: "báo mất", CardState.DAMAGED: "báo hỏng"}
END_ACTIONS = {CardState.LOST: RecordsAudit.CARD_LOST, CardState.DAMAGED: RecordsAudit.CARD_DAMAGED}


def _errors(member: Member, number: str, on: date | None, by: Organization | None, today: date) -> dict:
    errors: dict[str, list[str]] = {}
    if not number:
        errors["number"] = ["Cần ghi số thẻ."]
    elif (
        PartyCard.objects.filter(number=number).exists()
        or Member.objects.filter(card_number=number).exclude(pk=member.pk).exists()
    ):
        errors["number"] = [f"Số thẻ {number} đã được cấp."]
    if on is None:
        errors["on"] = ["Cần ghi ngày cấp thẻ."]
    elif on > today:
        errors["on"] = [f"Ngày {on:%d/%m/%Y} ở tương lai."]
    elif party_rules.param("card.official_only", on) and (
        member.status not in (Status.OFFICIAL, Status.EXEMPTED) or not member.official_on or member.official_on > on
    ):
        errors["on"] = [
            f"Ngày {on:%d/%m/%Y} {member.person.full_name} chưa là đảng viên chính thức: "
            "chỉ đảng viên chính thức được cấp thẻ."
        ]
    if by is None:
        errors["by"] = ["Cần chọn cấp ủy quyết định cấp thẻ."]
    elif by.kind in MEMBER_UNIT_KINDS and not by.is_grassroots:
        errors["by"] = [f"{by.name} là chi bộ trực thuộc: thẻ do cấp ủy cấp trên quyết định."]
    return errors


def _issue(scope, member, number, on, by, decision_number, replaces, today) -> PartyCard:
    number = nfc(number)
    errors = _errors(member, number, on, by, today)
    if errors:
        raise RuleViolation(errors)
    card = PartyCard.objects.create(
        member=member,
        number=number,
        issued_on=on,
        issued_by=by,
        decision_number=nfc(decision_number),
        replaces=replaces,
    )
    member_actions.record_card(
        None, member, number=number, on=on, detail=f"{'Cấp lại' if replaces else 'Cấp'} thẻ {number}"
    )
    audit.record(
        scope.user,
        RecordsAudit.CARD_REISSUE if replaces else RecordsAudit.CARD_ISSUE,
        card,
        organization=member.organization,
        reason=nfc(decision_number),
    )
    return card


@transaction.atomic
def issue_card(
    scope: Scope,
    member: Member,
    *,
    number: str,
    on: date | None,
    by: Organization | None,
    decision_number: str = "",
    today: date | None = None,
) -> PartyCard:
    """Cấp thẻ đảng viên (phát thẻ) to an official member who has no valid card."""
    scope.require(member.organization_id, WRITE)
    if PartyCard.objects.filter(member=member, state=CardState.VALID).exists():
        raise RuleViolation(f"{member.person.full_name} đang có thẻ: báo mất hoặc hỏng trước khi cấp lại.")
    return _issue(scope, member, number, on, by, decision_number, None, today or timezone.localdate())


@transaction.atomic
def report_card(
    scope: Scope, card: PartyCard, *, state: str, on: date | None, note: str, today: date | None = None
) -> PartyCard:
    """Báo mất, báo hỏng thẻ đảng viên: the card ends; a new one is issued with `reissue_card`."""
    scope.require(card.member.organization_id, WRITE)
    errors: dict[str, list[str]] = {}
    if card.state != CardState.VALID:
        errors[""] = [f"Thẻ {card.number} đang ở tình trạng “{card.get_state_display()}”."]
    if state not in END_STATES:
        errors["state"] = ["Chọn báo mất hoặc báo hỏng."]
    if on is None or on > (today or timezone.localdate()) or on < card.issued_on:
        errors["on"] = ["Ngày không hợp lệ (không trước ngày cấp, không ở tương lai)."]
    if not nfc(note):
        errors["note"] = ["Cần ghi hoàn cảnh mất, hỏng thẻ."]
    if errors:
        raise RuleViolation(errors)
    before = audit.snapshot(card)
    card.state, card.ended_on, card.end_note = state, on, nfc(note)
    card.save()
    audit.record(
        scope.user, END_ACTIONS[state], card, before=before, organization=card.member.organization, reason=nfc(note)
    )
    return card


@transaction.atomic
def reissue_card(
    scope: Scope,
    card: PartyCard,
    *,
    number: str,
    on: date | None,
    by: Organization | None,
    decision_number: str = "",
    today: date | None = None,
) -> PartyCard:
    """Cấp lại thẻ after a lost or damaged one: a new card with its own number replaces it."""
    scope.require(card.member.organization_id, WRITE)
    if card.state not in END_STATES:
        raise RuleViolation("Chỉ cấp lại thẻ đã báo mất hoặc báo hỏng.")
    if on is not None and card.ended_on and on < card.ended_on:
        raise RuleViolation("Ngày cấp lại trước ngày báo mất, hỏng.", "on")
    fresh = _issue(scope, card.member, number, on, by, decision_number, card, today or timezone.localdate())
    return fresh


RECORD_TEXT = [
    "birth_name",
    "place_of_birth",
    "permanent_residence",
    "current_residence",
    "profile_number",
    "foreign_language",
]


@transaction.atomic
def update_record(scope: Scope, member: Member, data: dict) -> PersonRecord:
    """Bổ sung hồ sơ: the optional fields of the official forms; the histories are read line by line, every
    unreadable line reported and nothing saved until all read."""
    from dangvu.core.text import fold

    from . import histories

    scope.require(member.organization_id, WRITE)
    errors: dict[str, list[str]] = {}
    parsed = {}
    for kind in histories.KINDS:
        if kind in data:
            parsed[kind], problems = histories.parse(kind, data[kind])
            if problems:
                errors[kind] = problems
    number = nfc(data.get("profile_number", ""))
    if number and PersonRecord.objects.filter(profile_number=number).exclude(person=member.person).exists():
        errors["profile_number"] = [f"Số lý lịch {number} đã thuộc về hồ sơ khác."]
    if errors:
        raise RuleViolation(errors)
    record, _ = PersonRecord.objects.get_or_create(person=member.person)
    before = audit.snapshot(record)
    for name in RECORD_TEXT:
        if name in data:
            setattr(record, name, nfc(data[name] or ""))
    for kind, rows in parsed.items():
        setattr(record, kind, rows)
    record.residence_folded = fold(f"{record.permanent_residence} {record.current_residence}")
    record.save()
    audit.record(
        scope.user,
        RecordsAudit.RECORD_UPDATE,
        record,
        before=before,
        organization=member.organization,
        object_label=f"Hồ sơ {member.person.full_name}",
    )
    return record
