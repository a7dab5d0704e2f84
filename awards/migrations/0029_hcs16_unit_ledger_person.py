"""The ledger's order within each unit carries the person (issue 14, session 16 hC): an
officer's search of many people ("le": 4,553 people, 45,530 records) walks each of its units'
first entries probing the people's ids from this index alone
(awards.domain.queries.search.kept_search_parts), where it read all the people's records by
person and kept the scope's. The same columns and name, one include more (8 bytes an entry)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0028_hes15_unit_ledger_order"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="awardrecord",
            name="award_unit_ledger_order",
        ),
        migrations.AddIndex(
            model_name="awardrecord",
            index=models.Index(fields=["unit", "year", "decision_date", "id"],
                               include=("revoked", "person"), name="award_unit_ledger_order"),
        ),
    ]
