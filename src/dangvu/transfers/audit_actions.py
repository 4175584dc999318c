"""The audit actions of transfer letters:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class TransfersAudit(AuditAction):
    """What the transfers app records in the audit trail."""

    TRANSFER_REQUEST = "transfer.request", "Đề nghị chuyển sinh hoạt đảng"
    TRANSFER_ISSUE = "transfer.issue", "Cấp giấy giới thiệu sinh hoạt đảng"
    TRANSFER_HAND_OVER = "transfer.hand_over", "Giao giấy giới thiệu cho đảng viên"
    TRANSFER_RECEIVE = "transfer.receive", "Tiếp nhận sinh hoạt đảng"
    TRANSFER_SEND_OUTSIDE = "transfer.send_outside", "Gửi giấy giới thiệu ra ngoài hệ thống"
    TRANSFER_RETURN = "transfer.return", "Trả lại giấy giới thiệu"
    TRANSFER_EXPIRE = "transfer.expire", "Giấy giới thiệu hết hạn"
    TRANSFER_CANCEL = "transfer.cancel", "Hủy đề nghị chuyển sinh hoạt"
    TRANSFER_VOID = "transfer.void", "Hủy giấy giới thiệu viết sai"
    TRANSFER_END_STAY = "transfer.end_stay", "Kết thúc sinh hoạt tạm thời"
    TRANSFER_LETTER_READ = "transfer.letter_read", "Tải giấy giới thiệu"
    TRANSFER_RECEIVE_OUTSIDE = "transfer.receive_outside", "Tiếp nhận đảng viên từ ngoài hệ thống"
    TRANSFER_RECORD_PAST = "transfer.record_past", "Vào sổ giấy giới thiệu đã thực hiện"
