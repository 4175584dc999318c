"""The people outside the member registry (người ngoài danh sách đảng viên): their list within the scope,
searched by name without diacritics, and their correction by the subtree that recorded them, with every field's
error at once and nothing written on a refusal."""

import pytest
from django.urls import reverse

from dangvu.core.models import AuditEvent
from dangvu.members import people
from dangvu.members.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(tree):
    return Person.objects.create(
        family_name="Đặng",
        middle_name="Văn",
        given_name="Khách",
        gender="male",
        workplace="Sở Nội vụ",
        recorded_by=tree["ward"],
    )


def test_the_list_shows_the_scope_s_outsiders_and_finds_them_without_diacritics(
    client, users, outsider, make_member, tree
):
    make_member(tree["cell_a"], family="Đặng", given="Đảng viên")  # a member is not an outsider
    client.force_login(users["leader"])
    page = client.get(reverse("outsider_list") + "?q=dang khach").content.decode()
    assert "Đặng Văn Khách" in page and "Sở Nội vụ" in page and "Đảng viên" not in page.split("<table")[-1]
    assert "Sửa" not in page.split("<table")[-1]  # a leader reads, does not change
    assert "Không có ai tên khớp" in client.get(reverse("outsider_list") + "?q=xyz").content.decode()
    client.force_login(users["cell_secretary"])  # recorded by the ward, above the cell: out of sight
    assert "Đặng Văn Khách" not in client.get(reverse("outsider_list")).content.decode()
    assert client.get(reverse("outsider_edit", args=[outsider.pk])).status_code == 404


def test_the_office_corrects_an_outsider(client, users, outsider):
    client.force_login(users["office"])
    url = reverse("outsider_edit", args=[outsider.pk])
    before = AuditEvent.objects.count()
    bad = client.post(url, {"family_name": "", "given_name": "x" * 41, "gender": "male", "birth_year": "1800"})
    text = bad.content.decode()
    assert bad.status_code == 400 and "Trường này là bắt buộc" in text and "Năm sinh phải từ 1900" in text
    assert "40" in text  # the name's length, said by the form
    later = client.post(url, {"family_name": "Đặng", "given_name": "Khách", "gender": "male", "birth_year": "2999"})
    assert later.status_code == 400 and "Năm sinh phải từ 1900 đến" in later.content.decode()
    assert AuditEvent.objects.count() == before
    good = client.post(
        url,
        {
            "family_name": "Đặng",
            "middle_name": "Văn",
            "given_name": "Khách",
            "gender": "male",
            "birth_year": "1970",
            "workplace": "Ban Tổ chức Tỉnh ủy",
            "occupation": "Phó Trưởng ban",
        },
    )
    assert good.status_code == 302
    outsider.refresh_from_db()
    assert outsider.workplace == "Ban Tổ chức Tỉnh ủy" and outsider.birth_year == 1970
    assert AuditEvent.objects.filter(action="person.update_outsider", object_id=str(outsider.pk)).exists()
    assert list(people.outsiders(people.Scope(user=None))) == []  # no mandate: nobody
