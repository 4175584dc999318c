"""A person's titles as documents write them: the highest post of each organization, no implied seats."""

from datetime import date

import pytest

from dangvu.members.models import Person
from dangvu.organizations import actions
from dangvu.organizations.models import Body, Post
from dangvu.organizations.queries import titles

pytestmark = pytest.mark.django_db
ON = date(2020, 10, 8)


def seat(person, org, body, post, **extra):
    actions.assign_position(
        None, person=person, organization=org, body=body, post=post, valid_from=date(2020, 7, 28), **extra
    )


def test_a_higher_seat_hides_the_membership_it_implies(tree):
    deputy = Person.objects.create(family_name="Lê", middle_name="Văn", given_name="An", gender="male")
    for body, post in (
        (Body.EXECUTIVE, Post.MEMBER),
        (Body.STANDING, Post.MEMBER),
        (Body.PERMANENT, Post.DEPUTY_SECRETARY),
    ):
        seat(deputy, tree["city"], body, post)
    seat(deputy, tree["city"], Body.STATE, Post.PEOPLES_COMMITTEE_CHAIR)
    assert titles(deputy, ON) == "Phó Bí thư Thành ủy, Chủ tịch UBND thành phố"

    member = Person.objects.create(family_name="Trần", middle_name="Thị", given_name="Bình", gender="female")
    seat(member, tree["city"], Body.EXECUTIVE, Post.MEMBER)
    seat(member, tree["city"], Body.STANDING, Post.MEMBER)
    seat(member, tree["city"], Body.INSPECTION_COMMITTEE, Post.INSPECTION_CHAIR)
    assert titles(member, ON) == "Ủy viên BTV Thành ủy, Chủ nhiệm UBKT Thành ủy"


def test_seats_in_other_organizations_stay(tree):
    person = Person.objects.create(family_name="Phạm", middle_name="Văn", given_name="Cường", gender="male")
    seat(person, tree["province"], Body.EXECUTIVE, Post.MEMBER)
    seat(person, tree["city"], Body.STANDING, Post.MEMBER)
    seat(person, tree["city"], Body.EXECUTIVE, Post.MEMBER)
    assert titles(person, ON) == "Tỉnh ủy viên, Ủy viên BTV Thành ủy"
