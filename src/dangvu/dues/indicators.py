"""Report indicators of Party dues, in the reports registry's shape `f(org_ids, period) -> {org id: value}`,
each one grouped query over the cells' dues lines rolled up the dated closure table (the subtree as it stood on
the period's last day). `register()` adds them to `dangvu.reports.indicators.REGISTRY`; the reports app calls
it when it builds its registry, so that templates may quote {dues.collected} and the others.

A line belongs to the cell that collected it (its `organization`); the months of a period are those whose first
day lies in it.
"""

from django.db.models import Exists, F, OuterRef, Q, Sum

from . import rules
from .models import Line

GROUP = "Đảng phí"


def _unsettled() -> Q:
    return Q(due__gt=0) & (Q(paid__isnull=True) | Q(paid__lt=F("due")))


def _per_cell_collected(*, subtrees, start, end):
    from dangvu.reports.indicators.base import descendants

    return (
        Line.objects.filter(
            organization_id__in=descendants(list(subtrees), end), month__gte=start, month__lte=end, paid__isnull=False
        )
        .values(org=F("organization_id"))
        .annotate(total=Sum("paid"))
        .order_by()
    )


def collected(org_ids: list[int], period) -> dict[int, int]:
    if not org_ids:
        return {}  # no organization asked: no figure, and no statement
    from dangvu.reports.indicators.base import compiled, roll_up

    facts = compiled(_per_cell_collected, subtrees=tuple(org_ids), start=period.start, end=period.end)
    found = roll_up(facts, org_ids, period.end, ["SUM(fact.total)"])
    return {pk: int(found[pk][0] or 0) if pk in found else 0 for pk in org_ids}


def _owing(*, subtrees, start, end):
    from dangvu.reports.indicators.base import descendants

    return (
        Line.objects.filter(
            _unsettled(), organization_id__in=descendants(list(subtrees), end), month__gte=start, month__lte=end
        )
        .values(org=F("organization_id"), subject=F("member_id"))
        .order_by()
    )


def members_owing(org_ids: list[int], period) -> dict[int, int]:
    if not org_ids:
        return {}  # no organization asked: no figure, and no statement
    from dangvu.reports.indicators.base import compiled, count_by_ancestor

    facts = compiled(_owing, subtrees=tuple(org_ids), start=period.start, end=period.end)
    return count_by_ancestor(facts, org_ids, period.end)


def _last_month(*, subtrees, month, end):
    from dangvu.reports.indicators.base import descendants

    earlier = Line.objects.filter(_unsettled(), member_id=OuterRef("member_id"), month__lte=month)
    return (
        Line.objects.filter(organization_id__in=descendants(list(subtrees), end), month=month)
        .annotate(owes=Exists(earlier))
        .values(org=F("organization_id"), subject=F("member_id"), behind=F("owes"))
        .order_by()
    )


def up_to_date_share(org_ids: list[int], period) -> dict[int, float | None]:
    if not org_ids:
        return {}  # no organization asked: no figure, and no statement
    from dangvu.reports.indicators.base import compiled, roll_up

    month = rules.month_start(period.end)
    facts = compiled(_last_month, subtrees=tuple(org_ids), month=month, end=period.end)
    found = roll_up(facts, org_ids, period.end, ["COUNT(*)", "SUM(CASE WHEN fact.behind THEN 0 ELSE 1 END)"])
    out: dict[int, float | None] = {}
    for pk in org_ids:
        total, current = found.get(pk, (0, 0))
        out[pk] = round(100 * int(current or 0) / total, 1) if total else None
    return out


DEFINITIONS = [
    (
        "dues.collected",
        "Đảng phí đã thu",
        "Tổng số tiền đảng viên đã nộp (tiền mặt cho chi bộ và qua Cổng Dịch vụ công) cho các tháng trong kỳ, ghi "
        "trong sổ thu đảng phí của các chi bộ thuộc đảng bộ (cây tổ chức ngày cuối kỳ).",
        collected,
        "đồng",
    ),
    (
        "dues.up_to_date_share",
        "Tỷ lệ đảng viên đóng đảng phí đầy đủ",
        "Trong số đảng viên có tên trong sổ thu đảng phí tháng cuối kỳ của các chi bộ thuộc đảng bộ, tỷ lệ phần trăm "
        "(một chữ số thập phân) đảng viên đã nộp đủ mọi tháng phải đóng đến hết tháng đó.",
        up_to_date_share,
        "%",
    ),
    (
        "dues.members_owing",
        "Đảng viên còn nợ đảng phí",
        "Số đảng viên có ít nhất một tháng trong kỳ phải đóng mà chưa nộp đủ, trong sổ thu đảng phí của các chi bộ "
        "thuộc đảng bộ.",
        members_owing,
        "đảng viên",
    ),
]


def register() -> None:
    """Add the dues indicators to the reports' registry (a second call changes nothing)."""
    from dangvu.reports.indicators.base import register_all

    register_all(GROUP, [(*definition, True) for definition in DEFINITIONS])
