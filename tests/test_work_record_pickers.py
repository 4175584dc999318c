"""The inspection form's programme item and the discipline form's related inspection are chosen by what they
are about (subject, month or date, content), never by a typed number; anything outside the scope is refused in
Vietnamese with nothing written, and the type-ahead endpoints answer within the scope only."""

import re
from datetime import date

import pytest
from django.urls import reverse

from dangvu.work import actions
from dangvu.work.models import Activity, Discipline, Oversight, OversightKind, PerformingBody
from test_work_pages import oversight_post, records  # noqa: F401  (the `records` fixture)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def plan(tree, other_tree, records):  # noqa: F811
    item = actions.add_programme_item(
        None,
        records["programme"],
        activity=Activity.INSPECTION,
        kind=OversightKind.PARTY_FINANCE,
        subject_organization=tree["ward"],
        planned_month=4,
        content="Thu, nộp, quản lý đảng phí",
    )
    foreign_programme = actions.create_programme(
        None, organization=other_tree["province"], body=PerformingBody.STANDING, year=2020, title="Chương trình tỉnh"
    )
    foreign_item = actions.add_programme_item(
        None,
        foreign_programme,
        activity=Activity.INSPECTION,
        kind=OversightKind.PARTY_FINANCE,
        subject_organization=other_tree["cell"],
        planned_month=5,
    )
    foreign = actions.create_oversight(
        None,
        activity=Activity.INSPECTION,
        kind=OversightKind.REGULAR,
        organization=other_tree["province"],
        body=PerformingBody.STANDING,
        start_date=date(2020, 3, 2),
        content="Chấp hành Điều lệ ở tỉnh khác",
        subject_organizations=[other_tree["cell"]],
    )
    return {**records, "item": item, "foreign_item": foreign_item, "foreign": foreign}


def test_oversight_takes_its_programme_item_found_by_subject(client, users, plan):
    client.force_login(users["inspection"])
    url = reverse("work_oversight_create")
    page = text(client.get(url))
    assert "Số nội dung" not in page and "Theo nội dung trong chương trình" in page
    post = oversight_post(kind="party_finance", subject_organizations=["quangtrung"])
    response = client.post(url, {**post, "programme_item_tim": "quang trung 2020"})
    assert response.status_code == 302
    assert Oversight.objects.latest("pk").programme_item == plan["item"]


def test_oversight_programme_item_outside_the_scope_is_refused(client, users, plan):
    client.force_login(users["inspection"])
    url = reverse("work_oversight_create")
    post = oversight_post(kind="party_finance", subject_organizations=["quangtrung"])
    page = text(client.post(url, {**post, "programme_item": plan["foreign_item"].pk}))
    assert "Không tìm thấy nội dung chương trình đã chọn trong phạm vi của bạn." in page
    page = text(client.post(url, {**post, "programme_item_tim": "chuong trinh tinh"}))
    assert "Không tìm thấy nội dung chương trình nào khớp “chuong trinh tinh” trong phạm vi của bạn." in page
    assert Oversight.objects.count() == 2  # the city's and the other province's, nothing new


def test_oversight_edit_shows_the_item_by_its_label(client, users, plan):
    client.force_login(users["inspection"])
    made = actions.create_oversight(
        None,
        activity=Activity.INSPECTION,
        kind=OversightKind.PARTY_FINANCE,
        organization=plan["programme"].organization,
        body=PerformingBody.INSPECTION_COMMITTEE,
        start_date=date(2020, 4, 6),
        content="Đảng phí",
        subject_organizations=[plan["item"].subject_organization],
        programme_item=plan["item"],
    )
    page = text(client.get(reverse("work_oversight_edit", args=[made.pk])))
    assert "Kiểm tra Đảng bộ phường Quang Trung — tháng 4/2020 — Thu, nộp, quản lý đảng phí — Chương trình 2020" in page


def test_discipline_link_prefills_the_inspection_by_its_label(client, users, plan):
    client.force_login(users["inspection"])
    oversight = plan["oversight"]
    page = text(client.get(reverse("work_discipline_create") + f"?kiem_tra={oversight.pk}"))
    assert "Số cuộc kiểm tra" not in page
    assert (
        "Kiểm tra Đảng bộ phường Quang Trung, Nguyễn Văn Kiểm — từ 02/03/2020 — Chấp hành Điều lệ — "
        "Đảng bộ thành phố Phủ Lý"
    ) in page


def test_discipline_inspection_found_by_date_and_foreign_one_refused(client, users, plan):
    client.force_login(users["inspection"])
    data = {
        "organization": "phuly",
        "body": "inspection_committee",
        "decided_on": "2021-03-01",
        "decision_number": "5-QĐ",
        "form": "reprimand",
        "subject_member": str(plan["member"].person.pk),
        "reason": "Vi phạm",
        "note": "",
    }
    page = text(client.post(reverse("work_discipline_create"), {**data, "oversight": plan["foreign"].pk}))
    assert "Không tìm thấy cuộc kiểm tra, giám sát đã chọn trong phạm vi của bạn." in page
    assert not Discipline.objects.filter(decision_number="5-QĐ").exists()
    response = client.post(reverse("work_discipline_create"), {**data, "oversight_tim": "02/03/2020"})
    assert response.status_code == 302
    assert Discipline.objects.get(decision_number="5-QĐ").oversight == plan["oversight"]


def test_endpoints_answer_within_the_scope(client, users, plan):
    client.force_login(users["inspection"])
    found = client.get("/tim/cuoc-kiem-tra/", {"q": "Chấp hành"}).json()["results"]
    assert [r["value"] for r in found] == [str(plan["oversight"].pk)]
    assert found[0]["note"] == "Thường xuyên, theo chương trình" and "từ 02/03/2020" in found[0]["label"]
    assert client.get("/tim/cuoc-kiem-tra/", {"q": "quang trung"}).json()["results"][0]["value"] == str(
        plan["oversight"].pk
    )
    for typed in ("dang phi", "đảng phí", "ĐẢNG PHÍ", "quan ly dang"):
        items = client.get("/tim/noi-dung-chuong-trinh/", {"q": typed}).json()["results"]
        assert [r["value"] for r in items] == [str(plan["item"].pk)], typed
    client.force_login(users["cell_secretary"])  # the city's records lie outside cell A
    assert client.get("/tim/cuoc-kiem-tra/", {"q": "Chấp hành"}).json()["results"] == []
    for odd in ("%", "_", "99/99/2020", "x" * 500, "１２", "²²²²", "١٢٣٤"):
        assert client.get("/tim/cuoc-kiem-tra/", {"q": odd}).status_code == 200
        assert client.get("/tim/noi-dung-chuong-trinh/", {"q": odd}).status_code == 200
    client.logout()
    assert client.get("/tim/cuoc-kiem-tra/", {"q": "a"}).status_code == 302


def test_contents_titles_and_decision_numbers_match_without_diacritics(client, users, plan):
    """ "dai hoi" finds "Đại hội" in an inspection's content, "qd" its decision number "12-QĐ/UBKT", and a
    programme's item is found by its programme's title typed without diacritics ("đ" as "d")."""
    made = actions.create_oversight(
        None,
        activity=Activity.INSPECTION,
        kind=OversightKind.REGULAR,
        organization=plan["programme"].organization,
        body=PerformingBody.INSPECTION_COMMITTEE,
        start_date=date(2020, 5, 4),
        decision_number="12-QĐ/UBKT",
        content="Chuẩn bị Đại hội đảng bộ nhiệm kỳ mới",
        subject_organizations=[plan["item"].subject_organization],
    )
    client.force_login(users["inspection"])
    for typed in ("dai hoi", "Đại hội", "DAI HOI NHIEM KY", "chuan bi dai", "12-qd", "qd/ubkt"):
        found = client.get("/tim/cuoc-kiem-tra/", {"q": typed}).json()["results"]
        assert [r["value"] for r in found] == [str(made.pk)], typed
    actions.update_oversight(None, made, content="Chấp hành Quy định về đảng viên làm kinh tế tư nhân")
    assert client.get("/tim/cuoc-kiem-tra/", {"q": "dai hoi"}).json()["results"] == []
    found = client.get("/tim/cuoc-kiem-tra/", {"q": "kinh te tu nhan"}).json()["results"]
    assert [r["value"] for r in found] == [str(made.pk)]
    programme = plan["programme"]
    actions.update_programme(None, programme, title="Chương trình kiểm tra Đảng vụ năm 2020")
    items = client.get("/tim/noi-dung-chuong-trinh/", {"q": "chuong trinh dang vu"}).json()["results"]
    assert str(plan["item"].pk) in [r["value"] for r in items]
