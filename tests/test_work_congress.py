"""Congresses: the record's rules, the overview of a subtree for a term, and recording what a congress
elected as positions of its term."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.organizations import actions as org_actions
from dangvu.organizations.models import OPEN_END, Body, CommitteeTerm, Post
from dangvu.organizations.queries import titles
from dangvu.work import actions, queries
from dangvu.work.models import Congress, CongressKind, CongressStatus

TODAY = date(2026, 11, 1)


def held(org, opened, term="2020–2025", **extra):
    return actions.create_congress(
        None,
        organization=org,
        term=term,
        kind=extra.pop("kind", CongressKind.ALL_MEMBERS),
        status=CongressStatus.HELD,
        held_start=opened,
        held_end=extra.pop("held_end", opened),
        today=TODAY,
        **extra,
    )


def test_overview_counts_grassroots_that_held_their_congress_by_the_date(tree, users):
    scope = scope_for(users["office"])
    held(tree["ward"], date(2020, 5, 10))
    actions.create_congress(
        None,
        organization=tree["school"],
        term="2020-2025",
        kind=CongressKind.ALL_MEMBERS,
        status=CongressStatus.PLANNED,
        planned_start=date(2020, 10, 5),
        today=TODAY,
    )
    # A cell's congress is not a grassroots congress; another term does not count.
    held(tree["cell_a"], date(2020, 4, 1))
    overview = queries.congress_overview(scope, tree["city"], "2020–2025", date(2020, 9, 30))
    assert (overview.held_count, overview.total) == (1, 2)
    assert [org for org, _ in overview.not_held] == [tree["school"]]
    assert overview.not_held[0][1].status == CongressStatus.PLANNED
    # The school's congress held on 12/10: counted from that day on, not before.
    school = Congress.objects.get(organization=tree["school"])
    actions.update_congress(
        None,
        school,
        status=CongressStatus.HELD,
        held_start=date(2020, 10, 12),
        held_end=date(2020, 10, 12),
        today=TODAY,
    )
    assert queries.congress_overview(scope, tree["city"], "2020–2025", date(2020, 9, 30)).held_count == 1
    assert queries.congress_overview(scope, tree["city"], "2020–2025", date(2020, 10, 12)).held_count == 2
    assert queries.congress_overview(scope, tree["city"], "2015–2020", date(2020, 10, 12)).held_count == 0


def test_overview_uses_the_tree_of_the_date(tree, users):
    held(tree["ward"], date(2020, 5, 10))
    org_actions.dissolve(None, tree["school"], on=date(2021, 1, 1))
    scope = scope_for(users["office"])
    assert queries.congress_overview(scope, tree["city"], "2020–2025", date(2020, 9, 30)).total == 2
    assert queries.congress_overview(scope, tree["city"], "2020–2025", date(2021, 3, 1)).total == 1


def test_overview_scope(tree, users, other_tree):
    with pytest.raises(Http404):
        queries.congress_overview(scope_for(users["office"]), other_tree["province"], "2020–2025", TODAY)


@pytest.mark.parametrize(
    ("data", "field", "text"),
    [
        ({"term": "2020"}, "term", "năm–năm"),
        ({"term": "2025–2020"}, "term", "sau năm bắt đầu"),
        ({"kind": "secret"}, "kind", "Hình thức"),
        ({"status": CongressStatus.HELD, "held_start": None}, "held_start", "ngày khai mạc"),
        ({"held_start": date(2020, 5, 2), "held_end": date(2020, 5, 1)}, "held_end", "trước ngày bắt đầu"),
        ({"held_start": date(2027, 1, 4)}, "held_start", "tương lai"),
        ({"held_start": date(2012, 1, 4)}, "held_start", "không thuộc nhiệm kỳ"),
        ({"status": CongressStatus.PLANNED, "held_start": None}, "planned_start", "ngày dự kiến"),
        (
            {"status": CongressStatus.POSTPONED, "held_start": None, "planned_start": date(2020, 5, 1)},
            "note",
            "lý do hoãn",
        ),
        ({"ordinal": 0}, "ordinal", "từ 1"),
        ({"delegates": 0}, "delegates", "lớn hơn 0"),
        ({"organization": None}, "organization", "Chưa chọn"),
    ],
)
def test_bad_congress_input(tree, data, field, text):
    values = {
        "organization": tree["ward"],
        "term": "2020–2025",
        "kind": CongressKind.ALL_MEMBERS,
        "status": CongressStatus.HELD,
        "held_start": date(2020, 5, 2),
        **data,
    }
    with pytest.raises(RuleViolation) as caught:
        actions.create_congress(None, today=TODAY, **values)
    assert text in " ".join(caught.value.errors[field])
    assert Congress.objects.count() == 0


def test_one_congress_per_term_and_scope(tree, users, other_tree):
    held(tree["ward"], date(2020, 5, 10))
    with pytest.raises(RuleViolation) as caught:
        held(tree["ward"], date(2020, 6, 10))
    assert "đã có đại hội nhiệm kỳ 2020–2025" in caught.value.errors["term"][0]
    with pytest.raises(PermissionDenied):
        actions.create_congress(
            users["leader"],
            organization=tree["school"],
            term="2020–2025",
            kind=CongressKind.ALL_MEMBERS,
            status=CongressStatus.PLANNED,
            planned_start=date(2020, 5, 1),
        )
    with pytest.raises(Http404):
        actions.create_congress(
            users["office"],
            organization=other_tree["cell"],
            term="2020–2025",
            kind=CongressKind.ALL_MEMBERS,
            status=CongressStatus.PLANNED,
            planned_start=date(2020, 5, 1),
        )
    assert Congress.objects.count() == 1


def test_record_election_opens_the_term_and_ends_the_previous_one(tree, make_member, users):
    people = [make_member(tree["cell_a"], given=f"Ủy{n}").person for n in range(5)]
    old = org_actions.assign_position(
        None,
        person=people[4],
        organization=tree["ward"],
        body=Body.PERMANENT,
        post=Post.SECRETARY,
        valid_from=date(2015, 6, 1),
        term="2015–2020",
    )
    congress = held(tree["ward"], date(2020, 5, 10), held_end=date(2020, 5, 11))
    elected = [
        (people[0], Body.EXECUTIVE, Post.MEMBER),
        (people[1], Body.EXECUTIVE, Post.MEMBER),
        (people[0], Body.PERMANENT, Post.SECRETARY),
        (people[1], Body.PERMANENT, Post.DEPUTY_SECRETARY),
        (people[2], Body.INSPECTION_COMMITTEE, Post.INSPECTION_CHAIR),
        (people[3], Body.INSPECTION_COMMITTEE, Post.MEMBER),
    ]
    created = actions.record_election(users["office"], congress, elected, date(2020, 5, 11), today=TODAY)
    assert len(created) == 6
    assert {p.term for p in created} == {"2020–2025"}
    assert CommitteeTerm.objects.filter(organization=tree["ward"], term="2020–2025").count() == 3
    old.refresh_from_db()
    assert old.valid_to == date(2020, 5, 11)
    assert titles(people[0], date(2020, 10, 8)).startswith("Bí thư")
    assert titles(people[4], date(2020, 10, 8)) == ""
    assert queries.elected_positions(congress).count() == 6
    assert AuditEvent.objects.filter(action="congress.election").count() == 1
    # Recording it again adds nothing.
    assert actions.record_election(users["office"], congress, elected, date(2020, 5, 11), today=TODAY) == []


@pytest.mark.parametrize(
    ("elected_posts", "text"),
    [
        ([(0, Body.PERMANENT, Post.SECRETARY), (1, Body.PERMANENT, Post.SECRETARY)], "chỉ có một Bí thư"),
        ([(0, Body.EXECUTIVE, Post.SECRETARY)], "không có chức danh"),
        ([(0, Body.DEPARTMENT, Post.HEAD)], "không do đại hội"),
        ([(0, Body.EXECUTIVE, Post.MEMBER), (0, Body.EXECUTIVE, Post.MEMBER)], "đã có trong"),
        ([], "Chưa có người trúng cử"),
    ],
)
def test_bad_election(tree, make_member, elected_posts, text):
    people = [make_member(tree["cell_a"], given=f"Ủy{n}").person for n in range(2)]
    congress = held(tree["ward"], date(2020, 5, 10))
    elected = [(people[i], body, post) for i, body, post in elected_posts]
    with pytest.raises(RuleViolation) as caught:
        actions.record_election(None, congress, elected, date(2020, 5, 10), today=TODAY)
    assert text in " ".join(caught.value.messages)
    assert not CommitteeTerm.objects.exists()


def test_election_needs_a_held_congress_and_members(tree, make_member):
    person = make_member(tree["cell_a"], given="Mới", admitted=date(2021, 1, 5), official=None).person
    planned = actions.create_congress(
        None,
        organization=tree["ward"],
        term="2020–2025",
        kind=CongressKind.ALL_MEMBERS,
        status=CongressStatus.PLANNED,
        planned_start=date(2020, 5, 1),
        today=TODAY,
    )
    with pytest.raises(RuleViolation) as caught:
        actions.record_election(None, planned, [(person, Body.EXECUTIVE, Post.MEMBER)], date(2020, 5, 1), today=TODAY)
    assert "đã tổ chức" in caught.value.messages[0]
    assert "không phải đảng viên" in caught.value.messages[1]
    assert CommitteeTerm.objects.filter(valid_to=OPEN_END).count() == 0
