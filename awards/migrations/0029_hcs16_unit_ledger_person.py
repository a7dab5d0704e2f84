"""The ledger's orders carry the person, the province-wide one the unit too (issue 14, session
16 hC): an officer's search of many people ("le": 4,553 people, 45,530 records) walks each of
its units' first entries probing the people's ids from the index alone
(awards.domain.queries.search.kept_search_parts), where it read all the people's records by
person and kept the scope's; the board's page past the first walks to its ids by the index
alone (its scope, `unit_id IS NOT NULL`, was read from the table for each entry passed), and
its search of many people probes them there. The same columns and names, 8–16 bytes more an
entry. Each index is built again (~4 s each on the 1.03 M records: writes wait meanwhile)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0028_hes15_unit_ledger_order"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="awardrecord",
            name="award_ledger_order",
        ),
        migrations.AddIndex(
            model_name="awardrecord",
            index=models.Index(fields=["year", "decision_date", "id"],
                               include=("unit", "person"), name="award_ledger_order"),
        ),
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
