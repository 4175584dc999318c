"""Every change of the dues records. Each action takes the caller's `Scope` first, checks it, collects every
error before writing, writes, and records its audit event, in one transaction."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dangvu.accounts.scope import WRITE, Scope
from dangvu.core import audit
from dangvu.core import rules as party_rules
from dangvu.core.batch import insert_rows, update_rows
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.dues.audit_actions import DuesAudit
from dangvu.members import actions as member_actions
from dangvu.members.models import LeftReason, Member
from dangvu.organizations.models import MEMBER_UNIT_KINDS, OPEN_END, Ancestry, Kind, Organization

from . import compute, queries, rules
from .models import (
    Basis,
    Decision,
    DecisionKind,
    DecisionReason,
    KeptShare,
    Line,
    Method,
    ProposalStatus,
    Remittance,
    StrikeOffProposal,
)


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise RuleViolation(errors)


def recompute_from(member: Member, first_month: date) -> None:
    """Lines already written from that month on follow the new records."""
    compute.refresh_from({member.pk: first_month})


def basis_write(member: Member, *, kind: str, amount: int, first_month: date, note: str = "") -> Basis:
    """Write a basis from a month on (no scope, no audit: `set_basis` calls it)."""
    Basis.objects.filter(member=member, valid_from=first_month).delete()
    later = Basis.objects.filter(member=member, valid_from__gt=first_month).order_by("valid_from").first()
    Basis.objects.filter(member=member, valid_from__lt=first_month, valid_to__gt=first_month).update(
        valid_to=first_month
    )
    return Basis.objects.create(
        member=member,
        kind=kind,
        amount=amount,
        valid_from=first_month,
        valid_to=later.valid_from if later else OPEN_END,
        note=nfc(note),
    )


@dataclass
class BasisRow:
    """A basis of a batch (`bases_write_many`): held (with its key) or new (without)."""

    member_id: int
    valid_from: date
    valid_to: date
    kind: str = ""
    amount: int = 0
    note: str = ""
    pk: int | None = None
    held_to: date | None = None  # valid_to as held, for a basis already written


def bases_write_many(items: list[tuple[int, str, int, date, str]]) -> int:
    """`basis_write` for many (member id, kind, amount, first month, note) in their order (the bases import):
    the members' bases read once, each item applied to them in Python as `basis_write` does in the database
    (a basis from the same month replaced, the one running through the month ended there, the new one running
    to the next), then written in a few statements (`core.batch`). Inside the caller's transaction; the number
    of bases written."""
    held: dict[int, list[BasisRow]] = {}
    ids = list(dict.fromkeys(item[0] for item in items))
    for start in range(0, len(ids), compute.ID_CHUNK):
        for pk, member_id, valid_from, valid_to in (
            Basis.objects.filter(member_id__in=ids[start : start + compute.ID_CHUNK])
            .order_by()
            .values_list("pk", "member_id", "valid_from", "valid_to")
        ):
            held.setdefault(member_id, []).append(BasisRow(member_id, valid_from, valid_to, pk=pk, held_to=valid_to))
    removed: list[int] = []
    for member_id, kind, amount, first_month, note in items:
        spans = held.setdefault(member_id, [])
        removed += [s.pk for s in spans if s.valid_from == first_month and s.pk is not None]
        spans[:] = [s for s in spans if s.valid_from != first_month]
        later = min((s.valid_from for s in spans if s.valid_from > first_month), default=OPEN_END)
        for span in spans:
            if span.valid_from < first_month < span.valid_to:
                span.valid_to = first_month
        spans.append(BasisRow(member_id, first_month, later, kind, amount, nfc(note)))
    for start in range(0, len(removed), compute.ID_CHUNK):
        Basis.objects.filter(pk__in=removed[start : start + compute.ID_CHUNK]).delete()
    every = [span for spans in held.values() for span in spans]
    update_rows(
        Basis, ["valid_to"], [(s.valid_to, s.pk) for s in every if s.pk is not None and s.valid_to != s.held_to]
    )
    return insert_rows(
        Basis,
        ["member", "kind", "amount", "valid_from", "valid_to", "note"],
        [(s.member_id, s.kind, s.amount, s.valid_from, s.valid_to, s.note) for s in every if s.pk is None],
    )


@transaction.atomic
def set_basis(
    scope: Scope, member: Member, *, kind: str, amount: int | None, first_month: date | None, note: str = ""
) -> Basis:
    """Ghi căn cứ đóng đảng phí of a member from a month on (the earlier basis ends there)."""
    scope.require(member.organization_id, WRITE)
    errors = {} if first_month else {"first_month": ["Cần ghi tháng áp dụng."]}
    if first_month:
        first_month = rules.month_start(first_month)
        errors.update(rules.basis_errors(kind, amount, first_month))
    _raise_if(errors)
    basis = basis_write(member, kind=kind, amount=amount, first_month=first_month, note=note)
    recompute_from(member, first_month)
    audit.record(
        scope.user,
        DuesAudit.DUES_BASIS,
        basis,
        organization=member.organization,
        object_label=f"{member.person.full_name}: {basis}",
    )
    return basis


@transaction.atomic
def record_decision(
    scope: Scope,
    member: Member,
    *,
    kind: str,
    percent: int | None = None,
    number: str,
    decided_on: date | None,
    reason: str,
    first_month: date | None,
    last_month: date | None = None,
    detail: str = "",
    today: date | None = None,
) -> Decision:
    """Ghi quyết định miễn hoặc giảm đảng phí (số, ngày, lý do, từ tháng … đến hết tháng …)."""
    scope.require(member.organization_id, WRITE)
    today = today or timezone.localdate()
    number, detail = nfc(number), nfc(detail)
    first_month = rules.month_start(first_month) if first_month else None
    last_month = rules.month_start(last_month) if last_month else None
    errors: dict[str, list[str]] = {}
    if kind not in DecisionKind.values:
        errors["kind"] = ["Loại quyết định không hợp lệ."]
    if reason and reason not in DecisionReason.values:
        errors["reason"] = ["Lý do không hợp lệ."]
    if kind == DecisionKind.EXEMPTION:
        percent = 100
    errors.update(rules.decision_errors(kind, percent, first_month, last_month, decided_on, number, reason))
    if decided_on and decided_on > today:
        errors.setdefault("decided_on", []).append(f"Ngày quyết định {decided_on:%d/%m/%Y} ở tương lai.")
    _raise_if(errors)
    decision = Decision.objects.create(
        member=member,
        kind=kind,
        percent=percent,
        number=number,
        decided_on=decided_on,
        reason=reason,
        detail=detail,
        first_month=first_month,
        last_month=last_month,
        organization=member.organization,
    )
    recompute_from(member, first_month)
    audit.record(
        scope.user,
        DuesAudit.DUES_DECISION,
        decision,
        organization=member.organization,
        reason=number,
        object_label=f"{member.person.full_name}: {decision}",
    )
    return decision


def _cells_of(organization: Organization, month: date) -> list[int]:
    return list(
        Organization.objects.filter(
            pk__in=compute.subtree_cells(organization.pk, month), kind__in=MEMBER_UNIT_KINDS
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def compute_month(scope: Scope, organization: Organization, month: date) -> dict[str, int]:
    """Tính đảng phí tháng: the lines of every member registered in the subtree's cells that month."""
    scope.require(organization.pk, WRITE)
    if not rules.VALID_RANGE[0] <= month <= rules.VALID_RANGE[1]:
        raise RuleViolation(f"Tháng {month:%m/%Y} ngoài thời gian áp dụng chế độ đảng phí.", "month")
    month = rules.month_start(month)
    counts = compute.write_month(
        month, compute.subtree_members(organization.pk, month), organization_ids=_cells_of(organization, month)
    )
    audit.record(
        scope.user,
        DuesAudit.DUES_COMPUTE_MONTH,
        None,
        object_type="organizations.organization",
        object_label=f"Đảng phí tháng {month:%m/%Y}: {organization.name}",
        organization=organization,
        after={"month": str(month), **counts},
    )
    return counts


@dataclass
class PaymentEntry:
    """One member's payment on the quick-entry form or from the portal file."""

    member_id: int
    paid: int | None
    paid_on: date | None = None
    method: str = Method.CASH
    reference: str = ""


def _payment_errors(entry: PaymentEntry, line: Line | None, label: str, today: date) -> list[str]:
    if line is None:
        return [f"{label}: không có trong sổ đảng phí tháng này của chi bộ."]
    if entry.paid is None:
        return []
    errors = []
    if entry.paid < 0:
        errors.append(f"{label}: số tiền không được âm.")
    if entry.method not in Method.values:
        errors.append(f"{label}: hình thức nộp không hợp lệ.")
    if entry.paid_on is None:
        errors.append(f"{label}: cần ghi ngày nộp.")
    elif entry.paid_on > today:
        errors.append(f"{label}: ngày nộp {entry.paid_on:%d/%m/%Y} ở tương lai.")
    elif entry.paid_on < rules.add_months(line.month, -12):
        errors.append(f"{label}: ngày nộp {entry.paid_on:%d/%m/%Y} quá xa trước tháng {line.month:%m/%Y}.")
    return errors


PAYMENT_FIELDS = ("paid", "paid_on", "method", "reference")


def apply_payments(
    lines: dict[int, Line], entries: list[PaymentEntry], today: date, labels: dict[int, str] | None = None
) -> list[Line]:
    """Check every entry against its line, then write the lines that change (the caller holds the
    transaction)."""
    changed = payment_changes(lines, entries, today, labels)
    write_payments(changed)
    return changed


def write_payments(changed: list[Line]) -> None:
    """The payments of the lines, in a few statements (`core.batch`; inside the caller's transaction)."""
    update_rows(
        Line, PAYMENT_FIELDS, ([line.paid, line.paid_on, line.method, line.reference, line.pk] for line in changed)
    )


def payment_changes(
    lines: dict[int, Line], entries: list[PaymentEntry], today: date, labels: dict[int, str] | None = None
) -> list[Line]:
    """Check every entry against its line (RuleViolation with every error), then put the payments on the
    lines (not written) and answer the lines that change."""
    errors: dict[str, list[str]] = {}
    for entry in entries:
        label = (labels or {}).get(entry.member_id, f"Đảng viên #{entry.member_id}")
        if messages := _payment_errors(entry, lines.get(entry.member_id), label, today):
            errors[f"member-{entry.member_id}"] = messages
    _raise_if(errors)
    changed = []
    for entry in entries:
        line = lines[entry.member_id]
        new = (
            entry.paid,
            entry.paid_on if entry.paid is not None else None,
            entry.method if entry.paid is not None else "",
            nfc(entry.reference) if entry.paid is not None else "",
        )
        if (line.paid, line.paid_on, line.method, line.reference) != new:
            line.paid, line.paid_on, line.method, line.reference = new
            changed.append(line)
    return changed


@transaction.atomic
def record_payments(
    scope: Scope, cell: Organization, month: date, entries: list[PaymentEntry], *, today: date | None = None
) -> int:
    """Ghi thu đảng phí of a cell's month (the quick entry of the whole sheet): all or nothing."""
    scope.require(cell.pk, WRITE)
    today = today or timezone.localdate()
    month = rules.month_start(month)
    lines = {
        line.member_id: line
        for line in Line.objects.filter(organization=cell, month=month).select_related("member__person")
    }
    labels = {m: line.member.person.full_name for m, line in lines.items()}
    changed = apply_payments(lines, entries, today, labels)
    if changed:
        audit.record(
            scope.user,
            DuesAudit.DUES_PAYMENTS,
            None,
            object_type="organizations.organization",
            object_label=f"Thu đảng phí tháng {month:%m/%Y}: {cell.name}",
            organization=cell,
            after={"month": str(month), "lines": {line.member_id: line.paid for line in changed}},
        )
    return len(changed)


@transaction.atomic
def mark_paid_in_full(
    scope: Scope,
    organization: Organization,
    month: date,
    *,
    paid_on: date,
    method: str = Method.CASH,
    cell_ids: list[int] | None = None,
    except_member_ids: list[int] | tuple = (),
    today: date | None = None,
) -> int:
    """Ghi cả chi bộ đã nộp đủ: every unpaid line of the month in the subtree's cells (or the listed cells of
    it) paid in full on one day by one method, except the listed members (the office entering books that came
    back complete, the demo). Lines already paid stay as they are."""
    scope.require(organization.pk, WRITE)
    today = today or timezone.localdate()
    month = rules.month_start(month)
    if method not in Method.values:
        raise RuleViolation("Hình thức nộp không hợp lệ.", "method")
    if paid_on > today or paid_on < rules.add_months(month, -12):
        raise RuleViolation(f"Ngày nộp {paid_on:%d/%m/%Y} không hợp lệ cho tháng {month:%m/%Y}.", "paid_on")
    cells = _cells_of(organization, month)
    if cell_ids is not None:
        cells = sorted(set(cells) & set(cell_ids))
    count = (
        Line.objects.filter(month=month, organization_id__in=cells, paid__isnull=True, due__gt=0)
        .exclude(member_id__in=list(except_member_ids))
        .update(paid=F("due"), paid_on=paid_on, method=method)
    )
    if count:
        audit.record(
            scope.user,
            DuesAudit.DUES_PAYMENTS,
            None,
            object_type="organizations.organization",
            object_label=f"Thu đảng phí tháng {month:%m/%Y}: {organization.name} ({count} dòng nộp đủ)",
            organization=organization,
            after={"month": str(month), "count": count, "paid_on": str(paid_on), "method": method},
        )
    return count


@transaction.atomic
def propose_strike_off(
    scope: Scope, member: Member, *, year: int, today: date | None = None, note: str = ""
) -> StrikeOffProposal:
    """Chi bộ đề nghị xóa tên: a member with three months of the year unpaid without good reason."""
    scope.require(member.organization_id, WRITE)
    today = today or timezone.localdate()
    unpaid = queries.unpaid_months(member, year, today)
    needed = party_rules.param("dues.unpaid_months_strike_off", date(year, 12, 31))
    if len(unpaid) < needed:
        raise RuleViolation(
            f"{member.person.full_name} mới có {len(unpaid)} tháng chưa đóng đảng phí trong năm "
            f"{year}: chưa đủ {needed} tháng để đề nghị xóa tên."
        )
    if StrikeOffProposal.objects.filter(member=member, year=year, status=ProposalStatus.PROPOSED).exists():
        raise RuleViolation(f"Chi bộ đã đề nghị xóa tên {member.person.full_name} năm {year}.")
    proposal = StrikeOffProposal.objects.create(
        member=member,
        organization=member.organization,
        year=year,
        proposed_on=today,
        note=nfc(note),
        unpaid_months=", ".join(f"{m:%m/%Y}" for m in unpaid),
    )
    audit.record(
        scope.user,
        DuesAudit.DUES_PROPOSE_STRIKE_OFF,
        proposal,
        organization=member.organization,
        object_label=f"Đề nghị xóa tên {member.person.full_name}: chưa đóng {proposal.unpaid_months}",
    )
    return proposal


def _deciding_level(organization: Organization, on: date) -> int | None:
    row = Ancestry.objects.filter(descendant=organization, depth=1, valid_from__lte=on, valid_to__gt=on).first()
    return row.ancestor_id if row else organization.parent_id


@transaction.atomic
def decide_strike_off(scope: Scope, proposal: StrikeOffProposal, *, on: date, decision_number: str) -> Member:
    """Cấp ủy cấp trên quyết định xóa tên: the member leaves through the registry's leaving action."""
    scope.require(_deciding_level(proposal.organization, on), WRITE)
    if proposal.status != ProposalStatus.PROPOSED:
        raise RuleViolation("Đề nghị này đã được xử lý.")
    if not nfc(decision_number):
        raise RuleViolation("Cần ghi số quyết định xóa tên.", "decision_number")
    member = member_actions.leave(
        scope.user, proposal.member, on=on, reason=LeftReason.STRUCK_OFF, decision_number=nfc(decision_number)
    )
    proposal.status, proposal.decided_on, proposal.decision_number = ProposalStatus.DECIDED, on, nfc(decision_number)
    proposal.save()
    audit.record(
        scope.user,
        DuesAudit.DUES_DECIDE_STRIKE_OFF,
        proposal,
        organization=proposal.organization,
        reason=decision_number,
        object_label=f"Xóa tên {member.person.full_name} (không đóng đảng phí)",
    )
    return member


@transaction.atomic
def withdraw_proposal(scope: Scope, proposal: StrikeOffProposal, *, note: str) -> StrikeOffProposal:
    scope.require(proposal.organization_id, WRITE)
    if proposal.status != ProposalStatus.PROPOSED:
        raise RuleViolation("Đề nghị này đã được xử lý.")
    if not nfc(note):
        raise RuleViolation("Cần ghi lý do rút đề nghị.", "note")
    proposal.status, proposal.note = ProposalStatus.WITHDRAWN, nfc(note)
    proposal.save()
    audit.record(
        scope.user, DuesAudit.DUES_WITHDRAW_PROPOSAL, proposal, organization=proposal.organization, reason=note
    )
    return proposal


@transaction.atomic
def record_remittance(
    scope: Scope,
    organization: Organization,
    *,
    period_start: date,
    period_months: int,
    amount: int | None,
    sent_on: date | None,
    today: date | None = None,
) -> Remittance:
    """Nộp đảng phí lên cấp trên for a month or a quarter."""
    scope.require(organization.pk, WRITE)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if period_months not in (1, 3):
        errors["period_months"] = ["Kỳ nộp là tháng hoặc quý."]
    period_start = rules.month_start(period_start)
    if period_months == 3 and period_start.month % 3 != 1:
        errors["period_start"] = ["Quý bắt đầu từ tháng 1, 4, 7 hoặc 10."]
    if amount is None or amount <= 0:
        errors["amount"] = ["Số tiền nộp phải lớn hơn 0."]
    if sent_on is None:
        errors["sent_on"] = ["Cần ghi ngày nộp."]
    elif sent_on > today:
        errors["sent_on"] = [f"Ngày nộp {sent_on:%d/%m/%Y} ở tương lai."]
    period_end = rules.month_end(rules.add_months(period_start, period_months - 1))
    recipient_id = _deciding_level(organization, period_end)
    if recipient_id is None:
        errors[""] = [f"{organization.name} không có cấp trên để nộp đảng phí."]
    if Remittance.objects.filter(
        organization=organization, period_start=period_start, period_months=period_months
    ).exists():
        errors.setdefault("period_start", []).append("Kỳ này đã ghi nộp đảng phí.")
    _raise_if(errors)
    remittance = Remittance.objects.create(
        organization=organization,
        recipient_id=recipient_id,
        period_start=period_start,
        period_months=period_months,
        amount=amount,
        sent_on=sent_on,
    )
    audit.record(
        scope.user,
        DuesAudit.DUES_REMIT,
        remittance,
        organization=organization,
        object_label=f"{organization.name} nộp {rules.vnd(amount)} kỳ {period_start:%m/%Y}",
    )
    return remittance


@transaction.atomic
def confirm_receipt(
    scope: Scope, remittance: Remittance, *, received_on: date | None, receipt_number: str, today: date | None = None
) -> Remittance:
    """Cấp trên xác nhận đã nhận đảng phí cấp dưới nộp (with its receipt number)."""
    scope.require(remittance.recipient_id, WRITE)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if remittance.received_on:
        errors[""] = ["Khoản nộp này đã được xác nhận."]
    if received_on is None:
        errors["received_on"] = ["Cần ghi ngày nhận."]
    elif received_on > today or received_on < remittance.sent_on:
        errors["received_on"] = ["Ngày nhận phải từ ngày nộp đến hôm nay."]
    if not nfc(receipt_number):
        errors["receipt_number"] = ["Cần ghi số biên nhận."]
    _raise_if(errors)
    before = audit.snapshot(remittance)
    remittance.received_on, remittance.receipt_number = received_on, nfc(receipt_number)
    remittance.received_by = scope.user if getattr(scope.user, "pk", None) else None
    remittance.save()
    audit.record(scope.user, DuesAudit.DUES_RECEIPT, remittance, before=before, organization=remittance.recipient)
    return remittance


@transaction.atomic
def set_kept_share(scope: Scope, *, kind: str, share: str, valid_from: date | None, source: str) -> KeptShare:
    """The installation's share kept by a kind of organization from a date, with the text it follows."""
    if not scope.is_admin:
        raise RuleViolation("Chỉ quản trị hệ thống được đặt tỷ lệ trích giữ lại đảng phí.")
    errors: dict[str, list[str]] = {}
    if kind not in Kind.values:
        errors["kind"] = ["Loại tổ chức không hợp lệ."]
    try:
        value = Decimal(str(share).replace(",", "."))
        if not Decimal(0) <= value <= Decimal(1):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["share"] = ["Tỷ lệ phải từ 0 đến 1 (ví dụ 0,3)."]
        value = None
    if valid_from is None:
        errors["valid_from"] = ["Cần ghi ngày áp dụng."]
    if not nfc(source):
        errors["source"] = ["Cần ghi căn cứ (văn bản hướng dẫn) của tỷ lệ."]
    _raise_if(errors)
    row = KeptShare.objects.create(kind=kind, share=value, valid_from=valid_from, source=nfc(source))
    audit.record(scope.user, DuesAudit.DUES_KEPT_SHARE, row, reason=source, object_label=f"{kind}: {value}")
    return row
