"""Helpers every work action shares: the scope check of the acting user, raising collected field errors,
and the subtree test of a subject."""

from collections.abc import Callable, Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from dangvu.accounts.scope import require  # noqa: F401  (the work actions check their scope with it)
from dangvu.core import audit
from dangvu.core.audit_labels import AuditAction
from dangvu.core.errors import RuleViolation, add_errors
from dangvu.members.models import Member, Placement
from dangvu.organizations.models import Ancestry, Organization

add = add_errors  # field errors found by a check, added to those of the record


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise RuleViolation(errors)


def ever_under(organization: Organization, ancestor: Organization, strictly: bool = False) -> bool:
    """Whether `organization` ever stood in `ancestor`'s subtree (dissolved organizations stay reachable)."""
    rows = Ancestry.objects.filter(descendant=organization, ancestor=ancestor)
    if strictly:
        rows = rows.filter(depth__gt=0)
    return rows.exists()


def member_ever_under(member: Member, ancestor: Organization) -> bool:
    """Whether a member was ever registered in a cell of `ancestor`'s subtree."""
    cells = Ancestry.objects.filter(ancestor=ancestor).values("descendant_id")
    return Placement.objects.filter(member=member, organization_id__in=cells).exists()


def organization_by_code(data: dict, field: str = "organization") -> None:
    """An import row names its organization by code: replace it by the organization, or raise."""
    code = data.get(field)
    if isinstance(code, str):
        data[field] = Organization.objects.filter(code=code).first()
        if data[field] is None:
            raise RuleViolation(f"Không có tổ chức mã '{code}'.", field)


def import_rows(
    actor,
    rows: Sequence,
    lines: Sequence[int] | None,
    write_row: Callable,
    *,
    denied: str,
    action: AuditAction,
    object_type: str,
    label: str,
) -> list:
    """All or nothing: write every row in its own savepoint, collect each failing row's messages under its
    Excel line, and raise them together (the caller's transaction then rolls back every row written)."""
    errors: dict[str, list[str]] = {}
    created = []
    for offset, row in enumerate(rows):
        line = lines[offset] if lines else offset + 2
        try:
            with transaction.atomic():
                created.append(write_row(row, line))
        except RuleViolation as violation:
            errors[f"line-{line}"] = [f"Dòng {line}: {m}" for m in violation.messages]
        except (PermissionDenied, Http404):
            errors[f"line-{line}"] = [f"Dòng {line}: {denied}"]
    if not rows:
        errors[""] = ["Tệp không có dòng dữ liệu nào."]
    if errors:
        raise RuleViolation(errors)
    audit.record(
        actor,
        action,
        None,
        object_type=object_type,
        after={"rows": len(created)},
        object_label=label.format(n=len(created)),
    )
    return created
