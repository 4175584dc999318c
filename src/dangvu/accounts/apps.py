"""Users, their mandates (a role at an organization, with dates) and the scope a user may see and change."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangvu.accounts"
    verbose_name = "Người dùng và phân quyền"

    def ready(self) -> None:
        from . import cache, sessions  # noqa: F401 - connect their signals (cache entries; a session's idle limit)
