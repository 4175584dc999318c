"""What was recorded for an organization on or after a day: the records a correction of the tree in the past
(an end, a merge moved earlier) must carry over or cannot.

The organization's own records (its later links, names, lineage events and posts) and its members' placements
and events are carried over by the correction once the user confirms them (`organizations.corrections`). The
records of the apps above (congresses, courses, inspections, meetings, tasks …) cannot be: an app publishes a
finder with `later_records_finder`, and what the finders answer blocks the correction, named one by one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

LISTED = 12  # records named in a message; the rest are counted


@dataclass(frozen=True)
class LaterRecord:
    """One record dated on or after the day of a correction: what it is, its date, and a short description."""

    kind: str
    on: date | None
    description: str

    def __str__(self) -> str:
        day = f" ngày {self.on:%d/%m/%Y}" if self.on else ""
        return f"{self.kind}{day}: {self.description}" if self.description else f"{self.kind}{day}"


Finder = Callable[[list[int], date], list[LaterRecord]]
FINDERS: list[Finder] = []


def later_records_finder(finder: Finder) -> Finder:
    """Register a finder `f(organization ids, day) -> [LaterRecord]` of an app's records dated on or after the
    day whose organization is one of those (called from the app's `ready`)."""
    if finder not in FINDERS:
        FINDERS.append(finder)
    return finder


def blocking_records(org_ids: list[int], on: date) -> list[LaterRecord]:
    """The records of the apps above that a correction dated `on` cannot carry over."""
    found: list[LaterRecord] = []
    for finder in FINDERS:
        found.extend(finder(org_ids, on))
    return sorted(found, key=lambda r: (r.on or date.min, r.kind))


def listed(records: list[LaterRecord]) -> list[str]:
    """The records as lines of a message, the first `LISTED` named, the rest counted."""
    lines = [str(record) for record in records[:LISTED]]
    if len(records) > LISTED:
        lines.append(f"và {len(records) - LISTED} bản ghi khác.")
    return lines


def rows_after(model, org_field: str, date_field: str, kind: str, describe: Callable) -> Finder:
    """A finder over one model: its rows whose `org_field` is one of the organizations and whose `date_field`
    is on or after the day."""

    def find(org_ids: list[int], on: date) -> list[LaterRecord]:
        rows = model.objects.filter(**{f"{org_field}_id__in": org_ids, f"{date_field}__gte": on}).order_by(
            date_field, "pk"
        )
        return [LaterRecord(kind, getattr(row, date_field), describe(row)) for row in rows]

    return find
