"""No export lets a typed value run as a formula (OWASP "CSV injection"): a person named
`=HYPERLINK(…)`, `+…`, `-…`, `@…`, or with a leading tab/carriage return, appears in every CSV
and .xlsx export as quote-prefixed text — the people list, the ledger screen, the API's ledger
export, the background ledger export, the qualification list and the statistics form."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from awards.domain import ledger
from awards.models import AwardType
from core.spreadsheet import FORMULA_TRIGGERS
from core.uploads import open_private
from organisations.models import Person, Unit
from reports.interfaces.export_jobs import request_export, run
from tests.api.test_api import API, bearer
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# Names a hostile officer could type: a trigger, then any text a database column holds.
HOSTILE_NAMES = st.builds(
    lambda trigger, rest: (trigger + rest)[:200], st.sampled_from(FORMULA_TRIGGERS),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=40))


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _xlsx_cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def _body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def _background_ledger(user, file_format: str) -> bytes:
    job = run(request_export(user, "ledger", file_format, {}, "Sổ"))
    assert job.state == "done", job.message
    with open_private(job.stored_name) as handle:
        return handle.read()


def _exports(clients, users) -> dict[str, bytes]:
    board, officer = clients["board"], clients["officer"]
    qualify = {"award": "bang_khen_tinh", "year": 2025}
    out = {}
    for kind in ("csv", "xlsx"):
        out[f"people.{kind}"] = _body(officer.get(reverse("organisations:person_list"),
                                                  {"export": kind}))
        out[f"ledger.{kind}"] = _body(board.get(reverse("awards:ledger"), {"export": kind}))
        out[f"api.{kind}"] = _body(board.get(f"{API}/ledger/export", {"format": kind},
                                             **bearer(users["board"])))
        out[f"background.{kind}"] = _background_ledger(users["board"], kind)
    out["qualify.xlsx"] = _body(board.get(reverse("awards:qualify"), qualify | {"export": "xlsx"}))
    out["form.xlsx"] = _body(board.get(reverse("reports:forms"), {
        "form": "0603", "year_from": "2025", "year_to": "2025", "export": "xlsx"}))
    return out


@pytest.fixture
def hostile_setup(client_for, board_user, officer_a, dept_a):
    person = PersonFactory(unit=dept_a)
    for year in (2023, 2024, 2025):
        ledger.record_award(None, award_type=AwardType.objects.get(code="cstd_co_so"),
                            year=year, decision_number=f"{year}/QĐ-UBND",
                            decision_date=datetime.date(year + 1, 1, 20), issuer="UBND tỉnh",
                            person=person)
        ledger.set_rating(None, person=person, year=year, rating="xuat_sac")
    clients = {"board": client_for(board_user), "officer": client_for(officer_a)}
    return person, clients, {"board": board_user}


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=HOSTILE_NAMES)
def test_no_export_cell_starts_a_formula(hostile_setup, dept_a, name):
    person, clients, users = hostile_setup
    Person.objects.filter(pk=person.pk).update(full_name=name, position=name)
    Unit.objects.filter(pk=dept_a.pk).update(name=name)
    for label, content in _exports(clients, users).items():
        if label.endswith(".csv"):
            cells = _csv_cells(content)
            assert "'" + name in cells, label  # the name is there, as text
            texts = cells
        else:
            cells = _xlsx_cells(content)
            assert [c.coordinate for c in cells if c.data_type == "f"] == [], label
            texts = [c.value for c in cells if isinstance(c.value, str)]
        assert [t for t in texts if t.startswith(FORMULA_TRIGGERS)] == [], label
