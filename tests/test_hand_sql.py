"""The benchmark's hand-written SQL (bench/hand_sql.py) gives exactly the indicators' numbers, on a small
national-shaped set with the records the generator does not make added: transfers within and across
subtrees, discipline decisions, executive committee terms, a congress of an older term, meetings that do not
count. PostgreSQL only: the statement is PostgreSQL's."""

import importlib.util
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from dangvu.meetings.models import Kind as MeetingKind
from dangvu.meetings.models import Meeting
from dangvu.meetings.models import Status as MeetingStatus
from dangvu.members.models import EventType, Member, MemberEvent, Status
from dangvu.organizations import actions as org_actions
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Body, CommitteeTerm, Kind, Organization
from dangvu.reports import figures
from dangvu.reports.periods import first_months, month, year
from dangvu.work.models import Congress, CongressKind, CongressStatus, Discipline, DisciplineForm, PerformingBody

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The hand-written SQL of the benchmark is PostgreSQL's: run with a PostgreSQL DATABASE_URL.",
)

TODAY = date(2026, 11, 27)


def _load_hand_sql():
    path = Path(__file__).resolve().parent.parent / "bench" / "hand_sql.py"
    spec = importlib.util.spec_from_file_location("hand_sql", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hand_sql = _load_hand_sql()


def _cells(under: Organization) -> list[Organization]:
    return list(Organization.objects.filter(kind__in=[Kind.CELL, Kind.GRASSROOTS_CELL],
                                            ancestry_up__ancestor=under).order_by("pk"))


def _add_records(province: Organization, other_province: Organization, commune: Organization) -> None:
    """What the generator leaves out, so that every rule of the definitions is tried."""
    cells = _cells(commune)
    elsewhere = [c for c in _cells(province) if c not in cells]
    far = _cells(other_province)
    members = list(Member.objects.filter(organization__in=cells).exclude(status=Status.LEFT).order_by("pk"))
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
    decisions = [(commune, members[7], None), (cells[0], members[7], None), (commune, None, cells[1]),
                 (cells[0], members[8], None)]
    Discipline.objects.bulk_create(
        Discipline(organization=by, body=PerformingBody.EXECUTIVE, subject_member=member, subject_organization=org,
                   form=DisciplineForm.REPRIMAND, decided_on=date(2026, 3, 2), decision_number=f"{n}-QĐ/ĐU",
                   reason="Vi phạm")
        for n, (by, member, org) in enumerate(decisions)
    )
    # Before the 2020 congresses: the term is the executive committee's, and one grassroots organization had
    # its congress for that term.
    for org in (province, commune):
        CommitteeTerm.objects.create(organization=org, body=Body.EXECUTIVE, term="2015–2020",
                                     valid_from=date(2015, 6, 1), valid_to=date(2020, 8, 1))
    grassroots = Organization.objects.filter(kind__in=[Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL],
                                             ancestry_up__ancestor=province).order_by("pk").first()
    Congress.objects.create(organization=grassroots, term="2015–2020", kind=CongressKind.ALL_MEMBERS,
                            status=CongressStatus.HELD, held_start=date(2015, 5, 20), held_end=date(2015, 5, 20))
    # Congresses of the current term not counted: one opened after the nine months, one postponed (with the
    # date it was to open), of two grassroots cells established this year.
    for n, (status, held) in enumerate([(CongressStatus.HELD, date(2026, 10, 15)),
                                        (CongressStatus.POSTPONED, date(2026, 3, 1))]):
        new = org_actions.establish(None, code=f"hand-sql-{n}", kind=Kind.GRASSROOTS_CELL, parent=commune,
                                    on=date(2026, 1, 1), names=NameSpec(f"Chi bộ mới {n}", "Chi bộ", "Chi bộ"))
        Congress.objects.create(organization=new, term="2025–2030", kind=CongressKind.ALL_MEMBERS, status=status,
                                held_start=held, planned_start=date(2026, 10, 15))
    # A cell moved out of the commune in June: its records count where the tree had it on the last day.
    elsewhere_parent = (Organization.objects.filter(kind__in=[Kind.COMMUNE, Kind.GRASSROOTS_COMMITTEE],
                                                    ancestry_up__ancestor=province)
                        .exclude(ancestry_up__ancestor=commune).order_by("pk").first())
    org_actions.move(None, cells[-1], elsewhere_parent, on=date(2026, 6, 1))
    # Cell meetings that do not count (cancelled) or count without a roll, and a thematic one.
    Meeting.objects.bulk_create([
        Meeting(organization=cells[0], kind=MeetingKind.CELL_MONTHLY, title="Hoãn", date=day,
                status=MeetingStatus.CANCELLED, roll_count=5, present_count=5),
        Meeting(organization=cells[0], kind=MeetingKind.CELL_THEMATIC, title="Chuyên đề", date=day,
                status=MeetingStatus.HELD, roll_count=7, present_count=6, unexcused_count=1),
        Meeting(organization=cells[1], kind=MeetingKind.CELL_THEMATIC, title="Chưa điểm danh", date=day,
                status=MeetingStatus.HELD),
    ])


@pytest.fixture
def scale_set(db):
    call_command("generate_scale", members=1500, provinces=3, seed=5, today=TODAY, stdout=StringIO())
    provinces = list(Organization.objects.filter(kind=Kind.PROVINCE).order_by("pk"))
    province = provinces[0]  # the one whose cells meet (see demo.scale.MEETINGS_PROVINCE)
    # a commune with enough cells and members for the records added
    commune = next(c for c in Organization.objects.filter(kind=Kind.COMMUNE, parent=province).order_by("pk")
                   if len(_cells(c)) >= 3 and Member.objects.filter(organization__in=_cells(c)).count() >= 10)
    _add_records(province, provinces[1], commune)
    cell = _cells(commune)[0]
    return {"country": [p.pk for p in provinces], "province": [province.pk], "commune": [commune.pk],
            "cell": [cell.pk], "province and commune": [province.pk, commune.pk]}


def test_hand_sql_gives_the_indicators_numbers(scale_set, monkeypatch):
    nine_months = first_months(2026, 9)
    periods = [nine_months, year(2019), month(2020, 8), month(2026, 5), year(2025), year(2026)]
    from dangvu.reports.indicators import base, registry_members

    for province_from in (0, 10**9):  # events and oversights read by province (large subtrees) or not
        monkeypatch.setattr(base, "PROVINCE_FROM", province_from)
        for period in periods:
            for scope, ids in scale_set.items():
                orm, hand = figures.values(ids, period), hand_sql.hand_values(ids, period)
                assert set(hand) == set(orm)
                assert hand_sql.same(orm, hand, ids) == [], (scope, period, province_from)

    # members.total both ways in the indicator, the cells' kept open placements corrected by what began or
    # ended after the day (large subtrees) and the placements of the day (small ones), give the statement's.
    for period in periods:
        for ids in scale_set.values():
            hand = hand_sql.hand_values(ids, period)["members.total"]
            for kept_from in (0, 10**9):
                monkeypatch.setattr(registry_members, "KEPT_COUNTS_FROM", kept_from)
                assert figures.values(ids, period, ["members.total"])["members.total"] == hand, (ids, period)

    # Not vacuous: the nine months have nonzero values for most indicators, the rules' records among them.
    ids = scale_set["country"]
    values = hand_sql.hand_values(ids, nine_months)
    nonzero = {key for key, found in values.items() if any(v not in (0, "", None) for v in found.values())}
    assert len(nonzero) >= 18, sorted(set(values) - nonzero)
    assert {"members.transferred_out", "discipline.members", "discipline.organizations",
            "meetings.attendance_share"} <= nonzero
    commune = scale_set["commune"][0]
    commune_values = hand_sql.hand_values([commune], nine_months)
    assert commune_values["discipline.members"][commune] == 2
    assert hand_sql.hand_values([commune], year(2019))["congress.term"][commune] == "2015–2020"

    # And `same` does see a difference.
    changed = {key: dict(found) for key, found in values.items()}
    changed["members.total"][ids[0]] += 1
    changed["congress.term"][ids[1]] = "1900–1905"
    assert len(hand_sql.same(values, changed, ids)) == 2
