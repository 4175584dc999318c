"""The admission pipeline app: from outstanding candidate (quần chúng ưu tú) to official member."""

from django.apps import AppConfig


class AdmissionConfig(AppConfig):
    name = "dangvu.admission"
    verbose_name = "Phát triển đảng viên"
