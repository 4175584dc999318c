"""Benchmark of the import of members (issue 2 §8: 10,000 rows checked and imported in under 30 s; issue 6 §4:
100,000 rows, xlsx and csv, into PostgreSQL, against a plain COPY of the same rows).

Generates a valid members file (10,000 rows, or --rows 100000; an .xlsx workbook, or with --format csv the
same rows as Excel's "CSV UTF-8"), then for each run builds a fresh database (migrate, an organization tree
of 100 cells, an office user holding the city), and times `run_import` on the file as that user: reading,
checking every row, and writing (people, memberships, placements, events, audit events). Prints the time
and rows per second of each run and the median.

The database of a run is a SQLite file in a temporary folder, or with --database-url postgres://…/NAME a
new PostgreSQL database NAME_run1, NAME_run2… created through the server's `postgres` database and dropped
after the run. On PostgreSQL the run then measures the baseline: the rows the import inserted, taken with
COPY … TO STDOUT, written with COPY … FROM STDIN in one transaction into the real tables of a copy of the
database made just before the import (CREATE DATABASE … TEMPLATE: their keys, triggers and indexes), and into
empty copies of the tables (indexes only, the floor); it prints both times and the ratios import / COPY.

    uv run python bench/import_members.py                 # 10,000 rows, 3 runs, SQLite
    uv run python bench/import_members.py --rows 100000 --runs 1 --format csv \
        --database-url postgres://postgres@127.0.0.1:5432/dangvu_bench
    uv run python bench/import_members.py --dry-run       # checking only
"""

import argparse
import csv
import json
import os
import random
import re
import statistics
import tempfile
import time
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from harness import is_postgres, machine, machine_line, run_worker

FAMILY = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Vũ", 4),
    ("Phan", 4),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
]
MIDDLE = {
    "male": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân"],
    "female": ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Thúy"],
}
GIVEN = {
    "male": ["Hùng", "Dũng", "Nam", "Tuấn", "Hải", "Long", "Sơn", "Thắng", "Cường", "Bình", "Đức", "Việt"],
    "female": ["Lan", "Hoa", "Hương", "Mai", "Linh", "Thảo", "Trang", "Hằng", "Nga", "Yến", "Oanh", "Dung"],
}
CELLS_PER_WARD, WARDS = 5, 20
TODAY = date(2024, 6, 1)


def cell_code(ward: int, cell: int) -> str:
    return f"p{ward:02d}-cb{cell}"


def member_rows(headers: list[str], rows: int, seed: int = 2020) -> Iterator[list]:
    """Valid rows: every row passes every rule (ages, dates, unique CCCD and cards)."""
    from dangvu.members.rules import citizen_id_digit

    rng = random.Random(seed)
    families, weights = zip(*FAMILY, strict=True)
    for serial in range(1, rows + 1):
        gender = rng.choice(("male", "female"))
        birth = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 52))
        admitted = birth + timedelta(days=365 * rng.randint(19, 40) + rng.randrange(300))
        admitted = min(admitted, date(2023, 1, 1))
        official = admitted + timedelta(days=380) if rng.random() < 0.9 else None
        values = {
            "Họ": rng.choices(families, weights)[0],
            "Tên đệm": rng.choice(MIDDLE[gender]),
            "Tên": rng.choice(GIVEN[gender]),
            "Giới tính": "Nam" if gender == "male" else "Nữ",
            "Ngày sinh": datetime(birth.year, birth.month, birth.day),
            "Số CCCD": f"035{citizen_id_digit(birth.year, gender)}{birth.year % 100:02d}{serial:06d}",
            "Dân tộc": "Kinh",
            "Tôn giáo": "Không",
            "Quê quán": "Phủ Lý, Hà Nam",
            "Trình độ GDPT": "12/12",
            "Chuyên môn": rng.choice(["Cử nhân Kinh tế", "Kỹ sư Xây dựng", "Cử nhân Luật", ""]),
            "Lý luận chính trị": rng.choice(["Sơ cấp", "Trung cấp", "Cao cấp", ""]),
            "Nghề nghiệp": rng.choice(["Công chức", "Giáo viên", "Hưu trí", "Kinh doanh"]),
            "Điện thoại": f"09{rng.randrange(10**8):08d}",
            "Mã chi bộ": cell_code(rng.randrange(WARDS), rng.randrange(CELLS_PER_WARD)),
            "Ngày vào Đảng": admitted.strftime("%d/%m/%Y") if serial % 2 else datetime(*admitted.timetuple()[:3]),
            "Ngày chính thức": official.strftime("%d/%m/%Y") if official else None,
            "Số thẻ đảng viên": f"35{serial:07d}" if official else None,
            "Số quyết định kết nạp": f"{serial}-QĐ/TU",
        }
        yield [values.get(h) for h in headers]


def generate(path: Path, rows: int) -> None:
    """The members file: an .xlsx workbook, or a .csv as Excel saves "CSV UTF-8" (BOM, commas, CRLF),
    with the template's header line and the same rows, dates written dd/mm/yyyy."""
    from dangvu.members.excel.columns import COLUMNS, SHEET_NAME

    headers = [c.header for c in COLUMNS]
    if path.suffix == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            for values in member_rows(headers, rows):
                writer.writerow(v.strftime("%d/%m/%Y") if isinstance(v, date) else v for v in values)
        return
    import openpyxl

    # A normal (not write-only) workbook, so that the file declares its size as Excel's files do.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append(headers)
    for values in member_rows(headers, rows):
        sheet.append(values)
    workbook.save(path)


INLINE = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>'
)
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_STRINGS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def to_shared_strings(path: Path) -> None:
    """Rewrite openpyxl's inline strings as the shared-string table Excel and LibreOffice write, so the
    benchmark reads the kind of file users upload."""
    table: dict[bytes, int] = {}

    def shared(match: re.Match) -> bytes:
        index = table.setdefault(match.group(3), len(table))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (match.group(1), match.group(2), index)

    source = path.with_suffix(".inline.xlsx")
    path.rename(source)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = INLINE.sub(shared, data)
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/>'
                    b"</Types>" % SHARED_STRINGS_TYPE.encode(),
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Type="%s" Target="sharedStrings.xml" '
                    b'Id="rIdShared"/></Relationships>' % SHARED_STRINGS_REL.encode(),
                )
            new.writestr(item, data)
        strings = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % text for text in table)
        new.writestr(
            "xl/sharedStrings.xml",
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
            b'uniqueCount="%d">%s</sst>' % (len(table), len(table), strings),
        )
    source.unlink()


def build_world() -> tuple:
    """The organization tree and an office user holding the city, through the actions."""
    from dangvu.accounts.actions import create_user, grant_mandate
    from dangvu.organizations.actions import NameSpec, establish
    from dangvu.organizations.models import Kind

    on = date(2000, 1, 1)

    def make(code, kind, name, parent=None):
        return establish(
            None,
            code=code,
            kind=kind,
            parent=parent,
            on=on,
            names=NameSpec(name=name, committee_name=name, committee_short="Đảng ủy"),
        )

    province = make("hanam", Kind.PROVINCE, "Đảng bộ tỉnh Hà Nam")
    city = make("phuly", Kind.DISTRICT, "Đảng bộ thành phố Phủ Lý", province)
    for ward in range(WARDS):
        committee = make(f"p{ward:02d}", Kind.GRASSROOTS_COMMITTEE, f"Đảng bộ phường {ward}", city)
        for cell in range(CELLS_PER_WARD):
            make(cell_code(ward, cell), Kind.CELL, f"Chi bộ {cell} phường {ward}", committee)
    user = create_user(None, username="vanphong", password="bench-only-1")
    grant_mandate(None, user, role="office", organization=city, valid_from=on)
    return user


def last_ids() -> dict[str, tuple[str, int]]:
    """Every table with an integer id: (id column, largest id), so that the rows inserted later are known."""
    from django.apps import apps
    from django.db import connection

    marks = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            pk = model._meta.pk
            if model._meta.managed and pk.get_internal_type() in ("AutoField", "BigAutoField"):
                cursor.execute(f'SELECT coalesce(max("{pk.column}"), 0) FROM "{model._meta.db_table}"')
                marks[model._meta.db_table] = (pk.column, cursor.fetchone()[0])
    return marks


def exported(marks: dict[str, tuple[str, int]]) -> dict[str, bytes]:
    """The rows inserted since `marks`, each table's as COPY … TO STDOUT writes them."""
    from django.db import connection

    connection.ensure_connection()
    data: dict[str, bytes] = {}
    with connection.connection.cursor() as cursor:  # psycopg's own cursor, for cursor.copy
        for table, (column, mark) in marks.items():
            with cursor.copy(f'COPY (SELECT * FROM "{table}" WHERE "{column}" > {int(mark)}) TO STDOUT') as copy:
                rows = b"".join(bytes(block) for block in copy)
            if rows:
                data[table] = rows
    return data


def copied_in(cursor, data: dict[str, bytes], prefix: str = "") -> float:
    """Seconds to COPY the rows into the tables (named with `prefix`), in one transaction, parents first."""
    started = time.perf_counter()
    with cursor.connection.transaction():
        for table, rows in data.items():
            with cursor.copy(f'COPY "{prefix}{table}" FROM STDIN') as copy:
                copy.write(rows)
    return time.perf_counter() - started


def copy_into_empty_copies(data: dict[str, bytes]) -> float:
    """The COPY of the rows into empty copies of their tables (their indexes, no keys to other tables, no
    triggers): the floor."""
    from django.db import connection

    with connection.connection.cursor() as cursor:
        for table in data:
            cursor.execute(f'CREATE TABLE "bench_copy_{table}" (LIKE "{table}" INCLUDING ALL)')
        connection.connection.commit()
        seconds = copied_in(cursor, data, "bench_copy_")
        for table in data:
            cursor.execute(f'DROP TABLE "bench_copy_{table}"')
        connection.connection.commit()
    return seconds


def before_import_copy() -> str:
    """A copy of this database as it stands before the import (CREATE DATABASE … TEMPLATE): the same real
    tables, with their keys, triggers and indexes, that the baseline COPY then writes into."""
    import psycopg
    from django.db import connection
    from psycopg import sql

    name = connection.settings_dict["NAME"]
    clone = f"{name}_before"
    connection.close()  # a template database must have no other session
    with psycopg.connect(dbname="postgres", **_server(connection), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(clone)))
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(clone), sql.Identifier(name)))
    return clone


def _server(connection) -> dict:
    settings = connection.settings_dict
    return {
        key: value
        for key, value in (
            ("host", settings["HOST"]),
            ("port", settings["PORT"]),
            ("user", settings["USER"]),
            ("password", settings["PASSWORD"]),
        )
        if value
    }


def copy_into_real_tables(clone: str, data: dict[str, bytes]) -> float:
    """The COPY of the rows into the real tables of the copy made before the import (keys checked, triggers
    run, every index), then that copy dropped."""
    import psycopg
    from django.db import connection
    from psycopg import sql

    try:
        with psycopg.connect(dbname=clone, **_server(connection)) as target, target.cursor() as cursor:
            return copied_in(cursor, data)
    finally:
        with psycopg.connect(dbname="postgres", **_server(connection), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(clone)))


def worker(path: Path, dry_run: bool) -> dict:
    """One run in this (fresh) process and database: build the world, time the import (and on PostgreSQL
    the COPY of the same rows)."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    from dangvu.members.excel.importer import run_import
    from dangvu.members.models import Member

    user = build_world()
    marks = last_ids()
    postgres = connection.vendor == "postgresql" and not dry_run
    clone = before_import_copy() if postgres else None
    started, cpu_started = time.perf_counter(), time.process_time()
    result = run_import(path, path.name, user, dry_run=dry_run, today=TODAY)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if result.file_error or result.problems:
        raise SystemExit(f"The benchmark file did not import: {result.file_error or result.problems[:5]}")
    measured = {
        "rows": result.rows,
        "seconds": seconds,
        "cpu": cpu,
        "members": Member.objects.count(),
        "load": os.getloadavg()[0],
    }
    if postgres:
        data = exported(marks)
        real = copy_into_real_tables(clone, data)
        empty = copy_into_empty_copies(data)
        measured.update(
            copy_seconds=real,
            copy_ratio=seconds / real,
            copy_empty_seconds=empty,
            copy_empty_ratio=seconds / empty,
            copied={table: rows.count(b"\n") for table, rows in data.items()},
        )
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx", help="the kind of file imported")
    parser.add_argument("--dry-run", action="store_true", help="time the checking only")
    parser.add_argument(
        "--inline-strings",
        action="store_true",
        help="keep openpyxl's inline strings (slower to read) instead of Excel's shared strings",
    )
    parser.add_argument(
        "--database-url",
        help="postgres://user@host:port/NAME: run on PostgreSQL, in a new database NAME_run<n> per run "
        "(created and dropped by the script) instead of a fresh SQLite file; adds the COPY baseline",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

    if args.worker:
        print(json.dumps(worker(Path(args.worker), args.dry_run)))
        return

    with tempfile.TemporaryDirectory(prefix="dangvu-bench-") as folder:
        os.environ["DANGVU_VAR_DIR"] = folder
        import django

        django.setup()
        print(machine_line(machine("PostgreSQL" if is_postgres(args.database_url) else "SQLite")), flush=True)
        path = Path(folder) / f"dang-vien-{args.rows}.{args.format}"
        started = time.perf_counter()
        generate(path, args.rows)
        if args.format == "xlsx" and not args.inline_strings:
            to_shared_strings(path)
        print(
            f"Generated {args.rows:,} rows ({path.stat().st_size / 1e6:.1f} MB) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        timings, cpus, copies = [], [], []
        for run in range(1, args.runs + 1):
            measured = run_worker(__file__, path, Path(folder), run, args.database_url, args.dry_run)
            print(json.dumps(measured))
            assert args.dry_run or measured["members"] == args.rows, measured
            timings.append(measured["seconds"])
            cpus.append(measured["cpu"])
            print(
                f"run {run}: {measured['rows']:,} rows in {measured['seconds']:.2f} s = "
                f"{measured['rows'] / measured['seconds']:,.0f} rows/s (CPU {measured['cpu']:.2f} s; load average "
                f"{measured['load']:.1f} at the end)"
            )
            if "copy_seconds" in measured:
                copies.append(measured["copy_seconds"])
                tables = ", ".join(f"{rows:,} {table}" for table, rows in measured["copied"].items())
                print(
                    f"run {run}: COPY of the same rows ({tables}) into the real tables (keys, triggers, indexes) "
                    f"in {measured['copy_seconds']:.2f} s: import / COPY = {measured['copy_ratio']:.1f}, the import "
                    f"at {1 / measured['copy_ratio']:.0%} of COPY speed (target ≥ 50 %); into empty copies "
                    f"(indexes only) {measured['copy_empty_seconds']:.2f} s: ratio {measured['copy_empty_ratio']:.1f}"
                )
        median = statistics.median(timings)
        what = "checked (dry run)" if args.dry_run else "checked and imported"
        database = "PostgreSQL" if is_postgres(args.database_url) else "SQLite"
        baseline = ""
        if copies:
            copy = statistics.median(copies)
            baseline = (
                f"; median COPY into the real tables {copy:.2f} s, import / COPY = {median / copy:.1f} "
                f"({copy / median:.0%} of COPY speed)"
            )
        print(
            f"median of {len(timings)}: {args.rows:,} rows ({args.format}) {what} in {median:.2f} s = "
            f"{args.rows / median:,.0f} rows/s; database {database}; {os.cpu_count()} cores; "
            f"median CPU time {statistics.median(cpus):.2f} s{baseline}"
        )


if __name__ == "__main__":
    main()
