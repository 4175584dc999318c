"""Sort keys order numbers by their value ("Chi bộ tổ dân phố số 2" before "số 10"; before, digits were left out
and numbered cells or namesakes came in any order): every organization's, person's and membership's stored key
computed again by `core.text.sort_key`, in batches."""

from django.db import migrations

from dangvu.core.text import sort_key

BATCH = 2000


def _recompute(model, key, fields):
    changed = []
    for row in model.objects.only("pk", "sort_key", *fields).iterator(chunk_size=BATCH):
        new = key(row)
        if new != row.sort_key:
            row.sort_key = new
            changed.append(row)
        if len(changed) >= BATCH:
            model.objects.bulk_update(changed, ["sort_key"])
            changed = []
    model.objects.bulk_update(changed, ["sort_key"])


def recompute(apps, schema_editor):
    organization, person = apps.get_model("organizations", "Organization"), apps.get_model("members", "Person")
    _recompute(organization, lambda o: sort_key(o.name), ["name"])
    _recompute(person, lambda p: sort_key(p.given_name, p.middle_name, p.family_name),
               ["given_name", "middle_name", "family_name"])
    member = apps.get_model("members", "Member")
    keys = dict(person.objects.filter(membership__isnull=False).values_list("pk", "sort_key").iterator())
    _recompute(member, lambda m: keys.get(m.person_id, m.sort_key), ["person_id"])


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0009_event_exemption_ended"),
        ("organizations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(recompute, migrations.RunPython.noop),
    ]
