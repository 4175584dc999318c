"""Meetings (hội nghị, sinh hoạt chi bộ): agenda, guests, attendance, minutes and conclusions."""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dangvu.meetings"
    verbose_name = "Hội nghị, sinh hoạt chi bộ"

    def ready(self) -> None:
        from dangvu.organizations.history import later_records_finder, rows_after

        from .models import Meeting

        # A meeting held by an organization: a correction that ends it earlier cannot carry it.
        later_records_finder(rows_after(Meeting, "organization", "date", "Hội nghị, cuộc họp", lambda m: m.title))
