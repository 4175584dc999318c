"""`dangvu load_demo`: load the Phủ Lý 2020 demo into an empty database and print the demo logins.

`make demo` runs it at every start: when the database already holds organizations it loads nothing, says
so, and still prints the logins of the demo users it finds.
"""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts.models import Mandate
from dangvu.core.errors import RuleViolation
from dangvu.demo import loader
from dangvu.demo.steps import demo_password


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu Phủ Lý 2020 vào cơ sở dữ liệu trống và in các tài khoản dùng thử."
    # `make demo` has just run the checks with `migrate`; running them again costs seconds at every start.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=loader.DEFAULT_SEED,
            help=f"Hạt giống ngẫu nhiên (mặc định {loader.DEFAULT_SEED}).",
        )

    def handle(self, *args, seed: int, **options) -> None:
        if loader.is_loaded():
            self.stdout.write("Cơ sở dữ liệu đã có dữ liệu tổ chức đảng: không nạp lại dữ liệu mẫu.")
            logins = existing_logins()
        else:
            started = time.monotonic()
            self.stdout.write(f"Nạp dữ liệu mẫu Phủ Lý 2020 (hạt giống {seed}) …")
            try:
                ctx = loader.load(seed=seed, stdout=self.stdout)
            except RuleViolation as error:
                raise CommandError(f"Không nạp được dữ liệu mẫu: {error}") from error
            self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu trong {time.monotonic() - started:.1f} giây."))
            logins = ctx.logins
        if logins:
            self.stdout.write("Tài khoản dùng thử:")
            self.stdout.write(loader.logins_table(logins))


def existing_logins() -> list[tuple[str, str, str, str]]:
    """The demo users present in the database, with their first mandate."""
    users = get_user_model().objects.filter(username__in=loader.DEMO_LOGINS)
    by_name = {user.username: user for user in users}
    rows = []
    for username in loader.DEMO_LOGINS:
        user = by_name.get(username)
        if user is None:
            continue
        mandate = Mandate.objects.filter(user=user).select_related("organization").first()
        role = mandate.get_role_display() if mandate else ""
        scope = mandate.organization.name if mandate else ""
        rows.append((username, demo_password(username), role, scope))
    return rows
