"""Periodic reports: indicators computed from records, review reports, the document register, rendering."""

from importlib import import_module

from django.apps import AppConfig, apps


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    verbose_name = "Báo cáo"

    def ready(self) -> None:
        from . import indicators  # noqa: F401 - the reports' own indicators

        # Other apps keep their indicators in `<app>.indicators` with a `register()` that adds them through
        # `dangvu.reports.indicators.base.indicator` (dangvu.meetings does); they join the registry here.
        for app in apps.get_app_configs():
            if app.name == self.name:
                continue
            try:
                module = import_module(f"{app.name}.indicators")
            except ModuleNotFoundError as missing:
                if missing.name == f"{app.name}.indicators":
                    continue
                raise
            register = getattr(module, "register", None)
            if callable(register):
                register()
