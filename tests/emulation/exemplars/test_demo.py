"""The demo stage of exemplary models and inspections, on the test tree."""

import random

from django.urls import reverse

from emulation.exemplars.interfaces.demo import build_exemplars_and_inspections
from emulation.exemplars.models import Exemplar, RemediationTask
from tests.factories import CollectiveFactory, PersonFactory


def test_demo_builds_exemplars_in_every_state_and_an_inspection(client, dept_a, dept_b,
                                                                 school_a):
    for unit in (dept_a, dept_b, school_a):
        PersonFactory(unit=unit)
        CollectiveFactory(unit=unit)
    assert build_exemplars_and_inspections(random.Random(1)) == 7
    assert sorted(Exemplar.objects.values_list("state", flat=True)) == [
        "draft", "published", "published", "recognised"]
    assert sorted(RemediationTask.objects.values_list("state", flat=True)) == [
        "done", "open", "open"]
    listed = client.get(reverse("portal:exemplar_list")).context["page"].object_list
    assert len(listed) == 2
