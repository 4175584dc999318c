"""The indicator registry (chỉ tiêu): one function per figure, with its stable key, label and definition.

An indicator counts facts of a subtree over a period. Its function takes the ids of the organizations whose
subtrees are wanted and the period, and answers {organization id: value} with one grouped SQL query: the
subtree is the dated closure table `Ancestry` as the tree stood on the period's last day, and counting is done
by the database (COUNT DISTINCT), so one organization or all the subordinates of a province cost the same.
`roll_up` writes that one query: the facts joined straight to the closure rows of their organization.
Figures over the same facts (the six member events, the four inspection and supervision figures, the two
discipline and the two class figures) are counted together within a report, one query per table with a
filtered count for each (`count_together`): at national scale reading the facts and the closure rows is the
cost, not counting them.
A report's roll-ups are read together (`read_together`): for a commune they are a dozen statements of a
millisecond, and going to the server and back for each cost as much as answering them.
"""

import contextvars
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connections
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from dangvu.core.statements import Statement, compiled, rows
from dangvu.organizations.models import OPEN_END, Ancestry

from ..periods import Period

Values = dict[int, Any]
ComputeMany = Callable[[list[int], Period], Values]


@dataclass
class RecordRow:
    """One record behind a figure, as the drill-down page lists it. The ids let the page show organizations
    by the names they bore on the record's date (`name_rows`)."""

    date: date | None
    subject: str
    detail: str = ""
    organization: str = ""
    subject_org_id: int | None = None
    org_id: int | None = None


def name_rows(rows: list[RecordRow], default_day: date) -> list[RecordRow]:
    """Put on each row the organizations' names as of the row's date (the period's last day when undated),
    with one query for the whole page."""
    from dangvu.organizations.models import OrganizationName

    ids = {pk for row in rows for pk in (row.subject_org_id, row.org_id) if pk}
    names: dict[int, list] = {}
    for item in OrganizationName.objects.filter(organization_id__in=ids).order_by("valid_from"):
        names.setdefault(item.organization_id, []).append(item)

    def name(pk: int, day: date) -> str | None:
        borne = [n for n in names.get(pk, []) if n.valid_from <= day] or names.get(pk, [])[:1]
        return borne[-1].name if borne else None

    for row in rows:
        day = row.date or default_day
        if row.subject_org_id:
            row.subject = name(row.subject_org_id, day) or row.subject
        if row.org_id:
            row.organization = name(row.org_id, day) or row.organization
    return rows


@dataclass
class Indicator:
    key: str
    label: str
    definition: str
    group: str
    compute_many: ComputeMany
    numeric: bool = True
    unit: str = ""
    records: Callable[[Any, Period], QuerySet | list] | None = field(default=None, repr=False)
    to_row: Callable[[Any], RecordRow] | None = field(default=None, repr=False)

    @property
    def additive(self) -> bool:
        """Whether the figures of several organizations can be added up (counts, not shares or labels)."""
        return self.numeric and self.unit != "%"

    @property
    def has_records(self) -> bool:
        """Whether the records behind the figure can be listed (templates must not call `records`)."""
        return self.records is not None

    def compute(self, organization, period: Period) -> Any:
        return self.compute_many([organization.pk], period).get(organization.pk, 0 if self.numeric else "")


REGISTRY: dict[str, Indicator] = {}
GROUPS: list[str] = []

# Results several indicators share (the four cell-meeting figures come from one attendance query), kept for
# the length of one `computing()` block: one figure table, one report, one command.
_shared: contextvars.ContextVar[dict | None] = contextvars.ContextVar("indicator_shared", default=None)


@contextmanager
def computing():
    """Within the block, `shared` computes each result once (nested blocks share the outer one's)."""
    token = _shared.set({}) if _shared.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _shared.reset(token)


def shared(key: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()`, or its result already computed in the current `computing()` block under `key`. A result
    computed from roll-ups noted but not read (`read_together`'s first pass) is kept for that pass only."""
    cache = _shared.get()
    if cache is None:
        return compute()
    if key in cache:
        return cache[key]
    noting = _noting.get()
    if noting is None or noting is READING:
        cache[key] = compute()
        return cache[key]
    if key not in noting.provisional:
        before = noting.unread
        value = compute()
        if noting.unread == before:  # computed from rows read: kept
            cache[key] = value
            return value
        noting.provisional[key] = value
    noting.unread += 1
    return noting.provisional[key]


@dataclass
class _Noting:
    """`read_together`'s first pass: the roll-up statements noted, what was computed from them (provisional),
    and how many times either was used (what is computed using them is provisional too)."""

    statements: list[tuple[str, str, tuple]] = field(default_factory=list)
    provisional: dict = field(default_factory=dict)
    unread: int = 0


# `read_together`: None outside it, a `_Noting` during its first pass, READING during the second.
_noting: contextvars.ContextVar[_Noting | None] = contextvars.ContextVar("indicator_noting", default=None)
READING = _Noting()


def read_together(compute: Callable[[], Any]) -> Any:
    """`compute()` (figures computed within a `computing()` block), with the roll-ups it reads read together,
    in one round trip to the database.

    `compute` runs twice. The first time, `roll_up` reads nothing: it notes its statement and answers no rows
    (what is computed from them is thrown away after this pass), while the look-ups that decide what to count
    (the subtrees' size, the congress terms) are read and kept. The noted statements are then sent to the
    database at once (PostgreSQL answers several statements sent together; SQLite, in the process, reads them
    one by one) and their rows kept in the block; the second time, `roll_up` finds them there. A roll-up that
    depends on another's rows is not found there, and is read then, on its own: the figures are the same
    either way. Within another `read_together`, `compute()` is simply called."""
    if _noting.get() is not None:
        return compute()
    with computing():
        noting = _Noting()
        token = _noting.set(noting)
        try:
            compute()
        finally:
            _noting.reset(token)
        _read(list(dict.fromkeys(noting.statements)))
        token = _noting.set(READING)
        try:
            return compute()
        finally:
            _noting.reset(token)


def _read(noted: list[tuple[str, str, tuple]]) -> None:
    """Read the noted roll-up statements (database, SQL, parameters), keeping each one's rows in the block
    under the statement."""
    cache = _shared.get()
    for db in dict.fromkeys(db for db, _sql, _params in noted):
        statements = [item for item in noted if item[0] == db]
        with connections[db].cursor() as cursor:
            if connections[db].vendor == "postgresql":
                # Each statement bound on its own, as the driver binds them (client-side): it keeps the parsing
                # of statements up to 4 kB, never of the long text sent.
                cursor.execute(";\n".join(cursor.mogrify(sql, params) for _db, sql, params in statements))
                for number, statement in enumerate(statements):
                    if number:
                        cursor.nextset()
                    cache[statement] = _rows_by_ancestor(cursor.fetchall())
            else:
                for statement in statements:
                    cache[statement] = _read_one(cursor, statement)


def _read_one(cursor, statement: tuple[str, str, tuple]) -> dict[int, tuple]:
    cursor.execute(statement[1], statement[2])
    return _rows_by_ancestor(cursor.fetchall())


def _rows_by_ancestor(rows: list[tuple]) -> dict[int, tuple]:
    return {row[0]: row[1:] for row in rows}


def indicator(
    key: str,
    label: str,
    definition: str,
    group: str,
    *,
    numeric: bool = True,
    unit: str = "",
    on_record_day: bool = False,
) -> Callable[[Callable], Indicator]:
    """Register the decorated function `f(org_ids, period) -> {org_id: value}` as an indicator; one that
    counts dated records inside the subtree on their own day (`ON_RECORD_DAY`) says so in its definition."""

    def register(function: ComputeMany) -> Indicator:
        if key in REGISTRY:
            raise ValueError(f"indicator {key} registered twice")
        text = f"{definition} {INSIDE_ON_RECORD_DAY}" if on_record_day else definition
        item = Indicator(key, label, " ".join(text.split()), group, function, numeric, unit)
        REGISTRY[key] = item
        if group not in GROUPS:
            GROUPS.append(group)
        return item

    return register


def register_all(group: str, definitions: Iterable[tuple[str, str, str, ComputeMany, str, bool]]) -> None:
    """Add another app's indicators, (key, label, definition, function, unit, numeric) each, to the registry
    (its `register()`, called when the reports app starts). Calling it again with the same definitions changes
    nothing; a key the definitions give twice, or that is registered already with another label, definition,
    group or unit, is an error: two figures under one key would show one's label over the other's number."""
    items = list(definitions)
    keys = [key for key, *_ in items]
    if twice := sorted({key for key in keys if keys.count(key) > 1}):
        raise ValueError(f"indicators defined twice: {', '.join(twice)}")
    for key, label, definition, function, unit, numeric in items:
        found = REGISTRY.get(key)
        if found is None:
            indicator(key, label, definition, group, numeric=numeric, unit=unit)(function)
        elif (found.label, found.definition, found.group, found.unit, found.numeric) != (
            label,
            " ".join(definition.split()),
            group,
            unit,
            numeric,
        ):
            raise ValueError(f"indicator {key} registered twice, with different definitions")


def records_of(item: Indicator, to_row: Callable[[Any], RecordRow]) -> Callable[[Callable], Callable]:
    """Attach to an indicator the query of the records behind its figure, and how one is shown."""

    def attach(function):
        item.records = function
        item.to_row = to_row
        return function

    return attach


# Counting helpers ------------------------------------------------------------------------------------------


def valid_on(on: date, prefix: str = "") -> Q:
    """Rows of a dated table (valid_from included, valid_to excluded) in force on a day."""
    return Q(**{f"{prefix}valid_from__lte": on, f"{prefix}valid_to__gt": on})


def in_period(period: Period, field_name: str = "date") -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})


def organization_field(org_path: str) -> str:
    """The column holding a row's organization id ("pk" when the rows are organizations)."""
    return f"{org_path}_id" if org_path else "pk"


def descendants(ancestor_ids: list[int], on: date) -> QuerySet:
    """The ids of the organizations in the subtrees of `ancestor_ids` on a day (for `…_id__in`)."""
    return Ancestry.objects.filter(valid_on(on), ancestor_id__in=ancestor_ids).values("descendant_id")


# "Was this inside the committee?" is asked of a dated record (a member event, an inspection, a decision, a
# class) on the record's own day, by the tree of that day: a record of a cell that was in the subtree then
# counts even when the cell has left or ended since, and the other end of a transfer is inside or outside as
# it stood on the transfer's day. A stock (organizations, members) is counted by the tree of the period's
# last day. `roll_up(…, ON_RECORD_DAY, …)` is that rule, for facts that carry their day in a `day` column;
# the indicators that use it say so in their definition (`INSIDE_ON_RECORD_DAY`).
ON_RECORD_DAY = None
INSIDE_ON_RECORD_DAY = """Bản ghi thuộc đảng bộ khi tổ chức của bản ghi nằm trong đảng bộ vào chính ngày của bản
    ghi (theo cây tổ chức ngày đó, kể cả tổ chức đã chuyển đi hoặc kết thúc sau đó); nơi đi, nơi đến của việc
    chuyển sinh hoạt cũng xét vào ngày chuyển."""


def _day_condition(alias: str, on: date | None) -> tuple[str, tuple]:
    """SQL: the closure row `alias` was in force on `on`, or on the fact's own day (`ON_RECORD_DAY`)."""
    if on is ON_RECORD_DAY:
        return f"{alias}.valid_from <= fact.day AND {alias}.valid_to > fact.day", ()
    return f"{alias}.valid_from <= %s AND {alias}.valid_to > %s", (on, on)


def roll_up(
    facts: Statement, ancestor_ids: list[int], on: date | None, aggregates: list[str], params: tuple = ()
) -> dict[int, tuple]:
    """{ancestor id: (aggregates…)} of the fact rows in each ancestor's subtree as it stood on `on`, or, when
    `on` is `ON_RECORD_DAY`, as it stood on each fact's day (its `day` column).

    `facts` is the statement of a values() queryset (`compiled`) with an `org` column (the row's
    organization) and the columns the `aggregates` (SQL over `fact.<column>` and the closure row `up`, with
    their `params`) read. The facts are joined straight to the closure table by their organization: the ORM
    would go through the organizations table, one more probe per row at national scale.
    """
    if not ancestor_ids:
        return {}
    in_force, days = _day_condition("up", on)
    sql = f"""
        SELECT up.ancestor_id, {", ".join(aggregates)}
        FROM ({facts.sql}) fact
        JOIN {Ancestry._meta.db_table} up ON up.descendant_id = fact.org
        WHERE up.ancestor_id IN ({", ".join(["%s"] * len(ancestor_ids))})
          AND {in_force}
        GROUP BY up.ancestor_id"""
    statement = (facts.db, sql, (*params, *facts.params, *ancestor_ids, *days))
    cache, noting = _shared.get(), _noting.get()
    if cache is not None and statement in cache:
        return cache[statement]
    if noting is not None and noting is not READING:
        noting.statements.append(statement)
        noting.unread += 1
        return {}
    with connections[facts.db].cursor() as cursor:
        return _read_one(cursor, statement)


def outside_subtree(column: str) -> str:
    """SQL: the organization in `fact.<column>` is empty or lay outside the subtree of the closure row's
    ancestor on the fact's day (the other end of a transfer, `ON_RECORD_DAY`)."""
    return f"""(fact.{column} IS NULL OR NOT EXISTS (
        SELECT 1 FROM {Ancestry._meta.db_table} inside WHERE inside.ancestor_id = up.ancestor_id
        AND inside.descendant_id = fact.{column} AND {_day_condition("inside", ON_RECORD_DAY)[0]}))"""


@dataclass
class Counted:
    """One figure of a family counted together (`count_together`): COUNT(DISTINCT fact.<subject>), or COUNT(*)
    when `subject` is None, over the facts that meet `where` (SQL over `fact` and `up`, with its `params`)."""

    where: str
    params: tuple = ()
    subject: str | None = "subject"


def count_together(
    family: str,
    key: str,
    org_ids: list[int],
    period,
    facts: Callable[[list[str]], Statement],
    counted: dict[str, Counted],
    tree_day: date | None = ON_RECORD_DAY,
) -> Values:
    """The figure `key` of a family of figures counted over the same facts in one query, each a filtered
    count; `facts(keys)` is the statement (`compiled`) of the facts the figures `keys` read, with an `org`
    column (and a `day` column: the figures are of dated records, inside the subtree on their day, unless a
    `tree_day` is given). Within a `computing()` block the whole family is counted once, for the first of its
    figures asked; outside one, only `key` is."""

    def compute(keys: list[str]) -> dict[str, Values]:
        aggregates, params = [], []
        for name in keys:
            item = counted[name]
            count = f"COUNT(DISTINCT fact.{item.subject})" if item.subject else "COUNT(*)"
            aggregates.append(f"{count} FILTER (WHERE {item.where})")
            params.extend(item.params)
        found = roll_up(facts(keys), org_ids, tree_day, aggregates, tuple(params))
        return {name: {pk: found[pk][i] if pk in found else 0 for pk in org_ids} for i, name in enumerate(keys)}

    if _shared.get() is None:
        return compute([key])[key]
    return shared((family, tuple(org_ids), period.start, period.end), lambda: compute(list(counted)))[key]


def counted_rows(queryset: QuerySet, org_path: str, subject: str = "pk") -> QuerySet:
    """The queryset's rows as `count_by_ancestor` reads them: their organization (`org`) and what is counted
    (`subject`)."""
    return queryset.values(org=F(organization_field(org_path)), subject=F(subject)).order_by()


def count_by_ancestor(facts: Statement, ancestor_ids: list[int], on: date | None, *, distinct: bool = True) -> Values:
    """COUNT(DISTINCT subject) (or COUNT(*) when not `distinct`: rows known to be unique, which saves
    PostgreSQL a sort of every row at national scale) of the fact rows (`counted_rows`) in each ancestor's
    subtree as it stood on `on` (or on each fact's day, `ON_RECORD_DAY`), in one query grouped by the closure
    row's ancestor."""
    counted = roll_up(facts, ancestor_ids, on, ["COUNT(DISTINCT fact.subject)" if distinct else "COUNT(*)"])
    return {pk: counted[pk][0] if pk in counted else 0 for pk in ancestor_ids}


def members_now(org_ids: list[int]) -> int:
    """How many members the subtrees asked hold now (the kept counts): how large a count will be, which
    decides how to read it. Looked up once in a report."""
    if not org_ids:
        return 0
    return shared(
        ("members.now", tuple(org_ids)),
        lambda: sum(n for (n,) in rows(compiled(_members_now, subtrees=tuple(org_ids)))),
    )


def _members_now(*, subtrees) -> QuerySet:
    from dangvu.members.models import SubtreeCount

    return SubtreeCount.objects.filter(pk__in=subtrees).values_list(F("probationary") + F("official") + F("exempted"))


# From this many members (now) in the subtrees asked, facts that carry their organization's province
# (`MemberEvent.province`, `Oversight.province`) are read by province (`within_province`): TP HCM's event
# figures 0.24 s → 0.11 s; a commune of 2,000 members reads its cells' facts by index (1 ms; 65 ms through its
# province's).
PROVINCE_FROM = 50_000


def one_province(org_ids: list[int]) -> int | None:
    """The province the organizations lie in now, when they lie in one (looked up once in a report). The facts
    of their subtrees on a day are then those whose province (that of their organization now) is that one, and
    those of the organizations that have left the subtrees since (`within_province`)."""
    from dangvu.organizations.models import Kind

    def lookup() -> int | None:
        # The organizations' ancestors, by the descendant index, with their kind: asked for the ancestors of
        # kind province, PostgreSQL read every province's closure rows (70 ms for the country instead of 4).
        provinces = {
            descendant: ancestor
            for descendant, ancestor, kind in Ancestry.objects.filter(
                descendant_id__in=org_ids, valid_to=OPEN_END
            ).values_list("descendant_id", "ancestor_id", "ancestor__kind")
            if kind == Kind.PROVINCE
        }
        if set(provinces) != set(org_ids) or len(set(provinces.values())) != 1:
            return None
        return next(iter(provinces.values()))

    return shared(("one_province", tuple(org_ids)), lookup)


def within_province(
    org_ids: list[int], period, path: str, build: Callable[..., QuerySet], *shape, **values
) -> Statement:
    """The facts `build(*shape, **values)` (a values() queryset of a model with `province` and
    `organization`, reached by `path`, dated within `period`) as a statement, read within one province when
    the subtrees are large and lie in one (`one_province`): that province's facts and those of the
    organizations that were in the subtrees during the period and have left them since. A fact may come
    twice: the counts over them are distinct."""
    found = one_province(org_ids) if members_now(org_ids) >= PROVINCE_FROM else None
    if found is None:
        return compiled(build, *shape, **values)
    return compiled(
        _in_province,
        path,
        build,
        *shape,
        province=found,
        subtrees=tuple(org_ids),
        first_day=period.start,
        last_day=period.end,
        **values,
    )


def _in_province(
    path: str,
    build: Callable[..., QuerySet],
    *shape,
    province: int,
    subtrees: tuple[int, ...],
    first_day: date,
    last_day: date,
    **values,
) -> QuerySet:
    facts = build(*shape, **values)
    # (valid_to before OPEN_END rather than not OPEN_END: a range of the (ancestor, valid_to) index)
    left_since = Ancestry.objects.filter(
        ancestor_id__in=subtrees, valid_to__lt=OPEN_END, valid_to__gt=first_day, valid_from__lte=last_day
    ).values("descendant_id")
    return (
        facts.filter(**{f"{path}province_id": province})
        .union(facts.filter(**{f"{path}organization_id__in": left_since}), all=True)
        .order_by()
    )


def subtree_filter(org_path: str, organization, on: date) -> Q:
    """Rows whose organization (an Organization or its id) lay in that organization's subtree on a day."""
    from dangvu.organizations.queries import subtree_ids

    pk = getattr(organization, "pk", organization)
    return Q(**{f"{org_path}_id__in" if org_path else "pk__in": subtree_ids(pk, on)})


def inside_on_record_day(org_path: str, organization, day_path: str) -> Exists:
    """Rows whose organization (at `org_path`) lay in that organization's subtree on the row's own day (at
    `day_path`): the records behind a figure counted `ON_RECORD_DAY`."""
    pk = getattr(organization, "pk", organization)
    return Exists(
        Ancestry.objects.filter(
            ancestor_id=pk,
            descendant_id=OuterRef(f"{org_path}_id"),
            valid_from__lte=OuterRef(day_path),
            valid_to__gt=OuterRef(day_path),
        )
    )


__all__ = ["OPEN_END", "REGISTRY", "GROUPS", "Indicator", "RecordRow", "indicator", "records_of", "register_all"]
