"""The audit actions of key tasks:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class TasksAudit(AuditAction):
    """What the tasks app records in the audit trail."""

    TASK_CREATE = "task.create", "Giao nhiệm vụ"
    TASK_UPDATE = "task.update", "Sửa nhiệm vụ"
    TASK_ASSIGN = "task.assign", "Phân công thực hiện"
    TASK_UNASSIGN = "task.unassign", "Bỏ phân công"
    TASK_PROGRESS = "task.progress", "Báo cáo tiến độ"
    TASK_REMIND = "task.remind", "Nhắc hạn nhiệm vụ"
    TASK_CANCEL = "task.cancel", "Hủy nhiệm vụ"
