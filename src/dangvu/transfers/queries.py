"""Reads of transfers through the user's scope: a transfer is seen from both ends (the source cell, the issuer
and the destination), the lists of outgoing and incoming letters, the due list, and the register of letters
issued and received by a committee.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from dangvu.accounts.scope import READ, Scope
from dangvu.core import rules as party_rules
from dangvu.core.workdays import WorkCalendar
from dangvu.organizations.models import Ancestry, Organization

from . import rules
from .models import AWAY_STATES, OPEN_STATES, STAYING_KINDS, State, Transfer


def visible_transfers(scope: Scope, capability: str = READ) -> QuerySet:
    """Transfers whose source, issuer or destination lies in the scope."""
    found = Transfer.objects.select_related("member__person", "source", "destination", "issuer")
    if scope.is_admin:
        return found
    if not scope.roots(capability):
        return found.none()
    ids = scope.organization_ids(capability)
    return found.filter(
        Q(source_id__in=ids) | Q(destination_id__in=ids) | Q(issuer_id__in=ids) | Q(receiver_id__in=ids)
    )


def get_transfer(scope: Scope, pk: int) -> Transfer:
    return get_object_or_404(visible_transfers(scope), pk=pk)


def _under(organization: Organization | None, field: str) -> Q:
    if organization is None:
        return Q()
    return Q(**{f"{field}_id__in": Ancestry.objects.filter(ancestor=organization).values("descendant_id")})


def transfer_list(
    scope: Scope, *, organization: Organization | None = None, state: str = "", direction: str = ""
) -> QuerySet:
    """Transfers in scope; `direction` "di" (from the organization's subtree) or "den" (into it)."""
    found = visible_transfers(scope)
    if organization is not None:
        outgoing, incoming = _under(organization, "source"), _under(organization, "destination")
        found = found.filter(outgoing if direction == "di" else incoming if direction == "den" else outgoing | incoming)
    if state == "open":
        found = found.filter(state__in=OPEN_STATES)
    elif state in State.values:
        found = found.filter(state=state)
    return found.order_by("-requested_on", "-id")


@dataclass
class DueRow:
    transfer: Transfer
    what: str
    due: date
    remaining: int  # working days; negative: overdue

    @property
    def overdue(self) -> int:
        return -self.remaining


def due_list(scope: Scope, today: date, organization: Organization | None = None) -> list[DueRow]:
    """Letters not yet presented (with their validity), requests not yet issued, temporary stays past their
    term: the earliest first, overdue ones marked."""
    found = visible_transfers(scope)
    if organization is not None:
        found = found.filter(_under(organization, "source") | _under(organization, "destination"))
    rows = list(found.filter(state__in=OPEN_STATES)) + list(
        found.filter(state__in=AWAY_STATES, kind__in=STAYING_KINDS, temporary_until__lt=today)
    )
    if not rows:
        return []
    starts = [t.issued_on or t.decision_on for t in rows]
    calendar = WorkCalendar.between(min(starts) - timedelta(days=1), today + timedelta(days=400))
    due = []
    for t in rows:
        if t.state == State.REQUESTED:
            d = rules.request_deadline(t.decision_on, None, today, calendar)
            due.append(DueRow(t, "Chưa cấp giấy giới thiệu", d.due, d.remaining))
        elif t.state in OPEN_STATES:
            d = rules.present_deadline(t.issued_on, None, today, calendar)
            due.append(DueRow(t, "Chưa xuất trình giấy tại nơi đến", d.due, d.remaining))
        else:
            due.append(
                DueRow(
                    t, "Quá thời hạn sinh hoạt tạm thời", t.temporary_until, -calendar.count(t.temporary_until, today)
                )
            )
    return sorted(due, key=lambda row: (row.due, row.transfer.pk))


def register(scope: Scope, issuer: Organization, year: int) -> dict[str, list[Transfer]]:
    """Sổ giới thiệu sinh hoạt đảng of a committee for a year: letters it issued, letters it received."""
    scope.require(issuer.pk, READ)
    issued = list(
        Transfer.objects.filter(issuer=issuer, letter_year=year, letter_number__isnull=False)
        .select_related("member__person", "source", "destination")
        .order_by("letter_number")
    )
    received = list(
        Transfer.objects.filter(receiver=issuer, received_on__year=year)
        .select_related("member__person", "source", "destination", "issuer")
        .order_by("receipt_number")
    )
    return {"issued": issued, "received": received}


def applied_rules(transfer: Transfer) -> list[tuple[party_rules.Rule, date]]:
    """The rules a transfer was judged by, each on its own date."""
    found = []
    for key in rules.APPLIED_RULES:
        on = transfer.issued_on if key != rules.REQUEST_RULE and transfer.issued_on else transfer.decision_on
        try:
            found.append((party_rules.rule(key, on), on))
        except party_rules.RuleNotFound:
            continue
    return found
