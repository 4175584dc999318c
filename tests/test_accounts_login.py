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
