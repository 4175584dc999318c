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
        audit_labels.register_objects({"staff.securitypolicy": "Chính sách đăng nhập", "auth.user": "Tài khoản"})
