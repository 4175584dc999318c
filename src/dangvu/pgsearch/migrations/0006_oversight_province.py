"""The oversights begun in a period within one province (by the province their performing organization lies in
now, kept by `members.tally`), with what the counts read: a province's report reads its own range of this index
instead of every oversight of the period in the country."""

from django.db import migrations

from dangvu.pgsearch.operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [
        ("pgsearch", "0005_event_province"),
        ("work", "0003_oversight_province"),
    ]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS pgsearch_oversight_province ON work_oversight "
            "(province_id, start_date) INCLUDE (activity, kind, organization_id, id)",
            reverse_sql="DROP INDEX IF EXISTS pgsearch_oversight_province",
        ),
    ]
