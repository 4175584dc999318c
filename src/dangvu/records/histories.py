"""The histories of a person's record written one row per line, as offices type them, and read back.

- work history, training: "MM/YYYY - MM/YYYY: nội dung" (the end may be "nay" or left out);
- family: "Quan hệ | Họ và tên | Năm sinh | Nghề nghiệp, nơi ở";
- awards: "YYYY: hình thức, cấp khen".
`parse` returns the rows and the Vietnamese message of every line it could not read (nothing is dropped
silently); `lines` writes rows back for the form.
"""

import re
from datetime import date

from dangvu.core.text import nfc

MONTH = r"(\d{1,2})/(\d{4})"
SPAN = re.compile(rf"^\s*{MONTH}\s*(?:[-–]\s*(?:{MONTH}|(nay|hiện nay))\s*)?:\s*(.+)$", re.IGNORECASE)
AWARD = re.compile(r"^\s*(\d{4})\s*:\s*(.+)$")
KINDS = ("work_history", "training", "family", "awards")


def _month(month: str, year: str) -> tuple[int, int] | None:
    m, y = int(month), int(year)
    return (y, m) if 1 <= m <= 12 and 1900 <= y <= date.today().year + 1 else None


def _span(line: str) -> tuple[dict | None, str]:
    found = SPAN.match(line)
    if not found:
        return None, "phải có dạng “MM/YYYY - MM/YYYY: nội dung”"
    start = _month(found[1], found[2])
    end = _month(found[3], found[4]) if found[3] else None
    if start is None or (found[3] and end is None):
        return None, "tháng hoặc năm không hợp lệ"
    if end and end < start:
        return None, "tháng kết thúc trước tháng bắt đầu"
    return {
        "from": f"{start[1]:02d}/{start[0]}",
        "to": f"{end[1]:02d}/{end[0]}" if end else "",
        "text": found[6].strip(),
    }, ""


def _family(line: str) -> tuple[dict | None, str]:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        return None, "phải có dạng “Quan hệ | Họ và tên | Năm sinh | Nghề nghiệp, nơi ở”"
    year = parts[2] if len(parts) > 2 else ""
    if year and not (year.isdigit() and 1880 <= int(year) <= date.today().year):
        return None, f"năm sinh “{year}” không hợp lệ"
    return {"relation": parts[0], "name": parts[1], "birth_year": year, "text": " | ".join(parts[3:])}, ""


def _award(line: str) -> tuple[dict | None, str]:
    found = AWARD.match(line)
    if not found or not 1930 <= int(found[1]) <= date.today().year:
        return None, "phải có dạng “YYYY: hình thức khen thưởng”"
    return {"year": found[1], "text": found[2].strip()}, ""


READERS = {"work_history": _span, "training": _span, "family": _family, "awards": _award}


def parse(kind: str, text: str) -> tuple[list[dict], list[str]]:
    rows, errors = [], []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        raw = nfc(raw)  # per line: nfc also folds the line breaks into spaces
        if not raw.strip():
            continue
        row, problem = READERS[kind](raw)
        if row is None:
            errors.append(f"Dòng {number} (“{raw.strip()[:40]}”): {problem}.")
        else:
            rows.append(row)
    return rows, errors


def lines(kind: str, rows: list[dict]) -> str:
    if kind in ("work_history", "training"):
        return "\n".join(f"{r['from']} - {r['to'] or 'nay'}: {r['text']}" for r in rows)
    if kind == "family":
        return "\n".join(" | ".join(p for p in (r["relation"], r["name"], r["birth_year"], r["text"])) for r in rows)
    return "\n".join(f"{r['year']}: {r['text']}" for r in rows)
