"""The content of a report as a document shows it: the header as named on the document's date, the number,
the numbered sections with their figures filled in and the office's paragraphs, the table of figures with
its comparison columns and the charts' data.

A draft's content is built afresh from the records on every view; issuing stores the same structure as the
report's snapshot, and every later rendering (HTML, Word, PDF) of an issued report reads only the snapshot.
"""

from datetime import date
from typing import Any

from dangvu.core.db_router import PRIMARY
from dangvu.core.text import long_date, nfc
from dangvu.organizations.models import Body, Post
from dangvu.organizations.queries import ancestors, name_on, positions_of

from . import charts
from .figures import Figure, figures, shown
from .indicators import GROUPS, REGISTRY
from .models import Narrative, Report, SectionTemplate
from .periods import Period, counted_part
from .placeholders import COMPARISONS, fill, segments

DOC_TYPE = "BÁO CÁO"
TYPE_CODE = "BC"
LETTERS = "abcdđeghiklmnopqrstuvxy"


def roman(number: int) -> str:
    """I, II, … XIV: headings of the first level."""
    result = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, number = divmod(number, value)
        result += numeral * count
    return result


def header(organization, on: date, number: str = "") -> dict[str, str]:
    """The first-page header as of the document's date: superior and issuing body, number, place and date."""
    names = name_on(organization, on)
    above = ancestors(organization, on)
    superior = name_on(above[-1], on) if above else None
    code = organization.committee_code or ""
    return {
        "superior": superior.name.upper() if superior else "",
        "superior_short": superior.committee_short if superior else "",
        "issuer": names.committee_name.upper(),
        "issuer_short": names.committee_short or names.committee_name,
        "number": number or f"     -{TYPE_CODE}/{code}",
        "place_date": f"{names.place or names.name}, {long_date(on)}",
        "organization": names.name,
        "committee": names.committee_name,
    }


def default_signer(organization, on: date) -> tuple[str, str]:
    """The secretary on the document's date signs by default: ("BÍ THƯ", name)."""
    held = (
        positions_of(organization, on)
        .filter(body__in=(Body.PERMANENT, Body.CELL_COMMITTEE), post=Post.SECRETARY)
        .first()
    )
    return ("BÍ THƯ", held.person.full_name) if held else ("", "")


def text_values(found: dict[str, Figure], period: Period, head: dict[str, str]) -> dict[str, str]:
    """What each placeholder stands for in this report."""
    result = {
        "period": period.label,
        "year": str(period.end.year),
        "next_period": period.next_label,
        "next_year": str(period.end.year + 1),
        "organization": head["organization"],
        "committee": head["committee"],
    }
    for key, figure in found.items():
        result[key] = shown(figure.value)
        for name in COMPARISONS:
            result[f"{key}:{name}"] = shown(getattr(figure, name))
    return result


def current_narratives(report: Report) -> dict[str, str]:
    """The latest version of each narrative slot of a report."""
    latest: dict[str, str] = {}
    if report.pk is None:
        return latest
    # From the primary: the paragraph a user has just saved must show on the page they are sent back to.
    rows = Narrative.objects.db_manager(PRIMARY).filter(report=report).order_by("slot", "-id")
    for slot, text in rows.values_list("slot", "text"):
        latest.setdefault(slot, text)
    return latest


def _lines(text: str) -> list[str]:
    return [nfc(line) for line in (text or "").splitlines() if nfc(line)]


def sections(templates: list[SectionTemplate], values: dict[str, str], narratives: dict[str, str]) -> list[dict]:
    """Numbered sections (I., 1., a)) with their sentences filled in and the office's paragraphs after them."""
    result, counters = [], [0, 0, 0]
    for item in templates:
        level = min(max(item.level, 1), 3)
        counters[level - 1] += 1
        for deeper in range(level, 3):
            counters[deeper] = 0
        n = counters[level - 1]
        number = {1: f"{roman(n)}.", 2: f"{n}.", 3: f"{LETTERS[(n - 1) % len(LETTERS)]})"}[level]
        heading = fill(item.heading, values)
        computed = [segments(line, values) for line in _lines(item.text)]
        written = [[{"text": line}] for line in _lines(narratives.get(item.narrative_slot, ""))]
        parts = computed + written
        result.append(
            {
                "number": number,
                "level": level,
                "slot": item.narrative_slot,
                "hint": item.narrative_hint,
                "heading": heading.upper() if level == 1 else heading,
                "paragraphs": ["".join(p["text"] for p in para) for para in parts],
                "segments": parts,
                "written": len(written),
            }
        )
    return result


def table(found: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    """Rows of the figures table: a row per group (I, II …) and a row per indicator under it."""
    rows = []
    for g, group in enumerate(GROUPS):
        keys = [k for k, item in REGISTRY.items() if item.group == group and k in found]
        if not keys:
            continue
        rows.append(
            {
                "number": roman(g + 1),
                "label": group.upper(),
                "value": "",
                "previous": "",
                "year_earlier": "",
                "group": True,
                "key": "",
            }
        )
        for i, key in enumerate(keys, start=1):
            figure = found[key]
            rows.append(
                {
                    "number": str(i),
                    "label": REGISTRY[key].label,
                    "key": key,
                    "group": False,
                    "value": shown(figure["value"]),
                    "previous": shown(figure["previous"]),
                    "year_earlier": shown(figure["year_earlier"]),
                }
            )
    return rows


def build(report: Report, *, number: str = "") -> dict[str, Any]:
    """The full content of a report from the records as they are now (a draft's view; the issued snapshot)."""
    period = Period(report.period_start, report.period_end)
    head = header(report.organization, report.document_date, number)
    found = figures(report.organization, period)
    values = text_values(found, period, head)
    templates = list(report.kind.sections.order_by("order"))
    _counted, notice = counted_part(report.organization, period)
    parts = sections(templates, values, current_narratives(report))
    if notice and parts:  # in the document whatever its template: the first paragraph of the first section
        parts[0]["paragraphs"] = [f"(Ghi chú: {notice})", *parts[0]["paragraphs"]]
    return {
        "organization": {"id": report.organization_id, "code": report.organization.code, "name": head["organization"]},
        "period": {**period.as_dict(), "label": period.label, "next_label": period.next_label},
        "previous_period": period.previous().short_label,
        "year_earlier_period": period.year_earlier().short_label,
        "document_date": report.document_date.isoformat(),
        "header": head,
        "doc_type": DOC_TYPE,
        "summary": fill(report.summary, values),
        "sections": parts,
        "notice": notice,
        "figures": {key: figure.as_dict() for key, figure in found.items()},
        "charts": charts.specs(report.organization, period, found),
        "signer": {"post": report.signer_post.upper(), "name": report.signer_name},
    }


def content(report: Report) -> dict[str, Any]:
    """An issued report's fixed snapshot; a draft's content computed now."""
    if report.is_fixed and report.snapshot:
        return report.snapshot
    return build(report)
