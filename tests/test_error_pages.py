"""What a user sees when something goes wrong: Vietnamese pages, never Django's English defaults, and a
transaction that collided with another one's is told as such (503), not as a server error."""

import threading

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.views.defaults import server_error
from psycopg.errors import DeadlockDetected

from concurrency_support import at_once, needs_postgres
from dangvu.core.middleware import ConflictMiddleware, is_conflict


def collided() -> OperationalError:
    """The error Django raises when PostgreSQL aborts one of two deadlocked transactions."""
    try:
        try:
            raise DeadlockDetected("deadlock detected")
        except DeadlockDetected as cause:
            raise OperationalError("deadlock detected") from cause
    except OperationalError as error:
        return error


@pytest.mark.django_db
def test_an_unknown_address_gets_the_vietnamese_404_page(client, users):
    client.force_login(users["admin"])
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_the_server_error_page_is_vietnamese_and_needs_no_database():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.content.decode()


def test_a_collision_between_transactions_is_a_503_page_not_a_server_error():
    assert is_conflict(collided())
    assert is_conflict(OperationalError("database is locked"))
    assert not is_conflict(OperationalError("could not connect to server"))
    assert not is_conflict(ValueError("deadlock"))
    middleware = ConflictMiddleware(lambda request: None)
    request = RequestFactory().post("/to-chuc/1/sap-nhap/")
    response = middleware.process_exception(request, collided())
    assert response.status_code == 503
    assert "chưa được lưu" in response.content.decode()
    assert middleware.process_exception(request, OperationalError("could not connect to server")) is None


@needs_postgres("A deadlock needs two PostgreSQL transactions holding row locks")
@pytest.mark.django_db(transaction=True)
def test_two_changes_locking_kept_counts_in_opposite_orders_end_in_one_503_and_one_change(tree):
    """Two transactions add to the kept counts of the same two organizations in opposite orders (what two
    concurrent merges of overlapping subtrees can do): PostgreSQL aborts one, which the user is told to redo,
    and nothing of it remains."""
    from collections import Counter

    from django.db import transaction

    from dangvu.members import tally
    from dangvu.members.models import SubtreeCount

    first, second = tree["ward"].pk, tree["school"].pk
    for pk in (first, second):
        SubtreeCount.objects.get_or_create(organization_id=pk)
    before = {row.pk: row.official for row in SubtreeCount.objects.filter(pk__in=[first, second])}
    both_hold_one = threading.Barrier(2)

    def change(i):
        order = [first, second] if i == 0 else [second, first]
        with transaction.atomic():
            tally.add_to({order[0]: Counter(official=1)})
            both_hold_one.wait(10)
            tally.add_to({order[1]: Counter(official=1)})
        return "done"

    results = at_once(change, 2)
    assert sorted(map(type, results), key=str) == sorted([str, OperationalError], key=str), results
    aborted = next(r for r in results if isinstance(r, OperationalError))
    assert is_conflict(aborted)
    response = ConflictMiddleware(lambda request: None).process_exception(RequestFactory().post("/"), aborted)
    assert response.status_code == 503
    after = {row.pk: row.official for row in SubtreeCount.objects.filter(pk__in=[first, second])}
    assert after == {pk: n + 1 for pk, n in before.items()}  # one change whole, nothing of the other
