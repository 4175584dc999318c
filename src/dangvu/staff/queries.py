"""Reads of accounts and mandates for the account pages, each taking the manager's scope first.

A manager sees the accounts that belong to an organization of their subtree or that hold (or held) a mandate
there; they manage an account only when every current role of it lies within their subtree and is no wider
than their own there.
"""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from dangvu.accounts.models import Mandate
from dangvu.accounts.scope import ACCOUNTS, Scope
from dangvu.organizations.models import OPEN_END, Ancestry

from . import rules

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _managing(scope: Scope) -> list[Mandate]:
    return [m for m in scope.mandates if m.role in rules.MANAGING_ROLES]


def manages_now(scope: Scope, organization_id: int) -> bool:
    """Whether the organization lies, today, in the subtree of one of the user's managing mandates."""
    return (
        scope.is_admin
        or Ancestry.objects.filter(
            ancestor_id__in=scope.roots(ACCOUNTS), descendant_id=organization_id, valid_to=OPEN_END
        ).exists()
    )


def may_grant(scope: Scope, role: str, organization_id: int) -> bool:
    """Whether the user may give (or end) `role` at the organization: within a managing mandate's current
    subtree, and no wider than that mandate's role."""
    if scope.is_admin:
        return True
    managing = _managing(scope)
    above = set(
        Ancestry.objects.filter(
            ancestor_id__in=[m.organization_id for m in managing],
            descendant_id=organization_id,
            valid_to=OPEN_END,
        ).values_list("ancestor_id", flat=True)
    )
    return any(m.organization_id in above and rules.not_wider(role, m.role) for m in managing)


def users(scope: Scope) -> QuerySet:
    """The accounts this user may see on the account pages."""
    User = get_user_model()
    if scope.is_admin:
        return User.objects.all()
    if not scope.roots(ACCOUNTS):
        return User.objects.none()
    reach = scope.organization_ids(ACCOUNTS)
    return User.objects.filter(
        Q(account_state__organization_id__in=reach)
        | Q(pk__in=Mandate.objects.filter(organization_id__in=reach).values("user_id"))
    )


def user_list(scope: Scope, text: str = "") -> QuerySet:
    """The accounts with their mandates (current and past) and their organization, by user name."""
    found = (
        users(scope)
        .select_related("account_state__organization")
        .prefetch_related(Prefetch("mandates", Mandate.objects.select_related("organization").order_by("-valid_from")))
        .order_by("username")
    )
    text = text.strip()
    if text:
        found = found.filter(Q(username__icontains=text) | Q(first_name__icontains=text))
    return found


def get_user(scope: Scope, pk: int) -> "User":
    from django.shortcuts import get_object_or_404

    return get_object_or_404(user_list(scope), pk=pk)


def can_manage_user(scope: Scope, user) -> bool:
    """Whether the user may lock, reset or otherwise manage the account (see the module's rule)."""
    if getattr(scope.user, "is_superuser", False):
        return True
    if user.is_superuser:
        return False
    if scope.is_admin:
        return True
    state = getattr(user, "account_state", None)
    current = [m for m in user.mandates.all() if m.valid_to == OPEN_END or m.valid_to > _today()]
    if state is None or state.organization_id is None:
        if not current:
            return False
    elif not manages_now(scope, state.organization_id):
        return False
    return all(may_grant(scope, m.role, m.organization_id) for m in current)


def _today():
    from django.utils import timezone

    return timezone.localdate()


def mandates_of(user) -> QuerySet:
    return Mandate.objects.filter(user=user).select_related("organization", "person").order_by("-valid_from")


def get_mandate(scope: Scope, user, pk: int) -> Mandate:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(mandates_of(user), pk=pk)


def people(scope: Scope) -> QuerySet:
    """The people of the registry this user may link an account to."""
    from dangvu.members.people import people_in_scope

    return people_in_scope(scope)
