"""The session, the user and the mandates of a request come from the shared cache (dangvu.accounts.cache), and
the dashboard's figures are kept per scope (dangvu.core.cache.kept): every change is seen at once."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_ended_mandate_ends_the_access_at_the_next_request(client, users):
    from dangvu.accounts.scope import scope_for
    from dangvu.staff.actions import do_end_mandate

    office = logged_in(users["office"])
    assert "Lê Thị Hoa" in office.get("/dang-vien/").content.decode()  # cached now
    mandate = users["office"].mandates.get()
    do_end_mandate(scope_for(users["admin"]), mandate, on=timezone.localdate())
    assert "Lê Thị Hoa" not in office.get("/dang-vien/").content.decode()


def test_a_granted_mandate_is_seen_at_the_next_request(client, users, tree):
    from dangvu.accounts.models import Role
    from dangvu.accounts.scope import scope_for
    from dangvu.staff.actions import do_grant_mandate

    leader = logged_in(users["cell_secretary"])
    assert leader.get(f"/to-chuc/{tree['school'].code}/chuc-danh/them/").status_code in (403, 404)
    do_grant_mandate(
        scope_for(users["admin"]),
        users["cell_secretary"],
        role=Role.OFFICE,
        organization=tree["school"],
        valid_from=date(2020, 1, 1),
    )
    assert leader.get(f"/to-chuc/{tree['school'].code}/chuc-danh/them/").status_code == 200


def test_a_deactivated_account_is_logged_out_at_its_next_request(users):
    from dangvu.accounts.scope import scope_for
    from dangvu.staff.actions import do_set_active

    leader = logged_in(users["leader"])
    assert leader.get("/tong-quan/").status_code == 200
    do_set_active(scope_for(users["admin"]), users["leader"], active=False)
    response = leader.get("/tong-quan/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_a_password_reset_ends_the_user_s_sessions(users):
    from dangvu.accounts.scope import scope_for
    from dangvu.staff.actions import do_reset_password

    leader = logged_in(users["leader"])
    assert leader.get("/tong-quan/").status_code == 200
    do_reset_password(scope_for(users["admin"]), users["leader"])
    assert leader.get("/tong-quan/").status_code == 302


def test_a_session_ended_by_logout_cannot_be_replayed(users):
    leader = Client()
    assert leader.post("/dang-nhap/", {"username": "u-leader", "password": "mat-khau-1"}).status_code == 302
    cookie = leader.cookies["sessionid"].value
    assert leader.get("/tong-quan/").status_code == 200
    leader.post("/dang-xuat/")
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert replay.get("/tong-quan/").status_code == 302


def test_the_dashboard_shows_a_change_at_once_to_the_one_who_made_it(users, tree, make_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    office = logged_in(users["office"])

    def total() -> str:
        return office.get("/tong-quan/").context["members_total"]

    before = total()
    with CaptureQueriesContext(connection) as queries:
        assert total() == before
    assert not [q for q in queries.captured_queries if "members_member" in q["sql"]], "the counts are kept"
    make_member(tree["cell_b"], given="Bình", actor=users["office"])
    assert total() == before + 1
    assert "Nguyễn Văn Bình" in office.get("/tong-quan/").content.decode()  # among the recent changes


def test_cache_keys_name_the_database_and_an_in_memory_one_its_process(settings):
    import os
    from unittest import mock

    from django.db import connections

    from dangvu.core.cache import make_key

    connection = connections["default"]
    original = connection.settings_dict["NAME"]
    try:
        connection.settings_dict["NAME"] = "dangvu_a"
        first = make_key("user:1", "", 1)
        connection.settings_dict["NAME"] = "dangvu_b"
        assert make_key("user:1", "", 1) != first
        connection.settings_dict["NAME"] = "file:memorydb_default?mode=memory&cache=shared"
        in_memory = make_key("user:1", "", 1)
        with mock.patch("os.getpid", return_value=os.getpid() + 1):
            assert make_key("user:1", "", 1) != in_memory
    finally:
        connection.settings_dict["NAME"] = original


def test_the_organization_page_and_tree_level_show_a_change_at_once(users, tree, make_member):
    from dangvu.organizations import actions as org_actions
    from dangvu.organizations.actions import NameSpec
    from dangvu.organizations.models import Kind

    office = logged_in(users["office"])
    ward = tree["ward"]
    office.get(f"/to-chuc/{ward.code}/con/")  # kept before the change

    def page() -> dict:
        return office.get(f"/to-chuc/{ward.code}/").context

    before = page()["member_total"]
    assert page()["member_total"] == before  # read again from what was kept
    make_member(tree["cell_b"], given="Cường", actor=users["office"])
    assert page()["member_total"] == before + 1
    org_actions.establish(
        users["office"],
        code="qt-cb3",
        kind=Kind.CELL,
        parent=ward,
        on=date(2020, 1, 1),
        committee_code="CB",
        names=NameSpec(
            name="Chi bộ tổ dân phố số 3", committee_name="", committee_short="Chi bộ", locality="", place=""
        ),
    )
    assert "Chi bộ tổ dân phố số 3" in office.get(f"/to-chuc/{ward.code}/con/").content.decode()
    assert "Chi bộ tổ dân phố số 3" in office.get(f"/to-chuc/{ward.code}/").content.decode()


def test_the_member_page_shows_a_change_at_once(users, tree, make_member):
    from dangvu.members import actions as member_actions

    office = logged_in(users["office"])
    member = make_member(tree["cell_b"], given="Dũng", actor=users["office"], admitted=date(2019, 3, 1), official=None)
    page = f"/dang-vien/{member.pk}/"
    assert "Công nhận đảng viên chính thức" not in office.get(page).content.decode()  # kept now
    member_actions.recognize_official(users["office"], member, on=date(2020, 3, 1), decision_number="12-QĐ/ĐU")
    assert "12-QĐ/ĐU" in office.get(page).content.decode()


def test_the_meeting_page_shows_a_change_at_once(users, tree):
    from dangvu.meetings import actions as meeting_actions
    from dangvu.meetings.models import Kind

    office = logged_in(users["office"])
    meeting = meeting_actions.create_meeting(
        users["office"],
        organization=tree["city"],
        kind=Kind.CONFERENCE,
        title="Hội nghị sơ kết",
        date=date(2020, 10, 9),
    )
    page = f"/hoi-nghi/{meeting.pk}/"
    assert "Báo cáo sơ kết 9 tháng" not in office.get(page).content.decode()  # kept now
    meeting_actions.add_agenda_item(users["office"], meeting, title="Báo cáo sơ kết 9 tháng")
    assert "Báo cáo sơ kết 9 tháng" in office.get(page).content.decode()


def test_the_member_list_shows_a_renamed_ward_at_once(users, tree):
    from dangvu.organizations import actions as org_actions
    from dangvu.organizations.actions import NameSpec

    office = logged_in(users["office"])
    assert "Minh Khai" not in office.get("/dang-vien/").content.decode()  # the cells' labels kept now
    org_actions.rename(
        users["office"],
        tree["ward"],
        on=date(2020, 1, 1),
        names=NameSpec(
            name="Đảng bộ phường Minh Khai",
            committee_name="Đảng ủy phường Minh Khai",
            committee_short="Đảng ủy",
            locality="phường",
            place="phường Minh Khai",
        ),
    )
    assert "Minh Khai" in office.get("/dang-vien/").content.decode()


def test_the_shared_cache_culls_expired_entries_at_most_once_a_minute(tmp_path):
    import time
    from unittest import mock

    from dangvu.core.cache import SharedFileCache

    store = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 1000}})
    with mock.patch("time.monotonic", return_value=10_000.0):
        SharedFileCache._culled_at = float("-inf")
        store.set("old", "x", 1)
        with mock.patch("time.time", return_value=time.time() + 5):
            store.set("new", "y", 600)  # culled within the same minute: not looked at again
            assert len(list(tmp_path.iterdir())) == 2
    with mock.patch("time.monotonic", return_value=10_061.0), mock.patch("time.time", return_value=time.time() + 5):
        store.set("newer", "z", 600)  # a minute later: the expired entry is removed
        assert store.get("new") == "y" and store.get("newer") == "z"
    assert len(list(tmp_path.iterdir())) == 2


def test_the_changes_of_one_transaction_renew_the_generation_once_at_commit(django_capture_on_commit_callbacks):
    from unittest import mock

    from django.db import transaction

    from dangvu.core import cache as shared

    shared._used.since_renewal = False  # this thread has read no figure since
    with mock.patch.object(shared, "_renew", wraps=shared._renew) as renew:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            for _ in range(3):
                shared.changed()
            assert renew.call_count == 0
        assert renew.call_count == 1
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            try:
                with transaction.atomic():  # its callback goes with the rolled-back savepoint
                    shared.changed()
                    raise ValueError
            except ValueError:
                pass
            shared.changed()
        assert renew.call_count == 2
        shared.kept("figure", "x", lambda: 1)  # this thread reads a figure: its next change renews at once
        with transaction.atomic():
            shared.changed()
            assert renew.call_count == 3
