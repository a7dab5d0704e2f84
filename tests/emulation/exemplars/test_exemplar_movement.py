"""An exemplary model's movement is a reference to a movement (issue 20 point 2): recorded
through the page with a movement the user reads, shown on the portal; the migration matches
the old text, keeping unmatched text as the note."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from emulation.exemplars.domain import exemplars
from emulation.exemplars.interfaces.forms import ExemplarForm
from emulation.exemplars.models import Exemplar
from tests.emulation.helpers import make_exemplar
from tests.emulation.movement_helpers import make_movement
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module("emulation.migrations.0010_h12_exemplar_movement")


def test_record_with_the_movement_and_read_it_on_the_portal(client, officer_a, board_user,
                                                             dept_a, province):
    movement = make_movement(province, [dept_a], state="launched", name="Người tốt việc tốt")
    person = PersonFactory(unit=dept_a, full_name="Lò Thị Sen")
    client.force_login(officer_a)
    client.post(reverse("emulation:exemplar_create"), {
        "kind": "nguoi_tot", "unit": dept_a.pk, "person_cccd": person.cccd, "collective": "",
        "title": "Trả của rơi", "story": "Trả lại 50 triệu đồng.", "field": "",
        "discovered_year": 2025, "movement": movement.pk, "source_movement": ""})
    exemplar = Exemplar.objects.get()
    assert exemplar.movement == movement
    exemplars.recognise_exemplar(exemplar, actor=board_user)
    exemplars.publish_exemplar(exemplar, actor=board_user)
    client.logout()
    page = client.get(reverse("portal:exemplar_detail", args=[exemplar.public_id]))
    assert "Người tốt việc tốt" in page.content.decode()


def test_the_form_offers_only_the_users_movements(officer_a, province, dept_a, dept_b):
    mine = make_movement(province, [dept_a], name="Thi đua của sở A")
    make_movement(province, [dept_b], name="Thi đua của sở B")
    assert list(ExemplarForm(user=officer_a).fields["movement"].queryset) == [mine]


def test_migration_matches_one_movement_and_keeps_other_text(dept_a, province):
    movement = make_movement(province, [dept_a], name="Dân vận khéo")
    matched, unmatched = make_exemplar(dept_a), make_exemplar(dept_a, title="Khác")
    Exemplar.objects.filter(pk=matched.pk).update(source_movement="dân vận khéo")
    Exemplar.objects.filter(pk=unmatched.pk).update(source_movement="Phong trào cũ")
    migration.match_movements(apps, None)
    assert [(e.movement_id, e.source_movement) for e in Exemplar.objects.order_by("pk")] == [
        (movement.pk, ""), (None, "Phong trào cũ")]
