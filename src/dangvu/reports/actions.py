"""Every change of reports, their narratives, kinds and Word templates, each checked and audited.

Lifecycle: a draft (figures recomputed on each view) is approved, then issued: issuing takes the next number
from the document register, fixes the content and the Word document in the report, records who issued it and
never lets it change again. A mistake in an issued report is corrected by a new report that supersedes it.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from dangvu.accounts.scope import scope_for
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.members.actions import require_write
from dangvu.organizations.models import Organization
from dangvu.reports.audit_actions import ReportsAudit

from . import charts, placeholders, register, word
from .content import TYPE_CODE, build, current_narratives, default_signer
from .models import DocumentTemplate, Narrative, Report, ReportKind, SectionTemplate, Status
from .periods import Period

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024


def require_admin(actor) -> None:
    if actor is not None and not scope_for(actor).is_admin:
        raise RuleViolation("Chỉ quản trị hệ thống được sửa mẫu báo cáo.")


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("organization", "kind").get(pk=report.pk)


def _require_status(report: Report, *allowed: str) -> None:
    if report.status not in allowed:
        if report.is_fixed:
            raise RuleViolation("Báo cáo đã ban hành không được sửa; hãy lập báo cáo thay thế (đính chính).")
        raise RuleViolation(f"Báo cáo đang ở trạng thái “{report.get_status_display()}”: không thực hiện được.")


def _document_date_errors(organization: Organization, period: Period, document_date: date | None) -> list[str]:
    if document_date is None:
        return ["Chưa nhập ngày văn bản."]
    if document_date < period.start:
        return [f"Ngày văn bản ({document_date:%d/%m/%Y}) trước ngày bắt đầu kỳ báo cáo."]
    if not organization.is_active(document_date):
        return [f"{organization.name} không hoạt động vào ngày {document_date:%d/%m/%Y}."]
    return []


@transaction.atomic
def create_report(
    actor,
    *,
    organization: Organization,
    kind: ReportKind,
    period: Period,
    document_date: date,
    summary: str = "",
    signer_post: str | None = None,
    signer_name: str | None = None,
) -> Report:
    """Lập dự thảo báo cáo: a draft report of an organization for a period."""
    require_write(actor, organization.pk)
    errors = _document_date_errors(organization, period, document_date)
    if errors:
        raise RuleViolation({"document_date": errors})
    summary = nfc(summary) or kind.summary_template
    placeholders.check(summary, "summary")
    default_post, default_name = default_signer(organization, document_date)
    report = Report.objects.create(
        organization=organization,
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        document_date=document_date,
        summary=summary,
        signer_post=nfc(signer_post if signer_post is not None else default_post),
        signer_name=nfc(signer_name if signer_name is not None else default_name),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(actor, ReportsAudit.REPORT_CREATE, report, organization=organization)
    return report


@transaction.atomic
def update_report(
    actor,
    report: Report,
    *,
    period: Period | None = None,
    document_date: date | None = None,
    summary: str | None = None,
    signer_post: str | None = None,
    signer_name: str | None = None,
) -> Report:
    """Sửa dự thảo: the period, date, summary or signer of a draft."""
    report = _locked(report)
    require_write(actor, report.organization_id)
    _require_status(report, Status.DRAFT)
    period = period or Period(report.period_start, report.period_end)
    document_date = document_date or report.document_date
    errors = _document_date_errors(report.organization, period, document_date)
    if errors:
        raise RuleViolation({"document_date": errors})
    if summary is not None:
        summary = nfc(summary)
        if not summary:
            raise RuleViolation("Trích yếu không được để trống.", "summary")
        placeholders.check(summary, "summary")
        report.summary = summary
    before = audit.snapshot(
        report, ["period_start", "period_end", "document_date", "summary", "signer_post", "signer_name"]
    )
    report.period_start, report.period_end, report.document_date = period.start, period.end, document_date
    if signer_post is not None:
        report.signer_post = nfc(signer_post)
    if signer_name is not None:
        report.signer_name = nfc(signer_name)
    report.save()
    audit.record(actor, ReportsAudit.REPORT_UPDATE, report, before=before, organization=report.organization)
    return report


@transaction.atomic
def write_narrative(actor, report: Report, slot: str, text: str) -> Narrative | None:
    """Viết nội dung: a new version of a narrative paragraph; earlier versions stay as its history."""
    report = _locked(report)
    require_write(actor, report.organization_id)
    _require_status(report, Status.DRAFT)
    if not report.kind.sections.filter(narrative_slot=slot).exists():
        raise RuleViolation(f"Mẫu “{report.kind.name}” không có mục viết nội dung “{slot}”.", "slot")
    text = "\n".join(nfc(line) for line in (text or "").splitlines()).strip()
    if current_narratives(report).get(slot, "") == text:
        return None
    narrative = Narrative.objects.create(
        report=report, slot=slot, text=text, author=actor if getattr(actor, "pk", None) else None
    )
    audit.record(
        actor,
        ReportsAudit.REPORT_NARRATIVE,
        narrative,
        organization=report.organization,
        object_label=f"{report} – {slot}",
    )
    return narrative


@transaction.atomic
def approve(actor, report: Report) -> Report:
    """Duyệt: the draft is ready to be issued."""
    report = _locked(report)
    require_write(actor, report.organization_id)
    _require_status(report, Status.DRAFT)
    report.status = Status.APPROVED
    report.approved_by = actor if getattr(actor, "pk", None) else None
    report.approved_at = timezone.now()
    report.save()
    audit.record(actor, ReportsAudit.REPORT_APPROVE, report, organization=report.organization)
    return report


@transaction.atomic
def reopen(actor, report: Report) -> Report:
    """Trả lại dự thảo: an approved report goes back to draft to be edited."""
    report = _locked(report)
    require_write(actor, report.organization_id)
    _require_status(report, Status.APPROVED)
    report.status, report.approved_by, report.approved_at = Status.DRAFT, None, None
    report.save()
    audit.record(actor, ReportsAudit.REPORT_REOPEN, report, organization=report.organization)
    return report


@transaction.atomic
def issue(actor, report: Report) -> Report:
    """Ban hành: take the next number, fix content and document, record who issued it.

    The report row is locked first, so two requests issuing the same report cannot both succeed; the register
    locks its counter, so two reports issued at once never share a number.
    """
    report = _locked(report)
    require_write(actor, report.organization_id)
    _require_status(report, Status.APPROVED)
    template, _ = word.current_template(report.kind)
    template_errors = word.template_errors(template)
    if template_errors:
        raise RuleViolation({"template": template_errors})
    # Everything slow (figures, charts) before the number is taken: the register's run stays locked only
    # while the document itself is filled in.
    content = build(report)
    for spec in content["charts"]:
        charts.render(spec)
    entry = register.next_number(
        report.organization, TYPE_CODE, report.document_date, actor=actor, summary=content["summary"], obj=report
    )
    content["header"]["number"] = entry.label
    entry_summary = content["summary"]
    report.document = word.render(content, template, checked=True)
    report.snapshot = content
    report.register_entry = entry
    report.status = Status.ISSUED
    report.issued_by = actor if getattr(actor, "pk", None) else None
    report.issued_at = timezone.now()
    report.save()
    if report.supersedes_id:
        old = Report.objects.select_for_update().get(pk=report.supersedes_id)
        if old.status == Status.ISSUED:
            old.status = Status.SUPERSEDED
            old.save(update_fields=["status"])
    audit.record(
        actor,
        ReportsAudit.REPORT_ISSUE,
        report,
        organization=report.organization,
        after={"number": entry.label, "summary": entry_summary, "figures": content["figures"]},
    )
    return report


@transaction.atomic
def supersede(actor, report: Report) -> Report:
    """Lập báo cáo thay thế: a new draft correcting an issued report, with its paragraphs copied; when it is
    issued (with a new number) the old one is marked superseded. The old one itself never changes."""
    report = _locked(report)
    require_write(actor, report.organization_id)
    if report.status != Status.ISSUED:
        raise RuleViolation("Chỉ báo cáo đã ban hành (chưa bị thay thế) mới lập báo cáo thay thế.")
    pending = Report.objects.filter(supersedes=report).exclude(status__in=(Status.ISSUED, Status.SUPERSEDED))
    if pending.exists():
        raise RuleViolation("Đã có dự thảo thay thế báo cáo này đang soạn.")
    correction = Report.objects.create(
        organization=report.organization,
        kind=report.kind,
        period_start=report.period_start,
        period_end=report.period_end,
        document_date=timezone.localdate(),
        summary=report.summary,
        signer_post=report.signer_post,
        signer_name=report.signer_name,
        supersedes=report,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    for slot, text in current_narratives(report).items():
        Narrative.objects.create(
            report=correction, slot=slot, text=text, author=actor if getattr(actor, "pk", None) else None
        )
    audit.record(
        actor,
        ReportsAudit.REPORT_SUPERSEDE,
        correction,
        organization=report.organization,
        reason=f"Thay thế báo cáo số {report.register_entry.label}",
    )
    return correction


# Kinds and templates ------------------------------------------------------------------------------------------


@transaction.atomic
def update_section(actor, section: SectionTemplate, *, heading: str, text: str) -> SectionTemplate:
    """Sửa câu mẫu of a kind's section; every placeholder must be a known indicator or word."""
    require_admin(actor)
    heading, text = nfc(heading), "\n".join(nfc(line) for line in (text or "").splitlines()).strip()
    if not heading:
        raise RuleViolation("Tiêu đề mục không được để trống.", "heading")
    placeholders.check(heading, "heading")
    placeholders.check(text, "text")
    before = audit.snapshot(section, ["heading", "text"])
    section.heading, section.text = heading, text
    section.save()
    audit.record(actor, ReportsAudit.REPORT_KIND_SECTION, section, before=before)
    return section


@transaction.atomic
def update_kind(actor, kind: ReportKind, *, name: str, summary_template: str) -> ReportKind:
    require_admin(actor)
    name, summary_template = nfc(name), nfc(summary_template)
    if not name or not summary_template:
        raise RuleViolation("Tên loại báo cáo và trích yếu không được để trống.")
    placeholders.check(summary_template, "summary_template")
    before = audit.snapshot(kind, ["name", "summary_template"])
    kind.name, kind.summary_template = name, summary_template
    kind.save()
    audit.record(actor, ReportsAudit.REPORT_KIND_UPDATE, kind, before=before)
    return kind


@transaction.atomic
def upload_template(actor, kind: ReportKind, content: bytes, file_name: str) -> DocumentTemplate:
    """Tải lên mẫu Word: accepted only when every placeholder in it is known; the previous ones stay."""
    require_admin(actor)
    if len(content) > MAX_TEMPLATE_BYTES:
        raise RuleViolation("Tệp mẫu quá lớn (tối đa 10 MB).", "file")
    errors = word.template_errors(content)
    if errors:
        raise RuleViolation({"file": errors})
    template = DocumentTemplate.objects.create(
        kind=kind,
        content=content,
        file_name=nfc(file_name)[:200] or "mau.docx",
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(
        actor,
        ReportsAudit.REPORT_KIND_TEMPLATE,
        template,
        object_label=f"{kind.name}: {template.file_name}",
        after={"file_name": template.file_name, "bytes": len(content)},
    )
    return template
