"""Benchmarks at scale (issue 6 §4), on the data set of `dangvu generate_scale` in DATABASE_URL (not a test).

Measures, each as median and 95th percentile over repeated runs:
- member search by a diacritics-insensitive name fragment within a province (the member list's query and
  paginator, first page of 20, as the page reads it);
- subtree counts: members of a province, and of each organization directly under it (`member_counts`);
- the report indicators (`reports.figures.values`, when the reports app has it) for the country (every
  province), one province (and the province with the generated cell meetings, and the one of median size),
  five communes and five cells taken in turn (with the time of the first call of the process, which
  compiles the statements), each beside the one hand-written SQL statement of bench/hand_sql.py for the same
  numbers (PostgreSQL);
- through HTTP against a real application server (gunicorn on loopback): the member list page (first page,
  Vietnamese name order, filtered by the province), the organization tree page and the province's children;
- a load of N concurrent users (threads) on the member list and dashboard pages: requests per second,
  p95, errors, and the server's memory.

Writes the results with the machine's description to bench/results/scale-<N>.json and prints a table.
If the database holds no members, it first generates a small set (--members, default 2,000), so CI can run
it at a small N without timing assertions.

    DATABASE_URL=postgres://…/dangvu_bench uv run python bench/scale.py [--runs 20] [--users 20 --seconds 60]
"""

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from harness import Server, bench_user, fetch, machine, run_threads, session_cookie  # noqa: E402

from dangvu.accounts.scope import Scope  # noqa: E402
from dangvu.core.text import number  # noqa: E402
from dangvu.core.web import ListPaginator  # noqa: E402
from dangvu.meetings.models import Meeting  # noqa: E402
from dangvu.members.models import Member  # noqa: E402
from dangvu.members.queries import MemberFilter, known_total, member_list  # noqa: E402
from dangvu.organizations.models import Kind, Organization  # noqa: E402
from dangvu.organizations.queries import children, member_counts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FRAGMENTS = [
    "nguyen van",
    "thi hoa",
    "tuan",
    "hoang minh",
    "le thi thu",
    "duc",
    "pham",
    "trang",
    "van hung",
    "ngoc anh",
    "tran quoc",
    "dang thi",
    "huyen",
    "bui van",
    "vu duc",
    "khanh",
]
TARGETS = {  # seconds, from issue 6 §4
    "search p50": 0.050,
    "search p95": 0.150,
    "page p95": 0.200,
    "indicators country": 3.0,
    "indicators province": 0.5,
    "indicators commune": 0.1,
}


class Admin:
    """The benchmark reads as an administrator: no scope filter beyond the one a page adds."""

    is_superuser = True
    is_authenticated = True
    is_active = True


def stats(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"median": statistics.median(ordered), "p95": p95, "runs": len(ordered)}


def timed(function, runs: int) -> dict:
    function()  # warm the caches once, as a server that has run for a while has them
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return stats(times)


def dataset() -> dict:
    counts = {"members": Member.objects.exclude(status="left").count()}
    for kind in (Kind.PROVINCE, Kind.COMMUNE, Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL, Kind.CELL):
        counts[kind.value] = Organization.objects.filter(kind=kind).count()
    return counts


# Query benchmarks -------------------------------------------------------------------------------------


def bench_queries(province: Organization, runs: int) -> dict:
    scope = Scope(user=Admin())
    results = {}
    rng = random.Random(1)

    def search():
        text = rng.choice(FRAGMENTS)
        return list(ListPaginator(member_list(scope, MemberFilter(text=text, organization=province)), 20).get_page(1))

    def first_page():
        flt = MemberFilter(organization=province)
        return list(ListPaginator(member_list(scope, flt), 50, total=known_total(scope, flt)).get_page(1))

    # As the member list page reads them: a page's ids from the index, then its rows.
    results["search in province (first 20)"] = timed(search, runs)
    results["member list first page, province"] = timed(first_page, runs)
    results["member list count, province"] = timed(
        lambda: known_total(scope, MemberFilter(organization=province)), max(3, runs // 4)
    )
    kids = list(children(province))
    results["subtree count, province"] = timed(lambda: member_counts([province]), runs)
    results[f"subtree counts, {len(kids)} children"] = timed(lambda: member_counts(kids), max(3, runs // 4))
    return results


def bench_indicators(province: Organization, runs: int) -> tuple[dict, dict]:
    """Every report indicator for the country, a province, a commune and a cell, through the registry (the
    ORM, as reports compute them); and beside each the one hand-written SQL statement for the same numbers
    (bench/hand_sql.py, PostgreSQL), run alternately with it (each first in turn), and whether both give the
    same numbers. Both sides compute the same keys: the registry's, or those of them the hand SQL answers
    when it lacks some (then counted in the result and listed among the differences)."""
    try:
        from dangvu.reports import figures
        from dangvu.reports.indicators import REGISTRY
        from dangvu.reports.periods import first_months
    except ImportError as error:
        return {"skipped": f"reports not available: {error}"}, {}
    from hand_sql import OUTSIDE_SQL, SQL_KEYS, hand_values, same

    today = date.today()
    period = first_months(today.year, 9) if today.month > 9 else first_months(today.year - 1, 9)
    # Five communes and five cells, taken in turn: the registry reuses its compiled statements from one
    # organization to the next (`dangvu.core.statements`), never an answer.
    communes = list(Organization.objects.filter(kind=Kind.COMMUNE, parent=province).order_by("pk")[:5])
    cells = list(Organization.objects.filter(kind=Kind.CELL, parent__in=communes).order_by("pk")[:5])
    # The generator records cell meetings in one province: measure it too when it is not the largest.
    meeting_org = Meeting.objects.values_list("organization_id", flat=True).first()
    with_meetings = (
        Organization.objects.filter(kind=Kind.PROVINCE, ancestry_down__descendant_id=meeting_org)
        .exclude(pk=province.pk)
        .first()
    )
    provinces = list(Organization.objects.filter(kind=Kind.PROVINCE).values_list("pk", flat=True))
    scopes = {
        f"country ({len(provinces)} provinces)": ([provinces], max(3, runs // 10)),
        "province": ([[province.pk]], max(3, runs // 4)),
    }
    if with_meetings:
        scopes[f"province with cell meetings ({with_meetings.name})"] = ([[with_meetings.pk]], max(3, runs // 4))
    # The province measured above is the largest; the province has about 100,000 members.
    sizes = sorted((n, pk) for pk, n in member_counts(Organization.objects.filter(pk__in=provinces)).items())
    median_size, median = sizes[len(sizes) // 2] if sizes else (0, province.pk)
    if median not in (province.pk, getattr(with_meetings, "pk", None)):
        scopes[f"province of median size ({number(median_size)} members)"] = ([[median]], max(3, runs // 4))
    for label, orgs in ((f"commune ({len(communes)} in turn)", communes), (f"cell ({len(cells)} in turn)", cells)):
        if orgs:
            # (their statements take milliseconds, and a median of five moved by 30 % from run to run)
            scopes[label] = ([[org.pk] for org in orgs], max(10, runs * 2))
    on_postgresql = connection.vendor == "postgresql"
    answered = [key for key in REGISTRY if key in SQL_KEYS or key in OUTSIDE_SQL]
    keys = answered if on_postgresql and len(answered) < len(REGISTRY) else None  # None: all of them
    indicators, hand = {}, {}
    for label, (asked, repeat) in scopes.items():
        started = time.perf_counter()
        orm_values = [figures.values(ids, period, keys) for ids in asked]
        first = (time.perf_counter() - started) / len(asked)  # with the statements' first compilation
        differences = None
        if on_postgresql:
            differences = [
                d
                for ids, found in zip(asked, orm_values, strict=True)
                for d in same(figures.values(ids, period) if keys else found, hand_values(ids, period), ids)
            ]
        orm_times, sql_times = [], []
        # alternately, each first in turn, so that both meet the same state of the machine and of its caches
        for run in range(max(repeat, len(asked))):
            ids = asked[run % len(asked)]
            measures = [(orm_times, lambda ids=ids: figures.values(ids, period, keys))]
            if on_postgresql:
                measures.append((sql_times, lambda ids=ids: hand_values(ids, period)))
            for times, compute in measures if run % 2 == 0 else measures[::-1]:
                started = time.perf_counter()
                compute()
                times.append(time.perf_counter() - started)
        indicators[f"indicators {label}"] = {**stats(orm_times), "first_call_ms": round(first * 1000, 1)}
        if on_postgresql:
            orm_stats, sql_stats = stats(orm_times), stats(sql_times)
            hand[f"all indicators, {label}"] = {
                "orm": orm_stats,
                "sql": sql_stats,
                "keys": len(answered),
                "registry_keys": len(REGISTRY),
                "same_numbers": not differences,
                "differences": differences[:5],
                "ratio": round(orm_stats["median"] / max(sql_stats["median"], 1e-6), 2),
            }
    return indicators, hand


# HTTP benchmarks --------------------------------------------------------------------------------------


def bench_http(province: Organization, runs: int, users: int, seconds: int) -> dict:
    cookie = session_cookie(bench_user("bench-admin"))
    server = Server(workers=max(2, os.cpu_count() or 2))
    base = f"http://127.0.0.1:{server.port}"
    pages = {
        "page: member list, province, Vietnamese order": f"/dang-vien/?to_chuc={province.code}",
        "page: member list, search in province": f"/dang-vien/?to_chuc={province.code}&q=thi+hoa",
        "page: organization tree": "/to-chuc/",
        "page: province's children (tree level)": f"/to-chuc/{province.code}/con/",
        "page: province": f"/to-chuc/{province.code}/",
        "page: dashboard": "/tong-quan/",
    }
    results, errors = {}, {}
    try:
        for label, path in pages.items():
            status, first = fetch(base + path, cookie)
            if status != 200:  # too slow or failing: one measurement says it, repeating would not help
                results[label] = {**stats([first]), "status": status}
                errors[label] = [status]
                continue
            statuses = []

            def get(path=path, statuses=statuses):
                status, _ = fetch(base + path, cookie)
                statuses.append(status)

            results[label] = timed(get, runs)
            bad = [s for s in statuses if s != 200]
            if bad:
                errors[label] = bad[:5]
        if users and seconds:
            results["load"] = load(base, cookie, province, users, seconds, server)
    finally:
        server.stop()
    if errors:
        results["errors"] = errors
    return results


def load(base: str, cookie: str, province: Organization, users: int, seconds: int, server: Server) -> dict:
    """`users` threads, each requesting the member list and the dashboard in turn for `seconds`."""
    paths = [f"/dang-vien/?to_chuc={province.code}", "/tong-quan/", f"/dang-vien/?to_chuc={province.code}&trang=2"]
    times, errors, peak = [], [0], [0.0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def user(index: int):
        n = index
        while time.monotonic() < stop:
            status, elapsed = fetch(base + paths[n % len(paths)], cookie)
            n += 1
            with lock:
                times.append(elapsed)
                if status != 200:
                    errors[0] += 1

    def watch():
        while time.monotonic() < stop:
            peak[0] = max(peak[0], server.memory_mb())
            time.sleep(1)

    elapsed = run_threads(
        [threading.Thread(target=user, args=(i,)) for i in range(users)] + [threading.Thread(target=watch)]
    )
    summary = stats(times) if times else {"median": 0, "p95": 0, "runs": 0}
    return {
        **summary,
        "users": users,
        "seconds": round(elapsed, 1),
        "requests": len(times),
        "requests_per_second": round(len(times) / elapsed, 1),
        "errors": errors[0],
        "server_memory_mb": peak[0],
    }


# Output -----------------------------------------------------------------------------------------------


def verdict(label: str, result: dict) -> str:
    if "search" in label and "page" not in label:
        ok = result["median"] < TARGETS["search p50"] and result["p95"] < TARGETS["search p95"]
        return "ok" if ok else "QUÁ (50/150 ms)"
    if label.startswith("page:"):
        return "ok" if result["p95"] < TARGETS["page p95"] else "QUÁ (200 ms p95)"
    for scope in ("country", "province", "commune"):
        if label.startswith(f"indicators {scope}"):
            target = TARGETS[f"indicators {scope}"]
            return "ok" if result["median"] < target else f"QUÁ ({target} s)"
    return ""


def table(report: dict) -> str:
    lines = [
        f"Máy: {report['machine']['cores']} nhân ({report['machine']['cpu']}), "
        f"{report['machine']['memory_gb']} GB RAM, {report['machine']['database']}; "
        f"tải trung bình lúc bắt đầu {report['machine']['load_average_at_start']:.1f}; "
        f"vòng lặp Python chuẩn {report['machine'].get('cpu_reference_s', '?')} s",
        "Dữ liệu: " + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in report["dataset"].items()),
        f"{'phép đo':48} {'trung vị':>10} {'p95':>10}  {'lần':>4}  mục tiêu",
    ]
    for group in ("queries", "indicators", "http"):
        for label, result in report.get(group, {}).items():
            if not isinstance(result, dict) or "median" not in result:
                continue
            note = f"  LỖI/QUÁ HẠN {result['status']}" if "status" in result else ""
            if "first_call_ms" in result:
                note += f"  (lần đầu {result['first_call_ms']} ms)"
            lines.append(
                f"{label:48} {result['median'] * 1000:8.1f}ms {result['p95'] * 1000:8.1f}ms  "
                f"{result['runs']:4d}  {verdict(label, result)}{note}"
            )
    for label, result in report.get("hand_sql", {}).items():
        if isinstance(result, dict):
            orm, sql = result["orm"]["median"] * 1000, result["sql"]["median"] * 1000
            keys = result.get("keys", 0)
            partial = f"  ({keys}/{result['registry_keys']} chỉ tiêu)" if keys < result.get("registry_keys", 0) else ""
            lines.append(
                f"{label:48} ORM {orm:8.1f}ms  SQL {sql:8.1f}ms  tỷ lệ {result['ratio']}{partial}"
                f"{'' if result['same_numbers'] else '  SỐ KHÁC NHAU'}"
            )
    load_result = report.get("http", {}).get("load")
    if load_result:
        lines.append(
            f"tải {load_result['users']} người dùng × {load_result['seconds']} s: "
            f"{load_result['requests_per_second']} yêu cầu/giây, p95 {load_result['p95'] * 1000:.0f} ms, "
            f"{load_result['errors']} lỗi, bộ nhớ máy chủ {load_result['server_memory_mb']} MB"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="repetitions of each measurement")
    parser.add_argument("--members", type=int, default=2000, help="members to generate when the database is empty")
    parser.add_argument("--users", type=int, default=20, help="concurrent users of the load test (0: none)")
    parser.add_argument("--seconds", type=int, default=60, help="length of the load test")
    parser.add_argument("--no-http", action="store_true", help="skip the pages and the load test")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if not Member.objects.exists():
        print(f"Cơ sở dữ liệu chưa có đảng viên: sinh {args.members:,} đảng viên.".replace(",", "."))
        call_command("generate_scale", members=args.members, seed=1, provinces=34)
    province = max(Organization.objects.filter(kind=Kind.PROVINCE), key=lambda p: member_counts([p]).get(p.pk, 0))
    report = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "dataset": dataset(),
        "province": {
            "code": province.code,
            "name": province.name,
            "members": member_counts([province]).get(province.pk, 0),
        },
    }
    output = Path(args.output)
    output.mkdir(parents=True, exist_ok=True)
    path = output / f"scale-{report['dataset']['members']}.json"
    sections = {
        "queries": lambda: bench_queries(province, args.runs),
        ("indicators", "hand_sql"): lambda: bench_indicators(province, args.runs),
    }
    if not args.no_http:
        sections["http"] = lambda: bench_http(province, args.runs, args.users, args.seconds)
    for name, run in sections.items():
        print(f"… {name}", flush=True)
        if isinstance(name, tuple):
            report.update(zip(name, run(), strict=True))
        else:
            report[name] = run()
        report["machine"]["load_average_at_end"] = os.getloadavg()[0]
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str))  # kept if a later one fails
    print(table(report))
    print(f"Kết quả: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
