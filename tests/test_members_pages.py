"""Member pages: search ignoring diacritics, filters, Vietnamese order, forms with field errors, events."""

from datetime import date

import pytest

from dangvu.core.models import AuditEvent
from dangvu.members.models import Member, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, users):
    client.force_login(users["office"])
    return client


def test_search_ignores_diacritics_and_orders_by_given_name(office, tree, make_member):
    make_member(tree["cell_a"], family="Nguyễn", middle="Văn", given="Đức")
    make_member(tree["cell_b"], family="Trần", middle="Văn", given="Bình")
    make_member(tree["cell_b"], family="Nguyễn", middle="Văn", given="An")
    page = office.get("/dang-vien/", {"q": "nguyen van"}).content.decode()
    assert "Nguyễn Văn Đức" in page and "Nguyễn Văn An" in page and "Trần Văn Bình" not in page
    assert page.index("Nguyễn Văn An") < page.index("Nguyễn Văn Đức")
    page = office.get("/dang-vien/", {"q": "duc"}).content.decode()
    assert "Nguyễn Văn Đức" in page


def test_filters_and_bad_filter_values_do_not_fail(office, tree, make_member):
    make_member(tree["cell_a"], given="Cường", admitted=date(2001, 1, 5), official=date(2002, 1, 5))
    make_member(tree["school"], given="Dũng", admitted=date(2010, 1, 5), official=date(2011, 1, 5))
    page = office.get("/dang-vien/", {"nam_vao_dang": "2001"}).content.decode()
    assert "Cường" in page and "Dũng" not in page
    page = office.get("/dang-vien/", {"to_chuc": "thpt"}).content.decode()
    assert "Dũng" in page and "Cường" not in page
    response = office.get("/dang-vien/", {"nam_vao_dang": "abc", "tuoi": "x", "to_chuc": "namdinh"})
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()


def test_create_member_shows_field_errors_and_saves_nothing(office, tree):
    before = Member.objects.count(), AuditEvent.objects.count()
    response = office.post(
        "/dang-vien/them/",
        {
            "p-family_name": "Phạm",
            "p-given_name": "Lan",
            "p-gender": "female",
            "p-birth_date": "2010-01-01",
            "p-citizen_id": "999112345678",
            "m-organization": tree["cell_a"].code,
            "m-admitted_on": "2020-01-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mã tỉnh &#x27;999&#x27;" in page or "Mã tỉnh '999'" in page
    assert "chưa đủ 18 tuổi" in page
    assert (Member.objects.count(), AuditEvent.objects.count()) == before


def test_create_then_edit_member_is_audited(office, tree):
    response = office.post(
        "/dang-vien/them/",
        {
            "p-family_name": "Phạm",
            "p-middle_name": "Thị",
            "p-given_name": "Lan",
            "p-gender": "female",
            "p-birth_date": "1990-04-02",
            "p-citizen_id": "035190000123",
            "m-organization": tree["cell_a"].code,
            "m-admitted_on": "2015-04-02",
        },
    )
    assert response.status_code == 302
    member = Member.objects.get(person__citizen_id="035190000123")
    assert member.status == "probationary"
    response = office.post(
        f"/dang-vien/{member.pk}/sua/",
        {
            "p-family_name": "Phạm",
            "p-middle_name": "Thị",
            "p-given_name": "Lan",
            "p-gender": "female",
            "p-birth_date": "1990-04-02",
            "p-citizen_id": "035190000123",
            "p-phone": "0912345678",
            "m-admitted_on": "2015-04-02",
            "m-official_on": "2016-04-02",
            "m-reason": "Bổ sung hồ sơ",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "official" and member.person.phone == "0912345678"
    event = AuditEvent.objects.filter(action="person.update", object_id=str(member.person.pk)).get()
    assert event.after == {"phone": "0912345678"} and event.reason == "Bổ sung hồ sơ"
    assert event.actor.username == "u-office" and event.client_address == "127.0.0.1"


def test_official_date_too_early_is_refused_on_edit(office, tree, make_member):
    member = make_member(tree["cell_a"], official=None)
    response = office.post(
        f"/dang-vien/{member.pk}/sua/",
        {
            "p-family_name": "Nguyễn",
            "p-middle_name": "Văn",
            "p-given_name": "An",
            "p-gender": "male",
            "p-birth_date": "1980-05-17",
            "p-citizen_id": member.person.citizen_id,
            "m-admitted_on": "2005-03-10",
            "m-official_on": "2005-12-01",
            "m-reason": "x",
        },
    )
    assert "ít nhất 12 tháng" in response.content.decode()
    member.refresh_from_db()
    assert member.official_on is None


def test_a_refused_edit_saves_nothing_of_either_part(office, tree, make_member):
    """One edit is one change: a valid new phone with a refused official date keeps neither, audits nothing,
    and the page shows the errors of both parts at once."""
    member = make_member(tree["cell_a"], official=None)
    events = AuditEvent.objects.count()
    response = office.post(
        f"/dang-vien/{member.pk}/sua/",
        {
            "p-family_name": "Nguyễn",
            "p-middle_name": "Văn",
            "p-given_name": "An",
            "p-gender": "male",
            "p-birth_date": "1980-05-17",
            "p-citizen_id": member.person.citizen_id,
            "p-phone": "0912345678",
            "m-admitted_on": "2005-03-10",
            "m-official_on": "2005-12-01",
            "m-reason": "x",
        },
    )
    assert response.status_code == 200 and "ít nhất 12 tháng" in response.content.decode()
    member.refresh_from_db()
    member.person.refresh_from_db()
    assert member.official_on is None and member.person.phone == ""
    assert AuditEvent.objects.count() == events


def test_errors_of_the_person_and_of_the_membership_come_together(office, tree, make_member):
    member = make_member(tree["cell_a"], official=None)
    other = make_member(tree["cell_b"], given="Bình", card_number="35.001234")
    response = office.post(
        f"/dang-vien/{member.pk}/sua/",
        {
            "p-family_name": "Nguyễn",
            "p-middle_name": "Văn",
            "p-given_name": "An",
            "p-gender": "male",
            "p-birth_date": "1980-05-17",
            "p-citizen_id": other.person.citizen_id,
            "m-admitted_on": "2005-03-10",
            "m-official_on": "2005-12-01",
            "m-reason": "x",
        },
    )
    page = response.content.decode()
    assert "ít nhất 12 tháng" in page and "Số CCCD" in page


def test_transfer_and_leave_change_the_record(office, tree, make_member):
    member = make_member(tree["cell_a"])
    response = office.post(
        f"/dang-vien/{member.pk}/chuyen-sinh-hoat/",
        {"date": "2021-02-01", "to": tree["cell_b"].code, "decision_number": "12-QĐ/ĐU"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.organization == tree["cell_b"]
    response = office.post(
        f"/dang-vien/{member.pk}/ra-khoi-dang/", {"date": "2099-01-01", "reason": "deceased", "confirm": "on"}
    )
    assert "tương lai" in response.content.decode()
    response = office.post(f"/dang-vien/{member.pk}/ra-khoi-dang/", {"date": "2022-01-01", "reason": "deceased"})
    assert "Đánh dấu ô xác nhận" in response.content.decode()  # irreversible: asked to confirm first
    member.refresh_from_db()
    assert member.status != "left"
    response = office.post(
        f"/dang-vien/{member.pk}/ra-khoi-dang/", {"date": "2022-01-01", "reason": "deceased", "confirm": "on"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "left"
    page = office.get(f"/dang-vien/{member.pk}/").content.decode()
    assert "Chuyển sinh hoạt đến" in page and "Ra khỏi Đảng" in page


def test_member_role_sees_only_own_profile(client, users, tree, make_member):
    other = make_member(tree["cell_a"], given="Khác")
    client.force_login(users["member"])
    assert client.get(f"/dang-vien/{users['own_member'].pk}/").status_code == 200
    assert client.get(f"/dang-vien/{other.pk}/").status_code == 404
    page = client.get("/dang-vien/").content.decode()
    assert "Lê Thị Hoa" in page and "Nguyễn Văn Khác" not in page


def test_leader_cannot_edit(client, users, tree, make_member):
    member = make_member(tree["cell_a"])
    client.force_login(users["leader"])
    assert client.get(f"/dang-vien/{member.pk}/").status_code == 200
    assert client.get(f"/dang-vien/{member.pk}/sua/").status_code == 403
    assert client.get("/dang-vien/them/").status_code == 403
    assert Person.objects.count() == 2


def test_expulsion_only_through_a_discipline_decision(office, tree, make_member):
    from dangvu.core.errors import RuleViolation
    from dangvu.members import actions

    member = make_member(tree["cell_a"])
    page = office.get(f"/dang-vien/{member.pk}/ra-khoi-dang/").content.decode()
    assert 'value="expelled"' not in page and "Khai trừ là hình thức kỷ luật" in page
    response = office.post(
        f"/dang-vien/{member.pk}/ra-khoi-dang/", {"date": "2022-01-01", "reason": "expelled", "confirm": "on"}
    )
    assert response.status_code == 200
    with pytest.raises(RuleViolation, match="quyết định kỷ luật"):
        actions.leave(None, member, on=date(2022, 1, 1), reason="expelled")
    member.refresh_from_db()
    assert member.status != "left"


def test_a_member_gets_their_own_record_and_a_member_menu(client, users):
    client.force_login(users["member"])
    own = users["own_member"]
    response = client.get("/tong-quan/")
    assert response["Location"] == "/dang-vien/cua-toi/"
    assert client.get("/dang-vien/cua-toi/")["Location"] == f"/dang-vien/{own.pk}/"
    page = client.get(f"/dang-vien/{own.pk}/").content.decode()
    menu = page[page.index('<nav class="main"') : page.index("</nav>")]
    assert "Hồ sơ của tôi" in menu and "Hội nghị" in menu and "Nhiệm vụ" in menu
    assert "Đảng viên" not in menu and "Báo cáo" not in menu and "Nhật ký" not in menu


def test_staff_keep_the_office_menu_and_no_record_of_their_own(office, users):
    page = office.get("/tong-quan/").content.decode()
    menu = page[page.index('<nav class="main"') : page.index("</nav>")]
    assert "Đảng viên" in menu and "Báo cáo" in menu and "Hồ sơ của tôi" not in menu
    assert office.get("/dang-vien/cua-toi/").status_code == 404
