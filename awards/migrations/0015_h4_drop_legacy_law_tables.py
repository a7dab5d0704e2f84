"""BaseSalary, RoundingRule and LegalCriterion now live in LegalValue (copied by 0014)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0014_h4_sync_law'),
    ]

    operations = [
        migrations.DeleteModel(
            name='BaseSalary',
        ),
        migrations.DeleteModel(
            name='LegalCriterion',
        ),
        migrations.DeleteModel(
            name='RoundingRule',
        ),
    ]
