"""`dangvu recount_members`: compute the subtree member counts and the member list's keys again."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from dangvu.members import tally
from dangvu.members.models import SubtreeCount


class Command(BaseCommand):
    help = (
        "Đếm lại số đảng viên của mọi tổ chức và khóa sắp xếp, tìm kiếm của danh sách đảng viên "
        "(sau khi sửa dữ liệu trực tiếp trong cơ sở dữ liệu)."
    )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        with transaction.atomic():
            tally.rebuild()
        self.stdout.write(
            f"Đã đếm lại {SubtreeCount.objects.count():,} tổ chức trong {time.monotonic() - started:.1f} giây.".replace(
                ",", "."
            )
        )
