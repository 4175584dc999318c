"""Benchmark of the organization tree's import (issue 14 §4: a 3,000-organization file, a large province,
imports in under 60 s on this machine).

Generates a valid tree file (by default 3,000 rows: 30 districts, 10 grassroots committees in each, the
rest cells, in shuffled order so that many children come before their parents), then for each run builds a
fresh database (migrate, `dangvu setup` of the province and its administrator) and times `run_tree_import`
as that administrator: reading, checking every row, and establishing every organization through the
actions (names, closure rows, lineage and audit events). Prints each run and the median.

    uv run python bench/import_tree.py                       # 3,000 rows, 3 runs, SQLite
    uv run python bench/import_tree.py --runs 1 --database-url postgres://postgres@127.0.0.1:5432/dangvu_bench
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import is_postgres, run_worker  # noqa: E402

TODAY = date(2024, 6, 1)
DISTRICTS, GRASSROOTS = 30, 10
TARGET_SECONDS = 60


def tree_rows(total: int, seed: int = 14) -> list[dict]:
    """Districts, grassroots committees and cells of one province, `total` rows in all, shuffled."""
    rows = []
    districts = min(DISTRICTS, max(1, total // 100))
    for d in range(1, districts + 1):
        rows.append(
            {
                "code": f"h{d:02d}",
                "name": f"Đảng bộ huyện Số {d}",
                "kind": "Đảng bộ huyện/thành phố/thị xã",
                "parent": "tinh",
                "committee": f"Huyện ủy Số {d}",
                "sign": "HU",
                "on": None,
            }
        )
        for g in range(1, GRASSROOTS + 1):
            rows.append(
                {
                    "code": f"h{d:02d}-x{g:02d}",
                    "name": f"Đảng bộ xã Số {g} huyện {d}",
                    "kind": "Đảng bộ cơ sở",
                    "sector": "Xã, phường, thị trấn",
                    "parent": f"h{d:02d}",
                    "committee": f"Đảng ủy xã Số {g}",
                    "sign": "ĐU",
                    "on": date(2000 + g, 1, 1),
                }
            )
    grassroots = [r["code"] for r in rows if r["kind"] == "Đảng bộ cơ sở"]
    serial = 0
    while len(rows) < total:
        parent = grassroots[serial % len(grassroots)]
        serial += 1
        rows.append(
            {
                "code": f"{parent}-cb{serial}",
                "name": f"Chi bộ thôn {serial}",
                "kind": "Chi bộ trực thuộc",
                "sector": "Khu dân cư",
                "parent": parent,
                "committee": "",
                "sign": "CB",
                "on": None,
                "former": f"Chi bộ xóm {serial} (đến 01/01/2020)" if serial % 7 == 0 else "",
            }
        )
    random.Random(seed).shuffle(rows)
    return rows[:total]


def generate(path: Path, total: int) -> None:
    from openpyxl import Workbook

    from dangvu.staff.tree_excel import COLUMNS, SHEET_NAME

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_NAME)
    sheet.append([c.header for c in COLUMNS])
    for row in tree_rows(total):
        sheet.append(
            [
                row["code"],
                row["name"],
                row["kind"],
                row.get("sector", ""),
                row["parent"],
                row["committee"],
                row["sign"],
                row["on"],
                "",
                row.get("former", ""),
            ]
        )
    book.save(path)


def worker(path: Path, dry_run: bool) -> dict:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from dangvu.organizations.models import Organization
    from dangvu.staff.setup import RootSpec, do_setup
    from dangvu.staff.tree_excel import run_tree_import

    user, _ = do_setup(
        username="quantri",
        password="Bench-Tree-2024",
        full_name="Quản trị",
        root=RootSpec(
            kind="province", name="Đảng bộ tỉnh Thử", committee_name="Tỉnh ủy Thử", code="tinh", committee_code="TU"
        ),
    )
    phases: dict[str, float] = {}
    started = time.perf_counter()

    def progress(phase: str, _done: int, _total: int | None) -> None:
        phases.setdefault(phase, time.perf_counter() - started)

    cpu_started = time.process_time()
    result = run_tree_import(path, path.name, user, dry_run=dry_run, today=TODAY, progress=progress)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if not result.ok:
        raise SystemExit(f"The benchmark file did not import: {result.file_error or result.problems[:5]}")
    return {
        "rows": result.rows,
        "seconds": seconds,
        "cpu": cpu,
        "organizations": Organization.objects.count(),
        "phase_starts": {k: round(v, 2) for k, v in phases.items()},
        "load": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dry-run", action="store_true", help="time the checking only")
    parser.add_argument("--database-url", help="postgres://user@host:port/NAME: a new database NAME_run<n> per run")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    if args.worker:
        print(json.dumps(worker(Path(args.worker), args.dry_run)))
        return
    with tempfile.TemporaryDirectory(prefix="dangvu-bench-tree-") as folder:
        os.environ["DANGVU_VAR_DIR"] = folder
        import django

        django.setup()
        path = Path(folder) / f"cay-to-chuc-{args.rows}.xlsx"
        generate(path, args.rows)
        timings = []
        for run in range(1, args.runs + 1):
            measured = run_worker(__file__, path, Path(folder), run, args.database_url, args.dry_run)
            assert args.dry_run or measured["organizations"] == args.rows + 1, measured
            timings.append(measured["seconds"])
            print(
                f"run {run}: {measured['rows']:,} organizations in {measured['seconds']:.2f} s "
                f"({measured['rows'] / measured['seconds']:,.0f}/s; CPU {measured['cpu']:.2f} s; phases start at "
                f"{measured['phase_starts']}; load average {measured['load']:.1f})"
            )
        median = statistics.median(timings)
        database = "PostgreSQL" if is_postgres(args.database_url) else "SQLite"
        what = "checked (dry run)" if args.dry_run else "checked and imported"
        print(
            f"{args.rows:,} organizations {what} on {database}: median {median:.2f} s over {args.runs} run(s) "
            f"(target under {TARGET_SECONDS} s: {'met' if median < TARGET_SECONDS else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
