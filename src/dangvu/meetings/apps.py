"""Meetings (hội nghị, sinh hoạt chi bộ): agenda, guests, attendance, minutes and conclusions."""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dangvu.meetings"
    verbose_name = "Hội nghị, sinh hoạt chi bộ"
