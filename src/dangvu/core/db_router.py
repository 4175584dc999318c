"""Read replica routing: report and dashboard reads go to the replica, everything else to the primary.

When `DATABASE_REPLICA_URL` is set, settings define a second database alias, "replica" (a streaming replica of
the primary). Code that only reads for reports and the dashboard marks its reads with `use_replica()` — a
context manager and a decorator — and `ReplicaRouter` sends those reads there. Writes always go to the
primary, and so does every read outside `use_replica()`, so a user who has just saved a form reads back what
they saved.

`ReplicaViewsMiddleware` marks whole GET requests of the views named in `DATABASE_REPLICA_VIEWS` (the
dashboard, the reports namespace), so the views themselves need no change. Sessions, users and content types
are always read from the primary: a session written at login must be found by the next request even while
the replica lags.

Without a "replica" alias everything uses the primary and `use_replica()` changes nothing.
"""

import contextvars
import functools
from contextlib import contextmanager

from django.conf import settings
from django.urls import Resolver404, resolve

REPLICA = "replica"
PRIMARY = "default"
# Tables a request needs to be consistent with its own writes: always the primary.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "contenttypes", "accounts"})

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class use_replica:  # noqa: N801 - reads as a context manager and a decorator: `with use_replica():`
    """Mark the reads in a block (or a function) as report reads that may come from the replica."""

    def __enter__(self):
        self._token = _replica_reads.set(True)
        return self

    def __exit__(self, *exc):
        _replica_reads.reset(self._token)
        return False

    def __call__(self, func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with use_replica():
                return func(*args, **kwargs)

        return wrapper


def reads_from_replica() -> bool:
    """Whether reads now go to the replica: marked by `use_replica()` and a replica is configured."""
    return _replica_reads.get() and replica_configured()


class ReplicaRouter:
    """Django database router: see the module docstring."""

    def db_for_read(self, model, **hints) -> str:
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        return REPLICA if reads_from_replica() else PRIMARY

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # Both aliases hold the same data: objects read from either may be related.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        # The replica receives the schema by replication, never by migrate.
        return db != REPLICA


@contextmanager
def _no_replica():
    token = _replica_reads.set(False)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def _matches(match, names: list[str]) -> bool:
    """A view matches "dashboard" by its URL name, or "reports:" (a trailing colon) by its namespace."""
    for name in names:
        if name.endswith(":"):
            if match.namespace and (match.namespace + ":").startswith(name):
                return True
        elif match.view_name == name:
            return True
    return False


class ReplicaViewsMiddleware:
    """Runs GET and HEAD requests of the views in `DATABASE_REPLICA_VIEWS` inside `use_replica()`."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.names = list(getattr(settings, "DATABASE_REPLICA_VIEWS", []))

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and self.names and replica_configured():
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            if match is not None and _matches(match, self.names):
                with use_replica():
                    return self.get_response(request)
        with _no_replica():
            return self.get_response(request)
