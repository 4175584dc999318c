"""Party dues (đảng phí): what each member owes each month, collection by the cell, remittance up the tree."""

from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangvu.dues"
    verbose_name = "Đảng phí"

    def ready(self):
        from dangvu.core import audit_labels
        from dangvu.members import panels

        audit_labels.register(
            {
                "dues.basis": "Ghi căn cứ đóng đảng phí",
                "dues.decision": "Quyết định miễn, giảm đảng phí",
                "dues.compute_month": "Tính đảng phí tháng",
                "dues.payments": "Ghi thu đảng phí",
                "dues.propose_strike_off": "Đề nghị xóa tên (không đóng đảng phí)",
                "dues.decide_strike_off": "Quyết định xóa tên (không đóng đảng phí)",
                "dues.withdraw_proposal": "Rút đề nghị xóa tên",
                "dues.remit": "Nộp đảng phí lên cấp trên",
                "dues.receipt": "Xác nhận nhận đảng phí",
                "dues.kept_share": "Đặt tỷ lệ trích giữ lại đảng phí",
                "dues.sheet_export": "Tải sổ thu đảng phí",
                "dues.import_bases": "Nhập căn cứ đóng đảng phí",
                "dues.import_portal": "Đối soát đảng phí nộp qua Cổng Dịch vụ công",
            },
            {"dues.basis": "Căn cứ đóng đảng phí", "dues.decision": "Quyết định miễn, giảm đảng phí",
             "dues.line": "Sổ thu đảng phí", "dues.strikeoffproposal": "Đề nghị xóa tên",
             "dues.remittance": "Nộp đảng phí", "dues.keptshare": "Tỷ lệ trích giữ lại đảng phí"},
        )

        from . import views_member

        panels.register(views_member.member_panel)
