"""Demo cards: a few official members of today's cells receive their card (one lost, then reissued), so the
card register, the list without a card and the data-health page have something to show. Cards change no
report figure.
"""

import random
from datetime import date

from dangvu.members.models import Member, Status
from dangvu.transfers.actions import SYSTEM
from dangvu.transfers.rules import district_of

from . import actions


def load_cards(rng: random.Random, ctx) -> None:
    """Thẻ đảng viên: cards issued to members without one, one lost and reissued."""
    members = list(
        Member.objects.filter(status=Status.OFFICIAL, card_number__isnull=True, organization__dissolved_on__isnull=True)
        .select_related("organization", "person")
        .order_by("id")
    )
    chosen = rng.sample(members, min(3, len(members)))
    on = date(2026, 9, 2)
    cards = []
    for n, member in enumerate(chosen, start=1):
        if member.official_on and member.official_on <= on:
            cards.append(
                actions.issue_card(
                    SYSTEM,
                    member,
                    number=f"0351{n:05d}99",
                    on=on,
                    by=district_of(member.organization, on),
                    decision_number="Quyết định phát thẻ đảng viên",
                )
            )
    if cards:
        lost = actions.report_card(SYSTEM, cards[0], state="lost", on=date(2026, 9, 15), note="Mất khi đi công tác")
        actions.reissue_card(
            SYSTEM,
            lost,
            number="035100098",
            on=date(2026, 9, 25),
            by=lost.issued_by,
            decision_number="Quyết định cấp lại thẻ",
        )
    if hasattr(ctx, "log"):
        ctx.log(f"  {len(cards)} thẻ đảng viên")
