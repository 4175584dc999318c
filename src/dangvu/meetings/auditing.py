"""Audit snapshots that JSON can keep whatever the fields: `core.audit.snapshot` leaves times and files as
Python objects, so the meeting, task and news actions pass their snapshots through here."""

from datetime import time

from django.db.models.fields.files import FieldFile

from dangvu.core import audit


def snapshot(obj, fields: list[str] | None = None) -> dict | None:
    data = audit.snapshot(obj, fields)
    if data is None:
        return None
    for key, value in data.items():
        if isinstance(value, time):
            data[key] = value.isoformat()
        elif isinstance(value, FieldFile):
            data[key] = value.name or ""
    return data
