"""A member's timeline (quá trình) on their record page: the member's own events, and the items that apps above
the registry add through a hook (the layers rule: members never imports them). A source is a function
(scope, member) -> iterable of `TimelineItem`, registered in the app's AppConfig.ready(); the page has
already checked that the scope reads the member. The rating app adds each year's final grade, for one.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from . import queries

Source = Callable[..., Iterable["TimelineItem"]]
SOURCES: list[Source] = []


@dataclass(frozen=True)
class TimelineItem:
    """One line of the timeline: when, what, where (the organization, or the body that decided), the decision."""

    date: date
    title: str
    place: str = ""
    decision_number: str = ""
    detail: str = ""


def register(source: Source) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def _from_event(event) -> TimelineItem:
    place = str(event.organization)
    if event.other_organization:
        place += f" ↔ {event.other_organization}"
    if event.other_unit:
        place += f" ↔ {event.other_unit}"
    return TimelineItem(event.date, event.get_type_display(), place, event.decision_number, event.detail)


def items(scope, member) -> list[TimelineItem]:
    """The member's events and every source's items, by date (on one day the events first, in their order)."""
    found = [_from_event(event) for event in queries.timeline(member)]
    found += [item for source in SOURCES for item in source(scope, member)]
    return sorted(found, key=lambda item: item.date)
