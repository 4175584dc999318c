"""`dangvu backup` and `dangvu restore`: a backup restored into an empty database holds every record and
audit event, and puts the uploaded files back; an archive cut short, altered or carrying a path outside
itself is refused before anything is written. Runs on SQLite, and on PostgreSQL (pg_dump/pg_restore) when
DATABASE_URL is PostgreSQL."""

import io
import tarfile
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
    return psycopg.connect(
        host=conf["HOST"] or None,
        port=conf["PORT"] or None,
        user=conf["USER"] or None,
        password=conf["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


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
        connections.settings["restored"] = {
            **conf,
            "NAME": str(tmp_path / "restored.sqlite3"),
            "TEST": {"MIRROR": "default"},
        }
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


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "tin-tuc").mkdir(parents=True)
    (settings.MEDIA_ROOT / "tin-tuc" / "ảnh hội nghị.jpg").write_bytes(b"\xff\xd8 anh " * 100)
    (settings.MEDIA_ROOT / "minh-chung.pdf").write_bytes(b"%PDF-1.4 minh chung")
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_record_and_audit_event(tree, make_member, tmp_path, empty_database, media):
    member = make_member(tree["cell_a"], family="Trần", middle="Thị", given="Ngọc", gender="female")
    make_member(tree["school"], given="Bình")
    member_actions.update_person(None, member.person, {"phone": "0912345678"}, reason="Bổ sung số điện thoại")
    before = _rows("default")
    assert len(before["audit"]) >= 9 and len(before["members.Member"]) == 2

    out = StringIO()
    call_command("backup", str(tmp_path / "sao-luu.bak"), stdout=out)
    assert "Đã sao lưu" in out.getvalue() and "2 tệp đính kèm" in out.getvalue()
    files = {path.relative_to(media): path.read_bytes() for path in media.rglob("*") if path.is_file()}
    for path in media.rglob("*.*"):
        path.unlink()  # a new machine: no uploaded file
    call_command("restore", str(tmp_path / "sao-luu.bak"), database=empty_database, stdout=out)
    assert "2 đảng viên" in out.getvalue() and "2 tệp đính kèm" in out.getvalue()
    assert {path.relative_to(media): path.read_bytes() for path in media.rglob("*") if path.is_file()} == files

    assert _rows(empty_database) == before
    restored = Member.objects.using(empty_database).select_related("person").get(pk=member.pk)
    assert restored.person.full_name == "Trần Thị Ngọc"
    assert restored.person.phone == "0912345678"
    assert restored.person.birth_date == date(1980, 5, 17)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_has_data(tree, tmp_path):
    path = backup.backup("default", tmp_path / "sao-luu.bak").path
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


def _altered(source, target, change):
    """A copy of the archive `source` with its members passed through `change(name, data) -> (name, data)`."""
    with tarfile.open(source) as archive, tarfile.open(target, "w") as copy:
        for member in archive.getmembers():
            name, data = change(member.name, archive.extractfile(member).read())
            info = tarfile.TarInfo(name)
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))
    return target


@pytest.mark.django_db(transaction=True)
def test_an_altered_or_strange_archive_is_refused_before_anything_is_written(tree, tmp_path, empty_database, media):
    made = backup.backup("default", tmp_path / "sao-luu.tar").path
    altered = _altered(
        made, tmp_path / "sua.tar", lambda name, data: (name, data + b"!" if name.endswith(".pdf") else data)
    )
    with pytest.raises(CommandError, match="bị hỏng hoặc đã bị sửa: tệp media/minh-chung.pdf không khớp mã"):
        call_command("restore", str(altered), database=empty_database)
    escaping = _altered(
        made,
        tmp_path / "thoat.tar",
        lambda name, data: (name.replace("media/minh-chung.pdf", "media/../../thoat.pdf"), data),
    )
    with pytest.raises(CommandError, match="danh sách tệp không khớp bản kê"):
        call_command("restore", str(escaping), database=empty_database)
    cut = tmp_path / "cut.tar"
    cut.write_bytes(made.read_bytes()[:2048])
    with pytest.raises(CommandError):
        call_command("restore", str(cut), database=empty_database)
    assert backup.is_empty(empty_database) and not (tmp_path / "thoat.pdf").exists()
    # a different file already where the archive puts one is kept unless --replace
    (media / "minh-chung.pdf").write_bytes(b"ban khac")
    with pytest.raises(CommandError, match="đã có 1 tệp khác với bản sao lưu"):
        call_command("restore", str(made), database=empty_database)
    assert backup.is_empty(empty_database)
