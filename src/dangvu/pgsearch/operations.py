"""A migration operation that runs SQL on PostgreSQL only, and does nothing on other databases."""

from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    """`RunSQL` guarded by `connection.vendor == "postgresql"`."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
