"""A course's participants and a congress's elected are picked by name, never by a typed CCCD: several at once,
within the user's scope (members, people recorded, the candidates of its cells), shown with their year of birth
and cell; anyone else is refused in Vietnamese with nothing written. The Excel import of participants still finds
people by their CCCD."""

import re
from datetime import date

import pytest
from django.urls import reverse

from dangvu.admission import actions as admission_actions
from dangvu.members.models import Person
from dangvu.organizations.models import Position
from dangvu.work import actions
from dangvu.work.actions.courses import ParticipantRow
from dangvu.work.models import CourseParticipant
from test_work_pages import records  # noqa: F401  (the `records` fixture)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def people(tree, other_tree, records):  # noqa: F811
    """Two outstanding candidates of cell A and a person the ward recorded (quần chúng the awareness class may
    take), and a person recorded in the other province."""
    first = admission_actions.register(
        None,
        person={
            "family_name": "Trần",
            "middle_name": "Văn",
            "given_name": "Một",
            "gender": "male",
            "birth_date": date(1999, 1, 1),
        },
        organization=tree["cell_a"],
        listed_on=date(2020, 1, 6),
    ).person
    second = admission_actions.register(
        None,
        person={
            "family_name": "Lò",
            "middle_name": "Thị",
            "given_name": "Hai",
            "gender": "female",
            "birth_date": date(2000, 2, 2),
        },
        organization=tree["cell_b"],
        listed_on=date(2020, 1, 6),
    ).person
    recorded = Person.objects.create(
        family_name="Vi", given_name="Ba", gender="male", birth_year=1998, recorded_by=tree["ward"]
    )
    foreign = Person.objects.create(
        family_name="Trần",
        middle_name="Văn",
        given_name="Ngoại",
        gender="male",
        birth_year=1999,
        recorded_by=other_tree["cell"],
    )
    return {**records, "first": first, "second": second, "recorded": recorded, "stranger": foreign}


def test_participants_are_picked_by_name_several_at_once(client, users, people):
    course = people["course"]
    url = reverse("work_participant_add", args=[course.pk])
    client.force_login(users["office"])
    page = client.get(url).content.decode()
    assert 'name="people_tim"' in page and f"danh_sach=lop%3A{course.pk}" in page
    assert "chỉ cần số CCCD" not in page
    response = client.post(url, {"people": [people["first"].pk, people["recorded"].pk], "people_tim": "lo thi hai"})
    assert response.status_code == 302
    assert set(CourseParticipant.objects.filter(course=course).values_list("person", flat=True)) == {
        people["first"].pk,
        people["second"].pk,
        people["recorded"].pk,
    }
    assert "Đã thêm" in text(client.get(response["Location"]))


def test_the_participant_list_of_the_type_ahead_is_the_forms(client, users, people):
    course = people["course"]
    client.force_login(users["office"])
    found = client.get("/tim/nguoi/", {"danh_sach": f"lop:{course.pk}", "q": "tran van"}).json()["results"]
    assert [r["name"] for r in found] == ["Trần Văn Một"]  # not the namesake of the other province
    assert "sinh năm 1999" in found[0]["label"]
    assert client.get("/tim/nguoi/", {"danh_sach": f"lop:{course.pk}", "q": "vi ba"}).json()["results"]
    client.force_login(users["cell_secretary"])  # may not add to the city's course
    assert client.get("/tim/nguoi/", {"danh_sach": f"lop:{course.pk}", "q": "tran"}).json()["results"] == []
    for key in ("lop:²", "lop:99999999999999999999", "lop:", "lop:abc"):
        answer = client.get("/tim/nguoi/", {"danh_sach": key, "q": "tran"})
        assert answer.status_code == 200 and answer.json()["results"] == [], key


def test_participants_out_of_scope_or_unfit_are_refused_with_nothing_written(client, users, people):
    course = people["course"]
    url = reverse("work_participant_add", args=[course.pk])
    client.force_login(users["office"])
    cases = [
        (
            {"people": [people["first"].pk, people["stranger"].pk]},
            "Không tìm thấy người đã chọn trong phạm vi của bạn.",
        ),
        ({"people_tim": "tran van ngoai"}, "Không tìm thấy người nào khớp “tran van ngoai” trong phạm vi của bạn."),
        ({"people": [people["first"].pk, people["member"].person.pk]}, "lớp bồi dưỡng nhận thức về Đảng dành cho"),
        (
            {"people": [people["first"].pk, people["second"].pk], "result": "passed", "certificate_number": "1/GCN"},
            "Mỗi học viên có số giấy chứng nhận riêng",
        ),
        ({}, "Chưa chọn học viên"),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 200 and message in text(response), data
    assert not CourseParticipant.objects.filter(course=course).exists()


def test_a_new_person_is_still_recorded_by_particulars_and_found_by_name_afterwards(client, users, people):
    course = people["course"]
    url = reverse("work_participant_add", args=[course.pk])
    client.force_login(users["office"])
    response = client.post(
        url,
        {
            "family_name": "Đỗ",
            "middle_name": "Thị",
            "given_name": "Hòa",
            "gender": "female",
            "birth_date": "1999-04-04",
            "citizen_id": "035199001234",
            "people": [people["first"].pk],
        },
    )
    assert response.status_code == 302
    hoa = Person.objects.get(citizen_id="035199001234")
    assert set(CourseParticipant.objects.filter(course=course).values_list("person", flat=True)) == {
        hoa.pk,
        people["first"].pk,
    }
    found = client.get("/tim/nguoi/", {"danh_sach": f"lop:{course.pk}", "q": "do thi hoa"}).json()["results"]
    assert [r["value"] for r in found] == [str(hoa.pk)]


def test_the_import_still_finds_participants_by_citizen_id(users, people):
    course = people["course"]
    row = ParticipantRow(family_name="", given_name="", citizen_id=people["first"].citizen_id or "")
    if not row.citizen_id:
        people["first"].citizen_id = "035099000111"
        people["first"].save(update_fields=["citizen_id"])
        row.citizen_id = "035099000111"
    [participant] = actions.import_participants(users["office"], course, [row])
    assert participant.person == people["first"]


ELECTION = "work_congress_election"


def elected_post(on="2020-05-10", rows=(), **extra):
    data = {"on": on, "decision_number": "", **extra}
    for i, (person, body, post) in enumerate(rows):
        data.update({f"dong-{i}-person": person, f"dong-{i}-body": body, f"dong-{i}-post": post})
    return data


def test_the_elected_are_picked_by_name_with_their_body_and_post(client, users, people, make_member, tree):
    congress = people["congress"]  # of the ward
    second = make_member(tree["cell_b"], family="Hà", middle="Văn", given="Bầu", birth=date(1970, 1, 1))
    url = reverse(ELECTION, args=[congress.pk])
    client.force_login(users["office"])
    page = client.get(url).content.decode()
    assert 'name="lines"' not in page and "số CCCD" not in page and 'name="dong-0-person_tim"' in page
    me = people["member"].person
    data = elected_post(rows=[(me.pk, "permanent", "secretary"), (me.pk, "executive", "member")])
    data.update({"dong-2-person_tim": "ha van bau", "dong-2-body": "executive", "dong-2-post": "member"})
    response = client.post(url, data)
    assert response.status_code == 302, text(response)
    held = set(
        Position.objects.filter(organization=tree["ward"], term=congress.term).values_list("person", "body", "post")
    )
    assert held == {
        (me.pk, "permanent", "secretary"),
        (me.pk, "executive", "member"),
        (second.person.pk, "executive", "member"),
    }


def test_election_rows_out_of_scope_or_incomplete_are_refused_with_nothing_written(client, users, people):
    congress = people["congress"]
    url = reverse(ELECTION, args=[congress.pk])
    client.force_login(users["office"])
    me, outsider = people["member"].person, people["outsider"].person
    cases = [
        (
            elected_post(rows=[(me.pk, "standing", "secretary"), (outsider.pk, "executive", "member")]),
            "Không tìm thấy đảng viên đã chọn trong phạm vi của bạn.",
        ),
        (elected_post(rows=[(me.pk, "", "secretary")]), "Chưa chọn cơ quan"),
        (elected_post(rows=[(me.pk, "standing", "")]), "Chưa chọn chức danh"),
        (elected_post(rows=[("", "standing", "secretary")]), "Chưa chọn người trúng cử"),
        (elected_post(rows=[(me.pk, "Ban Kỳ lạ", "secretary")]), "Cơ quan không hợp lệ"),
        (elected_post(), "Chưa ghi người trúng cử nào"),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 200 and message in text(response), (data, text(response)[-1500:])
    assert not Position.objects.filter(term=congress.term, organization=congress.organization).exists()


def test_more_rows_are_offered_when_asked_and_what_was_entered_stays(client, users, people):
    congress = people["congress"]
    url = reverse(ELECTION, args=[congress.pk])
    client.force_login(users["office"])
    me = people["member"].person
    rows = [(me.pk, "executive", "member")] * 1
    response = client.post(url, {**elected_post(rows=rows), "dong-TOTAL_FORMS": "10", "them_dong": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and 'name="dong-19-person_tim"' in page
    assert me.full_name in page
    assert not Position.objects.filter(term=congress.term, organization=congress.organization).exists()
