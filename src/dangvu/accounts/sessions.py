"""Session lifetimes: a session ends after a time without requests, shorter for the roles that reach many
people's records (quản trị, văn phòng, kiểm tra); SESSION_COOKIE_AGE bounds its whole length.

The idle limit is fixed at login from the user's mandates and kept in the session; the time of the last
request is written at most once a minute, so an active session does not write on every request.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver

from .models import Role
from .scope import scope_for

OFFICE_ROLES = {Role.ADMIN, Role.OFFICE, Role.INSPECTION}
IDLE_KEY, SEEN_KEY = "dangvu_idle_seconds", "dangvu_seen_at"


def idle_seconds(user) -> int:
    """How long a session of this user may stay unused."""
    office = user.is_superuser or bool(scope_for(user).roles & OFFICE_ROLES)
    return 60 * (settings.SESSION_IDLE_MINUTES_OFFICE if office else settings.SESSION_IDLE_MINUTES)


@receiver(user_logged_in)
def _start(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[IDLE_KEY] = idle_seconds(user)
        request.session[SEEN_KEY] = int(time.time())


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            limit = request.session.get(IDLE_KEY)
            if limit is None:
                limit = request.session[IDLE_KEY] = idle_seconds(user)
            seen = request.session.get(SEEN_KEY, now)
            if now - seen > limit:
                logout(request)
                messages.info(
                    request,
                    f"Phiên làm việc đã kết thúc sau {limit // 60} phút không thao tác. Vui lòng đăng nhập lại.",
                )
                return redirect_to_login(request.get_full_path())
            if now - seen >= 60:
                request.session[SEEN_KEY] = now
        return self.get_response(request)
