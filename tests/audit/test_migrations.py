"""audit 0003_h8_search_text: entries written before it get their folded label, in batches."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit.models import AuditEntry

BEFORE = [("audit", "0002_h6_log_order")]


@pytest.mark.django_db(transaction=True)
def test_migration_folds_the_labels_of_existing_entries_batch_by_batch(monkeypatch):
    migration = importlib.import_module("audit.migrations.0003_h8_search_text")
    monkeypatch.setattr(migration, "BATCH", 2)  # five entries: three batches
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    Old = executor.loader.project_state(BEFORE).apps.get_model("audit", "AuditEntry")
    labels = ["Trường THPT Chuyên", "Sở Y tế", "", "Trường THPT Chuyên", "Đề nghị  khen"]
    ids = [Old.objects.create(action="a.b", object_type="a.b", object_label=label).pk
           for label in labels]
    MigrationExecutor(connection).migrate(latest)
    assert [AuditEntry.objects.get(pk=pk).search_text for pk in ids] \
        == ["truong thpt chuyen", "so y te", "", "truong thpt chuyen", "de nghi khen"]
