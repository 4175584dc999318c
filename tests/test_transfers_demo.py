"""The demo steps of transfers and cards: the year's transfers enter the registers without moving a figure,
a few letters of 2026 are on their way (one overdue), cards are issued (one lost and reissued)."""

import random
from datetime import date

from dangvu.members import actions as member_actions
from dangvu.records.demo import load_cards
from dangvu.records.models import PartyCard
from dangvu.reports.indicators import REGISTRY
from dangvu.reports.periods import Period
from dangvu.transfers import queries
from dangvu.transfers.actions import SYSTEM
from dangvu.transfers.demo import load_transfers
from dangvu.transfers.models import State, Transfer

NINE_MONTHS = Period(date(2020, 1, 1), date(2020, 9, 30))
KEYS = ["members.transferred_in", "members.transferred_out", "members.total", "members.admitted"]


def test_the_demo_letters_change_no_figure(tree, make_member):
    members = [
        make_member(tree[cell], given=f"Mẫu {i}", birth=date(1970, 1, 1 + i))
        for i, cell in enumerate(["cell_a", "cell_a", "cell_a", "cell_b", "cell_b", "school", "school"])
    ]
    member_actions.transfer(None, members[0], on=date(2020, 3, 16), to=tree["cell_b"])
    member_actions.transfer(None, members[5], on=date(2020, 6, 1), other_unit="Đảng bộ huyện Thanh Liêm")
    member_actions.transfer_in(
        None,
        person={"family_name": "Kha", "given_name": "Đến", "gender": "male", "birth_date": date(1980, 2, 2)},
        organization=tree["cell_a"],
        on=date(2020, 8, 3),
        admitted_on=date(2008, 1, 1),
        official_on=date(2009, 1, 1),
        from_unit="Đảng bộ huyện Duy Tiên",
    )
    before = {key: REGISTRY[key].compute(tree["city"], NINE_MONTHS) for key in KEYS}
    load_transfers(random.Random(2020), {"orgs": {"phuly": tree["city"]}})
    load_cards(random.Random(2020), {})
    assert {key: REGISTRY[key].compute(tree["city"], NINE_MONTHS) for key in KEYS} == before
    past = Transfer.objects.filter(received_on__year=2020)
    assert sorted(past.values_list("state", flat=True)) == [State.RECEIVED, State.RECEIVED, State.SENT_OUTSIDE]
    assert past.filter(source__isnull=True, source_unit="Đảng bộ huyện Duy Tiên").count() == 1
    assert Transfer.objects.filter(state=State.RETURNED).count() == 1
    overdue = [row for row in queries.due_list(SYSTEM, date(2026, 9, 30)) if row.remaining < 0]
    assert [row.what for row in overdue] == ["Chưa xuất trình giấy tại nơi đến"]
    assert PartyCard.objects.count() == 4 and PartyCard.objects.filter(state="lost").count() == 1
