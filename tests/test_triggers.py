"""The database triggers that keep derived member state are literal SQL in their migrations (members 0008,
work 0005), never built from live code: the migrated database carries exactly the triggers they declare (an
SQLite table rebuilt by a later migration would lose its triggers silently), and undoing them and migrating
again gives the same definitions, so a database upgraded step by step and a fresh one carry the same."""

import importlib
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

MIGRATIONS = [
    ("members", "0008_triggers_as_sql", "0007_person_outside_registry"),
    ("work", "0005_oversight_province_trigger_as_sql", "0004_course_result_dropped"),
]


def declared() -> set[str]:
    names = set()
    for app, name, _before in MIGRATIONS:
        module = importlib.import_module(f"dangvu.{app}.migrations.{name}")
        for statement in module.TRIGGERS[connection.vendor]:
            names.update(re.findall(r"CREATE TRIGGER (\w+)", statement))
    return names


def installed() -> dict[str, str]:
    """{trigger name: its definition (and its function's source on PostgreSQL)} of the project's tables."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("""SELECT t.tgname, pg_get_triggerdef(t.oid) || pg_get_functiondef(t.tgfoid)
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE NOT t.tgisinternal AND c.relname LIKE ANY (ARRAY['members\\_%', 'work\\_%'])""")
        return dict(cursor.fetchall())


@pytest.mark.django_db
def test_the_database_carries_exactly_the_declared_triggers():
    assert declared() and set(installed()) == declared()


@pytest.mark.django_db(transaction=True)
def test_undoing_and_migrating_again_gives_the_same_triggers():
    before = installed()
    for app, _name, previous in MIGRATIONS:
        call_command("migrate", app, previous, stdout=StringIO())
    assert set(installed()).isdisjoint(declared())
    call_command("migrate", stdout=StringIO())
    assert installed() == before
