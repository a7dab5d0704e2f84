"""Trigram indexes for the proposal list's search (PostgreSQL only; a no-op on SQLite).

The search is `UPPER(column) LIKE UPPER('%words%')` on the code, the summary and the letter
number (proposals.interfaces.forms.ProposalFilterForm, Django's `icontains`): no index served
it, so every search read the whole table (6,901 proposals: 6.3 ms of the statement for none
found, 12.8 ms of PostgreSQL a page). Each index is on the very expression the query compares,
so the planner ORs the three bitmaps and sorts the few matches; a common word, matching most
proposals, still walks the list's order index."""

from django.db import migrations

from core.migration_ops import trigram_index


class Migration(migrations.Migration):

    dependencies = [
        ("proposals", "0011_h7_list_order_index"),
    ]

    operations = [
        trigram_index("proposals_proposal", f"proposal_{column}_trgm", f"UPPER(({column})::text)")
        for column in ("code", "title", "letter_number")
    ]
