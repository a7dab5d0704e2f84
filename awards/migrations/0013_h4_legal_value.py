"""One dated home for the law's values not tied to an award (issue 16 point 3), and the
`seeded` baseline the re-runnable sync merges against."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0012_h3_law_corrections'),
    ]

    operations = [
        migrations.CreateModel(
            name='LegalValue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('valid_from', models.DateField(verbose_name='valid from')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='valid to')),
                ('citation', models.CharField(max_length=255, verbose_name='legal basis')),
                ('verified', models.BooleanField(default=True, help_text='Unticked: the legal reference marks it unverified; needs sign-off.', verbose_name='verified')),
                ('seeded', models.JSONField(blank=True, editable=False, null=True)),
                ('key', models.CharField(max_length=80, verbose_name='key')),
                ('value', models.JSONField(verbose_name='value')),
            ],
            options={
                'verbose_name': 'legal value',
                'verbose_name_plural': 'legal values',
                'ordering': ['key', '-valid_from'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='awardparameter',
            name='seeded',
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='grantingauthority',
            name='seeded',
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.AddConstraint(
            model_name='legalvalue',
            constraint=models.UniqueConstraint(fields=('key', 'valid_from'), name='legal_value_once'),
        ),
    ]
