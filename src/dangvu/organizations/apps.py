"""The organization tree and its history, committees, terms and positions."""

from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "dangvu.organizations"
    verbose_name = "Tổ chức đảng"
