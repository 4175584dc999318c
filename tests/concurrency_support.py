"""Running work in threads released together, for the tests that show what PostgreSQL's row locks do when two
requests meet (SQLite serializes writers and cannot show it)."""

import threading

import pytest
from django.db import connection, connections


def at_once(work, count: int) -> list:
    """Run `work(i)` in `count` threads released together; each thread closes its own connection. The result
    of each is what `work` returned or the exception it raised."""
    barrier, results = threading.Barrier(count), [None] * count

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread met
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def needs_postgres(reason: str):
    return pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=f"{reason}: run with a PostgreSQL DATABASE_URL, as CI does; SQLite serializes writers and cannot "
        "show the race.",
    )
