"""The audit actions of the scale generator:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class DemoAudit(AuditAction):
    """What the demo app records in the audit trail."""

    SCALE_GENERATE = "scale.generate", "Sinh dữ liệu quy mô quốc gia"
