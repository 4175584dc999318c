"""Accounts and roles in the web app: a manager creates accounts and grants roles only within their subtree and
never wider than their own; one-time passwords must be changed; locked accounts cannot log in; the second
factor, once required, is set up and then asked at every login. Each change is in the audit trail."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from dangvu.accounts.models import Mandate, Role
from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.staff import actions

pytestmark = pytest.mark.django_db


def create(client, organization, username, full_name="Phạm Văn Bình", person=""):
    response = client.post(
        "/tai-khoan/tao/",
        {"organization": organization.code, "username": username, "full_name": full_name, "person": person},
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    password = response.context["password"]
    return get_user_model().objects.get(username=username), password


def test_office_creates_an_account_that_must_change_its_one_time_password(client, users, tree):
    client.force_login(users["office"])
    account, password = create(client, tree["cell_a"], "binh")
    assert len(password) == 12 and account.check_password(password)
    assert AuditEvent.objects.filter(action="account.create", object_id=str(account.pk)).exists()

    client.logout()
    assert client.login(username="binh", password=password)
    response = client.get("/tong-quan/")
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/doi-mat-khau/"
    assert client.get("/to-chuc/")["Location"] == "/tai-khoan/doi-mat-khau/"
    page = client.get("/tai-khoan/doi-mat-khau/").content.decode()
    assert "mật khẩu dùng một lần" in page
    weak = client.post("/tai-khoan/doi-mat-khau/", {"current": password, "new": "1234", "repeated": "1234"})
    errors = " ".join(weak.context["form"].errors["new"])
    assert "ít nhất 8 ký tự" in errors and "chỉ gồm chữ số" in errors
    wrong = client.post("/tai-khoan/doi-mat-khau/", {"current": "sai", "new": "Bien-Hoa-77", "repeated": "x"})
    assert set(wrong.context["form"].errors) == {"current", "repeated"}
    done = client.post(
        "/tai-khoan/doi-mat-khau/", {"current": password, "new": "Bien-Hoa-77", "repeated": "Bien-Hoa-77"}
    )
    assert done.status_code == 302
    assert client.get("/tong-quan/").status_code == 200
    assert AuditEvent.objects.filter(action="account.password_change", actor=account).exists()


def test_an_account_links_to_a_person_found_by_name(client, users, tree, other_tree, make_member):
    mine = make_member(tree["cell_b"], family="Đỗ", middle="Văn", given="Đức")
    make_member(other_tree["cell"], family="Đỗ", middle="Văn", given="Đức", birth=date(1970, 1, 1))
    client.force_login(users["office"])
    found = client.get("/tim/nguoi/", {"q": "do van duc"}).json()["results"]
    assert [r["value"] for r in found] == [str(mine.person.pk)]  # the other province's namesake is out of scope
    account, _ = create(client, tree["cell_b"], "duc", "Đỗ Văn Đức", person=mine.person.pk)
    assert account.account_state.person == mine.person
    outside = make_member(other_tree["cell"], family="Vũ", given="Lan", gender="female")
    response = client.post(
        "/tai-khoan/tao/",
        {"organization": tree["cell_b"].code, "username": "lan", "full_name": "Vũ Lan", "person": outside.person.pk},
    )
    assert "Không tìm thấy người đã chọn trong phạm vi của bạn." in response.content.decode()
    assert not get_user_model().objects.filter(username="lan").exists()


def test_grants_stay_within_the_granters_subtree_and_never_widen(client, users, tree, other_tree):
    office = scope_for(users["office"])  # office of the city
    account, _ = actions.do_create_user(office, organization=tree["cell_a"], username="bithu", full_name="Lê Văn Bí")
    mandate = actions.do_grant_mandate(
        office, account, role=Role.CELL_SECRETARY, organization=tree["cell_a"], valid_from=date(2024, 1, 1)
    )
    assert scope_for(account).roots() == [tree["cell_a"].pk]
    with pytest.raises(RuleViolation, match="không rộng hơn"):
        actions.do_grant_mandate(
            office, account, role=Role.ADMIN, organization=tree["cell_a"], valid_from=date(2024, 1, 1)
        )
    with pytest.raises(Http404):  # the province is above the office's city: out of its sight
        actions.do_grant_mandate(
            office, account, role=Role.LEADER, organization=tree["province"], valid_from=date(2024, 1, 1)
        )
    with pytest.raises(Http404):
        actions.do_grant_mandate(
            office, account, role=Role.LEADER, organization=other_tree["cell"], valid_from=date(2024, 1, 1)
        )
    # a cell secretary manages no accounts at all
    secretary = scope_for(users["cell_secretary"])
    with pytest.raises(PermissionDenied):
        actions.do_grant_mandate(
            secretary, account, role=Role.MEMBER, organization=tree["cell_a"], valid_from=date(2024, 1, 1)
        )
    client.force_login(users["cell_secretary"])
    assert client.get("/tai-khoan/")["Location"] == "/tai-khoan/cua-toi/"
    assert client.get("/tai-khoan/tao/").status_code == 403
    # through the page: the form offers only the office's organizations and says why a role is refused
    client.force_login(users["office"])
    response = client.post(
        f"/tai-khoan/{account.pk}/giao-quyen/",
        {"role": Role.OFFICE, "organization": tree["province"].code, "valid_from": "2024-01-01"},
    )
    assert response.status_code == 400
    assert "Không tìm thấy tổ chức “hanam” trong phạm vi của bạn." in response.content.decode()
    refused = client.post(
        f"/tai-khoan/{account.pk}/giao-quyen/",
        {"role": Role.ADMIN, "organization": tree["cell_a"].code, "valid_from": "2024-01-01"},
    )
    assert "không rộng hơn vai trò của chính bạn" in refused.content.decode()
    assert list(Mandate.objects.filter(user=account)) == [mandate]


def test_ending_a_mandate_takes_the_scope_away_and_only_within_the_managers_reach(client, users, tree):
    office = scope_for(users["office"])
    account, _ = actions.do_create_user(office, organization=tree["cell_a"], username="bithu", full_name="Lê Văn Bí")
    mandate = actions.do_grant_mandate(
        office, account, role=Role.CELL_SECRETARY, organization=tree["cell_a"], valid_from=date(2024, 1, 1)
    )
    client.force_login(users["office"])
    today = timezone.localdate()
    response = client.post(f"/tai-khoan/{account.pk}/quyen/{mandate.pk}/ket-thuc/", {"on": today.isoformat()})
    assert response.status_code == 302
    assert scope_for(account).roots() == []
    listing = client.get("/tai-khoan/").content.decode()
    assert "bithu" in listing and f"đến {today:%d/%m/%Y}" in listing  # a past mandate stays listed
    admin_mandate = Mandate.objects.get(user=users["admin"])
    with pytest.raises((Http404, PermissionDenied, RuleViolation)):
        actions.do_end_mandate(office, admin_mandate, on=today)
    assert Mandate.objects.get(pk=admin_mandate.pk).valid_to.year == 9999
    assert AuditEvent.objects.filter(action="mandate.end").count() == 1


def test_locking_and_resetting_an_account(client, users, tree):
    office = scope_for(users["office"])
    account, password = actions.do_create_user(
        office, organization=tree["cell_a"], username="bithu", full_name="Lê Văn Bí"
    )
    client.force_login(users["office"])
    client.post(f"/tai-khoan/{account.pk}/trang-thai/", {"active": "0"})
    client.logout()
    assert not client.login(username="bithu", password=password)
    client.force_login(users["office"])
    client.post(f"/tai-khoan/{account.pk}/trang-thai/", {"active": "1"})
    reset = client.post(f"/tai-khoan/{account.pk}/dat-lai-mat-khau/")
    new_password = reset.context["password"]
    assert new_password != password
    client.logout()
    assert not client.login(username="bithu", password=password)
    assert client.login(username="bithu", password=new_password)
    assert client.get("/tong-quan/")["Location"] == "/tai-khoan/doi-mat-khau/"
    actions_seen = set(AuditEvent.objects.filter(object_id=str(account.pk)).values_list("action", flat=True))
    assert {"account.deactivate", "account.reactivate", "account.password_reset"} <= actions_seen
    # the office cannot lock or reset the province administrator's account
    with pytest.raises((Http404, PermissionDenied)):
        actions.do_reset_password(office, users["admin"])


def test_every_user_sees_their_own_roles(client, users):
    client.force_login(users["cell_secretary"])
    page = client.get("/tai-khoan/cua-toi/").content.decode()
    assert "Bí thư chi bộ" in page and "Chi bộ tổ dân phố số 1" in page


def test_required_second_factor_is_set_up_then_asked_at_every_login(client, users, tree):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(users["admin"])
    client.post("/tai-khoan/chinh-sach/", {"require_otp_for_staff": "on"})
    assert AuditEvent.objects.filter(action="security.policy").exists()
    get_user_model().objects.filter(pk=users["office"].pk).update(password="")
    users["office"].set_password("Van-Phong-2020")
    users["office"].save()

    client.logout()
    assert client.login(username="u-office", password="Van-Phong-2020")
    assert client.get("/tong-quan/")["Location"] == "/tai-khoan/xac-thuc/cai-dat/"
    page = client.get("/tai-khoan/xac-thuc/cai-dat/")
    assert "<svg" in page.content.decode() and page.context["secret"]
    device = TOTPDevice.objects.get(user=users["office"])
    right = totp(device.bin_key)
    wrong = client.post("/tai-khoan/xac-thuc/cai-dat/", {"token": f"{(right + 1) % 1000000:06d}"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    client.post("/tai-khoan/xac-thuc/cai-dat/", {"token": f"{right:06d}"})
    assert client.get("/tong-quan/").status_code == 200

    client.logout()  # the next login asks for the code
    assert client.login(username="u-office", password="Van-Phong-2020")
    assert client.get("/dang-vien/")["Location"] == "/tai-khoan/xac-thuc/"
    device.refresh_from_db()
    later = int((timezone.now() + timedelta(seconds=30)).timestamp())
    wrong = client.post("/tai-khoan/xac-thuc/", {"token": f"{(right + 1) % 1000000:06d}"})
    assert wrong.status_code == 400 and client.get("/dang-vien/").status_code == 302
    # the code of the next 30 seconds (the one just used to set up cannot be replayed); a failure makes the
    # device wait a moment before the next try (django-otp's throttling), which a person would not notice
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post("/tai-khoan/xac-thuc/", {"token": f"{_code(device, later):06d}"})
    assert response.status_code == 302
    assert client.get("/dang-vien/").status_code == 200
    # the leader's role is not asked for a second factor
    client.logout()
    client.force_login(users["leader"])
    assert client.get("/tong-quan/").status_code == 200


def _code(device, at: int) -> int:
    from django_otp.oath import TOTP

    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    token.time = at
    return token.token()
