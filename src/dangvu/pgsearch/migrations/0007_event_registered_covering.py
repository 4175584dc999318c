"""The two covering indexes of member events carry `registered` too, so that the event figures are still read from
the indexes alone."""

from django.db import migrations

from dangvu.pgsearch.operations import PostgresOnlySQL

COVERING = {
    "pgsearch_memberevent_covering": "(type, date)",
    "pgsearch_memberevent_province": "(province_id, type, date)",
}


def index(name: str, columns: str, included: str) -> str:
    return f"CREATE INDEX {name} ON members_memberevent {columns} INCLUDE ({included})"


class Migration(migrations.Migration):
    dependencies = [
        ("pgsearch", "0006_oversight_province"),
        ("members", "0006_event_registered"),
    ]

    operations = [
        PostgresOnlySQL(
            [f"DROP INDEX IF EXISTS {name}" for name in COVERING]
            + [index(name, columns, "organization_id, member_id, other_organization_id, registered")
               for name, columns in COVERING.items()],
            reverse_sql=[f"DROP INDEX IF EXISTS {name}" for name in COVERING]
            + [index(name, columns, "organization_id, member_id, other_organization_id")
               for name, columns in COVERING.items()],
        ),
    ]
