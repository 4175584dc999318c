"""Ids typed into forms are checked against the scope: a cell secretary who posts the id of a person of
another province to their cell's position form gets "not found", and nothing is recorded."""

import pytest

from dangvu.organizations.models import Position

pytestmark = pytest.mark.django_db


def test_a_position_cannot_name_a_person_out_of_sight(client, users, tree, other_tree, make_member):
    stranger = make_member(other_tree["cell"], family="Hoàng", given="Ngoại")
    mine = make_member(tree["cell_a"], given="Mai")
    client.force_login(users["cell_secretary"])
    form = {"body": "cell_committee", "post": "secretary", "valid_from": "2024-07-28"}
    answer = client.post("/to-chuc/qt-cb1/chuc-danh/them/", {**form, "person": stranger.person.pk})
    assert answer.status_code == 200
    assert "Không tìm thấy người đã chọn trong phạm vi của bạn." in answer.content.decode()
    assert not Position.objects.filter(person=stranger.person).exists()
    answer = client.post("/to-chuc/qt-cb1/chuc-danh/them/", {**form, "person": mine.person.pk})
    assert answer.status_code == 302 and Position.objects.filter(person=mine.person).exists()
