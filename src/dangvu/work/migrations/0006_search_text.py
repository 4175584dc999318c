"""The folded texts the work pickers search without diacritics ("dai hoi" finds "Đại hội"): `search_text` of
programmes (their title), their items (the content) and oversights (the content and the decision number),
filled for the rows written before by `core.text.fold`, as `work.search` keeps them since.

SQLite adds a column with a default by rebuilding the table, which drops its triggers: the oversight province
triggers of 0005 are installed again after the rebuild (and again after the rebuild that undoing this makes),
as literal SQL, the same as 0005's."""

from django.db import migrations, models

from dangvu.core.text import fold

BATCH = 2000

SQLITE_TRIGGERS = [
    """DROP TRIGGER IF EXISTS work_oversight_province_insert""",
    """DROP TRIGGER IF EXISTS work_oversight_province_update""",
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
]


def reinstall_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def _fill(model, fields, text):
    changed = []
    for row in model.objects.only("pk", *fields).iterator(chunk_size=BATCH):
        row.search_text = text(row)
        changed.append(row)
        if len(changed) >= BATCH:
            model.objects.bulk_update(changed, ["search_text"])
            changed = []
    model.objects.bulk_update(changed, ["search_text"])


def fill(apps, schema_editor):
    _fill(apps.get_model("work", "Programme"), ["title"], lambda p: fold(p.title))
    _fill(apps.get_model("work", "ProgrammeItem"), ["content"], lambda i: fold(i.content))
    _fill(apps.get_model("work", "Oversight"), ["content", "decision_number"],
          lambda o: fold(f"{o.content} {o.decision_number}"))


class Migration(migrations.Migration):

    dependencies = [
        ("work", "0005_oversight_province_trigger_as_sql"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, reinstall_triggers),
        migrations.AddField(
            model_name="oversight",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False,
                                   verbose_name="Nội dung, số quyết định để tìm (không dấu)"),
        ),
        migrations.AddField(
            model_name="programme",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="Tên để tìm (không dấu)"),
        ),
        migrations.AddField(
            model_name="programmeitem",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="Nội dung để tìm (không dấu)"),
        ),
        migrations.RunPython(reinstall_triggers, migrations.RunPython.noop),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
