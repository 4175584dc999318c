"""Rules of transfers: who issues the letter, and the two deadlines, in working days (`core.workdays`).

- The member asks for the transfer within `transfer.request_working_days` (60) working days of the decision
  that moves them (a new post, retirement, a new residence); a later request is still recorded, flagged late.
- The letter must be presented to the destination within `transfer.present_working_days` (30) working days
  of its issue; after that it is overdue (on the due list) and may be declared expired.
- Who issues (Quy định 24-QĐ/TW, điểm 8, simplified; unconfirmed in detail): within one district-level
  committee, the lowest committee above both cells; to another committee or abroad, the source's
  district-level committee (đảng bộ huyện và tương đương); a temporary letter, the source's grassroots
  organization. The receiving register is the destination's grassroots organization's.
The parameters, with their regulations and dates, are in `dangvu.core.rules`.
"""

from datetime import date

from dangvu.admission.rules import Deadline, deadline
from dangvu.core.workdays import WorkCalendar
from dangvu.organizations.models import GRASSROOTS_KINDS, MEMBER_UNIT_KINDS, Kind, Organization
from dangvu.organizations.queries import ancestors

from .models import Kind as TransferKind

REQUEST_RULE = "transfer.request_working_days"
PRESENT_RULE = "transfer.present_working_days"
# Rules shown on a transfer's page.
APPLIED_RULES = [REQUEST_RULE, PRESENT_RULE, "transfer.letter_mistake_new_letter", "transfer.temporary_max_months"]
GRASSROOTS_LEVEL = (*GRASSROOTS_KINDS, Kind.COMMUNE)


def request_deadline(
    decision_on: date, requested_on: date | None, today: date, calendar: WorkCalendar | None = None
) -> Deadline:
    return deadline(decision_on, REQUEST_RULE, requested_on, today, calendar)


def present_deadline(
    issued_on: date, received_on: date | None, today: date, calendar: WorkCalendar | None = None
) -> Deadline:
    return deadline(issued_on, PRESENT_RULE, received_on, today, calendar)


def _chain(org: Organization, on: date) -> list[Organization]:
    """The organization and those above it on a date, nearest first."""
    return [org, *reversed(ancestors(org, on))]


def district_of(org: Organization, on: date) -> Organization:
    """The district-level committee above a cell (or the topmost committee when there is none)."""
    chain = _chain(org, on)
    for item in chain:
        if item.kind == Kind.DISTRICT:
            return item
    return chain[-1]


def grassroots_of(org: Organization, on: date) -> Organization:
    """The grassroots organization of a cell (itself for a grassroots cell)."""
    for item in _chain(org, on):
        if item.kind in GRASSROOTS_LEVEL:
            return item
    return district_of(org, on)


def common_committee(a: Organization, b: Organization, on: date) -> Organization | None:
    """The lowest committee (not a cell) above both organizations on a date."""
    above_b = {o.pk for o in _chain(b, on)}
    for item in _chain(a, on):
        if item.pk in above_b and item.kind not in MEMBER_UNIT_KINDS:
            return item
    return None


def issuer_for(kind: str, source: Organization, destination: Organization | None, on: date) -> Organization:
    """The committee that issues the letter and numbers it in its register."""
    if kind == TransferKind.TEMPORARY:
        return grassroots_of(source, on)
    if kind == TransferKind.OFFICIAL_INTERNAL and destination is not None:
        return common_committee(source, destination, on) or district_of(source, on)
    return district_of(source, on)


def internal_errors(source: Organization, destination: Organization | None, on: date) -> list[str]:
    """Why a transfer cannot be "within the committee": both cells under the same district-level committee."""
    if destination is None:
        return ["Chuyển trong đảng bộ phải chọn chi bộ nơi đến trong hệ thống."]
    if district_of(source, on).pk != district_of(destination, on).pk:
        return [
            f"{destination.name} không cùng đảng bộ huyện (và tương đương) với nơi đi: chọn loại "
            "“chuyển đến đảng bộ khác”."
        ]
    return []
