"""Login protection as an attacker meets it: spelling variants of a name share its failures, an address that
sprays names cannot lock out the office's known users, the client address is read from a trusted proxy only,
old failure rows go; sessions rotate at login, end at a password change and after idling (sooner for the
office); every password set passes the validators."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import timezone

from dangvu.accounts import actions, sessions
from dangvu.accounts.models import LoginFailure
from dangvu.core.errors import RuleViolation

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-1"


def attempt(client, username, password="sai", **meta):
    return client.post("/dang-nhap/", {"username": username, "password": password}, **meta)


@override_settings(LOCKOUT_FAILURES=3)
def test_spelling_variants_of_a_name_share_its_failures(client, users):
    for variant in ["u-office ", " u-office", "ｕ－ｏｆｆｉｃｅ"]:
        assert attempt(client, variant).status_code == 200
    locked = attempt(client, "u-office", PASSWORD)
    assert locked.status_code == 429 and "tạm khóa" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(LOCKOUT_FAILURES=5, LOCKOUT_ADDRESS_FAILURES=15)
def test_spraying_names_from_an_address_does_not_lock_out_the_office(users):
    colleague = Client()
    assert attempt(colleague, "u-leader", PASSWORD).status_code == 302  # logged in here before
    colleague.post("/dang-xuat/")
    attacker = Client()
    for n in range(15):
        attempt(attacker, f"khong-co-{n}")
    assert attempt(colleague, "u-leader", PASSWORD).status_code == 302
    stranger = attempt(Client(), "u-office", PASSWORD)
    assert stranger.status_code == 429 and "Máy này đã đăng nhập sai quá nhiều lần" in stranger.content.decode()
    # the names themselves are not locked: from another address the office logs in
    assert attempt(Client(), "u-office", PASSWORD, REMOTE_ADDR="192.0.2.9").status_code == 302


@override_settings(LOCKOUT_FAILURES=5, LOCKOUT_ADDRESS_FAILURES=15)
def test_a_forged_known_login_cookie_exempts_nobody(users):
    attacker = Client()
    for n in range(15):
        attempt(attacker, f"khong-co-{n}")
    attacker.cookies["dangvu_known"] = "u-office"
    assert attempt(attacker, "u-office", PASSWORD).status_code == 429


def test_the_client_address_comes_from_a_trusted_proxy_only(client, users):
    spoofed = {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    attempt(client, "u-office", **spoofed)
    assert LoginFailure.objects.get().client_address == "198.51.100.7"
    LoginFailure.objects.all().delete()
    with override_settings(TRUSTED_PROXIES=["10.0.0.0/8"]):
        attempt(client, "ai-do", **spoofed)  # not from the proxy: the header is still ignored
        attempt(client, "ai-do", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5, 10.0.0.2")
        assert (
            attempt(
                client, "u-office", PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6"
            ).status_code
            == 302
        )
    assert sorted(LoginFailure.objects.values_list("client_address", flat=True)) == ["198.51.100.7", "203.0.113.5"]


def test_old_failure_rows_are_purged(client, users):
    for n in range(3):
        attempt(client, f"cu-{n}")
    LoginFailure.objects.update(at=timezone.now() - timedelta(hours=settings.LOCKOUT_KEEP_HOURS + 1))
    attempt(client, "moi")
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["moi"]


def test_the_session_key_changes_at_login(client, users):
    session = client.session
    session["seen"] = True
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    before = session.session_key
    assert attempt(client, "u-office", PASSWORD).status_code == 302
    assert client.session.session_key != before and client.session["seen"] is True


def test_a_password_change_ends_the_other_sessions(users):
    browser, phone = Client(), Client()
    for device in (browser, phone):
        assert attempt(device, "u-office", PASSWORD).status_code == 302
    user = get_user_model().objects.get(username="u-office")
    user.set_password("mat-khau-moi-2")
    user.save()
    answer = phone.get("/tong-quan/")
    assert answer.status_code == 302 and answer["Location"].startswith("/dang-nhap/")


def idle(client, minutes: int) -> None:
    session = client.session
    session[sessions.SEEN_KEY] = int(time.time()) - minutes * 60
    session.save()


@override_settings(SESSION_IDLE_MINUTES=240, SESSION_IDLE_MINUTES_OFFICE=30)
def test_an_idle_session_ends_sooner_for_the_office(users):
    office, leader = Client(), Client()
    attempt(office, "u-office", PASSWORD)
    attempt(leader, "u-leader", PASSWORD)
    for client in (office, leader):
        idle(client, 31)
    answer = office.get("/tong-quan/", follow=True)
    assert "Phiên làm việc đã kết thúc sau 30 phút không thao tác" in answer.content.decode()
    assert answer.redirect_chain[0][0].startswith("/dang-nhap/?next=/tong-quan/")
    assert leader.get("/tong-quan/").status_code == 200
    idle(leader, 241)
    assert leader.get("/tong-quan/").status_code == 302
    assert settings.SESSION_COOKIE_AGE <= 24 * 3600


def test_every_password_set_passes_the_validators(tree):
    for weak in ["x", "12345678", "password"]:
        with pytest.raises(RuleViolation) as refused:
            actions.create_user(None, username=f"weak-{weak}", password=weak)
        assert refused.value.errors["password"]
    assert not get_user_model().objects.filter(username__startswith="weak-").exists()
