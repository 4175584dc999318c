"""The audit actions of Party cards and member records:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class RecordsAudit(AuditAction):
    """What the records app records in the audit trail."""

    CARD_ISSUE = "card.issue", "Cấp thẻ đảng viên"
    CARD_REISSUE = "card.reissue", "Cấp lại thẻ đảng viên"
    CARD_LOST = "card.lost", "Báo mất thẻ đảng viên"
    CARD_DAMAGED = "card.damaged", "Báo hỏng thẻ đảng viên"
    RECORD_UPDATE = "record.update", "Bổ sung hồ sơ đảng viên"
    RECORD_SHEET_READ = "record.sheet_read", "Tải phiếu đảng viên"
    RECORD_BOOK_READ = "record.book_read", "Tải sổ danh sách đảng viên"
