"""Helpers every work action shares: the scope check of the acting user, raising collected field errors,
and the subtree test of a subject."""

from dangvu.accounts.scope import scope_for
from dangvu.core.errors import RuleViolation
from dangvu.members.models import Member, Placement
from dangvu.organizations.models import Ancestry, Organization


def require(actor, organization_id: int | None, capability: str) -> None:
    """The acting user must hold `capability` over the organization (None is the system itself)."""
    if actor is not None:
        scope_for(actor).require(organization_id, capability)


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise RuleViolation(errors)


def add(errors: dict[str, list[str]], found: dict[str, list[str]]) -> None:
    for field, messages in found.items():
        errors.setdefault(field, []).extend(messages)


def ever_under(organization: Organization, ancestor: Organization, strictly: bool = False) -> bool:
    """Whether `organization` ever stood in `ancestor`'s subtree (dissolved organizations stay reachable)."""
    rows = Ancestry.objects.filter(descendant=organization, ancestor=ancestor)
    if strictly:
        rows = rows.filter(depth__gt=0)
    return rows.exists()


def member_ever_under(member: Member, ancestor: Organization) -> bool:
    """Whether a member was ever registered in a cell of `ancestor`'s subtree."""
    cells = Ancestry.objects.filter(ancestor=ancestor).values("descendant_id")
    return Placement.objects.filter(member=member, organization_id__in=cells).exists()
