"""Charts of a report (matplotlib, Agg backend, no display): the data is computed with the figures and kept in
the snapshot, so an issued report's charts are redrawn from what was fixed, never from today's records.

matplotlib is imported on the first chart drawn, not with the module: it costs about two seconds, which every
worker's first request would otherwise pay.
"""

import functools
import io
import json
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncMonth

from .indicators import REGISTRY
from .periods import Period, month

FONT = ["Liberation Serif", "Tinos", "DejaVu Serif"]
VIETNAMESE_LETTERS = "ĂăÂâĐđÊêÔôƠơƯưẠạẾếỚớỰự"
WORK_KEYS = [
    ("inspection.organizations", "Kiểm tra\ntổ chức"),
    ("inspection.members", "Kiểm tra\nđảng viên"),
    ("supervision.thematic.organizations", "Giám sát CĐ\ntổ chức"),
    ("supervision.thematic.members", "Giám sát CĐ\nđảng viên"),
    ("discipline.organizations", "Kỷ luật\ntổ chức"),
    ("discipline.members", "Kỷ luật\nđảng viên"),
]
MAX_MONTHS = 24
DPI = 130  # sharp enough on paper at 16 cm wide, and quicker to draw than 150


def _months(period: Period) -> list[Period]:
    months, year, number = [], period.start.year, period.start.month
    while (year, number) <= (period.end.year, period.end.month) and len(months) < MAX_MONTHS:
        whole = month(year, number)
        months.append(Period(max(whole.start, period.start), min(whole.end, period.end)))
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return months


def admissions_by_month(organization, period: Period) -> list[int]:
    """The members.admitted figure split by month, in one grouped query over the indicator's own records."""
    records = REGISTRY["members.admitted"].records(organization, period)
    rows = (
        records.order_by()
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(n=Count("member_id", distinct=True))
    )
    counted = {(row["month"].year, row["month"].month): row["n"] for row in rows}
    return [counted.get((p.start.year, p.start.month), 0) for p in _months(period)]


def specs(organization, period: Period, found: dict) -> list[dict[str, Any]]:
    """The charts' data: admissions by month, and inspection and supervision beside the year before."""
    result = []
    if "members.admitted" in REGISTRY:
        result.append(
            {
                "title": "Kết nạp đảng viên theo tháng",
                "labels": [f"{p.start.month}/{p.start.year % 100:02d}" for p in _months(period)],
                "series": [{"name": "Kết nạp", "values": admissions_by_month(organization, period)}],
            }
        )
    work = [(key, label) for key, label in WORK_KEYS if key in found]
    if work:
        result.append(
            {
                "title": "Kiểm tra, giám sát, kỷ luật so với cùng kỳ năm trước",
                "labels": [label for _, label in work],
                "series": [
                    {"name": "Kỳ này", "values": [found[key].value for key, _ in work]},
                    {"name": "Cùng kỳ năm trước", "values": [found[key].year_earlier for key, _ in work]},
                ],
            }
        )
    return result


def render(spec: dict[str, Any]) -> bytes:
    """A bar chart as PNG bytes; the same data gives the same image, so recent ones are kept."""
    return _render(json.dumps(spec, ensure_ascii=False, sort_keys=True))


@functools.cache
def serif_fonts() -> list[str]:
    """`FONT` without the families of which an installed file lacks Vietnamese letters: matplotlib picks one
    file by family name, and Debian's first Liberation fonts (which chromium installs) have no "ớ", beside the
    second ones that have."""
    from matplotlib import font_manager, ft2font

    def complete(path: str) -> bool:
        letters = ft2font.FT2Font(path).get_charmap()
        return all(ord(letter) in letters for letter in VIETNAMESE_LETTERS)

    files = font_manager.fontManager.ttflist
    return [family for family in FONT if all(complete(entry.fname) for entry in files if entry.name == family)] or FONT


@functools.lru_cache(maxsize=64)
def _render(spec_json: str, width_cm: float = 16, height_cm: float = 7) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.figure import Figure as PlotFigure

    spec = json.loads(spec_json)
    labels, series = spec["labels"], spec["series"]
    width = 0.8 / max(len(series), 1)
    with plt.rc_context({"font.family": "serif", "font.serif": serif_fonts(), "font.size": 8}):
        figure = PlotFigure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=DPI)
        axes = figure.add_subplot()
        for i, item in enumerate(series):
            positions = [x + (i - (len(series) - 1) / 2) * width for x in range(len(labels))]
            bars = axes.bar(positions, item["values"], width, label=item["name"])
            axes.bar_label(bars, fontsize=7)
        axes.set_xticks(range(len(labels)), labels)
        axes.set_ylim(bottom=0, top=max([1, *(v or 0 for item in series for v in item["values"])]) * 1.15)
        axes.spines[["top", "right"]].set_visible(False)
        axes.yaxis.get_major_locator().set_params(integer=True)
        if len(series) > 1:
            axes.legend(frameon=False)
        # Fixed margins: tight_layout measures every text and costs more than the drawing itself.
        figure.subplots_adjust(left=0.07, right=0.99, top=0.95, bottom=0.2)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


clear_cache = _render.cache_clear
