"""The ledger's order within each unit (issue 14, session 15 hE): an officer's ledger page reads
each of its units' first records from this index alone and merges them
(awards.domain.queries.first_in_units), where it walked the whole ledger's order probing every
record's unit against the scope. It leads with (unit, year): it replaces that index."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0027_h3s11_law_tables_stamp"),
        ("organisations", "0009_s14ha_person_words_epoch"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="awardrecord",
            index=models.Index(fields=["unit", "year", "decision_date", "id"], include=("revoked",),
                               name="award_unit_ledger_order"),
        ),
        migrations.RemoveIndex(
            model_name="awardrecord",
            name="awards_awar_unit_id_ce2ac8_idx",
        ),
    ]
