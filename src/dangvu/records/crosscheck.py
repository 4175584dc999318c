"""The quarterly cross-check (đối chiếu số lượng đảng viên): for each organization of a subtree, the members its
cells list, the count it keeps, the sum of its children's counts, and the count the level above holds in its
book (the open placements), with the differences member by member.

In one database these agree unless something wrote around the actions (a hand-edited placement, a count
left behind by a failed import): the check is how an office finds that before the quarter's report. The
three sources are read once for the whole subtree; each organization's figures are sums over its
descendants (the open rows of the closure table).
"""

from dataclasses import dataclass, field
from datetime import date

from dangvu.accounts.scope import READ, Scope
from dangvu.members.models import Member, Placement, Status, SubtreeCount
from dangvu.organizations.models import MEMBER_UNIT_KINDS, OPEN_END, Ancestry, Organization, ParentLink

ACTIVE = (Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED)


@dataclass
class Difference:
    member: Member
    listed_in: Organization | None  # the cell whose list holds them (Member.organization)
    booked_in: Organization | None  # the cell whose book holds them (the open placement)


@dataclass
class Line:
    organization: Organization
    depth: int
    listed: int
    kept: int
    children: int
    booked: int
    differences: list[Difference] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return self.listed == self.kept == self.children == self.booked and not self.differences


def quarter_label(on: date) -> str:
    return f"Quý {(on.month - 1) // 3 + 1} năm {on.year}"


def cross_check(scope: Scope, organization: Organization) -> list[Line]:
    scope.require(organization.pk, READ)
    rows = list(Ancestry.objects.filter(ancestor=organization, valid_to=OPEN_END).values_list("descendant_id", "depth"))
    depth = dict(rows)
    orgs = Organization.objects.in_bulk(list(depth))
    up = {}  # descendant -> its ancestors within the subtree (itself included)
    for descendant, ancestor in Ancestry.objects.filter(
        descendant_id__in=list(depth), ancestor_id__in=list(depth), valid_to=OPEN_END
    ).values_list("descendant_id", "ancestor_id"):
        up.setdefault(descendant, []).append(ancestor)
    listed = dict(
        Member.objects.filter(organization_id__in=list(depth), status__in=ACTIVE).values_list("id", "organization_id")
    )
    booked = dict(
        Placement.objects.filter(organization_id__in=list(depth), valid_to=OPEN_END).values_list(
            "member_id", "organization_id"
        )
    )
    kept = {pk: row.total for pk, row in SubtreeCount.objects.in_bulk(list(depth)).items()}
    children: dict[int, list[int]] = {}
    for child, parent in ParentLink.objects.filter(
        organization_id__in=list(depth), parent_id__in=list(depth), valid_to=OPEN_END
    ).values_list("organization_id", "parent_id"):
        children.setdefault(parent, []).append(child)
    count_listed: dict[int, int] = {}
    count_booked: dict[int, int] = {}
    for source, target in ((listed, count_listed), (booked, count_booked)):
        for cell in source.values():
            for ancestor in up.get(cell, [cell]):
                target[ancestor] = target.get(ancestor, 0) + 1
    odd = {m for m in set(listed) | set(booked) if listed.get(m) != booked.get(m)}
    people = {m.pk: m for m in Member.objects.filter(pk__in=list(odd)).select_related("person")}
    lines = []
    for pk in sorted(depth, key=lambda pk: (depth[pk] > 0, orgs[pk].sort_key)):
        org = orgs[pk]
        own = count_listed.get(pk, 0) if org.kind in MEMBER_UNIT_KINDS and not children.get(pk) else 0
        line = Line(
            org,
            depth[pk],
            count_listed.get(pk, 0),
            kept.get(pk, 0),
            own + sum(kept.get(c, 0) for c in children.get(pk, [])),
            count_booked.get(pk, 0),
        )
        if org.kind in MEMBER_UNIT_KINDS:
            for m in sorted(odd, key=lambda m: people[m].sort_key):
                if pk in (listed.get(m), booked.get(m)):
                    line.differences.append(Difference(people[m], orgs.get(listed.get(m)), orgs.get(booked.get(m))))
        lines.append(line)
    return sorted(lines, key=lambda line: (line.depth, line.organization.sort_key))
