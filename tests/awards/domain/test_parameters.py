"""The engine's parameters read from the law tables, row for row."""

import datetime

import pytest

from awards.data.lawbook import Row
from awards.domain.parameters import CatalogueParameters
from awards.models import AwardParameter, AwardType, LegalValue

pytestmark = pytest.mark.django_db


def test_the_rows_are_the_law_tables_rows(db):
    LegalValue.objects.create(key="procedure.test_days", value=7,
                              valid_from=datetime.date(2024, 1, 1), citation="Điều 1",
                              verified=False)
    AwardParameter.objects.create(award_type=AwardType.objects.get(code="ldtt"),
                                  key="coefficient_individual", value="0.3",
                                  valid_from=datetime.date(2024, 1, 1),
                                  valid_to=datetime.date(2025, 6, 30), citation="Điều 2")
    expected = [Row(v.key, v.value, v.valid_from, v.valid_to, v.citation, v.verified)
                for v in LegalValue.objects.all()]
    expected += [Row(p.key, p.value, p.valid_from, p.valid_to, p.citation, p.verified,
                     award=p.award_type.code)
                 for p in AwardParameter.objects.filter(key__startswith="coefficient_")]
    rows = CatalogueParameters()._rows
    assert sorted((r for found in rows.values() for r in found), key=repr) \
        == sorted(expected, key=repr)
    assert CatalogueParameters().value("procedure.test_days", datetime.date(2024, 5, 1)) \
        .value == 7
