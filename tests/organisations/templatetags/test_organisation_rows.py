"""The people list's rows rendered in Python are the rows the template loop rendered."""

import datetime

import pytest
from django.template import Context, Template

from organisations.models import Person
from organisations.templatetags.organisation_rows import person_rows
from organisations.views.people import PERSON_PAGE_FIELDS
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# The loop the tag replaced (organisations/includes/person_rows.html before issue 14).
LOOP = Template(
    "{% load i18n core_tags %}{% url_for_rows 'organisations:person_detail' as detail"
    '_url %}{% for p in people %}<tr><td><a href="{{ detail_url|with_id:p.public_id }'
    '}">{{ p.full_name }}</a></td><td>{{ p.get_gender_display }}</td><td>{% if p.show'
    's_personal %}{{ p.birth_date|vn_date }}{% else %}—{% endif %}</td>\n    <td>{{ p.'
    'unit.name|default:"—" }}</td><td>{{ p.position }}</td>\n    <td>{% if p.is_leader'
    ' %}<span class="badge">{% translate "leader" %}</span>{% endif %} {% if p.is_dir'
    'ect_worker %}<span class="badge">{% translate "direct worker" %}</span>{% endif '
    '%}</td></tr>\n{% endfor %}')


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_are_those_of_the_template_loop(dept_a, language):
    from django.utils import translation

    people = [
        PersonFactory(unit=dept_a, full_name="Nguyễn <Văn> & An", is_leader=True,
                      position="Trưởng phòng"),
        PersonFactory(unit=None, full_name="Không Đơn Vị", is_direct_worker=True,
                      birth_date=datetime.date(1990, 2, 3)),
        PersonFactory(unit=dept_a, full_name="Ẩn Ngày Sinh"),
    ]
    # The tag reads the page's named rows and asks the personal-data rule of each: here only
    # dept_a's people are the user's to see, so the third, of dept_a too, is shown as well.
    rows = list(Person.objects.filter(pk__in=[p.pk for p in people])
                .order_by("id").values_list(*PERSON_PAGE_FIELDS, named=True))
    for person, shown in zip(people, (True, False, True), strict=True):
        person.shows_personal = shown
    with translation.override(language):
        assert person_rows(rows, {dept_a.id}) == LOOP.render(Context({"people": people}))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_birth_date_is_shown_to_who_sees_every_unit(dept_a, language):
    from django.utils import translation

    people = [PersonFactory(unit=dept_a, birth_date=datetime.date(1980, 12, 31)),
              PersonFactory(unit=None)]
    rows = list(Person.objects.filter(pk__in=[p.pk for p in people])
                .order_by("id").values_list(*PERSON_PAGE_FIELDS, named=True))
    for person in people:
        person.shows_personal = True
    with translation.override(language):
        assert person_rows(rows, None) == LOOP.render(Context({"people": people}))


# The filter form the tag replaced (organisations/person_list.html before session 11).
FORM = Template(
    '{% load i18n %}<form method="get" class="filters card" role="search" hx-get="{% url \''
    'organisations:person_list\' %}" hx-target="#person-results" hx-trigger="input changed '
    'delay:400ms from:#id_q, change, submit" hx-push-url="true">\n  <div><label for="id_q">{'
    '% translate "Name or citizen ID" %}</label>\n    <input type="search" id="id_q" name="q'
    '" value="{{ q }}" placeholder="{% translate \'e.g. nguyen van an\' %}" autocomplete="of'
    'f"></div>\n  {% if unit %}<input type="hidden" name="unit" value="{{ unit.code }}">{% e'
    'ndif %}\n  <div><label for="id_gender">{% translate "Gender" %}</label>\n    <select id'
    '="id_gender" name="gender"><option value="">{% translate "All" %}</option>\n      {% fo'
    'r value, label in genders %}<option value="{{ value }}"{% if chosen.gender == value %} '
    'selected{% endif %}>{{ label }}</option>{% endfor %}</select></div>\n  <div><label for='
    '"id_is_leader">{% translate "Leader / manager" %}</label>\n    <select id="id_is_leader"'
    ' name="is_leader"><option value="">{% translate "All" %}</option>\n      <option value="'
    '1"{% if chosen.is_leader == "1" %} selected{% endif %}>{% translate "Yes" %}</option>\n '
    '     <option value="0"{% if chosen.is_leader == "0" %} selected{% endif %}>{% translate '
    '"No" %}</option></select></div>\n  <div><label for="id_is_direct_worker">{% translate "'
    'Direct worker" %}</label>\n    <select id="id_is_direct_worker" name="is_direct_worker">'
    '<option value="">{% translate "All" %}</option>\n      <option value="1"{% if chosen.is_'
    'direct_worker == "1" %} selected{% endif %}>{% translate "Yes" %}</option>\n      <optio'
    'n value="0"{% if chosen.is_direct_worker == "0" %} selected{% endif %}>{% translate "No'
    '" %}</option></select></div>\n  <button type="submit">{% translate "Search" %}</button>'
    '\n</form>')


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("q", "chosen"), [
    ("", {"gender": "", "is_leader": "", "is_direct_worker": ""}),
    ('nguyễn <b>"văn" & {an}', {"gender": "female", "is_leader": "1", "is_direct_worker": "0"}),
    ("{q}", {"gender": "male", "is_leader": "0", "is_direct_worker": "1"}),
    ("x", {"gender": "<script>", "is_leader": "2", "is_direct_worker": "yes"}),
])
@pytest.mark.parametrize("with_unit", [False, True])
def test_the_filter_form_is_that_of_the_template(dept_a, language, q, chosen, with_unit):
    from django.utils import translation

    from organisations.enums import Gender
    from organisations.templatetags.organisation_rows import person_filters

    unit = dept_a if with_unit else None
    with translation.override(language):
        # twice: the second from the language's kept skeleton
        for _ in range(2):
            assert person_filters(q, unit, chosen) == FORM.render(Context(
                {"q": q, "unit": unit, "chosen": chosen, "genders": Gender.choices}))
