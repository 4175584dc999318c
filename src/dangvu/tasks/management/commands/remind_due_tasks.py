"""`dangvu remind_due_tasks`: in-app notices to the assignees of overdue and due-soon key tasks (run daily)."""

from django.core.management.base import BaseCommand, CommandError

from dangvu.core.errors import RuleViolation
from dangvu.core.web import parse_date
from dangvu.tasks import actions


class Command(BaseCommand):
    help = "Gửi thông báo nhắc hạn cho người, đơn vị thực hiện các nhiệm vụ quá hạn hoặc sắp đến hạn."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=7, help="Nhắc trước hạn bao nhiêu ngày (mặc định 7).")
        parser.add_argument("--date", default="", help="Tính đến ngày (YYYY-MM-DD hoặc DD/MM/YYYY); mặc định hôm nay.")

    def handle(self, *args, days: int, date: str, **options) -> None:
        today = parse_date(date) if date else None
        if date and today is None:
            raise CommandError(f"Ngày '{date}' không đúng dạng YYYY-MM-DD hoặc DD/MM/YYYY.")
        try:
            sent = actions.send_due_reminders(None, today=today, days=days)
        except RuleViolation as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Đã gửi {sent} thông báo nhắc hạn.")
