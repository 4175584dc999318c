"""Congress terms (nhiệm kỳ) of organizations: from the congresses held, else the executive committee terms.

A term runs from the congress that opened it to the next one. Its label ("2020–2025") is read as stored on the
congress (or committee term), never derived from dates.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dangvu.core.statements import compiled, rows
from dangvu.organizations.models import Body, CommitteeTerm


@dataclass(frozen=True)
class Term:
    label: str
    start: date
    end: date | None  # last day, included; None while no later congress is recorded


def _from_congresses(org_ids: list[int], on: date) -> dict[int, Term]:
    if not org_ids:
        return {}
    found: dict[int, Term] = {}
    later: dict[int, date] = {}
    for org_id, term, start in rows(compiled(_held_congresses, organizations=tuple(org_ids))):
        if start <= on:
            found[org_id] = Term(term, start, None)
        elif org_id in found and org_id not in later:
            later[org_id] = start
    for org_id, next_start in later.items():
        term = found[org_id]
        found[org_id] = Term(term.label, term.start, next_start - timedelta(days=1))
    return found


def _held_congresses(*, organizations):
    from dangvu.work.models import Congress, CongressStatus

    return (
        Congress.objects.filter(organization_id__in=organizations, status=CongressStatus.HELD)
        .order_by("organization_id", "held_start")
        .values_list("organization_id", "term", "held_start")
    )


def _from_committees(org_ids: list[int], on: date) -> dict[int, Term]:
    found: dict[int, Term] = {}
    for org_id, label, start, end in rows(compiled(_executive_terms, organizations=tuple(org_ids), on=on)):
        if on < end:
            found[org_id] = Term(label, start, end - timedelta(days=1))
    return found


def _executive_terms(*, organizations, on):
    return (
        CommitteeTerm.objects.filter(organization_id__in=organizations, body=Body.EXECUTIVE, valid_from__lte=on)
        .order_by("organization_id", "valid_from")
        .values_list("organization_id", "term", "valid_from", "valid_to")
    )


def terms_on(org_ids: list[int], on: date) -> dict[int, Term | None]:
    """The term each organization was in on a day (None when neither congress nor committee is recorded)."""
    found = _from_congresses(org_ids, on)
    missing = [pk for pk in org_ids if pk not in found]
    if missing:
        found.update(_from_committees(missing, on))
    return {pk: found.get(pk) for pk in org_ids}


def term_on(organization_id: int, on: date) -> Term | None:
    return terms_on([organization_id], on)[organization_id]
