"""The audit actions of reports, their kinds and templates, the document register:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class ReportsAudit(AuditAction):
    """What the reports app records in the audit trail."""

    REPORT_CREATE = "report.create", "Lập báo cáo"
    REPORT_UPDATE = "report.update", "Sửa báo cáo"
    REPORT_NARRATIVE = "report.narrative", "Sửa phần lời văn của báo cáo"
    REPORT_APPROVE = "report.approve", "Duyệt báo cáo"
    REPORT_ISSUE = "report.issue", "Ban hành báo cáo"
    REPORT_REOPEN = "report.reopen", "Mở lại báo cáo"
    REPORT_SUPERSEDE = "report.supersede", "Thay thế báo cáo đã ban hành"
    REPORT_DOWNLOAD = "report.download", "Tải báo cáo"
    REPORT_KIND_UPDATE = "report_kind.update", "Sửa loại báo cáo"
    REPORT_KIND_SECTION = "report_kind.section", "Sửa mục của mẫu báo cáo"
    REPORT_KIND_TEMPLATE = "report_kind.template", "Tải lên mẫu Word"
    REGISTER_NUMBER = "register.number", "Lấy số văn bản"
    REGISTER_CONTINUE_FROM = "register.continue_from", "Đặt số văn bản tiếp theo"
