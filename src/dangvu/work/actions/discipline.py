"""Discipline decisions (quyết định kỷ luật) and their effect on the member's record.

A member's discipline adds a 'disciplined' event to the membership; dismissal (cách chức) ends the post it
names; expulsion (khai trừ) ends the membership through `members.actions.leave`. The dissolution (giải tán) of
an organization is recorded, not executed: carrying it out means moving its members and sub-organizations
first, which the organization pages do with their own decisions and dates (`organizations.actions.dissolve`).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from dangvu.accounts.scope import INSPECT
from dangvu.core import audit
from dangvu.core import rules as party_rules
from dangvu.core.errors import RuleViolation, length_errors
from dangvu.core.text import nfc
from dangvu.members import actions as member_actions
from dangvu.members.models import EventType, LeftReason, Member, MemberEvent
from dangvu.organizations import actions as org_actions
from dangvu.organizations.models import Organization, Position
from dangvu.work.audit_actions import WorkAudit

from .. import rules
from ..models import Discipline, DisciplineForm, Oversight
from .common import add, ever_under, member_ever_under, raise_if, require


def _valid_on(position: Position, on: date) -> bool:
    return position.valid_from <= on < position.valid_to


def _organization_subject_errors(
    errors: dict[str, list[str]],
    organization: Organization | None,
    subject: Organization,
    position: Position | None,
    decided_on: date,
) -> None:
    """An organization disciplined: existing on the day, under the deciding one, with no personal post."""
    if subject.established_on > decided_on:
        errors["subject"] = [f"{subject.name} chưa thành lập vào ngày quyết định."]
    elif organization is not None and not ever_under(subject, organization, strictly=True):
        errors["subject"] = [f"{subject.name} không phải tổ chức cấp dưới của {organization.name}."]
    if position is not None:
        errors["position"] = ["Kỷ luật tổ chức đảng không gắn với chức vụ cá nhân."]


def _member_subject_errors(
    errors: dict[str, list[str]],
    organization: Organization | None,
    member: Member,
    position: Position | None,
    form: str,
    decided_on: date,
) -> None:
    """A member disciplined: in the deciding organization; a post only with dismissal, theirs on the day."""
    name = member.person.full_name
    if organization is not None and not member_ever_under(member, organization):
        errors["subject"] = [f"{name} không sinh hoạt trong {organization.name}."]
    if position is not None:
        if position.person_id != member.person_id:
            errors["position"] = [f"Chức vụ đã chọn không phải của {name}."]
        elif not _valid_on(position, decided_on):
            errors["position"] = [f"{name} không giữ chức vụ này vào ngày {decided_on:%d/%m/%Y}."]
        elif form != DisciplineForm.DISMISSAL:
            errors["position"] = ["Chỉ chọn chức vụ khi kỷ luật cách chức."]


def discipline_errors(
    *,
    organization: Organization | None,
    body: str,
    decided_on: date | None,
    form: str,
    decision_number: str,
    reason: str,
    subject_organization: Organization | None,
    subject_member: Member | None,
    position: Position | None,
    oversight: Oversight | None,
    today: date,
) -> tuple[dict[str, list[str]], str]:
    """The errors of a decision, and the subject kind ("organization", "official", "probationary")."""
    errors: dict[str, list[str]] = {}
    subject = ""
    if decided_on is None:
        errors["decided_on"] = ["Ngày quyết định không được để trống."]
        decided_on = today
    elif decided_on > today:
        errors["decided_on"] = [f"Ngày quyết định {decided_on:%d/%m/%Y} ở tương lai."]
    if not decision_number:
        errors["decision_number"] = ["Số quyết định không được để trống."]
    if not reason:
        errors["reason"] = ["Cần ghi nội dung vi phạm, lý do kỷ luật."]
    add(errors, rules.active_errors("organization", organization, decided_on, "cấp quyết định"))
    add(errors, rules.body_errors(organization, body, decided_on))
    if (subject_organization is None) == (subject_member is None):
        errors["subject"] = ["Chọn một đối tượng: một tổ chức đảng hoặc một đảng viên."]
        return errors, subject
    if subject_organization is not None:
        subject = "organization"
        _organization_subject_errors(errors, organization, subject_organization, position, decided_on)
    else:
        status = rules.member_status_on(subject_member, decided_on)
        if status is None:
            errors["subject"] = [
                f"{subject_member.person.full_name} không phải đảng viên vào ngày {decided_on:%d/%m/%Y}."
            ]
            return errors, subject
        subject = status
        _member_subject_errors(errors, organization, subject_member, position, form, decided_on)
    holds_post = position is not None and not errors.get("position")
    add(errors, rules.discipline_form_errors(subject, form, decided_on, holds_post=holds_post))
    if oversight is not None and organization is not None and not ever_under(oversight.organization, organization):
        errors["oversight"] = ["Cuộc kiểm tra đã chọn không thuộc cấp quyết định."]
    return errors, subject


@transaction.atomic
def decide_discipline(
    actor,
    *,
    organization: Organization,
    body: str,
    decided_on: date,
    form: str,
    decision_number: str,
    reason: str,
    subject_organization: Organization | None = None,
    subject_member: Member | None = None,
    position: Position | None = None,
    oversight: Oversight | None = None,
    note: str = "",
    today: date | None = None,
) -> Discipline:
    """Ghi quyết định kỷ luật, judged by the discipline rules in force on its date, and apply its effect."""
    require(actor, organization.pk if organization else None, INSPECT)
    decision_number, reason = nfc(decision_number), nfc(reason)
    errors, subject = discipline_errors(
        organization=organization,
        body=body,
        decided_on=decided_on,
        form=form,
        decision_number=decision_number,
        reason=reason,
        subject_organization=subject_organization,
        subject_member=subject_member,
        position=position,
        oversight=oversight,
        today=today or timezone.localdate(),
    )
    raise_if(errors)
    key = "discipline.forms.organization" if subject == "organization" else f"discipline.forms.{subject}"
    decision = Discipline.objects.create(
        organization=organization,
        body=body,
        subject_organization=subject_organization,
        subject_member=subject_member,
        member_status="" if subject == "organization" else subject,
        form=form,
        position=position,
        decided_on=decided_on,
        decision_number=decision_number,
        reason=reason,
        oversight=oversight,
        regulation=party_rules.rule(key, decided_on).regulation,
        note=nfc(note),
    )
    if subject_member is not None:
        detail = f"{DisciplineForm(form).label}: {reason}"[:300]
        decision.member_event = MemberEvent.objects.create(
            member=subject_member,
            type=EventType.DISCIPLINED,
            date=decided_on,
            organization=subject_member.organization,
            other_organization=organization,
            decision_number=decision_number,
            detail=detail,
        )
        decision.save(update_fields=["member_event"])
        if form == DisciplineForm.DISMISSAL:
            org_actions.end_position(
                actor, position, on=decided_on, decision_number=decision_number, capability=INSPECT
            )
        if form == DisciplineForm.EXPULSION:
            # The deciding body holds INSPECT, not WRITE, over the member registry: the membership ends as
            # the decision's consequence, recorded by the system with the decision number.
            member_actions.leave(
                None,
                subject_member,
                on=decided_on,
                reason=LeftReason.EXPELLED,
                decision_number=decision_number,
                discipline=decision,
            )
    audit.record(actor, WorkAudit.DISCIPLINE_DECIDE, decision, organization=organization, reason=decision_number)
    return decision


@transaction.atomic
def update_discipline(actor, decision: Discipline, *, decision_number: str, reason: str, note: str = "") -> Discipline:
    """Correct the number, the reason or the note; form, subject and date carry effects (re-enter them)."""
    require(actor, decision.organization_id, INSPECT)
    errors = {}
    if not nfc(decision_number):
        errors["decision_number"] = ["Số quyết định không được để trống."]
    if not nfc(reason):
        errors["reason"] = ["Cần ghi nội dung vi phạm, lý do kỷ luật."]
    add(
        errors,
        length_errors(Discipline, {"decision_number": nfc(decision_number), "reason": nfc(reason), "note": nfc(note)}),
    )
    raise_if(errors)
    before = audit.snapshot(decision)
    decision.decision_number, decision.reason, decision.note = nfc(decision_number), nfc(reason), nfc(note)
    decision.save()
    if decision.member_event_id:
        MemberEvent.objects.filter(pk=decision.member_event_id).update(
            decision_number=decision.decision_number,
            detail=f"{decision.get_form_display()}: {decision.reason}"[:300],
        )
    audit.record(actor, WorkAudit.DISCIPLINE_UPDATE, decision, before=before, organization=decision.organization)
    return decision


@transaction.atomic
def delete_discipline(actor, decision: Discipline) -> None:
    """Remove a decision entered by mistake, with the event it added. Dismissal and expulsion have been
    carried out (a post ended, a membership ended) and cannot be taken back by deleting the record."""
    require(actor, decision.organization_id, INSPECT)
    if decision.form in (DisciplineForm.DISMISSAL, DisciplineForm.EXPULSION):
        raise RuleViolation(
            f"Quyết định {decision.get_form_display().lower()} đã được thi hành, không xóa được; "
            "nếu quyết định bị hủy hoặc thay đổi, ghi quyết định mới và điều chỉnh hồ sơ đảng viên."
        )
    audit.record(
        actor,
        WorkAudit.DISCIPLINE_DELETE,
        decision,
        before=audit.snapshot(decision),
        organization=decision.organization,
        object_label=str(decision),
    )
    event_id = decision.member_event_id
    decision.delete()
    if event_id:
        MemberEvent.objects.filter(pk=event_id).delete()
