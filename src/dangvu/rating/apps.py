"""The rating app: yearly rounds, member and organization ratings under the rule of each year."""

from django.apps import AppConfig


class RatingConfig(AppConfig):
    name = "dangvu.rating"
    verbose_name = "Đánh giá, xếp loại chất lượng"

    def ready(self) -> None:
        from dangvu.members import timeline
        from dangvu.members.excel import jobs

        from . import queries
        from .bulk import CHECK_PHASE
        from .excel import run_book_import

        timeline.register(queries.member_timeline)
        jobs.RUNNERS["rating"] = run_book_import
        jobs.PHASES[CHECK_PHASE] = (
            "Đang đối chiếu với danh sách đánh giá của đợt và quy định xếp loại (thứ tự các "
            "bước, kỷ luật, tỷ lệ “xuất sắc”)"
        )
