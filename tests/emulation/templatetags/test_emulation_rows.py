"""The initiative list's rows and filter form rendered in Python are what the template nodes
they replaced rendered."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from emulation.initiatives.enums import InitiativeKind, InitiativeScope, InitiativeState
from emulation.initiatives.models import Initiative
from emulation.initiatives.views.initiatives import LIST_COLUMNS
from emulation.movements.enums import MovementKind, MovementState
from emulation.movements.models import Movement
from emulation.movements.views.movements import LIST_COLUMNS as MOVEMENT_COLUMNS
from emulation.templatetags.emulation_rows import (
    initiative_filters,
    initiative_rows,
    movement_filters,
    movement_rows,
)
from tests.emulation.movement_helpers import make_movement
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db

# The loop the tag replaced (emulation/includes/initiative_rows.html before session 15).
ROWS_LOOP = Template(
    "{% load i18n %}{% for i in rows %}\n  <tr><td>{{ i.code }}</td><td><a href=\"{% url "
    "'emulation:initiative_detail' i.public_id %}\">{{ i.title }}</a>{% if i.kind == \"de_tai\""
    ' %} <span class="badge">{% translate "research topic" %}</span>{% endif %}</td>\n    <td>'
    "{{ i.unit }}</td><td>{{ i.year }}</td><td>{{ i.get_scope_display|default:\"—\" }}</td><td>"
    "{{ i.get_state_display }}</td></tr>\n  {% endfor %}")

# The filter form the tag replaced (emulation/initiative_list.html before session 15).
FORM = Template(
    "{% load i18n %}"
    '<form method="get" class="filters card" role="search" hx-get="{% url \'emulation:initiati'
    've_list\' %}" hx-target="#initiative-results" hx-trigger="input changed delay:400ms from:#'
    'id_q, change, submit" hx-push-url="true">\n  <div><label for="id_q">{% translate "Code, '
    'title or field" %}</label>\n    <input type="search" id="id_q" name="q" value="{{ q }}" p'
    'laceholder="{% translate \'e.g. phan mem quan ly\' %}" autocomplete="off"></div>\n  {% if'
    ' unit %}<input type="hidden" name="unit" value="{{ unit.code }}">{% endif %}\n  <div><lab'
    'el for="id_kind">{% translate "Kind" %}</label>\n    <select id="id_kind" name="kind"><op'
    'tion value="">{% translate "All" %}</option>\n      {% for value, label in filters.kind %'
    '}<option value="{{ value }}"{% if request.GET.kind == value %} selected{% endif %}>{{ lab'
    'el }}</option>{% endfor %}</select></div>\n  <div><label for="id_scope">{% translate "Sco'
    'pe of effect" %}</label>\n    <select id="id_scope" name="scope"><option value="">{% tran'
    'slate "All" %}</option>\n      {% for value, label in filters.scope %}<option value="{{ v'
    'alue }}"{% if request.GET.scope == value %} selected{% endif %}>{{ label }}</option>{% en'
    'dfor %}</select></div>\n  <div><label for="id_state">{% translate "State" %}</label>\n   '
    ' <select id="id_state" name="state"><option value="">{% translate "All" %}</option>\n    '
    '  {% for value, label in filters.state %}<option value="{{ value }}"{% if request.GET.sta'
    'te == value %} selected{% endif %}>{{ label }}</option>{% endfor %}</select></div>\n  <di'
    'v><label for="id_year">{% translate "Year" %}</label>\n    <input type="number" id="id_ye'
    'ar" name="year" value="{{ request.GET.year }}" min="1990" max="2100"></div>\n  <button ty'
    'pe="submit">{% translate "Search" %}</button>\n</form>')
FILTERS = {"kind": InitiativeKind.choices, "scope": InitiativeScope.choices,
           "state": InitiativeState.choices}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_are_those_of_the_template_loop(dept_a, school_a, language):
    made = [make_initiative(dept_a, title='Phần mềm <quản lý> & "hồ sơ"', kind="de_tai"),
            make_initiative(school_a, title="Sổ điểm", state="draft"),
            make_initiative(dept_a, title="Đã thu hồi", state="revoked_after_recognition",
                            scope="tinh")]
    Initiative.objects.filter(pk=made[1].pk).update(state="odd<state>")
    ids = [i.pk for i in made]
    instances = list(Initiative.objects.filter(pk__in=ids).select_related("unit")
                     .order_by("pk"))
    rows = list(Initiative.objects.filter(pk__in=ids).order_by("pk").values(*LIST_COLUMNS))
    with translation.override(language):
        assert initiative_rows(rows) == ROWS_LOOP.render(Context({"rows": instances}))


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("query", [
    {}, {"q": '<"&', "kind": "de_tai", "scope": "tinh", "state": "revoked", "year": "2024"},
    {"kind": "x<y", "year": '"2'}, {"state": ["draft", "recognised"], "scope": ""}])
def test_the_filter_form_is_the_template_form(dept_a, language, query):
    request = RequestFactory().get("/", query)
    for unit in (None, dept_a):
        chosen = {name: request.GET.get(name, "") for name in ("kind", "scope", "state", "year")}
        with translation.override(language):
            assert initiative_filters(request.GET.get("q", ""), unit, chosen) == FORM.render(
                Context({"request": request, "q": request.GET.get("q", ""), "unit": unit,
                         "filters": FILTERS}))


# The movement list's loop and form the tags replaced (emulation/movements/movement_list.html
# before session 15).
MOVEMENT_LOOP = Template(
    "{% load i18n core_tags %}{% for m in rows %}\n  <tr><td>{{ m.code }}</td><td><a href=\"{%"
    " url 'emulation:movement_detail' m.public_id %}\">{{ m.name }}</a></td><td>{{ m.get_kind_d"
    "isplay }}</td><td>{{ m.organiser }}</td><td>{{ m.start_date|vn_date }}</td><td>{{ m.get_st"
    "ate_display }}</td></tr>\n  {% endfor %}")
MOVEMENT_FORM = Template(
    '{% load i18n %}<form method="get" class="filters card" role="search">\n  <div><label for='
    '"id_q">{% translate "Code or name" %}</label>\n    <input type="search" id="id_q" name="q"'
    ' value="{{ q }}" autocomplete="off"></div>\n  <div><label for="id_kind">{% translate "Kin'
    'd" %}</label>\n    <select id="id_kind" name="kind"><option value="">{% translate "All" %'
    '}</option>\n      {% for value, label in filters.kind %}<option value="{{ value }}"{% if '
    'request.GET.kind == value %} selected{% endif %}>{{ label }}</option>{% endfor %}</select>'
    '</div>\n  <div><label for="id_state">{% translate "State" %}</label>\n    <select id="id_'
    'state" name="state"><option value="">{% translate "All" %}</option>\n      {% for value, '
    'label in filters.state %}<option value="{{ value }}"{% if request.GET.state == value %} se'
    'lected{% endif %}>{{ label }}</option>{% endfor %}</select></div>\n  <div><label for="id_'
    'year">{% translate "Year" %}</label>\n    <input type="number" id="id_year" name="year" v'
    'alue="{{ request.GET.year }}" min="1990" max="2100"></div>\n  <button type="submit">{% tr'
    'anslate "Search" %}</button>\n</form>')


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_movement_rows_are_those_of_the_template_loop(province, dept_a, language):
    made = [make_movement(province, [dept_a], name='Thi đua <dạy> & "học"'),
            make_movement(dept_a, [dept_a], name="Chuyên đề", kind="thematic",
                          state="launched")]
    Movement.objects.filter(pk=made[0].pk).update(kind="odd<kind>")
    ids = [m.pk for m in made]
    instances = list(Movement.objects.filter(pk__in=ids).select_related("organiser")
                     .order_by("pk"))
    rows = list(Movement.objects.filter(pk__in=ids).order_by("pk").values(*MOVEMENT_COLUMNS))
    with translation.override(language):
        assert movement_rows(rows) == MOVEMENT_LOOP.render(Context({"rows": instances}))


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("query", [
    {}, {"q": '<"&', "kind": "thematic", "state": "closed", "year": "2024"},
    {"kind": "x<y", "year": '"2'}, {"state": ["draft", "launched"]}])
def test_the_movement_filter_form_is_the_template_form(language, query):
    request = RequestFactory().get("/", query)
    chosen = {name: request.GET.get(name, "") for name in ("kind", "state", "year")}
    with translation.override(language):
        assert movement_filters(request.GET.get("q", ""), chosen) == MOVEMENT_FORM.render(
            Context({"request": request, "q": request.GET.get("q", ""),
                     "filters": {"kind": MovementKind.choices,
                                 "state": MovementState.choices}}))
