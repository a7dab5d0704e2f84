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
