"""Whether the member was registered in a cell on each event's date, kept by triggers of the database (see
`members.tally`): the reports read it instead of looking up the member's placements for every admission."""

from django.db import migrations, models

from dangvu.members import tally


def install(apps, schema_editor):
    tally.fill_registered(apps)  # the triggers that keep it are installed by 0008, as literal SQL


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
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
