"""Every change of a person or a membership, checked against the rules and recorded in the audit trail."""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dangvu.accounts.scope import WRITE, require, scope_for
from dangvu.core import audit
from dangvu.core import rules as party_rules
from dangvu.core.dated import cut_at
from dangvu.core.errors import RuleViolation, add_errors, length_errors
from dangvu.core.text import nfc
from dangvu.members.audit_actions import MembersAudit
from dangvu.organizations.models import MEMBER_UNIT_KINDS, OPEN_END, Organization

from . import rules
from .models import EventType, ExemptionReason, Gender, LeftReason, Member, MemberEvent, Person, Placement, Status

PERSON_FIELDS = [
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "birth_date",
    "citizen_id",
    "ethnicity",
    "religion",
    "hometown",
    "education",
    "profession",
    "theory_level",
    "occupation",
    "phone",
]


def require_write(actor, organization_id: int) -> None:
    """The acting user must hold a writing mandate over the organization (None is the system itself)."""
    require(actor, organization_id, WRITE)


def clean_person_data(data: dict) -> dict:
    """NFC text, empty strings for missing text, citizen ID digits only."""
    cleaned = {}
    for name in PERSON_FIELDS:
        if name not in data:
            continue
        value = data[name]
        cleaned[name] = nfc(value) if isinstance(value, str) or (value is None and name != "birth_date") else value
    if cleaned.get("citizen_id") == "":
        cleaned["citizen_id"] = None
    return cleaned


# Said of a CCCD or card number that someone out of the user's sight holds: the registry must not tell a
# cell secretary whose number it is (no oracle), only where to turn.
TAKEN_ELSEWHERE = "đã có trong hệ thống; liên hệ văn phòng cấp ủy để chuyển sinh hoạt"
NOBODY = object()  # the `actor` of a check that names no holder at all


def citizen_id_taken_message(citizen_id: str, holder: str | None) -> str:
    """The holder is named only when the user may see them (`holders_in_sight`)."""
    return f"Số CCCD {citizen_id} đã thuộc về {holder}." if holder else f"Số CCCD {citizen_id} {TAKEN_ELSEWHERE}."


def card_taken_message(card_number: str, holder: str | None) -> str:
    return f"Số thẻ {card_number} đã cấp cho {holder}." if holder else f"Số thẻ {card_number} {TAKEN_ELSEWHERE}."


def holders_in_sight(actor, person_ids) -> set[int]:
    """Which of these people the actor may read as members of their subtree (None, the system, reads all;
    NOBODY none): only those may be named in a message about a duplicate number."""
    wanted = {pk for pk in person_ids if pk}
    if actor is None or actor is NOBODY or not wanted:
        return wanted if actor is None else set()
    members = scope_for(actor).restrict_people(Member.objects.filter(person_id__in=wanted), "person")
    return set(members.values_list("person_id", flat=True))


def person_errors(
    data: dict, today: date, exclude_person_id: int | None = None, *, check_unique: bool = True, actor=NOBODY
) -> dict[str, list[str]]:
    """Field errors of a person's data: names, gender, citizen ID, dates.

    `check_unique=False` leaves out the one-person-per-CCCD lookup, for callers (bulk import) that check a
    whole batch at once. A CCCD already held names its holder only when `actor` may see them.
    """
    errors: dict[str, list[str]] = {}
    if not data.get("family_name"):
        errors["family_name"] = ["Họ không được để trống."]
    if not data.get("given_name"):
        errors["given_name"] = ["Tên không được để trống."]
    if data.get("gender") not in Gender.values:
        errors["gender"] = ["Giới tính phải là Nam hoặc Nữ."]
    errors.update(rules.future_date_errors(today, birth_date=data.get("birth_date")))
    add_errors(errors, length_errors(Person, data))
    cid = data.get("citizen_id")
    if cid:
        messages = rules.citizen_id_errors(cid, data.get("birth_date"), data.get("gender", ""))
        taken = check_unique and Person.objects.filter(citizen_id=cid).exclude(pk=exclude_person_id).first()
        if taken:
            seen = taken.pk in holders_in_sight(actor, [taken.pk])
            messages.append(citizen_id_taken_message(cid, taken.full_name if seen else None))
        if messages:
            errors["citizen_id"] = messages
    return errors


def membership_errors(
    *,
    birth_date: date | None,
    organization: Organization | None,
    admitted_on: date | None,
    official_on: date | None,
    card_number: str | None,
    over_age_approval: str,
    today: date,
    exclude_member_id: int | None = None,
    check_age: bool = True,
    check_unique: bool = True,
    age_on: date | None = None,
    actor=NOBODY,
) -> dict[str, list[str]]:
    """Field errors of a membership. The age is judged on `age_on` (the day the cell considered the
    application, when the pipeline knows it), else on the admission date. A card number already issued
    names its holder only when `actor` may see them."""
    errors: dict[str, list[str]] = {}
    if organization is None:
        errors["organization"] = ["Chưa chọn chi bộ sinh hoạt."]
    elif organization.kind not in MEMBER_UNIT_KINDS:
        errors["organization"] = [f"{organization.name} không phải chi bộ: đảng viên sinh hoạt tại chi bộ."]
    if admitted_on is None:
        errors["admitted_on"] = ["Ngày vào Đảng không được để trống."]
        return errors
    errors.update(rules.future_date_errors(today, admitted_on=admitted_on, official_on=official_on))
    if check_age:
        age = rules.admission_age_errors(birth_date, age_on or admitted_on, over_age_approval)
        if age:
            errors.setdefault("admitted_on", []).extend(age)
    official = rules.official_date_errors(admitted_on, official_on)
    if official:
        errors.setdefault("official_on", []).extend(official)
    if card_number:
        errors.update(rules.card_number_errors(card_number))
        if official_on is None:
            errors.setdefault("card_number", []).append("Chỉ đảng viên chính thức mới được cấp thẻ.")
        taken = check_unique and (
            Member.objects.exclude(pk=exclude_member_id)
            .filter(card_number=card_number)
            .select_related("person")
            .first()
        )
        if taken:
            seen = taken.person_id in holders_in_sight(actor, [taken.person_id])
            message = card_taken_message(card_number, taken.person.full_name if seen else None)
            errors.setdefault("card_number", []).append(message)
    return errors


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise RuleViolation(errors)


def _event(member: Member, type_: str, on: date, organization: Organization, **extra) -> MemberEvent:
    return MemberEvent.objects.create(member=member, type=type_, date=on, organization=organization, **extra)


@transaction.atomic
def create_member(
    actor,
    *,
    person: dict | Person,
    organization: Organization,
    admitted_on: date,
    official_on: date | None = None,
    card_number: str | None = None,
    over_age_approval: str = "",
    decision_number: str = "",
    reason: str = "",
    today: date | None = None,
    age_on: date | None = None,
) -> Member:
    """Record a member (a new admission, or an existing member being entered into the registry).

    `person` is the person's data, or a `Person` already recorded (a candidate of the admission pipeline);
    `age_on` is the day the admission age is judged on (the cell's resolution), the admission date by default.
    """
    require_write(actor, organization.pk)
    today = today or timezone.localdate()
    existing = person if isinstance(person, Person) else None
    if existing is None:
        data = clean_person_data(person)
        errors = person_errors(data, today, actor=actor)
    else:
        data = {name: getattr(existing, name) for name in PERSON_FIELDS}
        errors = {}
        if Member.objects.filter(person=existing).exists():
            errors["person"] = [f"{existing.full_name} đã có hồ sơ đảng viên."]
    card_number = nfc(card_number) or None
    errors.update(
        membership_errors(
            birth_date=data.get("birth_date"),
            organization=organization,
            admitted_on=admitted_on,
            official_on=official_on,
            card_number=card_number,
            over_age_approval=nfc(over_age_approval),
            today=today,
            age_on=age_on,
            actor=actor,
        )
    )
    _raise_if(errors)
    person_obj = existing or Person.objects.create(**data)
    member = Member.objects.create(
        person=person_obj,
        organization=organization,
        admitted_on=admitted_on,
        official_on=official_on,
        status=Status.OFFICIAL if official_on else Status.PROBATIONARY,
        card_number=card_number,
        over_age_approval=nfc(over_age_approval),
    )
    Placement.objects.create(member=member, organization=organization, valid_from=admitted_on)
    _event(member, EventType.ADMITTED, admitted_on, organization, decision_number=nfc(decision_number))
    if official_on:
        _event(member, EventType.RECOGNIZED_OFFICIAL, official_on, organization)
    if card_number:
        _event(member, EventType.CARD_ISSUED, official_on or admitted_on, organization, detail=card_number)
    audit.record(
        actor,
        MembersAudit.MEMBER_CREATE,
        member,
        after={**audit.snapshot(person_obj), **audit.snapshot(member)},
        organization=organization,
        reason=reason or decision_number,
    )
    return member


def _person_change(actor, person: Person, data: dict, today: date) -> tuple[dict, dict[str, list[str]]]:
    """A person's details after the change, and the errors of the change (nothing written)."""
    merged = {name: getattr(person, name) for name in PERSON_FIELDS}
    merged.update(clean_person_data(data))
    return merged, person_errors(merged, today, exclude_person_id=person.pk, actor=actor)


def _save_person(actor, person: Person, merged: dict, reason: str) -> None:
    before = audit.snapshot(person)
    for name, value in merged.items():
        setattr(person, name, value)
    person.save()
    after = audit.snapshot(person)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if changed:
        member = getattr(person, "membership", None)
        audit.record(
            actor,
            MembersAudit.PERSON_UPDATE,
            person,
            before={k: before[k] for k in changed},
            after=changed,
            organization=member.organization if member else None,
            reason=reason,
        )


def _membership_change(
    actor, member: Member, *, admitted_on: date | None, official_on: date | None, card_number: str | None, today: date
) -> tuple[dict, dict[str, list[str]]]:
    """A membership's dates and card after the change, and the errors of the change (nothing written)."""
    admitted_on = admitted_on or member.admitted_on
    card_number = nfc(card_number) or None if card_number is not None else member.card_number
    errors = membership_errors(
        birth_date=member.person.birth_date,
        organization=member.organization,
        admitted_on=admitted_on,
        official_on=official_on,
        card_number=card_number,
        over_age_approval=member.over_age_approval,
        today=today,
        exclude_member_id=member.pk,
        check_age=admitted_on != member.admitted_on,
        actor=actor,
    )
    return {"admitted_on": admitted_on, "official_on": official_on, "card_number": card_number}, errors


def _save_membership(actor, member: Member, values: dict, reason: str) -> None:
    before = audit.snapshot(member)
    member.admitted_on, member.official_on, member.card_number = (
        values["admitted_on"],
        values["official_on"],
        values["card_number"],
    )
    if member.status in (Status.PROBATIONARY, Status.OFFICIAL):
        member.status = Status.OFFICIAL if member.official_on else Status.PROBATIONARY
    member.save()
    audit.record(
        actor, MembersAudit.MEMBER_UPDATE, member, before=before, organization=member.organization, reason=reason
    )


@transaction.atomic
def update_person(actor, person: Person, data: dict, *, reason: str = "", today: date | None = None) -> Person:
    """Sửa lý lịch: change a person's details; the before and after go to the audit trail."""
    member = getattr(person, "membership", None)
    if member is not None:
        require_write(actor, member.organization_id)
    elif actor is not None and not scope_for(actor).is_admin:
        raise RuleViolation("Chỉ quản trị hệ thống được sửa hồ sơ người ngoài danh sách đảng viên.")
    merged, errors = _person_change(actor, person, data, today or timezone.localdate())
    _raise_if(errors)
    _save_person(actor, person, merged, reason)
    return person


@transaction.atomic
def update_membership(
    actor,
    member: Member,
    *,
    admitted_on: date | None = None,
    official_on: date | None = None,
    card_number: str | None = None,
    reason: str = "",
    today: date | None = None,
) -> Member:
    """Correct the dates or the card number of a membership."""
    require_write(actor, member.organization_id)
    values, errors = _membership_change(
        actor,
        member,
        admitted_on=admitted_on,
        official_on=official_on,
        card_number=card_number,
        today=today or timezone.localdate(),
    )
    _raise_if(errors)
    _save_membership(actor, member, values, reason)
    return member


@transaction.atomic
def edit_member(
    actor,
    member: Member,
    person_data: dict,
    *,
    admitted_on: date | None,
    official_on: date | None,
    card_number: str | None,
    reason: str = "",
    today: date | None = None,
) -> Member:
    """Sửa hồ sơ đảng viên: a member's details and membership in one change. Every error of both parts is
    reported together, and nothing is written unless all of it is right."""
    require_write(actor, member.organization_id)
    today = today or timezone.localdate()
    merged, errors = _person_change(actor, member.person, person_data, today)
    values, membership = _membership_change(
        actor, member, admitted_on=admitted_on, official_on=official_on, card_number=card_number, today=today
    )
    _raise_if({**errors, **membership})
    _save_person(actor, member.person, merged, reason)
    _save_membership(actor, member, values, reason)
    return member


def _active(member: Member, on: date) -> None:
    if member.status == Status.LEFT:
        raise RuleViolation(f"{member.person.full_name} đã ra khỏi Đảng ngày {member.left_on:%d/%m/%Y}.")
    if on < member.admitted_on:
        raise RuleViolation("Ngày của sự kiện trước ngày vào Đảng.", "date")
    if on > timezone.localdate():
        raise RuleViolation(f"Ngày {on:%d/%m/%Y} ở tương lai.", "date")


@transaction.atomic
def recognize_official(
    actor, member: Member, *, on: date, decision_number: str = "", probation_from: date | None = None
) -> Member:
    """Công nhận chính thức: the official date is the end of the probation months, even when approved late.

    Probation runs from `probation_from` (the admission ceremony, Điều lệ Đảng Điều 5 khoản 1, when the
    pipeline recorded it), else from the admission date.
    """
    require_write(actor, member.organization_id)
    _active(member, on)
    if member.status != Status.PROBATIONARY:
        raise RuleViolation(f"{member.person.full_name} không phải đảng viên dự bị.")
    start = probation_from or member.admitted_on
    official_on = rules.add_months(start, party_rules.param("probation.months", start))
    if on < official_on:
        raise RuleViolation(f"Chưa hết thời gian dự bị: sớm nhất ngày {official_on:%d/%m/%Y}.", "date")
    before = audit.snapshot(member)
    member.official_on, member.status = official_on, Status.OFFICIAL
    member.save()
    _event(
        member,
        EventType.RECOGNIZED_OFFICIAL,
        official_on,
        member.organization,
        decision_number=nfc(decision_number),
        detail=f"Quyết định ngày {on:%d/%m/%Y}",
    )
    audit.record(
        actor,
        MembersAudit.MEMBER_RECOGNIZE_OFFICIAL,
        member,
        before=before,
        organization=member.organization,
        reason=decision_number,
    )
    return member


def _replace_placement(member: Member, to: Organization | None, on: date) -> None:
    Placement.objects.filter(member=member, valid_to=OPEN_END).update(valid_to=on)
    Placement.objects.filter(member=member, valid_from=on, valid_to=on).delete()
    if to is not None:
        Placement.objects.create(member=member, organization=to, valid_from=on)


def _placement_on(member: Member, on: date) -> Placement | None:
    return Placement.objects.filter(member=member, valid_from__lte=on, valid_to__gt=on).first()


@transaction.atomic
def transfer(
    actor, member: Member, *, on: date, to: Organization | None = None, other_unit: str = "", decision_number: str = ""
) -> Member:
    """Chuyển sinh hoạt chính thức: to another cell of the system, or out to a unit outside it.

    A day in the past, before later records, corrects the history: the member is registered in `to` from
    `on` until the next recorded change (a later transfer, or leaving the Party, so a member who has left
    since can be transferred on a day before), and what was recorded at the old cell in between is recorded
    at the new one."""
    placement = _placement_on(member, on)
    source = placement.organization if placement else member.organization
    require_write(actor, source.pk)
    back_dated = member.status == Status.LEFT and member.left_on and on < member.left_on and to is not None
    if not back_dated:
        _active(member, on)
    elif on < member.admitted_on:
        raise RuleViolation("Ngày của sự kiện trước ngày vào Đảng.", "date")
    if placement is None:
        raise RuleViolation(f"{member.person.full_name} không sinh hoạt tại chi bộ nào ngày {on:%d/%m/%Y}.", "date")
    if to is not None:
        require_write(actor, to.pk)
        if to.kind not in MEMBER_UNIT_KINDS or not to.is_active(on):
            raise RuleViolation(f"{to.name} không phải chi bộ đang hoạt động ngày {on:%d/%m/%Y}.", "to")
        if to.pk == source.pk:
            raise RuleViolation("Đảng viên đang sinh hoạt tại chi bộ này.", "to")
        if to.dissolved_on and to.dissolved_on < placement.valid_to:
            raise RuleViolation(
                f"{to.name} kết thúc hoạt động ngày {to.dissolved_on:%d/%m/%Y}, khi đảng viên "
                "còn sinh hoạt: ghi việc chuyển tiếp theo trước.",
                "to",
            )
    elif not nfc(other_unit):
        raise RuleViolation("Cần chọn chi bộ nơi đến hoặc ghi đơn vị ngoài hệ thống.", "to")
    elif placement.valid_to != OPEN_END:
        raise RuleViolation(
            f"{member.person.full_name} đã chuyển hoặc ra khỏi Đảng sau ngày {on:%d/%m/%Y}: sửa việc đó trước.", "date"
        )
    before = {**audit.snapshot(member), "placement": [source.pk, str(placement.valid_from), str(placement.valid_to)]}
    last = not Placement.objects.filter(member=member, valid_from__gt=on).exists()
    _event(
        member,
        EventType.TRANSFERRED_OUT,
        on,
        source,
        other_organization=to,
        other_unit=nfc(other_unit),
        decision_number=nfc(decision_number),
    )
    end = cut_at(placement, on)
    if to is not None:
        Placement.objects.create(member=member, organization=to, valid_from=on, valid_to=end)
        # what was recorded at the old cell while the member was in fact registered in the new one
        # (on the day that registration ended, the leaving or the transfer away was from the new one too)
        between = Q(date__gt=on, date__lt=end) | (Q(date=end) & ~Q(type=EventType.TRANSFERRED_IN))
        member.events.filter(between, organization=source).update(organization=to)
        member.events.filter(type=EventType.TRANSFERRED_IN, date=end, other_organization=source).update(
            other_organization=to
        )
        _event(
            member, EventType.TRANSFERRED_IN, on, to, other_organization=source, decision_number=nfc(decision_number)
        )
        if last:
            member.organization = to
    else:
        member.status, member.left_on, member.left_reason = Status.LEFT, on, LeftReason.TRANSFERRED_OUT
    member.save()
    audit.record(
        actor,
        MembersAudit.MEMBER_TRANSFER,
        member,
        before=before,
        after={**audit.snapshot(member), "to": to.pk if to else nfc(other_unit), "on": str(on)},
        organization=source,
        reason=decision_number,
    )
    return member


@transaction.atomic
def transfer_in(
    actor,
    *,
    person: dict,
    organization: Organization,
    on: date,
    admitted_on: date,
    official_on: date | None,
    from_unit: str,
    card_number: str | None = None,
    decision_number: str = "",
) -> Member:
    """Tiếp nhận sinh hoạt: a member arriving from outside the system."""
    member = create_member(
        actor,
        person=person,
        organization=organization,
        admitted_on=admitted_on,
        official_on=official_on,
        card_number=card_number,
        reason=decision_number,
    )
    # The membership is counted here only from the day it arrived.
    Placement.objects.filter(member=member).update(valid_from=on)
    MemberEvent.objects.filter(member=member, type=EventType.ADMITTED).update(other_unit=nfc(from_unit))
    _event(
        member,
        EventType.TRANSFERRED_IN,
        on,
        organization,
        other_unit=nfc(from_unit),
        decision_number=nfc(decision_number),
    )
    return member


@transaction.atomic
def exempt(actor, member: Member, *, on: date, reason: str, decision_number: str = "", detail: str = "") -> Member:
    """Miễn công tác và sinh hoạt đảng: for old age or poor health only (`reason`, the rule in force on the day),
    asked by the member, decided by the cell (`decision_number`: its resolution)."""
    require_write(actor, member.organization_id)
    _active(member, on)
    if member.status != Status.OFFICIAL:
        raise RuleViolation("Chỉ đảng viên chính thức được miễn công tác và sinh hoạt đảng.")
    rule = party_rules.rule("members.exemption_reasons", on)
    if reason not in rule.value:
        raise RuleViolation(
            f"Chỉ miễn công tác và sinh hoạt đảng vì tuổi cao hoặc sức khỏe yếu ({rule.regulation}).", "reason"
        )
    before = audit.snapshot(member)
    member.status = Status.EXEMPTED
    member.save()
    said = ExemptionReason(reason).label + (f"; {nfc(detail)}" if nfc(detail) else "")
    _event(member, EventType.EXEMPTED, on, member.organization, decision_number=nfc(decision_number), detail=said)
    audit.record(
        actor,
        MembersAudit.MEMBER_EXEMPT,
        member,
        before=before,
        organization=member.organization,
        reason=decision_number,
    )
    return member


@transaction.atomic
def end_exemption(actor, member: Member, *, on: date, decision_number: str = "", detail: str = "") -> Member:
    """Trở lại công tác và sinh hoạt đảng: the cell ends an exemption (the member's health allows it again); from
    that day the member is an official member who takes part, is rated and counted as such."""
    require_write(actor, member.organization_id)
    _active(member, on)
    if member.status != Status.EXEMPTED:
        raise RuleViolation("Đảng viên này không được miễn công tác và sinh hoạt đảng.")
    since = member.events.filter(type=EventType.EXEMPTED).order_by("-date").values_list("date", flat=True).first()
    if since and on < since:
        raise RuleViolation(f"Ngày trở lại sinh hoạt phải từ ngày được miễn ({since:%d/%m/%Y}) trở đi.", "date")
    before = audit.snapshot(member)
    member.status = Status.OFFICIAL
    member.save()
    _event(
        member,
        EventType.EXEMPTION_ENDED,
        on,
        member.organization,
        decision_number=nfc(decision_number),
        detail=nfc(detail),
    )
    audit.record(
        actor,
        MembersAudit.MEMBER_END_EXEMPTION,
        member,
        before=before,
        organization=member.organization,
        reason=decision_number,
    )
    return member


@transaction.atomic
def leave(actor, member: Member, *, on: date, reason: str, decision_number: str = "", discipline=None) -> Member:
    """Ra khỏi Đảng: struck off, resigned, expelled or deceased. The record stays, with its history.
    Expulsion (khai trừ) is a discipline: only the recorded discipline decision (`discipline`) expels."""
    require_write(actor, member.organization_id)
    _active(member, on)
    if reason not in (LeftReason.STRUCK_OFF, LeftReason.RESIGNED, LeftReason.EXPELLED, LeftReason.DECEASED):
        raise RuleViolation("Lý do ra khỏi Đảng không hợp lệ.", "reason")
    if reason == LeftReason.EXPELLED and discipline is None:
        raise RuleViolation(
            "Khai trừ là một hình thức kỷ luật: ghi quyết định kỷ luật khai trừ ở mục Kỷ luật; "
            "đảng viên ra khỏi Đảng theo quyết định đó.",
            "reason",
        )
    before = audit.snapshot(member)
    member.status, member.left_on, member.left_reason = Status.LEFT, on, reason
    member.save()
    _replace_placement(member, None, on)
    _event(
        member,
        EventType.LEFT,
        on,
        member.organization,
        decision_number=nfc(decision_number),
        detail=LeftReason(reason).label,
    )
    audit.record(
        actor,
        MembersAudit.MEMBER_LEAVE,
        member,
        before=before,
        organization=member.organization,
        reason=decision_number,
    )
    return member


@transaction.atomic
def readmit(actor, member: Member, *, organization: Organization, on: date, decision_number: str = "") -> Member:
    """Kết nạp lại: the membership of a person who left opens again, probationary, registered in `organization`
    from the decision's date `on`. Its Party age counts from the first admission less the time without activity
    (`party_age_from`, from the placements' break). The admission pipeline checks the re-admission rules
    (`admission.rules.readmission_errors`) before it calls this."""
    require_write(actor, organization.pk)
    if member.status != Status.LEFT or member.left_on is None:
        raise RuleViolation(f"{member.person.full_name} đang là đảng viên: không kết nạp lại.")
    if organization.kind not in MEMBER_UNIT_KINDS or not organization.is_active(on):
        raise RuleViolation(f"{organization.name} không phải chi bộ hoạt động ngày {on:%d/%m/%Y}.", "organization")
    if on <= member.left_on:
        raise RuleViolation(f"Ngày kết nạp lại phải sau ngày ra khỏi Đảng ({member.left_on:%d/%m/%Y}).", "on")
    before = audit.snapshot(member)
    Placement.objects.create(member=member, organization=organization, valid_from=on)
    gaps = rules.inactive_periods(Placement.objects.filter(member=member).values_list("valid_from", "valid_to"))
    member.organization, member.status, member.official_on = organization, Status.PROBATIONARY, None
    member.left_on, member.left_reason = None, ""
    member.card_number = None  # cards go to official members; the card's event keeps the old number
    member.party_age_from = rules.party_age_start(member.admitted_on, gaps)
    member.save()
    _event(
        member,
        EventType.READMITTED,
        on,
        organization,
        decision_number=nfc(decision_number),
        detail=f"Tuổi đảng tính từ {member.party_age_from:%d/%m/%Y} (trừ thời gian không sinh hoạt đảng)",
    )
    audit.record(
        actor, MembersAudit.MEMBER_READMIT, member, before=before, organization=organization, reason=decision_number
    )
    return member


@transaction.atomic
def record_temporary_transfer(
    actor,
    member: Member,
    *,
    on: date,
    host: Organization | None = None,
    other_unit: str = "",
    decision_number: str = "",
) -> None:
    """Sinh hoạt tạm thời (at a host cell, or abroad): the member stays registered, and counted, at home; the
    events only say where they went from `on`. The `transfers` app calls it with the letter's authority."""
    require_write(actor, member.organization_id)
    _active(member, on)
    home = member.organization
    _event(
        member,
        EventType.TEMPORARY_OUT,
        on,
        home,
        other_organization=host,
        other_unit=nfc(other_unit),
        decision_number=nfc(decision_number),
    )
    if host is not None:
        _event(member, EventType.TEMPORARY_IN, on, host, other_organization=home, decision_number=nfc(decision_number))


@transaction.atomic
def record_card(actor, member: Member, *, number: str, on: date, detail: str = "") -> Member:
    """Cấp (or cấp lại) thẻ đảng viên: official members only, one number per card; the event keeps the number.
    The `transfers` app's card register calls it."""
    require_write(actor, member.organization_id)
    number = nfc(number)
    errors = membership_errors(
        birth_date=member.person.birth_date,
        organization=member.organization,
        admitted_on=member.admitted_on,
        official_on=member.official_on,
        card_number=number,
        over_age_approval=member.over_age_approval,
        today=timezone.localdate(),
        exclude_member_id=member.pk,
        check_age=False,
        actor=actor,
    )
    if not number:
        errors.setdefault("card_number", []).append("Cần ghi số thẻ đảng viên.")
    if member.status not in (Status.OFFICIAL, Status.EXEMPTED):
        errors.setdefault("card_number", []).append("Chỉ đảng viên chính thức mới được cấp thẻ.")
    _raise_if({k: v for k, v in errors.items() if k == "card_number"})
    before = audit.snapshot(member)
    member.card_number = number
    member.save(update_fields=["card_number"])
    _event(member, EventType.CARD_ISSUED, on, member.organization, detail=nfc(detail) or number)
    audit.record(
        actor, MembersAudit.MEMBER_CARD, member, before=before, organization=member.organization, reason=number
    )
    return member
