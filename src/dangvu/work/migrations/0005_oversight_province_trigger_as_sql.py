"""The trigger that sets each oversight's province from its performing organization, as literal SQL written
here (never imported from live code; see members 0008): installed anew on every database.
"""

from django.db import migrations

TRIGGERS = {
    "postgresql": [
        """CREATE OR REPLACE FUNCTION work_oversight_province() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.province_id := (SELECT a.ancestor_id FROM organizations_ancestry a
JOIN organizations_organization o ON o.id = a.ancestor_id
WHERE a.descendant_id = NEW.organization_id AND a.valid_to = '9999-12-31' AND o.kind = 'province'
ORDER BY a.depth LIMIT 1);
            RETURN NEW;
        END $$""",
        """CREATE TRIGGER work_oversight_province BEFORE INSERT OR UPDATE OF organization_id
ON work_oversight FOR EACH ROW EXECUTE FUNCTION work_oversight_province()""",
    ],
    "sqlite": [
        """CREATE TRIGGER work_oversight_province_insert AFTER INSERT ON work_oversight
        BEGIN
            UPDATE work_oversight SET province_id = (SELECT a.ancestor_id FROM organizations_ancestry a
JOIN organizations_organization o ON o.id = a.ancestor_id
WHERE a.descendant_id = NEW.organization_id AND a.valid_to = '9999-12-31' AND o.kind = 'province'
ORDER BY a.depth LIMIT 1) WHERE id = NEW.id;
        END""",
        """CREATE TRIGGER work_oversight_province_update AFTER UPDATE OF organization_id ON work_oversight
        BEGIN
            UPDATE work_oversight SET province_id = (SELECT a.ancestor_id FROM organizations_ancestry a
JOIN organizations_organization o ON o.id = a.ancestor_id
WHERE a.descendant_id = NEW.organization_id AND a.valid_to = '9999-12-31' AND o.kind = 'province'
ORDER BY a.depth LIMIT 1) WHERE id = NEW.id;
        END""",
    ],
}

DROP = {
    "postgresql": [
        """DROP FUNCTION IF EXISTS work_oversight_province() CASCADE""",
    ],
    "sqlite": [
        """DROP TRIGGER IF EXISTS work_oversight_province_insert""",
        """DROP TRIGGER IF EXISTS work_oversight_province_update""",
    ],
}


def install(apps, schema_editor):
    """Drop what an earlier version installed (built then from live code), then install these."""
    for statement in DROP.get(schema_editor.connection.vendor, []) + TRIGGERS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    for statement in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("work", "0004_course_result_dropped"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
    ]
