"""A covering index on current placements: member counts of a subtree read the index alone (index-only scan)
instead of fetching a table row per member. Measured on 5.6 million members: the member counts of the
largest province from 380 to 265 ms, of its 3,041 direct children from 744 to 483 ms."""

from django.db import migrations

from dangvu.pgsearch.operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [("pgsearch", "0001_trigram_names")]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS pgsearch_placement_covering "
            "ON members_placement (organization_id, valid_to, valid_from) INCLUDE (member_id)",
            reverse_sql="DROP INDEX IF EXISTS pgsearch_placement_covering",
        ),
    ]
