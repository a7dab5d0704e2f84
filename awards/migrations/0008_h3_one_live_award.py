"""One live (non-revoked) award per subject, award type and year: partial unique indexes,
the same on SQLite and PostgreSQL. 0007 has settled the duplicates that existed before."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("awards", "0007_h3_settle_duplicates")]

    operations = [
        migrations.AddConstraint(
            model_name='awardrecord',
            constraint=models.UniqueConstraint(condition=models.Q(('person__isnull', False), ('revoked', False)), fields=('person', 'award_type', 'year'), name='award_one_live_person'),
        ),
        migrations.AddConstraint(
            model_name='awardrecord',
            constraint=models.UniqueConstraint(condition=models.Q(('collective__isnull', False), ('revoked', False)), fields=('collective', 'award_type', 'year'), name='award_one_live_collective'),
        ),
        migrations.AddConstraint(
            model_name='awardrecord',
            constraint=models.UniqueConstraint(condition=models.Q(('household__isnull', False), ('revoked', False)), fields=('household', 'award_type', 'year'), name='award_one_live_household'),
        ),
    ]
