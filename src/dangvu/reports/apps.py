"""Periodic reports: indicators computed from records, review reports, the document register, rendering."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    verbose_name = "Báo cáo"
