"""Each cell's open placements, kept by triggers of the database (see `members.tally`), for the member count
of a subtree on any day (`members.total`)."""

import django.db.models.deletion
from django.db import migrations, models

from dangvu.members import tally


def install(apps, schema_editor):
    tally.recount_registered(apps)  # the triggers that keep the counts are installed by 0008, as literal SQL


def uninstall(apps, schema_editor):
    pass  # 0008, undone first, drops the triggers


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0003_member_counts_and_list_keys'),
        ('organizations', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='RegisteredCount',
            fields=[
                ('organization', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='organizations.organization')),
                ('registered', models.IntegerField(default=0)),
            ],
        ),
        migrations.AddIndex(
            model_name='placement',
            index=models.Index(fields=['valid_to', 'valid_from', 'organization'], name='members_placement_changes'),
        ),
        migrations.RunPython(install, uninstall),
    ]
