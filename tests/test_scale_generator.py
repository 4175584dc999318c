"""The scale generator writes tables directly, so these tests check it keeps the invariants the actions keep."""

from collections import defaultdict
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from dangvu.core.models import AuditEvent
from dangvu.core.text import fold, sort_key
from dangvu.demo.scale import Generator, national_counts
from dangvu.members import actions as member_actions
from dangvu.members import tally
from dangvu.members.models import EventType, Member, MemberEvent, Person, Placement, Status
from dangvu.members.rules import add_months, admission_age_errors, citizen_id_errors
from dangvu.organizations.models import (
    MEMBER_UNIT_KINDS,
    OPEN_END,
    Ancestry,
    Kind,
    Organization,
    OrganizationName,
    ParentLink,
)
from dangvu.organizations.queries import member_counts
from dangvu.work.models import Congress, CourseParticipant, Oversight, OversightSubject

TODAY = date(2026, 11, 27)


@pytest.fixture
def generated(db):
    out = StringIO()
    counts = Generator(400, seed=7, provinces=2, today=TODAY, out=out, batch=150).run()
    return counts, out.getvalue()


def test_national_proportions():
    assert national_counts(5_600_000, 34) == {"communes": 3321, "grassroots": 52_000, "cells": 300_000}
    small = national_counts(100_000, 34)
    assert small["cells"] == 5357 and small["grassroots"] == 929


def test_counts_and_progress(generated):
    counts, out = generated
    current = Member.objects.exclude(status=Status.LEFT).count()
    assert current == 400
    assert Member.objects.count() == counts.members == 400 + counts.left
    assert Organization.objects.filter(kind=Kind.PROVINCE).count() == 2
    assert "đảng viên" in out and "xong" in out
    assert AuditEvent.objects.filter(action="scale.generate").count() == 1


def test_every_member_has_one_placement_from_admission_or_arrival(generated):
    units = set(Organization.objects.filter(kind__in=MEMBER_UNIT_KINDS).values_list("pk", flat=True))
    arrivals = dict(MemberEvent.objects.filter(type=EventType.TRANSFERRED_IN).values_list("member_id", "date"))
    placements = defaultdict(list)
    for p in Placement.objects.all():
        placements[p.member_id].append(p)
    for member in Member.objects.all():
        (placement,) = placements[member.pk]
        assert placement.organization_id == member.organization_id in units
        assert placement.valid_from == arrivals.get(member.pk, member.admitted_on)
        assert placement.valid_to == (member.left_on or OPEN_END)
    # Each event says whether that placement covered its date, as the triggers would have: the arrivals'
    # admissions were made elsewhere.
    assert tally.fill_registered() == 0
    assert (
        arrivals
        and not MemberEvent.objects.filter(type=EventType.ADMITTED, member_id__in=arrivals, registered=True).exists()
    )


def test_statuses_agree_with_dates_and_events(generated):
    types = defaultdict(set)
    for member_id, type_ in MemberEvent.objects.values_list("member_id", "type"):
        types[member_id].add(type_)
    for member in Member.objects.select_related("person"):
        assert EventType.ADMITTED in types[member.pk]
        assert admission_age_errors(member.person.birth_date, member.admitted_on) == []
        if member.status == Status.PROBATIONARY:
            assert member.official_on is None and add_months(member.admitted_on, 12) > TODAY
        else:
            assert member.official_on == add_months(member.admitted_on, 12) <= TODAY
            assert EventType.RECOGNIZED_OFFICIAL in types[member.pk]
        assert (member.status == Status.LEFT) == (member.left_on is not None) == (EventType.LEFT in types[member.pk])
        assert (member.status == Status.EXEMPTED) == (EventType.EXEMPTED in types[member.pk])
        if member.card_number:
            assert member.official_on is not None


def test_people_have_valid_unique_citizen_ids_and_computed_name_keys(generated):
    people = list(Person.objects.all())
    assert len({p.citizen_id for p in people}) == len(people)
    for person in people:
        assert citizen_id_errors(person.citizen_id, person.birth_date, person.gender) == []
        assert person.name_folded == fold(person.full_name)
        assert person.sort_key == sort_key(person.given_name, person.middle_name, person.family_name)


def test_closure_rows_follow_the_parent_links(generated):
    parents = dict(ParentLink.objects.values_list("organization_id", "parent_id"))
    rows = defaultdict(set)
    for descendant, ancestor, depth in Ancestry.objects.values_list("descendant_id", "ancestor_id", "depth"):
        rows[descendant].add((ancestor, depth))
    for org in Organization.objects.all():
        expected, node, depth = set(), org.pk, 0
        while node is not None:
            expected.add((node, depth))
            node, depth = parents.get(node), depth + 1
        assert rows[org.pk] == expected
        assert org.parent_id == parents.get(org.pk)
    assert OrganizationName.objects.count() == Organization.objects.count()


def test_subtree_counts_add_up(generated):
    from dangvu.members import tally
    from dangvu.members.models import SubtreeCount

    provinces = list(Organization.objects.filter(kind=Kind.PROVINCE))
    counts = member_counts(provinces)
    assert sum(counts.values()) == Placement.objects.filter(valid_to=OPEN_END).count()
    assert sum(counts.values()) == Member.objects.exclude(status=Status.LEFT).count()
    # The kept counts and the members' copies are what a rebuild from the records gives.
    from dangvu.members.models import MemberEvent, RegisteredCount

    kept = list(SubtreeCount.objects.order_by("pk").values_list())
    registered = list(RegisteredCount.objects.order_by("pk").values_list())
    copies = list(Member.objects.order_by("pk").values_list("name_folded", "sort_key", "province_id"))
    event_provinces = list(MemberEvent.objects.order_by("pk").values_list("province_id", flat=True))
    assert None not in event_provinces
    tally.rebuild()
    tally.fill_provinces(MemberEvent)
    assert list(SubtreeCount.objects.order_by("pk").values_list()) == kept
    assert list(RegisteredCount.objects.order_by("pk").values_list()) == registered
    assert list(Member.objects.order_by("pk").values_list("name_folded", "sort_key", "province_id")) == copies
    assert list(MemberEvent.objects.order_by("pk").values_list("province_id", flat=True)) == event_provinces


def test_work_records_are_generated(generated):
    counts, _ = generated
    assert Congress.objects.values("term").annotate(n=Count("id")).count() == 2
    assert Congress.objects.count() == counts.congresses == 2 * Organization.objects.count()
    assert CourseParticipant.objects.count() == counts.participants > 0
    assert Oversight.objects.count() == OversightSubject.objects.count() == counts.oversights > 0
    member_subjects = OversightSubject.objects.filter(member__isnull=False).select_related("member")
    assert all(s.member.status != Status.LEFT for s in member_subjects)


def test_actions_still_work_after_generation(generated):
    cell = Organization.objects.filter(kind=Kind.CELL).first()
    member = member_actions.create_member(
        None,
        organization=cell,
        admitted_on=date(2020, 3, 10),
        official_on=date(2021, 3, 10),
        person={
            "family_name": "Đỗ",
            "middle_name": "Văn",
            "given_name": "Khải",
            "gender": "male",
            "birth_date": date(1990, 4, 2),
            "citizen_id": "035090000001",
        },
        today=TODAY,
    )
    assert member.pk == Member.objects.order_by("-pk").first().pk


def test_same_seed_same_people(db):
    def people(run_seed):
        start = Person.objects.count()
        Generator(30, seed=run_seed, provinces=1, today=TODAY, out=StringIO()).run()
        return list(
            Person.objects.order_by("pk").values_list(
                "family_name", "middle_name", "given_name", "birth_date", "gender"
            )[start:]
        )

    first, second, other = people(11), people(11), people(12)
    assert first == second and len(set(first)) > 20
    assert other != first


def test_command(db):
    out = StringIO()
    call_command("generate_scale", "--members", "40", "--provinces", "1", "--seed", "2", stdout=out)
    assert "Đã sinh" in out.getvalue()
    assert Member.objects.exclude(status=Status.LEFT).count() == 40


def _index_names() -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        return {
            name
            for table in connection.introspection.table_names(cursor)
            for name in connection.introspection.get_constraints(cursor, table)
        }


@pytest.mark.django_db(transaction=True)
def test_load_outside_a_transaction_keeps_every_index():
    """The command's path: on PostgreSQL a writer thread, with the member indexes built again at the end."""
    before = _index_names()
    counts = Generator(300, seed=3, provinces=1, today=TODAY, out=StringIO(), batch=40).run()
    assert _index_names() == before
    assert Member.objects.exclude(status=Status.LEFT).count() == 300
    assert Placement.objects.count() == Member.objects.count() == counts.members
    assert MemberEvent.objects.count() == counts.events
    assert tally.fill_registered() == 0
    assert Person.objects.filter(name_folded__contains="nguyen").exists()


def test_a_year_of_monthly_meetings_of_the_first_province(generated):
    from dangvu.meetings.models import Attendance, Meeting

    counts, _ = generated
    first, second = Organization.objects.filter(kind=Kind.PROVINCE).order_by("pk")
    cells = Organization.objects.filter(kind__in=MEMBER_UNIT_KINDS, ancestry_up__ancestor=first)
    assert Meeting.objects.count() == counts.meetings == 12 * cells.count()
    assert not Meeting.objects.filter(organization__ancestry_up__ancestor=second).exists()
    months = {(d.year, d.month) for d in Meeting.objects.values_list("date", flat=True)}
    assert len(months) == 12 and max(months) < (TODAY.year, TODAY.month)
    rolls = Attendance.objects.select_related("meeting", "person__membership")
    assert rolls.count() == counts.attendance > 0
    # Each meeting's kept roll counts are what counting its roll lines gives.
    from dangvu.meetings.rolls import count_rolls

    fields = ("roll_count", "present_count", "late_count", "excused_count", "unexcused_count")
    kept = list(Meeting.objects.order_by("pk").values_list(*fields))
    count_rolls(Meeting.objects.all())
    assert list(Meeting.objects.order_by("pk").values_list(*fields)) == kept
    assert sum(k[0] for k in kept) == counts.attendance
    for line in rolls:
        membership = line.person.membership
        assert membership.organization_id == line.meeting.organization_id
        assert membership.status in (Status.OFFICIAL, Status.PROBATIONARY)
        assert membership.admitted_on <= line.meeting.date
