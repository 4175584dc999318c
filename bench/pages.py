"""Throughput of the main pages beside the stack's own ceiling (issue 21 §1–3), on the data in DATABASE_URL.

Measured in one run, side by side, through gunicorn on loopback (bench/bench_site.py: the site and an empty
logged-in page), as the office user of the largest province:
- the fixed cost of a logged-in page, in the process: the queries and CPU milliseconds of the empty page;
- the first request of a freshly started worker (what it imports on the way);
- each main page (member list with and without a filter, dashboard, organization page, tree level, member
  page, task list, meeting page), the empty page and the mix of all of them — once as a running server has
  them (what the pages keep, dangvu.core.cache.kept, is read again) and once with the data changing before every
  request (nothing kept is read again: the cost of a first view) —, each under `--users` concurrent
  connections for `--seconds`: requests per second, median and p95, errors, and CPU milliseconds per request
  of the application server and of the database server (PostgreSQL backends; SQLite runs in the application);
  the ratio of each to the empty page's requests per second.

Writes bench/results/pages-<members>.json (or --output) with the machine's description, and prints a table.
If the database holds no members, it first generates a small set (--members), so CI can run it at a small size
without verdicts.

    DATABASE_URL=postgres://…/dangvu_bench uv run python bench/pages.py [--users 20 --seconds 20]
"""

import argparse
import json
import os
import statistics
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
os.environ.setdefault("DANGVU_DEV", "1")

import django  # noqa: E402

django.setup()

from bench_site import EMPTY_PAGE  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from harness import (  # noqa: E402
    Server,
    bench_user,
    cpu_by_process,
    cpu_used,
    fetch,
    machine,
    machine_line,
    run_threads,
    session_cookie,
)

from dangvu.accounts.models import Role  # noqa: E402
from dangvu.core.cache import changed  # noqa: E402
from dangvu.meetings.models import Meeting  # noqa: E402
from dangvu.members.models import Member  # noqa: E402
from dangvu.organizations.models import Ancestry, Kind, Organization  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
APP = "bench_site:application"
TARGETS = {"mix ratio": 0.60, "p95": 0.150, "fixed queries": 2, "fixed cpu": 0.002, "first request": 0.300}


def province() -> Organization:
    """The province with the most organizations under it."""
    return Organization.objects.filter(kind=Kind.PROVINCE).annotate(n=Count("ancestry_down")).order_by("-n").first()


def pages(root: Organization) -> dict[str, str]:
    subtree = Ancestry.objects.filter(ancestor=root).values("descendant_id")
    member = Member.objects.filter(organization_id__in=subtree).exclude(status="left").order_by("pk").first()
    meeting = Meeting.objects.filter(organization_id__in=subtree).order_by("-date", "pk").first()
    found = {
        "member list": "/dang-vien/",
        "member list, filtered": f"/dang-vien/?to_chuc={root.code}&q=thi+hoa",
        "member list, page 2": "/dang-vien/?trang=2",
        "dashboard": "/tong-quan/",
        "organization page": f"/to-chuc/{root.code}/",
        "tree level": f"/to-chuc/{root.code}/con/",
        "task list": "/nhiem-vu/",
    }
    if member:
        found["member page"] = f"/dang-vien/{member.pk}/"
    if meeting:
        found["meeting page"] = f"/hoi-nghi/{meeting.pk}/"
    return found


def fixed_cost(user, requests: int) -> dict:
    """Queries and CPU of the empty logged-in page in this process (the session, user and mandates cached as
    a running server has them): the cost every page pays before its own work."""
    from django.conf import settings

    settings.ROOT_URLCONF, settings.ALLOWED_HOSTS = "bench_site", ["testserver"]
    client = Client()
    client.force_login(user)
    client.get(EMPTY_PAGE, secure=True)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(EMPTY_PAGE, secure=True)
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    batches = []
    for _ in range(3):
        started = time.process_time()
        for _ in range(requests):
            client.get(EMPTY_PAGE, secure=True)
        batches.append((time.process_time() - started) / requests)
    tables = {q["sql"].split('FROM "')[1].split('"')[0] for q in queries.captured_queries if 'FROM "' in q["sql"]}
    return {
        "queries": len(queries.captured_queries),
        "tables": sorted(tables),
        "cpu_ms": round(statistics.median(batches) * 1000, 2),
    }


def first_requests(cookie: str, paths: dict[str, str]) -> dict:
    """The first request of a freshly started single worker, for the member list and the dashboard."""
    found = {}
    for label in ("member list", "dashboard"):
        server = Server(workers=1, app=APP)
        try:
            status, elapsed = fetch(f"http://127.0.0.1:{server.port}{paths[label]}", cookie)
            found[label] = {"status": status, "seconds": round(elapsed, 3)}
        finally:
            server.stop()
    return found


def database_pids() -> list[int]:
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def load(server: Server, cookie: str, paths: list[str], users: int, seconds: float, cold: bool = False) -> dict:
    """`users` threads requesting `paths` in turn for `seconds`; `cold`: the data "changes" before every
    request (dangvu.core.cache.changed), so that nothing kept is read again."""
    base = f"http://127.0.0.1:{server.port}"
    times, errors = [], []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user(index: int) -> None:
        n = index
        while time.monotonic() < stop:
            if cold:
                changed()
            status, elapsed = fetch(base + paths[n % len(paths)], cookie)
            n += 1
            with lock:
                times.append(elapsed)
                if status != 200:
                    errors.append(status)

    app_pids = server.pids()
    app_before, db_before = cpu_by_process(app_pids), cpu_by_process(database_pids())
    elapsed = run_threads([threading.Thread(target=user, args=(i,)) for i in range(users)])
    app_used, db_used = cpu_used(app_before, app_pids), cpu_used(db_before, database_pids())
    ordered = sorted(times)
    count = len(ordered)
    return {
        "requests": count,
        "requests_per_second": round(count / elapsed, 1),
        "median_ms": round(statistics.median(ordered) * 1000, 1) if ordered else 0,
        "p95_ms": round(ordered[min(count - 1, max(0, round(0.95 * count) - 1))] * 1000, 1) if ordered else 0,
        "errors": len(errors),
        "error_statuses": sorted(set(errors))[:5],
        "app_cpu_ms": round(app_used / max(count, 1) * 1000, 2),
        "db_cpu_ms": round(db_used / max(count, 1) * 1000, 2),
    }


def run(users: int, seconds: float, workers: int) -> dict:
    root = province()
    user = bench_user("bench-office", role=Role.OFFICE, organization=root)
    paths = pages(root)
    cookie = session_cookie(user)
    report = {
        "province": root.code,
        "fixed_cost": fixed_cost(user, 200),
        "first_request": first_requests(cookie, paths),
    }
    server = Server(workers=workers, app=APP)
    results = {}
    try:
        every = [EMPTY_PAGE, *paths.values()]
        for path in every:  # each worker compiles its templates and opens its connection once
            for _ in range(workers * 2):
                fetch(f"http://127.0.0.1:{server.port}{path}", cookie)
        results["empty page"] = load(server, cookie, [EMPTY_PAGE], users, seconds)
        for label, path in paths.items():
            results[label] = load(server, cookie, [path], users, seconds)
        results["mix"] = load(server, cookie, list(paths.values()), users, seconds * 2)
        results["mix, nothing kept"] = load(server, cookie, list(paths.values()), users, seconds * 2, cold=True)
        results["empty page, again"] = load(server, cookie, [EMPTY_PAGE], users, seconds)
    finally:
        server.stop()
    ceiling = (
        statistics.mean(
            [results["empty page"]["requests_per_second"], results["empty page, again"]["requests_per_second"]]
        )
        or 1
    )
    for result in results.values():
        result["ratio"] = round(result["requests_per_second"] / ceiling, 2)
    report.update(paths=paths, users=users, seconds=seconds, workers=workers, results=results)
    return report


def table(report: dict) -> str:
    fixed, results = report["fixed_cost"], report["results"]
    lines = [
        machine_line(report["machine"]),
        f"Dữ liệu: {report['members']:,} đảng viên; tỉnh {report['province']}; {report['users']} kết nối đồng thời, "
        f"{report['seconds']} s mỗi trang, {report['workers']} tiến trình gunicorn",
        f"Chi phí cố định của một trang khi đã đăng nhập: {fixed['queries']} truy vấn ({', '.join(fixed['tables'])}), "
        f"{fixed['cpu_ms']} ms CPU (mục tiêu ≤ {TARGETS['fixed queries']} truy vấn, ≤ 2 ms)",
        "Yêu cầu đầu tiên của một tiến trình mới: "
        + ", ".join(f"{label} {found['seconds'] * 1000:.0f} ms" for label, found in report["first_request"].items())
        + " (mục tiêu ≤ 300 ms)",
        "",
        f"{'trang':<26}{'yc/s':>8}{'tỉ lệ':>7}{'trung vị':>10}{'p95':>9}{'lỗi':>5}{'CPU app':>9}{'CPU CSDL':>10}",
    ]
    for label, result in results.items():
        lines.append(
            f"{label:<26}{result['requests_per_second']:>8}{result['ratio']:>7}{result['median_ms']:>8} ms"
            f"{result['p95_ms']:>6} ms{result['errors']:>5}{result['app_cpu_ms']:>6} ms"
            f"{result['db_cpu_ms']:>7} ms"
        )
    mix = results["mix"]
    lines.append("")
    lines.append(
        f"Hỗn hợp: {mix['ratio']:.0%} số yêu cầu mỗi giây của trang trống (mục tiêu ≥ 60 %), p95 "
        f"{mix['p95_ms']} ms (mục tiêu < 150 ms), {mix['errors']} lỗi; khi dữ liệu đổi trước mỗi yêu cầu "
        f"(không dùng được số đã giữ): {results['mix, nothing kept']['ratio']:.0%}."
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--members", type=int, default=2000, help="members to generate when the database is empty")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results"))
    options = parser.parse_args()
    if not Member.objects.exists():
        call_command("generate_scale", members=options.members, provinces=1, verbosity=0)
    report = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "members": Member.objects.exclude(status="left").count(),
    }
    report.update(run(options.users, options.seconds, options.workers))
    report["load_average_at_end"] = os.getloadavg()[0]
    folder = Path(options.output)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"pages-{report['members']}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(table(report))
    return 0 if all(not r["errors"] for r in report["results"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
