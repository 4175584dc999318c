"""Backups of the whole system to one archive, and their restore into an empty database.

The archive (.tar) holds the database, the uploaded files (`MEDIA_ROOT`: attachments, news images, evidence,
templates) and a manifest listing every file with its size and SHA-256, so that a restore on a new machine
brings back the files the records point to and refuses an archive that was cut short or altered. SQLite's
copy uses its online backup API (consistent while the system runs); PostgreSQL's uses `pg_dump -Fc` and
`pg_restore`, the tools of the server's own client package. A backup of the database alone (the plain
.sqlite3 or .dump file of earlier versions) still restores. The commands `dangvu backup` and `dangvu restore`
are thin shells around these functions; errors are `CommandError` with Vietnamese text.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import CommandError
from django.db import connections

BACKUP_DIR_NAME = "backups"


def vendor(alias: str) -> str:
    return connections[alias].vendor


FORMAT = "dangvu-backup-1"
MANIFEST = "manifest.json"
DATABASE_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
MEDIA = "media"


def default_path(alias: str) -> Path:
    """var/backups/dangvu-20261127-093000.tar"""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / BACKUP_DIR_NAME / f"dangvu-{stamp}.tar"


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


def _dump_database(alias: str, path: Path) -> None:
    """A consistent copy of the database in `path`."""
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
        _run(
            [_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-f", str(path), *args],
            env,
            "Sao lưu bằng pg_dump",
        )
    else:
        raise CommandError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {connection.vendor}.")


def _digest(path: Path) -> str:
    found = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            found.update(chunk)
    return found.hexdigest()


def _media_files() -> dict[str, Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return {}
    return {path.relative_to(root).as_posix(): path for path in sorted(root.rglob("*")) if path.is_file()}


@dataclass
class Backup:
    path: Path
    files: int  # uploaded files in it


def backup(alias: str = "default", path: Path | None = None) -> Backup:
    """Write the database and the uploaded files to the archive `path` (never over an existing file)."""
    path = Path(path) if path else default_path(alias)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise CommandError(f"Tệp {path} đã có: chọn tên khác để không ghi đè bản sao lưu cũ.")
    kind = vendor(alias)
    if kind not in DATABASE_NAMES:
        raise CommandError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {kind}.")
    media = _media_files()
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".sao-luu-") as folder:
        database = Path(folder) / DATABASE_NAMES[kind]
        _dump_database(alias, database)
        files = {name: {"size": file.stat().st_size, "sha256": _digest(file)} for name, file in media.items()}
        manifest = {
            "format": FORMAT,
            "database": kind,
            "created": datetime.now().isoformat(timespec="seconds"),
            "database_sha256": _digest(database),
            "files": files,
        }
        (Path(folder) / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = path.with_name(path.name + ".dang-ghi")
        with tarfile.open(partial, "w") as archive:
            archive.add(Path(folder) / MANIFEST, MANIFEST)
            archive.add(database, database.name)
            for name, file in media.items():
                archive.add(file, f"{MEDIA}/{name}")
        partial.rename(path)  # a backup cut short is never left under the final name
    return Backup(path, len(media))


def is_empty(alias: str) -> bool:
    connection = connections[alias]
    with connection.cursor():
        return not connection.introspection.table_names()


def _restore_database(path: Path, alias: str, replace: bool) -> None:
    connection = connections[alias]
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
        _run(
            [
                _tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *extra,
                *args,
                str(path),
            ],
            env,
            "Khôi phục bằng pg_restore",
        )
    else:
        raise CommandError(f"Chưa hỗ trợ khôi phục cơ sở dữ liệu loại {connection.vendor}.")


def _unpacked(path: Path, folder: Path, kind: str) -> tuple[Path, dict[str, tuple[Path, str]]]:
    """The archive's database file and uploaded files (each with its checked SHA-256), extracted into `folder`
    and checked against its manifest: every member listed, no path outside the archive, every SHA-256 as
    written."""
    damaged = f"Bản sao lưu {path} bị hỏng hoặc đã bị sửa"
    try:
        with tarfile.open(path) as archive:
            handle = archive.extractfile(archive.getmember(MANIFEST))
            if handle is None:  # the manifest's name given to a directory or a link
                raise tarfile.TarError(MANIFEST)
            manifest = json.loads(handle.read().decode("utf-8"))
            if manifest.get("format") != FORMAT:
                raise CommandError(f"Tệp {path} không phải bản sao lưu của hệ thống (định dạng lạ).")
            if manifest.get("database") != kind:
                raise CommandError(
                    f"Bản sao lưu {path} là của cơ sở dữ liệu {manifest.get('database')}, không khôi phục được vào "
                    f"cơ sở dữ liệu {kind}."
                )
            expected = {DATABASE_NAMES[kind]: manifest["database_sha256"], MANIFEST: None}
            expected.update({f"{MEDIA}/{name}": item["sha256"] for name, item in manifest["files"].items()})
            names = [m.name for m in archive.getmembers()]
            strange = [
                n
                for n in names
                if n not in expected or PurePosixPath(n).is_absolute() or ".." in PurePosixPath(n).parts
            ]
            if strange or set(names) != set(expected):
                listed = ", ".join(strange[:3]) or "thiếu tệp"
                raise CommandError(f"{damaged}: danh sách tệp không khớp bản kê ({listed}).")
            archive.extractall(folder, filter="data")
    except (tarfile.TarError, KeyError, ValueError, OSError) as error:
        raise CommandError(f"{damaged} ({error}).") from error
    for name, digest in expected.items():
        if digest is not None and _digest(folder / name) != digest:
            raise CommandError(f"{damaged}: tệp {name} không khớp mã kiểm tra trong bản kê.")
    files = {name: (folder / MEDIA / name, item["sha256"]) for name, item in manifest["files"].items()}
    return folder / DATABASE_NAMES[kind], files


def restore(path: Path, alias: str = "default", replace: bool = False) -> int:
    """Load a backup made by `backup` into the database, which must be empty unless `replace`, and put its
    uploaded files back under MEDIA_ROOT; answers how many files. Everything is checked before anything is
    written: the archive against its manifest, and no different file already at one of its places (unless
    `replace`)."""
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"Không tìm thấy tệp sao lưu {path}.")
    if not replace and not is_empty(alias):
        raise CommandError(
            "Cơ sở dữ liệu đích đã có dữ liệu. Khôi phục vào một cơ sở dữ liệu trống, "
            "hoặc thêm --replace để thay toàn bộ dữ liệu hiện có bằng bản sao lưu."
        )
    if not tarfile.is_tarfile(path):  # a database-only backup of an earlier version
        _restore_database(path, alias, replace)
        cache.clear()
        return 0
    root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="dangvu-khoi-phuc-") as folder:
        database, files = _unpacked(path, Path(folder), vendor(alias))
        clashes = [
            name for name, (_file, digest) in files.items() if (root / name).exists() and _digest(root / name) != digest
        ]
        if clashes and not replace:
            raise CommandError(
                f"Thư mục tệp đính kèm đã có {len(clashes)} tệp khác với bản sao lưu (ví dụ {clashes[0]}): khôi "
                "phục vào một máy mới, hoặc thêm --replace để thay các tệp đó."
            )
        _restore_database(database, alias, replace)
        for name, (file, _checked) in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, root / name)
    cache.clear()  # sessions, users and figures kept from the data that was replaced
    return len(files)
