"""The audit actions of the admission pipeline:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class AdmissionAudit(AuditAction):
    """What the admission app records in the audit trail."""

    CANDIDATE_REGISTER = "candidate.register", "Đưa vào danh sách quần chúng ưu tú"
    CANDIDATE_CLASS = "candidate.class", "Cử đi học lớp bồi dưỡng"
    CANDIDATE_CERTIFICATE = "candidate.certificate", "Ghi giấy chứng nhận học lớp"
    CANDIDATE_APPLICATION = "candidate.application", "Ghi đơn xin vào Đảng"
    CANDIDATE_INTRODUCERS = "candidate.introducers", "Ghi người giới thiệu"
    CANDIDATE_RESOLUTION = "candidate.resolution", "Ghi nghị quyết của chi bộ"
    CANDIDATE_DECISION = "candidate.decision", "Ghi quyết định kết nạp"
    CANDIDATE_CEREMONY = "candidate.ceremony", "Ghi lễ kết nạp"
    CANDIDATE_RECOGNITION = "candidate.recognition", "Công nhận đảng viên chính thức"
    CANDIDATE_STRUCK_OFF = "candidate.struck_off", "Xóa tên (không công nhận chính thức)"
    CANDIDATE_REJECTED = "candidate.rejected", "Không kết nạp"
    CANDIDATE_WITHDRAWN = "candidate.withdrawn", "Rút khỏi danh sách"
