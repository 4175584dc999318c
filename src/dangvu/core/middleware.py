"""Middleware: the client address of the request for audit recording and the login lock-out; a friendly page
when a transaction collided with another one."""

import functools
import ipaddress
import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import OperationalError
from django.http import HttpResponse, QueryDict
from django.template.loader import render_to_string

from .audit import client_address
from .errors import Unavailable

logger = logging.getLogger(__name__)


@functools.cache
def _trusted(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of the client: REMOTE_ADDR, unless that is one of the TRUSTED_PROXIES (the office's reverse
    proxy), in which case the last address of X-Forwarded-For that is not a trusted proxy. X-Forwarded-For
    from anyone else is ignored: a client can write anything in it."""
    remote = request.META.get("REMOTE_ADDR")
    trusted = _trusted(tuple(settings.TRUSTED_PROXIES))
    if not trusted or (address := _address(remote or "")) is None or not any(address in n for n in trusted):
        return remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            break
        if not any(address in network for network in trusted):
            return str(address)
    return remote


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.client_ip = client_ip(request)
        token = client_address.set(request.client_ip)
        try:
            return self.get_response(request)
        finally:
            client_address.reset(token)


# Errors of a transaction that met another one on the same rows, not of the request itself: PostgreSQL's
# deadlock, serialization failure and lock timeout (SQLSTATE), SQLite's locked database.
CONFLICT_STATES = {"40P01", "40001", "55P03"}


def is_conflict(error: BaseException) -> bool:
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    state = getattr(cause, "sqlstate", None) or getattr(getattr(cause, "diag", None), "sqlstate", None)
    return state in CONFLICT_STATES or "database is locked" in str(error)


class ConflictMiddleware:
    """A request whose transaction collided with another one's (two users changing the same subtree's kept
    counts at the same moment, say) was rolled back whole: tell the user so, with a 503 page in Vietnamese,
    instead of a server error. The database has already chosen which of the two goes through. A step the
    server could not do now (`Unavailable`) answers the same status with its reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception) -> HttpResponse | None:
        if isinstance(exception, Unavailable):
            page = render_to_string("core/unavailable.html", {"reasons": exception.messages})
            return HttpResponse(page, status=503, headers={"Retry-After": "60"})
        if not is_conflict(exception):
            return None
        logger.warning("transaction conflict on %s: %s", request.path, exception)
        # rendered without the request: no context processor reads the database in this state
        return HttpResponse(render_to_string("core/busy.html"), status=503)


class NullCharacterMiddleware:
    """A query string with a NUL character (%00) is no address a page of this system makes: answer the 400
    page rather than let the value reach a filter (PostgreSQL refuses NUL in text and the page would fail).
    In posted form values a NUL is an invisible character pasted with a text: it is taken out, so what the
    user typed is kept and no field or search reaches the database with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET):
            raise SuspiciousOperation("NUL character in the query string")
        if request.method == "POST" and request.content_type in FORM_TYPES and _has_nul(request.POST):
            cleaned = QueryDict(mutable=True)
            for key, values in request.POST.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request._post = cleaned  # the files of a multipart request stay as they were read
        return self.get_response(request)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())


class RequestSizeMiddleware:
    """A request whose body is larger than any page takes (DANGVU_MAX_REQUEST_MB: the largest upload, the
    members' 60 MB file, and its form) is answered 413 from its Content-Length, before the body is received;
    Django then bounds the form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) and each upload field its own file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DANGVU_MAX_REQUEST_MB * 1024 * 1024
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            page = render_to_string("core/too_large.html", {"limit": settings.DANGVU_MAX_REQUEST_MB})
            return HttpResponse(page, status=413)
        return self.get_response(request)
