"""Figures over a changing tree: records inside the committee on their own day, congress figures by the round
the period lies in, organizations that ended, and who counts as a class participant."""

from datetime import date

import pytest

from dangvu.core.errors import RuleViolation
from dangvu.members import actions as member_actions
from dangvu.members.models import Member
from dangvu.organizations import actions as org_actions
from dangvu.reports import actions, content, kinds, word
from dangvu.reports.figures import figures
from dangvu.reports.indicators import REGISTRY
from dangvu.reports.periods import Period, counted_part
from dangvu.work import actions as work_actions
from dangvu.work.models import CongressKind, CongressStatus, CourseKind, CourseResult
from reports_support import TODAY, docx_text
from test_history_corrections import reform

pytestmark = pytest.mark.django_db

NINE_MONTHS = Period(date(2020, 1, 1), date(2020, 9, 30))


def value(key, org, period=NINE_MONTHS):
    return REGISTRY[key].compute(org, period)


def records(key, org, period=NINE_MONTHS):
    return list(REGISTRY[key].records(org, period))


def test_transfers_from_a_cell_dissolved_later_are_internal(tree, make_member, other_tree):
    """Members of a cell moved to another cell of the ward, the cell then dissolved, all in the period: the
    transfers stay inside the city (neither in nor out); a transfer out of the province from that cell before
    it ended counts out."""
    city = tree["city"]
    movers = [make_member(tree["cell_b"], given=f"Chuyển {n}") for n in range(3)]
    leaver = make_member(tree["cell_b"], given="Đi xa")
    for member in movers:
        member_actions.transfer(None, member, on=date(2020, 3, 2), to=tree["cell_a"])
    member_actions.transfer(None, Member.objects.get(pk=leaver.pk), on=date(2020, 4, 1), to=other_tree["cell"])
    org_actions.dissolve(None, tree["cell_b"], on=date(2020, 6, 1))
    assert value("members.transferred_in", city) == 0
    assert value("members.transferred_out", city) == 1
    assert value("members.transferred_out", tree["ward"]) == 1
    assert [row.member.person.given_name for row in records("members.transferred_out", city)] == ["Đi xa"]
    assert records("members.transferred_in", city) == []
    # the ward's own view: the same transfers are internal to it too, and the rule is on the definition
    assert value("members.transferred_in", tree["ward"]) == 0
    assert "vào chính ngày của bản ghi" in REGISTRY["members.transferred_in"].definition


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


def test_congress_figures_follow_the_round_the_period_lies_in(tree):
    city = tree["city"]
    congress(city, "2015–2020", date(2015, 7, 15))
    congress(tree["ward"], "2020–2025", date(2020, 4, 10))
    congress(tree["school"], "2020–2025", date(2020, 5, 20))
    congress(city, "2020–2025", date(2020, 7, 26))
    first_half = Period(date(2020, 1, 1), date(2020, 6, 30))
    assert value("congress.term", city, first_half) == "2015–2020"  # the city's own congress is still ahead
    assert value("congress.round", city, first_half) == "2020–2025"
    assert value("congress.grassroots_held", city, first_half) == 2
    assert value("congress.grassroots_held", city, Period(date(2020, 1, 1), date(2020, 4, 30))) == 1
    # before the round began, the current term's
    assert value("congress.round", city, Period(date(2019, 1, 1), date(2019, 12, 31))) == "2015–2020"
    assert "{congress.round}" in kinds.RESULTS_ORGANIZATION


def test_an_organization_that_ended_is_counted_to_its_last_day(tree, make_member):
    city = tree["city"]
    for n in range(3):
        make_member(
            tree["cell_a"], given=f"Mới {n}", birth=date(1995, 2, 2), admitted=date(2025, 3, n + 2), official=None
        )
    ward = reform(tree)
    year = Period(date(2025, 1, 1), date(2025, 12, 31))
    counted, notice = counted_part(city, year)
    assert counted == Period(date(2025, 1, 1), date(2025, 6, 30))
    assert notice == (
        "Đảng bộ thành phố Phủ Lý kết thúc hoạt động ngày 01/07/2025: số liệu năm 2025 được tính "
        "đến hết ngày 30/06/2025."
    )
    found = figures(city, year, compare=False)
    assert found["members.admitted"].value == 3
    assert found["members.total"].value == 3
    assert found["grassroots.total"].value == 2
    # the document and its page say so
    report = actions.create_report(
        None, organization=city, kind=kinds.kind_by_code("interim-9"), period=year, document_date=date(2025, 6, 30)
    )
    built = content.build(report)
    assert built["notice"] == notice
    text = docx_text(word.render(built, word.shipped_template()))
    assert notice in text
    # a period after the end is refused, naming the successor
    with pytest.raises(RuleViolation) as refused:
        figures(city, Period(date(2025, 8, 1), date(2025, 8, 31)))
    assert refused.value.errors["period"] == [
        "Đảng bộ thành phố Phủ Lý đã kết thúc hoạt động từ ngày 01/07/2025, trước kỳ báo cáo; số liệu từ ngày đó "
        f"thuộc {ward.name}."
    ]


def test_absent_and_withdrawn_participants_are_not_counted(tree):
    from dangvu.work.actions.courses import ParticipantRow

    course = work_actions.create_course(
        None,
        organizer=tree["city"],
        kind=CourseKind.AWARENESS,
        title="Lớp bồi dưỡng nhận thức về Đảng",
        start_date=date(2020, 5, 18),
        end_date=date(2020, 5, 21),
    )
    rows = [
        ParticipantRow(
            family_name="Trần",
            middle_name="Văn",
            given_name=f"Học {n}",
            gender="male",
            birth_date=date(1998, 1, n + 1),
            citizen_id=f"03509800{n:04d}",
            result=result,
        )
        for n, result in enumerate(
            [CourseResult.PASSED, CourseResult.FAILED, CourseResult.ABSENT, CourseResult.WITHDRAWN]
        )
    ]
    work_actions.import_participants(None, course, rows, today=TODAY)
    assert value("course.awareness.participants", tree["city"]) == 2
    assert sorted(r.person.given_name for r in records("course.awareness.participants", tree["city"])) == [
        "Học 0",
        "Học 1",
    ]
    assert "người vắng hoặc bỏ học không tính" in REGISTRY["course.awareness.participants"].definition


def test_inspection_and_supervision_by_performing_level(tree):
    from dangvu.work.models import Activity, OversightKind, PerformingBody
    from reports_support import inspect

    city, ward = tree["city"], tree["ward"]
    inspect(city, [ward], on=date(2020, 3, 2))
    inspect(city, [ward], on=date(2020, 5, 2), body=PerformingBody.STANDING)  # the same subject again
    inspect(ward, [tree["cell_a"]], on=date(2020, 4, 1))
    inspect(city, [tree["school"]], on=date(2020, 6, 1), activity=Activity.SUPERVISION)
    inspect(ward, [tree["cell_b"]], on=date(2020, 7, 1), activity=Activity.SUPERVISION, kind=OversightKind.THEMATIC)
    found = {key: value(key, city) for key in REGISTRY if key.startswith(("inspection.", "supervision.", "oversight."))}
    assert found["inspection.organizations"] == 2
    assert (found["inspection.own.organizations"], found["inspection.below.organizations"]) == (1, 1)
    assert found["supervision.organizations"] == 2 and found["supervision.thematic.organizations"] == 1
    assert (found["supervision.own.organizations"], found["supervision.below.organizations"]) == (1, 1)
    assert (
        found["oversight.organizations"],
        found["oversight.own.organizations"],
        found["oversight.below.organizations"],
    ) == (4, 2, 2)
    assert found["oversight.members"] == 0
    assert [r.organization.code for r in records("oversight.below.organizations", city)] == ["qt-cb1", "qt-cb2"]
    # from the ward's own view, its inspections are its own
    assert value("inspection.own.organizations", ward) == 1
    assert "cấp ủy, ban thường vụ hoặc ủy ban kiểm tra" in REGISTRY["oversight.own.organizations"].definition


def test_badges_proposed_on_the_award_day_and_awarded(tree, make_member):
    due = make_member(
        tree["cell_a"], given="Ba mươi", birth=date(1965, 1, 1), admitted=date(1990, 4, 10), official=date(1991, 4, 10)
    )
    make_member(
        tree["cell_b"], given="Chưa đủ", birth=date(1970, 1, 1), admitted=date(1995, 4, 10), official=date(1996, 4, 10)
    )
    city = tree["city"]
    assert value("members.badges_proposed", city) == 1
    assert value("members.badges_awarded", city) == 0
    work_actions.record_badges(None, [(due, 30)], on=date(2020, 5, 19), decision_number="15-QĐ/TU")
    # awarded on the day: still proposed that day, and now awarded
    assert (value("members.badges_proposed", city), value("members.badges_awarded", city)) == (1, 1)
    assert [r.member.person.given_name for r in records("members.badges_proposed", city)] == ["Ba mươi"]
    assert value("members.badges_proposed", city, Period(date(2020, 6, 1), date(2020, 9, 30))) == 0


@pytest.mark.parametrize("kept_from", [0, 10**9], ids=["kept counts", "placements"])
def test_cell_size_warnings_with_their_rule(tree, make_member, monkeypatch, kept_from):
    """The cells' members on the last day, from their kept counts (large subtrees) or their placements, less
    those not yet official then: a probationary member, and one recognized official after the period."""
    from dangvu.core import rules as party_rules
    from dangvu.reports.indicators import registry_members

    monkeypatch.setattr(registry_members, "KEPT_COUNTS_FROM", kept_from)
    for n in range(2):
        make_member(tree["cell_a"], given=f"A{n}")
    make_member(tree["cell_a"], given="Dự bị", admitted=date(2020, 3, 1), official=None)
    make_member(tree["cell_a"], given="Chính thức sau kỳ", admitted=date(2019, 11, 1), official=date(2020, 12, 1))
    for n in range(9):
        make_member(tree["cell_b"], given=f"B{n}")
    for n in range(3):
        make_member(tree["school"], given=f"T{n}")
    city = tree["city"]
    assert [(r.cell.code, r.members, r.officials) for r in records("health.cells_below_minimum", city)] == [
        ("qt-cb1", 4, 2)
    ]
    assert value("health.cells_below_minimum", city) == 1
    assert "2 đảng viên chính thức, dưới 3 (Quy định 29-QĐ/TW" in records("health.cells_below_minimum", city)[0].note
    assert value("health.cells_without_committee", city) == 1
    org_actions.open_committee_term(None, tree["cell_b"], "cell_committee", "2020–2022", date(2020, 1, 5))
    assert value("health.cells_without_committee", city) == 0
    assert value("health.grassroots_cells_large", city) == 0
    # the 2021 guideline is 01-HD/TW of 28/09/2021
    assert (
        "Hướng dẫn 01-HD/TW ngày 28/09/2021"
        in party_rules.rule("cell.min_official_members", date(2022, 1, 1)).regulation
    )


def test_no_indicator_key_is_the_start_of_another():
    """Documents nest the figures by the dots of their keys (`word.render`): a key that began another would
    be both a figure and a group."""
    keys = list(REGISTRY)
    assert [(a, b) for a in keys for b in keys if b.startswith(f"{a}.")] == []
