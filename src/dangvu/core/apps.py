"""Core: Vietnamese text, dates and periods, audit events, the rules module, base templates."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dangvu.core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment checks
