"""Near-duplicate detection: Vietnamese titles, diacritics, word order, small edits."""

import pytest

from emulation.initiatives.domain.similarity import (
    WARN_THRESHOLD,
    content_words,
    score,
    signature,
    similar_initiatives,
)
from tests.factories import make_initiative

BASE = "Ứng dụng phần mềm quản lý hồ sơ học sinh"
TITLES = [
    BASE,
    "Ứng dụng phần mềm quản lý thư viện trường học",
    "Một số biện pháp quản lý học sinh bán trú",
    "Ứng dụng công nghệ thông tin trong quản lý hồ sơ bệnh án",
    "Giải pháp nâng cao chất lượng dạy học môn Toán lớp 9",
]


def test_content_words_fold_and_drop_generic_words():
    assert content_words("Một số giải pháp nâng cao chất lượng của Đoàn viên, thanh niên") == [
        "chat", "luong", "doan", "vien", "thanh", "nien"]


@pytest.mark.parametrize(("other", "warn"), [
    ("Ung dung phan mem quan ly ho so hoc sinh THCS", True),  # no diacritics, one word more
    ("Quản lý hồ sơ học sinh bằng phần mềm ứng dụng", True),  # word order
    ("Ứng dụng phầm mềm quản lí hồ sơ học sinh", True),       # two typos
    ("Ứng dụng phần mềm quản lý thư viện trường học", False),  # same start, other topic
    ("Quản lý hồ sơ cán bộ bằng phần mềm", False),
    ("Giải pháp nâng cao chất lượng dạy học môn Toán lớp 9", False),
])
def test_pairs_against_the_threshold(other, warn):
    assert (score(signature(BASE), signature(other)) >= WARN_THRESHOLD) is warn


def test_identical_texts_score_one_and_empty_texts_zero():
    assert score(signature(BASE), signature(BASE.upper())) == 1.0
    assert score(signature("và của"), signature(BASE)) == 0.0


def test_summary_weighs_a_fifth():
    same_title = signature(BASE, "Phần mềm chạy trên máy tính của nhà trường")
    other_summary = signature(BASE, "Sổ tay giấy ghi chép hằng ngày")
    assert score(same_title, same_title) == 1.0
    assert 0.8 <= score(same_title, other_summary) < 0.85


def test_ranking_among_existing_initiatives(dept_a):
    made = {title: make_initiative(dept_a, title=title) for title in TITLES}
    matches = similar_initiatives("Ung dung phan mem quan ly ho so hoc sinh THCS")
    assert [(m.initiative.title, m.percent, m.warn) for m in matches] == [
        (BASE, 94, True),
        ("Ứng dụng phần mềm quản lý thư viện trường học", 64, False),
        ("Ứng dụng công nghệ thông tin trong quản lý hồ sơ bệnh án", 50, False),
        ("Một số biện pháp quản lý học sinh bán trú", 45, False),
    ]
    assert similar_initiatives(BASE, exclude_pk=made[BASE].pk)[0].initiative.title == (
        "Ứng dụng phần mềm quản lý thư viện trường học")


def test_nothing_to_compare_returns_nothing(dept_a):
    make_initiative(dept_a, title=BASE)
    assert similar_initiatives("một số giải pháp") == []
    assert similar_initiatives("Trồng rừng ngập mặn ven biển") == []
