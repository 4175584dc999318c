"""The report kinds the system ships with (monthly, 6 and 9 months interim reviews, yearly review) and their
default sections. The office edits the sections in the page afterwards; these are only the starting point."""

from django.db import transaction

from .models import ReportKind, SectionTemplate

RESULTS_ORGANIZATION = (
    "Tập trung lãnh đạo, chỉ đạo {congress.grassroots_held}/{grassroots.total} tổ chức cơ sở Đảng trực thuộc "
    "tổ chức thành công Đại hội nhiệm kỳ {congress.round}. Đến ngày cuối kỳ, toàn Đảng bộ có {members.total} "
    "đảng viên; trong kỳ kết nạp {members.admitted} đảng viên, công nhận chính thức "
    "{members.recognized_official} đảng viên, tiếp nhận {members.transferred_in} đảng viên chuyển đến, "
    "chuyển đi {members.transferred_out} đảng viên; trao Huy hiệu Đảng cho {members.badges_awarded} đồng chí."
)
RESULTS_INSPECTION = (
    "Cấp ủy các cấp tiến hành kiểm tra {inspection.organizations} tổ chức Đảng và {inspection.members} đảng "
    "viên, giám sát chuyên đề {supervision.thematic.organizations} tổ chức Đảng và "
    "{supervision.thematic.members} đảng viên; thi hành kỷ luật {discipline.organizations} tổ chức Đảng và "
    "{discipline.members} đảng viên."
)
RESULTS_EDUCATION = (
    "Tổ chức {course.awareness.classes} lớp bồi dưỡng kết nạp Đảng cho {course.awareness.participants} quần "
    "chúng ưu tú, {course.new_member_theory.classes} lớp lý luận chính trị cho đảng viên mới."
)

# The year's rating (dangvu.rating's indicators), in the yearly review only.
RESULTS_RATING = (
    "Kết quả đánh giá, xếp loại chất lượng năm {year}: {rating.grassroots_phrase}; {rating.cells_phrase}; "
    "{rating.members_phrase}."
)


def _review_sections(results_heading: str, tasks_heading: str, rating: bool = False) -> list[dict]:
    rating_section = (
        [
            {
                "level": 2,
                "heading": "Đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên",
                "text": RESULTS_RATING,
                "slot": "rating",
            }
        ]
        if rating
        else []
    )
    return [
        {
            "level": 1,
            "heading": results_heading,
            "slot": "overview",
            "hint": "Đánh giá chung về sự lãnh đạo, chỉ đạo của cấp ủy trong kỳ.",
        },
        {
            "level": 2,
            "heading": "Công tác tổ chức, xây dựng Đảng",
            "text": RESULTS_ORGANIZATION,
            "slot": "organization",
        },
        *rating_section,
        {
            "level": 2,
            "heading": "Công tác kiểm tra, giám sát và kỷ luật Đảng",
            "text": RESULTS_INSPECTION,
            "slot": "inspection",
        },
        {"level": 2, "heading": "Công tác chính trị, tư tưởng", "text": RESULTS_EDUCATION, "slot": "education"},
        {"level": 2, "heading": "Lãnh đạo thực hiện nhiệm vụ chính trị", "slot": "political_tasks"},
        {"level": 1, "heading": "Hạn chế, nguyên nhân", "slot": "shortcomings"},
        {"level": 1, "heading": tasks_heading, "slot": "key_tasks"},
    ]


DEFAULT_KINDS = [
    {
        "code": "monthly",
        "name": "Báo cáo tháng",
        "preset": "month",
        "order": 1,
        "summary": "công tác xây dựng Đảng {period}, nhiệm vụ trọng tâm tháng tiếp theo",
        "sections": _review_sections("Kết quả công tác xây dựng Đảng {period}", "Nhiệm vụ tháng tiếp theo"),
    },
    {
        "code": "interim-6",
        "name": "Báo cáo sơ kết 6 tháng",
        "preset": "six_months",
        "order": 2,
        "summary": "sơ kết công tác xây dựng Đảng {period}, nhiệm vụ trọng tâm {next_period}",
        "sections": _review_sections("Kết quả công tác xây dựng Đảng {period}", "Nhiệm vụ trọng tâm {next_period}"),
    },
    {
        "code": "interim-9",
        "name": "Báo cáo sơ kết 9 tháng",
        "preset": "nine_months",
        "order": 3,
        "summary": "sơ kết công tác xây dựng Đảng 9 tháng đầu năm, nhiệm vụ trọng tâm {next_period}",
        "sections": _review_sections("Kết quả công tác xây dựng Đảng {period}", "Nhiệm vụ trọng tâm {next_period}"),
    },
    {
        "code": "yearly",
        "name": "Báo cáo tổng kết năm",
        "preset": "year",
        "order": 4,
        "summary": "tổng kết công tác xây dựng Đảng {period}, phương hướng, nhiệm vụ năm {next_year}",
        "sections": _review_sections(
            "Kết quả công tác xây dựng Đảng {period}", "Phương hướng, nhiệm vụ năm {next_year}", rating=True
        ),
    },
]


@transaction.atomic
def ensure_defaults() -> None:
    """Create the shipped kinds that do not exist yet (an edited kind is left as the office made it)."""
    for spec in DEFAULT_KINDS:
        kind, created = ReportKind.objects.get_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "period_preset": spec["preset"],
                "order": spec["order"],
                "summary_template": spec["summary"],
            },
        )
        if created:
            SectionTemplate.objects.bulk_create(
                [
                    SectionTemplate(
                        kind=kind,
                        order=i,
                        level=s["level"],
                        heading=s["heading"],
                        text=s.get("text", ""),
                        narrative_slot=s.get("slot", ""),
                        narrative_hint=s.get("hint", ""),
                    )
                    for i, s in enumerate(spec["sections"], start=1)
                ]
            )


def kind_by_code(code: str) -> ReportKind:
    ensure_defaults()
    return ReportKind.objects.get(code=code)
