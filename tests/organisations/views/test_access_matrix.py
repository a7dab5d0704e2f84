"""Every back-office view requested by every persona returns exactly what that persona may see.

Objects belong to DEPT_A. The outsider is the officer of DEPT_B: out-of-scope objects answer 404
(their existence is not revealed), actions the role never allows answer 403.
"""

import datetime

import pytest
from django.urls import reverse

from organisations.models import EmulationStaff, TrainingSession
from tests.factories import ClusterFactory, CollectiveFactory, HouseholdFactory, PersonFactory
from tests.persona_matrix import PERSONAS, anonymous_test, persona_test

ALL = dict.fromkeys(PERSONAS, 200)
KEEPERS = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 404,
           "council_user": 403, "approver_user": 403}
READERS = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 404,
           "council_user": 200, "approver_user": 200}
ADMIN_ONLY = dict.fromkeys(PERSONAS, 403) | {"admin_user": 200}
BOARD = dict.fromkeys(PERSONAS, 403) | {"admin_user": 200, "board_user": 200}
STAFF_OBJECT = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 404,
                "council_user": 404, "approver_user": 404}
CREATE = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 200,
          "council_user": 403, "approver_user": 403}


@pytest.fixture
def world(dept_a, dept_b, school_a, province):
    person = PersonFactory(unit=dept_a, full_name="Nguyễn Văn An")
    staff = EmulationStaff.objects.create(person=person, unit=dept_a, mode="part_time",
                                          start_date=datetime.date(2024, 1, 1))
    training = TrainingSession.objects.create(title="Tập huấn", organiser=dept_a,
                                              start_date=datetime.date(2024, 5, 1),
                                              end_date=datetime.date(2024, 5, 1))
    return {
        "unit": dept_a.code, "person": person.public_id,
        "collective": CollectiveFactory(unit=dept_a).public_id,
        "household": HouseholdFactory(head=person, unit=dept_a).public_id,
        "cluster": ClusterFactory(managing_unit=province).code,
        "staff": staff.public_id, "training": training.public_id,
    }


VIEWS = [
    ("core:home", None, ALL),
    ("organisations:unit_list", None, ALL),
    ("organisations:event_list", None, ALL),
    ("organisations:unit_detail", "unit", READERS),
    ("organisations:unit_create", None, ADMIN_ONLY),
    ("organisations:unit_edit", "unit", ADMIN_ONLY),
    ("organisations:unit_merge", "unit", ADMIN_ONLY),
    ("organisations:unit_rename", "unit", ADMIN_ONLY),
    ("organisations:unit_move", "unit", ADMIN_ONLY),
    ("organisations:unit_dissolve", "unit", ADMIN_ONLY),
    ("organisations:person_list", None, ALL),
    ("organisations:person_create", None, CREATE),
    ("organisations:person_detail", "person", READERS),
    ("organisations:person_edit", "person", KEEPERS),
    ("organisations:person_transfer", "person", KEEPERS),
    ("organisations:person_end", "person", KEEPERS),
    ("organisations:collective_list", None, ALL),
    ("organisations:collective_create", None, CREATE),
    ("organisations:collective_detail", "collective", READERS),
    ("organisations:collective_edit", "collective", KEEPERS),
    ("organisations:household_list", None, ALL),
    ("organisations:household_create", None, CREATE),
    ("organisations:household_detail", "household", READERS),
    ("organisations:household_edit", "household", KEEPERS),
    ("organisations:cluster_list", None, ALL),
    ("organisations:cluster_detail", "cluster", ALL),
    ("organisations:cluster_create", None, BOARD),
    ("organisations:cluster_edit", "cluster", BOARD),
    ("organisations:staff_list", None, CREATE),
    ("organisations:staff_create", None, CREATE),
    ("organisations:staff_end", "staff", STAFF_OBJECT),
    ("organisations:training_create", None, CREATE),
    ("organisations:training_detail", "training", STAFF_OBJECT),
    ("audit:log", None, BOARD),
    ("accounts:user_list", None, ADMIN_ONLY),
    ("accounts:user_create", None, ADMIN_ONLY),
]


def url_of(name, key, world):
    if key is None:
        return reverse(name)
    kwarg = "code" if key in ("unit", "cluster") else "public_id"
    return reverse(name, kwargs={kwarg: world[key]})


test_view_answers_each_persona = persona_test(VIEWS, url=url_of)


test_anonymous_is_sent_to_sign_in = anonymous_test(VIEWS, url=url_of)


def test_outsider_list_does_not_show_other_units_people(client, world, outsider, officer_a):
    client.force_login(outsider)
    assert "Nguyễn Văn An" not in client.get(reverse("organisations:person_list")).text
    client.force_login(officer_a)
    assert "Nguyễn Văn An" in client.get(reverse("organisations:person_list")).text


def test_user_detail_admin_only(client, world, admin_user, board_user):
    url = reverse("accounts:user_detail", kwargs={"username": board_user.username})
    client.force_login(board_user)
    assert client.get(url).status_code == 403
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
