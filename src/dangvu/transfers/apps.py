"""The transfers app: letters of introduction for Party activity (giấy giới thiệu sinh hoạt đảng)."""

from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "dangvu.transfers"
    verbose_name = "Chuyển sinh hoạt đảng"

    def ready(self) -> None:
        from dangvu.core import audit_labels

        audit_labels.register_objects({"transfers.transfer": "Giấy giới thiệu sinh hoạt đảng"})
