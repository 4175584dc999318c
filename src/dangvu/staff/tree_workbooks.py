"""The organization tree's workbooks: the import template (with the kinds', sectors' and existing
organizations' lists) and the export of the tree in the same layout, which imports back unchanged."""

from collections.abc import Iterable

import openpyxl
from django.db.models import Prefetch, QuerySet

from dangvu.core import audit
from dangvu.members.excel.workbooks import (
    _save,
    _style_header,
    export_sheet,
    instructions_sheet,
    list_validation,
    template_sheet,
)
from dangvu.organizations import rules as org_rules
from dangvu.organizations.models import Kind, LineageEvent, Organization, OrganizationName, Sector
from dangvu.staff.audit_actions import StaffAudit

from .tree_excel import COLUMNS, SHEET_NAME, export_values

LISTS_SHEET = "Danh mục"
EXISTING_SHEET = "Tổ chức đã có"
MAX_LISTED = 20000


def template_workbook(existing: Iterable[Organization]) -> bytes:
    """Mẫu nhập cây tổ chức: headers, drop-down lists of kinds and sectors, the organizations already in the
    system that may be parents, and the instructions."""
    workbook = openpyxl.Workbook()
    sheet = template_sheet(workbook, SHEET_NAME, COLUMNS)
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.append(["Loại tổ chức", "Lĩnh vực"])
    _style_header(lists, [34, 26])
    for index in range(max(len(Kind.choices), len(Sector.choices))):
        lists.append(
            [
                Kind.labels[index] if index < len(Kind.labels) else None,
                Sector.labels[index] if index < len(Sector.labels) else None,
            ]
        )
    list_validation(
        sheet,
        COLUMNS,
        "kind",
        f"'{LISTS_SHEET}'!$A$2:$A${len(Kind.labels) + 1}",
        "Loại tổ chức",
        "Chọn một loại trong danh sách.",
    )
    list_validation(
        sheet,
        COLUMNS,
        "sector",
        f"'{LISTS_SHEET}'!$B$2:$B${len(Sector.labels) + 1}",
        "Lĩnh vực",
        "Chọn một lĩnh vực trong danh sách.",
    )
    listed = workbook.create_sheet(EXISTING_SHEET)
    listed.append(["Mã tổ chức", "Tên tổ chức", "Loại tổ chức"])
    _style_header(listed, [18, 60, 30])
    for count, org in enumerate(existing):
        if count >= MAX_LISTED:
            listed.append(["…", f"Chỉ liệt kê {MAX_LISTED} tổ chức đầu tiên."])
            break
        listed.append([org.code, org.name, org.get_kind_display()])
    instructions_sheet(
        workbook,
        [
            ["HƯỚNG DẪN NHẬP CÂY TỔ CHỨC ĐẢNG"],
            [],
            [f"1. Ghi mỗi tổ chức trên một dòng của trang '{SHEET_NAME}', từ dòng 2; giữ nguyên dòng tiêu đề."],
            [
                "2. Tổ chức cấp trên ghi bằng mã: ở một dòng khác của tệp (trước hay sau đều được) hoặc đã có trong hệ "
                f"thống (xem trang '{EXISTING_SHEET}')."
            ],
            ["3. Không gộp ô, không đổi tên trang. Ngày ghi theo dạng ngày/tháng/năm, ví dụ 15/03/2018."],
            [f"4. {org_rules.KIND_HELP}"],
            [
                "5. Hệ thống kiểm tra toàn bộ tệp trước khi ghi: nếu có dòng sai, không dòng nào được ghi; tải tệp báo "
                "lỗi về, sửa theo cột 'Lỗi' rồi nhập lại."
            ],
            [
                "6. Nhập lại tệp đã xuất: dòng có mã đã có cập nhật tổ chức đó; tên mới được ghi thành một lần đổi tên "
                "từ ngày ghi kèm tên cũ ở cột 'Tên trước khi đổi'; lịch sử không bị ghi đè."
            ],
            [],
        ],
        COLUMNS,
    )
    return _save(workbook)


def _tree_order(orgs: list[Organization]) -> list[Organization]:
    """Parents before their children, siblings in name order."""
    children: dict[int | None, list[Organization]] = {}
    ids = {o.pk for o in orgs}
    for org in orgs:
        children.setdefault(org.parent_id if org.parent_id in ids else None, []).append(org)
    ordered: list[Organization] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        org = stack.pop()
        ordered.append(org)
        stack.extend(reversed(children.get(org.pk, [])))
    return ordered


def export_workbook(actor, organizations: QuerySet) -> bytes:
    """The active organizations (already restricted to the user's scope) in the import's layout (audited)."""
    orgs = list(
        organizations.filter(dissolved_on__isnull=True)
        .select_related("parent")
        .prefetch_related(
            Prefetch("names", OrganizationName.objects.order_by("valid_from")),
            Prefetch("lineage_events", LineageEvent.objects.filter(type=LineageEvent.Type.ESTABLISH)),
        )
        .order_by("sort_key")
    )
    content, count = export_sheet(
        SHEET_NAME, [(c.header, c.width) for c in COLUMNS], (export_values(org) for org in _tree_order(orgs))
    )
    audit.record(
        actor,
        StaffAudit.ORGANIZATION_EXPORT,
        None,
        object_type=Organization._meta.label_lower,
        object_label=f"Xuất Excel cây tổ chức ({len(orgs)} tổ chức)",
        after={"rows": len(orgs)},
    )
    return content
