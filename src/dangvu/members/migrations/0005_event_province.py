"""Each member event's province now, set by a trigger of the database (see `members.tally`), for a province's
report indicators to read its own events only."""

import django.db.models.deletion
from django.db import migrations, models

from dangvu.members import tally


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0004_registered_counts'),
        ('organizations', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='memberevent',
            name='province',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization'),
        ),
        # the trigger that keeps it is installed by 0008, as literal SQL
        migrations.RunPython(lambda apps, schema_editor: tally.fill_provinces(apps.get_model("members", "MemberEvent")),
                             migrations.RunPython.noop),
    ]
