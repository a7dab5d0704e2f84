"""Movement list and registration exports (the roll-up across movements and a movement's
registrations table): the page's queryset, filters, scope and columns."""

import datetime

import pytest
from django.urls import reverse

from awards.models import AwardType
from tests.emulation.movement_helpers import make_movement, make_registration
from tests.export_helpers import csv_rows, export_queries, xlsx_rows, xlsx_sheet
from tests.factories import CollectiveFactory, PersonFactory

LIST = reverse("emulation:movement_list")
MOVEMENT_HEADER = ["Code", "Name", "Kind", "Organiser", "Start date", "State"]
REGISTRATION_HEADER = ["Movement", "Unit", "Year", "State", "Individuals", "Collectives"]


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def world(province, dept_a, school_a, dept_b):
    running = make_movement(province, [dept_a, dept_b], state="launched")
    draft = make_movement(province, [dept_a], name="Phong trào dự thảo", kind="thematic")
    theirs = make_movement(dept_b, [dept_b], name="Thi đua của Sở Y tế", state="launched")
    return running, draft, theirs


def movement_row(movement, organiser, kind="Regular (thường xuyên)", state="Launched"):
    return [movement.code, movement.name, kind, organiser.name, "2025-01-15", state]


def test_movement_csv_rows_and_filters(client, world, officer_a, province):
    running, draft, _ = world
    client.force_login(officer_a)
    assert csv_rows(client.get(LIST, {"export": "csv"})) == [
        MOVEMENT_HEADER,
        movement_row(draft, province, "Thematic (chuyên đề)", "Draft"),
        movement_row(running, province)]
    assert csv_rows(client.get(LIST, {"export": "csv", "state": "launched"})) == [
        MOVEMENT_HEADER, movement_row(running, province)]
    assert csv_rows(client.get(LIST, {"export": "csv", "q": "dự thảo", "year": "2025"})) == [
        MOVEMENT_HEADER, movement_row(draft, province, "Thematic (chuyên đề)", "Draft")]
    assert csv_rows(client.get(LIST, {"export": "csv", "year": "2024"})) == [MOVEMENT_HEADER]


def test_movement_xlsx_rows(client, world, board_user, dept_b):
    _, _, theirs = world
    client.force_login(board_user)
    response = client.get(LIST, {"export": "xlsx", "q": "Sở Y tế"})
    sheet = xlsx_sheet(response)
    assert sheet.title == "Emulation movements"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        MOVEMENT_HEADER, [theirs.code, theirs.name, "Regular (thường xuyên)", dept_b.name,
                          datetime.datetime(2025, 1, 15), "Launched"]]


def test_outsider_exports_only_the_movements_it_takes_part_in(client, world, outsider):
    running, _, theirs = world
    client.force_login(outsider)
    # Newest code first, as the page orders them; the province's draft is not dept_b's.
    assert [row[0] for row in csv_rows(client.get(LIST, {"export": "csv"}))] == [
        "Code", theirs.code, running.code]


@pytest.mark.parametrize("persona", ["council_user", "approver_user"])
def test_roles_without_movements_are_refused_the_export(request, client, world, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(LIST, {"export": "csv"}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, world):
    running = world[0]
    for url in (LIST, reverse("emulation:movement_detail", args=[running.public_id]),
                reverse("emulation:unit_registrations", args=["SO-A"])):
        response = client.get(url, {"export": "csv"})
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login"))


def test_movement_export_query_count_does_not_grow(client, world, board_user, province, dept_a,
                                                   django_assert_max_num_queries):
    client.force_login(board_user)
    few, lines = export_queries(client, LIST)
    for n in range(5):
        make_movement(province, [dept_a], name=f"Phong trào {n}")
    with django_assert_max_num_queries(few):
        assert len(csv_rows(client.get(LIST, {"export": "csv"}))) == lines + 5
    assert few <= 10


@pytest.fixture
def registrations(world, dept_a, school_a, dept_b):
    running, _, _ = world
    ldtt = AwardType.objects.get(code="ldtt")
    teacher = PersonFactory(unit=school_a, full_name="Trần Thị Bình")
    helper = PersonFactory(unit=school_a, full_name="Lê Văn An")
    team = CollectiveFactory(unit=dept_a, name="Phòng Tổ chức")
    tt = AwardType.objects.get(code="tt_ldtt")
    make_registration(running, school_a, entries=[(teacher, ldtt), (helper, ldtt)])
    make_registration(running, dept_a, state="submitted", entries=[(team, tt)])
    make_registration(running, dept_b, state="approved")
    second = make_movement(world[0].organiser, [dept_a], name="Thi đua chuyên đề",
                           state="launched")
    make_registration(second, dept_a)
    return running, second


def test_roll_up_csv_rows_and_movement_filter(client, registrations, board_user, dept_a,
                                              school_a):
    running, second = registrations
    client.force_login(board_user)
    url = reverse("emulation:unit_registrations", args=["SO-A"])
    assert csv_rows(client.get(url, {"export": "csv"})) == [
        REGISTRATION_HEADER,
        [running.code, dept_a.name, "2025", "Submitted", "0", "1"],
        [running.code, school_a.name, "2025", "Draft", "2", "0"],
        [second.code, dept_a.name, "2025", "Draft", "0", "0"]]
    assert csv_rows(client.get(url, {"export": "csv", "movement": second.code})) == [
        REGISTRATION_HEADER, [second.code, dept_a.name, "2025", "Draft", "0", "0"]]
    page = client.get(url, {"movement": second.code}).text
    assert f'href="?movement={second.code}&amp;export=csv"' in page


def test_roll_up_xlsx_rows(client, registrations, officer_a, school_a):
    running, _ = registrations
    client.force_login(officer_a)
    response = client.get(reverse("emulation:unit_registrations", args=["TRUONG-A"]),
                          {"export": "xlsx"})
    assert xlsx_rows(response) == [REGISTRATION_HEADER,
                                   [running.code, school_a.name, 2025, "Draft", 2, 0]]


def test_movement_registrations_export_is_the_readers_table(client, registrations, officer_a,
                                                            board_user, dept_a, school_a,
                                                            dept_b):
    running, _ = registrations
    url = reverse("emulation:movement_detail", args=[running.public_id])
    ours = [[running.code, dept_a.name, "2025", "Submitted", "0", "1"],
            [running.code, school_a.name, "2025", "Draft", "2", "0"]]
    client.force_login(officer_a)  # takes part: dept_b's registration is not its to read
    assert csv_rows(client.get(url, {"export": "csv"})) == [REGISTRATION_HEADER, *ours]
    client.force_login(board_user)  # the organiser follows every registration
    assert csv_rows(client.get(url, {"export": "csv"})) == [
        REGISTRATION_HEADER, *ours, [running.code, dept_b.name, "2025", "Approved", "0", "0"]]
    assert 'href="?export=xlsx"' in client.get(url).text


def test_outsider_gets_404_for_registrations_out_of_scope(client, registrations, outsider):
    _, second = registrations
    client.force_login(outsider)
    assert client.get(reverse("emulation:unit_registrations", args=["SO-A"]),
                      {"export": "csv"}).status_code == 404
    assert client.get(reverse("emulation:movement_detail", args=[second.public_id]),
                      {"export": "csv"}).status_code == 404


def test_registration_export_query_counts_do_not_grow(client, registrations, board_user,
                                                      province, dept_a, school_a,
                                                      django_assert_max_num_queries):
    running, _ = registrations
    client.force_login(board_user)
    roll_up = reverse("emulation:unit_registrations", args=["TINH"])
    detail = reverse("emulation:movement_detail", args=[running.public_id])
    (few_roll_up, lines_roll_up), (few_detail, lines_detail) = (
        export_queries(client, roll_up), export_queries(client, detail))
    ldtt = AwardType.objects.get(code="ldtt")
    for n in range(4):
        people = [(PersonFactory(unit=school_a), ldtt) for _ in range(3)]
        make_registration(running, school_a, year=2026 + n, entries=people)
    with django_assert_max_num_queries(few_roll_up):
        assert len(csv_rows(client.get(roll_up, {"export": "csv"}))) == lines_roll_up + 4
    with django_assert_max_num_queries(few_detail):
        assert len(csv_rows(client.get(detail, {"export": "csv"}))) == lines_detail + 4
    assert max(few_roll_up, few_detail) <= 12
