"""The records app: Party cards (thẻ đảng viên) and the data-health page of a subtree."""

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "dangvu.records"
    verbose_name = "Hồ sơ đảng viên"

    def ready(self) -> None:
        from dangvu.core import audit_labels

        audit_labels.register(
            {
                "card.issue": "Cấp thẻ đảng viên",
                "card.reissue": "Cấp lại thẻ đảng viên",
                "card.lost": "Báo mất thẻ đảng viên",
                "card.damaged": "Báo hỏng thẻ đảng viên",
                "member.card": "Ghi số thẻ đảng viên",
                "record.update": "Bổ sung hồ sơ đảng viên",
                "record.sheet_read": "Tải phiếu đảng viên",
                "record.book_read": "Tải sổ danh sách đảng viên",
            },
            {"records.partycard": "Thẻ đảng viên", "records.personrecord": "Hồ sơ đảng viên"},
        )
