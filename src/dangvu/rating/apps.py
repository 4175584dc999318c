"""The rating app: yearly rounds, member and organization ratings under the rule of each year."""

from django.apps import AppConfig


class RatingConfig(AppConfig):
    name = "dangvu.rating"
    verbose_name = "Đánh giá, xếp loại chất lượng"

    def ready(self):
        from dangvu.members import timeline

        from . import queries

        timeline.register(queries.member_timeline)
