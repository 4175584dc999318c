"""The audit actions of rating rounds and ratings:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class RatingAudit(AuditAction):
    """What the rating app records in the audit trail."""

    RATING_OPEN = "rating.open", "Mở đợt đánh giá, xếp loại"
    RATING_CLOSE = "rating.close", "Kết thúc đợt đánh giá, xếp loại"
    RATING_MEMBER_SELF = "rating.member.self", "Ghi bản tự kiểm điểm của đảng viên"
    RATING_MEMBER_PROPOSAL = "rating.member.proposal", "Ghi đề xuất xếp loại của chi bộ"
    RATING_MEMBER_DECISION = "rating.member.decision", "Quyết định xếp loại đảng viên"
    RATING_MEMBER_IMPORT = "rating.member.import", "Nhập kết quả xếp loại từ Excel"
    RATING_ORGANIZATION_SELF = "rating.organization.self", "Ghi bản tự đánh giá của tổ chức"
    RATING_ORGANIZATION_DECISION = "rating.organization.decision", "Quyết định xếp loại tổ chức đảng"
    RATING_EXPORT_MEMBER_FORM = "rating.export.member_form", "Tải bản kiểm điểm của đảng viên"
    RATING_EXPORT_DECISION = "rating.export.decision", "Tải quyết định xếp loại"
    RATING_EXPORT_BOOK = "rating.export.book", "Tải sổ xếp loại"
