"""Replication pages (issue 20 point 3), requested by every persona, and the flow: the board
assigns a model to a school, the school's keeper reports progress until replicated, the model's
page lists where it spread."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from emulation.exemplars.domain.replications import assign_replication
from emulation.exemplars.models import Replication
from tests.emulation.exemplars.views.test_exemplars import (  # noqa: F401 (autouse fixture)
    BOARD,
    IN_SCOPE,
    english,
)
from tests.emulation.helpers import make_exemplar
from tests.persona_matrix import anonymous_test, persona_test, url_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(dept_a, school_a):
    exemplar = make_exemplar(dept_a, state="published", title="Mô hình thư viện xanh")
    replication = assign_replication(exemplar, actor=None, unit=school_a)
    return {"exemplar": exemplar.public_id, "replication": replication.public_id}


VIEWS = [
    ("emulation:replication_assign", "exemplar", BOARD),
    ("emulation:replication_detail", "replication", IN_SCOPE),
    ("emulation:replication_report", "replication", IN_SCOPE),
]


test_view_answers_each_persona = persona_test(VIEWS)


test_anonymous_is_sent_to_sign_in = anonymous_test(VIEWS)


def test_outsider_cannot_report(client, world, outsider):
    client.force_login(outsider)
    audits = AuditEntry.objects.count()
    assert client.post(url_of("emulation:replication_report", "replication", world),
                       {"note": "x"}).status_code == 404
    assert (Replication.objects.get().state, AuditEntry.objects.count()) == ("assigned", audits)


def test_assign_report_and_the_model_page_lists_it(client, world, board_user, officer_a,
                                                   dept_b, province):
    client.force_login(board_user)
    response = client.post(url_of("emulation:replication_assign", "exemplar", world),
                           {"unit": province.pk})
    created = Replication.objects.get(unit=province)
    assert response.url == reverse("emulation:replication_detail", args=[created.public_id])
    client.force_login(officer_a)
    client.post(url_of("emulation:replication_report", "replication", world),
                {"note": "Đã lập thư viện xanh ở 3 lớp", "done": "on"})
    replication = Replication.objects.get(public_id=world["replication"])
    assert (replication.state, replication.reports.get().note) == (
        "completed", "Đã lập thư viện xanh ở 3 lớp")
    page = client.get(reverse("emulation:exemplar_detail", args=[world["exemplar"]]))
    assert sorted((r.unit.code, r.state) for r in page.context["replications"]) == [
        ("TINH", "assigned"), ("TRUONG-A", "completed")]
