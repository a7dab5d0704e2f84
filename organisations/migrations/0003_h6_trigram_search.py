"""Trigram indexes for the diacritics-free search of people, collectives, households and units
(PostgreSQL only: `search_text LIKE '%word%'` reads the index instead of every row; on SQLite the
same query stays a plain LIKE)."""

from django.db import migrations

from core.migration_ops import trigram_index


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0002_person_order_indexes"),
    ]

    operations = [
        trigram_index("organisations_person", "person_search_trgm", "search_text"),
        trigram_index("organisations_collective", "collective_search_trgm", "search_text"),
        trigram_index("organisations_household", "household_search_trgm", "search_text"),
        trigram_index("organisations_unit", "unit_search_trgm", "search_text"),
    ]
