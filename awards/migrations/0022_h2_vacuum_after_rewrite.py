from django.db import migrations

# The province key's backfill rewrote these tables (0021, organisations 0005): a rewrite leaves
# the visibility map empty, so until the next VACUUM every index-only scan the screening and the
# lists rely on (award_person_history, rating_person_history) reads the heap row by row, and
# autovacuum does not run on a table that saw no deletes or inserts. VACUUM cannot run in a
# transaction, hence this migration of its own, not atomic. A few minutes at ten million rows.
TABLES = ("organisations_person", "awards_awardrecord", "awards_taskrating")


def vacuum(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite has no visibility map
    with schema_editor.connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"VACUUM (ANALYZE) {table}")


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ("awards", "0021_h2_province_key"),
    ]

    operations = [
        migrations.RunPython(vacuum, migrations.RunPython.noop),
    ]
