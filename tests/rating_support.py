"""Helpers for the rating tests: members in the shared tree, and a round taken through its steps by actions."""

from datetime import date

from dangvu.rating import actions
from dangvu.rating.models import MemberRating, OrganizationRating
from dangvu.rating.rules import YearRules

NAMES = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga", "Phúc", "Quân"]


def add_members(make_member, organization, count: int, admitted=date(2010, 3, 1)) -> list:
    return [
        make_member(
            organization,
            given=NAMES[i % len(NAMES)],
            middle="Văn",
            admitted=admitted,
            official=date(admitted.year + 1, admitted.month, admitted.day),
        )
        for i in range(count)
    ]


def rating_of(round_, member) -> MemberRating:
    return MemberRating.objects.select_related("round", "member__person", "cell", "deciding").get(
        round=round_, member=member
    )


def org_rating_of(round_, organization) -> OrganizationRating:
    return OrganizationRating.objects.select_related("round", "organization", "deciding").get(
        round=round_, organization=organization
    )


def propose(round_, member, grade, *, scope=None, self_grade=None, today=None):
    """Self-assessment and the cell's proposal for one member (in November and December of the year)."""
    year = round_.year
    rating = rating_of(round_, member)
    form = next(iter(YearRules(year).forms))
    actions.record_self_assessment(
        scope,
        rating,
        on=date(year, 11, 20),
        form=form,
        grade=self_grade or grade,
        strengths="Hoàn thành công việc được giao.",
        today=today,
    )
    actions.record_cell_proposal(
        scope,
        rating,
        meeting_on=date(year, 12, 5),
        grade=grade,
        present=1,
        votes_for=1,
        comment="Chi bộ thống nhất.",
        today=today,
    )
    return rating


def decide_all(round_, deciding, grades_by_member: dict, *, scope=None, today=None, number="01-QĐ/ĐU"):
    """Propose then decide the given grades for members of one deciding body."""
    ratings = {propose(round_, member, grade, today=today).pk: grade for member, grade in grades_by_member.items()}
    return actions.decide_members(
        scope, round_, deciding=deciding, grades=ratings, number=number, on=date(round_.year, 12, 20), today=today
    )
