"""The appraisal inbox's rows rendered in Python are the rows its template loop rendered."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from proposals.domain.queries.proposals import inbox_rows_for_user
from proposals.models import Proposal
from proposals.templatetags.proposal_rows import inbox_rows
from tests.proposals.helpers import submitted

pytestmark = pytest.mark.django_db

# The loop the tag replaced (proposals/inbox.html before session 9), on model instances with
# the nominee count set as with_nominee_counts did.
LOOP = Template(
    '{% load i18n core_tags %}{% for p in page %}\n  <tr{% if p.due_on and p.due_on < today %'
    '} class="overdue"{% endif %}><td data-label="{% translate \'Code\' %}"><a href="{% url \''
    'proposals:detail\' p.public_id %}">{{ p.code }}</a></td><td data-label="{% translate \'Su'
    'mmary (trích yếu)\' %}">{{ p.title }}</td><td data-label="{% translate \'Proposing unit\' '
    '%}">{{ p.unit }}</td><td data-label="{% translate \'Nominees\' %}">{{ p.nominee_count }}</'
    'td>\n    <td data-label="{% translate \'Submitted\' %}">{{ p.submitted_at|date:"d/m/Y" }}'
    '</td><td data-label="{% translate \'State\' %}">{{ p.get_state_display }}</td>\n    <td d'
    'ata-label="{% translate \'Step deadline\' %}">{{ p.due_on|vn_date|default:"—" }}{% if p.d'
    'ue_on and p.due_on < today %} <span class="badge danger">{% translate "overdue" %}</span>'
    '{% endif %}</td></tr>\n  {% endfor %}')


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_inbox_rows_are_those_of_the_template_loop(officer_a, board_user, dept_a,
                                                        language):
    today = datetime.date(2026, 11, 20)
    late, due, undated = (submitted(officer_a, dept_a, dept_a) for _ in range(3))
    Proposal.objects.filter(pk=late.pk).update(due_on=datetime.date(2026, 11, 19),
                                               title="Khen <thưởng> & \"đột xuất\"")
    Proposal.objects.filter(pk=due.pk).update(due_on=today)
    Proposal.objects.filter(pk=undated.pk).update(due_on=None)
    # Late at night UTC is the next morning in Vietnam: the page shows the local day.
    Proposal.objects.filter(pk=due.pk).update(
        submitted_at=datetime.datetime(2026, 11, 2, 20, 30, tzinfo=datetime.UTC))
    rows = list(inbox_rows_for_user(board_user))
    instances = {p.pk: p for p in Proposal.objects.select_related("unit")}
    page = [instances[p] for p in Proposal.objects.filter(
        public_id__in=[r["public_id"] for r in rows]).values_list("pk", flat=True)]
    page.sort(key=lambda p: [r["public_id"] for r in rows].index(p.public_id))
    for proposal in page:
        proposal.nominee_count = proposal.nominees.count()
    with translation.override(language):
        rendered = inbox_rows(rows, today)
        assert rendered == LOOP.render(Context({"page": page, "today": today}))
    assert (rendered.count(' class="overdue"'), rendered.count("03/11/2026"),
            rendered.count("&lt;thưởng&gt; &amp; &quot;đột xuất&quot;")) == (1, 1, 1)


def test_an_empty_page_has_no_rows():
    assert inbox_rows([], datetime.date(2026, 11, 20)) == ""
