"""`dangvu generate_scale --members N --seed S`: the national-shaped synthetic data set (see demo.scale)."""

from datetime import date

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from dangvu.core.text import number
from dangvu.demo.scale import Generator


class Command(BaseCommand):
    help = "Sinh bộ dữ liệu tổng hợp theo hình dạng toàn quốc (tỉnh, xã, phường, tổ chức cơ sở, chi bộ, đảng viên)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--members", type=int, required=True, help="Số đảng viên (đang sinh hoạt)")
        parser.add_argument("--seed", type=int, default=1, help="Hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)")
        parser.add_argument("--provinces", type=int, default=34, help="Số tỉnh, thành phố (1–34)")
        parser.add_argument("--today", type=date.fromisoformat, default=None, help="Ngày hiện tại của dữ liệu")
        parser.add_argument("--batch", type=int, default=20_000, help="Số đảng viên ghi mỗi lần")

    def handle(self, *args, **options) -> None:
        if options["members"] < 1:
            raise CommandError("Số đảng viên phải lớn hơn 0.")
        if not 1 <= options["provinces"] <= 34:
            raise CommandError("Số tỉnh, thành phố phải từ 1 đến 34.")
        generator = Generator(
            options["members"],
            options["seed"],
            provinces=options["provinces"],
            today=options["today"],
            out=self.stdout,
            batch=options["batch"],
        )
        counts = generator.run()
        cache.clear()  # written around the actions: what was kept of the data before is not read again
        self.stdout.write(
            f"Đã sinh {number(counts.organizations)} tổ chức, {number(counts.members)} hồ sơ đảng viên "
            f"({number(counts.left)} đã ra khỏi Đảng), {number(counts.events)} sự kiện."
        )
