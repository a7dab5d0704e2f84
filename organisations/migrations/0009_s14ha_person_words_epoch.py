"""The people's search copy gets a commit epoch (organisations.models.person_words: EPOCH_TABLE),
bumped once by each transaction that writes the copy or the unit closure, at its commit; the
copy's writer leaves a row alone when its search columns did not change (PostgreSQL only)."""

from django.db import migrations

from core.migration_ops import PostgresOnlySQL
from organisations.models import person_words


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0008_s13ha_person_words"),
    ]

    operations = [
        PostgresOnlySQL([person_words.PG_WORDS_FUNCTION, *person_words.PG_EPOCH_CREATE],
                        person_words.PG_EPOCH_DROP),
    ]
