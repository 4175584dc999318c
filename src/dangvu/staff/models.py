"""What the account pages keep beside Django's users: the organization an account belongs to, whether its
password is a one-time one that must be changed, and the installation's two-factor policy."""

from django.conf import settings
from django.db import models


class AccountState(models.Model):
    """Beside a user: the organization whose managers look after the account (set when it is created) and
    whether its password was set by someone else and must be changed at the next login."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_state")
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "members.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The user's own record in the registry, if any",
    )
    must_change_password = models.BooleanField(default=False)
    password_changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Tình trạng tài khoản #{self.user_id}"


class SecurityPolicy(models.Model):
    """The installation's login policy (one row): whether office and administrator accounts must use a
    second factor (a one-time code from an authenticator app)."""

    require_otp_for_staff = models.BooleanField(default=False)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return "Chính sách đăng nhập"

    @classmethod
    def current(cls) -> "SecurityPolicy":
        return cls.objects.filter(pk=1).first() or cls(pk=1)
