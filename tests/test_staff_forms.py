"""Forms that fit any committee: no demo names in labels, kinds by the date entered (the commune level only
from 01/07/2025), the decision number optional for organizations that existed before the system; people
outside the member registry recorded, picked by name for positions and offered as meeting guests."""

from datetime import date

import pytest

from dangvu.core.models import AuditEvent
from dangvu.organizations.forms import EstablishForm, NamesForm, PositionForm
from dangvu.organizations.models import Kind, Organization, Position

pytestmark = pytest.mark.django_db


def test_labels_and_help_texts_name_no_committee():
    from dangvu.accounts.scope import Scope
    from dangvu.members.pickers import PersonSource

    for form in (EstablishForm(), NamesForm(), PositionForm(people=PersonSource(), scope=Scope(user=None))):
        for field in form.fields.values():
            text = f"{field.label} {field.help_text}"
            assert "Phủ Lý" not in text and "Thành ủy" not in text and "Mã hồ sơ" not in text, text


def establish(client, parent, **values):
    data = {
        "code": "moi",
        "name": "Đảng bộ xã Mới",
        "kind": Kind.COMMUNE,
        "sector": "ward_commune",
        "date": "2020-05-01",
        "decision_number": "",
        **values,
    }
    return client.post(f"/to-chuc/{parent}/bien-dong/thanh-lap/", data)


def test_kinds_follow_the_date_and_the_parent(client, users, tree):
    client.force_login(users["admin"])
    page = client.get("/to-chuc/hanam/bien-dong/thanh-lap/").content.decode()
    assert "từ 01/07/2025 có đảng bộ xã, phường" in page  # the explanation stands on the form
    early = establish(client, "hanam", existing="on")
    assert "chỉ có từ 01/07/2025" in early.content.decode() and "Đảng bộ cơ sở" in early.content.decode()
    no_decision = establish(client, "hanam", date="2025-08-01")
    assert "Ghi số quyết định thành lập" in no_decision.content.decode()
    assert not Organization.objects.filter(code="moi").exists()
    assert establish(client, "hanam", date="2025-08-01", existing="on").status_code == 302
    commune = Organization.objects.get(code="moi")
    assert commune.kind == Kind.COMMUNE and commune.established_on == date(2025, 8, 1)
    # a 2020 commune is a grassroots committee of the sector "xã, phường, thị trấn"
    grassroots = establish(client, "phuly", code="xa-cu", kind=Kind.GRASSROOTS_COMMITTEE, decision_number="5-QĐ/TU")
    assert grassroots.status_code == 302
    # under a ward committee the form offers only sub-committees and cells
    choices = dict(client.get("/to-chuc/quangtrung/bien-dong/thanh-lap/").context["form"].fields["kind"].choices)
    assert set(choices) == {Kind.SUB_COMMITTEE, Kind.CELL}


def test_a_person_outside_the_registry_holds_a_post_and_is_a_guest(client, users, tree, other_tree, make_member):
    from dangvu.meetings import actions as meeting_actions
    from dangvu.members.models import Person

    client.force_login(users["office"])
    response = client.post(
        "/dang-vien/nguoi-ngoai/them/?tiep=/to-chuc/phuly/chuc-danh/them/",
        {
            "organization": "phuly",
            "family_name": "Trương",
            "middle_name": "Quốc",
            "given_name": "Huy",
            "gender": "male",
            "birth_year": "1968",
            "workplace": "Ủy ban Mặt trận Tổ quốc thành phố",
        },
    )
    assert response["Location"] == "/to-chuc/phuly/chuc-danh/them/"
    outsider = Person.objects.get(given_name="Huy")
    assert outsider.birth_year == 1968 and not hasattr(outsider, "membership")
    assert AuditEvent.objects.filter(action="person.create_outsider", object_id=str(outsider.pk)).exists()
    person = {"family_name": "Lò", "given_name": "Xa", "gender": "male"}
    outside = client.post("/dang-vien/nguoi-ngoai/them/", {**person, "organization": "namdinh"})
    assert "Không tìm thấy tổ chức “namdinh” trong phạm vi của bạn." in outside.content.decode()
    too_old = client.post("/dang-vien/nguoi-ngoai/them/", {**person, "organization": "phuly", "birth_year": "1800"})
    assert "Năm sinh phải từ 1900" in too_old.content.decode()
    assert not Person.objects.filter(given_name="Xa").exists()

    found = client.get("/tim/nguoi/", {"q": "truong quoc huy"}).json()["results"]
    assert [r["value"] for r in found] == [str(outsider.pk)]
    assert found[0]["note"] == "Người ngoài danh sách đảng viên"
    foreign = make_member(other_tree["cell"], family="Trương", middle="Quốc", given="Huy", birth=date(1970, 1, 1))
    assert str(foreign.person.pk) not in [
        r["value"] for r in client.get("/tim/nguoi/", {"q": "truong"}).json()["results"]
    ]
    form = client.get("/to-chuc/phuly/chuc-danh/them/").content.decode()
    assert 'data-url="/tim/nguoi/"' in form and "Mã hồ sơ" not in form
    post = {"body": "state", "post": "other", "label": "Chủ tịch Ủy ban MTTQ thành phố", "valid_from": "2020-06-01"}
    refused = client.post("/to-chuc/phuly/chuc-danh/them/", {**post, "person": foreign.person.pk})
    assert "Không tìm thấy người đã chọn trong phạm vi của bạn." in refused.content.decode()
    assert "Ngoạiphạmvi" not in refused.content.decode()
    typed = client.post("/to-chuc/phuly/chuc-danh/them/", {**post, "valid_from": "", "person_tim": "truong quoc"})
    assert f'name="person" value="{outsider.pk}" checked' in typed.content.decode()  # found by name, kept
    assert client.post("/to-chuc/phuly/chuc-danh/them/", {**post, "person": outsider.pk}).status_code == 302
    assert Position.objects.get(person=outsider).organization == tree["city"]

    meeting = meeting_actions.create_meeting(
        None, organization=tree["city"], kind="standing", title="Hội nghị Ban Thường vụ", date=date(2020, 7, 1)
    )
    field = client.get(f"/hoi-nghi/{meeting.pk}/khach-moi/").context["form"].fields["person"]  # a listed picker
    assert outsider in field.source.search(field.scope, "truong quoc", 20)
