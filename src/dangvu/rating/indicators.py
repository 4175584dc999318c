"""Report indicators of the yearly rating, ready for the reports' indicator registry.

For each kind of subject (members; grassroots organizations; cells and sub-committees) the number to be
rated, the number rated, the count of each grade (`rating.*_good`: the grade "hoàn thành tốt nhiệm vụ" alone),
"hoàn thành tốt nhiệm vụ trở lên" (excellent or good) as a count (`rating.*_good_or_better`) and a share,
and the review's sentence ("50/53 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (94,3 %)"). The rated
year is the year of the period's last day; "{rating.grassroots_good_share:year_earlier}" gives the year
before. All are computed from one `figures.tallies` call per report (`shared`).
"""

from .figures import SUBJECTS, phrase, tallies
from .models import GRADE_ORDER, Grade

GROUP = "Đánh giá, xếp loại chất lượng"
GRADE_WORDS = {
    Grade.EXCELLENT: "hoàn thành xuất sắc nhiệm vụ",
    Grade.GOOD: "hoàn thành tốt nhiệm vụ",
    Grade.COMPLETE: "hoàn thành nhiệm vụ",
    Grade.FAILED: "không hoàn thành nhiệm vụ",
}
SCOPE_WORDS = (
    "của các tổ chức đảng thuộc đảng bộ theo cây tổ chức ngày cuối kỳ, trong đợt đánh giá của năm có ngày cuối kỳ"
)


def _tallies(org_ids: list[int], period):
    from dangvu.reports.indicators.base import shared

    year = period.end.year
    return year, shared(
        ("rating.tallies", tuple(org_ids), year, period.end), lambda: tallies(org_ids, year, period.end)
    )


def _make(subject: str, measure: str):
    def compute(org_ids: list[int], period):
        year, found = _tallies(org_ids, period)
        values = {}
        for pk, by_subject in found.items():
            tally = by_subject[subject]
            if measure == "listed":
                values[pk] = tally.listed
            elif measure == "rated":
                values[pk] = tally.rated
            elif measure == "good_or_better":
                values[pk] = tally.good_or_better()
            elif measure == "good_share":
                values[pk] = tally.share(tally.good_or_better())
            elif measure == "phrase":
                values[pk] = phrase(tally, subject, year)
            else:
                values[pk] = tally.count(measure)
        return values

    return compute


def definitions() -> list[tuple[str, str, str, object, str, bool]]:
    """(key, label, definition, function, unit, numeric) of every rating indicator."""
    items = []
    for subject, words in SUBJECTS.items():
        unit = "đảng viên" if subject == "members" else "tổ chức"
        prefix = f"rating.{subject}"
        items += [
            (
                f"{prefix}_listed",
                f"Số {words} thuộc diện đánh giá, xếp loại",
                f"Số {words} trong danh sách đánh giá, xếp loại {SCOPE_WORDS} (không kể đảng viên miễn sinh hoạt, "
                "đã ra khỏi Đảng).",
                _make(subject, "listed"),
                unit,
                True,
            ),
            (
                f"{prefix}_rated",
                f"Số {words} đã có quyết định xếp loại",
                f"Số {words} đã có quyết định xếp loại của cấp có thẩm quyền {SCOPE_WORDS}.",
                _make(subject, "rated"),
                unit,
                True,
            ),
        ]
        for grade in GRADE_ORDER:
            items.append(
                (
                    f"{prefix}_{grade}",
                    f"Số {words} {GRADE_WORDS[grade]}",
                    f"Số {words} được quyết định xếp loại mức “{GRADE_WORDS[grade]}” (tên mức theo quy định của "
                    f"năm) {SCOPE_WORDS}.",
                    _make(subject, grade.value),
                    unit,
                    True,
                )
            )
        items += [
            (
                f"{prefix}_good_or_better",
                f"Số {words} hoàn thành tốt nhiệm vụ trở lên",
                f"Số {words} xếp loại “hoàn thành xuất sắc nhiệm vụ” hoặc “hoàn thành tốt nhiệm vụ” {SCOPE_WORDS}.",
                _make(subject, "good_or_better"),
                unit,
                True,
            ),
            (
                f"{prefix}_good_share",
                f"Tỷ lệ {words} hoàn thành tốt nhiệm vụ trở lên",
                f"Số {words} hoàn thành tốt nhiệm vụ trở lên chia cho số đã có quyết định xếp loại, tính theo "
                "phần trăm, một chữ số thập phân.",
                _make(subject, "good_share"),
                "%",
                True,
            ),
            (
                f"{prefix}_phrase",
                f"Câu kết quả xếp loại {words}",
                f"Câu “hoàn thành tốt nhiệm vụ trở lên / số đã xếp loại (tỷ lệ)” của {words}, với tên mức theo "
                "quy định của năm, ví dụ “50/53 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (94,3 %)”.",
                _make(subject, "phrase"),
                "",
                False,
            ),
        ]
    return items


def register() -> None:
    """Add the rating indicators to the reports' registry (a second call changes nothing)."""
    from dangvu.reports.indicators.base import register_all

    register_all(GROUP, definitions())
