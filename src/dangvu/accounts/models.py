"""Mandates: a user's role at an organization over a period; and failed logins for the lock-out."""

from django.conf import settings
from django.db import models

from dangvu.organizations.models import OPEN_END


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    OFFICE = "office", "Cán bộ văn phòng"
    INSPECTION = "inspection", "Cán bộ kiểm tra"
    LEADER = "leader", "Lãnh đạo"
    CELL_SECRETARY = "cell_secretary", "Bí thư chi bộ"
    MEMBER = "member", "Đảng viên"


class Mandate(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mandates")
    role = models.CharField(max_length=16, choices=Role.choices)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "members.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Với vai trò đảng viên: hồ sơ của chính người dùng",
    )
    valid_from = models.DateField()
    valid_to = models.DateField(default=OPEN_END)

    class Meta:
        ordering = ["user", "valid_from"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.organization}"


class LoginFailure(models.Model):
    """A failed login, counted per user name and per address for the lock-out."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    client_address = models.GenericIPAddressField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.username}"
