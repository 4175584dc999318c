"""Placeholders in the sentences of report templates: "{inspection.organizations}" takes the indicator's value.

A placeholder is an indicator key, optionally followed by ":previous" (the previous period) or ":year_earlier"
(the same period a year earlier), or one of the words of the period and the organization ({period}, {year} …).
An unknown placeholder is an error that names it, never a broken document.
"""

import re

from dangvu.core.errors import RuleViolation

from .indicators import REGISTRY

PATTERN = re.compile(r"\{([^{}\s]+)\}")
COMPARISONS = ("previous", "year_earlier")
# Words about the report itself, with what they stand for (shown on the template pages).
WORDS = {
    "period": "tên kỳ báo cáo, ví dụ “9 tháng đầu năm 2020”",
    "year": "năm của ngày cuối kỳ, ví dụ 2020",
    "next_period": "kỳ tiếp theo, ví dụ “3 tháng cuối năm 2020”",
    "next_year": "năm sau, ví dụ 2021",
    "organization": "tên tổ chức đảng, ví dụ “Đảng bộ thành phố Phủ Lý”",
    "committee": "tên cấp ủy, ví dụ “Thành ủy Phủ Lý”",
}


def known_names() -> set[str]:
    names = set(WORDS)
    for key in REGISTRY:
        names.add(key)
        names.update(f"{key}:{c}" for c in COMPARISONS)
    return names


def names_in(text: str) -> list[str]:
    return PATTERN.findall(text or "")


def unknown_in(text: str) -> list[str]:
    known = known_names()
    unknown = []
    for name in names_in(text):
        if name not in known and name not in unknown:
            unknown.append(name)
    return unknown


def check(text: str, field: str = "text") -> None:
    """Raise a RuleViolation naming each placeholder that is neither an indicator nor a known word."""
    unknown = unknown_in(text)
    if unknown:
        listed = ", ".join("{" + name + "}" for name in unknown)
        raise RuleViolation(
            f"Chỗ điền không có trong danh mục chỉ tiêu: {listed}. Xem trang Chỉ tiêu để biết các mã hợp lệ.",
            field,
        )


def segments(text: str, values: dict[str, str]) -> list[dict[str, str]]:
    """The text cut at its placeholders: [{"text": "kiểm tra "}, {"text": "22", "key": "inspection.organizations"},
    …], so that a page can link each figure to the records behind it."""
    parts, position = [], 0
    for match in PATTERN.finditer(text or ""):
        if match.start() > position:
            parts.append({"text": text[position : match.start()]})
        name = match.group(1)
        key = name.split(":")[0]
        part = {"text": values.get(name, "{?" + name + "}")}
        if key in REGISTRY and REGISTRY[key].records is not None and ":" not in name:
            part["key"] = key
        parts.append(part)
        position = match.end()
    if position < len(text or ""):
        parts.append({"text": text[position:]})
    return parts


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each placeholder replaced; an unknown one stays visible as "{?name}"."""
    return PATTERN.sub(lambda m: values.get(m.group(1), "{?" + m.group(1) + "}"), text or "")
