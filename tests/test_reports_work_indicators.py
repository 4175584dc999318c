"""Indicators over the work records, one by one on a small tree, and — on the small city with the demo's
records — the grouped counting of every organization equals `dangvu.work.queries`, where the definitions are
written."""

from datetime import date

import pytest

from dangvu.accounts.scope import scope_for
from dangvu.members.models import Person
from dangvu.reports.figures import values
from dangvu.reports.indicators import REGISTRY
from dangvu.reports.periods import Period, congress_term, preset
from dangvu.work import actions as work_actions
from dangvu.work import queries as work_queries
from dangvu.work.models import Activity, CongressKind, CongressStatus, CourseKind, OversightKind, PerformingBody
from reports_support import NINE_MONTHS, TODAY, build_small_city, inspect

pytestmark = pytest.mark.django_db


def value(key, org, period=NINE_MONTHS):
    return REGISTRY[key].compute(org, period)


def congress(org, term, opened, status=CongressStatus.HELD):
    held = status == CongressStatus.HELD
    return work_actions.create_congress(
        None,
        organization=org,
        term=term,
        kind=CongressKind.ALL_MEMBERS,
        status=status,
        held_start=opened if held else None,
        held_end=opened if held else None,
        planned_start=None if held else opened,
        today=TODAY,
    )


def test_congress_term_and_grassroots_held_by_the_last_day(tree):
    city, ward, school = tree["city"], tree["ward"], tree["school"]
    congress(city, "2015–2020", date(2015, 7, 15))
    congress(ward, "2020–2025", date(2020, 4, 10))
    congress(school, "2020–2025", date(2020, 10, 5))  # after the period
    assert value("congress.term", city) == "2015–2020"  # the city's own congress is not held yet
    congress(city, "2020–2025", date(2020, 7, 26))
    assert value("congress.term", city) == "2020–2025"
    assert value("congress.grassroots_held", city) == 1
    assert value("congress.grassroots_held", city, Period(date(2020, 1, 1), date(2020, 12, 31))) == 2
    assert value("congress.term", city, Period(date(2020, 1, 1), date(2020, 6, 30))) == "2015–2020"
    assert congress_term(city, date(2020, 9, 30)) == Period(date(2020, 7, 26), date(2020, 9, 30))
    assert preset("term", date(2019, 5, 5), city) == Period(date(2015, 7, 15), date(2019, 5, 5))
    # no term recorded for the province itself: the round its grassroots are in (congress.round) counts
    assert value("congress.term", tree["province"]) == ""
    assert value("congress.round", tree["province"]) == "2020–2025"
    assert value("congress.grassroots_held", tree["province"]) == 1


def test_thematic_supervision_apart_from_regular(tree, make_member):
    city, ward, school = tree["city"], tree["ward"], tree["school"]
    member = make_member(tree["cell_a"])
    supervise = {"activity": Activity.SUPERVISION, "body": PerformingBody.STANDING}
    inspect(city, [ward], [member], on=date(2020, 2, 1), kind=OversightKind.THEMATIC, **supervise)
    inspect(city, [ward], on=date(2020, 8, 1), kind=OversightKind.THEMATIC, **supervise)
    inspect(city, [school], on=date(2020, 3, 1), kind=OversightKind.REGULAR, **supervise)
    assert (value("supervision.thematic.organizations", city), value("supervision.thematic.members", city)) == (1, 1)
    assert value("inspection.organizations", city) == 0


def test_discipline_counts_distinct_subjects_decided_in_the_period(tree, make_member):
    city, ward = tree["city"], tree["ward"]
    members = [make_member(tree["cell_a"], given=f"Kỷ{n}") for n in range(2)]
    decide = {
        "organization": city,
        "body": PerformingBody.INSPECTION_COMMITTEE,
        "reason": "Vi phạm quy chế",
        "today": TODAY,
    }
    work_actions.decide_discipline(
        None,
        subject_member=members[0],
        form="reprimand",
        decided_on=date(2020, 2, 2),
        decision_number="01-QĐ/UBKT",
        **decide,
    )
    work_actions.decide_discipline(
        None,
        subject_member=members[0],
        form="warning",
        decided_on=date(2020, 8, 8),
        decision_number="02-QĐ/UBKT",
        **decide,
    )
    work_actions.decide_discipline(
        None,
        subject_member=members[1],
        form="reprimand",
        decided_on=date(2020, 11, 1),
        decision_number="03-QĐ/UBKT",
        **decide,
    )
    work_actions.decide_discipline(
        None,
        subject_organization=tree["cell_b"],
        form="reprimand",
        decided_on=date(2020, 5, 5),
        decision_number="04-QĐ/UBKT",
        **decide,
    )
    assert (value("discipline.members", city), value("discipline.organizations", city)) == (1, 1)
    assert value("discipline.members", ward) == 0  # decided by the city's body, not the ward's


def test_classes_and_their_distinct_candidates(tree):
    city, ward = tree["city"], tree["ward"]
    people = [Person.objects.create(family_name="Trần", given_name=f"Ứng{n}", gender="female") for n in range(3)]

    def course(org, kind, start, attendees):
        made = work_actions.create_course(
            None, kind=kind, title=f"Lớp {kind} {start:%m/%Y}", organizer=org, start_date=start, end_date=start
        )
        for person in attendees:
            work_actions.add_participant(None, made, person, today=TODAY)
        return made

    course(city, CourseKind.AWARENESS, date(2020, 3, 2), people[:2])
    course(ward, CourseKind.AWARENESS, date(2020, 9, 30), people[1:])
    course(city, CourseKind.AWARENESS, date(2020, 10, 1), people)
    course(city, CourseKind.OTHER, date(2020, 5, 5), people)
    assert (value("course.awareness.classes", city), value("course.awareness.participants", city)) == (2, 3)
    assert (value("course.awareness.classes", ward), value("course.awareness.participants", ward)) == (1, 2)
    assert value("course.new_member_theory.classes", city) == 0


def test_grouped_counts_agree_with_the_work_queries(tree, make_member, users):
    city = build_small_city(tree, make_member)
    scope = scope_for(users["admin"])
    orgs = [city["city"], *city["grassroots"]]
    found = values([o.pk for o in orgs], NINE_MONTHS)
    start, end = NINE_MONTHS.start, NINE_MONTHS.end
    for org in orgs:
        inspected = work_queries.inspection_counts(scope, org, start, end)
        supervised = work_queries.thematic_supervision_counts(scope, org, start, end)
        awareness = work_queries.course_figures(scope, org, start, end, CourseKind.AWARENESS)
        assert (found["inspection.organizations"][org.pk], found["inspection.members"][org.pk]) == (
            inspected.organizations,
            inspected.members,
        ), org.code
        assert (found["supervision.thematic.organizations"][org.pk], found["supervision.thematic.members"][org.pk]) == (
            supervised.organizations,
            supervised.members,
        ), org.code
        assert (found["course.awareness.classes"][org.pk], found["course.awareness.participants"][org.pk]) == (
            awareness.courses,
            awareness.participants,
        ), org.code
    overview = work_queries.congress_overview(scope, city["city"], "2020–2025", end)
    assert found["congress.grassroots_held"][city["city"].pk] == overview.held_count == overview.total
    assert found["inspection.organizations"][city["city"].pk] == 22


def test_the_work_figures_sharing_a_table_are_counted_together(tree, make_member, django_assert_num_queries):
    from dangvu.reports.indicators.base import computing

    city, ward = tree["city"], tree["ward"]
    member = make_member(tree["cell_a"])
    inspect(
        city,
        [ward],
        [member],
        on=date(2020, 2, 1),
        kind=OversightKind.THEMATIC,
        activity=Activity.SUPERVISION,
        body=PerformingBody.STANDING,
    )
    inspect(city, [ward], on=date(2020, 3, 1))
    keys = [
        "inspection.organizations",
        "inspection.members",
        "supervision.thematic.organizations",
        "supervision.thematic.members",
        "discipline.organizations",
        "discipline.members",
        "course.awareness.classes",
        "course.new_member_theory.classes",
    ]
    alone = {key: REGISTRY[key].compute_many([city.pk, ward.pk], NINE_MONTHS) for key in keys}
    with django_assert_num_queries(4), computing():  # the subtrees' size now, subjects, decisions, courses
        together = {key: REGISTRY[key].compute_many([city.pk, ward.pk], NINE_MONTHS) for key in keys}
    assert together == alone
    assert [together[key][city.pk] for key in keys[:4]] == [1, 0, 1, 1]


def test_oversight_figures_read_by_province_count_what_every_oversight_gives(
    tree, other_tree, make_member, monkeypatch
):
    """Within one province the oversight figures read the oversights whose `province` is that province's and
    those of organizations that left the subtree since the period: the same figures as reading every one."""
    from dangvu.members.tally import province_of
    from dangvu.organizations import actions as org_actions
    from dangvu.reports.indicators import base
    from dangvu.work.models import Oversight

    monkeypatch.setattr(base, "PROVINCE_FROM", 0)  # the tree is small
    city, ward, school = tree["city"], tree["ward"], tree["school"]
    member = make_member(tree["cell_a"])
    inspect(city, [ward], [member], on=date(2020, 2, 1))
    inspect(school, [], [make_member(school)], on=date(2020, 3, 1), body=PerformingBody.CELL)
    inspect(
        ward,
        [tree["cell_b"]],
        on=date(2020, 4, 1),
        kind=OversightKind.THEMATIC,
        activity=Activity.SUPERVISION,
        body=PerformingBody.STANDING,
    )
    # After the period the school moves to another province: its oversights take that province.
    org_actions.move(None, school, other_tree["province"], on=date(2021, 3, 1))
    assert all(o.province_id == province_of(o.organization_id) for o in Oversight.objects.all())
    assert Oversight.objects.get(organization=school).province_id == other_tree["province"].pk
    keys = [
        "inspection.organizations",
        "inspection.members",
        "supervision.thematic.organizations",
        "supervision.thematic.members",
    ]
    orgs = [tree[key] for key in ("province", "city", "ward", "school")]
    ids = [org.pk for org in orgs]
    for group in ([org.pk] for org in orgs):
        by_province = {key: REGISTRY[key].compute_many(group, NINE_MONTHS) for key in keys}
        with monkeypatch.context() as patched:
            patched.setattr(base, "one_province", lambda org_ids: None)
            assert by_province == {key: REGISTRY[key].compute_many(group, NINE_MONTHS) for key in keys}
    assert value("inspection.members", city) == 2  # the school's, done in 2020 while in the city
    assert value("inspection.members", tree["province"]) == 2
    assert base.one_province([city.pk]) is not None  # read by province above
    assert base.one_province(ids) is None  # the school lies in another province now
