"""Load the public holidays (core.Holiday) from core/data/holidays.csv: the pipeline's deadlines need them."""

from django.db import migrations


def load(apps, schema_editor):
    from dangvu.core.workdays import holiday_rows

    Holiday = apps.get_model("core", "Holiday")
    rows = holiday_rows()
    existing = set(Holiday.objects.filter(day__in=[d for d, _ in rows]).values_list("day", flat=True))
    Holiday.objects.bulk_create([Holiday(day=d, name=n) for d, n in rows if d not in existing])


class Migration(migrations.Migration):
    dependencies = [
        ("admission", "0001_initial"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
