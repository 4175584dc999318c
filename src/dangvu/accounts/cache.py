"""The user and today's mandates of a logged-in request, from the shared cache (dangvu.core.cache).

Every change of a user or a mandate goes through the ORM (actions, the staff pages, `createsuperuser`), whose
signals forget the entries at once and again when the transaction commits (a request that reads in between
sees the committed state, which it may cache; the commit then removes it). An entry also ends after
`KEEP_SECONDS`, which bounds the effect of a change written around the ORM (raw SQL). A restore from backup
clears the whole cache (dangvu.core.backup).
"""

from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import Mandate

if TYPE_CHECKING:
    from django.contrib.auth.models import User

KEEP_SECONDS = 300


def _user_key(user_id) -> str:
    return f"user:{user_id}"


def _mandates_key(user_id, on: date) -> str:
    return f"mandates:{user_id}:{on.isoformat()}"


class CachedModelBackend(ModelBackend):
    """Django's model backend whose `get_user` (once per request) reads the cache first."""

    def get_user(self, user_id) -> "User | None":
        key = _user_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, KEEP_SECONDS)
        return user if user is not None and self.user_can_authenticate(user) else None


def mandates_on(user, on: date) -> list[Mandate]:
    """The user's mandates valid on a date; today's from the cache."""

    def read() -> list[Mandate]:
        return list(Mandate.objects.filter(user=user, valid_from__lte=on, valid_to__gt=on))

    if on != timezone.localdate():
        return read()
    key = _mandates_key(user.pk, on)
    mandates = cache.get(key)
    if mandates is None:
        mandates = read()
        cache.set(key, mandates, KEEP_SECONDS)
    return mandates


def forget(user_id) -> None:
    """Forget a user's entries now and when the current transaction commits."""
    keys = [_user_key(user_id), _mandates_key(user_id, timezone.localdate())]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


@receiver([post_save, post_delete], sender=get_user_model())
def _forget_user(instance, **kwargs) -> None:
    forget(instance.pk)


@receiver([post_save, post_delete], sender=Mandate)
def _forget_mandates(instance, **kwargs) -> None:
    forget(instance.user_id)
