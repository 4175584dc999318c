"""Sending and reading in-app notices (thông báo trong hệ thống): to people (members invited to a meeting,
people assigned a task) and to organizations (read by whoever holds a mandate at that organization)."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from dangvu.core import audit, cache
from dangvu.core.errors import RuleViolation
from dangvu.core.text import nfc
from dangvu.meetings.audit_actions import MeetingsAudit

from .models import Notice


def send(
    sender,
    *,
    title: str,
    body: str = "",
    link: str = "",
    person_ids: Iterable[int] = (),
    organization_ids: Iterable[int] = (),
    dated: date | None = None,
) -> int:
    """Write one notice per recipient (duplicates dropped), in the caller's transaction. Returns the count."""
    title = nfc(title)[:300]
    sender = sender if getattr(sender, "pk", None) else None
    dated = dated or timezone.localdate()
    rows = [
        Notice(recipient_person_id=pid, sender=sender, title=title, body=body, link=link, dated=dated)
        for pid in sorted(set(person_ids))
    ]
    rows += [
        Notice(recipient_organization_id=oid, sender=sender, title=title, body=body, link=link, dated=dated)
        for oid in sorted(set(organization_ids))
    ]
    Notice.objects.bulk_create(rows, batch_size=1000)
    cache.changed()  # the unread counts kept per scope
    return len(rows)


@transaction.atomic
def mark_read(actor, notice: Notice, scope) -> Notice:
    """Mark a notice as read; only its recipient (or an administrator) may."""
    own_orgs = {m.organization_id for m in scope.mandates}
    if not (
        scope.is_admin
        or notice.recipient_person_id in scope.own_person_ids
        or notice.recipient_organization_id in own_orgs
    ):
        raise RuleViolation("Thông báo này không gửi cho bạn.")
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
        audit.record(actor, MeetingsAudit.NOTICE_READ, notice, after={"read_at": str(notice.read_at)})
    return notice
