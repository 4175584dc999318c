"""The audit actions of people and members:
the key each event is recorded under and its Vietnamese label."""

from dangvu.core.audit_labels import AuditAction


class MembersAudit(AuditAction):
    """What the members app records in the audit trail."""

    PERSON_CREATE = "person.create", "Thêm hồ sơ người"
    PERSON_UPDATE = "person.update", "Sửa lý lịch"
    MEMBER_CREATE = "member.create", "Thêm đảng viên"
    MEMBER_UPDATE = "member.update", "Sửa hồ sơ đảng viên"
    MEMBER_TRANSFER = "member.transfer", "Chuyển sinh hoạt đảng"
    MEMBER_MOVE_ALL = "member.move_all", "Chuyển sinh hoạt cả tổ chức"
    MEMBER_RECOGNIZE_OFFICIAL = "member.recognize_official", "Công nhận đảng viên chính thức"
    MEMBER_EXEMPT = "member.exempt", "Miễn công tác và sinh hoạt đảng"
    MEMBER_END_EXEMPTION = "member.end_exemption", "Trở lại công tác và sinh hoạt đảng"
    MEMBER_LEAVE = "member.leave", "Ra khỏi Đảng"
    MEMBER_BADGE = "member.badge", "Trao Huy hiệu Đảng"
    MEMBER_READMIT = "member.readmit", "Kết nạp lại"
    MEMBER_IMPORT = "member.import", "Nhập đảng viên từ Excel"
    MEMBER_EXPORT = "member.export", "Xuất danh sách đảng viên"
    MEMBER_CARD = "member.card", "Ghi số thẻ đảng viên"
    PERSON_CREATE_OUTSIDER = "person.create_outsider", "Ghi nhận người ngoài danh sách đảng viên"
    PERSON_UPDATE_OUTSIDER = "person.update_outsider", "Sửa thông tin người ngoài danh sách đảng viên"
