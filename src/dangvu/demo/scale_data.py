"""Data and draws of the scale generator (`demo.scale`): the 34 provinces with their weights, place words,
national proportions, weighted pickers over the demo's name tables (`demo.names`), admission years.

Pure data and functions of a random generator; nothing here touches the database.
"""

import random
from bisect import bisect
from datetime import date
from functools import cache
from itertools import accumulate

from dangvu.core.text import fold, sort_key
from dangvu.members.models import Gender
from dangvu.members.rules import PROVINCE_CODES
from dangvu.organizations.models import Sector

from . import names as name_data

NATIONAL = {"members": 5_600_000, "communes": 3_321, "grassroots": 52_000, "cells": 300_000}
FIRST_ADMISSION_YEAR = 1965

# The 34 provinces and cities of 2025: name, "tỉnh"/"thành phố", population (millions, the weight of its
# membership), and the citizen ID province code of its largest former province.
PROVINCES = [
    ("Hà Nội", "thành phố", 8.7, "001"),
    ("Huế", "thành phố", 1.2, "046"),
    ("Lai Châu", "tỉnh", 0.5, "012"),
    ("Điện Biên", "tỉnh", 0.6, "011"),
    ("Sơn La", "tỉnh", 1.3, "014"),
    ("Lạng Sơn", "tỉnh", 0.8, "020"),
    ("Quảng Ninh", "tỉnh", 1.4, "022"),
    ("Thanh Hóa", "tỉnh", 3.7, "038"),
    ("Nghệ An", "tỉnh", 3.4, "040"),
    ("Hà Tĩnh", "tỉnh", 1.3, "042"),
    ("Cao Bằng", "tỉnh", 0.55, "004"),
    ("Tuyên Quang", "tỉnh", 1.9, "008"),
    ("Lào Cai", "tỉnh", 1.8, "010"),
    ("Thái Nguyên", "tỉnh", 1.8, "019"),
    ("Phú Thọ", "tỉnh", 4.0, "025"),
    ("Bắc Ninh", "tỉnh", 3.6, "027"),
    ("Hưng Yên", "tỉnh", 3.6, "033"),
    ("Hải Phòng", "thành phố", 4.7, "031"),
    ("Ninh Bình", "tỉnh", 4.4, "037"),
    ("Quảng Trị", "tỉnh", 1.9, "045"),
    ("Đà Nẵng", "thành phố", 3.1, "048"),
    ("Quảng Ngãi", "tỉnh", 2.2, "051"),
    ("Gia Lai", "tỉnh", 3.6, "064"),
    ("Khánh Hòa", "tỉnh", 2.2, "056"),
    ("Lâm Đồng", "tỉnh", 3.9, "068"),
    ("Đắk Lắk", "tỉnh", 3.3, "066"),
    ("Hồ Chí Minh", "thành phố", 14.0, "079"),
    ("Đồng Nai", "tỉnh", 4.5, "075"),
    ("Tây Ninh", "tỉnh", 3.3, "072"),
    ("Cần Thơ", "thành phố", 4.2, "092"),
    ("Vĩnh Long", "tỉnh", 4.3, "086"),
    ("Đồng Tháp", "tỉnh", 4.4, "087"),
    ("Cà Mau", "tỉnh", 2.6, "096"),
    ("An Giang", "tỉnh", 4.9, "089"),
]
# Two-word place names of communes, wards and villages are drawn from these words.
PLACE_WORDS = (  # noqa: SIM905  (the words read better as a line of words)
    "An Bình Hòa Phú Tân Thạnh Long Hưng Phước Thuận Lợi Đông Tây Nam Bắc Trung Sơn Thủy Lâm Hải Xuân Hạ Thu "
    "Mỹ Quang Minh Đức Thành Vĩnh Yên Ninh Khánh Định Hiệp Nghĩa Tiến Phong Hồng Kim Ngọc Lạc Tường Cát "
    "Hoàng Gia Văn Thái Hà Lương Châu Vân Tiên Thượng Mai Đại Đồng Cẩm Thiện Tân Quý Hậu Liên Tràng"
).split()
ETHNICITIES = {
    "Kinh": 86,
    "Tày": 2,
    "Thái": 2,
    "Mường": 1.5,
    "Khmer": 1.5,
    "Hoa": 0.5,
    "Nùng": 1,
    "H'Mông": 1,
    "Dao": 0.8,
    "Gia Rai": 0.5,
    "Ê Đê": 0.4,
    "Ba Na": 0.3,
}
THEORY = {"Sơ cấp": 55, "Trung cấp": 30, "Cao cấp": 10, "Cử nhân": 5}
GRASSROOTS_TYPES = [  # sector, name pattern ({place}, {n}), cell pattern, share, size weight
    (Sector.AGENCY, "Cơ quan {place}", "phòng {n}", 0.22, 1.0),
    (Sector.SCHOOL, "Trường THCS {place}", "tổ chuyên môn {n}", 0.25, 0.6),
    (Sector.HEALTH, "Trung tâm Y tế {place}", "khoa {n}", 0.1, 0.8),
    (Sector.ENTERPRISE, "Công ty Cổ phần {place}", "xưởng {n}", 0.23, 0.8),
    (Sector.ARMED_FORCES, "Công an {place}", "đội {n}", 0.2, 1.2),
]


class Picker:
    """Weighted draws without rebuilding cumulative weights on every call."""

    def __init__(self, table: dict[str, float]):
        self.values = list(table)
        self.cumulative = list(accumulate(table.values()))

    def __call__(self, rng: random.Random) -> str:
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _by_era_pickers(old: dict, new: dict) -> tuple[Picker, Picker]:
    return Picker(old), Picker(new)


FAMILY = Picker(name_data.FAMILY_NAMES)
MALE_MIDDLE = _by_era_pickers(name_data.MALE_MIDDLE_OLD, name_data.MALE_MIDDLE_NEW)
FEMALE_MIDDLE = _by_era_pickers(name_data.FEMALE_MIDDLE_OLD, name_data.FEMALE_MIDDLE_NEW)
MALE_GIVEN = _by_era_pickers(name_data.MALE_GIVEN_OLD, name_data.MALE_GIVEN_NEW)
FEMALE_GIVEN = _by_era_pickers(name_data.FEMALE_GIVEN_OLD, name_data.FEMALE_GIVEN_NEW)
ETHNICITY = Picker(ETHNICITIES)
THEORY_LEVEL = Picker(THEORY)
OTHER_CODES = sorted(PROVINCE_CODES)


@cache
def name_keys(family: str, middle: str, given: str) -> tuple[str, str]:
    full = " ".join(p for p in (family, middle, given) if p)
    return fold(full), sort_key(given, middle, family)


def draw_name(rng: random.Random, gender: str, birth_year: int) -> tuple[str, str, str]:
    """The demo's name tables (`demo.names`), drawn by era as `names.draw_name` does, but faster."""
    modern = rng.random() < min(1.0, max(0.0, (birth_year - 1950) / 45))
    while True:
        family = FAMILY(rng)
        if gender == Gender.MALE:
            middle, given = MALE_MIDDLE[modern](rng), MALE_GIVEN[modern](rng)
        else:
            middle, given = FEMALE_MIDDLE[modern](rng), FEMALE_GIVEN[modern](rng)
            if middle == "Thị" and rng.random() < 0.12:
                middle = f"Thị {rng.choice(name_data.FEMALE_SECOND_MIDDLE)}"
        if given not in middle.split() and f"{family} {middle} {given}" not in name_data.RESERVED_NAMES:
            return family, middle, given


def national_counts(members: int, provinces: int) -> dict[str, int]:
    """How many organizations of each level a data set of `members` has, in the national proportions."""
    share = members / NATIONAL["members"]
    return {
        "communes": max(provinces, round(NATIONAL["communes"] * share)),
        "grassroots": max(2 * provinces, round(NATIONAL["grassroots"] * share)),
        "cells": max(3 * provinces, round(NATIONAL["cells"] * share)),
    }


def split_total(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """`total` shared by weights (largest remainders), each at least `minimum` when the total allows."""
    base = minimum if total >= minimum * len(weights) else 0
    rest = total - base * len(weights)
    whole = sum(weights) or 1
    exact = [rest * w / whole for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in order[: rest - sum(counts)]:
        counts[i] += 1
    return [c + base for c in counts]


def place_name(rng: random.Random) -> str:
    first, second = rng.sample(PLACE_WORDS, 2)
    return f"{first} {second}"


def _admission_weights() -> tuple[list[int], list[float]]:
    """Members alive and registered today by year of admission: few from the 1960s, most since 2000."""
    years, weights = [], []
    for year in range(FIRST_ADMISSION_YEAR, date.today().year + 1):
        years.append(year)
        weights.append(
            0.3
            if year < 1970
            else 0.6
            if year < 1980
            else 0.8
            if year < 1990
            else 1.4
            if year < 2000
            else 2.2
            if year < 2010
            else 3.0
        )
    return years, list(accumulate(weights))


ADMISSION_YEARS, ADMISSION_CUMULATIVE = _admission_weights()
