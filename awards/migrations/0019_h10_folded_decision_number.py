"""The ledger's decision number folded as the search words are ("7/QĐ-UBND" → "7/qd-ubnd"), so
"7/QD", "7/qđ" or "qd-ubnd" find it. A stored generated column: the database computes it for the
existing rows when it is added (the backfill) and for every insert or update after, bulk ones
included. On PostgreSQL a trigram index serves its `LIKE '%word%'`."""

from django.db import migrations, models
from django.db.models.functions import Lower, Replace

from core.migration_ops import trigram_index


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0018_h8_screening_runs"),
    ]

    operations = [
        migrations.AddField(
            model_name="awardrecord",
            name="decision_number_folded",
            field=models.GeneratedField(
                db_persist=True,
                expression=Lower(Replace(Replace(models.F("decision_number"), models.Value("Đ"),
                                                 models.Value("d")),
                                         models.Value("đ"), models.Value("d"))),
                output_field=models.CharField(max_length=100)),
        ),
        trigram_index("awards_awardrecord", "award_number_search_trgm", "decision_number_folded"),
    ]
