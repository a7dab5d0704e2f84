"""The granting authority of each ledger record and the decision that revoked it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0005_seed_criteria'),
        ('organisations', '0002_person_order_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='awardrecord',
            name='issuer_unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='granted_award_records', to='organisations.unit', verbose_name='granting authority'),
        ),
        migrations.AddField(
            model_name='awardrecord',
            name='revoking_decision_date',
            field=models.DateField(blank=True, null=True, verbose_name='revoking decision date'),
        ),
        migrations.AddField(
            model_name='awardrecord',
            name='revoking_decision_number',
            field=models.CharField(blank=True, max_length=100, verbose_name='revoking decision number'),
        ),
        migrations.AddField(
            model_name='awardrecord',
            name='revoking_issuer',
            field=models.CharField(blank=True, max_length=255, verbose_name='revoking decision issued by'),
        ),
    ]
