"""What the benchmark scripts share: the median of repeated calls, and the fresh database (SQLite file or new
PostgreSQL database) of one run of a script's worker in its own process."""

import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


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
def run_database(url: str | None, run: int, run_dir: Path):
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
