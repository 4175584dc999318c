"""The cache shared by the application's processes on one machine (files under VAR_DIR/cache, see settings).

It keeps what every logged-in request needs before its own work — the session, the user, the user's mandates
(dangvu.accounts.cache) — so that a page pays no query for them, and the figures of pages that count much for a
short while (`kept`). Keys carry the database they describe: two
installations (or the test databases of parallel test workers) never read each other's entries, and an
in-memory SQLite database, private to its process, is told apart by the process.
"""

import contextlib
import hashlib
import os
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connections, transaction


class SharedFileCache(FileBasedCache):
    """Django's file cache, which lists its whole folder on every write to decide whether to cull (milliseconds
    with thousands of entries); this one looks at most once every `CULL_SECONDS` in a process, and then removes
    the expired entries first (figures of past generations are never read again, so nothing else would)."""

    CULL_SECONDS = 60
    _culled_at: float = float("-inf")  # per process, for every thread's instance

    def _cull(self) -> None:
        now = time.monotonic()
        if now - SharedFileCache._culled_at < self.CULL_SECONDS:
            return
        SharedFileCache._culled_at = now
        # (django-stubs leave out FileBasedCache's private methods, which this class exists to use)
        for name in self._list_cache_files():  # type: ignore[attr-defined]
            with contextlib.suppress(FileNotFoundError), open(name, "rb") as handle:
                self._is_expired(handle)  # type: ignore[attr-defined]  # deletes the entry when it has expired
        super()._cull()  # type: ignore[misc]


def database_identity() -> str:
    settings_dict = connections["default"].settings_dict
    name = str(settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or "mode=memory" in name:
        name = f"{name}@{os.getpid()}"
    return f"{settings_dict.get('HOST') or ''}:{settings_dict.get('PORT') or ''}/{name}"


def make_key(key: str, key_prefix: str, version: int) -> str:
    """The key under the database's identity, as a digest (any text may go into a key)."""
    return hashlib.sha256(f"{database_identity()}:{key_prefix}:{version}:{key}".encode()).hexdigest()


# Figures kept for a short while (the dashboard's counts): under the current "generation" of the data, which
# every recorded change replaces (`changed`, called where audit events are written: every action writes one),
# so that the one who made a change sees it on the next page. A generation is a fresh random token, not a
# counter, so that two changes at once cannot end on the same value.
GENERATION_KEY = "data-generation"
FIGURES_SECONDS = 120


def _generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = secrets.token_hex(8)
        cache.add(GENERATION_KEY, token, None)
        token = cache.get(GENERATION_KEY, token)
    return token


def _renew() -> None:
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)
    _used.since_renewal = False


# Whether this thread has read or kept a figure since the generation was last renewed: only then can a change
# within one transaction be followed by a stale figure in the same transaction (the writer's own next read).
_used = threading.local()


def changed() -> None:
    """The data has changed: figures kept until now are not read again — by others once the transaction
    commits (one renewal per transaction block, however many changes it writes), and by this thread at once if
    it has read figures since the last renewal (its next read within the transaction must not be stale)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _renew()
        return
    if getattr(_used, "since_renewal", False):
        _renew()
    block = connection.atomic_blocks[-1] if connection.atomic_blocks else None
    if block is None or not getattr(block, "dangvu_renews", False):
        if block is not None:
            block.dangvu_renews = True  # a rolled-back savepoint drops its callback, and its block with it
        transaction.on_commit(_renew)


def kept(name: str, parts: str, compute: Callable[[], Any], seconds: int = FIGURES_SECONDS) -> Any:
    """`compute()`, or what it answered for the same name and parts since the data last changed."""
    key = f"{name}:{parts}:{_generation()}"
    _used.since_renewal = True
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found
