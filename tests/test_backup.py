"""`dangvu backup` and `dangvu restore`: a backup restored into an empty database holds every record and
audit event. Runs on SQLite, and on PostgreSQL (pg_dump/pg_restore) when DATABASE_URL is PostgreSQL."""

import uuid
from datetime import date
from io import StringIO

import psycopg
import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from dangvu.core import backup
from dangvu.core.models import AuditEvent
from dangvu.members import actions as member_actions
from dangvu.members.models import Member


def _pg_admin(conf):
    return psycopg.connect(host=conf["HOST"] or None, port=conf["PORT"] or None, user=conf["USER"] or None,
                           password=conf["PASSWORD"] or None, dbname="postgres", autocommit=True)


@pytest.fixture
def empty_database(db, tmp_path):
    """An empty database of the same kind as the default one, as the alias "restored"."""
    conf = connections.settings["default"]
    name = None
    if connections["default"].vendor == "postgresql":
        name = f"dangvu_restore_{uuid.uuid4().hex[:10]}"
        with _pg_admin(conf) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        connections.settings["restored"] = {**conf, "NAME": name, "TEST": {"MIRROR": "default"}}
    else:
        connections.settings["restored"] = {**conf, "NAME": str(tmp_path / "restored.sqlite3"),
                                            "TEST": {"MIRROR": "default"}}
    connections["restored"].connect()  # a test case only lets the aliases it knew connect by themselves
    try:
        yield "restored"
    finally:
        connections["restored"].close()
        del connections["restored"]
        del connections.settings["restored"]
        if name:
            with _pg_admin(conf) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _rows(alias):
    """Every row of every table of the project, by model: the primary keys (full rows for audit events)."""
    found = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        found[model._meta.label] = set(model.objects.using(alias).values_list("pk", flat=True))
    found["audit"] = sorted(
        (e["id"], e["action"], e["object_id"], e["object_label"], str(e["at"]), str(e["after"]))
        for e in AuditEvent.objects.using(alias).values()
    )
    return found


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_record_and_audit_event(tree, make_member, tmp_path, empty_database):
    member = make_member(tree["cell_a"], family="Trần", middle="Thị", given="Ngọc", gender="female")
    make_member(tree["school"], given="Bình")
    member_actions.update_person(None, member.person, {"phone": "0912345678"}, reason="Bổ sung số điện thoại")
    before = _rows("default")
    assert len(before["audit"]) >= 9 and len(before["members.Member"]) == 2

    out = StringIO()
    call_command("backup", str(tmp_path / "sao-luu.bak"), stdout=out)
    assert "Đã sao lưu" in out.getvalue()
    call_command("restore", str(tmp_path / "sao-luu.bak"), database=empty_database, stdout=out)
    assert "2 đảng viên" in out.getvalue()

    assert _rows(empty_database) == before
    restored = Member.objects.using(empty_database).select_related("person").get(pk=member.pk)
    assert restored.person.full_name == "Trần Thị Ngọc"
    assert restored.person.phone == "0912345678"
    assert restored.person.birth_date == date(1980, 5, 17)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_has_data(tree, tmp_path):
    path = backup.backup("default", tmp_path / "sao-luu.bak")
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("restore", str(path))
    with pytest.raises(CommandError, match="đã có"):
        call_command("backup", str(path))  # never overwrite an older backup


def test_restore_rejects_a_file_that_is_not_a_backup(tmp_path, empty_database):
    bad = tmp_path / "khong-phai.bak"
    bad.write_text("bảng tính Excel")
    with pytest.raises(CommandError, match="không phải bản sao lưu"):
        call_command("restore", str(bad), database=empty_database)
    with pytest.raises(CommandError, match="Không tìm thấy tệp sao lưu"):
        call_command("restore", str(tmp_path / "khong-co.bak"), database=empty_database)


def test_missing_postgresql_tools_are_named_in_vietnamese(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="Không tìm thấy chương trình pg_dump.*postgresql-client"):
        backup._tool("pg_dump")
