"""The audit actions of Party dues:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class DuesAudit(AuditAction):
    """What the dues app records in the audit trail."""

    DUES_BASIS = "dues.basis", "Ghi căn cứ đóng đảng phí"
    DUES_DECISION = "dues.decision", "Quyết định miễn, giảm đảng phí"
    DUES_COMPUTE_MONTH = "dues.compute_month", "Tính đảng phí tháng"
    DUES_PAYMENTS = "dues.payments", "Ghi thu đảng phí"
    DUES_PROPOSE_STRIKE_OFF = "dues.propose_strike_off", "Đề nghị xóa tên (không đóng đảng phí)"
    DUES_DECIDE_STRIKE_OFF = "dues.decide_strike_off", "Quyết định xóa tên (không đóng đảng phí)"
    DUES_WITHDRAW_PROPOSAL = "dues.withdraw_proposal", "Rút đề nghị xóa tên"
    DUES_REMIT = "dues.remit", "Nộp đảng phí lên cấp trên"
    DUES_RECEIPT = "dues.receipt", "Xác nhận nhận đảng phí"
    DUES_KEPT_SHARE = "dues.kept_share", "Đặt tỷ lệ trích giữ lại đảng phí"
    DUES_SHEET_EXPORT = "dues.sheet_export", "Tải sổ thu đảng phí"
    DUES_IMPORT_BASES = "dues.import_bases", "Nhập căn cứ đóng đảng phí"
    DUES_IMPORT_PORTAL = "dues.import_portal", "Đối soát đảng phí nộp qua Cổng Dịch vụ công"
