"""The document register (sổ đăng ký văn bản đi): running numbers per issuer, document type and congress term.

Numbers run from 01 for each issuer and document type over the issuer's whole congress term, not per year
("Số 45-BC/TU"). Reports take their number here when issued; meeting conclusions and notices do the same.
`next_number` locks the run's counter row, so concurrent issues wait for each other and never share a number.
"""

from datetime import date

from django.db import transaction
from django.db.models import Max, QuerySet

from dangvu.core import audit
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.organizations.models import Organization
from dangvu.reports.audit_actions import ReportsAudit

from .models import RegisterCounter, RegisterEntry, TypeCode
from .terms import term_on


def issuer_code(issuer: Organization) -> str:
    """The issuer code written after the type code: the committee code (TU, HU, ĐU, CB …)."""
    if not issuer.committee_code:
        raise RuleViolation(f"{issuer.name} chưa có ký hiệu cơ quan ban hành (TU, HU, ĐU …).", "issuer")
    return issuer.committee_code


def run_term(issuer: Organization, on: date) -> str:
    """The congress term the numbers of a document dated `on` run in ("" when the issuer has none recorded)."""
    term = term_on(issuer.pk, on)
    return term.label if term else ""


def _counter(issuer: Organization, type_code: str, term: str) -> RegisterCounter:
    """The run's counter row, created if missing and locked until the end of the transaction."""
    RegisterCounter.objects.bulk_create(
        [RegisterCounter(issuer=issuer, type_code=type_code, term=term)], ignore_conflicts=True
    )
    return RegisterCounter.objects.select_for_update().get(issuer=issuer, type_code=type_code, term=term)


def _check(issuer: Organization, type_code: str, on: date) -> str:
    if type_code not in TypeCode.values:
        raise RuleViolation(f"Loại văn bản '{type_code}' không có trong danh mục.", "type_code")
    if not issuer.is_active(on):
        raise RuleViolation(f"{issuer.name} không hoạt động vào ngày {on:%d/%m/%Y}.", "issued_on")
    return issuer_code(issuer)


@transaction.atomic
def next_number(
    issuer: Organization, type_code: str, on: date, *, actor=None, summary: str = "", obj=None
) -> RegisterEntry:
    """Give the next number of the issuer's run for `type_code` on the date `on`, and enter it in the register.

    Call it inside the transaction that issues the document: if that transaction fails, the number is not
    used up.
    """
    code = _check(issuer, type_code, on)
    term = run_term(issuer, on)
    counter = _counter(issuer, type_code, term)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    entry = RegisterEntry.objects.create(
        issuer=issuer,
        type_code=type_code,
        term=term,
        number=counter.last_number,
        issuer_code=code,
        issued_on=on,
        summary=nfc(summary)[:500],
        issued_by=actor if getattr(actor, "pk", None) else None,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
    )
    audit.record(actor, ReportsAudit.REGISTER_NUMBER, entry, organization=issuer, object_label=f"Số {entry.label}")
    return entry


@transaction.atomic
def continue_from(actor, issuer: Organization, type_code: str, on: date, last_number: int) -> RegisterCounter:
    """When the office starts using the system mid-term: the numbers already given on paper in the run
    of `on` end at `last_number`, and the next one issued here follows it."""
    from dangvu.members.actions import require_write

    require_write(actor, issuer.pk)
    _check(issuer, type_code, on)
    term = run_term(issuer, on)
    counter = _counter(issuer, type_code, term)
    used = RegisterEntry.objects.filter(issuer=issuer, type_code=type_code, term=term).aggregate(n=Max("number"))
    if last_number < (used["n"] or 0):
        raise RuleViolation(f"Sổ đã cấp đến số {used['n']:02d}: không thể lùi về số {last_number:02d}.", "last_number")
    before = audit.snapshot(counter)
    counter.last_number = last_number
    counter.save(update_fields=["last_number"])
    audit.record(actor, ReportsAudit.REGISTER_CONTINUE_FROM, counter, before=before, organization=issuer)
    return counter


def entries(scope, issuer: Organization, *, term: str | None = None) -> QuerySet:
    """The register of an issuer (newest first), for a user who can read it."""
    scope.require(issuer.pk)
    rows = RegisterEntry.objects.filter(issuer=issuer)
    if term is not None:
        rows = rows.filter(term=term)
    return rows.order_by("-term", "type_code", "-number")
