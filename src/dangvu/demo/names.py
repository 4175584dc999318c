"""Vietnamese personal names for the invented people of the demo, drawn with their real frequencies.

Family names follow the commonly cited national shares (Nguyễn about 38 %, Trần 11 %, Lê 9.5 %, Phạm 7 % …),
with the northern spellings (Hoàng, Vũ) far ahead of the southern ones (Huỳnh, Võ), as in Hà Nam. Middle
and given names depend on gender and on the decade of birth: "Văn" and "Thị" dominate among people born
before 1970 and give way to a wider choice later. The weights are relative, not percentages.
"""

import random
from dataclasses import dataclass

from dangvu.core.text import fold

# Family names (họ) with their approximate share of the population, in per mille.
FAMILY_NAMES: dict[str, float] = {
    "Nguyễn": 380,
    "Trần": 110,
    "Lê": 95,
    "Phạm": 70,
    "Hoàng": 46,
    "Huỳnh": 5,
    "Phan": 40,
    "Vũ": 36,
    "Võ": 3,
    "Đặng": 21,
    "Bùi": 20,
    "Đỗ": 14,
    "Hồ": 10,
    "Ngô": 13,
    "Dương": 10,
    "Lý": 5,
    "Đinh": 12,
    "Đào": 10,
    "Trịnh": 10,
    "Đoàn": 8,
    "Lương": 6,
    "Trương": 6,
    "Hà": 6,
    "Mai": 5,
    "Cao": 5,
    "Tạ": 4,
    "Chu": 4,
    "Lưu": 4,
    "Tống": 3,
    "Lại": 3,
    "Vương": 3,
    "Phùng": 3,
    "Tô": 3,
    "Đàm": 2,
    "Nghiêm": 2,
    "Kiều": 2,
    "Quách": 2,
    "Triệu": 2,
    "Khúc": 1,
    "Lã": 1,
    "Mạc": 1,
    "Thái": 1,
    "Đồng": 1,
    "Văn": 1,
    "Nhữ": 1,
}

# Middle names (tên đệm): the first table for people born around 1950, the second for around 1995.
MALE_MIDDLE_OLD: dict[str, float] = {
    "Văn": 55,
    "Đức": 6,
    "Đình": 5,
    "Xuân": 5,
    "Hữu": 4,
    "Quang": 4,
    "Công": 4,
    "Minh": 4,
    "Ngọc": 3,
    "Thanh": 3,
    "Trọng": 3,
    "Mạnh": 2,
    "Bá": 2,
    "Viết": 1,
    "Kim": 1,
    "Hồng": 1,
    "Thế": 2,
}
MALE_MIDDLE_NEW: dict[str, float] = {
    "Văn": 24,
    "Minh": 10,
    "Đức": 8,
    "Quang": 5,
    "Hoàng": 4,
    "Anh": 4,
    "Duy": 4,
    "Tuấn": 3,
    "Việt": 3,
    "Thành": 3,
    "Trung": 3,
    "Quốc": 3,
    "Hải": 3,
    "Tiến": 3,
    "Mạnh": 3,
    "Ngọc": 3,
    "Hữu": 3,
    "Đình": 3,
    "Công": 3,
    "Xuân": 2,
    "Thế": 2,
    "Trọng": 2,
    "Bá": 1,
    "Gia": 2,
}
FEMALE_MIDDLE_OLD: dict[str, float] = {
    "Thị": 80,
    "Thu": 3,
    "Thanh": 3,
    "Kim": 2,
    "Ngọc": 2,
    "Hồng": 2,
    "Bích": 2,
    "Minh": 1,
    "Tuyết": 1,
    "Thúy": 1,
}
FEMALE_MIDDLE_NEW: dict[str, float] = {
    "Thị": 45,
    "Thu": 6,
    "Thanh": 5,
    "Ngọc": 5,
    "Phương": 5,
    "Thùy": 4,
    "Minh": 4,
    "Hồng": 3,
    "Khánh": 3,
    "Hải": 3,
    "Mai": 2,
    "Diệu": 2,
    "Quỳnh": 2,
    "Bảo": 2,
    "Kim": 2,
    "Lan": 2,
    "Hà": 2,
}
# A second middle word after "Thị" ("Nguyễn Thị Thu Hương") for some women.
FEMALE_SECOND_MIDDLE = ["Thu", "Thanh", "Kim", "Minh", "Ngọc", "Hồng", "Bích", "Phương", "Thúy", "Lan"]

MALE_GIVEN_OLD: dict[str, float] = {
    "Hùng": 6,
    "Dũng": 5,
    "Thắng": 5,
    "Sơn": 5,
    "Hải": 5,
    "Bình": 5,
    "Thành": 4,
    "Minh": 4,
    "Tuấn": 4,
    "Cường": 4,
    "Hưng": 4,
    "Chiến": 3,
    "Thịnh": 3,
    "Hòa": 3,
    "Lợi": 3,
    "Tiến": 3,
    "Vinh": 3,
    "Quang": 3,
    "Long": 3,
    "Hiển": 2,
    "Khánh": 2,
    "Lực": 2,
    "Tài": 2,
    "Thuận": 2,
    "Toản": 2,
    "Đức": 3,
    "Trung": 3,
    "Phúc": 2,
    "Quý": 2,
    "Lâm": 2,
    "Nghĩa": 2,
    "Hiệp": 2,
    "Tâm": 2,
    "Đông": 2,
    "Kiên": 2,
    "Hòe": 1,
    "Khang": 1,
    "Lương": 1,
    "Thân": 1,
    "Bảo": 1,
    "Chính": 2,
    "Điệp": 1,
    "Giang": 1,
    "Hậu": 1,
    "Tuyên": 1,
}
MALE_GIVEN_NEW: dict[str, float] = {
    "Tuấn": 5,
    "Hùng": 4,
    "Dũng": 4,
    "Minh": 5,
    "Hải": 4,
    "Nam": 5,
    "Long": 4,
    "Hiếu": 4,
    "Đức": 4,
    "Quân": 4,
    "Huy": 5,
    "Hoàng": 4,
    "Tùng": 4,
    "Phong": 3,
    "Khoa": 3,
    "Toàn": 3,
    "Việt": 3,
    "Đạt": 4,
    "Thắng": 3,
    "Sơn": 3,
    "Kiên": 3,
    "Trung": 3,
    "Thành": 3,
    "Cường": 3,
    "Tú": 2,
    "Linh": 2,
    "Anh": 4,
    "Duy": 2,
    "Phúc": 2,
    "Lâm": 2,
    "Hưng": 3,
    "Vinh": 2,
    "Quang": 2,
    "Thịnh": 2,
    "Tâm": 2,
    "Bình": 2,
}
FEMALE_GIVEN_OLD: dict[str, float] = {
    "Hương": 6,
    "Lan": 5,
    "Hoa": 5,
    "Hằng": 4,
    "Nga": 4,
    "Mai": 4,
    "Thủy": 4,
    "Hà": 4,
    "Dung": 4,
    "Hạnh": 4,
    "Loan": 3,
    "Oanh": 3,
    "Thu": 3,
    "Nhung": 3,
    "Liên": 3,
    "Vân": 3,
    "Hiền": 3,
    "Thúy": 3,
    "Huệ": 3,
    "Lý": 2,
    "Xuân": 2,
    "Tuyết": 2,
    "Yến": 3,
    "Phượng": 2,
    "Bích": 2,
    "Chung": 1,
    "Đào": 2,
    "Hồng": 3,
    "Lụa": 1,
    "Nhàn": 2,
    "Tâm": 2,
    "Thanh": 3,
    "Tươi": 1,
    "Vui": 1,
    "Sen": 1,
    "Cúc": 1,
    "Gấm": 1,
    "Ngân": 2,
}
FEMALE_GIVEN_NEW: dict[str, float] = {
    "Linh": 6,
    "Trang": 6,
    "Huyền": 5,
    "Thảo": 5,
    "Hương": 4,
    "Ngọc": 4,
    "Hà": 4,
    "Phương": 4,
    "Anh": 5,
    "Quỳnh": 4,
    "Giang": 3,
    "Yến": 3,
    "Hằng": 3,
    "Mai": 3,
    "Nhung": 2,
    "Thủy": 3,
    "Hạnh": 2,
    "Lan": 2,
    "Nga": 2,
    "Thu": 2,
    "Vân": 2,
    "Hiền": 3,
    "Dung": 2,
    "Loan": 2,
    "Trâm": 2,
    "Ly": 3,
    "Ngân": 3,
    "Nhi": 2,
    "Vy": 2,
    "Hoa": 2,
    "Chi": 2,
    "Diệp": 1,
    "Uyên": 2,
    "Thư": 2,
    "Oanh": 2,
    "Hồng": 2,
}

# The real people of the seed article: no invented person may bear one of their names, nor one that a
# search without diacritics would confuse with theirs ("Phạm Thị Thúy").
RESERVED_NAMES = {"Trần Thanh Sơn", "Phạm Thị Thủy", "Nguyễn Anh Chức", "Phạm Chí Thống"}
RESERVED_FOLDED = {fold(name) for name in RESERVED_NAMES}


@dataclass(frozen=True)
class Name:
    family: str
    middle: str
    given: str

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.family, self.middle, self.given) if p)


def _pick(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _modern_share(birth_year: int) -> float:
    """How far naming habits had moved from the 1950 table to the 1995 table for this year of birth."""
    return min(1.0, max(0.0, (birth_year - 1950) / 45))


def _by_era(rng: random.Random, birth_year: int, old: dict[str, float], new: dict[str, float]) -> str:
    return _pick(rng, new if rng.random() < _modern_share(birth_year) else old)


def draw_name(rng: random.Random, gender: str, birth_year: int) -> Name:
    """A plausible name for a person of this gender born in this year (never a reserved real name)."""
    male = gender == "male"
    while True:
        family = _pick(rng, FAMILY_NAMES)
        if male:
            middle = _by_era(rng, birth_year, MALE_MIDDLE_OLD, MALE_MIDDLE_NEW)
            given = _by_era(rng, birth_year, MALE_GIVEN_OLD, MALE_GIVEN_NEW)
        else:
            middle = _by_era(rng, birth_year, FEMALE_MIDDLE_OLD, FEMALE_MIDDLE_NEW)
            if middle == "Thị" and rng.random() < 0.12:
                middle = f"Thị {rng.choice(FEMALE_SECOND_MIDDLE)}"
            given = _by_era(rng, birth_year, FEMALE_GIVEN_OLD, FEMALE_GIVEN_NEW)
        name = Name(family, middle, given)
        if given not in middle.split() and fold(name.full) not in RESERVED_FOLDED:
            return name
