"""Importing members from an .xlsx file (nhập đảng viên từ Excel): check every row, then all or nothing.

`_plan` reads the file and judges every row by the same rules as the member forms: a row whose CCCD
the registry already holds updates that member, any other row adds one. `run_import` writes the plan only
when no row has an error (new members through `create_members_bulk`, changes through
`members.actions.update_person` / `update_membership`), in one transaction, with an audit event for each
member and one for the import itself. A dry run stops after the plan.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone

from dangvu.accounts.scope import WRITE, Scope, scope_for
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import short_date
from dangvu.members.audit_actions import MembersAudit
from dangvu.organizations.models import Organization
from dangvu.organizations.pickers import describe

from .. import actions
from ..bulk import (
    LOOKUP_CHUNK,
    BatchViolation,
    RowError,
    batch_duplicate_errors,
    card_taken_message,
    cards_taken,
    create_members_bulk,
    named_holders,
    validate_specs,
)
from ..models import Gender, Member, Person
from .cells import READERS, CellError, shown
from .columns import BY_FIELD, COLUMNS, CREATE_ONLY_FIELDS, column_label
from .reader import ImportFileError, MembersSheet, open_members_sheet

PERSON_FIELDS = actions.PERSON_FIELDS
MEMBERSHIP_FIELDS = ("admitted_on", "official_on", "card_number")
# A rule about a field is not repeated when the field, or one it is judged with, could not be read.
JUDGED_WITH = {
    "citizen_id": {"birth_date", "gender"},
    "admitted_on": {"birth_date"},
    "official_on": {"admitted_on"},
    "card_number": {"official_on"},
}
PREVIEW_ROWS = 20
WRITE_CHUNK = 2000

Progress = Callable[[str, int, int | None], None]


class Problem(NamedTuple):
    """One error of the file: Excel row, column ("Ngày sinh (E)"), the value as shown, the message."""

    row: int
    column: str
    value: str
    message: str


@dataclass
class Row:
    number: int
    raw: dict[str, Any]
    values: dict[str, Any]
    unreadable: set[str] = field(default_factory=set)
    member: Member | None = None
    blocked: bool = False  # its CCCD is someone's the user may not change: neither added nor updated
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def action(self) -> str:
        if self.blocked:
            return "unchanged"
        if self.member is None:
            return "create"
        return "update" if self.changes else "unchanged"


@dataclass
class ImportResult:
    """What an import found and did; kept as JSON by the progress record."""

    filename: str
    sheet: str = ""
    header_row: int = 0
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    file_error: str = ""
    preview: list[dict] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.problems


def _quiet(_phase: str, _done: int, _total: int | None) -> None:
    pass


def _column_index(sheet: MembersSheet) -> dict[str, int]:
    return {column.field: index for index, column in sheet.columns.items()}


def _read_rows(sheet: MembersSheet, progress: Progress) -> tuple[list[Row], list[Problem]]:
    return read_cells(sheet, BY_FIELD, READERS, progress, Row)


def read_cells(
    sheet: MembersSheet, by_field: dict, readers: dict, progress: Progress, new_row: Callable, every: int = 1000
) -> tuple[list, list[Problem]]:
    """Every data row of the sheet read cell by cell (`readers` by column kind), as `new_row(number=, raw=,
    values=)` objects with the names of their unreadable cells, and the problems of those cells."""
    rows, problems = [], []
    where = _column_index(sheet)
    for number, values in sheet.rows():
        row = new_row(number=number, raw={}, values={})
        for name, index in where.items():
            value = values[index] if index < len(values) else None
            column = by_field[name]
            row.raw[name] = value
            try:
                row.values[name] = readers[column.kind](value)
            except CellError as error:
                row.unreadable.add(name)
                problems.append(Problem(number, column_label(column, index), shown(value), str(error)))
        rows.append(row)
        if len(rows) % every == 0:
            progress("read", len(rows), sheet.estimated_rows)
    progress("read", len(rows), len(rows))
    return rows, problems


def _chunked(values: list, size: int = LOOKUP_CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _writable_ids(actor, ids: set[int]) -> set[int]:
    """The organizations among `ids` where the actor may change members (None, the system, may everywhere)."""
    scope = scope_for(actor) if actor is not None else None
    if scope is None or scope.is_admin:
        return set(ids)
    allowed: set[int] = set()
    for chunk in _chunked(sorted(ids)):
        query = scope.organization_ids(WRITE).filter(descendant_id__in=chunk)
        allowed.update(query.values_list("descendant_id", flat=True))
    return allowed


def _cells_by_code(codes: set[str]) -> dict[str, Organization]:
    """Organizations named by the codes, written exactly or in lower case."""
    wanted = sorted(codes | {c.lower() for c in codes})
    found: dict[str, Organization] = {}
    for chunk in _chunked(wanted):
        found.update({o.code: o for o in Organization.objects.filter(code__in=chunk)})
    return found


def _existing_people(citizen_ids: list[str]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for chunk in _chunked(sorted(set(citizen_ids))):
        query = Person.objects.filter(citizen_id__in=chunk).select_related("membership__organization")
        people.update({p.citizen_id: p for p in query})
    return people


def _display(name: str, value) -> str:
    if name == "gender":
        return Gender(value).label if value in Gender.values else ""
    if name == "organization":
        return value.code if value is not None else ""
    if isinstance(value, date):
        return short_date(value)
    return "" if value is None else str(value)


def _person_data(row: Row) -> dict[str, Any]:
    return {name: row.values[name] for name in PERSON_FIELDS if name in row.values}


class _Judge:
    """Collects problems of a plan, mapping a field to its column and dropping repeats of unreadable cells."""

    def __init__(self, sheet: MembersSheet, problems: list[Problem]):
        self.where = _column_index(sheet)
        self.problems = problems

    def add(self, row: Row, name: str, message: str) -> None:
        if name in row.unreadable or JUDGED_WITH.get(name, set()) & row.unreadable:
            return
        column = BY_FIELD.get(name)
        index = self.where.get(name)
        value = shown(row.raw.get(name)) if name in row.raw else ""
        self.problems.append(Problem(row.number, column_label(column, index), value, message))

    def add_all(self, row: Row, errors: dict[str, list[str]]) -> None:
        for name, messages in errors.items():
            for message in messages:
                self.add(row, name, message)


def _match_cells(rows: list[Row], actor, judge: _Judge) -> None:
    found = _cells_by_code({row.values.get("organization") for row in rows} - {"", None})
    writable = _writable_ids(actor, {o.pk for o in found.values()})
    for row in rows:
        code = row.values.get("organization") or ""
        org = found.get(code) or found.get(code.lower())
        row.values["organization"] = None
        if not code:
            judge.add(row, "organization", "Chưa ghi mã chi bộ nơi đảng viên sinh hoạt.")
        elif org is None or org.pk not in writable:
            judge.add(row, "organization", f"Mã chi bộ '{code}' không có trong các tổ chức bạn được cập nhật.")
        elif org.dissolved_on is not None:
            judge.add(row, "organization", f"{org.name} đã kết thúc hoạt động ngày {short_date(org.dissolved_on)}.")
        else:
            row.values["organization"] = org


def _match_people(rows: list[Row], actor, judge: _Judge) -> None:
    """Rows whose CCCD the registry holds become updates of that member, when the actor may change them."""
    people = _existing_people([row.values["citizen_id"] for row in rows if row.values.get("citizen_id")])
    member_orgs = {p.membership.organization_id for p in people.values() if hasattr(p, "membership")}
    allowed = _writable_ids(actor, member_orgs)
    for row in rows:
        person = people.get(row.values.get("citizen_id") or "")
        if person is None:
            continue
        member = getattr(person, "membership", None)
        cid = person.citizen_id
        if member is None:
            judge.add(
                row,
                "citizen_id",
                f"Số CCCD {cid} đã có trong hồ sơ của một người chưa là đảng viên; "
                "hãy thêm người này bằng biểu mẫu Thêm đảng viên.",
            )
            row.blocked = True
            continue
        if member.organization_id not in allowed:
            judge.add(row, "citizen_id", actions.citizen_id_taken_message(cid, None))
            row.blocked = True
            continue
        member.person = person
        row.member = member
        org = row.values.get("organization")
        if org is not None and org.pk != member.organization_id:
            judge.add(
                row,
                "organization",
                f"{person.full_name} đang sinh hoạt tại {member.organization.name}; muốn chuyển sang "
                f"{org.name} hãy dùng chức năng chuyển sinh hoạt, không nhập qua Excel.",
            )


def _judge_update(row: Row, today: date, judge: _Judge) -> None:
    member, person = row.member, row.member.person
    data = {name: getattr(person, name) for name in PERSON_FIELDS}
    data.update(actions.clean_person_data(_person_data(row)))
    for name in PERSON_FIELDS:
        if data[name] != getattr(person, name):
            row.changes[name] = (_display(name, getattr(person, name)), _display(name, data[name]))
    judge.add_all(row, actions.person_errors(data, today, exclude_person_id=person.pk, check_unique=False))
    dates = {name: row.values.get(name, getattr(member, name)) for name in MEMBERSHIP_FIELDS}
    dates["card_number"] = (dates["card_number"] or None) if "card_number" in row.values else member.card_number
    for name in MEMBERSHIP_FIELDS:
        if dates[name] != getattr(member, name):
            row.changes[name] = (_display(name, getattr(member, name)), _display(name, dates[name]))
    if not row.changes:
        return
    judge.add_all(
        row,
        actions.membership_errors(
            birth_date=data["birth_date"],
            organization=member.organization,
            admitted_on=dates["admitted_on"],
            official_on=dates["official_on"],
            card_number=dates["card_number"],
            over_age_approval=member.over_age_approval,
            today=today,
            exclude_member_id=member.pk,
            check_age=dates["admitted_on"] != member.admitted_on,
            check_unique=False,
        ),
    )


def _spec(row: Row) -> dict[str, Any]:
    spec = {name: row.values.get(name) for name in PERSON_FIELDS if name in row.values}
    spec.update(
        {
            name: row.values.get(name)
            for name in ("organization", "admitted_on", "official_on", "card_number", *CREATE_ONLY_FIELDS)
        }
    )
    return spec


def _plan(sheet: MembersSheet, actor, today: date, progress: Progress) -> tuple[list[Row], list[Problem]]:
    """Every row read and judged; the rows know whether they add, update or leave a member unchanged."""
    rows, problems = _read_rows(sheet, progress)
    judge = _Judge(sheet, problems)
    progress("check", 0, len(rows))
    _match_cells(rows, actor, judge)
    _match_people(rows, actor, judge)
    number_of = [row.number for row in rows]

    def where(index: int) -> str:
        return f"dòng {number_of[index]} của tệp"

    for name, label in (("citizen_id", "Số CCCD"), ("card_number", "Số thẻ")):
        values = [row.values.get(name) for row in rows]
        for error in batch_duplicate_errors(values, name, label, where):
            judge.add(rows[error.index], error.field, error.message)
    creates = [row for row in rows if row.member is None and not row.blocked]
    for error in validate_specs([_spec(row) for row in creates], today=today, batch_duplicates=False, actor=actor):
        if error.field == "organization" and creates[error.index].values.get("organization") is None:
            continue  # the problem with the cell code is already said
        judge.add(creates[error.index], error.field, error.message)
    updates = [row for row in rows if row.member is not None]
    for done, row in enumerate(updates, start=1):
        _judge_update(row, today, judge)
        if done % 1000 == 0:
            progress("check", done, len(updates))
    cards = {row.values["card_number"]: row for row in updates if "card_number" in row.changes}
    taken = cards_taken(list(cards))
    named = named_holders(actor, taken.values())
    for card, holder in taken.items():
        if cards[card].member.pk != holder.pk:
            judge.add(cards[card], "card_number", card_taken_message(card, named.get(holder.person_id)))
    order = {c.header: i for i, c in enumerate(COLUMNS)}
    problems.sort(key=lambda p: (p.row, order.get(p.column.split(" (")[0], len(order))))
    return rows, problems


def _preview(rows: list[Row], actor) -> list[dict]:
    """The first rows as the page shows them, each cell with what it lies under (many cells share a name)."""
    labels = {"create": "Thêm mới", "update": "Cập nhật", "unchanged": "Không đổi"}
    shown_rows = rows[:PREVIEW_ROWS]
    cells = {org.pk: org for row in shown_rows if (org := row.values.get("organization")) is not None}
    described = describe(scope_for(actor) if actor is not None else Scope(user=None), list(cells.values()))
    preview = []
    for row in shown_rows:
        org = row.values.get("organization")
        changes = "; ".join(
            f"{BY_FIELD[name].header}: {old or '(trống)'} → {new or '(trống)'}"
            for name, (old, new) in row.changes.items()
        )
        preview.append(
            {
                "row": row.number,
                "action": labels[row.action],
                "name": " ".join(
                    str(row.values.get(n) or "")
                    for n in ("family_name", "middle_name", "given_name")
                    if row.values.get(n)
                ),
                "citizen_id": row.values.get("citizen_id") or "",
                "cell": described[org.pk].label if org else "",
                "changes": changes,
            }
        )
    return preview


def _write(sheet: MembersSheet, rows: list[Row], actor, filename: str, today: date, progress: Progress) -> None:
    creates = [row for row in rows if row.action == "create"]
    updates = [row for row in rows if row.action == "update"]
    total = len(creates) + len(updates)
    reason = f"Nhập từ tệp Excel {filename}"
    with transaction.atomic():
        for start in range(0, len(creates), WRITE_CHUNK):
            chunk = creates[start : start + WRITE_CHUNK]
            try:
                create_members_bulk(actor, [_spec(row) for row in chunk], today=today, checked=True)
            except BatchViolation as violation:
                raise _RowsViolation([(chunk[e.index], e) for e in violation.rows]) from violation
            progress("write", start + len(chunk), total)
        for done, row in enumerate(updates, start=1):
            member = row.member
            try:
                if set(row.changes) & set(PERSON_FIELDS):
                    actions.update_person(actor, member.person, _person_data(row), reason=reason, today=today)
                if set(row.changes) & set(MEMBERSHIP_FIELDS):
                    actions.update_membership(
                        actor,
                        member,
                        admitted_on=row.values.get("admitted_on", member.admitted_on),
                        official_on=row.values.get("official_on", member.official_on),
                        card_number=row.values.get("card_number"),  # None keeps it, "" removes it
                        reason=reason,
                        today=today,
                    )
            except RuleViolation as violation:
                raise _RowsViolation(
                    [
                        (row, RowError(0, name, message))
                        for name, messages in violation.errors.items()
                        for message in messages
                    ]
                ) from violation
            if done % 200 == 0:
                progress("write", len(creates) + done, total)
        audit.record(
            actor,
            MembersAudit.MEMBER_IMPORT,
            None,
            object_type=Member._meta.label_lower,
            object_label=f"Nhập Excel '{filename}': {len(creates)} thêm mới, {len(updates)} cập nhật",
            after={
                "file": filename,
                "sheet": sheet.title,
                "rows": len(rows),
                "created": len(creates),
                "updated": len(updates),
                "unchanged": len(rows) - total,
            },
            reason=reason,
        )
    progress("write", total, total)


class _RowsViolation(Exception):
    """The database changed between the check and the write (another user): the rows it now refuses."""

    def __init__(self, rows: list[tuple[Row, RowError]]):
        self.rows = rows
        super().__init__("; ".join(e.message for _, e in rows))


def run_import(
    path: Path,
    filename: str,
    actor,
    *,
    dry_run: bool = False,
    today: date | None = None,
    progress: Progress = _quiet,
) -> ImportResult:
    """Check the file and, when every row is right and it is not a dry run, write it. Never raises for a
    user's mistake: the result carries the file error or every row's problems."""
    today = today or timezone.localdate()
    result = ImportResult(filename=filename, dry_run=dry_run)
    try:
        sheet = open_members_sheet(path, filename)
    except ImportFileError as error:
        result.file_error = error.message
        return result
    try:
        rows, result.problems = _plan(sheet, actor, today, progress)
        result.sheet, result.header_row, result.rows = sheet.title, sheet.header_row, len(rows)
        result.preview = _preview(rows, actor)
        result.created = sum(row.action == "create" for row in rows)
        result.updated = sum(row.action == "update" for row in rows)
        result.unchanged = sum(row.action == "unchanged" for row in rows)
        if result.problems or dry_run:
            return result
        try:
            _write(sheet, rows, actor, filename, today, progress)
        except _RowsViolation as violation:
            judge = _Judge(sheet, result.problems)
            for row, error in violation.rows:
                judge.add(row, error.field, error.message)
            return result
        except IntegrityError:
            result.file_error = (
                "Dữ liệu đã thay đổi trong lúc nhập (một người dùng khác vừa cập nhật): "
                "chưa có gì được ghi, hãy nhập lại tệp."
            )
            return result
        result.written = True
        return result
    finally:
        sheet.close()
