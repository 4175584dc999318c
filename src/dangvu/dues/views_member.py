"""The dues panel on a member's record (registered with `members.panels`): months paid, the amount of this
month and how it was computed, the bases and decisions; links for those who may change them."""

from django.template.loader import render_to_string
from django.utils import timezone

from dangvu.accounts.scope import WRITE
from dangvu.core.cache import kept

from . import queries


def member_panel(request, scope, member) -> str:
    # kept until the data changes (every dues action writes an audit event), per day: this month's amount
    record = kept(
        "dues-panel", f"{scope.key}:{member.pk}:{timezone.localdate()}", lambda: queries.member_dues(scope, member.pk)
    )
    return render_to_string(
        "dues/_member_panel.html",
        {
            "record": record,
            "can_write": scope.covers(member.organization_id, WRITE),
        },
        request=request,
    )
