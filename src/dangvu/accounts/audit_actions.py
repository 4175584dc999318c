"""The audit actions of accounts and mandates:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class AccountsAudit(AuditAction):
    """What the accounts app records in the audit trail."""

    USER_CREATE = "user.create", "Tạo tài khoản"
    MANDATE_GRANT = "mandate.grant", "Giao quyền"
    MANDATE_END = "mandate.end", "Kết thúc quyền"
