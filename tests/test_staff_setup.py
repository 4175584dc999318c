"""The first run: an empty installation shows what to do; `dangvu setup` (flags or questions) creates the
root organization under its province and the first administrator, or refuses with every reason at once."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from dangvu.accounts.models import Mandate, Role
from dangvu.core.models import AuditEvent
from dangvu.organizations.models import Kind, Organization

pytestmark = pytest.mark.django_db
PASSWORD = "Phu-Ly-2020!"
FLAGS = dict(
    no_input=True,
    username="quantri",
    full_name="Nguyễn Văn Quản",
    password=PASSWORD,
    kind="district",
    name="Đảng bộ thành phố Phủ Lý",
    committee_name="Thành ủy Phủ Lý",
    committee_code="TU",
    province_name="Đảng bộ tỉnh Hà Nam",
    province_committee_name="Tỉnh ủy Hà Nam",
)


def test_an_empty_installation_says_to_run_setup(client):
    for url in ("/", "/dang-nhap/"):
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert "Hệ thống chưa được cài đặt" in text and "dangvu setup" in text


def test_setup_with_flags_creates_the_root_under_its_province_and_the_administrator(client):
    call_command("setup", **FLAGS)
    org = Organization.objects.get(code="thanh-pho-phu-ly")
    assert org.kind == Kind.DISTRICT and org.parent.name == "Đảng bộ tỉnh Hà Nam"
    assert org.names.get().committee_name == "Thành ủy Phủ Lý" and org.committee_code == "TU"
    assert org.names.get().committee_short == "Thành ủy"
    admin = get_user_model().objects.get(username="quantri")
    assert admin.is_superuser and admin.first_name == "Nguyễn Văn Quản"
    assert Mandate.objects.get(user=admin).role == Role.ADMIN
    assert AuditEvent.objects.filter(action="installation.setup").count() == 1
    # the first-run page is gone: the login page logs the administrator in, and the tree shows the committee
    assert "chưa được cài đặt" not in client.get("/dang-nhap/").content.decode()
    assert client.login(username="quantri", password=PASSWORD)
    tree = client.get("/to-chuc/").content.decode()
    assert "Đảng bộ tỉnh Hà Nam" in tree and "empty-tree" not in tree


def test_setup_refuses_a_second_run_and_writes_nothing():
    call_command("setup", **FLAGS)
    before = (Organization.objects.count(), get_user_model().objects.count())
    with pytest.raises(CommandError, match="đã được cài đặt"):
        call_command("setup", **{**FLAGS, "username": "nguoikhac", "name": "Đảng bộ huyện Kim Bảng"})
    assert (Organization.objects.count(), get_user_model().objects.count()) == before


def test_setup_names_every_problem_at_once_and_writes_nothing():
    bad = {**FLAGS, "password": "12345678", "kind": "commune", "established_on": "01/01/2020", "name": " "}
    with pytest.raises(CommandError) as raised:
        call_command("setup", **bad)
    message = str(raised.value)
    assert "chỉ gồm chữ số" in message
    assert "chỉ có từ 01/07/2025" in message  # a 2020 commune is a grassroots committee
    assert "Tên tổ chức không được để trống" in message
    assert not Organization.objects.exists() and not get_user_model().objects.exists()


def test_setup_asks_question_by_question(monkeypatch):
    answers = iter(
        [
            "grassroots_committee",
            "Đảng bộ phường Quang Trung",
            "Đảng ủy phường Quang Trung",
            "",
            "ĐU",
            "",
            "phường Quang Trung",
            "ward_commune",
            "15/03/2018",
            "",
            "quantri",
            "Trần Thị Hoa",
        ]
    )
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    call_command("setup")
    org = Organization.objects.get()
    assert (org.code, org.kind, org.sector, org.established_on) == (
        "phuong-quang-trung",
        Kind.GRASSROOTS_COMMITTEE,
        "ward_commune",
        date(2018, 3, 15),
    )
    assert org.parent is None and org.names.get().committee_short == "Đảng ủy"
    assert get_user_model().objects.get().check_password(PASSWORD)
