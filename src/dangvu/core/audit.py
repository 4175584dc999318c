"""Recording audit events inside the acting transaction, with the client address of the current request."""

import contextvars
import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from . import cache
from .audit_labels import AuditAction
from .batch import insert_rows
from .models import AuditEvent

client_address: contextvars.ContextVar[str | None] = contextvars.ContextVar("client_address", default=None)


def snapshot(obj: models.Model | None, fields: list[str] | None = None) -> dict[str, Any] | None:
    """The values of a model's concrete fields, in a form JSON keeps."""
    if obj is None:
        return None
    data = {}
    for field in obj._meta.concrete_fields:
        if fields and field.name not in fields:
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, (datetime.date, datetime.datetime, datetime.time, decimal.Decimal)):
            value = str(value)
        elif isinstance(value, FieldFile):
            value = value.name or ""
        data[field.name] = value
    return data


def event(
    actor,
    action: AuditAction,
    obj: models.Model | None = None,
    *,
    before: dict | None = None,
    after: dict | None = None,
    organization=None,
    reason: str = "",
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
) -> AuditEvent:
    """One audit event, not yet saved: `record` saves it at once, a batch entry point gives many to
    `record_many`. The actor is a user, None (the system) or the caller's scope (which names its user as
    `acting_user`); `organization` an organization or its id. The action is a member of an app's
    `AuditAction` enum, never a bare string, so that every key written has its Vietnamese label."""
    if not isinstance(action, AuditAction):
        raise TypeError(f"Audit action {action!r} is not declared in an app's audit_actions (AuditAction).")
    actor = getattr(actor, "acting_user", actor)
    if obj is not None and after is None:
        after = snapshot(obj)
    where = {"organization_id": organization} if isinstance(organization, int) else {"organization": organization}
    return AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action.value,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=object_id or (str(obj.pk) if obj is not None else ""),
        object_label=(object_label or (str(obj) if obj is not None else ""))[:300],
        **where,
        before=before,
        after=after,
        reason=reason[:500],
        client_address=client_address.get(),
    )


def record(actor, action: AuditAction, obj: models.Model | None = None, **details) -> AuditEvent:
    """Write one audit event (`details`: the keywords of `event`). Call inside the action's transaction so both
    commit or neither does."""
    found = event(actor, action, obj, **details)
    found.save(force_insert=True)
    cache.changed()
    return found


BATCH_FIELDS = [
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "organization",
    "before",
    "after",
    "reason",
    "client_address",
]


def record_many(events: Iterable[AuditEvent]) -> int:
    """Write the events of a batch entry point (built by `event`) in a few statements (`core.batch`), inside
    the batch's transaction, all at the same time. The number written."""
    at = timezone.now()
    cache.changed()
    return insert_rows(
        AuditEvent,
        BATCH_FIELDS,
        (
            (
                at,
                e.actor_id,
                e.action,
                e.object_type,
                e.object_id,
                e.object_label,
                e.organization_id,
                e.before,
                e.after,
                e.reason,
                e.client_address,
            )
            for e in events
        ),
    )
