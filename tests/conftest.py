"""Personas shared by the whole suite.

The province tree used here: PROVINCE ⊃ {DEPT_A ⊃ SCHOOL_A, DEPT_B}. Personas:
system admin; board staff of the province; unit officer of DEPT_A; council member, approver and
document desk (văn thư) of the province; an outsider (unit officer of DEPT_B) who must never
see DEPT_A's records.
"""

import pytest

from accounts.enums import Role
from organisations.enums import UnitKind, UnitLevel
from tests import db_template
from tests.factories import UnitFactory, user_with_role

PASSWORD = "Mat-khau-2025!"


@pytest.fixture
def province(db):
    return UnitFactory(code="TINH", name="Ủy ban nhân dân tỉnh Thử Nghiệm",
                       level=UnitLevel.PROVINCE, kind=UnitKind.PEOPLES_COMMITTEE)


@pytest.fixture
def dept_a(province):
    return UnitFactory(code="SO-A", name="Sở Giáo dục và Đào tạo", parent=province,
                       level=UnitLevel.PROVINCE, kind=UnitKind.DEPARTMENT)


@pytest.fixture
def school_a(dept_a):
    return UnitFactory(code="TRUONG-A", name="Trường THPT Chuyên", parent=dept_a,
                       level=UnitLevel.GRASSROOTS, kind=UnitKind.SCHOOL)


@pytest.fixture
def dept_b(province):
    return UnitFactory(code="SO-B", name="Sở Y tế", parent=province,
                       level=UnitLevel.PROVINCE, kind=UnitKind.DEPARTMENT)


@pytest.fixture
def admin_user(db):
    return user_with_role(Role.SYSTEM_ADMIN, username="admin")


@pytest.fixture
def board_user(province):
    return user_with_role(Role.BOARD_STAFF, province, username="board")


@pytest.fixture
def officer_a(dept_a):
    return user_with_role(Role.UNIT_OFFICER, dept_a, username="officer_a")


@pytest.fixture
def outsider(dept_b):
    """Unit officer of another department: the outsider of every DEPT_A test."""
    return user_with_role(Role.UNIT_OFFICER, dept_b, username="officer_b")


@pytest.fixture
def council_user(province):
    return user_with_role(Role.COUNCIL_MEMBER, province, username="council")


@pytest.fixture
def approver_user(province):
    return user_with_role(Role.APPROVER, province, username="approver")


@pytest.fixture
def desk_user(province):
    """The document desk (văn thư) of the province: registers numbers, uploads signed copies."""
    return user_with_role(Role.DOCUMENT_DESK, province, username="vanthu")


@pytest.fixture
def client_for(client):
    """Log a persona in: `client_for(user)` returns the test client signed in as `user`."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_use_migrations,
                    django_db_keepdb, django_db_createdb, django_db_modify_db_settings):
    """pytest-django's database set-up, but the migrated in-memory SQLite database is copied
    from a template saved by an earlier run when the migrations are unchanged
    (tests/db_template.py): 30 ms instead of 9–26 s before the first test."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    if not django_db_use_migrations:
        _disable_migrations()
    connection = connections["default"]
    aliases, serialized = _get_databases_for_setup(request.session.items)
    setup = {"verbosity": request.config.option.verbose, "interactive": False,
             "aliases": aliases, "serialized_aliases": serialized,
             "keepdb": django_db_keepdb and not django_db_createdb}
    templated = aliases == {"default"} and not serialized and db_template.usable(
        connection, use_migrations=django_db_use_migrations, keepdb=django_db_keepdb)
    with django_db_blocker.unblock():
        if not templated:
            config = setup_databases(**setup)
        else:
            template = db_template.TEMPLATE_DIR / f"{db_template.template_key()}.sqlite3"
            if template.exists() and not django_db_createdb:
                config = [(connection, db_template.restore(connection, template), True)]
            else:
                config = setup_databases(**setup)
                db_template.save(connection, template)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=setup["verbosity"])


@pytest.fixture
def pages_not_kept(settings):
    """No page kept (core.interfaces.kept_pages): for tests of how a page reads its rows, which
    look at the render's context or count the page's own statements on every request."""
    settings.TDKT_KEEP_PAGES = False


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: cached figures (the dashboard's) are versioned by
    tokens in the cache, which a test's rolled-back writes would otherwise leave behind."""
    from django.core.cache import cache

    from core.interfaces import kept_pages

    cache.clear()
    # and no signed-in page kept (core.interfaces.kept_pages) by an earlier test
    kept_pages.forget_all()


@pytest.fixture(autouse=True)
def english_messages():
    """Domain messages are compared in English (their msgids); tests of the Vietnamese catalogue
    switch to "vi" explicitly."""
    from django.utils import translation

    with translation.override("en"):
        yield


def pytest_collection_modifyitems(config, items):
    """`@pytest.mark.postgres_only` tests (row locks under concurrency) need PostgreSQL: on
    SQLite they are skipped with the reason printed (`-rs`); `.ci/run` runs them on PostgreSQL."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (run with DATABASE_URL=postgresql://…)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests (threads, live server, restore) flush the database after them, the
    reference data the migrations loaded included; reload it when a previous one did."""
    from awards.models import AwardType
    from tdkt.reference_data import reload_reference_data

    if not AwardType.objects.exists():
        reload_reference_data()


@pytest.fixture(scope="module")
def demo_province(django_db_setup, django_db_blocker):
    """The `seed_demo` province (300 people), committed for the tests of one module and flushed
    after them (the reference data the migrations loaded is reloaded)."""
    from django.core.management import call_command

    from tdkt.reference_data import reload_reference_data

    with django_db_blocker.unblock():
        try:
            call_command("seed_demo", people=300, reset=True, verbosity=0)
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)
            reload_reference_data()
