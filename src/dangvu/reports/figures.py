"""Indicator values of an organization for a period, with the previous period and the same period a year
earlier beside them: what the indicator page, the command, the report and the consolidation show."""

from dataclasses import dataclass
from typing import Any

from dangvu.core.text import number

from .indicators import REGISTRY, Indicator
from .indicators.base import read_together
from .periods import Period, counted_part


@dataclass
class Figure:
    indicator: Indicator
    value: Any
    previous: Any = None
    year_earlier: Any = None

    @property
    def key(self) -> str:
        return self.indicator.key

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "previous": self.previous, "year_earlier": self.year_earlier}


def values(org_ids: list[int], period: Period, keys: list[str] | None = None) -> dict[str, dict[int, Any]]:
    """{key: {organization id: value}}: one grouped query per indicator (or per group of indicators that share
    one), whatever the number of organizations, sent to the database together (`read_together`)."""
    return read_together(lambda: {key: REGISTRY[key].compute_many(org_ids, period) for key in keys or REGISTRY})


def values_of(organization, period: Period, keys: list[str] | None = None) -> dict[str, Any]:
    """{key: value} for one organization."""
    return read_together(lambda: {key: REGISTRY[key].compute(organization, period) for key in keys or REGISTRY})


def figures(organization, period: Period, *, compare: bool = True) -> dict[str, Figure]:
    """Every indicator's value, and when `compare`, the previous period's and the year-earlier one's (the three
    periods' statements sent together). An organization that ended within the period is counted up to its last
    day (`counted_part`; refused when it had ended before)."""
    counted, _notice = counted_part(organization, period)
    periods = [counted, period.previous(), period.year_earlier()] if compare else [counted]
    current, *others = read_together(lambda: [values_of(organization, each) for each in periods])
    result = {key: Figure(REGISTRY[key], value) for key, value in current.items()}
    if others:
        previous, earlier = others
        for key, figure in result.items():
            figure.previous, figure.year_earlier = previous[key], earlier[key]
    return result


def shown(value: Any) -> str:
    """A value as documents write it: "1.050" for numbers, the text itself otherwise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float):
        return number(value, 1)
    if isinstance(value, int):
        return number(value)
    return str(value)
