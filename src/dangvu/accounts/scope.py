"""The scope chokepoint: what a user may see and change, from the subtrees of their current mandates.

Every query and action asks the `Scope` of the acting user. For reading, a subtree is every organization that
has ever stood under the mandate's organization (the dated closure table), so dissolved organizations and the
members they had stay reachable for those who were responsible for them. For changing (every capability but
READ), it is what stands under it now, and what ended while it stood there (a dissolved or merged cell's
records are corrected by the committee it ended in): an organization that has moved elsewhere, or the whole
subtree of a committee that has ended (Phủ Lý after 01/07/2025), is read-only to that committee's users.
"""

import contextvars
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone

from dangvu.organizations.models import OPEN_END, Ancestry

from .cache import mandates_on
from .models import Mandate, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User

READ = "read"
WRITE = "write"  # the member registry and organization records
INSPECT = "inspect"  # inspection, supervision and discipline records
PUBLISH = "publish"  # news on the public pages (đăng, gỡ tin)
ACCOUNTS = "accounts"  # the accounts and mandates of the subtree (dangvu.staff)

# Which roles may do what within their subtree.
ROLE_CAPABILITIES: dict[str, set[str]] = {
    Role.ADMIN: {READ, WRITE, INSPECT, PUBLISH, ACCOUNTS},
    Role.OFFICE: {READ, WRITE, INSPECT, PUBLISH, ACCOUNTS},
    Role.INSPECTION: {READ, INSPECT},
    Role.LEADER: {READ},
    Role.CELL_SECRETARY: {READ, WRITE},
    Role.MEMBER: set(),
}


@dataclass
class Scope:
    user: "User"
    mandates: list[Mandate] = field(default_factory=list)

    @property
    def acting_user(self) -> "User":
        """The user an action done with this scope is recorded under (the audit trail's actor)."""
        return self.user

    @property
    def is_admin(self) -> bool:
        return bool(getattr(self.user, "is_superuser", False)) or any(m.role == Role.ADMIN for m in self.mandates)

    @property
    def roles(self) -> set[str]:
        return {m.role for m in self.mandates}

    @property
    def own_person_ids(self) -> list[int]:
        return [m.person_id for m in self.mandates if m.person_id]

    @property
    def key(self) -> str:
        """What tells this scope's reach apart from another's (users with the same roles at the same
        organizations share it): the key of what is kept per scope (dangvu.core.cache.kept)."""
        if self.is_admin:
            return "admin"
        held = sorted({f"{m.role}@{m.organization_id}" for m in self.mandates})
        return ",".join(held) + "|" + ",".join(map(str, sorted(self.own_person_ids)))

    def roots(self, capability: str = READ) -> list[int]:
        return [m.organization_id for m in self.mandates if capability in ROLE_CAPABILITIES[m.role]]

    def can(self, capability: str) -> bool:
        return self.is_admin or bool(self.roots(capability))

    def _subtree_rows(self, capability: str) -> QuerySet:
        """The closure rows under the roots of the capability: ever (READ), or now and ended there (changes)."""
        rows = Ancestry.objects.filter(ancestor_id__in=self.roots(capability))
        if capability != READ:
            rows = rows.filter(Q(valid_to=OPEN_END) | Q(valid_to=F("descendant__dissolved_on")))
        return rows

    def organization_ids(self, capability: str = READ) -> QuerySet:
        """A subquery of the ids of every organization this user may reach with the capability."""
        return self._subtree_rows(capability).values("descendant_id")

    def restrict(self, queryset: QuerySet, org_field: str = "organization", capability: str = READ) -> QuerySet:
        """The part of a queryset whose organization (found through `org_field`) lies in this scope."""
        if self.is_admin:
            return queryset
        if not self.roots(capability):
            return queryset.none()
        lookup = "pk__in" if org_field == "pk" else f"{org_field}_id__in"
        return queryset.filter(**{lookup: self.organization_ids(capability)})

    def restrict_people(
        self, queryset: QuerySet, person_field: str = "person", org_field: str = "organization", capability: str = READ
    ) -> QuerySet:
        """Records about people: those of the subtree, and a member's own record."""
        if self.is_admin:
            return queryset
        condition = Q(pk__in=[])
        if self.roots(capability):
            condition |= Q(**{f"{org_field}_id__in": self.organization_ids(capability)})
        if capability == READ and self.own_person_ids:
            lookup = "pk__in" if person_field == "pk" else f"{person_field}_id__in"
            condition |= Q(**{lookup: self.own_person_ids})
        return queryset.filter(condition)

    def covers(self, organization_id: int | None, capability: str = READ) -> bool:
        if self.is_admin:
            return True
        if organization_id is None:
            return False
        return self._subtree_rows(capability).filter(descendant_id=organization_id).exists()

    def covers_now(self, organization_id: int, capability: str = READ) -> bool:
        """Whether the organization and everything under it now lie in this scope (not only once did)."""
        return (
            self.is_admin
            or Ancestry.objects.filter(
                ancestor_id__in=self.roots(capability), descendant_id=organization_id, valid_to=OPEN_END
            ).exists()
        )

    def require(self, organization_id: int | None, capability: str = READ) -> None:
        """404 when the organization is out of sight, 403 when seen but not changeable by this user."""
        if self.covers(organization_id, capability):
            return
        if capability != READ and self.covers(organization_id, READ):
            raise PermissionDenied("Bạn không có quyền thay đổi dữ liệu của tổ chức này.")
        raise Http404("Không tìm thấy.")


def scope_of(actor) -> Scope | None:
    """The scope an action checks: a `Scope` as the caller computed it (once per request), the scope of a user
    otherwise, and None for the system itself (commands, the demo loader), which may do anything."""
    if actor is None or isinstance(actor, Scope):
        return actor
    return scope_for(actor)


def require(actor, organization_id: int | None, capability: str = WRITE) -> None:
    """The check every action makes before it writes: 404 out of sight, 403 seen but not changeable."""
    scope = scope_of(actor)
    if scope is not None:
        scope.require(organization_id, capability)


def require_capability(scope: Scope, capability: str, what: str) -> Scope:
    """The scope, which must hold `capability` somewhere: 403 "Bạn không có quyền {what}." otherwise (a page
    that only writers open; what may be written where, each action checks again)."""
    if not scope.can(capability):
        raise PermissionDenied(f"Bạn không có quyền {what}.")
    return scope


# The scopes computed during the current request (the view, the menu and the actions ask the same question):
# set by RequestScopeMiddleware, forgotten when a mandate changes. Outside a request nothing is kept.
_request_scopes: contextvars.ContextVar[dict | None] = contextvars.ContextVar("request_scopes", default=None)


def scope_for(user, on: date | None = None) -> Scope:
    """The scope of a user from the mandates valid on a date (today by default); once per request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope(user=user)
    on = on or timezone.localdate()
    kept = _request_scopes.get()
    key = (user.pk, on)
    if kept is not None and key in kept:
        return kept[key]
    scope = Scope(user=user, mandates=mandates_on(user, on))
    if kept is not None:
        kept[key] = scope
    return scope


@receiver([post_save, post_delete], sender=Mandate)
def _forget_scopes(**kwargs) -> None:
    kept = _request_scopes.get()
    if kept:
        kept.clear()


class RequestScopeMiddleware:
    """Keeps each user's scope for the length of one request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_scopes.set({})
        try:
            return self.get_response(request)
        finally:
            _request_scopes.reset(token)
