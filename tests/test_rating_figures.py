"""The rating figures: counts and shares per grade as report indicators and placeholders, the review's sentence,
the year before, sectors, and that they move when one grade changes."""

from datetime import date

import pytest

from dangvu.organizations.models import Sector
from dangvu.rating import actions
from dangvu.rating.figures import by_sector, tallies
from dangvu.rating.models import Grade
from dangvu.reports import placeholders
from dangvu.reports.figures import figures
from dangvu.reports.indicators import REGISTRY
from dangvu.reports.periods import year as year_period
from rating_support import add_members, decide_all, org_rating_of, propose, rating_of

TODAY = date(2026, 2, 1)


def _organizations(round_, tree, grades: dict[str, str], number="100-QĐ/TU"):
    for code, grade in grades.items():
        rating = org_rating_of(round_, tree[code])
        actions.record_organization_self_assessment(
            None, rating, on=date(round_.year, 12, 10), grade=grade, today=TODAY
        )
    by_deciding: dict = {}
    for code, grade in grades.items():
        rating = org_rating_of(round_, tree[code])
        by_deciding.setdefault(rating.deciding, {})[rating.pk] = grade
    for deciding, decided in by_deciding.items():
        actions.decide_organizations(
            None, round_, deciding=deciding, grades=decided, number=number, on=date(round_.year, 12, 28), today=TODAY
        )


@pytest.fixture
def rated(tree, make_member):
    """2020: five members in the ward's cells (4 good, 1 complete, 1 undecided), two at the school."""
    ward_members = add_members(make_member, tree["cell_a"], 4) + add_members(make_member, tree["cell_b"], 2)
    school_members = add_members(make_member, tree["school"], 2)
    round_ = actions.open_round(None, organization=tree["city"], year=2020, today=TODAY)
    decide_all(
        round_,
        tree["ward"],
        {**{m: Grade.GOOD for m in ward_members[:4]}, ward_members[4]: Grade.COMPLETE},
        today=TODAY,
    )
    decide_all(round_, tree["school"], {school_members[0]: Grade.GOOD, school_members[1]: Grade.FAILED}, today=TODAY)
    _organizations(
        round_, tree, {"ward": Grade.GOOD, "school": Grade.COMPLETE, "cell_a": Grade.GOOD, "cell_b": Grade.COMPLETE}
    )
    return {"round": round_, "ward_members": ward_members, "school_members": school_members}


def _value(key, organization, year=2020):
    return REGISTRY[key].compute(organization, year_period(year))


def test_counts_and_shares_per_grade_by_level(tree, rated):
    city, ward = tree["city"], tree["ward"]
    assert _value("rating.members_listed", city) == 8
    assert _value("rating.members_rated", city) == 7
    assert _value("rating.members_good", city) == 5
    assert _value("rating.members_failed", city) == 1
    assert _value("rating.members_good_share", city) == pytest.approx(71.4)
    assert _value("rating.members_rated", ward) == 5
    assert _value("rating.grassroots_rated", city) == 2
    assert _value("rating.grassroots_good", city) == 1
    assert _value("rating.cells_rated", city) == 2
    assert _value("rating.cells_rated", ward) == 2
    assert _value("rating.grassroots_rated", ward) == 0  # the ward's own grade belongs to the city's figure
    assert _value("rating.grassroots_phrase", city) == "1/2 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (50,0 %)"
    assert _value("rating.members_phrase", ward) == "4/5 đảng viên hoàn thành tốt nhiệm vụ trở lên (80,0 %)"
    assert _value("rating.members_rated", city, 2021) == 0
    assert "chưa có kết quả" in _value("rating.members_phrase", city, 2021)


def test_figures_move_when_one_grade_changes(tree, rated):
    city = tree["city"]
    before = (_value("rating.members_good", city), _value("rating.grassroots_good", city))
    member = rated["ward_members"][4]
    actions.decide_members(
        None,
        rated["round"],
        deciding=tree["ward"],
        grades={rating_of(rated["round"], member).pk: Grade.GOOD},
        number="05-QĐ/ĐU",
        on=date(2020, 12, 29),
        today=TODAY,
    )
    actions.decide_organizations(
        None,
        rated["round"],
        deciding=city,
        grades={org_rating_of(rated["round"], tree["school"]).pk: Grade.GOOD},
        number="101-QĐ/TU",
        on=date(2020, 12, 30),
        today=TODAY,
    )
    assert (_value("rating.members_good", city), _value("rating.grassroots_good", city)) == (
        before[0] + 1,
        before[1] + 1,
    )
    assert _value("rating.grassroots_phrase", city).startswith("2/2 tổ chức cơ sở đảng")


def test_comparison_with_the_previous_year_and_placeholders(tree, make_member, rated):
    previous = actions.open_round(None, organization=tree["city"], year=2019, today=TODAY)
    _organizations(previous, tree, {"ward": Grade.GOOD, "school": Grade.GOOD})
    found = figures(tree["city"], year_period(2020))
    assert found["rating.grassroots_good"].value == 1
    assert found["rating.grassroots_good"].year_earlier == 2
    assert {"rating.grassroots_phrase", "rating.members_good_share:year_earlier"} <= placeholders.known_names()
    placeholders.check("Có {rating.grassroots_phrase}; năm trước {rating.grassroots_good:year_earlier}.")


def test_pre_2018_years_read_with_their_own_grade_names(tree):
    round_ = actions.open_round(None, organization=tree["city"], year=2017, today=TODAY)
    _organizations(round_, tree, {"ward": Grade.EXCELLENT, "school": Grade.GOOD})
    assert _value("rating.grassroots_phrase", tree["city"], 2017) == (
        "2/2 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (100,0 %)"
    )
    assert _value("rating.grassroots_excellent", tree["city"], 2017) == 1


def test_figures_by_sector(tree, rated):
    from dangvu.organizations.models import Organization

    Organization.objects.filter(pk=tree["school"].pk).update(sector=Sector.SCHOOL)
    Organization.objects.filter(pk__in=[tree["ward"].pk, tree["cell_a"].pk, tree["cell_b"].pk]).update(
        sector=Sector.WARD_COMMUNE
    )
    rows = dict(by_sector(tree["city"].pk, 2020, date(2020, 12, 31)))
    assert rows["Trường học"]["members"].rated == 2 and rows["Trường học"]["grassroots"].rated == 1
    assert rows["Xã, phường, thị trấn"]["members"].rated == 5
    assert tallies([tree["city"].pk], 2020, date(2020, 12, 31))[tree["city"].pk]["members"].undecided == 1


def test_the_grade_good_and_good_or_better_are_two_figures(tree, rated):
    """rating.*_good is the grade "hoàn thành tốt nhiệm vụ" alone, as its label says; "trở lên" adds the
    excellent ones and has its own key."""
    city, ward = tree["city"], rated["ward_members"]
    # the ward: one excellent, five good (at most 20 % of the good may be excellent), all decided
    propose(rated["round"], ward[5], Grade.GOOD, today=TODAY)
    grades = {ward[0]: Grade.EXCELLENT, ward[4]: Grade.GOOD, ward[5]: Grade.GOOD}
    actions.decide_members(
        None,
        rated["round"],
        deciding=tree["ward"],
        grades={rating_of(rated["round"], m).pk: grade for m, grade in grades.items()},
        number="06-QĐ/ĐU",
        on=date(2020, 12, 29),
        today=TODAY,
    )
    # with the school's good and failed member
    assert (
        _value("rating.members_excellent", city),
        _value("rating.members_good", city),
        _value("rating.members_good_or_better", city),
        _value("rating.members_rated", city),
    ) == (1, 6, 7, 8)
    assert _value("rating.members_good_share", city) == pytest.approx(87.5)
    assert REGISTRY["rating.members_good"].label == "Số đảng viên hoàn thành tốt nhiệm vụ"
    assert REGISTRY["rating.members_good_or_better"].label == "Số đảng viên hoàn thành tốt nhiệm vụ trở lên"
    assert "xuất sắc" in REGISTRY["rating.grassroots_good_or_better"].definition
    assert "xuất sắc" not in REGISTRY["rating.grassroots_good"].definition
