"""Middleware: the client address of the request for audit recording; a friendly page when a transaction
collided with another one."""

import logging

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from .audit import client_address

logger = logging.getLogger(__name__)


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_address.set(request.META.get("REMOTE_ADDR"))
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
    instead of a server error. The database has already chosen which of the two goes through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_conflict(exception):
            return None
        logger.warning("transaction conflict on %s: %s", request.path, exception)
        # rendered without the request: no context processor reads the database in this state
        return HttpResponse(render_to_string("core/busy.html"), status=503)
