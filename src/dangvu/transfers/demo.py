"""Demo letters: the 2020 transfers of the Phủ Lý demo entered in the letter registers, and a few letters on
their way in 2026 (one requested, one overdue, one returned, one temporary stay).

`load_transfers(rng, ctx)` is a step of the demo loader, after the members' histories and the 2025
reorganization: the 2020 transfers were carried out by `members.actions.transfer` (and the arrivals by
`transfer_in`), so their letters are entered with `record_past`, which changes no member, placement or figure;
the 2026 letters only move through the registers (none is received into another cell), so the demo's figures
(SEED-FACTS.md) stay as they were.
"""

import random
from datetime import date, timedelta

from dangvu.members.models import EventType, Member, MemberEvent, Status
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Ancestry, Organization

from . import actions, dues_month, rules
from .actions import SYSTEM
from .models import Kind

YEAR = 2020


def _past_letters(rng: random.Random, ctx) -> int:
    city = ctx.orgs["phuly"] if not isinstance(ctx, dict) else ctx["orgs"]["phuly"]
    under = Ancestry.objects.filter(ancestor=city).values("descendant_id")
    events = MemberEvent.objects.filter(date__year=YEAR, organization_id__in=under).filter(
        type=EventType.TRANSFERRED_OUT
    ) | MemberEvent.objects.filter(
        date__year=YEAR, organization_id__in=under, type=EventType.TRANSFERRED_IN, other_organization__isnull=True
    )
    count = 0
    for event in events.select_related("organization", "other_organization").order_by("date", "id"):
        issued = event.date - timedelta(days=rng.randint(3, 20))
        decision = issued - timedelta(days=rng.randint(5, 40))
        actions.record_past(SYSTEM, event, issued_on=issued, decision_on=decision)
        count += 1
    return count


def _stated(member: Member, on: date) -> date:
    """The dues month a demo letter states: the dues book's on its day, arrears or not (the letter keeps the
    months owed), or the month before when the book holds none (the dues step not loaded)."""
    return dues_month.book(member, on).paid_to or date(on.year, on.month, 1) - timedelta(days=1)


def _open_letters(rng: random.Random) -> int:
    cells = list(Organization.objects.filter(kind__in=MEMBER_UNIT_KINDS, dissolved_on__isnull=True).order_by("code"))
    members = list(
        Member.objects.filter(status=Status.OFFICIAL, organization__in=cells)
        .select_related("organization", "person")
        .order_by("id")
    )
    chosen = rng.sample(members, 4)
    today = date(2026, 9, 30)

    def destination_for(member):
        home = rules.district_of(member.organization, today)
        same = [c for c in cells if c.pk != member.organization_id and rules.district_of(c, today) == home]
        return rng.choice(same)

    waiting, overdue, returned, temporary = chosen
    actions.request(
        SYSTEM,
        waiting,
        kind=Kind.OFFICIAL_INTERNAL,
        destination=destination_for(waiting),
        decision_on=date(2026, 9, 1),
        requested_on=date(2026, 9, 10),
        decision_number="Quyết định nghỉ hưu",
        reason="Nghỉ hưu, về sinh hoạt nơi cư trú",
    )
    late = actions.request(
        SYSTEM,
        overdue,
        kind=Kind.OFFICIAL_OTHER,
        destination_unit="Đảng bộ huyện Kim Bảng",
        decision_on=date(2026, 7, 20),
        requested_on=date(2026, 7, 27),
        decision_number="Quyết định điều động",
        reason="Chuyển công tác",
    )
    actions.issue_letter(
        SYSTEM,
        late,
        on=date(2026, 8, 3),
        dues_paid_to=_stated(overdue, date(2026, 8, 3)),
        dues_confirmed=True,
        book_number="",
        profile_number="",
    )
    back = actions.request(
        SYSTEM,
        returned,
        kind=Kind.OFFICIAL_INTERNAL,
        destination=destination_for(returned),
        decision_on=date(2026, 4, 20),
        requested_on=date(2026, 4, 24),
        reason="Thay đổi nơi cư trú",
    )
    back = actions.issue_letter(
        SYSTEM, back, on=date(2026, 5, 4), dues_paid_to=_stated(returned, date(2026, 5, 4)), dues_confirmed=True
    )
    actions.return_letter(SYSTEM, back, on=date(2026, 5, 20), note="Đảng viên không chuyển nơi ở nữa")
    stay = actions.request(
        SYSTEM,
        temporary,
        kind=Kind.TEMPORARY,
        destination=destination_for(temporary),
        decision_on=date(2026, 2, 23),
        requested_on=date(2026, 2, 25),
        temporary_until=date(2026, 12, 31),
        reason="Đi học tập trung",
    )
    stay = actions.issue_letter(
        SYSTEM, stay, on=date(2026, 3, 2), dues_paid_to=_stated(temporary, date(2026, 3, 2)), dues_confirmed=True
    )
    actions.receive(SYSTEM, stay, on=date(2026, 3, 9))
    return 4


def load_transfers(rng: random.Random, ctx) -> None:
    """Giấy giới thiệu sinh hoạt đảng: the 2020 transfers in the registers, a few letters of 2026."""
    past = _past_letters(rng, ctx)
    now = _open_letters(rng)
    if hasattr(ctx, "log"):
        ctx.log(f"  {past} giấy giới thiệu năm {YEAR}, {now} giấy năm 2026")
