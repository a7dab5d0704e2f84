"""The ledger's rows rendered in Python are the rows the template loop rendered; its filter form,
kept rendered, is the form the template rendered, whatever wrote the titles."""

import datetime
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template import Context, Template
from django.utils import translation

from awards.data.catalogue import CATALOGUE
from awards.data.sync import sync_award_types
from awards.domain.queries import ledger_page, page_subjects
from awards.models import AwardRecord, AwardType
from awards.templatetags.ledger_rows import award_options, ledger_filter, ledger_rows
from tests.factories import CollectiveFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

# The loop the tag replaced (awards/ledger.html before issue 14).
LOOP = Template(
    "{% load i18n core_tags %}{% url_for_rows 'awards:person_profile' as profile_url "
    "%}{% url_for_rows 'awards:record_revoke' as revoke_url %}{% url_for_rows 'awards"
    ":record_correct' as correct_url %}\n  {% for r in records %}<tr>\n    <td>{% if r."
    'person_id %}<a href="{{ profile_url|with_id:r.person.public_id }}">{{ r.person.f'
    'ull_name }}</a>{% else %}{{ r.subject }}{% endif %}</td>\n    <td>{{ r.award_type'
    '.name }}</td><td>{{ r.year }}</td><td>{{ r.decision_number }} ({{ r.decision_dat'
    'e|vn_date }})<div class="muted">{{ r.issuer }}</div></td><td>{{ r.unit }}</td>\n '
    '   <td>{% if r.revoked %}<span class="badge ended">{% translate "revoked" %}</sp'
    'an>{% if r.revoking_decision %}<div class="muted">{% blocktranslate trimmed with'
    ' decision=r.revoking_decision %}by decision {{ decision }}{% endblocktranslate %'
    '}</div>{% endif %}{% else %}<span class="badge ok">{% translate "valid" %}</span'
    '>\n      {% if r.can_amend %} <a href="{{ revoke_url|with_id:r.public_id }}">{% t'
    'ranslate "Revoke" %}</a>{% if r.source != "decision" %} <a href="{{ correct_url|'
    'with_id:r.public_id }}">{% translate "Correct" context "ledger" %}</a>{% endif %'
    '}{% endif %}{% endif %}</td></tr>\n  {% endfor %}')


def _record(unit, **fields):
    return AwardRecord(award_type=AwardType.objects.get(code="giay_khen"), unit=unit,
                       year=2024, decision_number="12/QĐ-UBND",
                       decision_date=datetime.date(2025, 1, 20), issuer="UBND <tỉnh> & co",
                       **fields)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_are_those_of_the_template_loop(dept_a, school_a, language):
    # The user may amend what dept_a granted, not what school_a did (one answer an authority).
    person = PersonFactory(unit=dept_a, full_name="Nguyễn <Văn> An")
    household = HouseholdFactory(head=PersonFactory(unit=dept_a, full_name="Hà & <Hộ>"),
                                 unit=dept_a)
    records = [
        _record(dept_a, person=person, source="manual", issuer_unit=dept_a),
        _record(dept_a, person=person, source="decision", issuer_unit=dept_a),
        _record(dept_a, collective=CollectiveFactory(unit=dept_a, name="Tổ <Toán>"),
                source="import", issuer_unit=school_a),
        _record(dept_a, person=person, revoked=True, revoking_decision_number="3/QĐ-UBND",
                revoking_decision_date=datetime.date(2025, 3, 5), revoking_issuer="Chủ tịch",
                issuer_unit=dept_a),
        _record(dept_a, person=person, revoked=True, issuer_unit=school_a),
        _record(dept_a, household=household, source="manual", issuer_unit=school_a),
        _record(dept_a, person=person, source="manual"),  # no authority recorded
    ]
    for year, record in enumerate(records, start=2020):  # one live title a person a year
        record.year = year
        record.save()
    # The tag reads the page's query (named rows of values, the subjects read apart); the loop
    # read whole records.
    rows = list(ledger_page(AwardRecord.objects.filter(pk__in=[r.pk for r in records]))
                .order_by("pk"))
    amendable = {dept_a.id: True, school_a.id: False, None: False}
    for record in records:
        record.can_amend = amendable[record.issuer_unit_id]
    with translation.override(language):
        # (the whitespace around the loop is the page's layout, not the rows')
        assert ledger_rows(rows, page_subjects(rows), amendable).strip() \
            == LOOP.render(Context({"records": records})).strip()


# The filter's options as the template loop rendered them (awards/ledger.html before h6).
OPTIONS = Template(
    '{% for t in types %}<option value="{{ t.code }}"{% if selected == t.code %} selected'
    '{% endif %}>{{ t.name }}</option>{% endfor %}')


@pytest.mark.parametrize("selected", ["", "giay_khen", "<none>"])
def test_the_award_options_are_those_of_the_template_loop(selected):
    AwardType.objects.filter(code="giay_khen").update(name="Giấy khen <của> \"Chủ tịch\" & 'x'")
    types = AwardType.objects.all()
    assert award_options(types.values_list("code", "name"), selected) == OPTIONS.render(
        Context({"types": types, "selected": selected}))


# The filter form as awards/ledger.html rendered it before it was kept rendered (session 11 h2).
FORM = Template(
    '{% load i18n ledger_rows %}<form method="get" class="filters card" role="search">\n'
    '  <div><label for="id_q">{% translate "Name or decision number" %}</label><input type="s'
    'earch" id="id_q" name="q" value="{{ q }}"></div>\n  <div><label for="id_award">{% trans'
    'late "Title / form" %}</label><select id="id_award" name="award"><option value="">{% tr'
    'anslate "All" %}</option>\n    {% award_options types chosen.award %}</select></div>\n  '
    '<div><label for="id_year">{% translate "Year" %}</label><input id="id_year" name="year" '
    'inputmode="numeric" size="5" value="{{ chosen.year }}"></div>\n  <button type="submit">'
    '{% translate "Filter" %}</button>\n  <button type="submit" name="export" value="xlsx" cl'
    'ass="secondary">{% translate "Export .xlsx" %}</button>\n  <button type="submit" name="e'
    'xport" value="csv" class="secondary">{% translate "Export .csv" %}</button>\n</form>')


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("q", "award", "year"), [
    ("", "", ""), ("nguyen van", "giay_khen", "2024"), ('<b>"Lê" & \'x\'', "<none>", '20"24<'),
    ("giay_khen", 'giay_khen">', "x")])
def test_the_filter_is_that_of_the_template(language, q, award, year):
    AwardType.objects.filter(code="giay_khen").update(name="Giấy khen <của> \"Chủ tịch\" & 'x'")
    chosen = {"award": award, "year": year, "revoked": ""}
    with translation.override(language):
        for _twice in range(2):  # rendered, then as kept
            assert ledger_filter(q, chosen) == FORM.render(Context({
                "q": q, "chosen": chosen, "types": AwardType.objects.values_list("code", "name")}))


def _filter_names() -> list[str]:
    return re.findall(r'<option value="[^"]+">([^<]*)</option>',
                      ledger_filter("", {"award": "", "year": ""}))


def _rename_saved(name):
    title = AwardType.objects.get(code="giay_khen")
    title.name = name
    title.save()


def _rename_updated(name):
    AwardType.objects.filter(code="giay_khen").update(name=name)


def _rename_in_bulk(name):
    title = AwardType.objects.get(code="giay_khen")
    title.name = name
    AwardType.objects.bulk_update([title], ["name"])


def _rename_in_sql(name):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE awards_awardtype SET name = %s WHERE code = 'giay_khen'", [name])


@pytest.mark.parametrize("rename", [_rename_saved, _rename_updated, _rename_in_bulk,
                                    _rename_in_sql])
def test_every_way_of_writing_a_title_is_in_the_filter(rename):
    assert "Giấy khen" in _filter_names()  # kept rendered
    rename("Giấy khen (mới)")
    assert "Giấy khen (mới)" in _filter_names()
    assert "Giấy khen" not in _filter_names()


def test_the_law_sync_of_a_migration_renews_the_filter():
    # The law sync as a migration runs it, through historical models (whose saves reach no
    # receiver): the database's triggers still change the stamp the form is kept by.
    _rename_updated("Giấy khen (cũ)")
    assert "Giấy khen (cũ)" in _filter_names()
    sync_award_types(MigrationExecutor(connection).loader.project_state().apps)
    assert AwardType.objects.get(code="giay_khen").name == CATALOGUE["giay_khen"]["name"]
    assert "Giấy khen (cũ)" not in _filter_names()
    assert CATALOGUE["giay_khen"]["name"] in _filter_names()
