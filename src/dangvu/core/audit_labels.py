"""The Vietnamese names of audit actions and of the kinds of objects they touch, as the audit pages show them.

An action is recorded under a stable key ("member.transfer"); users read its label ("Chuyển sinh hoạt đảng").
Apps above core that record actions of their own add their labels with `register()` from their AppConfig's
`ready()`, so that core never imports them. A test checks that every action the system records has a label.
"""

ACTION_LABELS: dict[str, str] = {
    # accounts
    "user.create": "Tạo tài khoản",
    "mandate.grant": "Giao quyền",
    "mandate.end": "Kết thúc quyền",
    # organizations
    "organization.establish": "Thành lập tổ chức",
    "organization.rename": "Đổi tên tổ chức",
    "organization.move": "Chuyển trực thuộc",
    "organization.dissolve": "Giải thể, kết thúc hoạt động tổ chức",
    "committee_term.open": "Mở nhiệm kỳ cấp ủy",
    "committee_term.close": "Kết thúc nhiệm kỳ cấp ủy",
    "position.assign": "Bầu, bổ nhiệm chức danh",
    "position.end": "Thôi giữ chức danh",
    # members
    "person.create": "Thêm hồ sơ người",
    "person.update": "Sửa lý lịch",
    "member.create": "Thêm đảng viên",
    "member.update": "Sửa hồ sơ đảng viên",
    "member.transfer": "Chuyển sinh hoạt đảng",
    "member.move_all": "Chuyển sinh hoạt cả tổ chức",
    "member.recognize_official": "Công nhận đảng viên chính thức",
    "member.exempt": "Miễn công tác và sinh hoạt đảng",
    "member.leave": "Ra khỏi Đảng",
    "member.badge": "Trao Huy hiệu Đảng",
    "member.import": "Nhập đảng viên từ Excel",
    "member.export": "Xuất danh sách đảng viên",
    # admission
    "candidate.register": "Đưa vào danh sách quần chúng ưu tú",
    "candidate.class": "Cử đi học lớp bồi dưỡng",
    "candidate.certificate": "Ghi giấy chứng nhận học lớp",
    "candidate.application": "Ghi đơn xin vào Đảng",
    "candidate.introducers": "Ghi người giới thiệu",
    "candidate.resolution": "Ghi nghị quyết của chi bộ",
    "candidate.decision": "Ghi quyết định kết nạp",
    "candidate.ceremony": "Ghi lễ kết nạp",
    "candidate.recognition": "Công nhận đảng viên chính thức",
    "candidate.struck_off": "Xóa tên (không công nhận chính thức)",
    "candidate.rejected": "Không kết nạp",
    "candidate.withdrawn": "Rút khỏi danh sách",
    # work
    "congress.create": "Ghi đại hội",
    "congress.update": "Sửa đại hội",
    "congress.delete": "Xóa đại hội",
    "congress.import": "Nhập đại hội từ Excel",
    "congress.election": "Ghi kết quả bầu cử",
    "course.create": "Mở lớp bồi dưỡng",
    "course.update": "Sửa lớp bồi dưỡng",
    "course.delete": "Xóa lớp bồi dưỡng",
    "course.participant.add": "Thêm học viên",
    "course.participant.update": "Sửa kết quả học viên",
    "course.participant.remove": "Bỏ học viên khỏi lớp",
    "course.participant.import": "Nhập học viên từ Excel",
    "programme.create": "Lập chương trình kiểm tra, giám sát",
    "programme.update": "Sửa chương trình kiểm tra, giám sát",
    "programme.delete": "Xóa chương trình kiểm tra, giám sát",
    "programme.item.add": "Thêm nội dung vào chương trình",
    "programme.item.remove": "Bỏ nội dung khỏi chương trình",
    "inspection.create": "Ghi cuộc kiểm tra",
    "inspection.update": "Sửa cuộc kiểm tra",
    "inspection.delete": "Xóa cuộc kiểm tra",
    "supervision.create": "Ghi cuộc giám sát",
    "supervision.update": "Sửa cuộc giám sát",
    "supervision.delete": "Xóa cuộc giám sát",
    "oversight.import": "Nhập kiểm tra, giám sát từ Excel",
    "discipline.decide": "Ghi quyết định kỷ luật",
    "discipline.update": "Sửa quyết định kỷ luật",
    "discipline.delete": "Xóa quyết định kỷ luật",
    # reports
    "report.create": "Lập báo cáo",
    "report.update": "Sửa báo cáo",
    "report.narrative": "Sửa phần lời văn của báo cáo",
    "report.approve": "Duyệt báo cáo",
    "report.issue": "Ban hành báo cáo",
    "report.reopen": "Mở lại báo cáo",
    "report.supersede": "Thay thế báo cáo đã ban hành",
    "report.download": "Tải báo cáo",
    "report_kind.update": "Sửa loại báo cáo",
    "report_kind.section": "Sửa mục của mẫu báo cáo",
    "report_kind.template": "Tải lên mẫu Word",
    "register.number": "Lấy số văn bản",
    "register.continue_from": "Đặt số văn bản tiếp theo",
    # meetings
    "meeting.create": "Lập hội nghị, cuộc họp",
    "meeting.update": "Sửa hội nghị, cuộc họp",
    "meeting.cancel": "Hủy hội nghị, cuộc họp",
    "meeting.plan_year": "Lập lịch sinh hoạt cả năm",
    "meeting.agenda_add": "Thêm nội dung chương trình họp",
    "meeting.agenda_remove": "Bỏ nội dung chương trình họp",
    "meeting.send_agenda": "Gửi giấy mời, chương trình",
    "meeting.guest_add": "Thêm khách mời",
    "meeting.guest_update": "Sửa khách mời",
    "meeting.guest_remove": "Bỏ khách mời",
    "meeting.roll_open": "Mở điểm danh",
    "meeting.attendance": "Điểm danh",
    "meeting.bulk_record": "Ghi sinh hoạt hàng loạt",
    "meeting.outcome": "Ghi kết quả, biên bản",
    "meeting.conclusion_notice": "Gửi thông báo kết luận",
    "notice.read": "Đọc thông báo",
    # tasks
    "task.create": "Giao nhiệm vụ",
    "task.update": "Sửa nhiệm vụ",
    "task.assign": "Phân công thực hiện",
    "task.unassign": "Bỏ phân công",
    "task.progress": "Báo cáo tiến độ",
    "task.remind": "Nhắc hạn nhiệm vụ",
    "task.cancel": "Hủy nhiệm vụ",
    # news
    "article.create": "Viết tin",
    "article.update": "Sửa tin",
    "article.submit": "Gửi duyệt tin",
    "article.publish": "Đăng tin",
    "article.withdraw": "Gỡ tin",
    "article.to_draft": "Trả tin về bản nháp",
    "article.image_add": "Thêm ảnh vào tin",
    "article.image_remove": "Bỏ ảnh khỏi tin",
    # demo
    "scale.generate": "Sinh dữ liệu quy mô quốc gia",
}

OBJECT_LABELS: dict[str, str] = {
    "auth.user": "Tài khoản",
    "accounts.mandate": "Quyền",
    "organizations.organization": "Tổ chức đảng",
    "organizations.organizationname": "Tên tổ chức",
    "organizations.committeeterm": "Nhiệm kỳ cấp ủy",
    "organizations.position": "Chức danh",
    "members.person": "Hồ sơ người",
    "members.member": "Đảng viên",
    "members.memberevent": "Sự kiện của đảng viên",
    "admission.candidate": "Quần chúng ưu tú",
    "work.congress": "Đại hội",
    "work.course": "Lớp bồi dưỡng",
    "work.courseparticipant": "Học viên",
    "work.programme": "Chương trình kiểm tra, giám sát",
    "work.programmeitem": "Nội dung chương trình",
    "work.oversight": "Cuộc kiểm tra, giám sát",
    "work.discipline": "Quyết định kỷ luật",
    "reports.report": "Báo cáo",
    "reports.reportkind": "Loại báo cáo",
    "reports.narrative": "Lời văn của báo cáo",
    "reports.sectiontemplate": "Mục của mẫu báo cáo",
    "reports.documenttemplate": "Mẫu Word",
    "reports.registerentry": "Sổ văn bản",
    "reports.registercounter": "Sổ văn bản",
    "meetings.meeting": "Hội nghị, cuộc họp",
    "meetings.plan": "Lịch sinh hoạt",
    "meetings.agendaitem": "Nội dung chương trình họp",
    "meetings.guest": "Khách mời",
    "meetings.attendance": "Điểm danh",
    "meetings.notice": "Thông báo",
    "tasks.task": "Nhiệm vụ",
    "tasks.assignment": "Phân công",
    "tasks.progressupdate": "Báo cáo tiến độ",
    "news.article": "Tin bài",
    "news.articleimage": "Ảnh của tin",
    "demo.scale": "Dữ liệu thử",
}


def register(actions: dict[str, str] | None = None, objects: dict[str, str] | None = None) -> None:
    """Labels of an app above core (called from its AppConfig.ready())."""
    ACTION_LABELS.update(actions or {})
    OBJECT_LABELS.update(objects or {})


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, "Thao tác khác")


def object_label(object_type: str) -> str:
    return OBJECT_LABELS.get(object_type, "Hồ sơ")
