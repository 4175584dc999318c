"""Report indicators of cell meetings (sinh hoạt chi bộ), ready for the reports' indicator registry.

Each function has the registry's shape, `f(org_ids, period) -> {organization id: value}`, computed with one
grouped query by `attendance.many`, shared by the four within one `computing()` block. `register()` adds them
to `dangvu.reports.indicators.REGISTRY` (once); the reports app calls it where it builds its registry, so that
the monthly and review reports can quote them.
"""

from . import attendance

GROUP = "Sinh hoạt chi bộ"


def _many(org_ids: list[int], period) -> dict[int, attendance.AttendanceStats]:
    """The attendance of the subtrees, computed once for the four indicators of one report."""
    from dangvu.reports.indicators.base import shared

    return shared(
        ("meetings.attendance", tuple(org_ids), period.start, period.end),
        lambda: attendance.many(org_ids, period.start, period.end),
    )


def cell_meetings(org_ids: list[int], period) -> dict[int, int]:
    return {pk: stats.meetings for pk, stats in _many(org_ids, period).items()}


def attendance_share(org_ids: list[int], period) -> dict[int, float | None]:
    return {pk: stats.share_present for pk, stats in _many(org_ids, period).items()}


def absences_excused(org_ids: list[int], period) -> dict[int, int]:
    return {pk: stats.absent_excused for pk, stats in _many(org_ids, period).items()}


def absences_unexcused(org_ids: list[int], period) -> dict[int, int]:
    return {pk: stats.absent_unexcused for pk, stats in _many(org_ids, period).items()}


DEFINITIONS = [
    (
        "meetings.cell_meetings",
        "Buổi sinh hoạt chi bộ đã tổ chức",
        "Số buổi sinh hoạt chi bộ (định kỳ và chuyên đề) có tình trạng “đã tổ chức”, ngày họp trong kỳ, của các chi "
        "bộ thuộc đảng bộ (cây tổ chức ngày cuối kỳ), kể cả buổi chưa ghi danh sách dự họp.",
        cell_meetings,
        "buổi",
        True,
    ),
    (
        "meetings.attendance_share",
        "Tỷ lệ đảng viên dự sinh hoạt chi bộ",
        "Số lượt có mặt (kể cả đến muộn) chia cho số lượt trong danh sách dự họp của các buổi sinh hoạt chi bộ đã "
        "tổ chức trong kỳ, tính theo phần trăm, một chữ số thập phân.",
        attendance_share,
        "%",
        True,
    ),
    (
        "meetings.absences_excused",
        "Lượt vắng sinh hoạt có lý do",
        "Số lượt đảng viên vắng có lý do trong danh sách dự họp các buổi sinh hoạt chi bộ đã tổ chức trong kỳ.",
        absences_excused,
        "lượt",
        True,
    ),
    (
        "meetings.absences_unexcused",
        "Lượt vắng sinh hoạt không lý do",
        "Số lượt đảng viên vắng không lý do trong danh sách dự họp các buổi sinh hoạt chi bộ đã tổ chức trong kỳ.",
        absences_unexcused,
        "lượt",
        True,
    ),
]


def register() -> None:
    """Add the indicators of cell meetings to the reports' registry (a second call changes nothing)."""
    from dangvu.reports.indicators.base import register_all

    register_all(GROUP, DEFINITIONS)
