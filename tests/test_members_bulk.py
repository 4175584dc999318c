"""Bulk recording of members: same rules and same records as create_member, all or nothing, fast."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dangvu.accounts.actions import create_user, grant_mandate
from dangvu.accounts.models import Role
from dangvu.core.models import AuditEvent
from dangvu.members.actions import create_member
from dangvu.members.bulk import BatchViolation, MemberSpec, create_members_bulk, validate_specs
from dangvu.members.models import Member, MemberEvent, Person, Placement
from dangvu.members.rules import citizen_id_digit

TODAY = date(2024, 6, 1)


def cid(birth: date, gender: str, serial: int, province: str = "035") -> str:
    """A valid citizen ID for the birth date and gender."""
    return f"{province}{citizen_id_digit(birth.year, gender)}{birth.year % 100:02d}{serial:06d}"


def spec(org, serial: int, **overrides) -> dict:
    birth = overrides.pop("birth_date", date(1985, 3, 14))
    gender = overrides.pop("gender", "female")
    data = {
        "family_name": "Nguyễn",
        "middle_name": "Thị",
        "given_name": f"Hoa {serial}",
        "gender": gender,
        "birth_date": birth,
        "citizen_id": cid(birth, gender, serial),
        "ethnicity": "Kinh",
        "religion": "Không",
        "hometown": "Phủ Lý, Hà Nam",
        "education": "12/12",
        "profession": "Cử nhân Luật",
        "theory_level": "Trung cấp",
        "occupation": "Giáo viên",
        "phone": "0912345678",
        "organization": org,
        "admitted_on": date(2017, 5, 19),
        "official_on": date(2018, 5, 19),
        "card_number": f"35{serial:06d}",
        "over_age_approval": "",
        "decision_number": f"{serial}-QĐ/TU",
    }
    data.update(overrides)
    return data


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Person, Member, Placement, MemberEvent, AuditEvent))


def _without_ids(snapshot: dict) -> dict:
    return {k: v for k, v in snapshot.items() if k not in ("id", "person", "name_folded", "sort_key")}


def test_bulk_writes_what_create_member_writes(tree):
    cell = tree["cell_a"]
    one = create_member(
        None,
        today=TODAY,
        person={
            k: v
            for k, v in spec(cell, 1).items()
            if k
            not in (
                "organization",
                "admitted_on",
                "official_on",
                "card_number",
                "over_age_approval",
                "decision_number",
            )
        },
        organization=cell,
        admitted_on=date(2017, 5, 19),
        official_on=date(2018, 5, 19),
        card_number="35000001",
        decision_number="1-QĐ/TU",
    )
    [two] = create_members_bulk(None, [spec(cell, 2)], today=TODAY)

    def person_values(p):
        return {
            f.name: getattr(p, f.name)
            for f in Person._meta.concrete_fields
            if f.name not in ("id", "citizen_id", "given_name", "name_folded", "sort_key")
        }

    two = Member.objects.get(pk=two.pk)
    assert person_values(two.person) == person_values(one.person)
    assert two.person.name_folded == "nguyen thi hoa 2"
    assert two.person.sort_key.startswith(one.person.sort_key[:10])
    assert (two.status, two.admitted_on, two.official_on, two.organization) == (
        one.status,
        one.admitted_on,
        one.official_on,
        one.organization,
    )
    assert two.card_number == "35000002"
    assert list(two.placements.values_list("organization", "valid_from", "valid_to")) == list(
        one.placements.values_list("organization", "valid_from", "valid_to")
    )

    def events(m):
        return [
            (e.type, e.date, e.organization_id, e.decision_number.split("-")[-1], e.detail[:2]) for e in m.events.all()
        ]

    assert events(two) == events(one)
    assert [e.type for e in two.events.all()] == ["admitted", "recognized_official", "card_issued"]
    audit_one = AuditEvent.objects.get(action="member.create", object_id=str(one.pk))
    audit_two = AuditEvent.objects.get(action="member.create", object_id=str(two.pk))
    assert audit_two.object_type == audit_one.object_type == "members.member"
    assert audit_two.object_label == "Nguyễn Thị Hoa 2"
    assert audit_two.organization == cell and audit_two.reason == "2-QĐ/TU"
    assert _without_ids(audit_two.after) == {
        **_without_ids(audit_one.after),
        "given_name": "Hoa 2",
        "citizen_id": two.person.citizen_id,
        "card_number": "35000002",
    }


def test_accepts_dataclass_specs_and_probationary_members(tree):
    cell = tree["school"]
    record = MemberSpec(
        family_name="Trần",
        middle_name="Văn",
        given_name="Nam",
        gender="male",
        birth_date=date(1999, 1, 2),
        citizen_id=cid(date(1999, 1, 2), "male", 7),
        organization=cell,
        admitted_on=date(2023, 12, 1),
    )
    [member] = create_members_bulk(None, [record], today=TODAY)
    member.refresh_from_db()
    assert member.status == "probationary" and member.card_number is None
    assert list(member.events.values_list("type", flat=True)) == ["admitted"]


def test_every_error_listed_with_its_record_and_nothing_written(tree):
    cell = tree["cell_a"]
    create_members_bulk(None, [spec(cell, 1)], today=TODAY)
    before = counts()
    batch = [
        spec(cell, 2),
        spec(cell, 1, card_number="35999999"),  # CCCD already in the registry
        spec(cell, 3, card_number="35000001"),  # card already issued
        spec(
            cell,
            4,
            birth_date=date(1999, 7, 1),
            admitted_on=date(2017, 5, 19),
            official_on=None,
            card_number=None,
        ),  # 17 years 10 months on admission
        spec(cell, 2, card_number="35000005"),  # same CCCD as record 1 of this batch
        spec(cell, 6, card_number="35000002"),  # same card as record 1 of this batch
        spec(cell, 7, organization=tree["ward"]),  # not a cell
    ]
    with pytest.raises(BatchViolation) as caught:
        create_members_bulk(None, batch, today=TODAY)
    found = {(e.index, e.field) for e in caught.value.rows}
    assert found == {
        (1, "citizen_id"),
        (2, "card_number"),
        (3, "admitted_on"),
        (4, "citizen_id"),
        (5, "card_number"),
        (6, "organization"),
    }
    messages = dict(((e.index, e.field), e.message) for e in caught.value.rows)
    assert "đã thuộc về Nguyễn Thị Hoa 1" in messages[(1, "citizen_id")]
    assert "chưa đủ 18 tuổi" in messages[(3, "admitted_on")]
    assert "trùng với bản ghi thứ 1" in messages[(4, "citizen_id")]
    assert "Bản ghi thứ 4:" in str(caught.value)
    assert counts() == before
    assert validate_specs(batch, today=TODAY, actor=None) == caught.value.rows


def test_scope_every_target_must_be_writable(tree):
    secretary = create_user(None, username="bithu", password="x-Very-long-1")
    grant_mandate(None, secretary, role=Role.CELL_SECRETARY, organization=tree["cell_a"], valid_from=date(2020, 1, 1))
    leader = create_user(None, username="lanhdao", password="x-Very-long-1")
    grant_mandate(None, leader, role=Role.LEADER, organization=tree["ward"], valid_from=date(2020, 1, 1))
    before = counts()
    with pytest.raises(Http404):
        create_members_bulk(secretary, [spec(tree["cell_a"], 1), spec(tree["cell_b"], 2)], today=TODAY)
    with pytest.raises(PermissionDenied):
        create_members_bulk(leader, [spec(tree["cell_a"], 1)], today=TODAY)
    assert counts() == before
    [member] = create_members_bulk(secretary, [spec(tree["cell_a"], 1)], today=TODAY)
    assert AuditEvent.objects.get(action="member.create", object_id=str(member.pk)).actor == secretary


def test_a_large_batch_takes_a_handful_of_queries(tree, django_assert_max_num_queries):
    cells = [tree["cell_a"], tree["cell_b"], tree["school"]]
    batch = [spec(cells[i % 3], i) for i in range(1, 1201)]
    with django_assert_max_num_queries(40):
        members = create_members_bulk(None, batch, today=TODAY)
    assert len(members) == Member.objects.count() == 1200
    assert AuditEvent.objects.filter(action="member.create").count() == 1200
    assert MemberEvent.objects.count() == 3600
    assert Member.objects.filter(organization=tree["school"]).count() == 400
