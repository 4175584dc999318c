"""Each meeting keeps its roll's counts (see `meetings.rolls.count_rolls`), filled from the roll lines."""

from django.db import migrations, models

from dangvu.meetings.rolls import count_rolls


def fill(apps, schema_editor):
    count_rolls(apps.get_model("meetings", "Meeting").objects.all(), apps.get_model("meetings", "Attendance"))


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='meeting',
            name='excused_count',
            field=models.IntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='meeting',
            name='late_count',
            field=models.IntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='meeting',
            name='present_count',
            field=models.IntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='meeting',
            name='roll_count',
            field=models.IntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='meeting',
            name='unexcused_count',
            field=models.IntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
