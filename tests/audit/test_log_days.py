"""The log's date filter: the reader's days, compared as instants the log's order index reads."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from audit.domain.queries import entries_in_scope, reader_shape
from audit.domain.record import record
from audit.models import AuditEntry
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

# Vietnam's (no clock change) and two whose clocks change: London's at 01:00, Santiago's at
# midnight (a missing midnight in September, a repeated hour before midnight in April).
ZONES = ["Asia/Ho_Chi_Minh", "Europe/London", "America/Santiago"]


def _at(zone: str, *parts) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(datetime.UTC)


@pytest.fixture
def around_midnights(dept_a, dept_b, admin_user):
    """Entries either side of local midnights in each zone, alternately in two departments."""
    instants = []
    for zone in ZONES:
        for day in (datetime.date(2026, 6, 30), datetime.date(2025, 9, 6),
                    datetime.date(2025, 4, 5)):
            for moment in ((23, 59, 59, 999999), (0, 0, 0, 0), (0, 30, 0, 0), (12, 0, 0, 0)):
                instants.append(_at(zone, day.year, day.month, day.day, *moment))
                instants.append(instants[-1] + datetime.timedelta(hours=1))
    for i, at in enumerate(sorted(set(instants))):
        unit = dept_a if i % 2 else dept_b
        record(admin_user, "organisations.unit.update", unit, unit=unit, reason=str(i))
        AuditEntry.objects.filter(reason=str(i)).update(at=at)  # `at` is set on creation
    return AuditEntry.objects.all()


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(("date_from", "date_to"), [
    (datetime.date(2026, 6, 30), None), (None, datetime.date(2026, 6, 30)),
    (datetime.date(2026, 7, 1), datetime.date(2026, 7, 1)),
    (datetime.date(2025, 9, 6), datetime.date(2025, 9, 7)), (datetime.date(2025, 9, 7), None),
    (None, datetime.date(2025, 4, 5)), (datetime.date(2025, 4, 5), datetime.date(2025, 4, 5)),
    (None, datetime.date.max), (datetime.date.min, None)])
def test_the_days_are_the_readers_local_days(around_midnights, admin_user, zone, date_from,
                                             date_to):
    with timezone.override(zone):
        found = list(entries_in_scope(reader_shape(admin_user), date_from=date_from,
                                      date_to=date_to).values_list("id", flat=True))
        local = zoneinfo.ZoneInfo(zone)
        expected = [e.id for e in around_midnights.order_by("-at", "-id")
                    if (date_from is None or e.at.astimezone(local).date() >= date_from)
                    and (date_to is None or e.at.astimezone(local).date() <= date_to)]
    assert found == expected


def test_the_days_are_compared_as_instants_not_each_entrys_day(admin_user):
    """The log's order index (`at`, `id`) reads from the bounds; the day of each entry could
    only be computed entry by entry (a range of last year walked the whole log)."""
    with timezone.override("Asia/Ho_Chi_Minh"):
        query = entries_in_scope(reader_shape(admin_user), date_from=datetime.date(2026, 6, 1),
                                 date_to=datetime.date(2026, 6, 30)).query
    bounds = [(type(node).__name__, node.lhs.target.name, node.rhs)
              for node in query.where.children]
    assert bounds == [("GreaterThanOrEqual", "at", _at("Asia/Ho_Chi_Minh", 2026, 6, 1)),
                      ("LessThan", "at", _at("Asia/Ho_Chi_Minh", 2026, 7, 1))]


def test_an_officer_with_a_date_range_reads_only_their_units(around_midnights, client, dept_a):
    reader = user_with_role(Role.BOARD_STAFF, dept_a, username="board_a")  # Sở A's tree only
    client.force_login(reader)
    page = client.get(reverse("audit:log"), {"date_from": "2025-09-06",
                                             "date_to": "2026-06-30"}).context["page"]
    with timezone.override("Asia/Ho_Chi_Minh"):
        expected = [e.id for e in around_midnights.filter(unit=dept_a).order_by("-at", "-id")
                    if datetime.date(2025, 9, 6)
                    <= timezone.localtime(e.at).date() <= datetime.date(2026, 6, 30)]
    assert ([e.id for e in page.object_list], {e.unit for e in page.object_list}) \
        == (expected, {dept_a.name})
