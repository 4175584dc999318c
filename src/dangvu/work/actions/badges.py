"""Awarding the Party-age badges (Huy hiệu Đảng): the due list of an award day, or one member (early for grave
illness, with its reason). Every award passes `work.rules.badge_errors`, the one decision of eligibility."""

from datetime import date

from django.db import transaction

from dangvu.accounts.scope import WRITE, require
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.members.audit_actions import MembersAudit
from dangvu.members.models import EventType, Member, MemberEvent

from .. import rules
from ..queries import badge_facts, badge_label


@transaction.atomic
def record_badges(actor, awards: list[tuple[Member, int]], *, on: date, decision_number: str = "") -> list[MemberEvent]:
    """Trao Huy hiệu Đảng đợt `on` (3/2, 19/5, 2/9, 7/11) to each (member, years); all or nothing."""
    if messages := rules.award_day_errors(on):
        raise RuleViolation(messages[0], "on")
    if not awards:
        raise RuleViolation("Chưa chọn đảng viên nào.", "members")
    for member, _years in awards:
        require(actor, member.organization_id, WRITE)
    facts = badge_facts(member for member, _years in awards)
    errors = [message for member, years in awards for message in rules.badge_errors(facts[member.pk], years, on)]
    if errors:
        raise RuleViolation({"members": errors})
    return [_write(actor, member, years, on, nfc(decision_number)) for member, years in awards]


@transaction.atomic
def award_badge(
    actor, member: Member, *, years: int, on: date, decision_number: str = "", early_reason: str = ""
) -> MemberEvent:
    """Trao Huy hiệu Đảng to one member on an award day; before the Party age is reached only for grave illness,
    within the months the rules allow, with the reason recorded on the event (`early_reason`)."""
    require(actor, member.organization_id, WRITE)
    if messages := rules.award_day_errors(on):
        raise RuleViolation(messages[0], "on")
    early_reason = nfc(early_reason)
    facts = badge_facts([member])[member.pk]
    reached = rules.badge_reached_on(facts, years)
    if errors := rules.badge_errors(facts, years, on, early_reason=early_reason):
        # the party age not yet reached is the early-award field's concern; the rest concern the badge asked
        fields: dict[str, list[str]] = {}
        for message in errors:
            fields.setdefault(
                "early_reason" if reached > on and f"{reached:%d/%m/%Y}" in message else "years", []
            ).append(message)
        raise RuleViolation(fields)
    note = f"Tặng sớm vì bệnh nặng: {early_reason}" if reached > on else ""
    return _write(actor, member, years, on, nfc(decision_number), note)


def _write(actor, member: Member, years: int, on: date, decision_number: str, note: str = "") -> MemberEvent:
    event = MemberEvent.objects.create(
        member=member,
        type=EventType.BADGE_AWARDED,
        date=on,
        organization=member.organization,
        decision_number=decision_number,
        detail=badge_label(years),
        note=note[:300],
    )
    audit.record(
        actor,
        MembersAudit.MEMBER_BADGE,
        event,
        organization=member.organization,
        reason=decision_number or note,
        object_label=f"{member.person.full_name}: Huy hiệu {years} năm",
    )
    return event
