"""The rating rules of a year, read from `dangvu.core.rules` on 31 December of the rated year, with Vietnamese
messages: the grade names, the cap on "xuất sắc" per deciding body, the bar on grades after a discipline in
the year, the score bands, the order of the steps. Pure functions over plain values: the actions gather the
facts and call these.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from dangvu.core import rules

from .models import GRADE_ORDER, Grade


def rule_day(year: int) -> date:
    """The day whose rules judge a year's rating: the year's last day (a rule issued in October applies)."""
    return date(year, 12, 31)


@dataclass(frozen=True)
class YearRules:
    """The parameters of one year's rating, each with the regulation that sets it."""

    year: int

    @property
    def day(self) -> date:
        return rule_day(self.year)

    def param(self, key: str) -> Any:
        return rules.param(f"rating.{key}", self.day)

    @property
    def version(self) -> str:
        return self.param("version")

    @property
    def regulation(self) -> str:
        return rules.rule("rating.version", self.day).regulation

    def grade_label(self, grade: str, organization: bool = False) -> str:
        if not grade:
            return ""
        return self.param("organization_grades" if organization else "member_grades").get(grade, grade)

    def grade_choices(self, organization: bool = False) -> list[tuple[str, str]]:
        return [(g.value, self.grade_label(g, organization)) for g in GRADE_ORDER]

    @property
    def forms(self) -> dict[str, str]:
        return self.param("member_forms")

    def applied(self) -> list[rules.Rule]:
        """The rules this year's rating is judged by, for the round's page."""
        keys = [
            "version",
            "excellent_cap",
            "discipline_max_grade",
            "discipline_self_remedied_exempt",
            "exempted_graded",
            "member_forms",
            "score_bands",
        ]
        return [rules.rule(f"rating.{key}", self.day) for key in keys]


def rank(grade: str) -> int:
    """0 for "xuất sắc" up to 3 for "không hoàn thành"."""
    return GRADE_ORDER.index(grade)


def excellent_allowed(good: int, year: int) -> int | None:
    """How many "xuất sắc" a deciding body may give with `good` "hoàn thành tốt" (None: no cap). Rounded down:
    20 % of 4 is 0."""
    cap = YearRules(year).param("excellent_cap")
    if cap is None:
        return None
    numerator, denominator = cap
    return good * numerator // denominator


def cap_errors(counts: dict[str, int], year: int, deciding_name: str, organization: bool = False) -> list[str]:
    """The cap on "xuất sắc" over the whole set a body decides (its members, or its organizations)."""
    excellent, good = counts.get(Grade.EXCELLENT, 0), counts.get(Grade.GOOD, 0)
    allowed = excellent_allowed(good, year)
    if allowed is None or excellent <= allowed:
        return []
    year_rules = YearRules(year)
    subject = "tổ chức đảng" if organization else "đảng viên"
    cap = year_rules.param("excellent_cap")
    return [
        f"{deciding_name} xếp loại {excellent} {subject} “{year_rules.grade_label(Grade.EXCELLENT, organization)}” "
        f"trong khi chỉ có {good} “{year_rules.grade_label(Grade.GOOD, organization)}”: theo "
        f"{rules.rule('rating.excellent_cap', year_rules.day).regulation}, số “xuất sắc” không quá "
        f"{cap[0] * 100 // cap[1]}% số “hoàn thành tốt” (tối đa {allowed})."
    ]


def discipline_errors(
    grade: str,
    disciplines: list[tuple[date, str]],
    year: int,
    name: str,
    self_remedied: bool = False,
    organization: bool = False,
) -> list[str]:
    """A member or organization disciplined in the year gets at most the rule's grade. `disciplines` are the
    (date, form) of the year's decisions."""
    if not grade or not disciplines:
        return []
    year_rules = YearRules(year)
    if self_remedied and year_rules.param("discipline_self_remedied_exempt"):
        return []
    limit = year_rules.param("discipline_max_grade")
    if rank(grade) >= rank(limit):
        return []
    on, form = disciplines[0]
    return [
        f"{name} bị kỷ luật {form.lower()} ngày {on:%d/%m/%Y}: theo "
        f"{rules.rule('rating.discipline_max_grade', year_rules.day).regulation}, mức cao nhất được xếp là "
        f"“{year_rules.grade_label(limit, organization)}”."
    ]


def score_errors(grade: str, score: int | None, year: int) -> list[str]:
    """Where the rule scores on 100 points, the grade may not stand above the score's band."""
    year_rules = YearRules(year)
    bands = year_rules.param("score_bands")
    if score is None:
        return []
    if bands is None:
        return [f"Quy định áp dụng cho năm {year} không chấm điểm: bỏ trống ô điểm."]
    if score > 100:
        return [f"Điểm {score} vượt thang điểm 100."]
    if not grade:
        return []
    earned = next((g for g in GRADE_ORDER[:-1] if score >= bands[g]), Grade.FAILED)
    if rank(grade) < rank(earned):
        return [
            f"Điểm {score} chỉ đạt mức “{year_rules.grade_label(earned)}”, không thể xếp "
            f"“{year_rules.grade_label(grade)}”."
        ]
    return []


def vote_errors(present: int | None, votes_for: int | None, registered: int) -> dict[str, list[str]]:
    """The cell meeting's figures: attendance and votes given, votes not more than those present."""
    errors: dict[str, list[str]] = {}
    if present is None:
        errors["present"] = ["Cần ghi số đảng viên dự họp."]
    elif present > registered:
        errors["present"] = [f"Số dự họp ({present}) lớn hơn số đảng viên của chi bộ ({registered})."]
    if votes_for is None:
        errors["votes_for"] = ["Cần ghi số tán thành mức đề xuất."]
    elif present is not None and votes_for > present:
        errors["votes_for"] = [f"Số tán thành ({votes_for}) lớn hơn số dự họp ({present})."]
    return errors


def form_errors(form: str, year: int) -> list[str]:
    forms = YearRules(year).forms
    if form not in forms:
        listed = ", ".join(forms)
        return [f"Mẫu “{form or '(trống)'}” không có trong quy định năm {year}: chọn {listed}."]
    return []
