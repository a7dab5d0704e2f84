"""One rule decides who sees a person's CCCD, birth date and contact (organisations.domain.
personal_data): the person page, the people list and its export, the ledger exports (screen,
API, background) and the API agree, persona by persona."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from accounts.enums import Role
from awards.domain import ledger
from awards.models import AwardType
from core.uploads import open_private
from organisations.domain.personal_data import may_see_personal_data
from reports.interfaces.export_jobs import request_export, run
from tests.api.test_api import API, bearer
from tests.factories import ClusterFactory, PersonFactory, user_with_role

pytestmark = pytest.mark.django_db
BIRTH = datetime.date(1979, 3, 8)

# persona fixture → sees personal data?
PERSONAS = [("admin_user", True), ("board_user", True), ("officer_a", True),
            ("council_user", False), ("approver_user", False), ("cluster_head", False)]


@pytest.fixture
def cluster_head(province, dept_a):
    """Head of a cluster whose unit scope covers the person: reads them, not their identifiers."""
    return user_with_role(Role.CLUSTER_HEAD, dept_a, username="cluster_head",
                          cluster=ClusterFactory(managing_unit=province))


@pytest.fixture
def person(school_a):
    person = PersonFactory(unit=school_a, full_name="Hoàng Thị Mai", birth_date=BIRTH,
                           gender="female", phone="0912345678")
    ledger.record_award(None, award_type=AwardType.objects.get(code="ldtt"), year=2024,
                        decision_number="1/QĐ", decision_date=datetime.date(2025, 1, 10),
                        issuer="Sở", person=person)
    return person


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(("persona", "sees"), PERSONAS)
def test_the_rule_itself(request, person, persona, sees):
    assert may_see_personal_data(request.getfixturevalue(persona), person) is sees


@pytest.mark.parametrize(("persona", "sees"), PERSONAS)
def test_person_page(request, client_for, person, persona, sees):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("organisations:person_detail", args=[person.public_id]))
    content = response.content.decode()

    assert response.status_code == 200
    assert (person.cccd in content, "08/03/1979" in content, "0912345678" in content) == (
        sees, sees, sees)
    assert "Hoàng Thị Mai" in content


@pytest.mark.parametrize(("persona", "sees"), PERSONAS)
def test_people_list_and_export(request, client_for, person, persona, sees):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("organisations:person_list")
    page = client.get(url).content.decode()
    rows = _csv(b"".join(client.get(url, {"export": "csv"}).streaming_content))

    assert ("08/03/1979" in page) is sees
    assert [row[2] for row in rows if row[0] == "Hoàng Thị Mai"] == [
        "1979-03-08" if sees else ""]


@pytest.mark.parametrize(("persona", "sees"), PERSONAS)
def test_api_person(request, client, person, persona, sees):
    user = request.getfixturevalue(persona)
    body = client.get(f"{API}/people/{person.public_id}", **bearer(user)).json()

    assert (body["full_name"], body["cccd"], body["birth_date"]) == (
        "Hoàng Thị Mai", person.cccd if sees else None, "1979-03-08" if sees else None)


@pytest.mark.parametrize(("persona", "sees"), PERSONAS)
def test_ledger_exports_screen_api_and_background(request, client_for, person, persona, sees):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    screen = _csv(b"".join(client.get(reverse("awards:ledger"),
                                      {"export": "csv"}).streaming_content))
    api = _csv(b"".join(client.get(f"{API}/ledger/export", **bearer(user)).streaming_content))
    job = run(request_export(user, "ledger", "csv", {}, "Sổ"))
    with open_private(job.stored_name) as handle:
        background = _csv(handle.read())

    expected = [person.cccd if sees else ""]
    assert [[r[1] for r in rows[1:]] for rows in (screen, api, background)] == [expected] * 3


def test_outsider_reads_nothing_of_the_person(client_for, client, outsider, person):
    page = client_for(outsider).get(reverse("organisations:person_detail",
                                            args=[person.public_id]))
    api = client.get(f"{API}/people/{person.public_id}", **bearer(outsider))
    rows = _csv(b"".join(client_for(outsider).get(
        reverse("organisations:person_list"), {"export": "csv"}).streaming_content))

    assert (page.status_code, api.status_code, len(rows)) == (404, 404, 1)
    assert may_see_personal_data(outsider, person) is False
