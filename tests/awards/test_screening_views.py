"""Pages of the background "who qualifies" run: ask, watch, read, page, export — as each persona,
and as the outsider, who never learns another officer's run exists."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from awards.domain import screening_runs
from awards.interfaces.screening import screening_header
from awards.models import ScreeningRun
from organisations.domain.queries import people_for_user
from tests.awards.test_screening_runs import _people

pytestmark = pytest.mark.django_db


def _ask(client, capture, **data):
    with capture(execute=True):
        return client.post(reverse("awards:screening_runs"),
                           {"award": "ldtt", "year": "2025", "unit": "", **data})


@pytest.mark.parametrize("persona", ["admin_user", "board_user", "officer_a", "outsider",
                                     "council_user"])
def test_each_persona_asks_and_reads_his_run(persona, request, client_for, dept_a, dept_b,
                                             monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(screening_runs, "CHUNK_PEOPLE", 2)
    made = _people(dept_a, 3)
    user = request.getfixturevalue(persona)
    client = client_for(user)
    response = _ask(client, django_capture_on_commit_callbacks)
    run = ScreeningRun.objects.get(requested_by=user)
    assert (response.status_code, response.url) == (
        302, reverse("awards:screening_run", args=[run.public_id]))
    page = client.get(response.url)
    assert (page.status_code, page.context["run"].state) == (200, "done")
    names = [r.person.full_name for r in page.context["page"].object_list]
    in_scope = people_for_user(user).filter(pk__in=[p.pk for p in made])
    assert sorted(names) == sorted(p.full_name for p in in_scope)
    listing = client.get(reverse("awards:screening_runs"))
    assert [r.pk for r in listing.context["runs"]] == [run.pk]


def test_the_run_page_lists_pages_and_exports_the_stored_rows(
        client_for, board_user, dept_a, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(screening_runs, "CHUNK_PEOPLE", 20)
    _people(dept_a, 53, held=1)
    client = client_for(board_user)
    url = _ask(client, django_capture_on_commit_callbacks).url
    first = client.get(url)
    second = client.get(url, {"page": 2})
    assert (len(first.context["page"].object_list), len(second.context["page"].object_list),
            first.context["page"].has_next) == (50, 3, True)
    rows = [*first.context["page"].object_list, *second.context["page"].object_list]
    assert [r.status_text for r in rows if r.held] == ["Đã được khen: QĐ số "
                                                  f"{rows[0].person.pk}/QĐ"]
    exported = client.get(url, {"export": "csv"})
    lines = list(csv.reader(io.StringIO(b"".join(exported.streaming_content)
                                        .decode("utf-8-sig"))))
    with translation.override("vi"):
        assert lines[0] == screening_header()
    assert len(lines) == 1 + 53


def test_progress_card_polls_while_active_and_stops_when_done(client_for, officer_a, dept_a):
    run = screening_runs.request_screening(officer_a, "ldtt", 2025)  # queued: no task ran
    client = client_for(officer_a)
    url = reverse("awards:screening_progress", args=[run.public_id])
    assert 'hx-trigger="every 2s"' in client.get(url).content.decode()
    screening_runs.plan(run)  # nobody in dept A: done at once
    assert 'hx-trigger' not in client.get(url).content.decode()


def test_outsider_gets_404_for_another_officers_run(client_for, officer_a, outsider, dept_a):
    run = screening_runs.request_screening(officer_a, "ldtt", 2025)
    client = client_for(outsider)
    for name in ("awards:screening_run", "awards:screening_progress"):
        assert client.get(reverse(name, args=[run.public_id])).status_code == 404
        assert client.post(reverse(name, args=[run.public_id])).status_code == 404


def test_a_unit_outside_the_scope_reads_as_unknown(client_for, officer_a, dept_b,
                                                   django_capture_on_commit_callbacks):
    response = _ask(client_for(officer_a), django_capture_on_commit_callbacks,
                    unit=dept_b.code)
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == [
        f"Không có đơn vị mã “{dept_b.code}” trong phạm vi của bạn."]
    assert ScreeningRun.objects.count() == 0


def test_a_unit_in_scope_narrows_the_run(client_for, board_user, dept_a, dept_b, monkeypatch,
                                         django_capture_on_commit_callbacks):
    _people(dept_a, 2)
    _people(dept_b, 2)
    client = client_for(board_user)
    url = _ask(client, django_capture_on_commit_callbacks, unit=dept_b.code).url
    rows = client.get(url).context["page"].object_list
    assert sorted(r.person.full_name for r in rows) == ["Người SO-B 00", "Người SO-B 01"]


def test_anonymous_is_sent_to_sign_in(client, officer_a):
    run = screening_runs.request_screening(officer_a, "ldtt", 2025)
    for url in (reverse("awards:screening_runs"),
                reverse("awards:screening_run", args=[run.public_id]),
                reverse("awards:screening_progress", args=[run.public_id])):
        response = client.get(url)
        assert (response.status_code, response.url.split("?")[0]) == (
            302, reverse("accounts:login"))
