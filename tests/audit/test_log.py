import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from audit.domain.queries import entries_for_user
from audit.domain.record import record
from audit.models import AuditEntry
from tests.factories import user_with_role
from tests.kept_pages_helpers import page_sql


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


@pytest.fixture
def school_entry(school_a, dept_b, admin_user):
    record(admin_user, "organisations.unit.update", school_a, unit=school_a)  # "Trường THPT…"
    record(admin_user, "organisations.unit.update", dept_b, unit=dept_b)
    return AuditEntry.objects.get(unit=school_a)


@pytest.mark.parametrize("word", ["truong", "TRUONG thpt", "Trường", "  trường  "])
def test_object_search_ignores_diacritics_and_case(school_entry, client, board_user, word):
    client.force_login(board_user)
    page = client.get(reverse("audit:log"), {"q": word}).context["page"]
    assert [(e.pk, e.object_label) for e in page.object_list] \
        == [(school_entry.pk, "Trường THPT Chuyên")]


def test_object_search_keeps_the_readers_scope(school_entry, client, dept_b):
    reader = user_with_role(Role.BOARD_STAFF, dept_b, username="board_b")  # Sở Y tế's tree only
    client.force_login(reader)
    found = [[e.object_label for e in client.get(reverse("audit:log"), {"q": word})
              .context["page"].object_list] for word in ("truong", "y te")]
    assert found == [[], ["Sở Y tế"]]


def test_object_search_by_a_non_reader_is_refused(school_entry, client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("audit:log"), {"q": "truong"}).status_code == 403


def test_object_search_finding_nothing_is_an_empty_page(school_entry, client, board_user):
    client.force_login(board_user)
    assert list(client.get(reverse("audit:log"), {"q": "zzzq"}).context["page"]
                .object_list) == []


def test_entry_keeps_its_folded_label_when_saved_again(school_entry):
    school_entry.object_label = "Đội tuyển Ảnh"
    school_entry.save(update_fields=["object_label"])
    assert AuditEntry.objects.values_list("search_text", flat=True).get(pk=school_entry.pk) \
        == "doi tuyen anh"


def test_entries_written_in_bulk_are_found_by_the_object_search(school_a, client, board_user):
    AuditEntry.objects.bulk_create(
        AuditEntry(actor_label="admin", action="organisations.unit.update", unit=school_a,
                   object_type="organisations.unit", object_label=f"Trường số {n}")
        for n in range(3))
    client.force_login(board_user)
    page = client.get(reverse("audit:log"), {"q": "truong so"}).context["page"]
    assert sorted(e.object_label for e in page.object_list) \
        == ["Trường số 0", "Trường số 1", "Trường số 2"]


def test_object_search_for_two_letters_finds_where_a_word_starts(school_a, client, board_user):
    """One or two letters match a word's start, as every search (core.search): "an" finds
    An Bình, not the "an" inside Văn or Tuấn (once every such entry, by a scan of the log)."""
    AuditEntry.objects.bulk_create(
        AuditEntry(actor_label="admin", action="organisations.unit.update", unit=school_a,
                   object_type="organisations.unit", object_label=label)
        for label in ("Trường Tiểu học An Bình", "Trần Văn Tuấn"))
    client.force_login(board_user)
    page = client.get(reverse("audit:log"), {"q": "an"}).context["page"]
    assert [e.object_label for e in page.object_list] == ["Trường Tiểu học An Bình"]


def test_a_page_by_number_walks_to_its_offset_by_the_entries_alone(client, admin_user, dept_a):
    """`?page=3` skips 200 entries reading their ids (no join to the actor or the unit for
    rows it does not show), then reads its own entries with their names."""
    for i in range(205):
        record(admin_user, "test.action", dept_a, unit=dept_a, reason=str(i))
    client.force_login(admin_user)
    client.get(reverse("audit:log"), {"page": 3})  # warm-up: the layout caches roles
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("audit:log"), {"page": 3}).context["page"]
    [sql] = [sql for sql in page_sql(ctx.captured_queries) if "audit_auditentry" in sql]
    outer, walk = sql.split(" IN (SELECT ", 1)
    assert (["JOIN" in outer, "JOIN" in walk, "OFFSET 200" in walk],
            [e.reason for e in page.object_list]) \
        == ([True, False, True], ["4", "3", "2", "1", "0"])


def test_the_page_shows_the_actors_name_and_the_unit_in_one_statement(client, board_user,
                                                                      dept_a):
    board_user.full_name = "Lê Thị Hồng"
    board_user.save(update_fields=["full_name"])
    record(board_user, "organisations.unit.update", dept_a, unit=dept_a)
    record(None, "organisations.unit.update", dept_a, unit=dept_a)
    client.force_login(board_user)
    client.get(reverse("audit:log"))
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("audit:log")).context["page"]
    assert ([(e.who, e.unit) for e in page.object_list],
            len([sql for sql in page_sql(ctx.captured_queries) if "audit_auditentry" in sql])) \
        == ([("Hệ thống", dept_a.name), ("Lê Thị Hồng", dept_a.name)], 1)
