"""core.trail: how core, accounts and organisations write the audit trail without importing the
audit app (which installs its writer when it starts)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from audit.domain.record import record as audit_writer
from audit.models import AuditEntry
from core import trail
from core.models import PublicHoliday


@pytest.mark.django_db
def test_record_writes_through_the_installed_audit_writer(admin_user):
    holiday = PublicHoliday.objects.order_by("date").first()

    entry = trail.record(admin_user, "core.holiday.add", holiday, changes={"name": [None, "x"]})

    assert AuditEntry.objects.get() == entry
    assert (entry.action, entry.actor, entry.changes) == (
        "core.holiday.add", admin_user, {"name": [None, "x"]})


def test_record_refuses_when_no_writer_is_installed():
    trail.install(None)
    try:
        with pytest.raises(ImproperlyConfigured):
            trail.record(None, "core.holiday.add")
    finally:
        trail.install(audit_writer)


def test_snapshot_and_diff_keep_only_changed_fields():
    before = {"name": "Tết", "kind": "holiday"}

    assert trail.diff(before, {"name": "Tết Nguyên đán", "kind": "holiday"}) == {
        "name": ["Tết", "Tết Nguyên đán"]}
