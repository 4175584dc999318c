"""The read replica router: report and dashboard reads go to the replica, the rest to the primary.

The replica here is a real second database (an SQLite file holding the tables the dashboard reads), so a
read that lands on the wrong database finds different rows.
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test.utils import CaptureQueriesContext

from dangvu.core.db_router import ReplicaRouter, use_replica
from dangvu.core.models import AuditEvent
from dangvu.members.models import Member, Person, SubtreeCount
from dangvu.organizations.models import Ancestry, Kind, Organization


@pytest.fixture
def replica(db, tmp_path):
    """A second database as "replica", with the dashboard's tables and one organization of its own."""
    connections.settings["replica"] = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "replica.sqlite3"),
        "OPTIONS": {},
        "TEST": {"MIRROR": "default"},
    }
    try:
        # Connected directly: the test case only lets aliases it knew at its start connect by themselves.
        connections["replica"].connect()
        with connections["replica"].schema_editor() as editor:
            for model in (get_user_model(), Organization, Ancestry, Person, Member, SubtreeCount, AuditEvent):
                editor.create_model(model)
        Organization.objects.using("replica").create(
            code="chi-tren-ban-sao",
            kind=Kind.CELL,
            name="Chỉ có trên bản sao",
            established_on=date(2020, 1, 1),
        )
        yield connections["replica"]
    finally:
        connections["replica"].close()
        del connections["replica"]
        del connections.settings["replica"]


def test_reads_go_to_the_replica_only_inside_use_replica(replica, tree):
    assert not Organization.objects.filter(code="chi-tren-ban-sao").exists()
    with use_replica():
        assert Organization.objects.filter(code="chi-tren-ban-sao").exists()
        assert not Organization.objects.filter(code="hanam").exists()
    assert Organization.objects.filter(code="hanam").exists()


def test_writes_inside_use_replica_go_to_the_primary(replica, tree):
    with use_replica():
        Organization.objects.create(code="moi", kind=Kind.CELL, name="Chi bộ mới", established_on=date(2024, 1, 1))
    assert Organization.objects.filter(code="moi").exists()
    assert not Organization.objects.using("replica").filter(code="moi").exists()


def test_decorator_marks_a_function(replica, tree):
    @use_replica()
    def codes():
        return set(Organization.objects.values_list("code", flat=True))

    assert codes() == {"chi-tren-ban-sao"}
    assert "hanam" in set(Organization.objects.values_list("code", flat=True))


def test_users_and_sessions_are_always_read_from_the_primary(replica):
    router = ReplicaRouter()
    with use_replica():
        assert router.db_for_read(get_user_model()) == "default"
        assert router.db_for_read(Member) == "replica"
        assert router.db_for_write(Member) == "default"
    assert router.db_for_read(Member) == "default"
    assert router.allow_migrate("replica", "members") is False
    assert router.allow_migrate("default", "members") is True


def test_without_a_replica_use_replica_changes_nothing(tree):
    with use_replica():
        assert Organization.objects.all().db == "default"
        assert Organization.objects.filter(code="hanam").exists()


def _admin_client(client):
    admin = get_user_model().objects.create_superuser("quantri", password="mat-khau-dai-12345")
    client.force_login(admin)
    return client


def test_dashboard_reads_members_from_the_replica(replica, tree, make_member, client):
    make_member(tree["cell_a"])
    client = _admin_client(client)
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(replica) as copy:
        response = client.get("/tong-quan/", secure=True)
    assert response.status_code == 200
    assert any("members_member" in q["sql"] for q in copy.captured_queries)
    assert not any("members_member" in q["sql"] for q in primary.captured_queries)


def test_member_list_reads_from_the_primary(replica, tree, make_member, client):
    make_member(tree["cell_a"])
    client = _admin_client(client)
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(replica) as copy:
        response = client.get("/dang-vien/", secure=True)
    assert response.status_code == 200
    assert any("members_member" in q["sql"] for q in primary.captured_queries)
    assert not copy.captured_queries
