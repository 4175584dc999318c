"""Member counts kept current: `SubtreeCount` and the copies on `Member` that the member list's indexes use.

The invariant, checked against a fresh count by tests/test_tally.py: for every organization O,
`SubtreeCount(O)` holds, by status, the members (not left) whose cell (`Member.organization`) lies in O's
current subtree (the open rows of the closure table, as `organizations.queries.member_counts` counts with no
date). It is kept in the same transaction as each change:
- `Member.save` shifts the counts of the cell's ancestors when a member is added, changes status or cell;
- `members.bulk.create_members_bulk` shifts them once for a whole batch;
- `organizations.actions.move` (and the merges and splits made of it) moves a subtree's counts from its
  old ancestors to its new ones, and gives its members their new province;
- `rebuild` computes everything from the records (the migration, `dangvu recount_members`); the scale
  generator writes the copies itself and calls `recount`.

Counters of an organization's ancestors are locked in id order before they change, so two transactions that
move members in opposite directions wait for each other instead of deadlocking.

`RegisteredCount`, the open placements of each cell, is kept by the database itself: triggers (literal SQL in
members migration 0008, never built from this module) run on every insert, update and delete of placements, in
the statement's transaction, whatever code (or SQL) writes them. A bulk load with triggers switched off (the
scale generator's `session_replication_role = replica`) ends with `recount`. Likewise each member event's
`province` (that of its organization now) is set by a trigger when the event is written, and moved with the
subtree by `subtree_moved`; the generator writes it itself. And whether the member was registered in a cell on
the event's date (`MemberEvent.registered`) is set by triggers on events and on placements (the same
migration); the generator writes it itself.
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.apps import apps as django_apps
from django.db.models import Count, Exists, F, OuterRef, Subquery

from dangvu.organizations.models import OPEN_END, Ancestry, Kind

STATUSES = ("probationary", "official", "exempted")


def counted_as(member) -> tuple[int, str] | None:
    """(cell id, status) under which a member is counted, or None (left, or not loaded)."""
    return key(member.__dict__.get("organization_id"), member.__dict__.get("status"))


def key(organization_id: int | None, status: str | None) -> tuple[int, str] | None:
    if organization_id is None or status not in STATUSES:
        return None
    return organization_id, status


def stored_as(member) -> tuple[int, str] | None:
    """How a membership is counted in the database now: for an instance that was not read from it (made by
    `bulk_create`, or by hand with an existing id), whose `from_db` did not note it."""
    from .models import Member

    if member._state.adding or member.pk is None:
        return None
    row = Member.objects.filter(pk=member.pk).values_list("organization_id", "status").first()
    return key(*row) if row else None


def province_of(organization_id: int | None) -> int | None:
    """The nearest province (Đảng bộ tỉnh) above or at an organization now, if there is one."""
    if organization_id is None:
        return None
    return (
        Ancestry.objects.filter(descendant_id=organization_id, valid_to=OPEN_END, ancestor__kind=Kind.PROVINCE)
        .order_by("depth")
        .values_list("ancestor_id", flat=True)
        .first()
    )


def province_expression(ancestry=Ancestry) -> Subquery:
    """`province_of` as a subquery on a member's cell, for set-based updates."""
    return Subquery(
        ancestry.objects.filter(
            descendant_id=OuterRef("organization_id"), valid_to=OPEN_END, ancestor__kind=Kind.PROVINCE
        )
        .order_by("depth")
        .values("ancestor_id")[:1]
    )


def shift(changes: Iterable[tuple[tuple[int, str] | None, int]]) -> None:
    """Apply (cell id, status) ± n to the counts of every current ancestor of each cell (itself included)."""
    by_cell: Counter = Counter()
    for key, delta in changes:
        if key is not None:
            by_cell[key] += delta
    by_cell = Counter({k: v for k, v in by_cell.items() if v})
    if not by_cell:
        return
    cells = {cell for cell, _ in by_cell}
    per_ancestor: dict[int, Counter] = {}
    rows = Ancestry.objects.filter(descendant_id__in=cells, valid_to=OPEN_END).values_list(
        "descendant_id", "ancestor_id"
    )
    for cell, ancestor in rows:
        counter = per_ancestor.setdefault(ancestor, Counter())
        for status in STATUSES:
            counter[status] += by_cell.get((cell, status), 0)
    add_to(per_ancestor)


def add_to(per_organization: dict[int, Counter]) -> None:
    """Add each organization's status deltas to its counts (creating the row when it has none yet)."""
    from .models import SubtreeCount

    ids = sorted(org for org, counter in per_organization.items() if any(counter.values()))
    if not ids:
        return
    existing = set(
        SubtreeCount.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True)
    )
    missing = [org for org in ids if org not in existing]
    SubtreeCount.objects.bulk_create([SubtreeCount(organization_id=org) for org in missing])
    groups: dict[tuple[int, ...], list[int]] = {}
    for org in ids:
        groups.setdefault(tuple(per_organization[org][s] for s in STATUSES), []).append(org)
    for deltas, orgs in groups.items():
        SubtreeCount.objects.filter(pk__in=orgs).update(
            **{status: F(status) + delta for status, delta in zip(STATUSES, deltas, strict=True) if delta}
        )


def counts_of(organization_id: int) -> Counter:
    from .models import SubtreeCount

    row = SubtreeCount.objects.filter(pk=organization_id).first()
    return Counter({s: getattr(row, s) for s in STATUSES}) if row else Counter()


def rebuild(apps=None) -> None:
    """Every count and every member's copies, computed again from the records."""
    copy_keys(apps)
    recount(apps)


def copy_keys(apps=None) -> None:
    """Every member's copies of the person's name keys and of the province (`apps`: a migration's)."""
    apps = apps or django_apps
    member, person = apps.get_model("members", "Member"), apps.get_model("members", "Person")
    of_person = person.objects.filter(pk=OuterRef("person_id"))
    member.objects.update(
        name_folded=Subquery(of_person.values("name_folded")[:1]),
        sort_key=Subquery(of_person.values("sort_key")[:1]),
        province_id=province_expression(apps.get_model("organizations", "Ancestry")),
    )


def recount(apps=None) -> None:
    """Every subtree count and every cell's open placements, computed again from the records."""
    recount_subtrees(apps)
    recount_registered(apps)


def recount_subtrees(apps=None) -> None:
    """Every subtree count, computed again from the members' cells and statuses."""
    apps = apps or django_apps
    member, counts = apps.get_model("members", "Member"), apps.get_model("members", "SubtreeCount")
    counts.objects.all().delete()
    key = "organization__ancestry_up__ancestor_id"
    rows = (
        member.objects.filter(status__in=STATUSES, organization__ancestry_up__valid_to=OPEN_END)
        .values_list(key, "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_organization: dict[int, dict] = {}
    for org, status, n in rows:
        per_organization.setdefault(org, {})[status] = n
    counts.objects.bulk_create(
        [counts(organization_id=org, **by_status) for org, by_status in per_organization.items()], batch_size=5000
    )


def subtree_moved(organization_id: int, old_ancestors: list[int], new_ancestors: list[int]) -> None:
    """An organization moved: its counts leave its old ancestors and join its new ones; the members under it
    take the province they now lie in."""
    from dangvu.organizations.queries import subtree_ids

    moved = counts_of(organization_id)
    per_ancestor: dict[int, Counter] = {}
    for ancestors, sign in ((old_ancestors, -1), (new_ancestors, +1)):
        for ancestor in ancestors:
            counter = per_ancestor.setdefault(ancestor, Counter())
            for status in STATUSES:
                counter[status] += sign * moved[status]
    add_to(per_ancestor)
    refresh_provinces(subtree_ids(organization_id))


def refresh_provinces(organization_ids) -> None:
    """The members, member events and oversights of the organizations (ids, or a subquery of them) take the
    province their organization lies in now."""
    from .models import Member, MemberEvent

    for model in (Member, MemberEvent, django_apps.get_model("work", "Oversight")):
        model.objects.filter(organization_id__in=organization_ids).update(province_id=province_expression())


def _standing(organization_ids: set[int]) -> dict[int, Counter]:
    """What the members registered now in the cells `organization_ids` add to each organization's counts: by
    status, at every current ancestor of their cells."""
    from dangvu.organizations.closure import chunks

    from .models import Member

    per_cell: dict[int, Counter] = {}
    for chunk in chunks(organization_ids):
        for cell, status, n in (
            Member.objects.filter(organization_id__in=chunk, status__in=STATUSES)
            .values_list("organization_id", "status")
            .annotate(n=Count("id"))
            .order_by()
        ):
            per_cell.setdefault(cell, Counter())[status] += n
    per_ancestor: dict[int, Counter] = {}
    for chunk in chunks(per_cell):
        for cell, ancestor in Ancestry.objects.filter(descendant_id__in=chunk, valid_to=OPEN_END).values_list(
            "descendant_id", "ancestor_id"
        ):
            per_ancestor.setdefault(ancestor, Counter()).update(per_cell[cell])
    return per_ancestor


@contextmanager
def tree_changing(organization_ids: set[int]) -> Iterator[None]:
    """Keep the counts and the provinces through a change of the tree, or of the members' cells and statuses
    (written by queryset updates, not `Member.save`), within `organization_ids`: the set must hold every
    organization whose current ancestors or members change; the caller may add to it within the block (an
    organization established there, which had no members before)."""
    before = _standing(organization_ids)
    yield organization_ids
    after = _standing(organization_ids)
    delta = {
        org: Counter({s: after.get(org, Counter())[s] - before.get(org, Counter())[s] for s in STATUSES})
        for org in {*before, *after}
    }
    add_to(delta)
    from dangvu.organizations.closure import chunks

    for chunk in chunks(organization_ids):
        refresh_provinces(chunk)


# The open placements of each cell (`RegisteredCount`), kept by triggers (members migration 0008) ----------------


def recount_registered(apps=None) -> None:
    """Every cell's open placements, computed again from the placements."""
    apps = apps or django_apps
    placement, counts = apps.get_model("members", "Placement"), apps.get_model("members", "RegisteredCount")
    counts.objects.all().delete()
    rows = placement.objects.filter(valid_to=OPEN_END).values_list("organization_id").annotate(n=Count("id")).order_by()
    counts.objects.bulk_create([counts(organization_id=org, registered=n) for org, n in rows], batch_size=5000)


# Each event's province now, set by triggers (members 0008, work 0005) -----------------------------------------


def fill_provinces(model) -> None:
    """Every row's province (of a model with `organization` and `province`), computed again from the tree."""
    model.objects.update(province_id=province_expression(model._meta.apps.get_model("organizations", "Ancestry")))


# Whether the member was registered in a cell of the system on an event's date (`MemberEvent.registered`): an
# admission or recognition recorded for a member who arrived later from outside happened elsewhere, and the
# reports do not count it. Kept by the database: set when an event is written, and again for a member's events
# whenever one of the member's placements is written or deleted.


def fill_registered(apps=None) -> int:
    """Every event's `registered` computed again from the placements, writing only the rows it changes (a bulk
    load with triggers switched off, the migration): how many changed."""
    apps = apps or django_apps
    events, placements = apps.get_model("members", "MemberEvent"), apps.get_model("members", "Placement")
    covered = Exists(
        placements.objects.filter(
            member_id=OuterRef("member_id"), valid_from__lte=OuterRef("date"), valid_to__gt=OuterRef("date")
        )
    )
    return events.objects.exclude(registered=covered).update(registered=covered)
