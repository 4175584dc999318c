"""Reads of the organization tree, as it is now or as of a date, always through the user's scope.

Each subtree query is one lookup in the dated closure table (`Ancestry`), so it stays fast with hundreds of
thousands of organizations.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from dangvu.accounts.scope import READ, Scope

from .models import (
    GRASSROOTS_KINDS,
    OPEN_END,
    Ancestry,
    Body,
    Kind,
    LineageEvent,
    Organization,
    OrganizationName,
    ParentLink,
    Position,
    Post,
)


def _valid_on(on: date | None, prefix: str = "") -> Q:
    if on is None:
        return Q(**{f"{prefix}valid_to": OPEN_END})
    return Q(**{f"{prefix}valid_from__lte": on, f"{prefix}valid_to__gt": on})


def subtree_ids(org_id: int, on: date | None = None) -> QuerySet:
    """A subquery of the ids of `org_id` and every organization under it (now, or as of `on`)."""
    return Ancestry.objects.filter(_valid_on(on), ancestor_id=org_id).values("descendant_id")


def subtree(org: Organization, on: date | None = None) -> QuerySet:
    """The organization and everything under it, as the tree stood on `on`."""
    return Organization.objects.filter(pk__in=subtree_ids(org.pk, on))


def grassroots(org: Organization, on: date | None = None) -> QuerySet:
    """The grassroots organizations (tổ chức cơ sở đảng) of a subtree."""
    return subtree(org, on).filter(kind__in=GRASSROOTS_KINDS)


def ancestors(org: Organization, on: date | None = None) -> list[Organization]:
    """The organizations above, the root first (as of `on`)."""
    rows = (
        Ancestry.objects.filter(_valid_on(on), descendant=org, depth__gt=0)
        .select_related("ancestor")
        .order_by("-depth")
    )
    return [row.ancestor for row in rows]


def parent_on(org: Organization, on: date) -> Organization | None:
    link = ParentLink.objects.filter(_valid_on(on), organization=org).select_related("parent").first()
    return link.parent if link else None


def name_on(org: Organization, on: date | None = None) -> OrganizationName:
    """The names an organization bore on a date (its last names, if it had ended by then)."""
    names = org.names.all()
    if on is not None:
        found = names.filter(valid_from__lte=on).order_by("-valid_from").first()
        if found:
            return found
    # (every organization is established with a name: `establish` writes it in the same transaction)
    return cast(OrganizationName, names.order_by("-valid_from").first())


def children(org: Organization, on: date | None = None) -> QuerySet:
    """The organizations directly under `org` on a date (now by default)."""
    child_ids = ParentLink.objects.filter(_valid_on(on), parent=org).values("organization_id")
    return Organization.objects.filter(pk__in=child_ids)


def member_counts(orgs: list[Organization], on: date | None = None) -> dict[int, int]:
    """Members registered in each organization's subtree now (the kept counts, `members.tally`) or on a date
    (one grouped query over the placements)."""
    from dangvu.members.models import Placement, SubtreeCount

    ids = [o.pk for o in orgs]
    if not ids:
        return {}
    if on is None:
        return {row.pk: row.total for row in SubtreeCount.objects.filter(pk__in=ids)}
    key = "organization__ancestry_up__ancestor_id"
    rows = (
        Placement.objects.filter(_valid_on(on))
        .filter(_valid_on(on, "organization__ancestry_up__"), **{f"{key}__in": ids})
        .values(key)
        .annotate(n=Count("id"))
    )
    return {row[key]: row["n"] for row in rows}


@dataclass
class Ending:
    """How an organization ended: the day it ended, its last day, and who carries on its work."""

    ended_on: date
    last_day: date
    successors: list[Organization]


def ending(org: Organization) -> Ending | None:
    """None while the organization works. Its successors are the organizations named by the decision that ended
    it (the one it merged into) and those that took its direct sub-organizations on that day."""
    if org.dissolved_on is None:
        return None
    ended_on = org.dissolved_on
    named = Organization.objects.filter(
        pk__in=LineageEvent.objects.filter(organization=org, date=ended_on).values("related")
    )
    took_children = ParentLink.objects.filter(
        valid_from=ended_on,
        organization__in=ParentLink.objects.filter(parent=org, valid_to=ended_on).values("organization"),
    ).values("parent")
    successors = (named | Organization.objects.filter(pk__in=took_children)).exclude(pk=org.pk).distinct()
    return Ending(ended_on, ended_on - timedelta(days=1), list(successors.order_by("name")))


def visible_organizations(scope: Scope, capability: str = READ) -> QuerySet:
    return scope.restrict(Organization.objects.all(), "pk", capability)


def get_organization(scope: Scope, code: str, capability: str = READ) -> Organization:
    """An organization by code, or 404 when it is not in the user's scope."""
    return get_object_or_404(visible_organizations(scope, capability), code=code)


def roots_for(scope: Scope, on: date | None = None) -> QuerySet:
    """The tops of the tree a user sees: their mandates' organizations (every root for an administrator)."""
    if scope.is_admin:
        if on is None:
            return Organization.objects.filter(parent__isnull=True, dissolved_on__isnull=True)
        above = Ancestry.objects.filter(_valid_on(on), descendant_id=OuterRef("descendant_id"), depth__gt=0)
        top_ids = Ancestry.objects.filter(_valid_on(on), depth=0).filter(~Exists(above)).values("descendant_id")
        return Organization.objects.filter(pk__in=top_ids)
    return Organization.objects.filter(pk__in=scope.roots(READ))


def search(scope: Scope, text: str, limit: int = 20) -> QuerySet:
    from dangvu.core.text import fold

    return visible_organizations(scope).filter(name_folded__contains=fold(text))[:limit]


# Titles ------------------------------------------------------------------------------------------------

KIND_LEVEL: dict[str, int] = {
    Kind.PROVINCE: 0,
    Kind.DISTRICT: 1,
    Kind.COMMUNE: 2,
    Kind.GRASSROOTS_COMMITTEE: 3,
    Kind.GRASSROOTS_CELL: 3,
    Kind.SUB_COMMITTEE: 4,
    Kind.CELL: 5,
}
POST_RANK: dict[tuple[str, str], int] = {
    (Body.PERMANENT, Post.SECRETARY): 0,
    (Body.PERMANENT, Post.STANDING_DEPUTY_SECRETARY): 1,
    (Body.PERMANENT, Post.DEPUTY_SECRETARY): 2,
    (Body.CELL_COMMITTEE, Post.SECRETARY): 0,
    (Body.CELL_COMMITTEE, Post.DEPUTY_SECRETARY): 2,
    (Body.STANDING, Post.MEMBER): 3,
    (Body.INSPECTION_COMMITTEE, Post.INSPECTION_CHAIR): 4,
    (Body.EXECUTIVE, Post.MEMBER): 5,
    (Body.DEPARTMENT, Post.HEAD): 6,
    (Body.DEPARTMENT, Post.DEPUTY_HEAD): 7,
    (Body.INSPECTION_COMMITTEE, Post.INSPECTION_DEPUTY): 8,
    (Body.INSPECTION_COMMITTEE, Post.MEMBER): 9,
    (Body.CELL_COMMITTEE, Post.MEMBER): 9,
}
STATE_RANK: dict[str, int] = {
    Post.COUNCIL_CHAIR: 20,
    Post.PEOPLES_COMMITTEE_CHAIR: 21,
    Post.COUNCIL_VICE_CHAIR: 22,
    Post.PEOPLES_COMMITTEE_VICE_CHAIR: 23,
}


def position_title(position: Position, on: date) -> str:
    """How documents name one post: "Bí thư Thành ủy", "Phó Trưởng Ban Tổ chức Tỉnh ủy", "Chủ tịch HĐND thành phố"."""
    if position.label:
        return position.label
    names = name_on(position.organization, on)
    short = names.committee_short or names.committee_name
    body, post = position.body, position.post
    if body == Body.STATE:
        state_titles: dict[str, str] = {
            Post.COUNCIL_CHAIR: "Chủ tịch HĐND",
            Post.COUNCIL_VICE_CHAIR: "Phó Chủ tịch HĐND",
            Post.PEOPLES_COMMITTEE_CHAIR: "Chủ tịch UBND",
            Post.PEOPLES_COMMITTEE_VICE_CHAIR: "Phó Chủ tịch UBND",
        }
        word = state_titles.get(post, position.get_post_display())
        return f"{word} {names.locality}".strip()
    if body == Body.DEPARTMENT:
        dept = position.department or "Văn phòng"
        if dept.startswith("Văn phòng"):
            word = "Chánh" if post == Post.HEAD else "Phó Chánh"
        else:
            word = "Trưởng" if post == Post.HEAD else "Phó Trưởng"
        return f"{word} {dept} {short}"
    if body == Body.STANDING:
        return f"Ủy viên BTV {short}"
    if body == Body.EXECUTIVE:
        return f"{short} viên" if short.endswith("ủy") else f"Ủy viên BCH {names.committee_name}"
    if body == Body.INSPECTION_COMMITTEE:
        inspection_titles: dict[str, str] = {
            Post.INSPECTION_CHAIR: "Chủ nhiệm UBKT",
            Post.INSPECTION_DEPUTY: "Phó Chủ nhiệm UBKT",
        }
        word = inspection_titles.get(post, "Ủy viên UBKT")
        return f"{word} {short}"
    party_titles: dict[str, str] = {
        Post.SECRETARY: "Bí thư",
        Post.STANDING_DEPUTY_SECRETARY: "Phó Bí thư TT",
        Post.DEPUTY_SECRETARY: "Phó Bí thư",
    }
    word = party_titles.get(post, position.get_post_display())
    return f"{word} {short}"


def _rank(position: Position) -> tuple[int, int, int]:
    level = KIND_LEVEL.get(position.organization.kind, 9)
    if position.body == Body.STATE:
        return (1, level, STATE_RANK.get(position.post, 29))
    return (0, level, POST_RANK.get((position.body, position.post), 15))


def positions_on(person, on: date) -> list[Position]:
    """The posts a person held on a date, highest first: party posts by level, then state titles."""
    held = Position.objects.filter(_valid_on(on), person=person).select_related("organization")
    return sorted(held, key=_rank)


# A seat in a higher body of the same organization implies membership of these: a deputy secretary sits in
# the BTV and the BCH, a BTV member in the BCH, and documents name only the highest.
IMPLIED_MEMBERSHIP: dict[str, tuple[str, ...]] = {
    Body.EXECUTIVE: (Body.STANDING, Body.PERMANENT),
    Body.STANDING: (Body.PERMANENT,),
}


def titles(person, on: date) -> str:
    """ "Ủy viên BTV Tỉnh ủy, Bí thư Thành ủy, Chủ tịch HĐND thành phố": a person's titles on a date."""
    held = positions_on(person, on)
    bodies = {(position.organization_id, position.body) for position in held}
    seen, parts = set(), []
    for position in held:
        higher = IMPLIED_MEMBERSHIP.get(position.body, ()) if position.post == Post.MEMBER else ()
        if any((position.organization_id, body) in bodies for body in higher):
            continue
        title = position_title(position, on)
        if title not in seen:
            seen.add(title)
            parts.append(title)
    return ", ".join(parts)


def positions_of(org: Organization, on: date | None = None) -> QuerySet:
    return Position.objects.filter(_valid_on(on), organization=org).select_related("person", "organization")


def ranked(positions) -> list[Position]:
    """Posts highest first (secretary, deputies, standing committee …), then by name."""
    return sorted(positions, key=lambda p: (_rank(p), p.person.sort_key))


def tree_level(orgs: QuerySet, on: date | None = None) -> list[Organization]:
    """Organizations of one level of the tree, each with `has_children` and `member_total` (its subtree's
    members, by `member_counts`)."""
    found = list(orgs.annotate(has_children=Exists(ParentLink.objects.filter(_valid_on(on), parent=OuterRef("pk")))))
    counts = member_counts(found, on)
    for org in found:
        org.member_total = counts.get(org.pk, 0)
    return found
