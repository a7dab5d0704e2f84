"""The upload step (`proposals.views.dossier.upload`), which every officer's cycle under `make
load` runs three times: the form lists the proposal's nominees in one query however many they
are, and a posted file is checked by content and attached in a fixed number of queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from proposals.domain import nominees
from proposals.enums import DocumentType
from proposals.models import DossierDocument
from tests.proposals.helpers import draft

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def officer_client(client, officer_a, dept_a, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client.force_login(officer_a)
    warm_up = draft(officer_a, dept_a, dept_a)  # roles cached, ORM compiled
    client.get(_url(warm_up))
    _post(client, warm_up)
    return client


def _url(proposal) -> str:
    return reverse("proposals:document_add", args=[proposal.public_id])


def _post(client, proposal, content=PDF, name="to-trinh.pdf", **data):
    upload = SimpleUploadedFile(name, content)
    return client.post(_url(proposal), {"doc_type": DocumentType.SUBMISSION_LETTER,
                                        "title": "Tờ trình", "file": upload, **data})


def _get_queries(client, proposal) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(proposal))
    assert response.status_code == 200
    field = response.context["form"]["nominee"]
    return len(queries), [label for _value, label in field.field.choices]


def test_the_form_lists_the_live_nominees_in_one_query(officer_client, officer_a, dept_a):
    one = draft(officer_a, dept_a, dept_a, people=1)
    four = draft(officer_a, dept_a, dept_a, people=4)
    dropped = four.nominees.order_by("sort_order", "id").last()
    nominees.drop_nominee(officer_a, dropped, reason="Chuyển công tác.")
    counted_one, labels_one = _get_queries(officer_client, one)
    counted_four, labels_four = _get_queries(officer_client, four)
    expected = ["---------"] + [str(n) for n in four.nominees.order_by("sort_order", "id")
                                if n.pk != dropped.pk]
    assert (counted_one, counted_four, labels_four, len(labels_one)) == (2, 2, expected, 2)


def test_the_form_queries_are_the_proposal_and_its_nominees(officer_client, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=2)
    with CaptureQueriesContext(connection) as queries:
        officer_client.get(_url(proposal))
    tables = [sql.split(" FROM ")[1].split(" ")[0] for sql in
              (q["sql"] for q in queries.captured_queries)]
    assert tables == ['"proposals_proposal"', '"proposals_nominee"']


def test_a_posted_file_is_attached_in_a_fixed_number_of_queries(officer_client, officer_a,
                                                                dept_a):
    proposal = draft(officer_a, dept_a, dept_a)
    with CaptureQueriesContext(connection) as queries:
        response = _post(officer_client, proposal)
    document = DossierDocument.objects.get(proposal=proposal)
    entry = AuditEntry.objects.filter(object_id=str(document.public_id)).get()
    assert (response.status_code, document.doc_type, document.file_kind, document.nominee,
            entry.action, len(queries)) == (
        302, DocumentType.SUBMISSION_LETTER, "pdf", None, "proposals.document.attach", 6)


def test_a_file_for_one_nominee(officer_client, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a, people=2)
    nominee = proposal.nominees.order_by("sort_order", "id").last()
    response = _post(officer_client, proposal, nominee=nominee.pk)
    assert (response.status_code,
            list(proposal.documents.values_list("nominee", flat=True))) == (302, [nominee.pk])


def test_a_nominee_of_another_proposal_is_refused(officer_client, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a)
    other = draft(officer_a, dept_a, dept_a).nominees.get()
    response = _post(officer_client, proposal, nominee=other.pk)
    assert (response.status_code, response.context["form"].errors["nominee"][0],
            proposal.documents.count()) == (
        200, "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa "
             "chọn khả thi.", 0)


def test_a_file_whose_content_is_not_its_type_is_refused(officer_client, officer_a, dept_a):
    proposal = draft(officer_a, dept_a, dept_a)
    response = _post(officer_client, proposal, content=b"MZ\x90\x00 not a pdf", name="x.pdf")
    assert (response.status_code, "file" in response.context["form"].errors,
            proposal.documents.count()) == (200, True, 0)


def test_an_outsider_cannot_upload(client, officer_a, outsider, dept_a, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    proposal = draft(officer_a, dept_a, dept_a)
    client.force_login(outsider)
    assert ((client.get(_url(proposal)).status_code, _post(client, proposal).status_code,
             proposal.documents.count()) == (404, 404, 0))


def test_the_forms_selects_are_djangos_html_without_its_option_templates(
        officer_client, officer_a, dept_a):
    """doc_type and nominee are QuickSelect: the HTML Django's Select gives, with no template
    rendered per option (the form is shown three times in every officer's cycle)."""
    from django import forms  # noqa: PLC0415 only this test builds Django's own widget

    from proposals.interfaces.forms import DocumentForm  # noqa: PLC0415 the form under test

    proposal = draft(officer_a, dept_a, dept_a, people=2)
    ours = DocumentForm(proposal=proposal)
    djangos = DocumentForm(proposal=proposal)
    for name in ("doc_type", "nominee"):
        field = djangos.fields[name]
        field.widget = forms.Select(choices=field.choices)
    assert [str(ours[name]) for name in ("doc_type", "nominee")] == \
        [str(djangos[name]) for name in ("doc_type", "nominee")]
    response = officer_client.get(_url(proposal))
    templates = [t.name for t in response.templates]
    assert templates.count("django/forms/widgets/select_option.html") == 0
