"""The kept member counts (`members.tally`): after every kind of change they equal a fresh count, and the
member list's copies (name keys, province) follow the person and the tree."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.utils import timezone

from dangvu.accounts.scope import Scope
from dangvu.members import actions, tally
from dangvu.members.bulk import MemberSpec, create_members_bulk
from dangvu.members.models import LeftReason, Member, MemberEvent, Placement, RegisteredCount, Status, SubtreeCount
from dangvu.members.queries import MemberFilter, known_total, member_list, status_counts
from dangvu.organizations import actions as org_actions
from dangvu.organizations.models import OPEN_END, Ancestry, Organization
from dangvu.organizations.queries import member_counts


class Admin:
    is_superuser = True
    is_authenticated = True
    is_active = True


def fresh_counts() -> dict[int, Counter]:
    """Counted from scratch: members not left, by the current subtrees of their cells."""
    found: dict[int, Counter] = {}
    for member in Member.objects.exclude(status=Status.LEFT):
        for ancestor in Ancestry.objects.filter(descendant_id=member.organization_id, valid_to=OPEN_END):
            found.setdefault(ancestor.ancestor_id, Counter())[member.status] += 1
    return found


def kept_counts() -> dict[int, Counter]:
    return {
        row.pk: Counter({s: getattr(row, s) for s in tally.STATUSES if getattr(row, s)})
        for row in SubtreeCount.objects.all()
        if row.total or any(getattr(row, s) for s in tally.STATUSES)
    }


def fresh_registered() -> Counter:
    """Counted from scratch: each cell's open placements."""
    return Counter(Placement.objects.filter(valid_to=OPEN_END).values_list("organization_id", flat=True))


def kept_registered() -> Counter:
    return Counter({row.pk: row.registered for row in RegisteredCount.objects.all() if row.registered})


def assert_consistent():
    assert kept_counts() == fresh_counts()
    assert kept_registered() == fresh_registered()
    orgs = list(Organization.objects.all())
    today = timezone.localdate()

    def nonzero(counts):
        return {k: v for k, v in counts.items() if v}

    assert nonzero(member_counts(orgs)) == nonzero(member_counts(orgs, today))
    for member in Member.objects.select_related("person"):
        assert (member.name_folded, member.sort_key) == (member.person.name_folded, member.person.sort_key)
        assert member.province_id == tally.province_of(member.organization_id)


def test_counts_follow_every_change(tree, make_member):
    today = timezone.localdate()
    a = make_member(tree["cell_a"], given="An")
    b = make_member(tree["cell_a"], given="Bình", admitted=today - timedelta(days=400), official=None)
    c = make_member(tree["cell_b"], given="Cúc", gender="female")
    d = make_member(tree["school"], given="Dũng")
    assert_consistent()
    assert member_counts([tree["province"]])[tree["province"].pk] == 4
    assert a.province_id == tree["province"].pk

    actions.recognize_official(None, Member.objects.get(pk=b.pk), on=today)
    actions.exempt(None, Member.objects.get(pk=c.pk), on=today, reason="health")
    actions.transfer(None, Member.objects.get(pk=a.pk), on=today, to=tree["school"])
    actions.leave(None, Member.objects.get(pk=d.pk), on=today, reason=LeftReason.DECEASED)
    actions.transfer(None, Member.objects.get(pk=b.pk), on=today, other_unit="Đảng bộ tỉnh Nam Định")
    assert_consistent()
    assert Counter(status_counts(Scope(user=Admin()))) == Counter(
        {Status.OFFICIAL: 1, Status.EXEMPTED: 1, Status.LEFT: 2, Status.PROBATIONARY: 0}
    )

    actions.update_person(None, Member.objects.get(pk=c.pk).person, {"given_name": "Đào"})
    assert Member.objects.get(pk=c.pk).name_folded.endswith("dao")
    bulk = create_members_bulk(
        None,
        [
            MemberSpec(
                family_name="Trần",
                middle_name="Thị",
                given_name=f"Hoa {n}",
                gender="female",
                birth_date=date(1990, 1, 1),
                organization=tree["cell_b"],
                admitted_on=date(2015, 1, 1),
                official_on=date(2016, 1, 1),
                citizen_id=f"03519{n:07d}",
            )
            for n in range(5)
        ],
    )
    assert_consistent()
    # The instances bulk_create returned, changed afterwards (as the demo does), and one built by hand.
    actions.transfer(None, bulk[0], on=today, to=tree["school"])
    actions.leave(None, bulk[1], on=today, reason=LeftReason.RESIGNED)
    by_hand = Member.objects.get(pk=bulk[2].pk)
    del by_hand._counted_as
    actions.exempt(None, by_hand, on=today, reason="health")
    assert_consistent()


def test_a_moved_subtree_takes_its_counts_and_province_along(tree, other_tree, make_member):
    for _ in range(3):
        make_member(tree["cell_a"])
    make_member(tree["cell_b"])
    other = other_tree["province"]
    on = timezone.localdate() - timedelta(days=1)
    org_actions.move(None, tree["ward"], other, on=on)
    assert_consistent()
    assert member_counts([tree["province"], other])[other.pk] == 4
    assert set(Member.objects.values_list("province_id", flat=True)) == {other.pk}
    # A merge: the cell's members go to the other cell and the cell ends.
    org_actions.merge(None, [tree["cell_b"]], tree["cell_a"], on=timezone.localdate())
    assert_consistent()
    assert member_counts([tree["cell_a"]])[tree["cell_a"].pk] == 4


def test_the_database_keeps_the_open_placements_whatever_writes_them(tree, make_member):
    """`RegisteredCount` is kept by triggers: plain querysets, raw SQL and deletions move it too."""
    from django.db import connection

    members = [make_member(tree[cell]) for cell in ("cell_a", "cell_a", "cell_b", "school")]
    assert kept_registered() == Counter({tree["cell_a"].pk: 2, tree["cell_b"].pk: 1, tree["school"].pk: 1})
    day = timezone.localdate()
    Placement.objects.filter(organization=tree["cell_a"]).update(organization=tree["cell_b"])
    assert kept_registered() == fresh_registered() == Counter({tree["cell_b"].pk: 3, tree["school"].pk: 1})
    Placement.objects.filter(member=members[2]).update(valid_to=day)  # closed: no longer counted
    Placement.objects.create(member=members[2], organization=tree["cell_a"], valid_from=day)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE members_placement SET valid_from = %s WHERE member_id = %s", [day, members[0].pk])
        cursor.execute("DELETE FROM members_placement WHERE member_id = %s", [members[3].pk])
    assert kept_registered() == fresh_registered() == Counter({tree["cell_b"].pk: 2, tree["cell_a"].pk: 1})
    Member.objects.filter(pk=members[1].pk).delete()  # its placements go with it
    assert kept_registered() == fresh_registered()
    RegisteredCount.objects.update(registered=99)
    tally.recount()
    assert kept_registered() == fresh_registered()


def test_rebuild_gives_what_was_kept(tree, make_member):
    for cell in ("cell_a", "cell_b", "school"):
        make_member(tree[cell])
    kept = kept_counts()
    SubtreeCount.objects.update(official=99)
    Member.objects.update(sort_key="", province_id=None)
    tally.rebuild()
    assert kept_counts() == kept
    assert_consistent()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"to_chuc": "hanam"},
        {"to_chuc": "quangtrung"},
        {"to_chuc": "qt-cb1", "trang_thai": "probationary"},
        {"trang_thai": "official"},
        {"to_chuc": "phuly", "trang_thai": "left"},
    ],
)
def test_the_list_total_from_the_counts_is_the_list_length(tree, make_member, params):
    today = timezone.localdate()
    make_member(tree["cell_a"])
    make_member(tree["cell_a"], admitted=today - timedelta(days=100), official=None)
    make_member(tree["cell_b"])
    gone = make_member(tree["school"])
    actions.leave(None, gone, on=today, reason=LeftReason.RESIGNED)
    scope = Scope(user=Admin())
    flt = MemberFilter.from_params(scope, params)
    total = known_total(scope, flt)
    if params.get("trang_thai") == "left":
        assert total is None
    else:
        assert total == member_list(scope, flt).count()


def test_a_province_filter_lists_what_the_subtree_filter_lists(tree, other_tree, make_member):
    for n, cell in enumerate(("cell_a", "cell_b", "school")):
        make_member(tree[cell], given=f"Tên{n}")
    scope = Scope(user=Admin())
    flt = MemberFilter.from_params(scope, {"to_chuc": "hanam", "q": "nguyen"})
    by_province = list(member_list(scope, flt).values_list("pk", flat=True))
    flt_city = MemberFilter.from_params(scope, {"to_chuc": "phuly", "q": "nguyen"})
    assert by_province == list(member_list(scope, flt_city).values_list("pk", flat=True))
    assert len(by_province) == 3


def test_a_list_without_a_known_total_is_paged_without_counting(
    client, tree, make_member, django_user_model, django_assert_max_num_queries
):
    from dangvu.core.web import ListPaginator

    for n in range(7):
        make_member(tree["cell_a"], given=f"Tên{n}")
    admin = django_user_model.objects.create_superuser("quantri", password="x" * 16)
    client.force_login(admin)
    exact = client.get("/dang-vien/?to_chuc=hanam").content.decode()
    assert "7 đảng viên." in exact
    assert "7 đảng viên." in client.get("/dang-vien/?q=nguyen").content.decode()  # one page: counted
    scope = Scope(user=Admin())
    members = member_list(scope, MemberFilter.from_params(scope, {"q": "nguyen", "tuoi": "46-60"}))
    paginator = ListPaginator(members, 3)
    first = paginator.get_page(1)
    assert (paginator.counted, first.has_next(), len(first)) == (False, True, 3)
    assert [m.pk for m in first] == list(members.values_list("pk", flat=True)[:3])
    last = ListPaginator(members, 3).get_page(3)
    assert (last.paginator.counted, last.paginator.count, last.has_next(), len(last)) == (True, 7, False, 1)
    assert ListPaginator(members, 3).get_page(99).number == 1
    with django_assert_max_num_queries(2):  # the page's ids, then its rows: no count
        ListPaginator(members, 3).get_page(2)


def test_the_recount_command_restores_the_counts(tree, make_member):
    from io import StringIO

    from django.core.management import call_command

    make_member(tree["cell_a"])
    make_member(tree["school"])
    SubtreeCount.objects.all().delete()
    out = StringIO()
    call_command("recount_members", stdout=out)
    assert "Đã đếm lại" in out.getvalue()
    assert member_counts([tree["province"]]) == {tree["province"].pk: 2}
    assert_consistent()


def test_a_scoped_list_filtered_by_an_organization_keeps_to_the_scope(users, tree, other_tree, make_member):
    from dangvu.accounts.scope import scope_for

    make_member(tree["cell_b"], given="Bình")
    make_member(other_tree["cell"], given="Nam")
    moved = make_member(tree["school"], given="Sơn")
    # The school leaves the city: the city's office still sees it (it answered for it) but not as its own now.
    org_actions.move(None, tree["school"], other_tree["province"], on=timezone.localdate())
    office = scope_for(users["office"])
    assert office.covers_now(tree["ward"].pk) and not office.covers_now(tree["school"].pk)
    for code in ("phuly", "quangtrung", "thpt"):
        flt = MemberFilter.from_params(office, {"to_chuc": code})
        found = set(member_list(office, flt).values_list("pk", flat=True))
        restricted = set(office.restrict_people(member_list(Scope(user=Admin()), flt)).values_list("pk", flat=True))
        assert found == restricted
    assert moved.pk in set(
        member_list(office, MemberFilter.from_params(office, {"to_chuc": "thpt"})).values_list("pk", flat=True)
    )
    assert MemberFilter.from_params(office, {"to_chuc": "namdinh"}).problems


def fresh_registered_events() -> dict[int, bool]:
    """Whether a placement of the member covered each event's date, computed from the placements now."""
    placements = list(Placement.objects.values_list("member_id", "valid_from", "valid_to"))
    return {
        event.pk: any(member == event.member_id and start <= event.date < end for member, start, end in placements)
        for event in MemberEvent.objects.all()
    }


def kept_registered_events() -> dict[int, bool]:
    return dict(MemberEvent.objects.values_list("pk", "registered"))


def test_the_database_keeps_whether_each_event_s_member_was_registered_then(tree, make_member):
    """`MemberEvent.registered` is kept by triggers on events and placements, whatever writes them."""
    from django.db import connection

    from dangvu.members.models import EventType

    here = make_member(tree["cell_a"], admitted=date(2005, 3, 10), official=date(2006, 3, 10))
    arrived = actions.transfer_in(
        None,
        person={"family_name": "Lê", "given_name": "Bình", "gender": "female", "birth_date": date(1990, 2, 2)},
        organization=tree["cell_b"],
        on=date(2020, 7, 1),
        admitted_on=date(2015, 2, 1),
        official_on=date(2016, 2, 1),
        from_unit="Đảng bộ huyện Kim Bảng",
    )
    kept = kept_registered_events()
    assert kept == fresh_registered_events()
    admitted = MemberEvent.objects.get(member=arrived, type=EventType.ADMITTED)
    assert kept[admitted.pk] is False  # admitted elsewhere, before it arrived
    assert all(kept[e.pk] for e in MemberEvent.objects.filter(member=here))
    assert kept[MemberEvent.objects.get(member=arrived, type=EventType.TRANSFERRED_IN).pk] is True

    # Its placement found to have begun before the admission: the admission was made here after all.
    Placement.objects.filter(member=arrived).update(valid_from=date(2015, 1, 1))
    assert kept_registered_events() == fresh_registered_events()
    assert MemberEvent.objects.get(pk=admitted.pk).registered is True
    with connection.cursor() as cursor:  # raw SQL too
        cursor.execute("DELETE FROM members_placement WHERE member_id = %s", [here.pk])
    assert not any(MemberEvent.objects.filter(member=here).values_list("registered", flat=True))
    Placement.objects.create(member=here, organization=tree["cell_a"], valid_from=date(2005, 3, 10))
    MemberEvent.objects.filter(pk=admitted.pk).update(date=date(2014, 12, 1))  # an event's date corrected
    assert kept_registered_events() == fresh_registered_events()
    assert MemberEvent.objects.get(pk=admitted.pk).registered is False
    # An event written before the placement that covers it.
    other = make_member(tree["school"], admitted=date(2010, 3, 1), official=date(2011, 3, 1))
    Placement.objects.filter(member=other).delete()
    event = MemberEvent.objects.create(
        member=other, type=EventType.BADGE_AWARDED, date=date(2020, 2, 3), organization=tree["school"]
    )
    assert MemberEvent.objects.get(pk=event.pk).registered is False
    Placement.objects.create(member=other, organization=tree["school"], valid_from=date(2010, 3, 1))
    assert kept_registered_events() == fresh_registered_events()
    assert MemberEvent.objects.get(pk=event.pk).registered is True

    # A bulk load without triggers ends with fill_registered, which writes only what it changes.
    MemberEvent.objects.update(registered=True)
    assert tally.fill_registered() == sum(not value for value in fresh_registered_events().values()) > 0
    assert kept_registered_events() == fresh_registered_events()
