import pytest
from django.urls import reverse

from audit.domain.queries import entries_for_user
from audit.domain.record import record
from audit.models import AuditEntry


@pytest.fixture
def entries(dept_a, dept_b, admin_user):
    record(admin_user, "organisations.unit.update", dept_a, unit=dept_a,
           changes={"name": ["A", "B"]})
    record(admin_user, "organisations.unit.update", dept_b, unit=dept_b)
    record(admin_user, "accounts.user.create", admin_user)
    return AuditEntry.objects.all()


def test_board_reads_entries_of_its_scope(entries, board_user, dept_a, dept_b):
    labels = set(entries_for_user(board_user).values_list("object_label", flat=True))
    assert labels == {dept_a.name, dept_b.name}


def test_admin_reads_everything(entries, admin_user):
    assert entries_for_user(admin_user).count() == 3


def test_log_filters(entries, admin_user, client, dept_a):
    client.force_login(admin_user)
    page = client.get(reverse("audit:log"), {"action": "organisations.unit",
                                             "q": "Giáo dục"}).context["page"]
    assert [e.object_label for e in page.object_list] == [dept_a.name]


def test_log_shows_old_and_new_values(entries, admin_user, client):
    client.force_login(admin_user)
    assert "A → B" in client.get(reverse("audit:log")).text
