"""Importing the organization tree from Excel (nhập cây tổ chức từ Excel), in the member import's style and
through its machinery (`members.excel`: the reader, the cells, the import runs, the error copy).

Every row is read and judged before anything is written: a row whose code the system holds updates that
organization (a changed name becomes a rename dated by the column "Tên trước khi đổi"; history is never
rewritten), any other row establishes one under its parent, which may stand earlier or later in the file or
already in the system. Errors of every row come at once; the import writes all rows or none, each change
through `organizations.actions` (with its audit events), and one audit event for the file.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from dangvu.accounts.scope import WRITE, scope_for
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import fold, nfc, short_date
from dangvu.members.excel.cells import READERS, CellError, read_text, shown
from dangvu.members.excel.columns import Column, Layout, column_label
from dangvu.members.excel.importer import ImportResult, Problem, read_cells
from dangvu.members.excel.reader import ImportFileError, MembersSheet, open_sheet
from dangvu.organizations import actions as org_actions
from dangvu.organizations import rules as org_rules
from dangvu.organizations.bulk import NewOrganization, establish_many
from dangvu.organizations.models import OPEN_END, Ancestry, Kind, LineageEvent, Organization, Sector
from dangvu.staff.audit_actions import StaffAudit

from .setup import default_short

SHEET_NAME = "Tổ chức"
FORMER_NAMES_HELP = (
    "Những tên tổ chức đã dùng trước khi đổi tên, mỗi tên kèm ngày đổi sang tên sau, cách nhau bởi dấu chấm "
    "phẩy: 'Đảng bộ thị trấn Kiện Khê (đến 01/03/2025); …'. Khi nhập lại, tên mới khác tên trong hệ thống "
    "được ghi thành một lần đổi tên từ ngày ghi kèm tên cũ."
)
COLUMNS = (
    Column(
        "Mã tổ chức",
        "code",
        "org_code",
        required=True,
        width=18,
        note="Chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ qt-cb1; không trùng nhau. Khi nhập lại, "
        "dòng có mã đã có trong hệ thống cập nhật tổ chức đó.",
    ),
    Column("Tên tổ chức", "name", required=True, width=40, note="Tên hiện nay, ví dụ Chi bộ tổ dân phố số 1."),
    Column(
        "Loại tổ chức", "kind", "kind", required=True, width=28, note="Chọn trong danh sách. " + org_rules.KIND_HELP
    ),
    Column("Lĩnh vực", "sector", "sector", width=20, note="Chọn trong danh sách; để trống là 'Khác'."),
    Column(
        "Mã tổ chức cấp trên",
        "parent",
        "org_code",
        width=18,
        note="Mã của tổ chức trực tiếp cấp trên: ở dòng khác của tệp (trước hay sau đều được) hoặc đã có "
        "trong hệ thống, trong phạm vi bạn quản lý.",
    ),
    Column(
        "Tên cấp ủy",
        "committee_name",
        width=32,
        note="Tên cấp ủy ghi trên văn bản, ví dụ Đảng ủy phường …; để trống thì lấy tên tổ chức.",
    ),
    Column("Ký hiệu cấp ủy", "committee_code", width=10, note="Ký hiệu trên số văn bản: TU, HU, ĐU, CB …"),
    Column(
        "Ngày thành lập",
        "established_on",
        "date",
        width=13,
        note="Để trống nếu tổ chức đã có từ trước khi dùng hệ thống.",
    ),
    Column(
        "Số quyết định thành lập",
        "decision_number",
        width=20,
        note="Không bắt buộc (tổ chức đã có từ lâu thường không còn số quyết định).",
    ),
    Column("Tên trước khi đổi", "former_names", width=44, note=FORMER_NAMES_HELP),
)
LAYOUT = Layout(SHEET_NAME, COLUMNS)
BY_FIELD = {column.field: column for column in COLUMNS}
CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
FORMER_PATTERN = re.compile(r"^(?P<name>.+?)\s*\(\s*(?:đến|den)\s+(?P<date>[0-9./-]+)\s*\)$", re.IGNORECASE)
KINDS = {**{fold(label): value for value, label in Kind.choices}, **{value: value for value in Kind.values}}
SECTORS = {**{fold(label): value for value, label in Sector.choices}, **{value: value for value in Sector.values}}
PREVIEW_ROWS = 20

Progress = Callable[[str, int, int | None], None]


def _choice(table: dict[str, str], what: str, choices) -> Callable[[Any], str]:
    def read(value) -> str:
        text = read_text(value)
        if not text:
            return ""
        found = table.get(fold(text).strip()) or table.get(text.strip())
        if found is None:
            raise CellError(
                f"{what} '{text}' không có trong danh sách: chọn một trong "
                + ", ".join(label for _, label in choices)
                + "."
            )
        return found

    return read


def read_org_code(value) -> str:
    text = read_text(value).strip().lower()
    if text and not CODE_PATTERN.match(text):
        raise CellError(f"Mã '{text}' chỉ được gồm chữ không dấu, chữ số, dấu gạch ngang (-) và gạch dưới (_).")
    if len(text) > 64:
        raise CellError("Mã dài quá 64 ký tự.")
    return text


ORG_READERS = {
    **READERS,
    "org_code": read_org_code,
    "kind": _choice(KINDS, "Loại tổ chức", Kind.choices),
    "sector": _choice(SECTORS, "Lĩnh vực", Sector.choices),
}
LIMITS = {"name": 200, "committee_name": 200, "committee_code": 16, "decision_number": 60}


@dataclass
class Row:
    number: int
    raw: dict[str, Any]
    values: dict[str, Any]
    unreadable: set[str] = field(default_factory=set)
    existing: Organization | None = None
    parent_row: "Row | None" = None
    parent_org: Organization | None = None
    on: date | None = None  # the (effective) date of establishment
    former: list[tuple[str, date]] = field(default_factory=list)
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    rename_on: date | None = None
    bad: bool = False

    @property
    def code(self) -> str:
        return self.values.get("code") or ""

    @property
    def action(self) -> str:
        if self.existing is None:
            return "create"
        return "update" if self.changes else "unchanged"


class _Judge:
    def __init__(self, sheet: MembersSheet, problems: list[Problem]):
        self.where = {column.field: index for index, column in sheet.columns.items()}
        self.problems = problems

    def add(self, row: Row, name: str, message: str) -> None:
        row.bad = True
        if name in row.unreadable:
            return
        index = self.where.get(name)
        value = shown(row.raw.get(name)) if name in row.raw else ""
        self.problems.append(Problem(row.number, column_label(BY_FIELD.get(name), index), value, message))


def _read_rows(sheet: MembersSheet, problems: list[Problem], progress: Progress) -> list[Row]:
    rows, unreadable = read_cells(sheet, BY_FIELD, ORG_READERS, progress, Row, every=500)
    problems.extend(unreadable)
    where = {column.field: index for index, column in sheet.columns.items()}
    for row in rows:
        row.bad = bool(row.unreadable)
        for name, limit in LIMITS.items():
            if len(row.values.get(name) or "") > limit:
                row.unreadable.add(name)
                row.bad = True
                problems.append(
                    Problem(
                        row.number,
                        column_label(BY_FIELD[name], where.get(name)),
                        shown(row.raw.get(name))[:60] + "…",
                        f"Dài quá {limit} ký tự.",
                    )
                )
    return rows


def _former_names(row: Row, judge: _Judge) -> None:
    text = row.values.get("former_names") or ""
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = FORMER_PATTERN.match(part)
        day = None
        if match:
            try:
                day = READERS["date"](match.group("date"))
            except CellError:
                day = None
        if day is None:
            judge.add(row, "former_names", f"'{part}' không đúng dạng 'Tên cũ (đến ngày/tháng/năm)'.")
            continue
        row.former.append((nfc(match.group("name")), day))
    row.former.sort(key=lambda item: item[1])
    days = [day for _, day in row.former]
    if len(set(days)) < len(days):
        judge.add(row, "former_names", "Hai tên cũ có cùng ngày đổi tên.")


def _lookup(codes: set[str]) -> dict[str, Organization]:
    found: dict[str, Organization] = {}
    ordered = sorted(codes)
    for start in range(0, len(ordered), 900):
        found.update({o.code: o for o in Organization.objects.filter(code__in=ordered[start : start + 900])})
    return found


def _writable(scope, ids: set[int]) -> set[int]:
    if scope.is_admin:
        return set(ids)
    allowed: set[int] = set()
    ordered = sorted(ids)
    for start in range(0, len(ordered), 900):
        allowed.update(
            Ancestry.objects.filter(
                ancestor_id__in=scope.roots(WRITE),
                descendant_id__in=ordered[start : start + 900],
                valid_to=OPEN_END,
            ).values_list("descendant_id", flat=True)
        )
    return allowed


def _link_parents(
    rows: list[Row], scope, found: dict[str, Organization], writable: set[int], judge: _Judge
) -> dict[str, Row]:
    """Each row's parent: a row of the file or an organization of the system; duplicate codes and codes of
    organizations out of reach are errors."""
    by_code: dict[str, Row] = {}
    for row in rows:
        code = row.code
        if not code:
            if "code" not in row.unreadable:
                judge.add(row, "code", "Chưa ghi mã tổ chức.")
            continue
        if code in by_code:
            judge.add(row, "code", f"Mã '{code}' trùng với mã ở dòng {by_code[code].number} của tệp.")
            continue
        by_code[code] = row
        existing = found.get(code)
        if existing is not None:
            if existing.pk not in writable:
                judge.add(row, "code", f"Mã '{code}' đã được dùng cho một tổ chức ngoài phạm vi bạn được cập nhật.")
            elif existing.dissolved_on:
                judge.add(
                    row,
                    "code",
                    f"{existing.name} (mã '{code}') đã kết thúc hoạt động ngày {short_date(existing.dissolved_on)}.",
                )
            else:
                row.existing = existing
    for row in rows:
        parent = row.values.get("parent") or ""
        if "parent" in row.unreadable or by_code.get(row.code) is not row or row.existing is not None:
            continue  # an existing organization keeps its parent (`_judge_update` compares it)
        if not parent:
            if row.existing is None and not scope.is_admin:
                judge.add(row, "parent", "Chưa ghi mã tổ chức cấp trên (chỉ quản trị hệ thống lập tổ chức gốc).")
            continue
        if parent == row.code:
            judge.add(row, "parent", "Tổ chức không thể là cấp trên của chính nó.")
        elif parent in by_code and by_code[parent].existing is None:
            row.parent_row = by_code[parent]
        elif parent in found and found[parent].pk in writable and not found[parent].dissolved_on:
            row.parent_org = found[parent]
        else:
            judge.add(
                row,
                "parent",
                f"Mã tổ chức cấp trên '{parent}' không có trong tệp, cũng không có trong các "
                "tổ chức bạn được cập nhật.",
            )
    return by_code


def _order(rows: list[Row], judge: _Judge) -> list[Row]:
    """The new rows, each after its parent row; rows whose parents form a cycle get an error."""
    ordered: list[Row] = []
    state: dict[int, str] = {}
    for start in rows:
        if start.existing is not None or start.number in state:
            continue
        chain = []
        row = start
        while row is not None and row.number not in state:
            state[row.number] = "walking"
            chain.append(row)
            row = row.parent_row
        if row is not None and state[row.number] == "walking":
            cycle = chain[chain.index(row) :]
            path = " → ".join(r.code for r in [*cycle, row])
            for member in cycle:
                judge.add(member, "parent", f"Các tổ chức lấy nhau làm cấp trên thành vòng: {path}.")
                member.parent_row = None
        for member in reversed(chain):
            state[member.number] = "done"
            ordered.append(member)
    return ordered


def _judge_new(row: Row, today: date, judge: _Judge) -> None:
    kind = row.values.get("kind")
    parent_kind, parent_on = None, None
    if row.parent_row is not None:
        parent_kind, parent_on = row.parent_row.values.get("kind"), row.parent_row.on
    elif row.parent_org is not None:
        parent_kind, parent_on = row.parent_org.kind, row.parent_org.established_on
    given = row.values.get("established_on")
    if not kind:
        if "kind" not in row.unreadable:
            judge.add(row, "kind", "Chưa chọn loại tổ chức.")
        row.on = given or parent_on
        return
    earliest = org_rules.earliest_day(kind)
    row.on = given or max(earliest, parent_on or earliest)
    if given and given > today:
        judge.add(row, "established_on", "Ngày thành lập ở tương lai.")
    if given and parent_on and given < parent_on:
        judge.add(
            row,
            "established_on",
            f"Ngày thành lập trước ngày thành lập của tổ chức cấp trên ({short_date(parent_on)}).",
        )
    for message in org_rules.kind_errors(kind, row.on, parent_kind or None):
        judge.add(row, "kind", message)
    if not row.values.get("name") and "name" not in row.unreadable:
        judge.add(row, "name", "Tên tổ chức không được để trống.")
    if row.former and row.former[0][1] <= row.on:
        judge.add(
            row,
            "former_names",
            f"Ngày đổi tên {short_date(row.former[0][1])} phải sau ngày thành lập ({short_date(row.on)}).",
        )
    if row.former and row.former[-1][1] > today:
        judge.add(row, "former_names", "Ngày đổi tên ở tương lai.")


def _judge_update(row: Row, today: date, judge: _Judge) -> None:
    org = row.existing
    current = org.names.get(valid_to=OPEN_END)
    kind, sector = row.values.get("kind"), row.values.get("sector")
    if kind and kind != org.kind:
        judge.add(row, "kind", f"{org.name} là '{org.get_kind_display()}': không đổi loại tổ chức qua tệp Excel.")
    if sector and sector != org.sector:
        judge.add(
            row, "sector", f"{org.name} thuộc lĩnh vực '{org.get_sector_display()}': không đổi lĩnh vực qua tệp Excel."
        )
    parent = row.values.get("parent") or ""
    if "parent" not in row.unreadable and parent != (org.parent.code if org.parent_id else ""):
        judge.add(
            row,
            "parent",
            f"{org.name} đang trực thuộc {org.parent.name if org.parent_id else '(không có)'}: "
            "muốn chuyển hãy dùng chức năng Chuyển trực thuộc trên trang tổ chức.",
        )
    name = row.values.get("name") or ""
    committee = row.values.get("committee_name") or ""
    if name and fold(name) != fold(current.name):
        entry = next((day for old, day in row.former if fold(old) == fold(current.name)), None)
        if entry is None:
            judge.add(
                row,
                "name",
                f"Tên mới khác tên trong hệ thống ('{current.name}'): ghi tên cũ và ngày đổi vào "
                f"cột 'Tên trước khi đổi', ví dụ '{current.name} (đến {short_date(today)})'.",
            )
        elif entry <= current.valid_from or entry > today:
            judge.add(
                row,
                "former_names",
                f"Ngày đổi tên {short_date(entry)} phải sau ngày của tên hiện tại "
                f"({short_date(current.valid_from)}) và không ở tương lai.",
            )
        else:
            row.rename_on = entry
            row.changes["name"] = (current.name, name)
            if committee and committee != current.committee_name:
                row.changes["committee_name"] = (current.committee_name, committee)
    elif committee and committee != current.committee_name:
        judge.add(
            row,
            "committee_name",
            f"Tên cấp ủy khác tên trong hệ thống ('{current.committee_name}'): đổi tên "
            "cấp ủy bằng chức năng Đổi tên trên trang tổ chức (có ngày hiệu lực).",
        )
    code = row.values.get("committee_code")
    if code and code != org.committee_code:
        row.changes["committee_code"] = (org.committee_code, code)


def _plan(sheet: MembersSheet, scope, today: date, progress: Progress) -> tuple[list[Row], list[Problem]]:
    problems: list[Problem] = []
    rows = _read_rows(sheet, problems, progress)
    judge = _Judge(sheet, problems)
    progress("check", 0, len(rows))
    for row in rows:
        _former_names(row, judge)
    codes = {row.code for row in rows} | {row.values.get("parent") or "" for row in rows}
    found = _lookup(codes - {""})
    writable = _writable(scope, {o.pk for o in found.values()})
    _link_parents(rows, scope, found, writable, judge)
    for row in _order(rows, judge):
        _judge_new(row, today, judge)
    for row in rows:
        if row.existing is not None:
            _judge_update(row, today, judge)
    order = {c.header: i for i, c in enumerate(COLUMNS)}
    problems.sort(key=lambda p: (p.row, order.get(p.column.split(" (")[0], len(order))))
    return rows, problems


def _names(row: Row, name: str, committee: str = "") -> org_actions.NameSpec:
    return org_actions.NameSpec(name=name, committee_name=committee, committee_short=default_short(committee or name))


def _write(rows: list[Row], ordered: list[Row], actor, filename: str, progress: Progress) -> tuple[int, int]:
    reason = f"Nhập từ tệp Excel {filename}"
    created = updated = 0
    total = sum(row.action != "unchanged" for row in rows)
    with transaction.atomic():
        items: dict[str, NewOrganization] = {}
        for row in ordered:
            values = row.values
            committee = values.get("committee_name") or ""
            # each earlier name from the day the one before it ended (the first from establishment)
            starts = [row.on] + [day for _, day in row.former]
            names = [(old, "", default_short(old), starts[i]) for i, (old, _) in enumerate(row.former)]
            names.append((values["name"], committee, default_short(committee or values["name"]), starts[-1]))
            items[row.code] = NewOrganization(
                code=row.code,
                kind=values["kind"],
                on=row.on,
                names=names,
                sector=values.get("sector") or Sector.OTHER,
                parent=items[row.parent_row.code] if row.parent_row else row.parent_org,
                committee_code=values.get("committee_code") or "",
                decision_number=values.get("decision_number") or "",
            )
        progress("write", 0, total)
        created = len(establish_many(actor, list(items.values()), reason=reason))
        progress("write", created, total)
        for row in rows:
            if row.action != "update":
                continue
            org = row.existing
            if "name" in row.changes:
                org_actions.rename(
                    actor,
                    org,
                    on=row.rename_on,
                    names=_names(row, row.values["name"], row.values.get("committee_name") or ""),
                )
            if "committee_code" in row.changes:
                before = {"committee_code": org.committee_code}
                org.committee_code = row.values["committee_code"]
                org.save(update_fields=["committee_code"])
                audit.record(
                    actor,
                    StaffAudit.ORGANIZATION_UPDATE,
                    org,
                    before=before,
                    after={"committee_code": org.committee_code},
                    organization=org,
                    reason=reason,
                )
            updated += 1
        audit.record(
            actor,
            StaffAudit.ORGANIZATION_IMPORT,
            None,
            object_type=Organization._meta.label_lower,
            object_label=f"Nhập Excel cây tổ chức '{filename}': {created} thêm mới, {updated} cập nhật",
            after={"file": filename, "rows": len(rows), "created": created, "updated": updated},
            reason=reason,
        )
    progress("write", total, total)
    return created, updated


def _preview(rows: list[Row]) -> list[dict]:
    labels = {"create": "Thành lập", "update": "Cập nhật", "unchanged": "Không đổi"}
    preview = []
    for row in rows[:PREVIEW_ROWS]:
        parent = (
            row.parent_row.code
            if row.parent_row
            else row.parent_org.code
            if row.parent_org
            else (row.values.get("parent") or "")
        )
        kind = row.values.get("kind")
        preview.append(
            {
                "row": row.number,
                "action": labels[row.action],
                "code": row.code,
                "name": row.values.get("name", ""),
                "kind": Kind(kind).label if kind in Kind.values else "",
                "parent": parent,
                "on": short_date(row.on) if row.existing is None and row.on else "",
                "changes": "; ".join(
                    f"{BY_FIELD[n].header}: {old or '(trống)'} → {new}" for n, (old, new) in row.changes.items()
                ),
            }
        )
    return preview


def _quiet(_phase: str, _done: int, _total: int | None) -> None:
    pass


def run_tree_import(
    path: Path, filename: str, actor, *, dry_run: bool = False, today: date | None = None, progress: Progress = _quiet
) -> ImportResult:
    """Check the file and, when every row is right and it is not a dry run, write it. Never raises for a
    user's mistake: the result carries the file error or every row's problems."""
    today = today or timezone.localdate()
    result = ImportResult(filename=filename, dry_run=dry_run)
    if filename.lower().endswith(".csv"):
        result.file_error = "Cây tổ chức nhập bằng tệp Excel .xlsx: hãy tải tệp mẫu, điền dữ liệu và lưu dạng .xlsx."
        return result
    try:
        sheet = open_sheet(path, filename, LAYOUT)
    except ImportFileError as error:
        result.file_error = error.message
        return result
    scope = scope_for(actor)
    try:
        rows, result.problems = _plan(sheet, scope, today, progress)
        result.sheet, result.header_row, result.rows = sheet.title, sheet.header_row, len(rows)
        result.preview = _preview(rows)
        result.created = sum(row.action == "create" for row in rows)
        result.updated = sum(row.action == "update" for row in rows)
        result.unchanged = sum(row.action == "unchanged" for row in rows)
        if result.problems or dry_run:
            return result
        ordered = [row for row in _order(rows, _Judge(sheet, [])) if row.existing is None]
        try:
            result.created, result.updated = _write(rows, ordered, actor, filename, progress)
        except (RuleViolation, IntegrityError) as error:
            result.file_error = (
                "Dữ liệu đã thay đổi trong lúc nhập (một người dùng khác vừa cập nhật): chưa có gì "
                f"được ghi, hãy nhập lại tệp. ({error})"
            )
            return result
        result.written = True
        return result
    finally:
        sheet.close()


def former_names_text(org: Organization) -> str:
    """The organization's earlier names as the column 'Tên trước khi đổi' writes them."""
    return "; ".join(
        f"{n.name} (đến {short_date(n.valid_to)})"
        for n in org.names.all()
        if n.valid_to != OPEN_END and n.name != org.name
    )


def export_values(org: Organization) -> list:
    current = next((n for n in org.names.all() if n.valid_to == OPEN_END), None)
    establish = next((e for e in org.lineage_events.all() if e.type == LineageEvent.Type.ESTABLISH), None)
    existing = org.established_on == org_rules.earliest_day(org.kind)
    return [
        org.code,
        org.name,
        org.get_kind_display(),
        org.get_sector_display(),
        org.parent.code if org.parent_id else "",
        current.committee_name if current else "",
        org.committee_code,
        None if existing else org.established_on,
        establish.decision_number if establish else "",
        former_names_text(org),
    ]
