"""Rules for people and memberships: citizen ID, admission age, official date. Messages are Vietnamese.

Parameters (ages, probation months) come from `dangvu.core.rules`, judged on the record's own date.
"""

import re
from datetime import date, timedelta

from dangvu.core import rules

# Province codes of the 12-digit citizen ID (Thông tư 07/2016/TT-BCA, 63 provinces as coded at issue).
PROVINCE_CODES = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "TP. Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}


def citizen_id_digit(birth_year: int, gender: str) -> str:
    """The 4th digit of a CCCD: century of birth and gender (0/1 for 1900s, 2/3 for 2000s …, even = male)."""
    century = (birth_year // 100) - 19
    return str(century * 2 + (0 if gender == "male" else 1))


def ascii_digits(value: str) -> bool:
    """Only the digits 0–9: str.isdigit() also accepts "²", "٣" or "１", which would let the same number be
    registered twice under two spellings."""
    return value.isascii() and value.isdigit()


def card_number_errors(value: str) -> dict[str, list[str]]:
    """A Party card number: the digits 0–9, with dots allowed between them ("35.001234"), at most 20 signs."""
    if len(value) > 20 or not re.fullmatch(r"[0-9]+(\.[0-9]+)*", value, re.ASCII):
        return {"card_number": [f"Số thẻ '{value}' chỉ gồm chữ số 0–9 (có thể có dấu chấm), tối đa 20 ký tự."]}
    return {}


def citizen_id_errors(value: str, birth_date: date | None, gender: str) -> list[str]:
    """What is wrong with a citizen ID, given the person's birth date and gender."""
    if not value:
        return []
    if len(value) != 12 or not ascii_digits(value):
        return [f"Số CCCD '{value}' phải gồm đúng 12 chữ số (0–9)."]
    errors = []
    if value[:3] not in PROVINCE_CODES:
        errors.append(f"Mã tỉnh '{value[:3]}' của số CCCD không tồn tại.")
    if birth_date and gender:
        expected = citizen_id_digit(birth_date.year, gender)
        if value[3] != expected:
            errors.append(
                f"Chữ số thứ 4 của số CCCD là '{value[3]}', nhưng với giới tính và năm sinh {birth_date.year} "
                f"phải là '{expected}'."
            )
        if value[4:6] != f"{birth_date.year % 100:02d}":
            errors.append(f"Chữ số thứ 5–6 của số CCCD là '{value[4:6]}', không khớp năm sinh {birth_date.year}.")
    return errors


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (a birthday on the day counts as complete)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31/01 + 1 month = 29/02 or 28/02)."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def admission_age_errors(birth_date: date | None, on: date, over_age_approval: str = "") -> list[str]:
    """Tuổi đời khi kết nạp: from 18 full years to 60 full years, counted in months, on the date considered."""
    if birth_date is None:
        return ["Cần ngày sinh để kiểm tra tuổi vào Đảng."]
    months = months_between(birth_date, on)
    low, high = rules.param("admission.min_age_years", on), rules.param("admission.max_age_years", on)
    age = f"{months // 12} tuổi {months % 12} tháng"
    if months < low * 12:
        return [f"Ngày {on:%d/%m/%Y} người vào Đảng mới {age}, chưa đủ {low} tuổi."]
    if months > high * 12 and not over_age_approval:
        return [
            f"Ngày {on:%d/%m/%Y} người vào Đảng đã {age}, quá {high} tuổi: cần ghi văn bản chấp thuận "
            "của cấp có thẩm quyền."
        ]
    return []


def official_date_errors(admitted_on: date, official_on: date | None) -> list[str]:
    if official_on is None:
        return []
    months = rules.param("probation.months", admitted_on)
    earliest = add_months(admitted_on, months)
    if official_on < earliest:
        return [f"Ngày chính thức phải sau ngày vào Đảng ít nhất {months} tháng (sớm nhất {earliest:%d/%m/%Y})."]
    return []


def future_date_errors(today: date, **dates: date | None) -> dict[str, list[str]]:
    labels = {"birth_date": "Ngày sinh", "admitted_on": "Ngày vào Đảng", "official_on": "Ngày chính thức"}
    return {
        name: [f"{labels.get(name, name)} {value:%d/%m/%Y} ở tương lai."]
        for name, value in dates.items()
        if value and value > today
    }


def inactive_periods(spans) -> list[tuple[date, date]]:
    """Periods without Party activity ([start, end)): the breaks between a member's placements (valid_from,
    valid_to), as when a member who left is admitted again."""
    spans = sorted(spans)
    if len(spans) < 2:
        return []
    found, reach = [], spans[0][1]
    for valid_from, valid_to in spans[1:]:
        if valid_from > reach:
            found.append((reach, valid_from))
        reach = max(reach, valid_to)
    return found


def party_age_start(admitted_on: date, gaps) -> date:
    """The day from which Party age (tuổi đảng) counts as if without a break: the admission date pushed later by
    every period without Party activity (`core.rules` "badge.party_age_less_inactivity")."""
    return admitted_on + sum((end - start for start, end in gaps), timedelta())


def party_age_reached(since: date, years: int) -> date:
    """The day Party age counted from `since` reaches `years` (12 months a year; 29/02 + 30 years = 28/02)."""
    return add_months(since, 12 * years)
