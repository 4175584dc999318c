"""create_member with a Person already recorded (a candidate), the age judged on the cell's date, and
recognize_official counting probation from the admission ceremony."""

from datetime import date

import pytest

from dangvu.core.errors import RuleViolation
from dangvu.members import actions
from dangvu.members.models import Member, Person, Status

ON = {"decision_number": "123-QĐ/TU"}


@pytest.fixture
def person(db):
    return Person.objects.create(
        family_name="Phạm", middle_name="Minh", given_name="Tuấn", gender="male", birth_date=date(2002, 3, 10)
    )


def test_existing_person_becomes_member_without_a_second_person(tree, person):
    member = actions.create_member(None, person=person, organization=tree["cell_a"], admitted_on=date(2021, 4, 1), **ON)
    assert member.person_id == person.pk
    assert member.status == Status.PROBATIONARY
    assert Person.objects.count() == 1


def test_existing_person_cannot_get_a_second_membership(tree, person):
    actions.create_member(None, person=person, organization=tree["cell_a"], admitted_on=date(2021, 4, 1))
    with pytest.raises(RuleViolation) as raised:
        actions.create_member(None, person=person, organization=tree["cell_b"], admitted_on=date(2021, 5, 1))
    assert "đã có hồ sơ đảng viên" in raised.value.errors["person"][0]
    assert Member.objects.count() == 1


def test_age_judged_on_the_given_day(tree, person):
    # 18 on 10/03/2020: the cell considered on that day, the decision came later
    member = actions.create_member(
        None, person=person, organization=tree["cell_a"], admitted_on=date(2020, 4, 1), age_on=date(2020, 3, 10)
    )
    assert member.admitted_on == date(2020, 4, 1)
    other = Person.objects.create(family_name="Vũ", given_name="Lan", gender="female", birth_date=date(2002, 3, 11))
    with pytest.raises(RuleViolation) as raised:
        actions.create_member(
            None, person=other, organization=tree["cell_a"], admitted_on=date(2020, 4, 1), age_on=date(2020, 3, 10)
        )
    assert "chưa đủ 18 tuổi" in raised.value.errors["admitted_on"][0]


def test_recognition_counts_probation_from_the_ceremony(tree, person):
    member = actions.create_member(None, person=person, organization=tree["cell_a"], admitted_on=date(2021, 4, 1))
    with pytest.raises(RuleViolation):
        actions.recognize_official(None, member, on=date(2022, 4, 10), probation_from=date(2021, 4, 20))
    actions.recognize_official(None, member, on=date(2022, 6, 1), probation_from=date(2021, 4, 20))
    member.refresh_from_db()
    assert member.official_on == date(2022, 4, 20)
