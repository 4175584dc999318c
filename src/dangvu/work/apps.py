"""Party work records (công tác xây dựng Đảng): congresses, courses, inspection, supervision, discipline."""

from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "dangvu.work"
    verbose_name = "Công tác xây dựng Đảng"

    def ready(self) -> None:
        from dangvu.organizations.history import later_records_finder, rows_after

        from .models import Congress, Course, Discipline, Oversight

        # The work records an organization made itself: a correction that ends it earlier cannot carry them.
        for finder in (
            rows_after(Congress, "organization", "held_start", "Đại hội", lambda c: f"nhiệm kỳ {c.term}"),
            rows_after(Course, "organizer", "start_date", "Lớp bồi dưỡng", lambda c: c.title),
            rows_after(Oversight, "organization", "start_date", "Kiểm tra, giám sát", lambda o: o.content[:80]),
            rows_after(Discipline, "organization", "decided_on", "Quyết định kỷ luật", lambda d: d.decision_number),
        ):
            later_records_finder(finder)
