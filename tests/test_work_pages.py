"""The work pages: lists, details, forms and deletes under scope (404 outside the subtree, 403 for a leader who
may only read), bad input answered on the form in Vietnamese with nothing changed, and the audit trail."""

from datetime import date

import pytest
from django.urls import reverse

from dangvu.core.models import AuditEvent
from dangvu.members.models import EventType
from dangvu.work import actions
from dangvu.work.models import (
    Activity,
    Congress,
    CongressKind,
    CongressStatus,
    Course,
    CourseKind,
    CourseParticipant,
    Discipline,
    Oversight,
    OversightKind,
    PerformingBody,
    Programme,
)


@pytest.fixture
def records(tree, users, make_member, other_tree):
    member = make_member(
        tree["cell_a"], given="Kiểm", birth=date(1960, 3, 3), admitted=date(1990, 6, 1), official=date(1991, 6, 1)
    )
    outsider = make_member(other_tree["cell"], given="Ngoài")
    congress = actions.create_congress(
        None,
        organization=tree["ward"],
        term="2020–2025",
        ordinal=5,
        kind=CongressKind.ALL_MEMBERS,
        status=CongressStatus.HELD,
        held_start=date(2020, 5, 10),
    )
    foreign_congress = actions.create_congress(
        None,
        organization=other_tree["cell"],
        term="2020–2025",
        kind=CongressKind.ALL_MEMBERS,
        status=CongressStatus.HELD,
        held_start=date(2020, 5, 10),
    )
    course = actions.create_course(
        None,
        kind=CourseKind.AWARENESS,
        title="Lớp nhận thức khóa I",
        organizer=tree["city"],
        start_date=date(2020, 5, 18),
        end_date=date(2020, 5, 22),
    )
    oversight = actions.create_oversight(
        None,
        activity=Activity.INSPECTION,
        kind=OversightKind.REGULAR,
        organization=tree["city"],
        body=PerformingBody.STANDING,
        start_date=date(2020, 3, 2),
        content="Chấp hành Điều lệ",
        subject_organizations=[tree["ward"]],
        subject_members=[member],
    )
    programme = actions.create_programme(
        None, organization=tree["city"], body=PerformingBody.INSPECTION_COMMITTEE, year=2020, title="Chương trình 2020"
    )
    decision = actions.decide_discipline(
        None,
        organization=tree["city"],
        body=PerformingBody.INSPECTION_COMMITTEE,
        decided_on=date(2020, 6, 1),
        form="reprimand",
        decision_number="1-QĐ",
        reason="Vi phạm",
        subject_member=member,
    )
    return {
        "member": member,
        "outsider": outsider,
        "congress": congress,
        "foreign": foreign_congress,
        "course": course,
        "oversight": oversight,
        "programme": programme,
        "decision": decision,
    }


def login(client, user):
    client.force_login(user)
    return client


LISTS = [
    "work_home",
    "work_congress_list",
    "work_congress_overview",
    "work_course_list",
    "work_oversight_list",
    "work_oversight_counts",
    "work_programme_list",
    "work_discipline_list",
    "work_badges",
]


@pytest.mark.parametrize("name", LISTS)
def test_list_pages_answer_for_every_reader(client, users, records, name):
    for role in ("office", "leader", "inspection"):
        login(client, users[role])
        assert client.get(reverse(name)).status_code == 200


def test_lists_with_filters_and_bad_filter_values(client, users, records, tree):
    login(client, users["office"])
    page = client.get(reverse("work_congress_list"), {"to_chuc": "phuly", "nam": "2020", "tinh_trang": "held"})
    assert "Đảng bộ phường Quang Trung" in page.content.decode()
    page = client.get(reverse("work_congress_list"), {"to_chuc": "namdinh", "nam": "hai nghìn", "tinh_trang": "x"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Không tìm thấy tổ chức “namdinh” trong phạm vi của bạn." in text
    assert "Năm &#x27;hai nghìn&#x27; không hợp lệ" in text
    assert "Chi bộ Trường THCS Nam Định" not in text  # the other province stays out of sight
    page = client.get(reverse("work_oversight_list"), {"tu": "31/02/2020", "hoat_dong": "inspection"})
    assert page.status_code == 200 and "không đúng dạng" in page.content.decode()
    page = client.get(reverse("work_oversight_counts"), {"to_chuc": "phuly", "tu": "2020-01-01", "den": "2020-09-30"})
    assert page.status_code == 200 and "oversight-counts" in page.content.decode()
    page = client.get(
        reverse("work_congress_overview"), {"to_chuc": "phuly", "nhiem_ky": "2020-2025", "ngay": "2020-09-30"}
    )
    assert ">1/2<" in page.content.decode()


def test_details_and_scope(client, users, records, other_tree):
    pages = [
        ("work_congress_detail", records["congress"].pk),
        ("work_course_detail", records["course"].pk),
        ("work_oversight_detail", records["oversight"].pk),
        ("work_programme_detail", records["programme"].pk),
        ("work_discipline_detail", records["decision"].pk),
    ]
    login(client, users["leader"])
    for name, pk in pages:
        assert client.get(reverse(name, args=[pk])).status_code == 200
    # The record is judged by the rules of its own date, and the page says which.
    detail = client.get(reverse("work_oversight_detail", args=[records["oversight"].pk])).content.decode()
    assert "Quy định 30-QĐ/TW ngày 26/07/2016" in detail
    detail = client.get(reverse("work_discipline_detail", args=[records["decision"].pk])).content.decode()
    assert "102-QĐ/TW" in detail
    # Out of the subtree: 404, for reading and for changing.
    assert client.get(reverse("work_congress_detail", args=[records["foreign"].pk])).status_code == 404
    login(client, users["office"])
    assert client.get(reverse("work_congress_edit", args=[records["foreign"].pk])).status_code == 404
    assert client.post(reverse("work_congress_delete", args=[records["foreign"].pk])).status_code == 404
    # A cell secretary sees only the cell's subtree.
    login(client, users["cell_secretary"])
    assert client.get(reverse("work_congress_detail", args=[records["congress"].pk])).status_code == 404


def test_leader_reads_but_cannot_change(client, users, records):
    login(client, users["leader"])
    for name in (
        "work_congress_create",
        "work_course_create",
        "work_oversight_create",
        "work_programme_create",
        "work_discipline_create",
        "work_congress_import",
        "work_oversight_import",
    ):
        assert client.get(reverse(name)).status_code == 403
    for name, pk in [
        ("work_congress_edit", records["congress"].pk),
        ("work_course_delete", records["course"].pk),
        ("work_oversight_edit", records["oversight"].pk),
        ("work_discipline_delete", records["decision"].pk),
    ]:
        assert client.post(reverse(name, args=[pk])).status_code == 403
    assert Congress.objects.count() == 2 and Discipline.objects.count() == 1
    # The inspection officer may inspect but not write congresses.
    login(client, users["inspection"])
    assert client.get(reverse("work_congress_create")).status_code == 403


def congress_post(**extra):
    data = {
        "organization": "thpt",
        "term": "2020–2025",
        "kind": "all_members",
        "status": "held",
        "held_start": "2020-06-02",
        "held_end": "2020-06-02",
        "ordinal": "7",
        "delegates": "",
        "note": "",
    }
    data.update(extra)
    return data


def test_congress_create_edit_delete_with_audit(client, users, records):
    login(client, users["office"])
    response = client.post(reverse("work_congress_create"), congress_post())
    congress = Congress.objects.get(organization__code="thpt")
    assert response.status_code == 302 and response["Location"] == reverse("work_congress_detail", args=[congress.pk])
    assert AuditEvent.objects.filter(
        action="congress.create", object_id=str(congress.pk), actor=users["office"]
    ).exists()
    response = client.post(reverse("work_congress_edit", args=[congress.pk]), congress_post(delegates="25"))
    assert response.status_code == 302
    congress.refresh_from_db()
    assert congress.delegates == 25 and AuditEvent.objects.filter(action="congress.update").exists()
    assert client.get(reverse("work_congress_delete", args=[congress.pk])).status_code == 200
    assert client.post(reverse("work_congress_delete", args=[congress.pk])).status_code == 302
    assert not Congress.objects.filter(pk=congress.pk).exists()
    assert AuditEvent.objects.filter(action="congress.delete").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"organization": "khongco"}, "Không tìm thấy tổ chức “khongco” trong phạm vi của bạn."),
        ({"organization": "namdinh"}, "Không tìm thấy tổ chức “namdinh” trong phạm vi của bạn."),
        ({"organization": "", "organization_tim": "truong thcs"}, "Không tìm thấy tổ chức nào khớp “truong thcs”"),
        ({"term": "nhiệm kỳ mới"}, "năm–năm"),
        ({"held_start": "2020-13-40"}, "Ngày không hợp lệ"),
        ({"held_start": "2020-06-05", "held_end": "2020-06-01"}, "trước ngày bắt đầu"),
        ({"ordinal": "năm"}, "Phải là số nguyên"),
        ({"kind": "hop"}, "Hình thức không hợp lệ"),
        ({"status": "planned"}, "Chỉ đại hội đã tổ chức mới có ngày khai mạc"),
        ({"organization": "quangtrung"}, "đã có đại hội nhiệm kỳ 2020–2025"),
    ],
)
def test_bad_congress_form_input(client, users, records, extra, message):
    login(client, users["office"])
    before = Congress.objects.count()
    response = client.post(reverse("work_congress_create"), congress_post(**extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Congress.objects.count() == before


def test_election_page(client, users, records, make_member, tree):
    login(client, users["office"])
    person = records["member"].person
    url = reverse("work_congress_election", args=[records["congress"].pk])
    bad = client.post(
        url,
        {
            "on": "2020-05-10",
            "dong-0-person": person.pk,
            "dong-0-body": "Ban Kỳ lạ",
            "dong-0-post": "secretary",
            "dong-1-body": "executive",
        },
    )
    text = bad.content.decode()
    assert bad.status_code == 200 and "Cơ quan không hợp lệ" in text and "Chưa chọn người trúng cử" in text
    good = client.post(
        url,
        {
            "on": "2020-05-10",
            "dong-0-person": person.pk,
            "dong-0-body": "permanent",
            "dong-0-post": "secretary",
            "dong-1-person_tim": person.full_name,
            "dong-1-body": "executive",
            "dong-1-post": "member",
        },
    )
    assert good.status_code == 302
    detail = client.get(reverse("work_congress_detail", args=[records["congress"].pk])).content.decode()
    assert "Bí thư" in detail and person.full_name in detail


def test_course_pages(client, users, records):
    login(client, users["office"])
    response = client.post(
        reverse("work_course_create"),
        {
            "kind": "new_member_theory",
            "title": "Lớp lý luận 2020",
            "organizer": "phuly",
            "start_date": "2020-06-15",
            "end_date": "2020-06-10",
        },
    )
    assert response.status_code == 200 and "trước ngày bắt đầu" in response.content.decode()
    assert Course.objects.count() == 1
    course = records["course"]
    add = reverse("work_participant_add", args=[course.pk])
    # A member cannot attend an awareness class; an unknown person needs the details of a new person.
    response = client.post(add, {"citizen_id": records["member"].person.citizen_id})
    assert "dành cho quần chúng" in response.content.decode()
    response = client.post(add, {"citizen_id": "035199001234", "given_name": "Hòa"})
    assert "Họ không được để trống" in response.content.decode()
    assert CourseParticipant.objects.count() == 0
    response = client.post(
        add,
        {
            "citizen_id": "035199001234",
            "family_name": "Đỗ",
            "middle_name": "Thị",
            "given_name": "Hòa",
            "gender": "female",
            "birth_date": "1999-04-04",
            "result": "passed",
            "certificate_number": "01/GCN",
        },
    )
    assert response.status_code == 302
    participant = CourseParticipant.objects.get()
    assert participant.person.full_name == "Đỗ Thị Hòa"
    response = client.post(
        reverse("work_participant_edit", args=[participant.pk]), {"result": "failed", "certificate_number": "01/GCN"}
    )
    assert "Chỉ học viên có kết quả đạt" in response.content.decode()
    response = client.post(reverse("work_participant_remove", args=[participant.pk]))
    assert response.status_code == 302 and not CourseParticipant.objects.exists()
    assert AuditEvent.objects.filter(action="course.participant.remove").exists()


def oversight_post(**extra):
    data = {
        "activity": "inspection",
        "kind": "signs_of_violation",
        "organization": "phuly",
        "body": "inspection_committee",
        "start_date": "2020-04-01",
        "end_date": "",
        "content": "Dấu hiệu vi phạm",
        "subject_organizations": ["quangtrung", "thpt"],
        "conclusion": "",
        "violations": "",
        "follow_up": "",
        "decision_number": "",
        "programme_item": "",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"subject_organizations": ["quangtrung", "khongco"]}, "Không tìm thấy tổ chức “khongco” trong phạm vi"),
        (
            {"subject_organizations": [], "subject_members_tim": "999999999999"},
            "Không tìm thấy đảng viên nào khớp “999999999999”",
        ),
        ({"subject_organizations": []}, "Chưa chọn đối tượng"),
        ({"kind": "thematic"}, "chỉ có"),
        ({"organization": "thpt", "subject_organizations": ["thpt"]}, "không có Ủy ban Kiểm tra"),
        ({"start_date": "2030-01-01"}, "tương lai"),
        ({"violations_found": "on"}, "ghi rõ vi phạm"),
        ({"programme_item": "9999"}, "Không tìm thấy nội dung chương trình đã chọn trong phạm vi của bạn."),
    ],
)
def test_bad_oversight_form_input(client, users, records, extra, message):
    login(client, users["inspection"])
    response = client.post(reverse("work_oversight_create"), oversight_post(**extra))
    assert response.status_code == 200 and message in response.content.decode()
    assert Oversight.objects.count() == 1


def test_oversight_create_edit_and_outsider_subject(client, users, records):
    login(client, users["inspection"])
    response = client.post(
        reverse("work_oversight_create"), oversight_post(subject_members_tim=records["member"].person.citizen_id)
    )
    assert response.status_code == 302
    made = Oversight.objects.latest("pk")
    assert made.subjects.count() == 3
    assert AuditEvent.objects.filter(action="inspection.create", actor=users["inspection"]).exists()
    # A member of another province is not found within the user's scope.
    response = client.post(
        reverse("work_oversight_edit", args=[made.pk]),
        oversight_post(subject_members_tim=records["outsider"].person.citizen_id),
    )
    assert "Không tìm thấy đảng viên nào khớp" in response.content.decode()
    assert records["outsider"].person.full_name not in response.content.decode()
    assert made.subjects.count() == 3


def test_programme_pages(client, users, records, tree):
    login(client, users["inspection"])
    url = reverse("work_programme_detail", args=[records["programme"].pk])
    response = client.post(
        url,
        {
            "activity": "inspection",
            "kind": "party_finance",
            "subject_organization": "quangtrung",
            "planned_month": "14",
        },
    )
    assert response.status_code == 200 and "Tháng dự kiến phải từ 1 đến 12" in response.content.decode()
    response = client.post(
        url,
        {"activity": "inspection", "kind": "party_finance", "subject_organization": "quangtrung", "planned_month": "4"},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Đã thực hiện 0/1" in page
    response = client.post(
        reverse("work_programme_create"),
        {"organization": "phuly", "body": "inspection_committee", "year": "2020", "title": "Trùng"},
    )
    assert "đã có chương trình năm 2020" in response.content.decode()
    assert Programme.objects.count() == 1


def test_discipline_pages(client, users, records):
    login(client, users["inspection"])
    member = records["member"]
    data = {
        "organization": "phuly",
        "body": "inspection_committee",
        "decided_on": "2021-03-01",
        "decision_number": "2-QĐ",
        "form": "dismissal",
        "subject_member": str(member.person.pk),
        "reason": "Vi phạm nghiêm trọng",
        "subject_organization": "",
        "position": "",
        "oversight": "",
        "note": "",
    }
    response = client.post(reverse("work_discipline_create"), data)
    assert response.status_code == 200 and "đang giữ chức vụ" in response.content.decode()
    response = client.post(reverse("work_discipline_create"), data | {"subject_organization": "quangtrung"})
    assert "Chọn một đối tượng" in response.content.decode()
    assert Discipline.objects.count() == 1
    response = client.post(reverse("work_discipline_create"), data | {"form": "expulsion"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "left" and member.events.filter(type=EventType.DISCIPLINED).count() == 2
    expulsion = Discipline.objects.get(form="expulsion")
    response = client.post(reverse("work_discipline_delete", args=[expulsion.pk]), follow=True)
    assert "không xóa được" in response.content.decode()
    response = client.post(reverse("work_discipline_edit", args=[expulsion.pk]), {"decision_number": "", "reason": "x"})
    assert "Số quyết định không được để trống" in response.content.decode()


def test_badge_page_lists_and_records(client, users, records):
    login(client, users["office"])
    url = reverse("work_badges") + "?organization=phuly&award_date=2020-09-02"
    page = client.get(url).content.decode()
    assert records["member"].person.full_name in page and "30 năm" in page
    bad = client.get(reverse("work_badges") + "?organization=phuly&award_date=2020-09-03").content.decode()
    assert "không phải ngày trao Huy hiệu" in bad
    login(client, users["leader"])  # reads the list, cannot record
    assert client.post(url, {"chon": [f"{records['member'].pk}-30"]}).status_code == 403
    assert not records["member"].events.filter(type=EventType.BADGE_AWARDED).exists()
    login(client, users["office"])
    response = client.post(url, {"chon": [f"{records['member'].pk}-30"], "so_quyet_dinh": "99-QĐ/TU"})
    assert response.status_code == 302
    assert records["member"].events.filter(type=EventType.BADGE_AWARDED).count() == 1
    assert records["member"].person.full_name not in client.get(url).content.decode()
