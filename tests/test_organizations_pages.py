"""Organization pages: the tree as of a date, the organization page, and the forms of lineage events."""

from datetime import date

import pytest

from dangvu.core.models import AuditEvent
from dangvu.organizations import actions
from dangvu.organizations.actions import NameSpec
from dangvu.organizations.models import Kind, LineageEvent, Organization

pytestmark = pytest.mark.django_db


def test_tree_as_of_a_date_shows_the_world_of_that_date(client, users, tree):
    ward = actions.establish(
        None,
        code="pl-moi",
        kind=Kind.COMMUNE,
        parent=tree["province"],
        on=date(2025, 7, 1),
        names=NameSpec("Đảng bộ phường Phủ Lý"),
    )
    actions.move(None, tree["ward"], ward, on=date(2025, 7, 1))
    client.force_login(users["admin"])
    old = client.get("/to-chuc/phuly/con/", {"ngay": "2020-09-30"}).content.decode()
    assert "Đảng bộ phường Quang Trung" in old
    now = client.get("/to-chuc/phuly/con/").content.decode()
    assert "Đảng bộ phường Quang Trung" not in now
    assert client.get("/to-chuc/", {"ngay": "không-phải-ngày"}).status_code == 200


def test_organization_page_shows_titles_and_member_count(client, users, tree, make_member):
    member = make_member(tree["cell_a"])
    actions.assign_position(
        None,
        person=member.person,
        organization=tree["city"],
        body="permanent",
        post="secretary",
        valid_from=date(2020, 7, 28),
        term="2020–2025",
    )
    client.force_login(users["leader"])
    page = client.get("/to-chuc/phuly/").content.decode()
    assert "Bí thư Thành ủy" in page and "Nguyễn Văn An" in page
    assert "Đổi tên" not in page  # a leader reads only


def test_rename_through_the_form_keeps_history_and_is_audited(client, users, tree):
    client.force_login(users["office"])
    response = client.post(
        "/to-chuc/thpt/bien-dong/doi-ten/",
        {"date": "2022-01-01", "decision_number": "15-QĐ/TU", "name": "Chi bộ Trường THPT chuyên Biên Hòa"},
    )
    assert response.status_code == 302
    tree["school"].refresh_from_db()
    assert tree["school"].name == "Chi bộ Trường THPT chuyên Biên Hòa"
    assert tree["school"].names.count() == 2
    assert AuditEvent.objects.filter(action="organization.rename", reason="15-QĐ/TU").exists()


def test_bad_lineage_input_changes_nothing(client, users, tree):
    client.force_login(users["office"])
    before = Organization.objects.count(), LineageEvent.objects.count()
    response = client.post(
        "/to-chuc/quangtrung/bien-dong/thanh-lap/",
        {
            "date": "2000-01-01",
            "decision_number": "1",
            "name": "Chi bộ mới",
            "code": "qt-cb1",
            "kind": "cell",
            "sector": "other",
        },
    )
    page = response.content.decode()
    assert "đã được dùng" in page
    response = client.post(
        "/to-chuc/quangtrung/bien-dong/chuyen/", {"date": "2021-01-01", "decision_number": "2", "new_parent": "namdinh"}
    )
    assert "Không tìm thấy tổ chức" in response.content.decode()
    response = client.post("/to-chuc/phuly/bien-dong/giai-the/", {"date": "2021-01-01", "decision_number": "3"})
    assert "còn tổ chức trực thuộc" in response.content.decode()
    assert (Organization.objects.count(), LineageEvent.objects.count()) == before
    assert client.get("/to-chuc/phuly/bien-dong/khong-co/").status_code == 404


def test_position_form_validates_person_and_dates(client, users, tree, make_member):
    member = make_member(tree["cell_a"])
    client.force_login(users["office"])
    response = client.post(
        "/to-chuc/phuly/chuc-danh/them/",
        {"person": 999999, "body": "permanent", "post": "secretary", "valid_from": "2020-07-28"},
    )
    assert "Không tìm thấy người đã chọn trong phạm vi của bạn." in response.content.decode()
    response = client.post(
        "/to-chuc/phuly/chuc-danh/them/",
        {
            "person": member.person.pk,
            "body": "permanent",
            "post": "secretary",
            "valid_from": "2020-07-28",
            "valid_to": "2020-01-01",
        },
    )
    assert "Ngày kết thúc phải sau" in response.content.decode()
    response = client.post(
        "/to-chuc/phuly/chuc-danh/them/",
        {"person": member.person.pk, "body": "permanent", "post": "secretary", "valid_from": "2020-07-28"},
    )
    assert response.status_code == 302


def test_a_user_whose_organization_ended_sees_its_last_tree(client, users, tree):
    ward = actions.establish(
        None,
        code="pl-moi",
        kind=Kind.COMMUNE,
        parent=tree["province"],
        on=date(2025, 7, 1),
        names=NameSpec("Đảng bộ phường Phủ Lý"),
    )
    for child in (tree["ward"], tree["school"]):
        actions.move(None, child, ward, on=date(2025, 7, 1))
    actions.dissolve(None, tree["city"], on=date(2025, 7, 1))
    client.force_login(users["office"])
    page = client.get("/to-chuc/").content.decode()
    assert "30/06/2025" in page
    assert "Đảng bộ thành phố Phủ Lý" in page
    children = client.get("/to-chuc/phuly/con/", {"ngay": "2025-06-30"}).content.decode()
    assert "Đảng bộ phường Quang Trung" in children


def test_the_administrator_sees_the_roots_of_each_date(client, users, tree, other_tree):
    new_province = actions.establish(
        None, code="ninhbinh", kind=Kind.PROVINCE, on=date(2025, 7, 1), names=NameSpec("Đảng bộ tỉnh Ninh Bình")
    )
    actions.move(None, tree["city"], new_province, on=date(2025, 7, 1))
    actions.dissolve(None, tree["province"], on=date(2025, 7, 1))
    client.force_login(users["admin"])
    today = client.get("/to-chuc/").content.decode()
    assert "Đảng bộ tỉnh Ninh Bình" in today and "Đảng bộ tỉnh Nam Định" in today
    assert "Đảng bộ tỉnh Hà Nam" not in today
    then = client.get("/to-chuc/", {"ngay": "2020-09-30"}).content.decode()
    assert "Đảng bộ tỉnh Hà Nam" in then and "Đảng bộ tỉnh Ninh Bình" not in then


def test_a_long_tree_level_is_shown_a_page_at_a_time(client, users, tree, make_member, monkeypatch):
    from dangvu.organizations import views

    make_member(tree["cell_b"])
    monkeypatch.setattr(views, "LEVEL_PAGE", 1)
    client.force_login(users["admin"])
    first = client.get("/to-chuc/quangtrung/con/").content.decode()
    assert "Chi bộ tổ dân phố số 1" in first and "Chi bộ tổ dân phố số 2" not in first
    assert "Xem thêm (1 tổ chức nữa)" in first and "?tu=1" in first
    rest = client.get("/to-chuc/quangtrung/con/", {"tu": "1"}).content.decode()
    assert "Chi bộ tổ dân phố số 2" in rest and "1 đảng viên" in rest and "Xem thêm" not in rest
    assert "Xem thêm (1 tổ chức nữa)" in client.get("/to-chuc/quangtrung/").content.decode()
    assert client.get("/to-chuc/quangtrung/con/", {"tu": "abc"}).status_code == 200


def test_a_back_dated_merge_through_the_form_lists_the_later_records_to_confirm(client, users, tree, make_member):
    """A merge dated in the past: the form lists what was recorded after that day, and writes only once the
    user confirms; the member is then in the successor from that day."""
    member = make_member(tree["cell_b"], given="Sáp")
    ward = actions.establish(
        None,
        code="pl-moi",
        kind=Kind.GRASSROOTS_COMMITTEE,
        parent=tree["city"],
        on=date(2021, 1, 1),
        names=NameSpec("Đảng bộ Cơ quan mới"),
    )
    actions.move(None, tree["cell_b"], ward, on=date(2021, 1, 1))
    client.force_login(users["office"])
    data = {"date": "2020-08-15", "decision_number": "12-QĐ/ĐU", "target": "qt-cb1"}
    page = client.post("/to-chuc/qt-cb2/bien-dong/sap-nhap/", data).content.decode()
    assert "xem lại và xác nhận" in page and "Quan hệ trực thuộc ngày 01/01/2021: Đảng bộ Cơ quan mới" in page
    assert Organization.objects.get(pk=tree["cell_b"].pk).dissolved_on is None
    response = client.post("/to-chuc/qt-cb2/bien-dong/sap-nhap/", {**data, "confirm": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.organization_id == tree["cell_a"].pk
    assert Organization.objects.get(pk=tree["cell_b"].pk).dissolved_on == date(2020, 8, 15)
    assert AuditEvent.objects.filter(action="organization.dissolve", object_id=str(tree["cell_b"].pk)).exists()
