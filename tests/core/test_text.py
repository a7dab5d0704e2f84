import pytest

from core.text import fold, fold_join, is_number


@pytest.mark.parametrize(("raw", "folded"), [
    ("Nguyễn Văn An", "nguyen van an"),
    ("ĐẶNG THỊ HỒNG", "dang thi hong"),
    ("  Trường   THPT  Chuyên ", "truong thpt chuyen"),
    ("Hội Liên hiệp Phụ nữ", "hoi lien hiep phu nu"),
    ("", ""),
    (None, ""),
])
def test_fold_removes_vietnamese_diacritics(raw, folded):
    assert fold(raw) == folded


def test_fold_join_skips_empty_parts():
    assert fold_join("Sở Y tế", "", None, "SYT") == "so y te syt"


@pytest.mark.parametrize(("amount", "shown"), [(710000, "710.000 đ"), (2340000, "2.340.000 đ"),
                                               (0, "0 đ"), (None, "")])
def test_money_is_written_the_vietnamese_way(amount, shown):
    from core.templatetags.core_tags import vnd

    assert vnd(amount) == shown


@pytest.mark.parametrize(("text", "number"), [
    ("2025", True), ("0", True), ("", False), (None, False), ("²", False), ("①", False),
    ("٣", False), ("20 25", False), ("-1", False), ("1.5", False), ("２０２５", False)])
def test_a_number_is_ascii_digits_only(text, number):
    assert is_number(text) == number
