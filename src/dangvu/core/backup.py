"""Backups of the whole database to one file, and their restore into an empty database.

SQLite uses its online backup API (a consistent copy while the system runs); PostgreSQL uses `pg_dump -Fc`
and `pg_restore`, the tools of the server's own client package. The commands `dangvu backup` and
`dangvu restore` are thin shells around these functions; errors are `CommandError` with Vietnamese text.
"""

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections

BACKUP_DIR_NAME = "backups"


def vendor(alias: str) -> str:
    return connections[alias].vendor


def default_path(alias: str) -> Path:
    """var/backups/dangvu-20261127-0930.sqlite3 (or .dump for PostgreSQL)."""
    suffix = ".sqlite3" if vendor(alias) == "sqlite" else ".dump"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / BACKUP_DIR_NAME / f"dangvu-{stamp}{suffix}"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise CommandError(
            f"Không tìm thấy chương trình {name}. Cài gói công cụ PostgreSQL cùng phiên bản với máy chủ "
            f"(ví dụ: apt-get install postgresql-client) rồi chạy lại."
        )
    return found


def _pg_args(alias: str) -> tuple[list[str], dict]:
    """Connection arguments and environment for pg_dump/pg_restore from the alias's settings."""
    conf = connections[alias].settings_dict
    args = []
    if conf.get("HOST"):
        args += ["-h", str(conf["HOST"])]
    if conf.get("PORT"):
        args += ["-p", str(conf["PORT"])]
    if conf.get("USER"):
        args += ["-U", str(conf["USER"])]
    env = dict(os.environ)
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    return args + ["-d", str(conf["NAME"])], env


def _run(command: list[str], env: dict, what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise CommandError(f"{what} không thành công: {detail[-1] if detail else 'lỗi không rõ'}")


def backup(alias: str = "default", path: Path | None = None) -> Path:
    """Write a consistent copy of the database to `path` and return the path."""
    path = Path(path) if path else default_path(alias)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise CommandError(f"Tệp {path} đã có: chọn tên khác để không ghi đè bản sao lưu cũ.")
    connection = connections[alias]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        args, env = _pg_args(alias)
        _run([_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-f", str(path), *args], env,
             "Sao lưu bằng pg_dump")
    else:
        raise CommandError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {connection.vendor}.")
    return path


def is_empty(alias: str) -> bool:
    connection = connections[alias]
    with connection.cursor():
        return not connection.introspection.table_names()


def restore(path: Path, alias: str = "default", replace: bool = False) -> None:
    """Load a backup made by `backup` into the database, which must be empty unless `replace`."""
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"Không tìm thấy tệp sao lưu {path}.")
    connection = connections[alias]
    if not replace and not is_empty(alias):
        raise CommandError(
            "Cơ sở dữ liệu đích đã có dữ liệu. Khôi phục vào một cơ sở dữ liệu trống, "
            "hoặc thêm --replace để thay toàn bộ dữ liệu hiện có bằng bản sao lưu."
        )
    if connection.vendor == "sqlite":
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise CommandError(f"Tệp {path} không phải bản sao lưu SQLite.")
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        with path.open("rb") as handle:
            if handle.read(5) != b"PGDMP":
                raise CommandError(f"Tệp {path} không phải bản sao lưu pg_dump (định dạng -Fc).")
        args, env = _pg_args(alias)
        extra = ["--clean", "--if-exists"] if replace else []
        _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              *extra, *args, str(path)], env, "Khôi phục bằng pg_restore")
    else:
        raise CommandError(f"Chưa hỗ trợ khôi phục cơ sở dữ liệu loại {connection.vendor}.")
