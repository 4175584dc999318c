"""Subtree member counts and the member list's own name keys and province (see `members.tally`)."""

import django.db.models.deletion
from django.db import migrations, models

from dangvu.members import tally


def fill(apps, schema_editor):
    tally.copy_keys(apps)
    tally.recount_subtrees(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0002_initial'),
        ('organizations', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='SubtreeCount',
            fields=[
                ('organization', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='organizations.organization')),
                ('probationary', models.IntegerField(default=0)),
                ('official', models.IntegerField(default=0)),
                ('exempted', models.IntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name='member',
            name='name_folded',
            field=models.CharField(default='', editable=False, max_length=160),
        ),
        migrations.AddField(
            model_name='member',
            name='province',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization'),
        ),
        migrations.AddField(
            model_name='member',
            name='sort_key',
            field=models.CharField(default='', editable=False, max_length=600),
        ),
        # Filled before the indexes are built: one sort per index instead of millions of index updates.
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='member',
            index=models.Index(fields=['province', 'sort_key', 'id'], name='members_member_province_sort'),
        ),
        migrations.AddIndex(
            model_name='member',
            index=models.Index(fields=['sort_key', 'id'], name='members_member_sort'),
        ),
    ]
