"""App configuration of the PostgreSQL indexes."""

from django.apps import AppConfig


class PgSearchConfig(AppConfig):
    name = "dangvu.pgsearch"
    verbose_name = "Chỉ mục PostgreSQL"
