"""Person pickers over a list a view computes (meeting chair, secretary, presenter, guests, the one who
concludes; a task's lead people and assignee; a candidate's introducers): the same people as the selects they
replaced, found by name, anyone else refused with a Vietnamese message and nothing written."""

import re
from datetime import date

import pytest

import test_admission_support as support
from dangvu.accounts import actions as account_actions
from dangvu.accounts.models import Role
from dangvu.accounts.scope import scope_for
from dangvu.admission.models import Candidate, Step
from dangvu.meetings import actions as meeting_actions
from dangvu.meetings import forms as meeting_forms
from dangvu.meetings import queries as meeting_queries
from dangvu.meetings.models import Guest, Kind, Meeting
from dangvu.members.models import Person
from dangvu.organizations import actions as org_actions
from dangvu.tasks.models import Task

pytestmark = pytest.mark.django_db
pytest_plugins = ["test_admission_support"]  # the `cell` fixture

REFUSED_MEETING = "Không tìm thấy người đã chọn trong số người có thể chọn cho hội nghị này."


def text(response) -> str:
    """The page as a reader sees it: tags dropped, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _office(tree):
    account = account_actions.create_user(None, username="vp-list", password="x-Very-long-1")
    account_actions.grant_mandate(
        None, account, role=Role.OFFICE, organization=tree["city"], valid_from=date(2015, 1, 1)
    )
    return account


@pytest.fixture
def world(tree, make_member):
    a1 = make_member(tree["cell_a"], given="An")
    a2 = make_member(tree["cell_a"], given="Ánh", birth=date(1981, 2, 3))
    b1 = make_member(tree["cell_b"], family="Trần", middle="Thị", given="Em", gender="female")
    chief = make_member(tree["cell_b"], family="Lê", middle="Quang", given="Huy")
    org_actions.assign_position(
        None,
        person=chief.person,
        organization=tree["city"],
        body="permanent",
        post="secretary",
        valid_from=date(2015, 7, 28),
        term="2015–2020",
    )
    meeting = meeting_actions.create_meeting(
        None,
        organization=tree["cell_a"],
        kind=Kind.CELL_MONTHLY,
        title="Sinh hoạt chi bộ tháng 3/2020",
        date=date(2020, 3, 5),
        part_of_day="afternoon",
    )
    return {"a1": a1, "a2": a2, "b1": b1, "chief": chief, "meeting": meeting, "office": _office(tree)}


def test_meeting_pickers_offer_exactly_the_people_the_select_listed(tree, world):
    meeting = world["meeting"]
    listed = set(meeting_queries.people_for(meeting.organization, meeting.date).values_list("pk", flat=True))
    assert {world["a1"].person_id, world["a2"].person_id, world["chief"].person_id} <= listed
    assert world["b1"].person_id not in listed
    form = meeting_forms.GuestForm(
        people=meeting_queries.people_for(meeting.organization, meeting.date), scope=scope_for(world["office"])
    )
    source = form.fields["person"].source
    everyone = [str(pk) for pk in Person.objects.values_list("pk", flat=True)]
    assert set(source.get(form.scope, everyone)) == {str(pk) for pk in listed}
    assert source.url() == ""  # no list named: no type-ahead


def test_meeting_list_endpoint_answers_over_the_same_people_only(client, tree, world):
    meeting = world["meeting"]
    client.force_login(world["office"])
    page = client.get(f"/hoi-nghi/{meeting.pk}/khach-moi/").content.decode()
    assert f'data-url="/tim/nguoi/?danh_sach=hoi-nghi%3A{meeting.pk}"' in page

    def found(q, key=f"hoi-nghi:{meeting.pk}"):
        return {r["value"] for r in client.get("/tim/nguoi/", {"q": q, "danh_sach": key}).json()["results"]}

    assert found("nguyen van") == {str(world["a1"].person_id), str(world["a2"].person_id)}
    assert found("le quang huy") == {str(world["chief"].person_id)}
    assert found("tran thi em") == set()  # in scope, not in the meeting's list
    assert found("tran thi em", "chuc-vu") == set() and found("huy", "chuc-vu") == {str(world["chief"].person_id)}
    for key in ("hoi-nghi:99999999999999999999", "hoi-nghi:x", "hoi-nghi:", "khong-co:1", ""):
        assert found("nguyen", key) == set()
    reader = account_actions.create_user(None, username="doc-list", password="x-Very-long-1")
    account_actions.grant_mandate(
        None, reader, role=Role.LEADER, organization=tree["city"], valid_from=date(2015, 1, 1)
    )
    client.force_login(reader)  # reads the meeting, may not change it: the list is not given
    assert found("nguyen van") == set() and found("huy", "chuc-vu") == set()


def test_guest_found_by_name_among_the_meeting_people(client, world):
    client.force_login(world["office"])
    url = f"/hoi-nghi/{world['meeting'].pk}/khach-moi/"
    response = client.post(url, {"person_tim": "le quang huy", "role": "guest", "attended": "on"})
    assert response.status_code == 302
    assert Guest.objects.get(meeting=world["meeting"]).person == world["chief"].person


def test_guest_outside_the_list_is_refused_by_value_and_by_name(client, world):
    client.force_login(world["office"])
    url = f"/hoi-nghi/{world['meeting'].pk}/khach-moi/"
    page = client.post(url, {"person": world["b1"].person_id, "role": "guest"}).content.decode()
    assert REFUSED_MEETING in page
    page = client.post(url, {"person_tim": "tran thi em", "role": "guest"}).content.decode()
    assert "Không tìm thấy người nào khớp “tran thi em” trong số người có thể chọn cho hội nghị này." in page
    assert client.post(url, {"person": "99999999999999999999", "role": "guest"}).status_code == 200
    assert not Guest.objects.exists()


def test_chair_typed_ambiguously_lists_the_matches_then_takes_the_pick(client, world):
    client.force_login(world["office"])
    meeting = world["meeting"]
    url = f"/hoi-nghi/{meeting.pk}/sua/"
    base = {
        "kind": meeting.kind,
        "title": meeting.title,
        "date": "05/03/2020",
        "part_of_day": "afternoon",
        "status": "planned",
    }
    page = text(client.post(url, {**base, "chair_tim": "nguyen van"}))
    assert "Có 2 người khớp “nguyen van”" in page and "Nguyễn Văn Ánh — sinh năm 1981" in page
    assert "Trần Thị Em" not in page
    meeting.refresh_from_db()
    assert meeting.chair_id is None
    response = client.post(
        url,
        {
            **base,
            "chair": world["a2"].person_id,
            "chair_tim": "nguyen van",
            "chair_da_tim": "nguyen van",
            "secretary_tim": "nguyen van an",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.chair, meeting.secretary) == (world["a2"].person, world["a1"].person)


def test_meeting_create_chair_only_among_office_holders(client, tree, world):
    client.force_login(world["office"])
    base = {
        "organization": tree["city"].code,
        "kind": "standing",
        "title": "Hội nghị BTV",
        "date": "05/11/2020",
        "part_of_day": "morning",
        "status": "planned",
    }
    page = client.post("/hoi-nghi/moi/", {**base, "chair": world["a1"].person_id}).content.decode()
    assert REFUSED_MEETING in page and not Meeting.objects.filter(title="Hội nghị BTV").exists()
    assert client.post("/hoi-nghi/moi/", {**base, "chair_tim": "le quang"}).status_code == 302
    assert Meeting.objects.get(title="Hội nghị BTV").chair == world["chief"].person


def test_task_lead_people_are_office_holders_picked_by_name(client, tree, world):
    client.force_login(world["office"])
    base = {
        "organization": tree["city"].code,
        "title": "Rà soát quy hoạch",
        "source_kind": "resolution",
        "source_document": "Nghị quyết 05",
        "assigned_on": "08/10/2020",
        "due_on": "31/12/2020",
        "weight": 1,
    }
    page = client.post("/nhiem-vu/giao/", {**base, "lead_people": [world["a1"].person_id]}).content.decode()
    assert "Không tìm thấy người đã chọn trong số người giữ chức vụ ở các tổ chức bạn được xem." in page
    assert not Task.objects.exists()
    assert client.post("/nhiem-vu/giao/", {**base, "lead_people_tim": "huy"}).status_code == 302
    task = Task.objects.get()
    assert [(a.person_id, a.role) for a in task.assignments.all()] == [(world["chief"].person_id, "lead")]


def test_introducers_picked_by_name_among_the_official_members(client, users, cell):
    candidate = support.walk(cell, Step.APPLIED)
    client.force_login(users["office"])
    url = f"/ket-nap/{candidate.pk}/gioi-thieu/"
    data = {"on": "2020-04-15", "since_1": "2017-01-01", "since_2": "2017-01-01"}
    page = text(
        client.post(url, {**data, "introducer_1_tim": "nguyen van an", "introducer_2": cell["probationary"].person_id})
    )
    assert "Không tìm thấy đảng viên đã chọn trong số đảng viên chính thức của đảng bộ cơ sở mà bạn được xem." in page
    assert "Nguyễn Văn An — sinh năm 1975" in page  # the one found by name stays chosen
    assert not Candidate.objects.get(pk=candidate.pk).introducers.exists()
    response = client.post(url, {**data, "introducer_1_tim": "nguyen van an", "introducer_2_tim": "van binh"})
    assert response.status_code == 302
    assert {i.member_id for i in Candidate.objects.get(pk=candidate.pk).introducers.all()} == {
        cell["members"][0].pk,
        cell["members"][1].pk,
    }


def test_introducers_endpoint_lists_the_official_members_only(client, users, cell):
    candidate = support.walk(cell, Step.APPLIED)
    client.force_login(users["office"])
    key = f"gioi-thieu:{candidate.pk}"
    found = client.get("/tim/nguoi/", {"q": "nguyen van", "danh_sach": key}).json()["results"]
    assert {r["value"] for r in found} == {str(m.person_id) for m in cell["members"]}
    assert client.get("/tim/nguoi/", {"q": "do van moi", "danh_sach": key}).json()["results"] == []
    client.force_login(users["leader"])
    assert client.get("/tim/nguoi/", {"q": "nguyen van", "danh_sach": key}).json()["results"] == []
