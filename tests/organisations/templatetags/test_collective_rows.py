"""The collective list's rows rendered in Python are the rows its template loop rendered."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from organisations.models import Collective
from organisations.templatetags.organisation_rows import collective_rows
from organisations.views.subjects import COLLECTIVE_COLUMNS
from tests.factories import CollectiveFactory

pytestmark = pytest.mark.django_db

# The loop the tag replaced (organisations/subject_list.html before session 15).
LOOP = Template(
    "{% load i18n %}{% for c in rows %}<tr><td><a href=\"{% url 'organisations:collective_detail'"
    ' c.public_id %}">{{ c.name }}</a>{% if c.valid_to %} <span class="badge ended">'
    '{% translate "ended" %}</span>{% endif %}</td><td>{{ c.get_kind_display }}</td><td>'
    "{{ c.unit }}</td><td>{{ c.member_count }}</td></tr>\n  {% endfor %}")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_are_those_of_the_template_loop(dept_a, language):
    made = [
        CollectiveFactory(unit=dept_a, name='Tổ <Toán> & "Tin"', kind="unit", member_count=1234),
        CollectiveFactory(unit=dept_a, name="Tổ đã giải thể", valid_to=datetime.date(2024, 5, 1)),
        CollectiveFactory(unit=dept_a, name="Tổ lạ", kind="odd<kind>", member_count=0),
    ]
    ids = [c.pk for c in made]
    instances = list(Collective.objects.filter(pk__in=ids).select_related("unit").order_by("pk"))
    rows = list(Collective.objects.filter(pk__in=ids).order_by("pk").values(*COLLECTIVE_COLUMNS))
    with translation.override(language):
        assert collective_rows(rows) == LOOP.render(Context({"rows": instances}))


def test_no_rows_is_empty(dept_a):
    assert collective_rows([]) == ""
