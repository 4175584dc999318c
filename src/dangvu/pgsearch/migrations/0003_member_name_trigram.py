"""The member list's indexes on PostgreSQL (see `members.queries.member_list`):

- the (province, sort key, id) and (sort key, id) indexes of members.0003 again, with the folded name, status, cell and person
  included: the list's ids in Vietnamese name order, filtered by name fragment, status and scope, come from
  the index alone (an index-only scan reads about 8 million entries a second here), without visiting the rows;
- a trigram index on the folded name, for a rare fragment searched across the whole country, with finer
  statistics on that column so the planner can tell a rare fragment from a common one.
"""

from django.db import migrations

from dangvu.pgsearch.operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [
        ("pgsearch", "0002_placement_covering"),
        ("members", "0003_member_counts_and_list_keys"),
    ]

    operations = [
        PostgresOnlySQL(
            "DROP INDEX members_member_province_sort; "
            "CREATE INDEX members_member_province_sort ON members_member (province_id, sort_key, id) "
            "INCLUDE (name_folded, status, organization_id, person_id)",
            reverse_sql="DROP INDEX members_member_province_sort; "
            "CREATE INDEX members_member_province_sort ON members_member (province_id, sort_key, id)",
        ),
        PostgresOnlySQL(
            "DROP INDEX members_member_sort; "
            "CREATE INDEX members_member_sort ON members_member (sort_key, id) "
            "INCLUDE (name_folded, status, organization_id, person_id)",
            reverse_sql="DROP INDEX members_member_sort; "
            "CREATE INDEX members_member_sort ON members_member (sort_key, id)",
        ),
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS members_member_name_folded_trgm "
            "ON members_member USING gin (name_folded gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS members_member_name_folded_trgm",
        ),
        PostgresOnlySQL(
            "ALTER TABLE members_member ALTER COLUMN name_folded SET STATISTICS 1000",
            reverse_sql="ALTER TABLE members_member ALTER COLUMN name_folded SET STATISTICS -1",
        ),
        # Statistics for the columns members.0003 has just filled (autovacuum would take a while).
        PostgresOnlySQL("ANALYZE members_member", reverse_sql=migrations.RunSQL.noop),
    ]
