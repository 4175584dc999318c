"""Every step of a transfer: each takes the caller's `Scope`, checks it first, collects every error, writes,
and records an audit event, in one transaction.

The journey: `request` (the member asks, with the decision that moves them) → `issue_letter` (the issuer
numbers it from its register) → `hand_over` (the member carries it: in transit) → `receive` by the destination,
or `return_letter`, or `expire`. The sending cell stays responsible until receipt: the member's placement moves
only on `receive`, on the receipt date, through `members.actions.transfer` (which keeps the counts, see
`members.tally`). A temporary or abroad stay keeps the member registered at home (`members.actions.
record_temporary_transfer` only writes the events) until `end_stay`. A letter to an organization outside the
system is `send_outside`: the member leaves the registry that day. A member arriving with a letter from outside
is `receive_from_outside`, entering the letter's data. A letter with a mistake is replaced (`reissue`): the old
one is voided, the new one takes a new number. Errors are keyed by the form fields.
"""

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dangvu.accounts.scope import WRITE, Scope
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.members import actions as member_actions
from dangvu.members.models import EventType, Member, MemberEvent, Status
from dangvu.organizations.models import MEMBER_UNIT_KINDS, Organization
from dangvu.transfers.audit_actions import TransfersAudit

from . import dues_month, rules
from .models import OFFICIAL_KINDS, OPEN_STATES, STAYING_KINDS, Kind, LetterCounter, State, Transfer


class _System:
    """The system itself (the demo, fixtures, commands): reaches everything, no user in the audit trail."""

    is_superuser = True
    is_authenticated = True
    pk = None


SYSTEM = Scope(user=_System())


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise RuleViolation(errors)


def _date_errors(
    errors, field: str, on: date | None, today: date, after: date | None = None, after_label: str = ""
) -> None:
    if on is None:
        _add(errors, field, "Cần ghi ngày.")
    elif on > today:
        _add(errors, field, f"Ngày {on:%d/%m/%Y} ở tương lai.")
    elif after is not None and on < after:
        _add(errors, field, f"Ngày {on:%d/%m/%Y} trước {after_label} ({after:%d/%m/%Y}).")


def _record(
    scope: Scope, transfer: Transfer, action: TransfersAudit, before: dict | None, organization, reason: str = ""
):
    transfer.save()
    audit.record(
        scope.user,
        action,
        transfer,
        before=before,
        organization=organization,
        reason=reason,
        object_label=f"{transfer.member.person.full_name}: {transfer.get_state_display()}",
    )
    return transfer


def _require_state(transfer: Transfer, states, doing: str) -> None:
    if transfer.state not in states:
        raise RuleViolation(
            f"Giấy của {transfer.member.person.full_name} đang ở tình trạng "
            f"“{transfer.get_state_display()}”: không thể {doing}."
        )


def _next_number(issuer: Organization, year: int, field: str) -> int:
    """The next number of an issuer's register in a year (locked, so two letters never share one)."""
    counter, _ = LetterCounter.objects.get_or_create(issuer=issuer, year=year)
    LetterCounter.objects.filter(pk=counter.pk).update(**{field: F(field) + 1})
    return LetterCounter.objects.select_for_update().values_list(field, flat=True).get(pk=counter.pk)


@transaction.atomic
def request(
    scope: Scope,
    member: Member,
    *,
    kind: str,
    decision_on: date | None,
    destination=None,
    destination_unit: str = "",
    decision_number: str = "",
    reason: str = "",
    requested_on: date | None = None,
    temporary_until: date | None = None,
    today: date | None = None,
) -> Transfer:
    """Đề nghị chuyển sinh hoạt đảng: the member asks, with the decision that moves them."""
    scope.require(member.organization_id, WRITE)
    today = _today(today)
    requested_on = requested_on or today
    destination_unit = nfc(destination_unit)
    errors: dict[str, list[str]] = {}
    if member.status == Status.LEFT:
        _add(errors, "", f"{member.person.full_name} đã ra khỏi Đảng.")
    if kind not in Kind.values:
        _add(errors, "kind", "Loại chuyển sinh hoạt không hợp lệ.")
    _date_errors(errors, "decision_on", decision_on, today)
    _date_errors(errors, "requested_on", requested_on, today, decision_on, "ngày quyết định")
    if Transfer.objects.filter(member=member, state__in=OPEN_STATES).exists():
        _add(errors, "", f"{member.person.full_name} đang có giấy giới thiệu chưa hoàn thành.")
    if destination is not None:
        if destination.kind not in MEMBER_UNIT_KINDS or not destination.is_active(requested_on):
            _add(errors, "destination", f"{destination.name} không phải chi bộ đang hoạt động.")
        elif destination.pk == member.organization_id:
            _add(errors, "destination", "Đảng viên đang sinh hoạt tại chi bộ này.")
    elif not destination_unit:
        _add(errors, "destination", "Cần chọn chi bộ nơi đến hoặc ghi tổ chức đảng nơi đến ngoài hệ thống.")
    if kind == Kind.OFFICIAL_INTERNAL and "destination" not in errors and not errors.get("kind"):
        for message in rules.internal_errors(member.organization, destination, requested_on):
            _add(errors, "destination", message)
    if kind == Kind.ABROAD and destination is not None:
        _add(errors, "destination", "Ra nước ngoài: ghi tổ chức đảng ở nước ngoài (ngoài hệ thống).")
    if kind in STAYING_KINDS:
        if temporary_until is None:
            _add(errors, "temporary_until", "Cần ghi thời hạn sinh hoạt tạm thời.")
        elif requested_on and temporary_until <= requested_on:
            _add(errors, "temporary_until", "Thời hạn phải sau ngày đề nghị.")
    _raise_if(errors)
    due = rules.request_deadline(decision_on, requested_on, today).due
    transfer = Transfer(
        member=member,
        kind=kind,
        source=member.organization,
        destination=destination,
        destination_unit="" if destination else destination_unit,
        reason=nfc(reason),
        decision_number=nfc(decision_number),
        decision_on=decision_on,
        requested_on=requested_on,
        request_due=due,
        temporary_until=temporary_until if kind in STAYING_KINDS else None,
    )
    return _record(
        scope, transfer, TransfersAudit.TRANSFER_REQUEST, None, member.organization, transfer.decision_number
    )


@transaction.atomic
def issue_letter(
    scope: Scope,
    transfer: Transfer,
    *,
    on: date | None,
    profile_number: str = "",
    book_number: str = "",
    dues_paid_to: date | None = None,
    dues_confirmed: bool = False,
    today: date | None = None,
    replaces: Transfer | None = None,
) -> Transfer:
    """Cấp giấy giới thiệu sinh hoạt đảng: the issuer numbers it from its register and copies the record. The
    dues month is the dues book's on the day (`dues_month`) unless another is written; a month that differs
    from the book, or a member who owes months, needs `dues_confirmed`."""
    source = transfer.source
    issuer = rules.issuer_for(transfer.kind, source, transfer.destination, on or _today(today))
    scope.require(issuer.pk, WRITE)
    _require_state(transfer, [State.REQUESTED], "cấp giấy")
    today = _today(today)
    errors: dict[str, list[str]] = {}
    _date_errors(errors, "on", on, today, transfer.requested_on, "ngày đề nghị")
    found = dues_month.book(transfer.member, on) if on else None
    if dues_paid_to is None and found is not None:
        dues_paid_to = found.paid_to
    if dues_paid_to is None:
        _add(
            errors,
            "dues_paid_to",
            "Cần ghi tháng đã đóng đảng phí đến hết (ô “đã đóng đảng phí đến hết "
            "tháng …” của giấy)." + (f" {dues_month.explained(found)}" if found else ""),
        )
    elif on and (dues_paid_to.year, dues_paid_to.month) > (on.year, on.month):
        _add(errors, "dues_paid_to", "Tháng đóng đảng phí sau tháng cấp giấy.")
    elif found is not None and not dues_confirmed and (warned := dues_month.warnings(found, dues_paid_to)):
        for message in warned:
            _add(errors, "dues_paid_to", message)
        _add(errors, "dues_confirmed", dues_month.CONFIRM_HINT)
    _raise_if(errors)
    before = audit.snapshot(transfer)
    transfer.issuer, transfer.issued_on, transfer.letter_year = issuer, on, on.year
    transfer.letter_number = _next_number(issuer, on.year, "sent")
    transfer.present_due = rules.present_deadline(on, None, today).due
    transfer.card_number = transfer.member.card_number or ""
    transfer.profile_number, transfer.book_number = nfc(profile_number), nfc(book_number)
    transfer.dues_paid_to = dues_paid_to.replace(day=1)
    transfer.dues_source = dues_month.source(found, dues_paid_to)
    transfer.dues_book_month, transfer.dues_owed = found.paid_to, found.owed_text()[:300]
    transfer.state = State.ISSUED
    transfer.replaces = replaces
    return _record(scope, transfer, TransfersAudit.TRANSFER_ISSUE, before, issuer, transfer.letter_label)


@transaction.atomic
def hand_over(scope: Scope, transfer: Transfer, *, on: date | None, today: date | None = None) -> Transfer:
    """Giao giấy (và hồ sơ niêm phong) cho đảng viên: the letter is on its way."""
    scope.require(transfer.issuer_id, WRITE)
    _require_state(transfer, [State.ISSUED], "giao giấy")
    errors: dict[str, list[str]] = {}
    _date_errors(errors, "on", on, _today(today), transfer.issued_on, "ngày cấp giấy")
    _raise_if(errors)
    before = audit.snapshot(transfer)
    transfer.handed_on, transfer.state = on, State.IN_TRANSIT
    return _record(scope, transfer, TransfersAudit.TRANSFER_HAND_OVER, before, transfer.issuer)


def _arrive(transfer: Transfer, on: date | None, today: date | None, doing: str) -> None:
    """Check the date of arrival and write the member's side: an official transfer moves the placement on
    `on` (through `members.actions.transfer`, which keeps the counts); a temporary or abroad stay only writes
    its events. The letter is the source's consent: the move is the system's, the acting user is in the
    transfer's own audit event."""
    _require_state(transfer, [State.ISSUED, State.IN_TRANSIT], doing)
    errors: dict[str, list[str]] = {}
    _date_errors(errors, "on", on, _today(today), transfer.handed_on or transfer.issued_on, "ngày giao giấy")
    _raise_if(errors)
    member = Member.objects.select_for_update().get(pk=transfer.member_id)
    if member.organization_id != transfer.source_id or member.status == Status.LEFT:
        raise RuleViolation(
            f"{member.person.full_name} không còn sinh hoạt tại {transfer.source.name}: giấy này không còn dùng được."
        )
    common = {"on": on, "decision_number": transfer.letter_label}
    if transfer.kind in OFFICIAL_KINDS and transfer.destination_id:
        member_actions.transfer(None, member, to=transfer.destination, **common)
    elif transfer.kind in OFFICIAL_KINDS:
        member_actions.transfer(None, member, other_unit=transfer.destination_unit, **common)
    else:
        member_actions.record_temporary_transfer(
            None, member, host=transfer.destination, other_unit=transfer.destination_unit, **common
        )


@transaction.atomic
def receive(scope: Scope, transfer: Transfer, *, on: date | None, today: date | None = None) -> Transfer:
    """Tiếp nhận: the destination receives the member on `on`; an official transfer moves the placement that
    day, a temporary one leaves the member registered at home."""
    if transfer.destination_id is None:
        raise RuleViolation("Nơi đến ở ngoài hệ thống: ghi “đã gửi” thay cho tiếp nhận.")
    scope.require(transfer.destination_id, WRITE)
    before = audit.snapshot(transfer)
    _arrive(transfer, on, today, "tiếp nhận")
    receiver = rules.grassroots_of(transfer.destination, on)
    transfer.received_on, transfer.state = on, State.RECEIVED
    transfer.receiver, transfer.receipt_number = receiver, _next_number(receiver, on.year, "received")
    return _record(
        scope, transfer, TransfersAudit.TRANSFER_RECEIVE, before, transfer.destination, transfer.letter_label
    )


@transaction.atomic
def send_outside(scope: Scope, transfer: Transfer, *, on: date | None, today: date | None = None) -> Transfer:
    """Đã gửi: the letter went to an organization outside the system. An official transfer ends the member's
    registration here that day; an abroad stay keeps them registered at home."""
    scope.require(transfer.issuer_id, WRITE)
    if transfer.destination_id is not None:
        raise RuleViolation("Nơi đến ở trong hệ thống: nơi đến ghi tiếp nhận.")
    before = audit.snapshot(transfer)
    _arrive(transfer, on, today, "ghi đã gửi")
    transfer.received_on, transfer.state = on, State.SENT_OUTSIDE
    return _record(
        scope, transfer, TransfersAudit.TRANSFER_SEND_OUTSIDE, before, transfer.issuer, transfer.letter_label
    )


@transaction.atomic
def return_letter(
    scope: Scope, transfer: Transfer, *, on: date | None, note: str = "", today: date | None = None
) -> Transfer:
    """Giấy bị trả lại (the destination refused it, or the member did not go): nothing moves."""
    if not (scope.covers(transfer.destination_id, WRITE) if transfer.destination_id else False):
        scope.require(transfer.issuer_id, WRITE)
    _require_state(transfer, [State.ISSUED, State.IN_TRANSIT], "trả lại giấy")
    errors: dict[str, list[str]] = {}
    _date_errors(errors, "on", on, _today(today), transfer.issued_on, "ngày cấp giấy")
    if not nfc(note):
        _add(errors, "note", "Cần ghi lý do trả lại.")
    _raise_if(errors)
    before = audit.snapshot(transfer)
    transfer.ended_on, transfer.end_note, transfer.state = on, nfc(note), State.RETURNED
    return _record(scope, transfer, TransfersAudit.TRANSFER_RETURN, before, transfer.issuer, nfc(note))


@transaction.atomic
def expire(scope: Scope, transfer: Transfer, *, today: date | None = None, note: str = "") -> Transfer:
    """Giấy quá hạn: not presented within its validity; nothing moves, the source reports the reason."""
    scope.require(transfer.issuer_id, WRITE)
    _require_state(transfer, [State.ISSUED, State.IN_TRANSIT], "ghi quá hạn")
    today = _today(today)
    if today <= transfer.present_due:
        raise RuleViolation(f"Giấy còn hạn xuất trình đến {transfer.present_due:%d/%m/%Y}.")
    before = audit.snapshot(transfer)
    transfer.ended_on, transfer.end_note, transfer.state = today, nfc(note), State.EXPIRED
    return _record(scope, transfer, TransfersAudit.TRANSFER_EXPIRE, before, transfer.issuer, nfc(note))


@transaction.atomic
def cancel(scope: Scope, transfer: Transfer, *, note: str, today: date | None = None) -> Transfer:
    """Hủy đề nghị before a letter is issued."""
    scope.require(transfer.source_id, WRITE)
    _require_state(transfer, [State.REQUESTED], "hủy đề nghị")
    if not nfc(note):
        raise RuleViolation("Cần ghi lý do hủy.", "note")
    before = audit.snapshot(transfer)
    transfer.ended_on, transfer.end_note, transfer.state = _today(today), nfc(note), State.CANCELLED
    return _record(scope, transfer, TransfersAudit.TRANSFER_CANCEL, before, transfer.source, nfc(note))


@transaction.atomic
def reissue(
    scope: Scope,
    transfer: Transfer,
    *,
    on: date | None,
    note: str,
    profile_number: str = "",
    book_number: str = "",
    dues_paid_to: date | None = None,
    dues_confirmed: bool = False,
    today: date | None = None,
) -> Transfer:
    """A mistake in a letter means a new letter (12-HD/BTCTW): the old one is voided, the new one numbered. Its
    dues month, unless written, is the book's on the new day, or else the old letter's."""
    scope.require(transfer.issuer_id, WRITE)
    _require_state(transfer, [State.ISSUED, State.IN_TRANSIT], "thay giấy")
    if not nfc(note):
        raise RuleViolation("Cần ghi chỗ viết sai.", "note")
    before = audit.snapshot(transfer)
    transfer.state, transfer.ended_on, transfer.end_note = State.VOIDED, on or _today(today), nfc(note)
    _record(scope, transfer, TransfersAudit.TRANSFER_VOID, before, transfer.issuer, nfc(note))
    fresh = Transfer.objects.create(
        member=transfer.member,
        kind=transfer.kind,
        source=transfer.source,
        destination=transfer.destination,
        destination_unit=transfer.destination_unit,
        reason=transfer.reason,
        decision_number=transfer.decision_number,
        decision_on=transfer.decision_on,
        requested_on=transfer.requested_on,
        request_due=transfer.request_due,
        temporary_until=transfer.temporary_until,
    )
    if dues_paid_to is None and not (on and dues_month.book(transfer.member, on).paid_to):
        dues_paid_to = transfer.dues_paid_to
    return issue_letter(
        scope,
        fresh,
        on=on,
        profile_number=profile_number or transfer.profile_number,
        book_number=book_number or transfer.book_number,
        dues_paid_to=dues_paid_to,
        dues_confirmed=dues_confirmed,
        today=today,
        replaces=transfer,
    )


@transaction.atomic
def end_stay(scope: Scope, transfer: Transfer, *, on: date | None, today: date | None = None) -> Transfer:
    """Trở về sinh hoạt tại nơi đi: a temporary (or abroad) stay ends; the member never left home's count."""
    scope.require(transfer.source_id, WRITE)
    if transfer.kind not in STAYING_KINDS:
        raise RuleViolation("Chỉ sinh hoạt tạm thời hoặc ở nước ngoài mới có ngày trở về.")
    _require_state(transfer, [State.RECEIVED, State.SENT_OUTSIDE], "ghi trở về")
    errors: dict[str, list[str]] = {}
    _date_errors(errors, "on", on, _today(today), transfer.received_on, "ngày tiếp nhận")
    _raise_if(errors)
    before = audit.snapshot(transfer)
    transfer.ended_on, transfer.state = on, State.ENDED
    return _record(scope, transfer, TransfersAudit.TRANSFER_END_STAY, before, transfer.source)


@transaction.atomic
def receive_from_outside(
    scope: Scope,
    *,
    person: dict,
    destination: Organization | None,
    on: date | None,
    admitted_on: date | None,
    official_on: date | None,
    source_unit: str,
    letter_number: str = "",
    issued_on: date | None = None,
    card_number: str = "",
    dues_paid_to: date | None = None,
    today: date | None = None,
) -> Transfer:
    """Tiếp nhận đảng viên từ ngoài hệ thống: the letter's data is entered, the member recorded from `on`."""
    errors: dict[str, list[str]] = {}
    if destination is None:
        _add(errors, "destination", "Chưa chọn chi bộ nơi đến.")
    else:
        scope.require(destination.pk, WRITE)
    today = _today(today)
    _date_errors(errors, "on", on, today, issued_on, "ngày cấp giấy")
    if not nfc(source_unit):
        _add(errors, "source_unit", "Cần ghi tổ chức đảng nơi đi (cấp ủy đã cấp giấy).")
    if not nfc(letter_number):
        _add(errors, "letter_number", "Cần ghi số giấy giới thiệu.")
    if issued_on is None:
        _add(errors, "issued_on", "Cần ghi ngày cấp giấy.")
    _raise_if(errors)
    try:
        member = member_actions.transfer_in(
            None,
            person=person,
            organization=destination,
            on=on,
            admitted_on=admitted_on,
            official_on=official_on,
            from_unit=nfc(source_unit),
            card_number=nfc(card_number) or None,
            decision_number=f"GTSHĐ {nfc(letter_number)}",
        )
    except RuleViolation as violation:
        raise RuleViolation({**errors, **violation.errors}) from violation
    receiver = rules.grassroots_of(destination, on)
    transfer = Transfer(
        member=member,
        kind=Kind.OFFICIAL_OTHER,
        state=State.RECEIVED,
        source=None,
        source_unit=nfc(source_unit),
        destination=destination,
        decision_on=issued_on,
        requested_on=issued_on,
        request_due=issued_on,
        issued_on=issued_on,
        present_due=rules.present_deadline(issued_on, on, today).due,
        card_number=nfc(card_number),
        dues_paid_to=dues_paid_to.replace(day=1) if dues_paid_to else None,
        outside_letter=nfc(letter_number),
        received_on=on,
        receiver=receiver,
        receipt_number=_next_number(receiver, on.year, "received"),
    )
    return _record(scope, transfer, TransfersAudit.TRANSFER_RECEIVE_OUTSIDE, None, destination, nfc(letter_number))


@transaction.atomic
def record_past(
    scope: Scope, event: MemberEvent, *, issued_on: date, decision_on: date, dues_paid_to: date | None = None
) -> Transfer:
    """Vào sổ a transfer already carried out (recorded by `members.actions.transfer` or `transfer_in` before its
    letter was kept here): the letter of that transfer-out or arrival, received on the event's date. The
    member, the placements and the counts are not touched: they already show the move."""
    scope.require(event.organization_id, WRITE)
    errors: dict[str, list[str]] = {}
    if event.type not in (EventType.TRANSFERRED_OUT, EventType.TRANSFERRED_IN):
        _add(errors, "", "Chỉ vào sổ được sự kiện chuyển sinh hoạt đi hoặc đến.")
    elif event.type == EventType.TRANSFERRED_IN and event.other_organization_id:
        _add(errors, "", "Chuyển giữa hai chi bộ trong hệ thống: vào sổ theo sự kiện chuyển đi.")
    if not decision_on <= issued_on <= event.date:
        _add(errors, "issued_on", "Ngày quyết định, ngày cấp giấy phải trước ngày chuyển.")
    if Transfer.objects.filter(member_id=event.member_id, received_on=event.date).exists():
        _add(errors, "", "Lần chuyển này đã có trong sổ.")
    _raise_if(errors)
    on = event.date
    transfer = Transfer(
        member_id=event.member_id,
        decision_on=decision_on,
        requested_on=decision_on,
        request_due=rules.request_deadline(decision_on, decision_on, on).due,
        issued_on=issued_on,
        present_due=rules.present_deadline(issued_on, on, on).due,
        received_on=on,
        decision_number=event.decision_number,
        dues_paid_to=(dues_paid_to or issued_on).replace(day=1),
    )
    if event.type == EventType.TRANSFERRED_OUT:
        source, destination = event.organization, event.other_organization
        transfer.source, transfer.destination, transfer.destination_unit = source, destination, event.other_unit
        internal = destination is not None and not rules.internal_errors(source, destination, on)
        transfer.kind = Kind.OFFICIAL_INTERNAL if internal else Kind.OFFICIAL_OTHER
        transfer.issuer = rules.issuer_for(transfer.kind, source, destination, issued_on)
        transfer.letter_year = issued_on.year
        transfer.letter_number = _next_number(transfer.issuer, issued_on.year, "sent")
        transfer.state = State.RECEIVED if destination else State.SENT_OUTSIDE
        found = dues_month.book(event.member, issued_on)  # a letter we issued: its month is our book's
        if dues_paid_to or found.paid_to:  # else the issue month, as before the book, of no known source
            transfer.dues_paid_to = (dues_paid_to or found.paid_to).replace(day=1)
            transfer.dues_source = dues_month.source(found, transfer.dues_paid_to)
        transfer.dues_book_month, transfer.dues_owed = found.paid_to, found.owed_text()[:300]
    else:
        transfer.kind, transfer.state = Kind.OFFICIAL_OTHER, State.RECEIVED
        transfer.destination, transfer.source_unit = event.organization, event.other_unit
    if transfer.destination_id:
        transfer.receiver = rules.grassroots_of(transfer.destination, on)
        transfer.receipt_number = _next_number(transfer.receiver, on.year, "received")
    transfer.card_number = Member.objects.filter(pk=event.member_id).values_list("card_number", flat=True)[0] or ""
    return _record(
        scope, transfer, TransfersAudit.TRANSFER_RECORD_PAST, None, event.organization, event.decision_number
    )
