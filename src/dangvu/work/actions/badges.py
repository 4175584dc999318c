"""Recording the Party-age badges (Huy hiệu Đảng) of an award day for the members the due list names."""

from datetime import date

from django.db import transaction

from dangvu.core.errors import RuleViolation
from dangvu.members import actions as member_actions
from dangvu.members.models import Member, MemberEvent

from .. import rules


@transaction.atomic
def record_badges(actor, awards: list[tuple[Member, int]], *, on: date, decision_number: str = "") -> list[MemberEvent]:
    """Trao Huy hiệu Đảng đợt `on` (3/2, 19/5, 2/9, 7/11) to each (member, years); all or nothing."""
    if messages := rules.award_day_errors(on):
        raise RuleViolation(messages[0], "on")
    if not awards:
        raise RuleViolation("Chưa chọn đảng viên nào.", "members")
    return [
        member_actions.record_badge(actor, member, years=years, on=on, decision_number=decision_number)
        for member, years in awards
    ]
