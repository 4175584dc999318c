"""`dangvu restore TỆP`: load a backup of `dangvu backup` into an empty database (or replace with --replace)."""

from django.apps import apps
from django.core.management.base import BaseCommand

from dangvu.core import backup


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu từ một tệp do 'dangvu backup' tạo."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="Tệp sao lưu")
        parser.add_argument("--database", default="default", help="Bí danh cơ sở dữ liệu (mặc định: default)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Thay toàn bộ dữ liệu hiện có (mặc định chỉ khôi phục vào cơ sở dữ liệu trống)",
        )

    def handle(self, *args, **options) -> None:
        alias = options["database"]
        files = backup.restore(options["path"], alias, replace=options["replace"])
        members = apps.get_model("members", "Member").objects.using(alias).count()
        events = apps.get_model("core", "AuditEvent").objects.using(alias).count()
        self.stdout.write(
            f"Đã khôi phục từ {options['path']}: {members} đảng viên, {events} sự kiện nhật ký, {files} tệp đính kèm."
        )
