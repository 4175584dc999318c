"""Recording audit events inside the acting transaction, with the client address of the current request."""

import contextvars
import datetime
import decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

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


def record(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    before: dict | None = None,
    after: dict | None = None,
    organization=None,
    reason: str = "",
    object_type: str = "",
    object_label: str = "",
) -> AuditEvent:
    """Write one audit event. Call inside the action's transaction so both commit or neither does.
    The actor is a user, None (the system) or the caller's scope (which names its user as `acting_user`)."""
    actor = getattr(actor, "acting_user", actor)
    if obj is not None and after is None:
        after = snapshot(obj)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        object_label=(object_label or (str(obj) if obj is not None else ""))[:300],
        organization=organization,
        before=before,
        after=after,
        reason=reason[:500],
        client_address=client_address.get(),
    )
