"""The proposal list and the appraisal inbox written in Python (proposals.templatetags.
proposal_rows, core.templatetags.list_links) and read with SQL compiled once per scope
(core.interfaces.compiled) are the pages their templates rendered before session 12, byte for
byte: rows of every state, both languages, the board and an officer, whole page and htmx."""

import datetime
import re
import uuid

import pytest
from django.template import engines
from django.urls import reverse

from proposals.enums import ProposalState
from proposals.models import Proposal
from tests.proposals.helpers import draft, submitted

# proposals/proposal_list.html and proposals/inbox.html before session 12.
OLD_LIST = (
    '{% extends "core/base.html" %}\n{% load i18n core_tags proposal_rows %}\n{% block title '
    '%}{% translate "Award proposals" %}{% endblock %}\n{% block content %}\n<div class="tool'
    'bar"><h1>{% translate "Award proposals" %}</h1><span class="spacer"></span>\n  {% if can'
    '_add %}<a class="button secondary" href="{% url \'proposals:consolidate\' %}">{% transla'
    'te "Consolidate to the next level" %}</a>\n  <a class="button" href="{% url \'proposals:'
    'create\' %}">{% translate "New proposal" %}</a>{% endif %}\n</div>\n<form method="get" c'
    'lass="filters card" role="search">\n  <div><label for="id_q">{% translate "Code, subject'
    ' or letter number" %}</label>\n    <input type="search" id="id_q" name="q" value="{{ q }'
    '}"></div>\n  <div><label for="id_state">{% translate "State" %}</label>\n    <select id='
    '"id_state" name="state"><option value="">{% translate "All" %}</option>\n      {% for va'
    'lue, label in states %}<option value="{{ value }}"{% if request.GET.state == value %} se'
    'lected{% endif %}>{{ label }}</option>{% endfor %}</select></div>\n  <button type="submi'
    't">{% translate "Search" %}</button>\n</form>\n{% include "core/includes/export_links.ht'
    'ml" %}\n<div class="table-wrap"><table>\n  <thead><tr><th>{% translate "Code" %}</th><th'
    '>{% translate "Summary (trích yếu)" %}</th><th>{% translate "Proposing unit" %}</th><th>'
    '{% translate "Addressed to" %}</th><th>{% translate "Year" %}</th><th>{% translate "Stat'
    'e" %}</th></tr></thead>\n  <tbody>{% proposal_rows page.object_list %}\n  {% if not page'
    '.object_list %}<tr><td colspan="6" class="muted">{% translate "No proposal." %}</td></tr'
    '>{% endif %}</tbody>\n</table></div>\n{% include "core/includes/pagination.html" %}\n{% '
    'endblock %}\n'
)
OLD_INBOX = (
    '{% extends "core/base.html" %}\n{% load i18n proposal_rows %}\n{% block title %}{% trans'
    'late "Appraisal inbox" %}{% endblock %}\n{% block content %}\n<h1>{% translate "Appraisa'
    'l inbox" %}</h1>\n<p class="muted">{% translate "Received proposals in progress, the nea'
    'rest deadline first. Deadlines count working days; public holidays are skipped." %}</p>'
    '\n{% include "core/includes/export_links.html" %}\n<div class="table-wrap"><table class='
    '"stack">\n  <thead><tr><th>{% translate "Code" %}</th><th>{% translate "Summary (trích y'
    'ếu)" %}</th><th>{% translate "Proposing unit" %}</th><th>{% translate "Nominees" %}</th>'
    '<th>{% translate "Submitted" %}</th><th>{% translate "State" %}</th><th>{% translate "St'
    'ep deadline" %}</th></tr></thead>\n  <tbody>{% inbox_rows page.object_list today %}{% if'
    ' not page.object_list %}<tr><td colspan="7" class="muted">{% translate "Nothing waiting.'
    '" %}</td></tr>{% endif %}</tbody>\n</table></div>\n{% include "core/includes/pagination.'
    'html" %}\n{% endblock %}\n'
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _blank(html: str) -> str:
    """The page without its CSRF tokens (masked anew on every call)."""
    return CSRF.sub('name="csrfmiddlewaretoken" value=""', html)


def _as_before(response, source: str, **extra) -> str:
    """What the old template renders with the response's own context and request."""
    context = response.context[0].flatten() | extra
    return engines["django"].from_string(source).render(context, response.wsgi_request)


@pytest.fixture
def many(officer_a, dept_a, province):
    """56 proposals of DEPT_A (two pages) in every state, some addressed to the province, with
    a summary that needs escaping; the received ones due on various days."""
    first = draft(officer_a, dept_a, dept_a, people=0)
    submitted(officer_a, dept_a, dept_a)
    states = list(ProposalState.values)
    copies = []
    for i in range(54):
        copy = Proposal.objects.get(pk=first.pk)
        copy.pk, copy.public_id, copy.code = None, uuid.uuid4(), f"DN-<{i}>&"
        copy.state = states[i % len(states)]
        copy.title = f'Khen <thưởng> & "đột xuất" {i}'
        copy.recipient_unit = province if i % 3 else dept_a
        copy.submitted_at = datetime.datetime(2026, 11, 2, 20, i, tzinfo=datetime.UTC)
        copy.due_on = None if i % 4 == 0 else datetime.date(2026, 11, 1 + i % 28)
        copies.append(copy)
    Proposal.objects.bulk_create(copies)


LIST_QUERIES = ["", "?page=2", "?q=%3C%22%26", "?q=thư", "?state=draft", "?state=submitted&page=1",
                "?state=bogus%3C", "?page=9"]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("who", ["board_user", "officer_a"])
@pytest.mark.parametrize("htmx", [False, True])
def test_the_proposal_list_is_the_page_its_template_rendered(request, client, many, language,
                                                             who, htmx):
    client.force_login(request.getfixturevalue(who))
    client.cookies["django_language"] = language
    headers = {"HX-Request": "true"} if htmx else {}
    compared = 0
    for query in LIST_QUERIES:
        response = client.get(reverse("proposals:list") + query, headers=headers)
        page = _blank(response.content.decode())
        assert page == _blank(_as_before(response, OLD_LIST, states=ProposalState.choices))
        compared += page.count("<tr><td>")
    assert compared > 100


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("htmx", [False, True])
def test_the_inbox_is_the_page_its_template_rendered(client, board_user, many, language, htmx):
    client.force_login(board_user)
    client.cookies["django_language"] = language
    headers = {"HX-Request": "true"} if htmx else {}
    overdue = 0
    for query in ["", "?page=2", "?page=7", "?q=%3C%22%26"]:
        response = client.get(reverse("proposals:inbox") + query, headers=headers)
        page = _blank(response.content.decode())
        assert page == _blank(_as_before(response, OLD_INBOX))
        overdue += page.count('class="overdue"')
    assert overdue > 0


def test_an_empty_inbox_is_the_page_its_template_rendered(client, board_user):
    client.force_login(board_user)
    response = client.get(reverse("proposals:inbox"))
    assert _blank(response.content.decode()) == _blank(_as_before(response, OLD_INBOX))
