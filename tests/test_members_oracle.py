"""No registry-wide oracle: a cell secretary who types someone's CCCD or card number learns only that it is
taken, never whose it is, when the holder is out of their sight (forms and imports alike); a holder in sight
is still named; CCCD and card numbers take the digits 0–9 only, so one number cannot be registered twice
under two spellings."""

from datetime import date

import pytest

from dangvu.core.errors import RuleViolation
from dangvu.members import actions
from dangvu.members.models import Member
from test_members_excel import import_bytes, row, workbook_bytes

pytestmark = pytest.mark.django_db
NEUTRAL = "đã có trong hệ thống; liên hệ văn phòng cấp ủy để chuyển sinh hoạt"


@pytest.fixture
def foreigner(other_tree, make_member):
    """A member of another province, out of every mandate of `tree`, with a card."""
    return make_member(other_tree["cell"], family="Hoàng", middle="Văn", given="Bí", card_number="36000001")


def person_form(cid: str, cell, **extra) -> dict:
    return {
        "p-family_name": "Phạm",
        "p-given_name": "Lan",
        "p-gender": "female",
        "p-birth_date": "1990-04-02",
        "p-citizen_id": cid,
        "m-organization": cell.code,
        "m-admitted_on": "2015-04-02",
        **extra,
    }


def test_the_member_form_names_nobody_out_of_sight(client, users, tree, foreigner):
    client.force_login(users["cell_secretary"])
    before = Member.objects.count()
    page = client.post("/dang-vien/them/", person_form(foreigner.person.citizen_id, tree["cell_a"])).content.decode()
    assert f"Số CCCD {foreigner.person.citizen_id} {NEUTRAL}" in page
    assert "Hoàng" not in page and "Bí" not in page
    page = client.post(
        "/dang-vien/them/",
        person_form(
            "035190000123",
            tree["cell_a"],
            **{"m-official_on": "2016-04-02", "m-card_number": "36000001"},
        ),
    ).content.decode()
    assert f"Số thẻ 36000001 {NEUTRAL}" in page and "Hoàng" not in page
    assert Member.objects.count() == before


def test_an_edit_and_the_card_register_name_nobody_out_of_sight(users, tree, make_member, foreigner):
    mine = make_member(tree["cell_a"], given="Mai")
    with pytest.raises(RuleViolation) as refused:
        actions.update_membership(users["cell_secretary"], mine, official_on=mine.official_on, card_number="36000001")
    assert NEUTRAL in str(refused.value) and "Hoàng" not in str(refused.value)
    with pytest.raises(RuleViolation) as refused:
        actions.update_person(
            users["cell_secretary"], mine.person, {"citizen_id": foreigner.person.citizen_id, "gender": "male"}
        )
    assert NEUTRAL in str(refused.value) and "Hoàng" not in str(refused.value)
    with pytest.raises(RuleViolation) as refused:
        actions.record_card(users["cell_secretary"], mine, number="36000001", on=date(2024, 1, 1))
    assert NEUTRAL in str(refused.value) and "Hoàng" not in str(refused.value)


def test_a_holder_in_sight_is_still_named(users, tree, make_member):
    first = make_member(tree["cell_a"], given="Mai", citizen_id="035080000001", birth=date(1980, 1, 1))
    with pytest.raises(RuleViolation, match="đã thuộc về Nguyễn Văn Mai"):
        make_member(tree["cell_b"], citizen_id=first.person.citizen_id, birth=date(1980, 1, 1), actor=users["office"])


def test_the_import_names_nobody_out_of_sight(tmp_path, users, tree, foreigner):
    lines = [
        row(1, **{"Số CCCD": foreigner.person.citizen_id, "Giới tính": "Nam"}),
        row(2, **{"Số thẻ đảng viên": "36000001"}),
    ]
    result = import_bytes(tmp_path, workbook_bytes(lines), users["office"])
    said = " ".join(p.message for p in result.problems)
    assert f"Số CCCD {foreigner.person.citizen_id} {NEUTRAL}" in said
    assert f"Số thẻ 36000001 {NEUTRAL}" in said
    assert "Hoàng" not in said and "ngoài phạm vi" not in said
    assert not result.written


@pytest.mark.parametrize("cid", ["03519000012¹", "０３５１９００００１２３", "035190000١٢٣"])
def test_a_citizen_id_takes_ascii_digits_only(tree, cid):
    assert cid[:-1].isdigit() and not cid.isascii()
    with pytest.raises(RuleViolation, match="phải gồm đúng 12 chữ số"):
        actions.create_member(
            None,
            organization=tree["cell_a"],
            admitted_on=date(2015, 4, 2),
            person={
                "family_name": "Phạm",
                "given_name": "Lan",
                "gender": "female",
                "birth_date": date(1990, 4, 2),
                "citizen_id": cid,
            },
        )


@pytest.mark.parametrize("card", ["３６000002", "36000002²", "36 000 002", "36..002", "3" * 21])
def test_a_card_number_takes_ascii_digits_only(tree, make_member, card):
    with pytest.raises(RuleViolation, match="chỉ gồm chữ số 0–9"):
        make_member(tree["cell_a"], card_number=card)
    assert make_member(tree["cell_a"], given="Hợp", card_number="35.001234").card_number == "35.001234"
