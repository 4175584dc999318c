"""Core: Vietnamese text, dates and periods, audit events, the rules module, base templates."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dangvu.core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401 - registers the deployment checks

        # Every app's audit actions (its `audit_actions` module), so that the audit pages know every label.
        autodiscover_modules("audit_actions")
