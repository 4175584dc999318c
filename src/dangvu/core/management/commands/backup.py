"""`dangvu backup [TỆP]`: a consistent copy of the whole database (SQLite file, or pg_dump -Fc)."""

from django.core.management.base import BaseCommand

from dangvu.core import backup


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu vào một tệp (mặc định var/backups/)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Tệp sao lưu sẽ tạo")
        parser.add_argument("--database", default="default", help="Bí danh cơ sở dữ liệu (mặc định: default)")

    def handle(self, *args, **options):
        path = backup.backup(options["database"], options["path"])
        size = path.stat().st_size / 1024 / 1024
        self.stdout.write(f"Đã sao lưu vào {path} ({size:.1f} MB).")
