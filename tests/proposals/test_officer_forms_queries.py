"""The officer's create and add-nominee steps (session 11, h4): each row is read once — the
choices the page offers are the ones a posted value is looked up in, the model does not
re-check rows the form resolved, and the nominee form reads no person before a search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardType
from proposals.models import Proposal
from tests.factories import PersonFactory
from tests.proposals.helpers import draft


@pytest.fixture
def officer(client, officer_a, dept_a):
    client.force_login(officer_a)
    client.get(reverse("proposals:create"))  # warm-up: the layout caches roles
    return client


def _queries(send, *args, **kwargs):
    """The second of two identical requests: the first caches the layout's roles and scope."""
    send(*args, **kwargs)
    with CaptureQueriesContext(connection) as queries:
        response = send(*args, **kwargs)
    return response, [q["sql"] for q in queries]


def _new(dept_a, **fields):
    return {"unit": dept_a.pk, "recipient_unit": dept_a.pk, "title": "Đề nghị tặng Giấy khen",
            "authority_level": "unit", "track": "annual", "procedure": "normal",
            "year": 2025, **fields}


def test_create_form_queries(officer):
    response, queries = _queries(officer.get, reverse("proposals:create"))
    # the proposing units (options and default), the addressable units, the movements
    assert (response.status_code, len(queries)) == (200, 3)


def test_create_proposal_queries(officer, dept_a):
    response, queries = _queries(officer.post, reverse("proposals:create"), _new(dept_a))
    assert (response.status_code, Proposal.objects.count()) == (302, 2)
    # the two units' choices; savepoint, code, recipient above, recipient grants, insert,
    # audit, release (no re-check that each unit exists, no default read)
    assert len(queries) == 9


def test_create_offers_only_units_the_proposal_may_be_addressed_to(officer, dept_a,
                                                                   school_a, province):
    form = officer.get(reverse("proposals:create")).context["form"]
    assert ([u.pk for u in form.fields["unit"].rows()],
            [u.pk for u in form.fields["recipient_unit"].rows()]) == (
        [dept_a.pk, school_a.pk], [province.pk, dept_a.pk, school_a.pk])
    assert (form["unit"].value(), form["recipient_unit"].value()) == (dept_a.pk, dept_a.pk)


def test_create_addressed_to_a_unit_not_above_is_refused_by_name(client, officer_a, dept_a,
                                                                  dept_b):
    client.force_login(officer_a)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("proposals:create"), _new(dept_a, recipient_unit=dept_b.pk))
    assert (response.status_code, Proposal.objects.count()) == (200, 0)
    assert response.context["form"].errors == {"recipient_unit": [
        "Address the proposal to your own unit or a unit above it."]}


def test_create_from_a_school_to_its_department_is_refused_when_not_above(
        client, officer_a, dept_a, school_a):
    # both in the officer's choices; the school is not above the department (domain rule)
    client.force_login(officer_a)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("proposals:create"),
                           _new(dept_a, recipient_unit=school_a.pk))
    assert (response.status_code, Proposal.objects.count()) == (200, 0)
    assert response.context["form"].errors == {"recipient_unit": [
        "Address the proposal to your own unit or a unit above it."]}


def test_outsider_cannot_create_for_a_unit_outside_the_scope(client, outsider, dept_a):
    client.force_login(outsider)
    response = client.post(reverse("proposals:create"), _new(dept_a))
    assert (response.status_code, Proposal.objects.count()) == (200, 0)
    assert set(response.context["form"].errors) == {"unit", "recipient_unit"}


def test_nominee_form_queries_read_no_person(officer, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    PersonFactory(unit=dept_a)
    url = reverse("proposals:nominee_add", args=[proposal.public_id])
    response, queries = _queries(officer.get, url)
    assert response.status_code == 200
    # the proposal, the award catalogue and the recipient's powers; no person
    assert ([q for q in queries if '"organisations_person"' in q], len(queries)) == ([], 3)


def test_nominee_form_offers_the_awards_it_accepts(officer, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=0)
    url = reverse("proposals:nominee_add", args=[proposal.public_id])
    offered = [a.code for a in officer.get(url).context["form"].fields["award_type"].rows()]
    person = PersonFactory(unit=dept_a)
    stranger = AwardType.objects.exclude(code__in=offered).first()
    response = officer.post(url, {"subject_kind": "individual", "subject": person.cccd,
                                  "award_type": stranger.pk, "summary": "Xuất sắc"})
    assert (response.status_code, list(response.context["form"].errors)) == (
        200, ["award_type"])
    assert "giay_khen" in offered


def test_board_may_address_any_unit_of_its_province(client, board_user, province, dept_a,
                                                    dept_b, school_a):
    client.force_login(board_user)
    form = client.get(reverse("proposals:create")).context["form"]
    assert [u.pk for u in form.fields["recipient_unit"].rows()] == [
        u.pk for u in form.fields["unit"].rows()] == [
        province.pk, dept_a.pk, school_a.pk, dept_b.pk]


def test_edit_offers_the_units_above_the_proposing_unit(officer, officer_a, province, dept_a,
                                                        school_a):
    proposal = draft(officer_a, school_a, school_a, people=0)
    form = officer.get(reverse("proposals:edit", args=[proposal.public_id])).context["form"]
    assert ([u.pk for u in form.fields["recipient_unit"].rows()],
            form["recipient_unit"].value()) == ([province.pk, dept_a.pk, school_a.pk],
                                                school_a.pk)
