"""Covering indexes for the report indicators at national scale (5.6 million members, 20 million events):
each indicator's rows are read from an index alone instead of from table rows scattered over the whole heap.

- Events of a type in a period, with what the counts read (organization, member, the other end of a
  transfer): `members.admitted` and the other event indicators stop reading 160,000 heap pages each.
- Placements by member and date: "was the member registered in a cell on the event's date" (admissions and
  recognitions) is an index probe per event instead of a hash of every placement.
- Closure rows by descendant and date, with the ancestor: the roll-up of facts to their subtrees probes the
  index alone.

Measured on the national data set, first 9 months of 2025, all provinces: `members.admitted` from 1.97 to
0.5 s, `members.badges_awarded` from 1.33 to 0.35 s (see /tmp/indicators_profile.txt of issue 6).
"""

from django.db import migrations

from dangvu.pgsearch.operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [
        ("pgsearch", "0003_member_name_trigram"),
        ("members", "0002_initial"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS pgsearch_memberevent_covering ON members_memberevent (type, date) "
            "INCLUDE (organization_id, member_id, other_organization_id)",
            reverse_sql="DROP INDEX IF EXISTS pgsearch_memberevent_covering",
        ),
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS pgsearch_placement_member_covering "
            "ON members_placement (member_id, valid_from) INCLUDE (valid_to)",
            reverse_sql="DROP INDEX IF EXISTS pgsearch_placement_member_covering",
        ),
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS pgsearch_ancestry_up_covering "
            "ON organizations_ancestry (descendant_id, valid_to, valid_from) INCLUDE (ancestor_id)",
            reverse_sql="DROP INDEX IF EXISTS pgsearch_ancestry_up_covering",
        ),
    ]
