"""Whether the member was registered in a cell on each event's date, kept by triggers of the database (see
`members.tally`): the reports read it instead of looking up the member's placements for every admission."""

from django.db import migrations, models

from dangvu.members import tally


def install(apps, schema_editor):
    tally.fill_registered(apps)
    tally.run_for_vendor(schema_editor, tally.REGISTERED_TRIGGERS)
    # SQLite adds a column that may not be null by copying the table into a new one, without its triggers.
    sqlite_only = {"sqlite": tally.province_triggers("members_memberevent")["sqlite"]}
    tally.run_for_vendor(schema_editor, sqlite_only)


def uninstall(apps, schema_editor):
    tally.run_for_vendor(schema_editor, tally.DROP_REGISTERED_TRIGGERS)


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0005_event_province'),
    ]

    operations = [
        migrations.AddField(
            model_name='memberevent',
            name='registered',
            field=models.BooleanField(default=True, editable=False),
        ),
        migrations.RunPython(install, uninstall),
    ]
