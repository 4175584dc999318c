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

`RegisteredCount`, the open placements of each cell, is kept by the database itself: the triggers below run
on every insert, update and delete of placements, in the statement's transaction, whatever code (or SQL)
writes them. A bulk load with triggers switched off (the scale generator's `session_replication_role =
replica`) ends with `recount`. Likewise each member event's `province` (that of its organization now) is set
by a trigger when the event is written, and moved with the subtree by `subtree_moved`; the generator writes
it itself. And whether the member was registered in a cell on the event's date (`MemberEvent.registered`) is
set by triggers on events and on placements (`REGISTERED_TRIGGERS`); the generator writes it itself.
"""

from collections import Counter
from collections.abc import Iterable
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
        .order_by("depth").values_list("ancestor_id", flat=True).first()
    )


def province_expression(ancestry=Ancestry):
    """`province_of` as a subquery on a member's cell, for set-based updates."""
    return Subquery(
        ancestry.objects.filter(descendant_id=OuterRef("organization_id"), valid_to=OPEN_END,
                                ancestor__kind=Kind.PROVINCE).order_by("depth").values("ancestor_id")[:1]
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
    rows = Ancestry.objects.filter(descendant_id__in=cells, valid_to=OPEN_END).values_list("descendant_id",
                                                                                           "ancestor_id")
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
    existing = set(SubtreeCount.objects.select_for_update().filter(pk__in=ids).order_by("pk")
                   .values_list("pk", flat=True))
    missing = [org for org in ids if org not in existing]
    SubtreeCount.objects.bulk_create([SubtreeCount(organization_id=org) for org in missing])
    groups: dict[tuple[int, ...], list[int]] = {}
    for org in ids:
        groups.setdefault(tuple(per_organization[org][s] for s in STATUSES), []).append(org)
    for deltas, orgs in groups.items():
        SubtreeCount.objects.filter(pk__in=orgs).update(
            **{status: F(status) + delta for status, delta in zip(STATUSES, deltas, strict=True) if delta})


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
    member.objects.update(name_folded=Subquery(of_person.values("name_folded")[:1]),
                          sort_key=Subquery(of_person.values("sort_key")[:1]),
                          province_id=province_expression(apps.get_model("organizations", "Ancestry")))


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
    rows = (member.objects.filter(status__in=STATUSES, organization__ancestry_up__valid_to=OPEN_END)
            .values_list(key, "status").annotate(n=Count("id")).order_by())
    per_organization: dict[int, dict] = {}
    for org, status, n in rows:
        per_organization.setdefault(org, {})[status] = n
    counts.objects.bulk_create(
        [counts(organization_id=org, **by_status) for org, by_status in per_organization.items()], batch_size=5000)


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
        for cell, status, n in (Member.objects.filter(organization_id__in=chunk, status__in=STATUSES)
                                .values_list("organization_id", "status").annotate(n=Count("id")).order_by()):
            per_cell.setdefault(cell, Counter())[status] += n
    per_ancestor: dict[int, Counter] = {}
    for chunk in chunks(per_cell):
        for cell, ancestor in Ancestry.objects.filter(descendant_id__in=chunk, valid_to=OPEN_END).values_list(
                "descendant_id", "ancestor_id"):
            per_ancestor.setdefault(ancestor, Counter()).update(per_cell[cell])
    return per_ancestor


@contextmanager
def tree_changing(organization_ids: set[int]):
    """Keep the counts and the provinces through a change of the tree, or of the members' cells and statuses
    (written by queryset updates, not `Member.save`), within `organization_ids`: the set must hold every
    organization whose current ancestors or members change; the caller may add to it within the block (an
    organization established there, which had no members before)."""
    before = _standing(organization_ids)
    yield organization_ids
    after = _standing(organization_ids)
    delta = {org: Counter({s: after.get(org, Counter())[s] - before.get(org, Counter())[s] for s in STATUSES})
             for org in {*before, *after}}
    add_to(delta)
    from dangvu.organizations.closure import chunks

    for chunk in chunks(organization_ids):
        refresh_provinces(chunk)


# The open placements of each cell (`RegisteredCount`), kept by triggers -----------------------------------------

_OPEN = "valid_to = '9999-12-31'"  # OPEN_END, as both databases store dates


def _shift_sql(changes: str) -> str:
    """Add the (organization_id, delta) rows of `changes` to the cells' counts (PostgreSQL, one statement;
    the rows are locked in id order, as `add_to` does)."""
    return f"""INSERT INTO members_registeredcount AS kept (organization_id, registered)
        SELECT organization_id, SUM(delta) FROM ({changes}) changed
        GROUP BY organization_id HAVING SUM(delta) <> 0 ORDER BY organization_id
        ON CONFLICT (organization_id) DO UPDATE SET registered = kept.registered + EXCLUDED.registered;"""


def _placement_statement_triggers(name: str, function: str) -> list[str]:
    """The triggers `<name>_insert`, `_update` and `_delete` of the placements that run `function` (PostgreSQL)
    once per statement, over its rows: the transition tables `new_rows` and `old_rows`."""
    tables = {"insert": "NEW TABLE AS new_rows", "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
              "delete": "OLD TABLE AS old_rows"}
    return [f"""CREATE TRIGGER {name}_{event} AFTER {event.upper()} ON members_placement
        REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"""
            for event, transition in tables.items()]


_ADDED = f"SELECT organization_id, 1 AS delta FROM new_rows WHERE {_OPEN}"
_REMOVED = f"SELECT organization_id, -1 AS delta FROM old_rows WHERE {_OPEN}"

PLACEMENT_TRIGGERS = {
    # once per statement, over the statement's rows (a bulk insert of 100,000 placements is one update)
    "postgresql": [
        f"""CREATE OR REPLACE FUNCTION members_registered_shift() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN {_shift_sql(_ADDED)}
            ELSIF TG_OP = 'DELETE' THEN {_shift_sql(_REMOVED)}
            ELSE {_shift_sql(f"{_ADDED} UNION ALL {_REMOVED}")}
            END IF;
            RETURN NULL;
        END $$""",
        *_placement_statement_triggers("members_registered", "members_registered_shift"),
    ],
    # once per row (SQLite has no statement triggers)
    "sqlite": [
        f"""CREATE TRIGGER members_registered_insert AFTER INSERT ON members_placement WHEN NEW.{_OPEN}
        BEGIN
            INSERT INTO members_registeredcount (organization_id, registered) VALUES (NEW.organization_id, 1)
            ON CONFLICT (organization_id) DO UPDATE SET registered = registered + 1;
        END""",
        f"""CREATE TRIGGER members_registered_update AFTER UPDATE OF organization_id, valid_to ON members_placement
        BEGIN
            UPDATE members_registeredcount SET registered = registered - 1
            WHERE organization_id = OLD.organization_id AND OLD.{_OPEN};
            INSERT INTO members_registeredcount (organization_id, registered)
            SELECT NEW.organization_id, 1 WHERE NEW.{_OPEN}
            ON CONFLICT (organization_id) DO UPDATE SET registered = registered + 1;
        END""",
        f"""CREATE TRIGGER members_registered_delete AFTER DELETE ON members_placement WHEN OLD.{_OPEN}
        BEGIN
            UPDATE members_registeredcount SET registered = registered - 1
            WHERE organization_id = OLD.organization_id;
        END""",
    ],
}

DROP_PLACEMENT_TRIGGERS = {
    "postgresql": ["DROP FUNCTION IF EXISTS members_registered_shift() CASCADE"],
    "sqlite": [f"DROP TRIGGER IF EXISTS members_registered_{event}" for event in ("insert", "update", "delete")],
}


def run_for_vendor(schema_editor, statements: dict[str, list[str]]) -> None:
    """Run the statements written for the migration's database (`PLACEMENT_TRIGGERS`, `province_triggers`)."""
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def recount_registered(apps=None) -> None:
    """Every cell's open placements, computed again from the placements."""
    apps = apps or django_apps
    placement, counts = apps.get_model("members", "Placement"), apps.get_model("members", "RegisteredCount")
    counts.objects.all().delete()
    rows = (placement.objects.filter(valid_to=OPEN_END).values_list("organization_id")
            .annotate(n=Count("id")).order_by())
    counts.objects.bulk_create([counts(organization_id=org, registered=n) for org, n in rows], batch_size=5000)


# Each event's province now, set by triggers ---------------------------------------------------------------------

_PROVINCE_OF = """(SELECT a.ancestor_id FROM organizations_ancestry a
    JOIN organizations_organization o ON o.id = a.ancestor_id
    WHERE a.descendant_id = {organization} AND a.valid_to = '9999-12-31' AND o.kind = 'province'
    ORDER BY a.depth LIMIT 1)"""  # `province_of` in SQL

def province_triggers(table: str) -> dict[str, list[str]]:
    """The triggers that set the `province_id` of a table's rows from their `organization_id` when written."""
    province_of = _PROVINCE_OF.format(organization="NEW.organization_id")
    return {
        "postgresql": [
            f"""CREATE OR REPLACE FUNCTION {table}_province() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.province_id := {province_of};
                RETURN NEW;
            END $$""",
            f"""CREATE TRIGGER {table}_province BEFORE INSERT OR UPDATE OF organization_id
            ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_province()""",
        ],
        "sqlite": [
            f"""CREATE TRIGGER {table}_province_{event} AFTER {event.upper()}{columns} ON {table}
            BEGIN
                UPDATE {table} SET province_id = {province_of} WHERE id = NEW.id;
            END"""
            for event, columns in (("insert", ""), ("update", " OF organization_id"))
        ],
    }


def drop_province_triggers(table: str) -> dict[str, list[str]]:
    return {
        "postgresql": [f"DROP FUNCTION IF EXISTS {table}_province() CASCADE"],
        "sqlite": [f"DROP TRIGGER IF EXISTS {table}_province_{event}" for event in ("insert", "update")],
    }


def fill_provinces(model) -> None:
    """Every row's province (of a model with `organization` and `province`), computed again from the tree."""
    model.objects.update(province_id=province_expression(model._meta.apps.get_model("organizations", "Ancestry")))


def province_column(app_label: str, model_name: str):
    """The migration operation that fills a model's new `province` column and installs its triggers (undone by
    dropping them): member events, oversights."""
    from django.db import migrations

    def table(apps):
        return apps.get_model(app_label, model_name)._meta.db_table

    def install(apps, schema_editor):
        fill_provinces(apps.get_model(app_label, model_name))
        run_for_vendor(schema_editor, province_triggers(table(apps)))

    def uninstall(apps, schema_editor):
        run_for_vendor(schema_editor, drop_province_triggers(table(apps)))

    return migrations.RunPython(install, uninstall)


# Whether the member was registered in a cell of the system on an event's date (`MemberEvent.registered`): an
# admission or recognition recorded for a member who arrived later from outside happened elsewhere, and the
# reports do not count it. Kept by the database: set when an event is written, and again for a member's events
# whenever one of the member's placements is written or deleted.

_COVERED = """EXISTS (SELECT 1 FROM members_placement p WHERE p.member_id = {event}.member_id
    AND p.valid_from <= {event}.date AND p.valid_to > {event}.date)"""


def _recompute_sql(events: str) -> str:
    """Turn `registered` of the events that meet `events` (SQL over `e`) where the placements now say otherwise."""
    return f"""UPDATE members_memberevent e SET registered = NOT e.registered
        WHERE {events} AND e.registered <> {_COVERED.format(event="e")};"""


_NEW_MEMBERS, _OLD_MEMBERS = "SELECT member_id FROM new_rows", "SELECT member_id FROM old_rows"

REGISTERED_TRIGGERS = {
    # New events and changed placements once per statement, over the statement's rows (an import of 100,000
    # members is three updates); an event's member or date changed, per row (transition tables cannot go with
    # a trigger on some columns only).
    "postgresql": [
        f"""CREATE OR REPLACE FUNCTION members_memberevent_registered() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.registered := {_COVERED.format(event="NEW")};
            RETURN NEW;
        END $$""",
        """CREATE TRIGGER members_memberevent_registered BEFORE UPDATE OF member_id, date
        ON members_memberevent FOR EACH ROW EXECUTE FUNCTION members_memberevent_registered()""",
        f"""CREATE OR REPLACE FUNCTION members_memberevent_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {_recompute_sql("e.id IN (SELECT id FROM new_rows)")}
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER members_memberevent_inserted AFTER INSERT ON members_memberevent
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_memberevent_inserted()""",
        f"""CREATE OR REPLACE FUNCTION members_placement_events() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN {_recompute_sql(f"e.member_id IN ({_NEW_MEMBERS})")}
            ELSIF TG_OP = 'DELETE' THEN {_recompute_sql(f"e.member_id IN ({_OLD_MEMBERS})")}
            ELSE {_recompute_sql(f"e.member_id IN ({_NEW_MEMBERS} UNION {_OLD_MEMBERS})")}
            END IF;
            RETURN NULL;
        END $$""",
        *_placement_statement_triggers("members_placement_events", "members_placement_events"),
    ],
    # once per row (SQLite has no statement triggers)
    "sqlite": [
        *(f"""CREATE TRIGGER members_memberevent_registered_{event} AFTER {event.upper()}{columns}
        ON members_memberevent BEGIN
            UPDATE members_memberevent SET registered = {_COVERED.format(event="NEW")} WHERE id = NEW.id;
        END""" for event, columns in (("insert", ""), ("update", " OF member_id, date"))),
        *(f"""CREATE TRIGGER members_placement_events_{event} AFTER {event.upper()} ON members_placement BEGIN
            UPDATE members_memberevent SET registered = {_COVERED.format(event="members_memberevent")}
            WHERE member_id IN ({members});
        END""" for event, members in (("insert", "NEW.member_id"), ("update", "OLD.member_id, NEW.member_id"),
                                      ("delete", "OLD.member_id"))),
    ],
}

DROP_REGISTERED_TRIGGERS = {
    "postgresql": [f"DROP FUNCTION IF EXISTS {name}() CASCADE" for name in (
        "members_memberevent_registered", "members_memberevent_inserted", "members_placement_events")],
    "sqlite": [f"DROP TRIGGER IF EXISTS members_memberevent_registered_{event}" for event in ("insert", "update")]
    + [f"DROP TRIGGER IF EXISTS members_placement_events_{event}" for event in ("insert", "update", "delete")],
}


def fill_registered(apps=None) -> int:
    """Every event's `registered` computed again from the placements, writing only the rows it changes (a bulk
    load with triggers switched off, the migration): how many changed."""
    apps = apps or django_apps
    events, placements = apps.get_model("members", "MemberEvent"), apps.get_model("members", "Placement")
    covered = Exists(placements.objects.filter(member_id=OuterRef("member_id"), valid_from__lte=OuterRef("date"),
                                               valid_to__gt=OuterRef("date")))
    return events.objects.exclude(registered=covered).update(registered=covered)
