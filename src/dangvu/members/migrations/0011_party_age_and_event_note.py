"""The day Party age counts from (a member admitted again: the admission less the time without activity) and a
note on events (the recorded reason of an early badge). Both columns are added by ALTER TABLE … ADD COLUMN: on
SQLite, Django's AddField would rebuild the events table, which the triggers of 0008 name."""

from django.db import migrations, models

ADD = [
    ("ALTER TABLE members_member ADD COLUMN party_age_from date NULL",
     "ALTER TABLE members_member DROP COLUMN party_age_from"),
    ("ALTER TABLE members_memberevent ADD COLUMN note varchar(300) DEFAULT '' NOT NULL",
     "ALTER TABLE members_memberevent DROP COLUMN note"),
]


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0010_sort_keys_with_numbers'),
        ('organizations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(sql, reverse) for sql, reverse in ADD],
            state_operations=[
                migrations.AddField(
                    model_name='member',
                    name='party_age_from',
                    field=models.DateField(blank=True, null=True, verbose_name='Tuổi đảng tính từ'),
                ),
                migrations.AddField(
                    model_name='memberevent',
                    name='note',
                    field=models.CharField(blank=True, db_default='', default='', max_length=300,
                                           verbose_name='Ghi chú'),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name='member',
            index=models.Index(fields=['party_age_from'], name='members_mem_party_a_cf0fab_idx'),
        ),
    ]
