"""Periodic reports: indicators computed from records, review reports, the document register, rendering."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    verbose_name = "Báo cáo"

    def ready(self):
        # Other apps add indicators in a `report_indicators` module with
        # `dangvu.reports.indicators.base.indicator`; importing them here puts them in the registry.
        from django.utils.module_loading import autodiscover_modules

        from . import indicators  # noqa: F401

        autodiscover_modules("report_indicators")
