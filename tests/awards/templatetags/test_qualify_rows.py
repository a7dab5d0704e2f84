"""The "who qualifies" rows rendered in Python are the rows the template loop rendered."""

import pytest
from django.template import Context, Template
from django.utils import translation

from awards.eligibility.engine import Verdict
from awards.templatetags.qualify_rows import qualify_rows
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# The loop the tag replaced (awards/qualify.html before session 9).
LOOP = Template(
    "{% load i18n core_tags %}{% for person, verdict, standing in rows %}<tr><td><a href="
    "\"{% url 'awards:person_profile' person.public_id %}?year={{ year }}\">{{ person.full"
    "_name }}</a></td><td>{{ person.unit }}</td><td>{{ person.position }}</td><td>{{ names"
    "|lookup:verdict.award }}</td>\n    {% if standing %}<td><span class=\"badge ended\">{{"
    " standing }}</span></td><td></td>{% else %}<td><span class=\"badge ok\">{% translate "
    "\"Eligible\" %}</span></td><td>{{ verdict.reward.amount_vnd|vnd }}</td>{% endif %}</t"
    "r>\n  {% endfor %}")


def _verdict(award, reward=None):
    return Verdict(id="x", award=award, eligible=True, law="2022", reasons=(), reward=reward)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_are_those_of_the_template_loop(dept_a, language):
    people = [PersonFactory(unit=dept_a, full_name="Nguyễn <Văn> & An",
                            position="Trưởng \"phòng\""),
              PersonFactory(unit=dept_a, full_name="Trần Thị Bình", position=""),
              PersonFactory(unit=dept_a, full_name="Lê Văn Cường", position="Chuyên viên"),
              PersonFactory(unit=dept_a, full_name="Phạm Thị Dung")]
    rows = [(people[0], _verdict("ldtt", {"amount_vnd": 2_340_000}), ""),
            (people[1], _verdict("cstd_co_so", {"amount_vnd": 0}), None),
            (people[2], _verdict("unknown<code>"), "Đang bị <kỷ luật>"),
            (people[3], _verdict("giay_khen", {"note": "no amount"}), "")]
    names = {"ldtt": "Lao động tiên tiến", "cstd_co_so": "Chiến sĩ thi đua & cơ sở",
             "giay_khen": "Giấy khen"}
    with translation.override(language):
        assert qualify_rows(rows, 2025, names) \
            == LOOP.render(Context({"rows": rows, "year": 2025, "names": names}))
