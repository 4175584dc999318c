"""The benchmark's hand-written SQL (bench/hand_sql.py) gives exactly the indicators' numbers, on a small
national-shaped set with the records the generator does not make added: transfers within and across
subtrees (and across a cell that moved), records of a cell dated before it moved, discipline decisions,
executive and cell committee terms, congresses of an older and a later term, classes with absent
participants, badges already awarded, ratings, dues lines, meetings that do not count. The comparison runs
on PostgreSQL only (the statement is PostgreSQL's); that every key of the registry is computed or excluded by
name is checked on every database."""

import importlib.util
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from dangvu.dues.models import Line
from dangvu.meetings.models import Kind as MeetingKind
from dangvu.meetings.models import Meeting
from dangvu.meetings.models import Status as MeetingStatus
from dangvu.members.models import EventType, Member, MemberEvent, Placement, Status
from dangvu.organizations import actions as org_actions
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Body, CommitteeTerm, Kind, Organization
from dangvu.rating.models import Grade, MemberRating, MemberStatus, OrganizationRating, Round
from dangvu.reports import figures
from dangvu.reports.indicators import REGISTRY
from dangvu.reports.indicators.base import Indicator
from dangvu.reports.periods import first_months, month, year
from dangvu.work.models import (
    Activity,
    Congress,
    CongressKind,
    CongressStatus,
    Course,
    CourseKind,
    CourseParticipant,
    Discipline,
    DisciplineForm,
    Oversight,
    OversightKind,
    OversightSubject,
    PerformingBody,
)
from dangvu.work.queries import badge_label, badges_proposed

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The hand-written SQL of the benchmark is PostgreSQL's: run with a PostgreSQL DATABASE_URL.",
)

TODAY = date(2026, 11, 27)
NINE_MONTHS = first_months(2026, 9)
PERIODS = [NINE_MONTHS, year(2019), month(2020, 8), month(2026, 5), year(2025), year(2026)]


def _load_hand_sql():
    path = Path(__file__).resolve().parent.parent / "bench" / "hand_sql.py"
    spec = importlib.util.spec_from_file_location("hand_sql", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hand_sql = _load_hand_sql()


def test_every_indicator_of_the_registry_is_computed_or_excluded_by_name(monkeypatch):
    assert hand_sql.uncovered() == []
    assert all(reason.strip() for reason in hand_sql.OUTSIDE_SQL.values())
    # A new indicator that the hand SQL does not know fails the check, and the comparison names it.
    new = Indicator("members.new_figure", "Chỉ tiêu mới", "Định nghĩa.", "Đảng viên", lambda ids, period: {})
    monkeypatch.setitem(REGISTRY, new.key, new)
    assert hand_sql.uncovered() == ["not written: members.new_figure"]
    assert hand_sql.same({new.key: {1: 0}}, {}, [1]) == [
        "members.new_figure: not computed by the hand SQL (write it, or exclude it in OUTSIDE_SQL)"
    ]


def _cells(under: Organization) -> list[Organization]:
    return list(
        Organization.objects.filter(kind__in=[Kind.CELL, Kind.GRASSROOTS_CELL], ancestry_up__ancestor=under).order_by(
            "pk"
        )
    )


def _members(cells) -> list[Member]:
    return list(Member.objects.filter(organization__in=cells).exclude(status=Status.LEFT).order_by("pk"))


def _discipline(by, member=None, organization=None, on=date(2026, 3, 2), number=0) -> Discipline:
    return Discipline(
        organization=by,
        body=PerformingBody.EXECUTIVE,
        subject_member=member,
        subject_organization=organization,
        form=DisciplineForm.REPRIMAND,
        decided_on=on,
        decision_number=f"{number}-QĐ/ĐU",
        reason="Vi phạm",
    )


def _add_records(province: Organization, other_province: Organization, commune: Organization) -> dict:
    """What the generator leaves out, so that every rule of the definitions is tried."""
    cells = _cells(commune)
    elsewhere = [c for c in _cells(province) if c not in cells]
    far = _cells(other_province)
    members = _members(cells)
    day = date(2026, 5, 12)
    # Transfers: between two cells of the commune (not counted for it nor the province), from another
    # commune of the province (counted for the commune, not the province), from another province, and with
    # the other end unknown; the same member twice (counted once).
    transfers = [
        (members[0], EventType.TRANSFERRED_OUT, cells[0], cells[1]),
        (members[1], EventType.TRANSFERRED_IN, cells[1], cells[0]),
        (members[2], EventType.TRANSFERRED_IN, cells[0], elsewhere[0]),
        (members[3], EventType.TRANSFERRED_OUT, cells[0], elsewhere[0]),
        (members[4], EventType.TRANSFERRED_OUT, cells[0], far[0]),
        (members[5], EventType.TRANSFERRED_IN, cells[1], far[0]),
        (members[6], EventType.TRANSFERRED_OUT, cells[1], None),
        (members[6], EventType.TRANSFERRED_OUT, cells[0], None),
    ]
    MemberEvent.objects.bulk_create(
        MemberEvent(member=member, type=kind, date=day, organization=cell, other_organization=other)
        for member, kind, cell, other in transfers
    )
    # Discipline decisions: of a member (twice, counted once), of a cell, by the commune and one of its cells.
    Discipline.objects.bulk_create(
        [
            _discipline(commune, members[7], number=1),
            _discipline(cells[0], members[7], number=2),
            _discipline(commune, organization=cells[1], number=3),
            _discipline(cells[0], members[8], number=4),
        ]
    )
    # Before the 2020 congresses: the term is the executive committee's, and one grassroots organization had
    # its congress for that term.
    for org in (province, commune):
        CommitteeTerm.objects.create(
            organization=org,
            body=Body.EXECUTIVE,
            term="2015–2020",
            valid_from=date(2015, 6, 1),
            valid_to=date(2020, 8, 1),
        )
    grassroots = (
        Organization.objects.filter(
            kind__in=[Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL], ancestry_up__ancestor=province
        )
        .order_by("pk")
        .first()
    )
    Congress.objects.create(
        organization=grassroots,
        term="2015–2020",
        kind=CongressKind.ALL_MEMBERS,
        status=CongressStatus.HELD,
        held_start=date(2015, 5, 20),
        held_end=date(2015, 5, 20),
    )
    # Congresses of the current term not counted: one opened after the nine months, one postponed (with the
    # date it was to open), of two grassroots cells established this year.
    for n, (status, held) in enumerate(
        [(CongressStatus.HELD, date(2026, 10, 15)), (CongressStatus.POSTPONED, date(2026, 3, 1))]
    ):
        new = org_actions.establish(
            None,
            code=f"hand-sql-{n}",
            kind=Kind.GRASSROOTS_CELL,
            parent=commune,
            on=date(2026, 1, 1),
            names=NameSpec(f"Chi bộ mới {n}", "Chi bộ", "Chi bộ"),
        )
        Congress.objects.create(
            organization=new,
            term="2025–2030",
            kind=CongressKind.ALL_MEMBERS,
            status=status,
            held_start=held,
            planned_start=date(2026, 10, 15),
        )
    # In the other province a grassroots organization plans its congress of the next term in August 2026: its
    # province's round is that term from then on, with none held for it.
    ahead = (
        Organization.objects.filter(
            kind__in=[Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL], ancestry_up__ancestor=other_province
        )
        .order_by("pk")
        .first()
    )
    Congress.objects.create(
        organization=ahead,
        term="2030–2035",
        kind=CongressKind.ALL_MEMBERS,
        status=CongressStatus.PLANNED,
        planned_start=date(2026, 8, 1),
    )
    # Cell meetings that do not count (cancelled) or count without a roll, and a thematic one.
    Meeting.objects.bulk_create(
        [
            Meeting(
                organization=cells[0],
                kind=MeetingKind.CELL_MONTHLY,
                title="Hoãn",
                date=day,
                status=MeetingStatus.CANCELLED,
                roll_count=5,
                present_count=5,
            ),
            Meeting(
                organization=cells[0],
                kind=MeetingKind.CELL_THEMATIC,
                title="Chuyên đề",
                date=day,
                status=MeetingStatus.HELD,
                roll_count=7,
                present_count=6,
                unexcused_count=1,
            ),
            Meeting(
                organization=cells[1],
                kind=MeetingKind.CELL_THEMATIC,
                title="Chưa điểm danh",
                date=day,
                status=MeetingStatus.HELD,
            ),
        ]
    )
    staying = [m for m in members if m.organization_id != cells[-1].pk]  # (not in the cell moved below)
    _add_ratings(province, commune, cells[:-1], staying)
    _rate_every_grade(other_province)
    _add_dues(far, staying)
    # A cell moved out of the commune in June (after its records below were made): its stock counts where the
    # tree had it on the last day, its dated records where the tree had it on their day.
    moved = cells[-1]
    elsewhere_parent = (
        Organization.objects.filter(kind__in=[Kind.COMMUNE, Kind.GRASSROOTS_COMMITTEE], ancestry_up__ancestor=province)
        .exclude(ancestry_up__ancestor=commune)
        .order_by("pk")
        .first()
    )
    org_actions.move(None, moved, elsewhere_parent, on=date(2026, 6, 1))
    return {"cells": cells, "moved": moved, "far": far, "members": members}


def _add_ratings(province, commune, cells, members) -> None:
    """The 2026 rating of the commune's members (one of each grade, one undecided, one exempted) and cells
    (one excellent, one undecided), of the commune and of the province itself; one member in 2025."""
    this_year, last_year = (
        Round.objects.create(
            organization=province,
            year=y,
            version="2018",
            regulation="Quy định",
            cutoff_on=date(y, 11, 1),
            opened_on=date(y, 11, 5),
        )
        for y in (2026, 2025)
    )
    grades = [Grade.EXCELLENT, Grade.GOOD, Grade.GOOD, Grade.COMPLETE, Grade.FAILED, ""]
    rated = [
        MemberRating(round=this_year, member=member, cell=member.organization, deciding=commune, final_grade=grade)
        for member, grade in zip(members[10:16], grades, strict=True)
    ]
    rated.append(
        MemberRating(
            round=this_year,
            member=members[16],
            cell=members[16].organization,
            deciding=commune,
            status=MemberStatus.EXEMPTED,
        )
    )
    rated.append(
        MemberRating(
            round=last_year, member=members[10], cell=members[10].organization, deciding=commune, final_grade=Grade.GOOD
        )
    )
    MemberRating.objects.bulk_create(rated)
    OrganizationRating.objects.bulk_create(
        [
            OrganizationRating(
                round=this_year, organization=commune, kind=Kind.COMMUNE, deciding=province, final_grade=Grade.GOOD
            ),
            OrganizationRating(
                round=this_year, organization=cells[0], kind=Kind.CELL, deciding=commune, final_grade=Grade.EXCELLENT
            ),
            OrganizationRating(round=this_year, organization=cells[1], kind=Kind.CELL, deciding=commune),
            OrganizationRating(
                round=this_year, organization=province, kind=Kind.PROVINCE, deciding=province, final_grade=Grade.GOOD
            ),
        ]
    )


def _rate_every_grade(province) -> None:
    """The 2026 rating of the grassroots organizations and cells of a province, every grade in turn."""
    rating_round = Round.objects.create(
        organization=province,
        year=2026,
        version="2018",
        regulation="Quy định",
        cutoff_on=date(2026, 11, 1),
        opened_on=date(2026, 11, 5),
    )
    grades = [Grade.EXCELLENT, Grade.GOOD, Grade.COMPLETE, Grade.FAILED, ""]
    for level in ([Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL, Kind.COMMUNE], [Kind.CELL]):
        rated = Organization.objects.filter(ancestry_up__ancestor=province, kind__in=level).order_by("pk")
        OrganizationRating.objects.bulk_create(
            OrganizationRating(
                round=rating_round,
                organization=org,
                kind=org.kind,
                deciding=province,
                final_grade=grades[n % len(grades)],
            )
            for n, org in enumerate(rated)
        )


def _large_grassroots_cell(province) -> Organization:
    """A grassroots cell of 30 members or more from 20/09/2026: cells of the province merged into one
    established in January."""
    on = date(2026, 9, 20)
    commune = Organization.objects.filter(kind=Kind.COMMUNE, ancestry_up__ancestor=province).order_by("pk")[0]
    target = org_actions.establish(
        None,
        code="hand-sql-large",
        kind=Kind.GRASSROOTS_CELL,
        parent=commune,
        on=date(2026, 1, 1),
        names=NameSpec("Chi bộ lớn", "Chi bộ", "Chi bộ"),
    )
    later = {
        *Oversight.objects.filter(start_date__gte=on).values_list("organization_id", flat=True),
        *Course.objects.filter(start_date__gte=on).values_list("organizer_id", flat=True),
        *Meeting.objects.filter(date__gte=on).values_list("organization_id", flat=True),
    }
    sources, count = [], len(_members([target]))
    for cell in Organization.objects.filter(kind=Kind.CELL, ancestry_up__ancestor=province).order_by("pk"):
        if count >= 30:
            break
        if cell.pk not in later:
            sources.append(cell)
            count += len(_members([cell]))
    org_actions.merge(None, sources, target, on=on, confirm=True)
    return target


def _add_dues(far, members) -> None:
    """The commune's dues in 2026: one member paid every month, one owes March, one paid part of September,
    one is exempted (nothing due), one paid September but owes December 2025 in a cell of another province."""
    paid, owing, partial, exempted, behind = members[20:25]

    def line(member, when, due, paid_amount, cell=None):
        return Line(
            member=member,
            month=when,
            organization=cell or member.organization,
            due=due,
            regulation="01",
            explanation="1% tiền lương",
            paid=paid_amount,
        )

    september = date(2026, 9, 1)
    Line.objects.bulk_create(
        [
            *(line(paid, date(2026, n, 1), 5000, 5000) for n in range(1, 10)),
            line(owing, date(2026, 3, 1), 5000, None),
            line(owing, september, 5000, 5000),
            line(partial, september, 5000, 2000),
            line(exempted, september, 0, None),
            line(behind, september, 5000, 5000),
            line(behind, date(2025, 12, 1), 5000, None, cell=far[0]),
        ]
    )


def _add_record_day_cases(records: dict, province: Organization) -> None:
    """Records of the moved cell dated before it moved (inside the commune that day) and after (outside); a
    transfer from it before the move (inside: not counted) and after (outside: counted); a class with
    participants absent and withdrawn; a badge of an award day already awarded before it, one awarded on it."""
    cells, moved, far = records["cells"], records["moved"], records["far"]
    others = _members(far)
    march, july = date(2026, 3, 10), date(2026, 7, 10)
    Discipline.objects.bulk_create(
        [_discipline(moved, others[0], on=march, number=10), _discipline(moved, others[1], on=july, number=11)]
    )
    MemberEvent.objects.bulk_create(
        [
            MemberEvent(
                member=others[2],
                type=EventType.TRANSFERRED_IN,
                date=march,
                organization=cells[0],
                other_organization=moved,
            ),
            MemberEvent(
                member=others[3],
                type=EventType.TRANSFERRED_IN,
                date=july,
                organization=cells[0],
                other_organization=moved,
            ),
        ]
    )
    for start, n in ((march, 0), (july, 1)):
        oversight = Oversight.objects.create(
            activity=Activity.SUPERVISION,
            kind=OversightKind.THEMATIC,
            organization=moved,
            body=PerformingBody.CELL,
            start_date=start,
            content=f"Giám sát chuyên đề {n}",
        )
        OversightSubject.objects.create(oversight=oversight, member=others[4 + n])
    course = Course.objects.create(
        kind=CourseKind.AWARENESS,
        title="Lớp bồi dưỡng",
        organizer=cells[0],
        start_date=date(2026, 4, 6),
        end_date=date(2026, 4, 10),
    )
    CourseParticipant.objects.bulk_create(
        CourseParticipant(course=course, person=member.person, result=result)
        for member, result in zip(others[6:9], ["passed", "absent", "dropped"], strict=True)
    )
    award_day = next(
        d for d in (date(2026, 2, 3), date(2026, 5, 19), date(2026, 9, 2)) if len(badges_proposed(province.pk, d)) >= 2
    )
    first, second = badges_proposed(province.pk, award_day)[:2]
    MemberEvent.objects.bulk_create(
        [
            MemberEvent(
                member=first.member,
                type=EventType.BADGE_AWARDED,
                date=award_day - timedelta(days=30),
                organization=first.cell,
                detail=badge_label(first.years),
            ),
            MemberEvent(
                member=second.member,
                type=EventType.BADGE_AWARDED,
                date=award_day,
                organization=second.cell,
                detail=badge_label(second.years),
            ),
        ]
    )


@pytest.fixture
def scale_set(db):
    call_command("generate_scale", members=1500, provinces=3, seed=5, today=TODAY, stdout=StringIO())
    provinces = list(Organization.objects.filter(kind=Kind.PROVINCE).order_by("pk"))
    province = provinces[0]  # the one whose cells meet (see demo.scale.MEETINGS_PROVINCE)
    # a commune with enough cells and members for the records added
    commune = next(
        c
        for c in Organization.objects.filter(kind=Kind.COMMUNE, parent=province).order_by("pk")
        if len(_cells(c)) >= 3 and len(_members(_cells(c))) >= 25
    )
    records = _add_records(province, provinces[1], commune)
    cell = _cells(commune)[0]
    _large_grassroots_cell(provinces[2])
    return {
        "ids": {
            "country": [p.pk for p in provinces],
            "province": [province.pk],
            "commune": [commune.pk],
            "cell": [cell.pk],
            "province and commune": [province.pk, commune.pk],
        },
        "records": records,
        "province": province,
        "commune": commune,
        "provinces": provinces,
    }


def _large_cells() -> list[Organization]:
    """The country's cells of 9 officials or more on the nine months' last day (a cell committee's threshold)."""
    end = NINE_MONTHS.end
    officials = {}
    for cell_id in Placement.objects.filter(
        valid_from__lte=end, valid_to__gt=end, member__official_on__lte=end
    ).values_list("organization_id", flat=True):
        officials[cell_id] = officials.get(cell_id, 0) + 1
    return list(Organization.objects.filter(pk__in=[pk for pk, n in officials.items() if n >= 9]).order_by("pk"))


@postgresql_only
def test_hand_sql_gives_the_indicators_numbers(scale_set, monkeypatch):
    from dangvu.reports.indicators import base, registry_members

    ids, province, commune = scale_set["ids"], scale_set["province"], scale_set["commune"]
    the_commune = [commune.pk]
    before = hand_sql.hand_values(the_commune, NINE_MONTHS)
    before_province = hand_sql.hand_values([province.pk], NINE_MONTHS)
    _add_record_day_cases(scale_set["records"], province)
    # A committee elected in one of the large cells: one fewer cell without a committee.
    large = _large_cells()
    CommitteeTerm.objects.create(
        organization=large[0], body=Body.CELL_COMMITTEE, term="2025–2027", valid_from=date(2025, 6, 1)
    )
    after = hand_sql.hand_values(the_commune, NINE_MONTHS)
    after_province = hand_sql.hand_values([province.pk], NINE_MONTHS)

    def added(key, answer=after, earlier=before, pk=commune.pk):
        return answer[key][pk] - earlier[key][pk]

    assert added("discipline.members") == 1  # the moved cell's March decision, not its July one
    assert added("members.transferred_in") == 1  # from the moved cell in July, not in March
    assert added("supervision.thematic.members") == 1 and added("supervision.below.members") == 1
    assert added("oversight.own.members") == 0
    assert added("course.awareness.classes") == 1 and added("course.awareness.participants") == 1
    assert added("members.badges_proposed", after_province, before_province, province.pk) == -1
    assert added("health.cells_without_committee", after_province, before_province, province.pk) == (
        -1 if large[0] in _cells(province) else 0
    )

    # Exact figures of the records added (the generator makes no ratings nor dues).
    figures_2026 = {key: after[key][commune.pk] for key in after if key.startswith(("rating.", "dues."))}
    assert figures_2026 == {
        # (rating.*_good: the grade good alone; rating.*_good_or_better: excellent and good)
        "rating.members_listed": 6,
        "rating.members_rated": 5,
        "rating.members_excellent": 1,
        "rating.members_good": 2,
        "rating.members_complete": 1,
        "rating.members_failed": 1,
        "rating.members_good_or_better": 3,
        "rating.members_good_share": 60.0,
        "rating.members_phrase": "3/5 đảng viên hoàn thành tốt nhiệm vụ trở lên (60,0 %)",
        "rating.cells_listed": 2,
        "rating.cells_rated": 1,
        "rating.cells_excellent": 1,
        "rating.cells_good": 0,
        "rating.cells_complete": 0,
        "rating.cells_failed": 0,
        "rating.cells_good_or_better": 1,
        "rating.cells_good_share": 100.0,
        "rating.cells_phrase": "1/1 chi bộ trực thuộc, đảng bộ bộ phận hoàn thành tốt nhiệm vụ trở lên (100,0 %)",
        # the commune's own grade is the province's figure
        "rating.grassroots_listed": 0,
        "rating.grassroots_rated": 0,
        "rating.grassroots_excellent": 0,
        "rating.grassroots_good": 0,
        "rating.grassroots_complete": 0,
        "rating.grassroots_failed": 0,
        "rating.grassroots_good_or_better": 0,
        "rating.grassroots_good_share": None,
        "rating.grassroots_phrase": "chưa có kết quả xếp loại tổ chức cơ sở đảng năm 2026",
        "dues.collected": 9 * 5000 + 5000 + 2000 + 5000,
        "dues.members_owing": 2,
        "dues.up_to_date_share": 40.0,
    }
    assert after_province["rating.grassroots_good"][province.pk] == 1  # the commune's, not the province's own
    others = [scale_set["provinces"][1].pk]
    assert hand_sql.hand_values(others, NINE_MONTHS)["congress.round"][others[0]] == "2030–2035"
    assert hand_sql.hand_values(others, NINE_MONTHS)["congress.grassroots_held"][others[0]] == 0
    round_2020 = hand_sql.hand_values([province.pk], month(2020, 8))
    assert (round_2020["congress.term"][province.pk], round_2020["congress.round"][province.pk]) == ("", "2020–2025")
    assert round_2020["congress.grassroots_held"][province.pk] > 0
    assert hand_sql.hand_values(the_commune, year(2019))["congress.term"][commune.pk] == "2015–2020"
    assert hand_sql.hand_values(the_commune, year(2025))["rating.members_listed"][commune.pk] == 1

    # Everywhere, both ways of reading the events and oversights (by province for large subtrees, or not).
    tried = set()
    for province_from in (0, 10**9):
        monkeypatch.setattr(base, "PROVINCE_FROM", province_from)
        for period in PERIODS:
            for scope, asked in ids.items():
                orm, hand = figures.values(asked, period), hand_sql.hand_values(asked, period)
                assert hand_sql.same(orm, hand, asked) == [], (scope, period, province_from)
                tried |= {key for key, found in hand.items() if any(v not in (0, "", None) for v in found.values())}
    # Not vacuous: every figure the statement computes is something somewhere.
    assert set(hand_sql.SQL_KEYS) - tried == set()

    # The members of a day both ways in the indicators, the cells' kept open placements corrected by what began
    # or ended after the day (large subtrees) and the placements of the day (small ones), give the statement's
    # members.total and cell-size warnings.
    kept_keys = ["members.total", *(key for key in hand_sql.SQL_KEYS if key.startswith("health."))]
    for period in PERIODS:
        for asked in ids.values():
            hand = hand_sql.hand_values(asked, period)
            for kept_from in (0, 10**9):
                monkeypatch.setattr(registry_members, "KEPT_COUNTS_FROM", kept_from)
                found = figures.values(asked, period, kept_keys)
                assert {key: found[key] for key in kept_keys} == {key: hand[key] for key in kept_keys}, (
                    asked,
                    period,
                    kept_from,
                )

    # And `same` does see a difference, a share of no whole against 0 among them.
    values = hand_sql.hand_values(ids["country"], NINE_MONTHS)
    changed = {key: dict(found) for key, found in values.items()}
    first, second = ids["country"][:2]
    changed["members.total"][first] += 1
    changed["congress.term"][second] = "1900–1905"
    no_share = next(pk for pk, share in values["dues.up_to_date_share"].items() if share is None)
    changed["dues.up_to_date_share"][no_share] = 0
    del changed["members.left"]
    assert len(hand_sql.same(values, changed, ids["country"])) == 4
