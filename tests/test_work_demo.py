"""The demo's work records: counting them gives the article's figures (67/67 congresses on the full demo,
22 organizations and 20 members inspected, 19 and 7 under thematic supervision, 2 awareness classes for 120
candidates, 1 new-member class), and the figures move when the records change."""

import random
from datetime import date

import pytest

from dangvu.accounts.scope import scope_for
from dangvu.organizations import actions as org_actions
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Body, Kind, Post
from dangvu.work import queries
from dangvu.work.demo import load_work_records
from dangvu.work.models import Activity, Congress, CourseKind, Oversight, OversightKind

START, END = date(2020, 1, 1), date(2020, 9, 30)


@pytest.fixture
def demo(tree, make_member, users):
    """A small city: 14 more đảng bộ cơ sở with two cells each, 55 members, then the work records."""
    on = date(2010, 1, 1)
    grassroots, cells = [tree["ward"], tree["school"]], [tree["cell_a"], tree["cell_b"]]
    for n in range(14):
        committee = org_actions.establish(
            None,
            code=f"dbcs{n}",
            kind=Kind.GRASSROOTS_COMMITTEE,
            parent=tree["city"],
            on=on,
            names=NameSpec(f"Đảng bộ cơ sở số {n}", f"Đảng ủy cơ sở số {n}", "Đảng ủy"),
        )
        grassroots.append(committee)
        for k in range(2):
            cells.append(
                org_actions.establish(
                    None,
                    code=f"dbcs{n}-cb{k}",
                    kind=Kind.CELL,
                    parent=committee,
                    on=on,
                    names=NameSpec(f"Chi bộ {k + 1} đảng bộ {n}", "Chi bộ", "Chi bộ"),
                )
            )
    units = cells + [tree["school"]]
    members = [users["own_member"]]
    for n in range(50):
        members.append(
            make_member(
                units[n % len(units)],
                given=f"Viên{n}",
                admitted=date(2000 + n % 10, 3, 1),
                official=date(2001 + n % 10, 3, 1),
            )
        )
    for n in range(5):
        members.append(
            make_member(
                units[n], given=f"Mới{n}", birth=date(1995, 2, 2), admitted=date(2019, 8, 1), official=date(2020, 8, 1)
            )
        )
    # The city's secretary is already recorded (as the demo loader records the article's officials).
    secretary = members[3].person
    org_actions.assign_position(
        None,
        person=secretary,
        organization=tree["city"],
        body=Body.PERMANENT,
        post=Post.SECRETARY,
        valid_from=date(2015, 7, 16),
        term="2015–2020",
    )
    ctx = {"phuly": tree["city"], "grassroots": grassroots, "cells": cells, "members": members}
    result = load_work_records(random.Random(2020), ctx)
    return {
        "tree": tree,
        "grassroots": grassroots,
        "result": result,
        "scope": scope_for(users["admin"]),
        "secretary": secretary,
    }


def check_congress_figures(demo):
    city = demo["tree"]["city"]
    overview = queries.congress_overview(demo["scope"], city, "2020-2025", END)
    assert (overview.held_count, overview.total) == (len(demo["grassroots"]), len(demo["grassroots"]))
    assert overview.not_held == []
    # Every grassroots congress was held before the city congress, which is the 23rd, 26–28/07/2020.
    congress = demo["result"]["city_congress"]
    assert (congress.ordinal, congress.term, congress.held_start, congress.held_end) == (
        23,
        "2020–2025",
        date(2020, 7, 26),
        date(2020, 7, 28),
    )
    latest = Congress.objects.filter(term="2020–2025").exclude(pk=congress.pk).order_by("-held_start").first()
    assert latest.held_start < date(2020, 7, 26)
    # On an earlier day fewer had held theirs: the figure is counted at the date asked.
    earlier = queries.congress_overview(demo["scope"], city, "2020–2025", date(2020, 5, 31))
    assert earlier.total == overview.total and earlier.held_count < overview.held_count


def check_the_elected_committee(demo):
    positions = list(queries.elected_positions(demo["result"]["city_congress"]))
    by_post = {(p.body, p.post) for p in positions}
    assert (Body.PERMANENT, Post.SECRETARY) in by_post
    assert (Body.INSPECTION_COMMITTEE, Post.INSPECTION_CHAIR) in by_post
    assert sum(1 for p in positions if p.body == Body.EXECUTIVE) + 3 == 33
    # The secretary recorded before the congress was re-elected: the old post ended, the new term began.
    secretary = [p for p in positions if (p.body, p.post) == (Body.PERMANENT, Post.SECRETARY)]
    assert [p.person for p in secretary] == [demo["secretary"]]
    assert demo["secretary"].positions.filter(term="2015–2020").get().valid_to == date(2020, 7, 28)


def check_inspection_and_supervision_figures(demo):
    city, scope = demo["tree"]["city"], demo["scope"]
    inspected = queries.inspection_counts(scope, city, START, END)
    supervised = queries.thematic_supervision_counts(scope, city, START, END)
    assert (inspected.organizations, inspected.members) == (22, 20)
    assert (supervised.organizations, supervised.members) == (19, 7)
    # The noise is there: more subject rows than distinct subjects, records just outside the period,
    # regular supervisions in the period, and records of other years.
    rows = queries.oversight_subjects(scope, city, START, END, Activity.INSPECTION)
    assert rows.count() > 42
    assert Oversight.objects.filter(start_date=date(2019, 12, 31)).exists()
    assert Oversight.objects.filter(start_date=date(2020, 10, 1)).exists()
    assert Oversight.objects.filter(
        activity=Activity.SUPERVISION, kind=OversightKind.REGULAR, start_date__range=(START, END)
    ).exists()
    whole_year = queries.inspection_counts(scope, city, START, date(2020, 12, 31))
    assert whole_year.organizations > 22 and whole_year.members > 20
    all_supervision = queries.oversight_subject_counts(scope, city, START, END, Activity.SUPERVISION)
    assert all_supervision.organizations > 19
    # A lower committee's own work is counted for the city too, and not the other way round.
    ward_counts = [queries.inspection_counts(scope, g, START, END) for g in demo["grassroots"]]
    assert sum(c.organizations for c in ward_counts) == 2


def check_the_figure_moves_with_the_records(demo):
    city, scope = demo["tree"]["city"], demo["scope"]
    # The last inspection of the period began on 30/09: moving it a day later drops its subjects.
    last = Oversight.objects.get(activity=Activity.INSPECTION, start_date=END)
    unique_orgs = [s.organization_id for s in last.subjects.all() if s.organization_id]
    Oversight.objects.filter(pk=last.pk).update(start_date=date(2020, 10, 1))
    moved = queries.inspection_counts(scope, city, START, END)
    repeated = (
        queries.oversight_subjects(scope, city, START, END, Activity.INSPECTION)
        .filter(organization_id__in=unique_orgs)
        .values("organization_id")
        .distinct()
        .count()
    )
    assert moved.organizations == 22 - len(unique_orgs) + repeated
    assert moved.organizations < 22


def check_course_figures(demo):
    city, scope = demo["tree"]["city"], demo["scope"]
    awareness = queries.course_figures(scope, city, START, END, CourseKind.AWARENESS)
    theory = queries.course_figures(scope, city, START, END, CourseKind.NEW_MEMBER_THEORY)
    assert (awareness.courses, awareness.participants) == (2, 120)
    assert theory.courses == 1 and theory.participants >= 1
    assert len(demo["result"]["candidates"]) == 120
    year = queries.course_figures(scope, city, START, date(2020, 12, 31), CourseKind.AWARENESS)
    assert year.courses == 3 and year.participants > 120


def test_demo_records_give_the_article_figures(demo):
    """One build of the records (a few seconds), every figure checked, then a record moved."""
    check_congress_figures(demo)
    check_the_elected_committee(demo)
    check_inspection_and_supervision_figures(demo)
    check_course_figures(demo)
    check_the_figure_moves_with_the_records(demo)
