"""Party dues (đảng phí): what each member owes each month, collection by the cell, remittance up the tree."""

from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangvu.dues"
    verbose_name = "Đảng phí"

    def ready(self) -> None:
        from dangvu.core import audit_labels
        from dangvu.members import panels

        audit_labels.register_objects(
            {
                "dues.basis": "Căn cứ đóng đảng phí",
                "dues.decision": "Quyết định miễn, giảm đảng phí",
                "dues.line": "Sổ thu đảng phí",
                "dues.strikeoffproposal": "Đề nghị xóa tên",
                "dues.remittance": "Nộp đảng phí",
                "dues.keptshare": "Tỷ lệ trích giữ lại đảng phí",
            }
        )

        from . import views_member

        panels.register(views_member.member_panel)
