"""The records app: Party cards (thẻ đảng viên) and the data-health page of a subtree."""

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "dangvu.records"
    verbose_name = "Hồ sơ đảng viên"

    def ready(self) -> None:
        from dangvu.core import audit_labels

        audit_labels.register_objects({"records.partycard": "Thẻ đảng viên", "records.personrecord": "Hồ sơ đảng viên"})
