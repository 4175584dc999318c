"""The Vietnamese names of audit actions and of the kinds of objects they touch, as the audit pages show them.

An action is recorded under a stable key ("member.transfer"); users read its label ("Chuyển sinh hoạt đảng").
Each app declares the actions it records as members of an `AuditAction` enum in its `audit_actions` module
(`MEMBER_TRANSFER = "member.transfer", "Chuyển sinh hoạt đảng"`): a key cannot be declared without its label,
and `core.audit` writes nothing but such a member. Core finds the apps' modules when it starts
(`CoreConfig.ready`), so it never imports the apps above it. Kinds of objects of apps above core are added with
`register_objects()` from their AppConfig's `ready()`.
"""

from enum import StrEnum
from typing import Self

# Every declared action's key and label, filled as the apps' enums are defined.
ACTION_LABELS: dict[str, str] = {}


class AuditAction(StrEnum):
    """An action the audit trail records: the member's value is the stored key, `label` its Vietnamese name.
    Each app subclasses it once; defining a subclass registers its members (a key declared twice is refused)."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        if not label.strip():
            raise ValueError(f"Audit action {value!r} needs a Vietnamese label.")
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for member in cls:
            if member.value in ACTION_LABELS:
                raise ValueError(f"Audit action {member.value!r} is declared twice ({cls.__qualname__}).")
            ACTION_LABELS[member.value] = member.label


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
    "rating.round": "Đợt đánh giá, xếp loại",
    "rating.memberrating": "Xếp loại đảng viên",
    "rating.organizationrating": "Xếp loại tổ chức đảng",
    "demo.scale": "Dữ liệu thử",
}


def register_objects(objects: dict[str, str]) -> None:
    """Labels of the kinds of objects of an app above core (called from its AppConfig.ready())."""
    OBJECT_LABELS.update(objects)


def action_label(action: str) -> str:
    """The label of a stored key (one no longer declared reads as another action)."""
    return ACTION_LABELS.get(action, "Thao tác khác")


def object_label(object_type: str) -> str:
    """The label of a stored kind of object."""
    return OBJECT_LABELS.get(object_type, "Hồ sơ")
