"""The organization actions check the scope themselves: called directly (not through a view), an actor outside
the subtree gets "not found", a read-only one inside it "forbidden", and nothing is written either way."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dangvu.core.models import AuditEvent
from dangvu.organizations import actions
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Body, Kind, Organization, OrganizationName, Position, Post

pytestmark = pytest.mark.django_db

ON = date(2021, 3, 1)
NAMES = NameSpec("Chi bộ mới", "Chi bộ mới", "Chi bộ")


def calls(org, other, person):
    """Every organization action aimed at `org` (with `other` as a second organization where one is needed)."""
    position = Position.objects.filter(organization=org).first()
    return {
        "establish": lambda a: actions.establish(a, code="moi", kind=Kind.CELL, names=NAMES, on=ON, parent=org),
        "rename": lambda a: actions.rename(a, org, on=ON, names=NameSpec("Tên mới", "Tên mới", "Chi bộ")),
        "move": lambda a: actions.move(a, org, other, on=ON),
        "dissolve": lambda a: actions.dissolve(a, org, on=ON),
        "merge": lambda a: actions.merge(a, [org], other, on=ON),
        "split": lambda a: actions.split(a, org, [({"code": "tach", "kind": Kind.CELL, "names": NAMES}, [])], on=ON),
        "open_committee_term": lambda a: actions.open_committee_term(a, org, Body.CELL_COMMITTEE, "2020–2025", ON),
        "assign_position": lambda a: actions.assign_position(
            a, person=person, organization=org, body=Body.CELL_COMMITTEE, post=Post.SECRETARY, valid_from=ON
        ),
        "end_position": lambda a: actions.end_position(a, position, on=ON),
    }


def state():
    return (
        AuditEvent.objects.count(),
        Organization.objects.count(),
        OrganizationName.objects.count(),
        Position.objects.count(),
        list(Organization.objects.order_by("pk").values_list("parent", "dissolved_on")),
    )


@pytest.fixture
def positions(tree, other_tree, users):
    person = users["own_member"].person
    for org in (other_tree["cell"], tree["school"]):
        actions.assign_position(
            None,
            person=person,
            organization=org,
            body=Body.CELL_COMMITTEE,
            post=Post.DEPUTY_SECRETARY,
            valid_from=date(2015, 1, 1),
        )
    return person


@pytest.mark.parametrize("role", ["office", "inspection", "leader", "cell_secretary", "member"])
def test_out_of_scope_actors_are_refused_by_every_action(tree, other_tree, users, positions, role):
    before = state()
    for name, call in calls(other_tree["cell"], other_tree["province"], positions).items():
        with pytest.raises(Http404):
            call(users[role])
        assert state() == before, name


@pytest.mark.parametrize("role", ["inspection", "leader"])
def test_read_only_actors_inside_their_subtree_are_forbidden(tree, users, positions, role):
    before = state()
    for name, call in calls(tree["school"], tree["ward"], positions).items():
        with pytest.raises(PermissionDenied):
            call(users[role])
        assert state() == before, name


def test_the_office_changes_its_own_subtree_and_only_the_administrator_makes_a_root(tree, users):
    actions.rename(users["office"], tree["school"], on=ON, names=NameSpec("Chi bộ Trường THPT A", "", ""))
    assert Organization.objects.get(pk=tree["school"].pk).name == "Chi bộ Trường THPT A"
    with pytest.raises(PermissionDenied):
        actions.establish(users["office"], code="tinh", kind=Kind.PROVINCE, names=NAMES, on=ON)
    root = actions.establish(users["admin"], code="tinh", kind=Kind.PROVINCE, names=NAMES, on=ON)
    assert root.parent is None


def test_a_scope_computed_once_is_accepted_as_the_actor(tree, users):
    from dangvu.accounts.scope import scope_for

    scope = scope_for(users["office"])
    actions.rename(scope, tree["school"], on=ON, names=NameSpec("Chi bộ Trường THPT B", "", ""))
    event = AuditEvent.objects.get(action="organization.rename")
    assert event.actor.username == "u-office"


def test_changes_only_in_the_subtree_of_today_and_what_ended_in_it(tree, users):
    """A cell moved to another committee is read-only to the office it left (its history stays readable), a
    cell dissolved inside the subtree stays correctable there, and a committee that has ended changes nothing
    that went on elsewhere (the 2025 reform: Phủ Lý's office and the cells now under another committee)."""
    from dangvu.accounts.actions import create_user, grant_mandate
    from dangvu.accounts.models import Role
    from dangvu.accounts.scope import READ, WRITE, scope_for

    ward_office = create_user(None, username="vp-phuong", password="mat-khau-1")
    grant_mandate(None, ward_office, role=Role.OFFICE, organization=tree["ward"], valid_from=date(2015, 1, 1))
    other_ward = actions.establish(
        None,
        code="lienchinh",
        kind=Kind.GRASSROOTS_COMMITTEE,
        on=date(2010, 1, 1),
        parent=tree["city"],
        names=NameSpec("Đảng bộ phường Liêm Chính", "Đảng ủy phường Liêm Chính", "Đảng ủy"),
    )
    actions.move(None, tree["cell_b"], other_ward, on=date(2022, 1, 1))
    cell_c = actions.establish(
        None,
        code="qt-cb3",
        kind=Kind.CELL,
        on=date(2010, 1, 1),
        parent=tree["ward"],
        names=NameSpec("Chi bộ tổ dân phố số 3", "Chi bộ tổ dân phố số 3", "Chi bộ"),
    )
    actions.dissolve(None, cell_c, on=date(2023, 1, 1))
    scope = scope_for(ward_office)
    assert scope.covers(tree["cell_b"].pk, READ) and not scope.covers(tree["cell_b"].pk, WRITE)
    assert scope.covers(cell_c.pk, WRITE)  # ended inside the ward: its records are corrected there
    assert scope.covers(tree["ward"].pk, WRITE)
    writable = set(scope.restrict(Organization.objects.all(), "pk", WRITE).values_list("pk", flat=True))
    assert writable == {tree["ward"].pk, tree["cell_a"].pk, cell_c.pk}
    before = state()
    with pytest.raises(PermissionDenied):
        actions.rename(scope, tree["cell_b"], on=ON, names=NameSpec("Tên mới", "Tên mới", "Chi bộ"))
    assert state() == before
    # the city office, above both wards, changes both
    assert scope_for(users["office"]).covers(tree["cell_b"].pk, WRITE)
    # the city ends and its wards go on under the province: its office reads, changes none of them
    actions.move(None, tree["ward"], tree["province"], on=date(2025, 7, 1))
    actions.move(None, other_ward, tree["province"], on=date(2025, 7, 1))
    actions.move(None, tree["school"], tree["province"], on=date(2025, 7, 1))
    actions.dissolve(None, tree["city"], on=date(2025, 7, 1))
    city_office = scope_for(users["office"])
    assert city_office.covers(tree["cell_b"].pk, READ) and not city_office.covers(tree["cell_b"].pk, WRITE)
    assert not city_office.covers(tree["ward"].pk, WRITE) and city_office.covers(tree["city"].pk, WRITE)
