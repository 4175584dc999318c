"""`dangvu backup [TỆP]`: one archive of the whole database and the uploaded files (core.backup)."""

from django.core.management.base import BaseCommand

from dangvu.core import backup


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu và các tệp đính kèm vào một tệp .tar (mặc định var/backups/)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", nargs="?", help="Tệp sao lưu sẽ tạo")
        parser.add_argument("--database", default="default", help="Bí danh cơ sở dữ liệu (mặc định: default)")

    def handle(self, *args, **options) -> None:
        made = backup.backup(options["database"], options["path"])
        size = f"{made.path.stat().st_size / 1024 / 1024:.1f}".replace(".", ",")
        self.stdout.write(f"Đã sao lưu vào {made.path} ({size} MB; cơ sở dữ liệu và {made.files} tệp đính kèm).")
