"""Vietnamese text: NFC normalization, diacritics-insensitive folding, alphabetical sort keys, formatting.

Folding turns "Nguyễn Văn Đức" into "nguyen van duc" ("đ" counts as "d"), which is what search compares on
every database. Sort keys order names by the Vietnamese alphabet (a ă â b c d đ e ê g … o ô ơ … u ư v x y),
tones counting only when the letters are equal (ngang, huyền, hỏi, ngã, sắc, nặng), numbers by their value
("Chi bộ tổ dân phố số 2" before "số 10"); they are plain digits so that any database collation orders them
the same way.
"""

import unicodedata
from datetime import date

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
LETTER_CODES = {letter: f"{i + 10:02d}" for i, letter in enumerate(ALPHABET)}
# Combining marks of the five tones, in dictionary order after the level tone (0).
TONE_MARKS = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Marks that make a distinct letter rather than a tone.
LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
WORD_END = "00"
NUMBER = "01"  # before every letter: "thôn 1" before "thôn A"


def nfc(value: str | None) -> str:
    """The NFC form of a text with surrounding spaces removed and inner runs of spaces collapsed."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def fold(value: str | None) -> str:
    """Lowercase, without diacritics, "đ" as "d": the form search compares."""
    decomposed = unicodedata.normalize("NFD", nfc(value).lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _letters_and_tone(word: str) -> tuple[str, str]:
    """The letter codes of one word and the tone digit of each syllable letter; a run of digits is one number,
    ordered by its value ("số 2" before "số 10"): NUMBER, its count of digits and the digits."""
    codes, tones, digits = [], [], ""
    for char in unicodedata.normalize("NFC", word.lower()) + " ":
        if char in "0123456789":
            digits += char
            continue
        if digits:
            digits = digits.lstrip("0") or "0"
            codes.append(f"{NUMBER}{len(digits):02d}{digits}")
            digits = ""
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in LETTER_MARKS))
        if letter == "d" and char == "đ":
            letter = "đ"
        code = LETTER_CODES.get(letter)
        if code is None:
            continue  # punctuation does not take part in name order
        codes.append(code)
        tones.append(next((TONE_MARKS[m] for m in marks if m in TONE_MARKS), "0"))
    return "".join(codes), "".join(tones)


def sort_key(*parts: str) -> str:
    """A key that orders texts (e.g. given, middle and family name) in Vietnamese alphabetical order."""
    primary, secondary = [], []
    for part in parts:
        for word in nfc(part).split(" "):
            codes, tones = _letters_and_tone(word)
            primary.append(codes + WORD_END)
            secondary.append(tones)
        primary.append(WORD_END)
    return "".join(primary) + "9" + "".join(secondary)


WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def weekday(day: date) -> str:
    """The Vietnamese weekday: "Thứ Sáu" for a Friday."""
    return WEEKDAYS[day.weekday()]


def long_date(day: date) -> str:
    """ "ngày 08 tháng 10 năm 2020": days 1–9 and months 1–2 take a leading zero, as documents write them."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: date | None) -> str:
    """ "09/10/2020"."""
    return day.strftime("%d/%m/%Y") if day else ""


def number(value: int | float | None, decimals: int = 0) -> str:
    """ "1.050" and "12,5": dots group thousands, a comma marks decimals."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
