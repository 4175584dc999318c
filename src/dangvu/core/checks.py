"""Deployment checks of our own (`dangvu check --deploy`): Django's own accepts the development SECRET_KEY,
which is long and varied enough, but public in the repository; a deployment with it signs sessions,
password-reset links and the known-login cookie with a key anyone can read."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs) -> list[Error]:
    key = getattr(settings, "SECRET_KEY", "")
    if not key or key == getattr(settings, "DEV_SECRET_KEY", None):
        return [
            Error(
                "SECRET_KEY chưa được đặt (đang dùng khóa phát triển công khai trong mã nguồn).",
                hint="Đặt biến môi trường SECRET_KEY thành một chuỗi ngẫu nhiên dài, giữ bí mật.",
                id="dangvu.E001",
            )
        ]
    return []
