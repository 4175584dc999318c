"""Login protection: repeated failures lock the account for a while, even with the right password."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(LOCKOUT_FAILURES=3, LOCKOUT_MINUTES=15)
def test_lockout_after_repeated_failures(client, users):
    for _ in range(3):
        response = client.post("/dang-nhap/", {"username": "u-office", "password": "sai"})
        assert response.status_code == 200
        assert "không đúng" in response.content.decode()
    response = client.post("/dang-nhap/", {"username": "u-office", "password": "mat-khau-1"})
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_successful_login_goes_to_the_dashboard(client, users):
    response = client.post("/dang-nhap/", {"username": "u-leader", "password": "mat-khau-1"})
    assert response.status_code == 302 and response["Location"] == "/tong-quan/"
    assert "Đảng viên" in client.get("/tong-quan/").content.decode()


def test_a_logged_in_page_reads_the_session_user_and_mandates_at_most_once(client, users):
    """The view, the menu and the notice count ask for the same scope: the mandates are read at most once in a
    request, and not at all once the shared cache holds them (nor the session and the user)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def reads(table: str, queries) -> list[str]:
        return [q["sql"] for q in queries.captured_queries if f'FROM "{table}"' in q["sql"]]

    client.force_login(users["office"])
    with CaptureQueriesContext(connection) as first:
        assert client.get("/tong-quan/").status_code == 200
    assert len(reads("accounts_mandate", first)) <= 1
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/tong-quan/").status_code == 200
    for table in ("django_session", "auth_user", "accounts_mandate"):
        assert reads(table, queries) == [], table


def test_a_mandate_granted_during_a_request_is_seen_at_once(tree, users):
    from datetime import date

    from dangvu.accounts import actions
    from dangvu.accounts.models import Role
    from dangvu.accounts.scope import WRITE, RequestScopeMiddleware, scope_for

    user = users["leader"]

    def view(request):
        assert not scope_for(user).covers(tree["school"].pk, WRITE)
        actions.grant_mandate(None, user, role=Role.OFFICE, organization=tree["school"], valid_from=date(2020, 1, 1))
        assert scope_for(user).covers(tree["school"].pk, WRITE)
        return "done"

    assert RequestScopeMiddleware(view)(None) == "done"
