"""Working days (ngày làm việc): Monday to Friday, less the public holidays kept in the `core.Holiday` table.

Holidays are data, not a formula: Tết follows the lunar calendar and the government announces each year's
break, its compensatory days (nghỉ bù) and swapped days (hoán đổi). `data/holidays.csv` holds them per year;
`load_holidays()` (the `dangvu load_holidays` command) writes the file into the table, so an office can
add next year's announcement as rows. Make-up Saturdays are not kept: a Saturday is never a working day.

Deadlines "within N working days of a date" count the days after that date: the 1st working day is the
first one after it, and the deadline is the N-th.
"""

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction

from .models import Holiday

HOLIDAYS_FILE = Path(__file__).resolve().parent / "data" / "holidays.csv"
ONE_DAY = timedelta(days=1)


def holiday_rows(path: Path = HOLIDAYS_FILE) -> list[tuple[date, str]]:
    """The (day, name) rows of a holidays file; lines starting with '#' are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [(date.fromisoformat(row["day"]), row["name"]) for row in csv.DictReader(lines)]


@transaction.atomic
def load_holidays(path: Path = HOLIDAYS_FILE) -> int:
    """Write the holidays file into the table (adding and renaming; never deleting). Returns the rows read."""
    rows = holiday_rows(path)
    existing = dict(Holiday.objects.filter(day__in=[d for d, _ in rows]).values_list("day", "name"))
    Holiday.objects.bulk_create([Holiday(day=d, name=n) for d, n in rows if d not in existing])
    for day, name in rows:
        if day in existing and existing[day] != name:
            Holiday.objects.filter(day=day).update(name=name)
    return len(rows)


@dataclass
class WorkCalendar:
    """The holidays of a period, read once, to count working days without a query per day."""

    holidays: set[date]
    years: set[int]

    @classmethod
    def between(cls, start: date, end: date) -> "WorkCalendar":
        days = set(Holiday.objects.filter(day__gte=start, day__lte=end).values_list("day", flat=True))
        years = set(
            Holiday.objects.filter(day__year__gte=start.year, day__year__lte=end.year)
            .values_list("day__year", flat=True)
            .distinct()
        )
        return cls(days, years)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start: date, days: int) -> date:
        """The `days`-th working day after `start`."""
        current, counted = start, 0
        while counted < days:
            current += ONE_DAY
            if self.is_working_day(current):
                counted += 1
        return current

    def count(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
        current, counted = start, 0
        while current < end:
            current += ONE_DAY
            if self.is_working_day(current):
                counted += 1
        return counted

    def missing_years(self, start: date, end: date) -> list[int]:
        """Years of the period for which no holiday is recorded: deadlines there may be too early."""
        return [year for year in range(start.year, end.year + 1) if year not in self.years]


def _span(days: int) -> timedelta:
    # Weekends and the longest breaks (a 9-day Tết) stay well inside twice the days plus a month.
    return timedelta(days=2 * days + 31)


def calendar_for(start: date, days: int) -> WorkCalendar:
    return WorkCalendar.between(start, start + _span(days))


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start`: the deadline of "within `days` working days of `start`"."""
    return calendar_for(start, days).add(start, days)


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after `start` up to and including `end`."""
    return WorkCalendar.between(start, max(start, end)).count(start, end)


def is_working_day(day: date) -> bool:
    return WorkCalendar.between(day, day).is_working_day(day)


def missing_holiday_years(start: date, end: date) -> list[int]:
    return WorkCalendar.between(start, end).missing_years(start, end)
