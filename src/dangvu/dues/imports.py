"""Imports of the dues records, on the member import's machinery (`members.excel`: the file checks of an
.xlsx or .csv, the cell readers, the header search):

- the bases of many members from Excel (all or nothing, every bad line named);
- the payment file of the national public service portal, to reconcile a cell's or a committee's months.
  The portal's file layout is not known to us: its columns are found by header names that an installation
  configures (setting DANGVU_DUES_PORTAL_COLUMNS, field -> list of header texts) and that the upload form can
  override; each row is matched to a member by CCCD (or card number) and to the month's line, and flagged
  matched, differing amount, unmatched or duplicate. Only matched and differing rows are written (as paid
  through the portal), and only when the user asks for it after reading the report.
"""

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dangvu.accounts.scope import WRITE, Scope
from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import fold
from dangvu.dues.audit_actions import DuesAudit
from dangvu.members.excel.cells import CellError, read_citizen_id, read_date, read_text, shown
from dangvu.members.excel.csvfile import read_csv_rows
from dangvu.members.excel.reader import ImportFileError, filled, first_filled, open_workbook
from dangvu.members.models import Member

from . import actions, compute, rules
from .models import BasisKind, Line, Method

MAX_ROWS = 200_000
BASIS_COLUMNS = {
    "citizen_id": ["Số CCCD"],
    "name": ["Họ và tên"],
    "kind": ["Đối tượng"],
    "amount": ["Số tiền"],
    "first_month": ["Từ tháng"],
    "note": ["Ghi chú"],
}
BASIS_REQUIRED = ("citizen_id", "kind", "first_month")
# Guesses until an installation configures the portal's real headers.
PORTAL_COLUMNS = {
    "citizen_id": ["Số CCCD", "Số định danh cá nhân", "Số định danh", "CCCD"],
    "card_number": ["Số thẻ đảng viên", "Số thẻ"],
    "name": ["Họ và tên", "Họ tên", "Tên đảng viên"],
    "month": ["Kỳ đóng", "Tháng đóng", "Tháng", "Kỳ"],
    "amount": ["Số tiền", "Số tiền nộp", "Số tiền đóng"],
    "paid_on": ["Ngày nộp", "Ngày giao dịch", "Ngày thanh toán"],
    "reference": ["Mã giao dịch", "Mã hồ sơ", "Số biên lai"],
}
PORTAL_LABELS = {
    "citizen_id": "Số CCCD",
    "card_number": "Số thẻ",
    "name": "Họ tên",
    "month": "Tháng",
    "amount": "Số tiền",
    "paid_on": "Ngày nộp",
    "reference": "Mã giao dịch",
}
PORTAL_REQUIRED = ("month", "amount")
KINDS = (
    {fold(label): value for value, label in BasisKind.choices}
    | {fold(value): value for value in BasisKind.values}
    | {
        "luong": BasisKind.INSURED_SALARY,
        "bhxh": BasisKind.INSURED_SALARY,
        "huu": BasisKind.PENSION,
        "luong huu": BasisKind.PENSION,
        "hoc sinh": BasisKind.STUDENT,
        "sinh vien": BasisKind.STUDENT,
        "tro cap": BasisKind.ALLOWANCE,
        "khac": BasisKind.OTHER,
    }
)


def portal_columns() -> dict[str, list[str]]:
    return getattr(settings, "DANGVU_DUES_PORTAL_COLUMNS", None) or PORTAL_COLUMNS


def read_table(upload) -> list[tuple[int, tuple]]:
    """(line number, values) of every filled row of the first sheet (or a CSV), header row first."""
    name = getattr(upload, "name", "tệp")
    with tempfile.NamedTemporaryFile(suffix=Path(name).suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        path = Path(handle.name)
        if name.lower().endswith(".csv"):
            rows = [tuple(r) for r in read_csv_rows(path, name)]
        else:
            book = open_workbook(path, name)
            try:
                rows = []
                for values in book.worksheets[0].iter_rows(values_only=True):
                    rows.append(tuple(values))
                    if len(rows) > MAX_ROWS + 20:
                        raise ImportFileError(f"Tệp '{name}' có quá {MAX_ROWS:,} dòng: hãy chia nhỏ.")
            finally:
                book.close()
    number, header = first_filled(rows)
    if not number:
        raise ImportFileError(f"Tệp '{name}' không có dòng tiêu đề.")
    return [(number, header)] + [
        (n, values) for n, values in enumerate(rows, start=1) if n > number and any(filled(v) for v in values)
    ]


def find_columns(header: tuple, wanted: dict[str, list[str]], required) -> dict[str, int]:
    """field -> column index, by header text ignoring case and diacritics; RuleViolation naming what is missing."""
    folded = {fold(read_text(value)): index for index, value in enumerate(header) if filled(value)}
    found = {}
    for field_name, names in wanted.items():
        for name in names:
            if fold(name) in folded:
                found[field_name] = folded[fold(name)]
                break
    missing = [wanted[f][0] for f in required if f not in found]
    if missing:
        raise RuleViolation(
            {
                "file": [
                    f"Không thấy cột {', '.join(repr(m) for m in missing)} trong dòng tiêu đề "
                    f"(tìm thấy: {', '.join(shown(v) for v in header if filled(v))})."
                ]
            }
        )
    return found


def _cell(values: tuple, columns: dict[str, int], name: str):
    index = columns.get(name)
    return values[index] if index is not None and index < len(values) else None


def _amount(value) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    text = read_text(value).replace(".", "").replace(",", "").replace(" ", "").replace("đ", "")
    if not text.isdecimal():
        raise CellError(f"Số tiền '{shown(value)}' không phải số đồng.")
    return int(text)


def _month(value) -> date:
    if isinstance(value, date):
        return rules.month_start(value)
    month = rules.parse_month(read_text(value))
    if month is None:
        raise CellError(f"Tháng '{shown(value)}' không đúng dạng tháng/năm (ví dụ 03/2026).")
    return month


def _members_by_citizen_id(scope: Scope, ids: set[str], capability: str) -> dict[str, Member]:
    found = scope.restrict(Member.objects.filter(person__citizen_id__in=ids), capability=capability)
    return {m.person.citizen_id: m for m in found.select_related("person", "organization")}


@transaction.atomic
def import_bases(scope: Scope, upload) -> int:
    """Nhập căn cứ đóng đảng phí: one basis per line; every line checked first, then all written or none."""
    table = read_table(upload)
    columns = find_columns(table[0][1], BASIS_COLUMNS, BASIS_REQUIRED)
    parsed, errors = [], {}
    for number, values in table[1:]:
        try:
            citizen_id = read_citizen_id(_cell(values, columns, "citizen_id"))
            kind = KINDS.get(fold(read_text(_cell(values, columns, "kind"))))
            if kind is None:
                raise CellError(
                    f"Đối tượng '{shown(_cell(values, columns, 'kind'))}' không hợp lệ: ghi một trong "
                    + ", ".join(label for _, label in BasisKind.choices)
                    + "."
                )
            parsed.append(
                (
                    number,
                    citizen_id,
                    kind,
                    _amount(_cell(values, columns, "amount")),
                    _month(_cell(values, columns, "first_month")),
                    read_text(_cell(values, columns, "note")),
                )
            )
        except CellError as problem:
            errors[f"line-{number}"] = [f"Dòng {number}: {problem}"]
    members = _members_by_citizen_id(scope, {p[1] for p in parsed}, WRITE)
    seen = Counter((p[1], p[4]) for p in parsed)
    for number, citizen_id, kind, amount, month, _note in parsed:
        messages = []
        if citizen_id not in members:
            messages.append(f"Không tìm thấy đảng viên có số CCCD {citizen_id} trong phạm vi bạn được ghi.")
        if seen[(citizen_id, month)] > 1:
            messages.append(f"Số CCCD {citizen_id} có hai dòng cùng tháng {month:%m/%Y}.")
        messages += [m for msgs in rules.basis_errors(kind, amount, month).values() for m in msgs]
        if messages:
            errors.setdefault(f"line-{number}", []).extend(f"Dòng {number}: {m}" for m in messages)
    if errors:
        raise RuleViolation(errors)
    if not parsed:
        raise RuleViolation({"file": ["Tệp không có dòng dữ liệu nào."]})
    actions.bases_write_many(
        [
            (members[citizen_id].pk, kind, amount, month, note[:200])
            for _number, citizen_id, kind, amount, month, note in parsed
        ]
    )
    earliest: dict[int, date] = {}
    for row in parsed:
        member_id, month = members[row[1]].pk, row[4]
        earliest[member_id] = min(month, earliest.get(member_id, month))
    compute.refresh_from(earliest)
    audit.record(
        scope.user,
        DuesAudit.DUES_IMPORT_BASES,
        None,
        object_type="dues.basis",
        object_label=f"Nhập {len(parsed)} căn cứ đóng đảng phí từ {getattr(upload, 'name', '')}",
        after={"rows": len(parsed)},
    )
    return len(parsed)


MATCHED, DIFFERING, UNMATCHED, DUPLICATE = "matched", "differing", "unmatched", "duplicate"
STATUS_LABELS = {MATCHED: "Khớp", DIFFERING: "Lệch số tiền", UNMATCHED: "Không khớp", DUPLICATE: "Trùng"}


@dataclass
class PortalRow:
    number: int
    status: str
    name: str = ""
    month: date | None = None
    amount: int = 0
    due: int | None = None
    paid_on: date | None = None
    reference: str = ""
    note: str = ""
    line: Line | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def reconcile(scope: Scope, upload, columns: dict[str, list[str]] | None = None) -> list[PortalRow]:
    """Each row of the portal's file matched to a member's line, in the user's writing scope."""
    table = read_table(upload)
    wanted = columns or portal_columns()
    found = find_columns(table[0][1], wanted, PORTAL_REQUIRED)
    if "citizen_id" not in found and "card_number" not in found:
        raise RuleViolation({"file": ["Cần cột số CCCD hoặc số thẻ đảng viên để nhận ra đảng viên."]})
    rows: list[PortalRow] = []
    keys = []
    for number, values in table[1:]:
        row = PortalRow(
            number,
            UNMATCHED,
            name=read_text(_cell(values, found, "name")),
            reference=read_text(_cell(values, found, "reference"))[:60],
        )
        try:
            row.month = _month(_cell(values, found, "month"))
            row.amount = _amount(_cell(values, found, "amount"))
            row.paid_on = read_date(_cell(values, found, "paid_on")) if "paid_on" in found else None
            citizen_id = (
                read_citizen_id(_cell(values, found, "citizen_id"))
                if _cell(values, found, "citizen_id") is not None
                else None
            )
        except CellError as problem:
            row.note = str(problem)
            citizen_id = None
        card = read_text(_cell(values, found, "card_number")) or None
        keys.append((citizen_id, card))
        rows.append(row)
    ids = {k[0] for k in keys if k[0]}
    cards = {k[1] for k in keys if k[1]}
    reachable = scope.restrict(
        Member.objects.filter(person__citizen_id__in=ids) | Member.objects.filter(card_number__in=cards),
        capability=WRITE,
    ).select_related("person")
    by_id = {m.person.citizen_id: m for m in reachable if m.person.citizen_id}
    by_card = {m.card_number: m for m in reachable if m.card_number}
    members = {}
    for row, (citizen_id, card) in zip(rows, keys, strict=True):
        member = by_id.get(citizen_id) or by_card.get(card)
        if member is not None:
            members[row.number] = member
    lines = {
        (li.member_id, li.month): li
        for li in Line.objects.filter(
            member_id__in=[m.pk for m in members.values()], month__in={r.month for r in rows if r.month}
        )
    }
    seen: Counter = Counter()
    for row in rows:
        member = members.get(row.number)
        if row.note:
            continue
        if member is None:
            row.note = "Không tìm thấy đảng viên trong phạm vi bạn được ghi."
            continue
        row.name = member.person.full_name
        line = lines.get((member.pk, row.month))
        if line is None:
            row.note = f"Chưa có sổ đảng phí tháng {row.month:%m/%Y} của đảng viên này (chưa tính tháng)."
            continue
        seen[(member.pk, row.month)] += 1
        row.line, row.due = line, line.due
        if seen[(member.pk, row.month)] > 1:
            row.status, row.note = DUPLICATE, "Dòng thứ hai cho cùng đảng viên và tháng trong tệp."
        elif (
            line.paid is not None
            and line.method == Method.PORTAL
            and (not row.reference or line.reference == row.reference)
        ):
            row.status, row.note = DUPLICATE, "Tháng này đã ghi nộp qua Cổng Dịch vụ công."
        elif row.amount != line.due:
            row.status, row.note = DIFFERING, f"Phải đóng {rules.vnd(line.due)}, tệp ghi {rules.vnd(row.amount)}."
        else:
            row.status = MATCHED
    return rows


@transaction.atomic
def apply_portal(scope: Scope, rows: list[PortalRow], *, filename: str = "", today: date | None = None) -> int:
    """Ghi các dòng khớp và lệch số tiền as paid through the portal; unmatched and duplicate rows stay out."""
    today = today or timezone.localdate()
    chosen = [r for r in rows if r.status in (MATCHED, DIFFERING)]
    by_cell: dict[tuple[int, date], list[PortalRow]] = {}
    for row in chosen:
        by_cell.setdefault((row.line.organization_id, row.month), []).append(row)
    changed = []
    for (cell_id, _month), group in by_cell.items():
        scope.require(cell_id, WRITE)
        lines = {r.line.member_id: r.line for r in group}
        entries = [
            actions.PaymentEntry(r.line.member_id, r.amount, r.paid_on or today, Method.PORTAL, r.reference)
            for r in group
        ]
        changed += actions.payment_changes(lines, entries, today)
    actions.write_payments(changed)
    written = len(changed)
    audit.record(
        scope.user,
        DuesAudit.DUES_IMPORT_PORTAL,
        None,
        object_type="dues.line",
        object_label=f"Đối soát Cổng Dịch vụ công: {written} dòng ghi từ {filename}",
        after={"written": written, "rows": len(rows), "flags": dict(Counter(r.status for r in rows))},
    )
    return written
