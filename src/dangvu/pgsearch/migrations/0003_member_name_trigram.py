"""The member list's own trigram index on the folded name, with finer statistics on that column so the
planner can tell a rare name fragment (use the trigram index) from a common one (walk the name order)."""

from django.db import migrations

from dangvu.pgsearch.operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [
        ("pgsearch", "0002_placement_covering"),
        ("members", "0003_member_counts_and_list_keys"),
    ]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS members_member_name_folded_trgm "
            "ON members_member USING gin (name_folded gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS members_member_name_folded_trgm",
        ),
        PostgresOnlySQL(
            "ALTER TABLE members_member ALTER COLUMN name_folded SET STATISTICS 1000",
            reverse_sql="ALTER TABLE members_member ALTER COLUMN name_folded SET STATISTICS -1",
        ),
    ]
