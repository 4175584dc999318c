"""What the benchmark scripts share: the median of repeated calls, the fresh database (SQLite file or new
PostgreSQL database) of one run of a script's worker in its own process, the description of the machine, and
the application server with the logged-in session that the page benchmarks request through."""

import contextlib
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def timed(function, runs: int) -> tuple[float, object]:
    """The median wall time of `runs` calls of `function` and the last call's result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def is_postgres(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme in ("postgres", "postgresql", "pgsql")


@contextlib.contextmanager
def run_database(url: str | None, run: int, run_dir: Path) -> Iterator[None]:
    """The DATABASE_URL of one run: a SQLite file in its folder, or a new PostgreSQL database named after
    the URL's (NAME_run1…), created through the server's `postgres` database and dropped afterwards."""
    if not is_postgres(url):
        yield url or f"sqlite:///{run_dir / 'bench.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = f"{parts.path.strip('/') or 'dangvu_bench'}_run{run}"
    server = urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(server, autocommit=True) as admin:
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.errors.DuplicateDatabase:
            raise SystemExit(f"Database {name} already exists (left by an interrupted run?): drop it first.") from None
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def run_worker(script: str, path: Path, folder: Path, run: int, database_url: str | None, dry_run: bool) -> dict:
    """Run `script --worker path` in a new process on the fresh database of run `run` (its files in
    folder/run<n>) and answer the measures it printed as JSON on its last line."""
    env = dict(os.environ)
    run_dir = folder / f"run{run}"
    run_dir.mkdir()
    env["DANGVU_VAR_DIR"] = str(run_dir)
    command = [sys.executable, script, "--worker", str(path)] + (["--dry-run"] if dry_run else [])
    with run_database(database_url, run, run_dir) as env["DATABASE_URL"]:
        output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


# The machine ---------------------------------------------------------------------------------------------


def cpu_reference() -> float:
    """Seconds for a fixed pure-Python loop (median of 3): the same virtual machine type can run at very
    different speeds from one day to the next, and this says how fast this one ran."""
    times = []
    for _ in range(3):
        started, total = time.perf_counter(), 0
        for value in range(10_000_000):
            total += value
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def machine(database: str | None = None) -> dict:
    """The machine a figure was measured on: cores, processor, memory, Python, database (that of the
    default connection unless named), load, speed."""
    with open("/proc/meminfo") as handle:
        memory = handle.readline().split()[1]
    with open("/proc/cpuinfo") as handle:
        model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    if database is None:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
            database = cursor.fetchone()[0]
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "database": database.split(" on ")[0],
        "load_average_at_start": os.getloadavg()[0],
        "cpu_reference_s": cpu_reference(),
    }


def machine_line(described: dict) -> str:
    return (
        f"Máy: {described['cores']} nhân ({described['cpu']}), {described['memory_gb']} GB, Python "
        f"{described['python']}, {described['database']}; tải lúc bắt đầu {described['load_average_at_start']}"
        f", vòng lặp tham chiếu {described['cpu_reference_s']} s"
    )


# Pages through HTTP --------------------------------------------------------------------------------------

PAGE_TIMEOUT = 30  # seconds; a page slower than this counts as an error (status 0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie(user) -> str:
    """A logged-in session of `user`, created as the login page would."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def bench_user(username: str, *, role: str | None = None, organization=None) -> "User":
    """The benchmark's user: an administrator, or one with a mandate of `role` at `organization`."""
    from datetime import date

    from django.contrib.auth import get_user_model

    from dangvu.accounts import actions

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = actions.create_user(
            None,
            username=username,
            password=f"{username}-" + "x" * 12,
            full_name="Đo hiệu năng",
            is_superuser=role is None,
        )
        if role is not None:
            actions.grant_mandate(None, user, role=role, organization=organization, valid_from=date(2000, 1, 1))
    return user


class Server:
    """gunicorn serving the project on a loopback port, as in production (DEBUG off, static by the app).
    `app` is the WSGI application (the bench's own adds an empty logged-in page)."""

    def __init__(self, workers: int, app: str = "dangvu.wsgi", preload: bool = False):
        from django.conf import settings

        self.port = free_port()
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECRET_KEY": settings.SECRET_KEY,
            # the database gives up on a page's query when the benchmark has stopped waiting for it
            "PGOPTIONS": f"-c statement_timeout={PAGE_TIMEOUT * 1000}",
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{self.port}",
                "--pythonpath",
                str(Path(__file__).resolve().parent),
                "--log-level",
                "warning",
                *(["--preload"] if preload else []),
            ],
            env=env,
            cwd=Path(__file__).resolve().parent.parent,
            start_new_session=True,
        )
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/dang-nhap/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)

    def pids(self) -> list[int]:
        return [self.process.pid] + [
            int(p)
            for p in subprocess.run(
                ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
            ).stdout.split()
        ]

    def memory_mb(self) -> float:
        """Resident memory of the master and its workers."""
        total = 0
        for pid in self.pids():
            try:
                with open(f"/proc/{pid}/status") as handle:
                    total += next(int(line.split()[1]) for line in handle if line.startswith("VmRSS"))
            except (OSError, StopIteration):
                pass
        return round(total / 1024, 1)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a worker stuck in a long query
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)


def cpu_by_process(pids: list[int]) -> dict[int, float]:
    """User and system CPU seconds used so far by each of these processes (those that have ended are left out)."""
    ticks, used = os.sysconf("SC_CLK_TCK"), {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            used[pid] = (int(fields[11]) + int(fields[12])) / ticks
        except (OSError, IndexError, ValueError):
            pass
    return used


def cpu_used(before: dict[int, float], pids: list[int]) -> float:
    """CPU seconds these processes used since `before` (a process started since then counts from zero)."""
    return sum(now - before.get(pid, 0.0) for pid, now in cpu_by_process(pids).items())


def run_threads(threads: list) -> float:
    """Start the threads, wait for them all, answer the seconds they took."""
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect (to the login page) is an error here, not a page to follow."""

    def redirect_request(self, *args, **kwargs) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str, cookie: str) -> tuple[int, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    started = time.perf_counter()
    try:
        with OPENER.open(request, timeout=PAGE_TIMEOUT) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:  # timed out
        status = 0
    return status, time.perf_counter() - started
