"""The decision list's rows rendered in Python are the rows its template loop rendered."""

import pytest
from django.template import Context, Template
from django.utils import translation

from decisions.models import Decision
from decisions.templatetags.decision_rows import decision_rows
from decisions.views.decisions import LIST_COLUMNS
from tests.decisions.helpers import DECIDED_ON, draft_for, issued
from tests.proposals.helpers import appraised

pytestmark = pytest.mark.django_db

# The loop the tag replaced (decisions/decision_list.html before session 15).
LOOP = Template(
    "{% load i18n core_tags %}{% for d in rows %}<tr><td><a href=\"{% url 'decisions:detail' "
    'd.public_id %}">{{ d.number_label }}</a></td><td>{{ d.date|vn_date|default:"—" }}</td>'
    "<td>{{ d.summary }}</td><td>{{ d.issuer }}</td><td>{{ d.get_kind_display }}</td><td>"
    "{{ d.get_state_display }}</td></tr>\n  {% endfor %}")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_are_those_of_the_template_loop(officer_a, board_user, approver_user, dept_a,
                                                 language):
    made = [issued(officer_a, board_user, approver_user, dept_a, on=DECIDED_ON),
            draft_for(board_user, [appraised(officer_a, board_user, dept_a, dept_a)], dept_a)]
    Decision.objects.filter(pk=made[1].pk).update(summary='Về việc <khen> & "thưởng"',
                                                  kind="odd<kind>")
    ids = [d.pk for d in made]
    instances = list(Decision.objects.filter(pk__in=ids).select_related("issuer")
                     .order_by("pk"))
    assert [d.number for d in instances][1] is None  # a draft's "…/symbol"
    rows = list(Decision.objects.filter(pk__in=ids).order_by("pk").values(*LIST_COLUMNS))
    with translation.override(language):
        assert decision_rows(rows) == LOOP.render(Context({"rows": instances}))
