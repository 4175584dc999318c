"""Party work records (công tác xây dựng Đảng): congresses, courses, inspection, supervision, discipline."""

from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "dangvu.work"
    verbose_name = "Công tác xây dựng Đảng"
