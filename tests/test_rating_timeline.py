"""The member's yearly rating results on their record's timeline, added through the members app's hook
(`members.timeline`): year, grade as that year's rule names it, the body that decided, the decision number,
among the member's events by date; a rating not yet decided is not there."""

import html
import re
from datetime import date

from dangvu.members import timeline
from dangvu.members.timeline import TimelineItem
from dangvu.rating import actions
from dangvu.rating.models import Grade
from rating_support import add_members, decide_all, propose

TODAY = date(2026, 2, 1)


def _timeline(client, member) -> list[str]:
    page = html.unescape(client.get(f"/dang-vien/{member.pk}/").content.decode())
    block = page.split('<div class="timeline">', 1)[1].split("</div>\n", 1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in block.split('<div class="item">')[1:]]


def test_decided_grades_appear_on_the_record_by_year(client, users, tree, make_member):
    member = users["own_member"]
    others = add_members(make_member, tree["cell_b"], 5)
    for year, grade in ((2017, Grade.GOOD), (2023, Grade.EXCELLENT)):
        round_ = actions.open_round(None, organization=tree["city"], year=year, today=TODAY)
        # one excellent is within the cap with five good beside it
        decide_all(
            round_,
            tree["ward"],
            {member: grade, **dict.fromkeys(others, Grade.GOOD)},
            today=TODAY,
            number=f"{year % 100}-QĐ/ĐU",
        )
    round_2024 = actions.open_round(None, organization=tree["city"], year=2024, today=TODAY)
    propose(round_2024, member, Grade.GOOD, today=TODAY)  # proposed by the cell, not decided: not on the record

    client.force_login(users["office"])
    items = _timeline(client, member)
    assert items[-2:] == [
        "20/12/2017 · Xếp loại chất lượng năm 2017: Đủ tư cách, hoàn thành tốt nhiệm vụ · Ban Thường vụ Đảng bộ "
        "phường Quang Trung · 17-QĐ/ĐU",
        "20/12/2023 · Xếp loại chất lượng năm 2023: Hoàn thành xuất sắc nhiệm vụ · Ban Thường vụ Đảng bộ phường "
        "Quang Trung · 23-QĐ/ĐU",
    ]
    assert items[0].startswith("01/06/2015 · ")  # the admission stays first: one timeline ordered by date
    assert not any("năm 2024" in item for item in items)

    client.force_login(users["member"])  # the member reads their own record, results included
    assert _timeline(client, member)[-1].startswith("20/12/2023 · Xếp loại chất lượng năm 2023")


def test_apps_add_items_through_the_hook_in_date_order(users, monkeypatch):
    """A source registered by an app above the registry: its items fall among the member's events by date."""
    member = users["own_member"]
    monkeypatch.setattr(timeline, "SOURCES", [])
    timeline.register(lambda scope, m: [TimelineItem(date(2016, 1, 5), "Việc của ứng dụng khác", "Nơi nào đó")])
    timeline.register(lambda scope, m: [] if m != member else [TimelineItem(date(1999, 1, 1), "Trước hết")])
    found = timeline.items(None, member)
    assert [i.title for i in found][0] == "Trước hết"
    assert found.index(next(i for i in found if i.title == "Việc của ứng dụng khác")) > found.index(
        next(i for i in found if i.date == date(2015, 6, 1))
    )
    assert len(timeline.SOURCES) == 2
