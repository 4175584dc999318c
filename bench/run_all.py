"""`make bench`: every benchmark script, one after the other (not tests; they print figures, not verdicts).

- bench/scale.py: queries, indicators, pages and load on the generated data set in DATABASE_URL;
- bench/pages.py: the main pages beside an empty logged-in page, with CPU per request, on the same data;
- bench/import_members.py and bench/reports.py, when present (written with the import and reports work);
- bench/dues.py: a province's dues month, its sheets and figures;
- bench/rating.py: a yearly rating round: the roster, the rating book exported and imported back, the figures.

Before each script it prints the load average and the machine's CPU reference loop (bench/harness.py), so
that every figure is read with the speed the machine had when it was measured.

BENCH_QUICK=1 runs each at a small size with few repetitions, as CI does to keep the scripts working; the
exit status is non-zero only when a script fails to run, never for a figure over its target.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import cpu_reference

HERE = Path(__file__).resolve().parent
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")

SCRIPTS = [
    (
        "scale.py",
        [
            "--runs",
            "3",
            "--users",
            "4",
            "--seconds",
            "5",
            "--members",
            "1000",
            "--output",
            str(Path(tempfile.gettempdir()) / "dangvu-bench"),
        ]
        if QUICK
        else [],
    ),
    (
        "pages.py",
        ["--users", "4", "--seconds", "2", "--output", str(Path(tempfile.gettempdir()) / "dangvu-bench")]
        if QUICK
        else [],
    ),
    ("import_members.py", ["--rows", "1000", "--runs", "1"] if QUICK else []),
    ("import_members.py", ["--rows", "1000", "--runs", "1", "--format", "csv"] if QUICK else ["--format", "csv"]),
    ("reports.py", ["--runs", "1"] if QUICK else []),
    ("import_tree.py", ["--rows", "300", "--runs", "1"] if QUICK else []),
    ("dues.py", ["--runs", "1"] if QUICK else []),
    ("rating.py", ["--rows", "300"] if QUICK else []),
]


def main() -> int:
    failures = []
    for name, args in SCRIPTS:
        path = HERE / name
        if not path.exists():
            print(f"== {name}: chưa có, bỏ qua")
            continue
        print(
            f"== {name} {' '.join(args)} (tải {os.getloadavg()[0]:.1f}, vòng lặp tham chiếu {cpu_reference()} s)",
            flush=True,
        )
        result = subprocess.run([sys.executable, str(path), *args], cwd=HERE.parent)
        if result.returncode != 0:
            # reports.py answers 1 when a figure misses its target or the demo data is absent: say so, go on.
            print(f"== {name}: mã thoát {result.returncode}")
            if name not in ("reports.py", "dues.py"):
                failures.append(name)
    if failures:
        print("Không chạy được: " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
