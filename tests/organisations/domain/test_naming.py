"""A decision's symbol follows its issuer (Decree 30/2020/NĐ-CP Appx I.II)."""

import pytest

from organisations.domain.naming import decision_symbol
from organisations.enums import UnitKind
from tests.factories import UnitFactory


@pytest.mark.parametrize(("name", "kind", "symbol"), [
    ("Ủy ban nhân dân tỉnh Tuyên Quang", UnitKind.PEOPLES_COMMITTEE, "QĐ-UBND"),
    ("Ủy ban nhân dân xã Yên Sơn", UnitKind.PEOPLES_COMMITTEE, "QĐ-UBND"),
    ("Sở Giáo dục và Đào tạo tỉnh Tuyên Quang", UnitKind.DEPARTMENT, "QĐ-SGDĐT"),
    ("Sở Nội vụ tỉnh Tuyên Quang", UnitKind.DEPARTMENT, "QĐ-SNV"),
    ("Bệnh viện Đa khoa tỉnh Tuyên Quang", UnitKind.HOSPITAL, "QĐ-BVĐK"),
    ("Trường THPT Chuyên", UnitKind.SCHOOL, "QĐ-TTHPTC"),
])
def test_decision_symbol_follows_the_issuer(db, name, kind, symbol):
    assert decision_symbol(UnitFactory.build(name=name, kind=kind)) == symbol
