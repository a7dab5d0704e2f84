from tests.portal.shapes import cccd_shapes


def test_a_public_id_whose_last_group_is_all_digits_is_not_a_cccd():
    page = '<a href="/cong-khai/quyet-dinh/3f2a9c1e-7b4d-4e21-9a0b-901310906758/">QĐ</a>'
    assert cccd_shapes(page) == []


def test_a_cccd_beside_a_public_id_is_found():
    page = '<a href="/x/3f2a9c1e-7b4d-4e21-9a0b-901310906758/">001203004567</a> 0012030045678'
    assert cccd_shapes(page) == ["001203004567"]
