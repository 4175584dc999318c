"""The transfers app: letters of introduction for Party activity (giấy giới thiệu sinh hoạt đảng)."""

from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "dangvu.transfers"
    verbose_name = "Chuyển sinh hoạt đảng"
