"""Trigram indexes on folded names: `name_folded LIKE '%nguyen van%'` uses an index instead of a scan."""

from django.db import migrations

from dangvu.pgsearch.operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_initial"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        PostgresOnlySQL("CREATE EXTENSION IF NOT EXISTS pg_trgm", reverse_sql=migrations.RunSQL.noop),
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS members_person_name_folded_trgm "
            "ON members_person USING gin (name_folded gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS members_person_name_folded_trgm",
        ),
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS organizations_organization_name_folded_trgm "
            "ON organizations_organization USING gin (name_folded gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS organizations_organization_name_folded_trgm",
        ),
    ]
