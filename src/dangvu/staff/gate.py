"""What stands between a login and the pages: a one-time password to change, a second factor to give or to
set up, and the first-run page of an empty installation.

At login the user's gate is computed once and kept in the session; `GateMiddleware` then sends every page
request to the gate's page until it is passed. Changing a password logs out the user's other sessions
(Django's session hash), so a password reset takes effect at the next login.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from . import rules
from .models import AccountState, SecurityPolicy

SESSION_KEY = "dangvu_gate"
PASSWORD, OTP, OTP_SETUP = "password", "otp", "otp_setup"
GATE_PAGES = {PASSWORD: "staff_password_change", OTP: "staff_otp_verify", OTP_SETUP: "staff_otp_setup"}


def otp_required(user) -> bool:
    """Whether the policy asks this user for a second factor (office and administrator roles)."""
    if not SecurityPolicy.current().require_otp_for_staff:
        return False
    if user.is_superuser:
        return True
    today = timezone.localdate()
    return user.mandates.filter(role__in=rules.OTP_ROLES, valid_from__lte=today, valid_to__gt=today).exists()


def has_device(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def gate_for(user) -> str:
    """The first step the user must pass after the password ("" when none)."""
    if AccountState.objects.filter(user=user, must_change_password=True).exists():
        return PASSWORD
    if has_device(user):
        return OTP
    if otp_required(user):
        return OTP_SETUP
    return ""


def passed(request, step: str) -> None:
    """One step is passed: the next one (a second factor after a changed password), or none."""
    following = ""
    if step == PASSWORD:
        following = OTP if has_device(request.user) else OTP_SETUP if otp_required(request.user) else ""
    request.session[SESSION_KEY] = following


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = gate_for(user)


def is_empty_installation() -> bool:
    return not get_user_model().objects.exists()


class GateMiddleware:
    """Sends a logged-in user to the step they still owe; shows the first-run page on an empty installation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in (reverse("home"), reverse("login")) and is_empty_installation():
            return render(request, "staff/first_run.html", status=200)
        gate = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if gate and request.user.is_authenticated:
            target = reverse(GATE_PAGES[gate])
            if request.path not in (target, reverse("logout")) and not request.path.startswith("/static/"):
                return redirect(target)
        return self.get_response(request)
