"""`core.batch` (the batch writes of the imports) and `audit.record_many`: the values land as the ORM would
write them (dates, NULLs, booleans, JSON, the client address), on SQLite and PostgreSQL, and only inside a
transaction."""

from datetime import date

import pytest
from django.db import transaction

from dangvu.core import audit
from dangvu.core.audit_labels import AuditAction
from dangvu.core.batch import update_rows
from dangvu.core.models import AuditEvent
from dangvu.organizations.models import Organization


class BatchTestAudit(AuditAction):
    BATCH = "test.batch", "Thử ghi nhật ký hàng loạt"
    SINGLE = "test.single", "Thử ghi một sự kiện nhật ký"


@pytest.mark.django_db(transaction=True)
def test_batch_writes_refuse_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError, match="inside a transaction"):
        update_rows(Organization, ["name"], [("Tên", 1)])
    with pytest.raises(RuntimeError, match="inside a transaction"):
        audit.record_many([audit.event(None, BatchTestAudit.BATCH)])


def test_update_rows_sets_dates_nulls_and_text_by_key(tree):
    ward, cell = tree["ward"], tree["cell_a"]
    with transaction.atomic():
        assert (
            update_rows(
                Organization,
                ["dissolved_on", "committee_code"],
                [(date(2025, 6, 30), "ĐU2", ward.pk), (None, "", cell.pk)],
                chunk_size=1,
            )
            == 2
        )
    ward.refresh_from_db()
    cell.refresh_from_db()
    assert (ward.dissolved_on, ward.committee_code) == (date(2025, 6, 30), "ĐU2")
    assert (cell.dissolved_on, cell.committee_code) == (None, "")
    assert Organization.objects.get(pk=tree["cell_b"].pk).committee_code == "CB"  # rows not given are left alone
    with pytest.raises(ValueError, match="A row of 2 values"), transaction.atomic():
        update_rows(Organization, ["dissolved_on", "committee_code"], [(None, cell.pk)])


def test_record_many_writes_each_event_as_record_would(tree, users):
    token = audit.client_address.set("203.0.113.7")
    try:
        with transaction.atomic():
            written = audit.record_many(
                [
                    audit.event(
                        users["office"],
                        BatchTestAudit.BATCH,
                        object_type="rating.memberrating",
                        object_id=str(i),
                        object_label=f"Dòng {i}",
                        organization=tree["cell_a"].pk,
                        before=None,
                        after={"on": "2023-12-20", "grade": "good", "present": i, "empty": None},
                        reason="Nhập tệp so.xlsx",
                    )
                    for i in range(3)
                ]
            )
        single = audit.record(users["office"], BatchTestAudit.SINGLE, tree["ward"], organization=tree["ward"])
    finally:
        audit.client_address.reset(token)
    assert written == 3
    events = list(AuditEvent.objects.filter(action="test.batch").order_by("id"))
    assert [(e.object_id, e.object_label, e.after["present"]) for e in events] == [
        ("0", "Dòng 0", 0),
        ("1", "Dòng 1", 1),
        ("2", "Dòng 2", 2),
    ]
    first = events[0]
    assert first.actor == users["office"] and first.organization == tree["cell_a"]
    assert first.after["empty"] is None and first.reason == "Nhập tệp so.xlsx"
    assert AuditEvent.objects.filter(action="test.batch", before__isnull=True).count() == 3  # SQL NULL, as record
    assert first.client_address == single.client_address == "203.0.113.7"
    assert first.at is not None and first.at <= AuditEvent.objects.get(pk=single.pk).at
