"""Login lock-out (khóa đăng nhập tạm thời): failures counted per user name and per client address, apart.

- A name is the one the login form and the backend use (stripped, NFKC; compared case-folded), so "lanhdao ",
  " lanhdao" and "ｌａｎｈｄａｏ" are the same name and get no fresh attempts.
- LOCKOUT_FAILURES failures for one name lock that name, whatever the address.
- LOCKOUT_ADDRESS_FAILURES failures from one address (password spraying over many names) lock that address, but
  only for the names not logged in with from that browser before: a signed "known login" cookie set at each
  successful login exempts its names, so one person behind the office's shared address cannot lock out the
  whole office. The address is the client's as `core.middleware.client_ip` reads it (trusted proxies only).
- Rows older than LOCKOUT_KEEP_HOURS are purged at each failure.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import UsernameField
from django.core import signing
from django.utils import timezone

from .models import LoginFailure

KNOWN_COOKIE = "dangvu_known"
KNOWN_SALT = "dangvu.accounts.known-login"
KNOWN_DAYS = 90
KNOWN_NAMES = 5


def login_key(raw: str | None) -> str:
    """The name a login attempt is for, as the backend reads it (case-folded for counting)."""
    return (UsernameField().to_python(raw or "") or "")[:150].casefold()


def known_names(request) -> list[str]:
    """The names this browser has logged in with (from the signed cookie; empty when missing or forged)."""
    try:
        names = signing.loads(
            request.COOKIES.get(KNOWN_COOKIE, ""), salt=KNOWN_SALT, max_age=timedelta(days=KNOWN_DAYS)
        )
    except signing.BadSignature:
        return []
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def remember(request, response, key: str) -> None:
    """After a successful login: this browser now knows the name."""
    names = [key, *(n for n in known_names(request) if n != key)][:KNOWN_NAMES]
    response.set_cookie(
        KNOWN_COOKIE,
        signing.dumps(names, salt=KNOWN_SALT),
        max_age=KNOWN_DAYS * 86400,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def refusal(request, key: str, address: str | None) -> str:
    """Why this attempt is refused before the password is even checked (empty when it may go on)."""
    since = timezone.now() - timedelta(minutes=settings.LOCKOUT_MINUTES)
    recent = LoginFailure.objects.filter(at__gte=since)
    if key and recent.filter(username=key).count() >= settings.LOCKOUT_FAILURES:
        return (
            f"Đăng nhập sai quá {settings.LOCKOUT_FAILURES} lần: tài khoản tạm khóa "
            f"{settings.LOCKOUT_MINUTES} phút. Vui lòng thử lại sau."
        )
    if (
        address
        and key not in known_names(request)
        and recent.filter(client_address=address).count() >= settings.LOCKOUT_ADDRESS_FAILURES
    ):
        return (
            f"Máy này đã đăng nhập sai quá nhiều lần: tạm dừng {settings.LOCKOUT_MINUTES} phút với các "
            "tài khoản chưa từng đăng nhập trên máy này. Vui lòng thử lại sau."
        )
    return ""


def record_failure(key: str, address: str | None) -> None:
    LoginFailure.objects.create(username=key, client_address=address)
    LoginFailure.objects.filter(at__lt=timezone.now() - timedelta(hours=settings.LOCKOUT_KEEP_HOURS)).delete()


def clear(key: str) -> None:
    """A successful login clears the name's failures (the address keeps its own)."""
    LoginFailure.objects.filter(username=key).delete()
