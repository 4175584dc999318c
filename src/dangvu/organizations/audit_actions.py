"""The audit actions of the organization tree, committee terms and positions:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class OrganizationsAudit(AuditAction):
    """What the organizations app records in the audit trail."""

    ORGANIZATION_ESTABLISH = "organization.establish", "Thành lập tổ chức"
    ORGANIZATION_RENAME = "organization.rename", "Đổi tên tổ chức"
    ORGANIZATION_MOVE = "organization.move", "Chuyển trực thuộc"
    ORGANIZATION_DISSOLVE = "organization.dissolve", "Giải thể, kết thúc hoạt động tổ chức"
    COMMITTEE_TERM_OPEN = "committee_term.open", "Mở nhiệm kỳ cấp ủy"
    COMMITTEE_TERM_CLOSE = "committee_term.close", "Kết thúc nhiệm kỳ cấp ủy"
    POSITION_ASSIGN = "position.assign", "Bầu, bổ nhiệm chức danh"
    POSITION_END = "position.end", "Thôi giữ chức danh"
    ORGANIZATION_MERGE = "organization.merge", "Hợp nhất, sáp nhập tổ chức"
