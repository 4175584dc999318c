"""The events of a type in a period within one province (by the province its organization lies in now, kept by
`members.tally`), with what the counts read: a province's report reads its own range of this index instead of
the whole country's events of the period (national set, TP HCM, the six event indicators: 238 → 132 ms)."""

from django.db import migrations

from dangvu.pgsearch.operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [
        ("pgsearch", "0004_indicator_covering"),
        ("members", "0005_event_province"),
    ]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS pgsearch_memberevent_province ON members_memberevent "
            "(province_id, type, date) INCLUDE (organization_id, member_id, other_organization_id)",
            reverse_sql="DROP INDEX IF EXISTS pgsearch_memberevent_province",
        ),
    ]
