"""Transfers as letters: each step and its rules, placements moving only on receipt, scope and audit."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dangvu.accounts import actions as account_actions
from dangvu.accounts.models import Role
from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.core.models import AuditEvent
from dangvu.members import queries as member_queries
from dangvu.members.models import EventType, MemberEvent, Placement, Status, SubtreeCount
from dangvu.organizations.models import OPEN_END
from dangvu.reports.indicators import REGISTRY
from dangvu.reports.periods import Period
from dangvu.transfers import actions, queries, rules
from dangvu.transfers.models import Kind, State, Transfer

TODAY = date(2026, 1, 15)


def _user(name, role, org):
    user = account_actions.create_user(None, username=name, password="mat-khau-1")
    account_actions.grant_mandate(None, user, role=role, organization=org, valid_from=date(2015, 1, 1))
    return user


@pytest.fixture
def world(tree, other_tree, make_member):
    member = make_member(
        tree["cell_a"], family="Trần", middle="Văn", given="Bình", card_number="035000123", hometown="Phủ Lý, Hà Nam"
    )
    office = _user("vp-thanhpho", Role.OFFICE, tree["city"])
    admin = _user("qtv", Role.ADMIN, tree["province"])
    namdinh = _user("vp-namdinh", Role.OFFICE, other_tree["province"])
    return {
        **tree,
        "other": other_tree["cell"],
        "other_province": other_tree["province"],
        "member": member,
        "office": scope_for(office),
        "admin": scope_for(admin),
        "namdinh": scope_for(namdinh),
        "office_user": office,
    }


def _requested(w, kind=Kind.OFFICIAL_INTERNAL, to="cell_b", **extra):
    destination = w[to] if to else None
    return actions.request(
        w["office"],
        w["member"],
        kind=kind,
        destination=destination,
        decision_on=date(2020, 8, 20),
        requested_on=date(2020, 8, 27),
        decision_number="QĐ 15/QĐ-UBND",
        reason="Chuyển nơi cư trú",
        today=TODAY,
        **extra,
    )


def _issued(w, **kwargs):
    transfer = _requested(w, **kwargs)
    return actions.issue_letter(
        w["office"],
        transfer,
        on=date(2020, 9, 10),
        profile_number="LL-0456",
        book_number="12",
        dues_paid_to=date(2020, 9, 1),
        today=TODAY,
    )


def _open_placements(member):
    return list(
        Placement.objects.filter(member=member)
        .order_by("valid_from")
        .values_list("organization__code", "valid_from", "valid_to")
    )


def _count(org):
    row = SubtreeCount.objects.filter(pk=org.pk).first()
    return row.total if row else 0


def test_the_request_deadline_is_the_60th_working_day_across_tet(world):
    # Decision on Friday 18/12/2020; Tết Tân Sửu 10–16/02/2021 and 01/01/2021 are no working days.
    start = date(2020, 12, 18)

    def sixtieth(days_off):
        day, counted = start, 0
        while counted < 60:
            day += timedelta(days=1)
            if day.weekday() < 5 and day not in days_off:
                counted += 1
        return day

    tet = {date(2021, 2, 10) + timedelta(days=n) for n in range(7)}
    expected = sixtieth({date(2021, 1, 1), *tet})
    assert expected == date(2021, 3, 22)
    assert sixtieth({date(2021, 1, 1)}) == date(2021, 3, 15)  # Tết's five working days push it a week
    transfer = actions.request(
        world["office"],
        world["member"],
        kind=Kind.OFFICIAL_INTERNAL,
        destination=world["cell_b"],
        decision_on=start,
        requested_on=date(2021, 3, 23),
        today=TODAY,
    )
    assert transfer.request_due == expected
    late = rules.request_deadline(start, transfer.requested_on, TODAY)
    assert late.late and late.remaining == -1


def test_receipt_moves_the_placement_on_the_receipt_date(world):
    w = world
    transfer = _issued(w)
    assert transfer.issuer == w["ward"]  # both cells under the ward committee: the ward issues and numbers
    assert transfer.letter_number == 1 and transfer.card_number == "035000123"
    transfer = actions.hand_over(w["office"], transfer, on=date(2020, 9, 11), today=TODAY)
    assert transfer.state == State.IN_TRANSIT
    w["member"].refresh_from_db()
    assert w["member"].organization == w["cell_a"]  # the sender stays responsible until receipt
    assert _count(w["cell_a"]) == 1 and _count(w["cell_b"]) == 0
    actions.receive(w["office"], transfer, on=date(2020, 10, 5), today=TODAY)
    w["member"].refresh_from_db()
    assert w["member"].organization == w["cell_b"]
    assert _open_placements(w["member"]) == [
        ("qt-cb1", date(2005, 3, 10), date(2020, 10, 5)),
        ("qt-cb2", date(2020, 10, 5), OPEN_END),
    ]
    assert _count(w["cell_a"]) == 0 and _count(w["cell_b"]) == 1 and _count(w["ward"]) == 1
    assert transfer.receiver == w["ward"] and transfer.receipt_number == 1


def test_a_temporary_transfer_keeps_the_member_counted_at_home(world):
    w = world
    transfer = _issued(w, kind=Kind.TEMPORARY, to="school", temporary_until=date(2021, 6, 30))
    assert transfer.issuer == w["ward"]  # the grassroots committee issues temporary letters
    actions.receive(w["office"], transfer, on=date(2020, 9, 20), today=TODAY)
    w["member"].refresh_from_db()
    assert w["member"].organization == w["cell_a"]
    assert _count(w["cell_a"]) == 1 and _count(w["school"]) == 0
    assert _open_placements(w["member"]) == [("qt-cb1", date(2005, 3, 10), OPEN_END)]
    # the report figures too: counted in the home cell's subtree, not in the host's, during the stay
    stay = Period(date(2020, 10, 1), date(2020, 12, 31))
    assert REGISTRY["members.total"].compute(w["cell_a"], stay) == 1
    assert REGISTRY["members.total"].compute(w["school"], stay) == 0
    types = set(MemberEvent.objects.filter(member=w["member"]).values_list("type", flat=True))
    assert {EventType.TEMPORARY_OUT, EventType.TEMPORARY_IN} <= types
    assert EventType.TRANSFERRED_OUT not in types
    # Past its term the stay is on the due list until the member is back.
    assert [row.what for row in queries.due_list(w["office"], TODAY)] == ["Quá thời hạn sinh hoạt tạm thời"]
    actions.end_stay(w["office"], transfer, on=date(2021, 6, 30), today=TODAY)
    assert queries.due_list(w["office"], TODAY) == []


def test_a_returned_letter_changes_nothing(world):
    w = world
    transfer = _issued(w)
    before = (
        _open_placements(w["member"]),
        _count(w["cell_a"]),
        _count(w["cell_b"]),
        MemberEvent.objects.filter(member=w["member"]).count(),
    )
    with pytest.raises(RuleViolation) as raised:
        actions.return_letter(w["office"], transfer, on=date(2020, 9, 20), note="", today=TODAY)
    assert "Cần ghi lý do trả lại." in raised.value.errors["note"]
    actions.return_letter(w["office"], transfer, on=date(2020, 9, 20), note="Đảng viên không chuyển nữa", today=TODAY)
    transfer.refresh_from_db()
    assert transfer.state == State.RETURNED
    assert (
        _open_placements(w["member"]),
        _count(w["cell_a"]),
        _count(w["cell_b"]),
        MemberEvent.objects.filter(member=w["member"]).count(),
    ) == before
    with pytest.raises(RuleViolation):
        actions.receive(w["office"], transfer, on=date(2020, 9, 21), today=TODAY)


def test_report_figures_for_transfers_follow_the_receipt_date(world):
    w = world
    transfer = _issued(w, kind=Kind.OFFICIAL_OTHER, to="other")
    assert transfer.issuer == w["city"]  # to another province: the city committee issues
    q3, q4 = Period(date(2020, 7, 1), date(2020, 9, 30)), Period(date(2020, 10, 1), date(2020, 12, 31))
    out = REGISTRY["members.transferred_out"]
    assert out.compute(w["city"], q3) == 0 and out.compute(w["city"], q4) == 0
    actions.receive(w["namdinh"], transfer, on=date(2020, 10, 2), today=TODAY)
    assert out.compute(w["city"], q3) == 0
    assert out.compute(w["city"], q4) == 1
    assert REGISTRY["members.transferred_in"].compute(w["other_province"], q4) == 1


def test_scope_the_destination_sees_the_letter_the_source_the_member_until_receipt(world):
    w = world
    transfer = _issued(w, kind=Kind.OFFICIAL_OTHER, to="other")
    member_pk = w["member"].pk
    # Nam Định sees the incoming letter but not yet the member's record; the city sees both.
    assert [t.pk for t in queries.transfer_list(w["namdinh"])] == [transfer.pk]
    with pytest.raises(Http404):
        member_queries.get_member(w["namdinh"], member_pk)
    assert member_queries.get_member(w["office"], member_pk)
    # Nam Định may not issue or void the city's letter; the city may not receive for Nam Định.
    with pytest.raises(Http404):
        actions.expire(w["namdinh"], transfer, today=TODAY)
    with pytest.raises((Http404, PermissionDenied)):
        actions.receive(w["office"], transfer, on=date(2020, 10, 2), today=TODAY)
    actions.receive(w["namdinh"], transfer, on=date(2020, 10, 2), today=TODAY)
    assert member_queries.get_member(w["namdinh"], member_pk)
    assert queries.get_transfer(w["office"], transfer.pk)  # the city keeps its letter in its register
    # A user of neither side sees nothing.
    stranger = scope_for(_user("cb-truong", Role.CELL_SECRETARY, w["school"]))
    assert list(queries.transfer_list(stranger)) == []


def test_every_step_is_audited_with_its_actor(world):
    w = world
    transfer = _issued(w)
    actions.receive(w["office"], transfer, on=date(2020, 10, 5), today=TODAY)
    events = AuditEvent.objects.filter(object_type="transfers.transfer", object_id=str(transfer.pk))
    assert list(events.order_by("id").values_list("action", flat=True)) == [
        "transfer.request",
        "transfer.issue",
        "transfer.receive",
    ]
    assert set(events.values_list("actor", flat=True)) == {w["office_user"].pk}
    assert events.get(action="transfer.receive").before["state"] == State.ISSUED


def test_letters_are_numbered_per_issuer_and_a_mistake_means_a_new_letter(world, make_member):
    w = world
    first = _issued(w)
    other = make_member(w["cell_b"], given="Cường")
    second = actions.request(
        w["office"],
        other,
        kind=Kind.OFFICIAL_INTERNAL,
        destination=w["cell_a"],
        decision_on=date(2020, 9, 1),
        requested_on=date(2020, 9, 2),
        today=TODAY,
    )
    second = actions.issue_letter(w["office"], second, on=date(2020, 9, 15), dues_paid_to=date(2020, 9, 1), today=TODAY)
    assert (first.letter_number, second.letter_number) == (1, 2)
    fresh = actions.reissue(w["office"], first, on=date(2020, 9, 16), note="Viết sai ngày sinh", today=TODAY)
    first.refresh_from_db()
    assert first.state == State.VOIDED and fresh.replaces == first and fresh.letter_number == 3
    assert fresh.profile_number == "LL-0456"
    with pytest.raises(RuleViolation):
        actions.receive(w["office"], first, on=date(2020, 9, 20), today=TODAY)
    register = queries.register(w["office"], w["ward"], 2020)
    assert [t.letter_number for t in register["issued"]] == [1, 2, 3]


def test_a_letter_not_presented_in_time_is_overdue_then_expired(world):
    w = world
    transfer = _issued(w)
    assert transfer.present_due == rules.present_deadline(date(2020, 9, 10), None, TODAY).due
    with pytest.raises(RuleViolation) as raised:
        actions.expire(w["office"], transfer, today=transfer.present_due)
    assert "còn hạn" in raised.value.messages[0]
    rows = queries.due_list(w["office"], TODAY)
    assert len(rows) == 1 and rows[0].remaining < 0 and rows[0].what == "Chưa xuất trình giấy tại nơi đến"
    actions.expire(w["office"], transfer, today=TODAY, note="Đảng viên không đến")
    assert queries.due_list(w["office"], TODAY) == []
    w["member"].refresh_from_db()
    assert w["member"].organization == w["cell_a"]


def test_request_errors_are_collected_in_vietnamese(world):
    w = world
    with pytest.raises(RuleViolation) as raised:
        actions.request(
            w["office"],
            w["member"],
            kind=Kind.OFFICIAL_INTERNAL,
            destination=w["other"],
            decision_on=date(2027, 1, 1),
            today=TODAY,
        )
    errors = raised.value.errors
    assert "ở tương lai" in errors["decision_on"][0]
    assert "không cùng đảng bộ huyện" in errors["destination"][0]
    with pytest.raises(RuleViolation) as raised:
        actions.request(w["office"], w["member"], kind=Kind.TEMPORARY, destination=None, decision_on=None, today=TODAY)
    assert set(raised.value.errors) >= {"destination", "decision_on", "temporary_until"}
    assert not Transfer.objects.exists()


def test_a_letter_to_outside_the_system_is_recorded_as_sent(world):
    w = world
    transfer = _issued(w, kind=Kind.OFFICIAL_OTHER, to=None, destination_unit="Đảng bộ Công an tỉnh Hà Nam")
    with pytest.raises(RuleViolation):
        actions.receive(w["office"], transfer, on=date(2020, 9, 20), today=TODAY)
    actions.send_outside(w["office"], transfer, on=date(2020, 9, 20), today=TODAY)
    w["member"].refresh_from_db()
    assert w["member"].status == Status.LEFT and w["member"].left_on == date(2020, 9, 20)
    assert _count(w["ward"]) == 0


def test_an_abroad_stay_keeps_the_member_at_home(world):
    w = world
    transfer = _issued(
        w,
        kind=Kind.ABROAD,
        to=None,
        destination_unit="Chi bộ Đại sứ quán tại Nhật Bản",
        temporary_until=date(2022, 9, 1),
    )
    assert transfer.issuer == w["city"]
    actions.send_outside(w["office"], transfer, on=date(2020, 9, 25), today=TODAY)
    w["member"].refresh_from_db()
    assert w["member"].status == Status.OFFICIAL and _count(w["cell_a"]) == 1
    actions.end_stay(w["office"], transfer, on=date(2022, 8, 20), today=TODAY)
    assert Transfer.objects.get(pk=transfer.pk).state == State.ENDED


def test_an_arrival_from_outside_is_received_by_entering_its_letter(world):
    w = world
    transfer = actions.receive_from_outside(
        w["office"],
        person={
            "family_name": "Phạm",
            "middle_name": "Thị",
            "given_name": "Dung",
            "gender": "female",
            "birth_date": date(1985, 4, 2),
            "citizen_id": "035185000999",
        },
        destination=w["cell_b"],
        on=date(2020, 9, 3),
        admitted_on=date(2010, 5, 19),
        official_on=date(2011, 5, 19),
        source_unit="Đảng ủy Công ty Điện lực Hà Nam",
        letter_number="37",
        issued_on=date(2020, 8, 25),
        card_number="035000777",
        dues_paid_to=date(2020, 8, 1),
        today=TODAY,
    )
    member = transfer.member
    assert member.organization == w["cell_b"] and _count(w["cell_b"]) == 1
    assert _open_placements(member) == [("qt-cb2", date(2020, 9, 3), OPEN_END)]
    assert transfer.receiver == w["ward"] and transfer.receipt_number == 1
    assert [t.pk for t in queries.register(w["office"], w["ward"], 2020)["received"]] == [transfer.pk]
