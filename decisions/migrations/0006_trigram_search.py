"""Trigram indexes for the portal's diacritics-free search of decisions and their awardees
(PostgreSQL only; a no-op on SQLite, where the same LIKE query reads the rows)."""

from django.db import migrations

from core.migration_ops import trigram_index


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0005_h2_signed_money"),
    ]

    operations = [
        trigram_index("decisions_decision", "decision_search_trgm", "search_text"),
        trigram_index("decisions_decisionitem", "decision_item_search_trgm", "search_text"),
    ]
