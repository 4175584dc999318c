"""The audit actions of congresses, courses, inspection, supervision and discipline:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class WorkAudit(AuditAction):
    """What the work app records in the audit trail."""

    CONGRESS_CREATE = "congress.create", "Ghi đại hội"
    CONGRESS_UPDATE = "congress.update", "Sửa đại hội"
    CONGRESS_DELETE = "congress.delete", "Xóa đại hội"
    CONGRESS_IMPORT = "congress.import", "Nhập đại hội từ Excel"
    CONGRESS_ELECTION = "congress.election", "Ghi kết quả bầu cử"
    COURSE_CREATE = "course.create", "Mở lớp bồi dưỡng"
    COURSE_UPDATE = "course.update", "Sửa lớp bồi dưỡng"
    COURSE_DELETE = "course.delete", "Xóa lớp bồi dưỡng"
    COURSE_PARTICIPANT_ADD = "course.participant.add", "Thêm học viên"
    COURSE_PARTICIPANT_UPDATE = "course.participant.update", "Sửa kết quả học viên"
    COURSE_PARTICIPANT_REMOVE = "course.participant.remove", "Bỏ học viên khỏi lớp"
    COURSE_PARTICIPANT_IMPORT = "course.participant.import", "Nhập học viên từ Excel"
    PROGRAMME_CREATE = "programme.create", "Lập chương trình kiểm tra, giám sát"
    PROGRAMME_UPDATE = "programme.update", "Sửa chương trình kiểm tra, giám sát"
    PROGRAMME_DELETE = "programme.delete", "Xóa chương trình kiểm tra, giám sát"
    PROGRAMME_ITEM_ADD = "programme.item.add", "Thêm nội dung vào chương trình"
    PROGRAMME_ITEM_REMOVE = "programme.item.remove", "Bỏ nội dung khỏi chương trình"
    INSPECTION_CREATE = "inspection.create", "Ghi cuộc kiểm tra"
    INSPECTION_UPDATE = "inspection.update", "Sửa cuộc kiểm tra"
    INSPECTION_DELETE = "inspection.delete", "Xóa cuộc kiểm tra"
    SUPERVISION_CREATE = "supervision.create", "Ghi cuộc giám sát"
    SUPERVISION_UPDATE = "supervision.update", "Sửa cuộc giám sát"
    SUPERVISION_DELETE = "supervision.delete", "Xóa cuộc giám sát"
    OVERSIGHT_IMPORT = "oversight.import", "Nhập kiểm tra, giám sát từ Excel"
    DISCIPLINE_DECIDE = "discipline.decide", "Ghi quyết định kỷ luật"
    DISCIPLINE_UPDATE = "discipline.update", "Sửa quyết định kỷ luật"
    DISCIPLINE_DELETE = "discipline.delete", "Xóa quyết định kỷ luật"
