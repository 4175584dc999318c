"""The transfers app: letters of introduction for Party activity (giấy giới thiệu sinh hoạt đảng)."""

from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "dangvu.transfers"
    verbose_name = "Chuyển sinh hoạt đảng"

    def ready(self) -> None:
        from dangvu.core import audit_labels

        audit_labels.register(
            {
                "transfer.request": "Đề nghị chuyển sinh hoạt đảng",
                "transfer.issue": "Cấp giấy giới thiệu sinh hoạt đảng",
                "transfer.hand_over": "Giao giấy giới thiệu cho đảng viên",
                "transfer.receive": "Tiếp nhận sinh hoạt đảng",
                "transfer.send_outside": "Gửi giấy giới thiệu ra ngoài hệ thống",
                "transfer.return": "Trả lại giấy giới thiệu",
                "transfer.expire": "Giấy giới thiệu hết hạn",
                "transfer.cancel": "Hủy đề nghị chuyển sinh hoạt",
                "transfer.void": "Hủy giấy giới thiệu viết sai",
                "transfer.end_stay": "Kết thúc sinh hoạt tạm thời",
                "transfer.letter_read": "Tải giấy giới thiệu",
                "transfer.receive_outside": "Tiếp nhận đảng viên từ ngoài hệ thống",
                "transfer.record_past": "Vào sổ giấy giới thiệu đã thực hiện",
            },
            {"transfers.transfer": "Giấy giới thiệu sinh hoạt đảng"},
        )
