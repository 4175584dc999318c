"""The audit actions of meetings, their rolls and notices:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class MeetingsAudit(AuditAction):
    """What the meetings app records in the audit trail."""

    MEETING_CREATE = "meeting.create", "Lập hội nghị, cuộc họp"
    MEETING_UPDATE = "meeting.update", "Sửa hội nghị, cuộc họp"
    MEETING_CANCEL = "meeting.cancel", "Hủy hội nghị, cuộc họp"
    MEETING_PLAN_YEAR = "meeting.plan_year", "Lập lịch sinh hoạt cả năm"
    MEETING_AGENDA_ADD = "meeting.agenda_add", "Thêm nội dung chương trình họp"
    MEETING_AGENDA_REMOVE = "meeting.agenda_remove", "Bỏ nội dung chương trình họp"
    MEETING_SEND_AGENDA = "meeting.send_agenda", "Gửi giấy mời, chương trình"
    MEETING_GUEST_ADD = "meeting.guest_add", "Thêm khách mời"
    MEETING_GUEST_UPDATE = "meeting.guest_update", "Sửa khách mời"
    MEETING_GUEST_REMOVE = "meeting.guest_remove", "Bỏ khách mời"
    MEETING_ROLL_OPEN = "meeting.roll_open", "Mở điểm danh"
    MEETING_ATTENDANCE = "meeting.attendance", "Điểm danh"
    MEETING_BULK_RECORD = "meeting.bulk_record", "Ghi sinh hoạt hàng loạt"
    MEETING_OUTCOME = "meeting.outcome", "Ghi kết quả, biên bản"
    MEETING_CONCLUSION_NOTICE = "meeting.conclusion_notice", "Gửi thông báo kết luận"
    NOTICE_READ = "notice.read", "Đọc thông báo"
