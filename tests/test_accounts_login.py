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


def test_the_scope_is_read_once_per_request(client, users):
    """The view, the menu and the notice count ask for the same scope: one read of the mandates per request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users["office"])
    client.get("/tong-quan/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/tong-quan/").status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "accounts_mandate"' in q["sql"]]
    assert len(reads) == 1, reads


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
