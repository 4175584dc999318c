"""The rating figures of subtrees: counts and shares per grade of members and of organizations by level and
sector, for a year, computed from the decided ratings by grouped queries (one per kind of subject).

A subtree is the closure table as the tree stood on the given day (a report's last day), so a figure of
2020 counted for a district covers the members rated in its cells that day, whichever round rated them.
The level of an organization is "grassroots" (tổ chức cơ sở đảng: đảng bộ cơ sở, chi bộ cơ sở, and the
commune committees) or "cells" (chi bộ trực thuộc and đảng bộ bộ phận). `phrase` writes the sentence of
the year-end review: "50/53 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (94,3 %)".
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from dangvu.core.text import number
from dangvu.organizations.models import GRASSROOTS_KINDS, Kind, Sector

from .models import GRADE_ORDER, Grade, MemberRating, MemberStatus, OrganizationRating
from .rules import YearRules

LEVELS = {
    "grassroots": ((*GRASSROOTS_KINDS, Kind.COMMUNE), "tổ chức cơ sở đảng"),
    "cells": ((Kind.CELL, Kind.SUB_COMMITTEE), "chi bộ trực thuộc, đảng bộ bộ phận"),
}
SUBJECTS = {"members": "đảng viên", **{level: words for level, (_, words) in LEVELS.items()}}


@dataclass
class Tally:
    """The grades of one kind of subject in one subtree: the decided ones per grade, and those still to decide."""

    grades: Counter = field(default_factory=Counter)
    listed: int = 0

    @property
    def rated(self) -> int:
        return sum(self.grades.values())

    @property
    def undecided(self) -> int:
        return self.listed - self.rated

    def count(self, grade: str) -> int:
        return self.grades.get(grade, 0)

    def good_or_better(self) -> int:
        return self.count(Grade.EXCELLENT) + self.count(Grade.GOOD)

    def share(self, value: int) -> float | None:
        return round(value * 100 / self.rated, 1) if self.rated else None


def _in_subtrees(prefix: str, org_ids: list[int], day: date) -> Q:
    return Q(
        **{
            f"{prefix}__ancestry_up__ancestor_id__in": org_ids,
            f"{prefix}__ancestry_up__valid_from__lte": day,
            f"{prefix}__ancestry_up__valid_to__gt": day,
        }
    )


def tallies(org_ids: list[int], year: int, day: date, sector: str = "") -> dict[int, dict[str, Tally]]:
    """{organization id: {"members": Tally, "grassroots": Tally, "cells": Tally}} for the subtrees."""
    result = {pk: {subject: Tally() for subject in SUBJECTS} for pk in org_ids}
    members = MemberRating.objects.filter(
        _in_subtrees("cell", org_ids, day), round__year=year, status=MemberStatus.LISTED
    )
    if sector:
        members = members.filter(cell__sector=sector)
    ancestor = "cell__ancestry_up__ancestor_id"
    for pk, grade, n in members.values_list(ancestor, "final_grade").annotate(n=Count("id")).order_by():
        tally = result[pk]["members"]
        tally.listed += n
        if grade:
            tally.grades[grade] += n
    organizations = OrganizationRating.objects.filter(_in_subtrees("organization", org_ids, day), round__year=year)
    if sector:
        organizations = organizations.filter(organization__sector=sector)
    ancestor = "organization__ancestry_up__ancestor_id"
    rows = organizations.values_list(ancestor, "kind", "final_grade", "organization_id")
    for pk, kind, grade, org_id in rows.order_by():
        if org_id == pk:
            continue  # an organization's own grade is its superior's figure, not its subtree's
        level = next(name for name, (kinds, _) in LEVELS.items() if kind in kinds)
        tally = result[pk][level]
        tally.listed += 1
        if grade:
            tally.grades[grade] += 1
    return result


def by_sector(org_id: int, year: int, day: date) -> list[tuple[str, dict[str, Tally]]]:
    """The subtree's tallies per sector of the rated organizations (sectors with nothing rated left out)."""
    rows = []
    for value, label in Sector.choices:
        found = tallies([org_id], year, day, sector=value)[org_id]
        if any(t.listed for t in found.values()):
            rows.append((label, found))
    return rows


def phrase(tally: Tally, subject: str, year: int) -> str:
    """ "50/53 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (94,3 %)", with the grade's name of the year."""
    if not tally.rated:
        return f"chưa có kết quả xếp loại {SUBJECTS[subject]} năm {year}"
    label = YearRules(year).grade_label(Grade.GOOD, organization=subject != "members").lower()
    good = tally.good_or_better()
    return (
        f"{number(good)}/{number(tally.rated)} {SUBJECTS[subject]} {label} trở lên ({number(tally.share(good), 1)} %)"
    )


def grade_rows(tally: Tally, year: int, organization: bool) -> list[dict]:
    """One row per grade with its name of the year, count and share, for pages and documents."""
    year_rules = YearRules(year)
    return [
        {
            "grade": g,
            "label": year_rules.grade_label(g, organization),
            "count": tally.count(g),
            "share": tally.share(tally.count(g)),
        }
        for g in GRADE_ORDER
    ]
