"""The records app: Party cards (thẻ đảng viên) and the data-health page of a subtree."""

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "dangvu.records"
    verbose_name = "Hồ sơ đảng viên"
