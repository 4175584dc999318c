"""Moving in: the first run (`dangvu setup`), accounts and mandates managed in the web app, password rules
and the optional two-factor login (người dùng, phân quyền, bảo mật đăng nhập)."""

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "dangvu.staff"
    verbose_name = "Quản lý tài khoản"

    def ready(self) -> None:
        from dangvu.core import audit_labels
        from dangvu.members.excel import jobs

        from . import gate  # noqa: F401  (connects the login signal)
        from .tree_excel import run_tree_import

        jobs.RUNNERS["tree"] = run_tree_import
        audit_labels.register(actions={
            "installation.setup": "Cài đặt lần đầu",
            "account.create": "Tạo tài khoản",
            "account.deactivate": "Khóa tài khoản",
            "account.reactivate": "Mở lại tài khoản",
            "account.password_reset": "Đặt lại mật khẩu",
            "account.password_change": "Đổi mật khẩu",
            "account.otp_enable": "Bật xác thực hai lớp",
            "account.otp_remove": "Tắt xác thực hai lớp",
            "security.policy": "Đổi chính sách đăng nhập",
            "organization.import": "Nhập cây tổ chức từ Excel",
            "organization.export": "Xuất cây tổ chức ra Excel",
            "organization.update": "Cập nhật ký hiệu cấp ủy",
            "person.create_outsider": "Ghi nhận người ngoài danh sách đảng viên",
            "person.update_outsider": "Sửa thông tin người ngoài danh sách đảng viên",
        }, objects={"staff.securitypolicy": "Chính sách đăng nhập", "auth.user": "Tài khoản"})
