"""Indicators over the tree and the member registry: counted from records, on the tree of the last day."""

from datetime import date

import pytest

from dangvu.members import actions as member_actions
from dangvu.members.models import LeftReason
from dangvu.organizations import actions as org_actions
from dangvu.reports.indicators import REGISTRY
from dangvu.reports.periods import Period

PERIOD = Period(date(2020, 1, 1), date(2020, 9, 30))
_serial = iter(range(1, 10_000))


def make_member(cell, admitted_on, official_on=None, **person):
    n = next(_serial)
    data = {
        "family_name": "Nguyễn",
        "middle_name": "Văn",
        "given_name": f"An{n}",
        "gender": "male",
        "birth_date": date(1980, 1, 1),
        **person,
    }
    return member_actions.create_member(
        None,
        person=data,
        organization=cell,
        admitted_on=admitted_on,
        official_on=official_on,
        today=date(2026, 1, 1),
    )


def value(key, org, period=PERIOD):
    return REGISTRY[key].compute(org, period)


def _badge_event(member, years, on):
    """A badge event as recorded (the figure counts recorded awards; eligibility is `work.rules.badge_errors`'s
    concern, tested in tests/test_work_badges.py)."""
    from dangvu.members.models import EventType, MemberEvent

    MemberEvent.objects.create(
        member=member,
        type=EventType.BADGE_AWARDED,
        date=on,
        organization=member.organization,
        detail=f"Huy hiệu {years} năm tuổi Đảng",
    )


@pytest.fixture
def registry(tree):
    """Members of the ward's two cells and the school, with events in and around the period."""
    old = [make_member(tree["cell_a"], date(2000, 5, 1), date(2001, 5, 1)) for _ in range(3)]
    old += [make_member(tree["cell_b"], date(2005, 5, 1), date(2006, 5, 1)) for _ in range(2)]
    school = make_member(tree["school"], date(2010, 3, 1), date(2011, 3, 1))
    new_2019 = make_member(tree["cell_a"], date(2019, 6, 1))
    new_2020 = make_member(tree["cell_b"], date(2020, 3, 15))
    late = make_member(tree["cell_b"], date(2020, 10, 2))
    return {
        "old": old,
        "school_member": school,
        "new_2019": new_2019,
        "new_2020": new_2020,
        "late": late,
        **tree,
    }


def test_grassroots_total_counts_the_tree_of_the_last_day(tree):
    assert value("grassroots.total", tree["city"]) == 2
    assert value("grassroots.total", tree["province"]) == 2
    assert value("grassroots.total", tree["ward"]) == 1
    org_actions.dissolve(None, tree["school"], on=date(2020, 9, 1))
    assert value("grassroots.total", tree["city"]) == 1
    assert value("grassroots.total", tree["city"], Period(date(2020, 1, 1), date(2020, 8, 31))) == 2


def test_member_totals_and_admissions(registry):
    city, ward = registry["city"], registry["ward"]
    assert value("members.total", city) == 8
    assert value("members.total", ward) == 7
    assert value("members.admitted", city) == 1
    assert value("members.admitted", city, Period(date(2020, 1, 1), date(2020, 12, 31))) == 2
    member_actions.recognize_official(None, registry["new_2019"], on=date(2020, 6, 10))
    assert value("members.recognized_official", city) == 1
    assert value("members.recognized_official", registry["school"]) == 0


def test_transfers_count_only_across_the_subtree_boundary(registry):
    city, ward = registry["city"], registry["ward"]
    member = registry["old"][0]
    member_actions.transfer(None, member, on=date(2020, 4, 1), to=registry["cell_b"])
    member_actions.transfer(None, member, on=date(2020, 5, 1), to=registry["school"])
    assert value("members.transferred_in", ward) == 0
    assert value("members.transferred_out", ward) == 1
    assert value("members.transferred_in", registry["school"]) == 1
    assert value("members.transferred_in", city) == 0
    assert value("members.transferred_out", city) == 0
    member_actions.transfer(None, registry["school_member"], on=date(2020, 6, 1), other_unit="Đảng bộ tỉnh Nam Định")
    assert value("members.transferred_out", city) == 1
    assert value("members.total", city) == 7
    # Counted for several organizations in one grouped query, the figures are the same.
    orgs = [city, ward, registry["school"], registry["cell_a"]]
    for key in ("members.transferred_in", "members.transferred_out", "members.total"):
        grouped = REGISTRY[key].compute_many([o.pk for o in orgs], PERIOD)
        assert grouped == {o.pk: value(key, o) for o in orgs}, key


def test_arrivals_from_outside_count_as_transfers_not_admissions(registry):
    city = registry["city"]
    member_actions.transfer_in(
        None,
        person={
            "family_name": "Lê",
            "given_name": "Bình",
            "gender": "female",
            "birth_date": date(1990, 2, 2),
        },
        organization=registry["cell_a"],
        on=date(2020, 7, 1),
        admitted_on=date(2020, 2, 1),
        official_on=None,
        from_unit="Đảng bộ huyện Kim Bảng",
    )
    assert value("members.transferred_in", city) == 1
    assert value("members.admitted", city) == 1  # only the admission made here


def test_leaving_and_badges(registry):
    city = registry["city"]
    member_actions.leave(None, registry["old"][1], on=date(2020, 8, 1), reason=LeftReason.DECEASED)
    member_actions.leave(None, registry["old"][2], on=date(2020, 10, 5), reason=LeftReason.RESIGNED)
    _badge_event(registry["old"][0], 30, date(2020, 2, 3))
    assert value("members.left", city) == 1
    assert value("members.badges_awarded", city) == 1
    assert value("members.total", city) == 7


@pytest.mark.parametrize("kept_from", [0, 10**9], ids=["kept counts", "placements"])
def test_member_totals_of_a_day_are_those_registered_on_it(registry, monkeypatch, kept_from):
    """members.total, by the cells' kept open placements corrected by what began or ended after the day (large
    subtrees), or by the placements of the day (small ones): moves after the period leave its figures as they
    were, and each day's figure is the placements of that day."""
    from dangvu.members.models import Placement
    from dangvu.organizations.queries import subtree_ids
    from dangvu.reports.indicators import registry_members

    monkeypatch.setattr(registry_members, "KEPT_COUNTS_FROM", kept_from)

    orgs = [registry[key] for key in ("city", "ward", "school", "cell_a", "cell_b")]

    def registered_on(org, day):
        return Placement.objects.filter(
            organization_id__in=subtree_ids(org.pk, day), valid_from__lte=day, valid_to__gt=day
        ).count()

    before = {org.pk: value("members.total", org) for org in orgs}
    assert before == {org.pk: registered_on(org, PERIOD.end) for org in orgs}
    member_actions.transfer(None, registry["old"][0], on=date(2020, 11, 1), to=registry["school"])
    member_actions.transfer(None, registry["old"][3], on=date(2021, 1, 4), other_unit="Đảng bộ tỉnh Nam Định")
    member_actions.leave(None, registry["old"][4], on=date(2022, 3, 1), reason=LeftReason.DECEASED)
    assert {org.pk: value("members.total", org) for org in orgs} == before
    for end in (date(2020, 12, 31), date(2021, 6, 30), date(2022, 12, 31)):
        period = Period(date(end.year, 1, 1), end)
        assert {org.pk: value("members.total", org, period) for org in orgs} == {
            org.pk: registered_on(org, end) for org in orgs
        }
    assert value("members.total", registry["city"], Period(date(2022, 1, 1), date(2022, 12, 31))) == 7


def test_one_grouped_query_serves_many_organizations(registry, django_assert_max_num_queries):
    ids = [registry[k].pk for k in ("province", "city", "ward", "school", "cell_a")]
    with django_assert_max_num_queries(2):  # the subtrees' size now (kept), then one grouped query
        totals = REGISTRY["members.total"].compute_many(ids, PERIOD)
    assert totals == {ids[0]: 8, ids[1]: 8, ids[2]: 7, ids[3]: 1, ids[4]: 4}


def test_no_organization_asked_no_figure_and_no_error(tree):
    from dangvu.reports import figures

    assert figures.values([], PERIOD) == {key: {} for key in REGISTRY}


def test_a_report_s_roll_ups_are_sent_together_with_the_same_figures(registry):
    """A report's figures read their roll-ups in one round trip on PostgreSQL (SQLite reads them one by one,
    in the process), and are those the indicators compute one by one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dangvu.reports import figures
    from dangvu.reports.indicators.base import computing

    member_actions.recognize_official(None, registry["new_2019"], on=date(2020, 6, 10))
    member_actions.transfer(None, registry["old"][0], on=date(2020, 5, 1), to=registry["school"])
    ids = [registry[key].pk for key in ("province", "city", "ward", "school", "cell_a")]
    with computing():
        one_by_one = {key: item.compute_many(ids, PERIOD) for key, item in REGISTRY.items()}
    with CaptureQueriesContext(connection) as queries:
        together = figures.values(ids, PERIOD)
    assert together == one_by_one
    assert together["members.transferred_in"][registry["school"].pk] == 1
    roll_ups = [query["sql"] for query in queries.captured_queries if "up.ancestor_id" in query["sql"]]
    if connection.vendor == "postgresql":
        assert len(roll_ups) == 1 and roll_ups[0].count("GROUP BY up.ancestor_id") >= 8
    else:
        assert len(roll_ups) >= 8 and all(sql.count("GROUP BY up.ancestor_id") == 1 for sql in roll_ups)


def test_what_depends_on_a_roll_up_read_together_is_read_after_it(tree):
    """A roll-up chosen by another's rows is read on its own in the second pass, and nothing computed from the
    first pass's empty rows is kept."""
    from dangvu.reports.indicators import base
    from dangvu.reports.indicators.registry_members import _grassroots

    city, ward = tree["city"].pk, tree["ward"].pk

    def grassroots(ids):
        return base.count_by_ancestor(base.compiled(_grassroots), ids, PERIOD.end, distinct=False)

    def compute():
        first = base.shared(("test", "first"), lambda: grassroots([city]))
        # computed from the first (kept from the first pass, it would be empty)
        again = base.shared(("test", "again"), lambda: dict(base.shared(("test", "first"), lambda: {})))
        # the second roll-up asks the organizations the first one counted something for
        return first, again, grassroots([pk for pk in (city, ward) if first.get(pk)] + [ward])

    with base.computing():
        expected = compute()
    assert expected[0][city] > 0 and expected[1] == expected[0] and set(expected[2]) == {city, ward}
    assert base.read_together(compute) == expected


def test_the_meeting_figures_of_one_report_share_one_attendance_query(tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dangvu.reports import figures

    def attendance_reads(compute) -> int:
        with CaptureQueriesContext(connection) as queries:
            compute()
        return sum(query["sql"].count("SUM(fact.meetings)") for query in queries.captured_queries)

    period = Period(date(2020, 1, 1), date(2020, 9, 30))
    assert attendance_reads(lambda: figures.values_of(tree["city"], period)) == 1
    assert attendance_reads(lambda: figures.values([tree["city"].pk, tree["ward"].pk], period)) == 1
    # outside a report: read for each figure
    assert (
        attendance_reads(
            lambda: [
                REGISTRY[key].compute(tree["city"], period)
                for key in ("meetings.cell_meetings", "meetings.absences_excused")
            ]
        )
        == 2
    )


EVENT_KEYS = [
    "members.admitted",
    "members.recognized_official",
    "members.transferred_in",
    "members.transferred_out",
    "members.left",
    "members.badges_awarded",
]


def test_the_event_figures_of_one_report_are_counted_in_one_query(registry, django_assert_num_queries):
    from dangvu.reports.indicators.base import computing

    member_actions.recognize_official(None, registry["new_2019"], on=date(2020, 6, 10))
    member_actions.transfer(None, registry["old"][0], on=date(2020, 5, 1), to=registry["school"])
    member_actions.leave(None, registry["old"][1], on=date(2020, 8, 1), reason=LeftReason.DECEASED)
    _badge_event(registry["old"][2], 30, date(2020, 2, 3))
    ids = [registry[k].pk for k in ("city", "ward", "school")]
    alone = {key: REGISTRY[key].compute_many(ids, PERIOD) for key in EVENT_KEYS}  # one query each
    with django_assert_num_queries(2), computing():  # the province they lie in, then the six figures
        together = {key: REGISTRY[key].compute_many(ids, PERIOD) for key in EVENT_KEYS}
    assert together == alone
    city, ward, school = ids
    assert [together[key][ward] for key in EVENT_KEYS] == [1, 1, 0, 1, 1, 1]
    assert [together[key][school] for key in EVENT_KEYS] == [0, 0, 1, 0, 0, 0]
    assert [together[key][city] for key in EVENT_KEYS] == [1, 1, 0, 0, 1, 1]


def test_event_figures_read_the_province_s_events_and_those_of_organizations_that_left(
    registry, other_tree, monkeypatch
):
    """Within one province the event figures read the events whose `province` is that province's, and those of
    the organizations that have left the subtree since the period: the same figures as reading every event."""
    from dangvu.members.models import MemberEvent
    from dangvu.members.tally import province_of
    from dangvu.reports.indicators import base

    monkeypatch.setattr(base, "PROVINCE_FROM", 0)  # the registry is small
    _badge_event(registry["school_member"], 30, date(2020, 2, 3))
    member_actions.transfer(None, registry["old"][0], on=date(2020, 5, 1), to=registry["school"])
    member_actions.leave(None, registry["old"][1], on=date(2020, 8, 1), reason=LeftReason.DECEASED)
    # After the period, the school moves to another province: its events take that province.
    org_actions.move(None, registry["school"], other_tree["province"], on=date(2021, 3, 1))
    events = MemberEvent.objects.all()
    assert all(e.province_id == province_of(e.organization_id) for e in events)
    assert {e.province_id for e in events.filter(organization=registry["school"])} == {other_tree["province"].pk}
    assert base.one_province([registry["city"].pk]) is not None

    orgs = [registry[key] for key in ("province", "city", "ward", "school", "cell_a")]
    ids = [org.pk for org in orgs]
    by_province = {key: REGISTRY[key].compute_many(ids, PERIOD) for key in EVENT_KEYS}
    monkeypatch.setattr(base, "one_province", lambda org_ids: None)
    assert by_province == {key: REGISTRY[key].compute_many(ids, PERIOD) for key in EVENT_KEYS}
    assert by_province["members.badges_awarded"][registry["city"].pk] == 1  # the school's, counted for 2020
    assert by_province["members.transferred_in"][registry["school"].pk] == 1
    for org in orgs:  # one organization at a time (one province each)
        monkeypatch.undo()
        monkeypatch.setattr(base, "PROVINCE_FROM", 0)
        alone = {key: value(key, org) for key in EVENT_KEYS}
        monkeypatch.setattr(base, "one_province", lambda org_ids: None)
        assert alone == {key: value(key, org) for key in EVENT_KEYS}


def test_an_app_s_indicator_registered_twice_under_one_key_fails():
    """Another app's `register()` adds its figures once; two figures under one key (one's label over the other's
    number) stop the start instead of one being silently dropped."""
    from dangvu.rating import indicators as rating_indicators
    from dangvu.reports.indicators.base import GROUPS, register_all

    def count(org_ids, period):
        return dict.fromkeys(org_ids, 1)

    first = ("test.twice", "Một chỉ tiêu", "Định nghĩa.", count, "lượt", True)
    try:
        register_all("Thử", [first])
        register_all("Thử", [first])  # the app registering again: nothing changes
        assert REGISTRY["test.twice"].label == "Một chỉ tiêu"
        with pytest.raises(ValueError, match="test.twice"):
            register_all("Thử", [(*first[:1], "Chỉ tiêu khác", *first[2:])])
        with pytest.raises(ValueError, match="defined twice: test.again"):
            register_all("Thử", [("test.again", *first[1:]), ("test.again", "Khác", *first[2:])])
        assert "test.again" not in REGISTRY
    finally:  # the registry is global: leave it as the other tests expect it
        REGISTRY.pop("test.twice", None)
        if "Thử" in GROUPS:
            GROUPS.remove("Thử")
    keys = [key for key, *_ in rating_indicators.definitions()]
    assert len(keys) == len(set(keys)) and all(key in REGISTRY for key in keys)
