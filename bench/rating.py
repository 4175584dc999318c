"""Benchmark of the yearly rating (issue 18: a province's round of 100,000 members imported in under 60 s and
its figures in under 0.5 s on PostgreSQL).

Builds a fresh database (the members import benchmark's tree of 100 cells under a city, and --rows members
recorded in bulk, not timed), then times: opening the 2023 round (the roster at the cut-off), exporting the
rating book as the office user, importing the filled book (self-assessment, the cell's proposal and the
decision of every member, all judged and written in one go), and the figures of the city (the rating
indicators of a yearly report, first call and the median of 5). Prints each time; with --runs N, each run
on a fresh database, then the medians. --profile prints the import's profile (cProfile) on stderr.

    uv run python bench/rating.py --rows 2000 --runs 3
    uv run python bench/rating.py --rows 100000 --database-url postgres://postgres@127.0.0.1:5432/dangvu_bench
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from harness import run_database  # noqa: E402
from import_members import build_world, cell_code  # noqa: E402

YEAR = 2023
CELLS = [(w, c) for w in range(20) for c in range(5)]


def members(rows: int) -> None:
    from dangvu.members.bulk import MemberSpec, create_members_bulk
    from dangvu.organizations.models import Organization

    cells = {o.code: o for o in Organization.objects.filter(code__in=[cell_code(w, c) for w, c in CELLS])}
    specs = []
    for i in range(rows):
        w, c = CELLS[i % len(CELLS)]
        specs.append(
            MemberSpec(
                family_name="Nguyễn",
                middle_name="Văn",
                given_name=f"Thử{i}",
                gender="male",
                birth_date=date(1950 + i % 30, 1 + i % 12, 1 + i % 28),
                organization=cells[cell_code(w, c)],
                admitted_on=date(2010, 1, 1),
                official_on=date(2011, 1, 1),
            )
        )
    for start in range(0, rows, 20_000):
        create_members_bulk(None, specs[start : start + 20_000], today=date(2023, 6, 1))


def fill(path: Path) -> None:
    """Every row self-assessed, proposed by its cell (all its members at the meeting, all in favour) and
    decided: every tenth member of a cell "xuất sắc", the others "hoàn thành tốt" (so each deciding body stays
    within the cap of a fifth, at any size)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["Đảng viên"]
    col = {c.value: c.column for c in sheet[1]}
    cells = [sheet.cell(row, col["Chi bộ"]).value for row in range(2, sheet.max_row + 1)]
    size, seen = Counter(cells), Counter()
    for row, cell in enumerate(cells, 2):
        seen[cell] += 1
        grade = "Hoàn thành xuất sắc nhiệm vụ" if seen[cell] % 10 == 0 else "Hoàn thành tốt nhiệm vụ"
        for header, value in (
            ("Ngày tự kiểm điểm", "20/11/2023"),
            ("Tự xếp loại", grade),
            ("Ngày chi bộ họp", "05/12/2023"),
            ("Chi bộ đề xuất", grade),
            ("Dự họp", size[cell]),
            ("Tán thành", size[cell]),
            ("Xếp loại", grade),
            ("Số quyết định", "20-QĐ/ĐU"),
            ("Ngày quyết định", "20/12/2023"),
        ):
            sheet.cell(row, col[header]).value = value
    book.save(path)


def worker(rows: int, folder: Path, profile: bool = False) -> dict:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from dangvu.accounts.scope import scope_for
    from dangvu.organizations.models import Organization
    from dangvu.rating import actions, excel
    from dangvu.reports.figures import values_of
    from dangvu.reports.indicators import REGISTRY
    from dangvu.reports.indicators.base import computing
    from dangvu.reports.periods import year as year_period

    user = build_world()
    started = time.perf_counter()
    members(rows)
    measured = {"rows": rows, "members_setup": time.perf_counter() - started}
    scope = scope_for(user, on=date(2024, 1, 1))
    city = Organization.objects.get(code="phuly")
    started = time.perf_counter()
    round_ = actions.open_round(
        scope, organization=city, year=YEAR, cutoff_on=date(YEAR, 12, 1), today=date(2024, 2, 1)
    )
    measured["open_round"] = time.perf_counter() - started
    started = time.perf_counter()
    path = folder / "so-xep-loai.xlsx"
    path.write_bytes(excel.book(scope, round_))
    measured["export_book"] = time.perf_counter() - started
    fill(path)
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    outcome = excel.import_results(scope, round_, path, path.name)
    measured["import"] = time.perf_counter() - started
    if profiler:
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
    if rows and not outcome.ok:  # an empty book is refused as a file without rows
        raise SystemExit(f"The benchmark book did not import: {outcome.file_error} {outcome.problems[:5]}")
    if outcome.updated != rows or outcome.written != bool(rows):
        raise SystemExit(f"The benchmark book changed {outcome.updated} ratings, not {rows}.")
    keys = [k for k in REGISTRY if k.startswith("rating.")]
    times = []
    for _ in range(6):
        started = time.perf_counter()
        with computing():
            found = values_of(city, year_period(YEAR), keys)
        times.append(time.perf_counter() - started)
    measured.update(
        figures_first=times[0],
        figures_median=statistics.median(times[1:]),
        phrase=found["rating.members_phrase"],
        load=os.getloadavg()[0],
    )
    return measured


def _run(args, run: int, folder: Path) -> dict:
    """One run of the worker in its own process, on a fresh database."""
    run_dir = folder / f"run{run}"
    run_dir.mkdir()
    with run_database(args.database_url, run, run_dir) as url:
        env = {**os.environ, "DATABASE_URL": url, "DANGVU_VAR_DIR": str(run_dir)}
        out = subprocess.run(
            [sys.executable, __file__, "--worker", "--rows", str(args.rows), *(["--profile"] if args.profile else [])],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1, help="runs, each on a fresh database; medians printed")
    parser.add_argument("--database-url")
    parser.add_argument("--profile", action="store_true", help="print the import's profile (cProfile) on stderr")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
    if args.worker:
        print(json.dumps(worker(args.rows, Path(os.environ["DANGVU_VAR_DIR"]), args.profile)))
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="dangvu-bench-") as folder:
        for run in range(1, args.runs + 1):
            result = _run(args, run, Path(folder))
            results.append(result)
            print(
                f"{result['rows']:,} members ({'PostgreSQL' if args.database_url else 'SQLite'}, run {run}, "
                f"load {result['load']:.1f})"
            )
            print(f"  members recorded (setup, not timed): {result['members_setup']:.1f} s")
            print(f"  open the round (roster):  {result['open_round']:.2f} s")
            print(f"  export the rating book:   {result['export_book']:.2f} s")
            print(f"  import the filled book:   {result['import']:.2f} s   (target < 60 s)")
            print(
                f"  figures of the city:      first {result['figures_first']:.3f} s, "
                f"median {result['figures_median']:.3f} s   (target < 0.5 s)"
            )
            print(f"  {result['phrase']}", flush=True)
    if args.runs > 1:

        def median(key: str) -> float:
            return statistics.median(r[key] for r in results)

        print(
            f"median of {args.runs} runs: open {median('open_round'):.2f} s, export {median('export_book'):.2f} s, "
            f"import {median('import'):.2f} s, figures {median('figures_median'):.3f} s"
        )


if __name__ == "__main__":
    main()
