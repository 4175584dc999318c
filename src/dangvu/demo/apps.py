"""The Phủ Lý 2020 demo data set and the scale generator."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dangvu.demo"
    verbose_name = "Dữ liệu mẫu"
