"""`dangvu load_holidays [FILE]`: write the public holidays file (core/data/holidays.csv) into the table."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.workdays import HOLIDAYS_FILE, load_holidays


class Command(BaseCommand):
    help = "Nạp ngày nghỉ lễ, Tết (mặc định: core/data/holidays.csv) để tính ngày làm việc."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", nargs="?", default=str(HOLIDAYS_FILE))

    def handle(self, *args, file: str, **options) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            count = load_holidays(path)
        except (KeyError, ValueError) as error:
            raise CommandError(f"Tệp {path} không đúng dạng (cột day, name; ngày dạng 2021-02-12): {error}") from error
        self.stdout.write(f"Đã nạp {count} ngày nghỉ lễ, Tết.")
