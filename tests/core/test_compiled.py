"""core.interfaces.compiled: a list's rows read with the SQL compiled once per key are the rows
its queryset reads, page by page, with the same values (UUIDs, dates and times converted as
the ORM converts them), in one query."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.interfaces import compiled
from core.interfaces.compiled import Compiled
from proposals.models import Proposal
from tests.proposals.helpers import draft

pytestmark = pytest.mark.django_db

COLUMNS = ("public_id", "code", "unit__name", "submitted_at", "due_on", "state")


@pytest.fixture
def proposals(officer_a, dept_a):
    first = draft(officer_a, dept_a, dept_a, people=0)
    copies = []
    for i in range(7):
        copy = Proposal.objects.get(pk=first.pk)
        copy.pk, copy.public_id, copy.code = None, uuid.uuid4(), f"DN-{i}"
        copy.submitted_at = datetime.datetime(2026, 11, 2, 20, i, tzinfo=datetime.UTC)
        copy.due_on = None if i % 2 else datetime.date(2026, 11, 1 + i)
        copies.append(copy)
    Proposal.objects.bulk_create(copies)


def _rows():
    return Proposal.objects.order_by("code", "id").values(*COLUMNS)


@pytest.mark.parametrize("key", [("test", "proposals"), None])
def test_every_page_is_the_querysets_slice(proposals, key):
    compiled._kept.pop(key, None)
    listed = Compiled(key, _rows)
    for limit, offset in [(3, 0), (3, 3), (3, 6), (50, 0), (2, 20)]:
        with CaptureQueriesContext(connection) as queries:
            rows = listed.rows(limit, offset)
        assert (rows, len(queries)) == (list(_rows()[offset:offset + limit]), 1)
    assert isinstance(rows[0]["public_id"], uuid.UUID) if rows else True
    assert (key in compiled._kept) == (key is not None)


def test_the_kept_sql_is_used_for_its_key(proposals):
    """Equal keys promise equal SQL: the second list is read with the first one's."""
    key = ("test", "kept")
    compiled._kept.pop(key, None)
    Compiled(key, _rows).rows(3, 0)
    other = Proposal.objects.order_by("-code", "id").values(*COLUMNS)
    assert Compiled(key, lambda: other).rows(3, 0) == list(_rows()[:3])
    assert Compiled(("test", "other"), lambda: other).rows(3, 0) == list(other[:3])


def test_a_list_the_orm_knows_empty_sends_no_query(proposals):
    key = ("test", "none")
    compiled._kept.pop(key, None)
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            rows = Compiled(key, lambda: Proposal.objects.none().values(*COLUMNS)).rows(3, 0)
        assert (rows, len(queries)) == ([], 0)


@pytest.mark.parametrize("key", [("test", "all"), None])
def test_all_is_every_row_of_a_grouping(proposals, key):
    """Every row, no LIMIT (the dashboard's proposal counts, one row per state)."""
    from django.db.models import Count  # noqa: PLC0415 test-local

    def grouped():
        return Proposal.objects.order_by().values("state").annotate(n=Count("id"))

    compiled._kept.pop(key, None)
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            rows = Compiled(key, grouped).all()
        assert (rows, len(queries)) == (list(grouped()), 1)
    assert rows == [{"state": "draft", "n": 8}]


def _between(low, high):
    """Proposals by an id range: a datetime and a date to convert (SQLite), a constant too."""
    return (Proposal.objects.filter(id__gte=low, id__lte=high, state="draft")
            .order_by("id").values_list("code", "submitted_at", "due_on"))


def test_kept_rows_are_the_querysets_rows_for_each_calls_arguments(proposals):
    """`kept_rows`: compiled on the first call, then sent with each call's own values."""
    key = ("test", "between")
    compiled._parameterised.pop(key, None)
    ids = sorted(Proposal.objects.values_list("id", flat=True))
    for low, high in [(ids[0], ids[2]), (ids[3], ids[3]), (ids[1], ids[-1]), (0, ids[0] - 1)]:
        with CaptureQueriesContext(connection) as queries:
            rows = compiled.kept_rows(key, _between, low, high)
        assert (rows, len(queries)) == (list(_between(low, high)), 1)
    assert compiled._parameterised[key][3] != ()  # kept, with the places of its arguments
    assert isinstance(rows, list)


def test_kept_rows_compile_the_statement_once_per_key(proposals):
    """The first call builds it once and once more per argument (to find its places); the
    next calls build nothing."""
    key = ("test", "built")
    compiled._parameterised.pop(key, None)
    built = []

    def build(low, high):
        built.append((low, high))
        return _between(low, high)

    compiled.kept_rows(key, build, 1, 5)
    compiled.kept_rows(key, build, 2, 9)

    assert built == [(1, 5), (2, 5), (1, 6)]


def test_an_argument_that_shapes_the_sql_is_not_kept(proposals):
    """An `IN` of a list's values (a parameter a value) is built by the ORM on every call."""
    key = ("test", "in")
    compiled._parameterised.pop(key, None)
    ids = sorted(Proposal.objects.values_list("id", flat=True))

    def among(wanted):
        return Proposal.objects.filter(id__in=wanted).order_by("id").values_list("code")

    for wanted in (ids[:2], ids[2:7]):
        assert compiled.kept_rows(key, among, wanted) == list(among(wanted))
    assert compiled._parameterised[key] is compiled.UNKEPT
