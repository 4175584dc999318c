"""Working days over the holiday table: weekends and the real Tết breaks, kept as data per year."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from dangvu.core import workdays
from dangvu.core.models import Holiday

# The first day of the lunar year (mùng 1 Tết), from the Vietnamese calendar, to check the data against.
TET = {
    2015: date(2015, 2, 19),
    2016: date(2016, 2, 8),
    2017: date(2017, 1, 28),
    2018: date(2018, 2, 16),
    2019: date(2019, 2, 5),
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
}


@pytest.fixture
def holidays(db):
    workdays.load_holidays()


def test_every_year_has_its_own_tet(holidays):
    for year, first_day in TET.items():
        names = dict(Holiday.objects.filter(day__year=year).values_list("day", "name"))
        assert "mùng 1 Tết" in names.get(first_day, ""), year
        # the break holds five working days off around that day (the statutory five days of Tết)
        tet_days = [d for d, n in names.items() if "Tết Nguyên đán" in n and d.weekday() < 5]
        assert len(tet_days) >= 5, year
        assert all(abs((d - first_day).days) <= 7 for d in tet_days), year


def test_fixed_holidays_and_compensation_days(holidays):
    off = set(Holiday.objects.values_list("day", flat=True))
    assert date(2020, 9, 2) in off and date(2021, 9, 3) in off  # two days for National Day from 2021
    assert date(2020, 9, 3) not in off
    assert date(2022, 4, 11) in off  # Hùng Kings' day fell on Sunday 10/04/2022
    assert date(2019, 12, 31) not in off


def test_loading_twice_changes_nothing(holidays):
    count = Holiday.objects.count()
    workdays.load_holidays()
    assert Holiday.objects.count() == count
    assert count == len(workdays.holiday_rows())


def test_thirty_working_days_across_tet_2021(holidays):
    # 15/01/2021 (Friday); Tết Tân Sửu closed offices from 10 to 16/02/2021.
    assert workdays.add_working_days(date(2021, 1, 15), 30) == date(2021, 3, 5)
    assert workdays.working_days_between(date(2021, 1, 15), date(2021, 3, 5)) == 30
    assert workdays.working_days_between(date(2021, 1, 15), date(2021, 3, 8)) == 31
    # without the holidays the deadline would have been a week earlier
    assert workdays.WorkCalendar(set(), set()).add(date(2021, 1, 15), 30) == date(2021, 2, 26)


def test_weekends_and_holidays_are_not_working_days(holidays):
    assert workdays.is_working_day(date(2020, 1, 22))  # Wednesday before Tết Canh Tý
    assert not workdays.is_working_day(date(2020, 1, 23))
    assert not workdays.is_working_day(date(2020, 2, 1))  # Saturday
    assert workdays.add_working_days(date(2020, 4, 29), 1) == date(2020, 5, 4)  # 30/4, 1/5, weekend


def test_years_without_holidays_are_reported(holidays):
    assert workdays.missing_holiday_years(date(2027, 6, 1), date(2028, 3, 1)) == [2028]
    assert workdays.missing_holiday_years(date(2020, 1, 1), date(2021, 1, 1)) == []


def test_command_loads_and_refuses_a_missing_file(db, tmp_path):
    Holiday.objects.all().delete()
    call_command("load_holidays")
    assert Holiday.objects.filter(day=date(2021, 2, 12)).exists()
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("load_holidays", str(tmp_path / "khong-co.csv"))
    broken = tmp_path / "sai.csv"
    broken.write_text("day,name\n12/02/2021,Tết\n", encoding="utf-8")
    with pytest.raises(CommandError, match="không đúng dạng"):
        call_command("load_holidays", str(broken))
