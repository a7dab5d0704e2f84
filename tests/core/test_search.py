"""The folded search's word rule (core.search, through organisations.domain.queries.search):
a word of three letters or more anywhere in the text, a shorter one at the start of a word of
the text (after its start, a space or punctuation). Checked against that rule written plainly
in Python, on whichever database runs the suite (SQLite by default, PostgreSQL with
DATABASE_URL): the SQL must give the same rows on both."""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.text import fold
from organisations.domain.queries import search
from organisations.models import Collective, Household, Person
from tests.factories import CollectiveFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["Lê Văn An", "Lê Thị Lệ", "LÊ HOÀNG LONG", "Nguyễn Lê Hoa", "Hoa Lelan",
          "Phạm Thị Hoa Lê", "Nguyễn Văn Tuấn", "Nguyễn Thị Hoale", "Đỗ Văn Đô", "Đỗ Thị Hà",
          "Vũ Anh", "Võ Vũ", "Mã Lý", "Lý Thị Mai", "Hà Mã", "Trần Quang Vinh", "Huỳnh Ánh",
          "Đặng Văn Do", "Đoàn Đình Đông", "Alê Xan", "Phan Thanh Hải"]
COLLECTIVES = ["Tổ 1-Lê Lợi", "Phòng Kế hoạch (Lê)", "Lớp 10A1", "Hợp tác xã Văn Lang",
               "Tổ Anh văn", "Đội Vũ Hà/An Dương", "Ban Lễ tân"]
ADDRESSES = ["Thôn Đồng Bầu", "Xóm Lê, xã An Hà", "Số 12 Lê Lai", "Ấp Mỹ Lệ"]

QUERIES = ["le", "Lê", "LÊ", "lệ", "Lễ", "an", "An", "ÁN", "a", "A", "đ", "Đỗ", "do", "ĐÔ", "vu",
           "Vũ", "ma", "mã", "ly", "Lý", "ha", "HÀ", "le van", "Lê Văn", "nguyen le",
           "Nguyễn Lê", "lê hoa", "hoa le", "10", "1", "a1", "12", "0", "00", "(l", "-", "/a",
           "lo", "tuan", "hoale", "ele", "le le", "x", "", "   ", "van lang", "an duong", "thi",
           "v", "h", "tổ 1", "a ha", "dong", "Đông"]

SEPARATORS = set(" " + string.punctuation)


def holds(text: str, word: str) -> bool:
    """The rule, written plainly: a long word anywhere, a short one where a word starts."""
    if len(word) >= 3:
        return word in text
    return any(text.startswith(word, i) and (i == 0 or text[i - 1] in SEPARATORS)
               for i in range(len(text)))


def expected(model, q: str) -> set[int]:
    words = fold(q).split()
    return {pk for pk, text in model.objects.values_list("pk", "search_text")
            if all(holds(text, word) for word in words)}


@pytest.fixture
def subjects(dept_a):
    for name in PEOPLE:
        PersonFactory(unit=dept_a, full_name=name)
    for name in COLLECTIVES:
        CollectiveFactory(unit=dept_a, name=name)
    for name, address in zip(PEOPLE, ADDRESSES, strict=False):
        HouseholdFactory(head=Person.objects.get(full_name=name), address=address)


@pytest.mark.parametrize("model", [Person, Collective, Household])
@pytest.mark.parametrize("q", QUERIES)
def test_search_finds_what_the_word_rule_finds(subjects, model, q):
    found = set(search(model.objects.all(), q).values_list("pk", flat=True))
    assert found == expected(model, q)


@pytest.mark.parametrize(("q", "names"), [
    # "le" at a word's start (Lê, Lệ, "Lelan"), not inside "Hoale" nor "Alê"
    ("le", ["Hoa Lelan", "LÊ HOÀNG LONG", "Lê Thị Lệ", "Lê Văn An", "Nguyễn Lê Hoa",
            "Phạm Thị Hoa Lê"]),
    # An, Anh and Ánh, not the "an" of Văn, Tuấn, Hoàng, Thanh, Xan
    ("an", ["Huỳnh Ánh", "Lê Văn An", "Vũ Anh"]),
    # diacritics folded, as for every word: "do" starts Đỗ, Đoàn, Đông and Do
    ("Đỗ", ["Đoàn Đình Đông", "Đặng Văn Do", "Đỗ Thị Hà", "Đỗ Văn Đô"]),
    # a long word anywhere: "hoale" inside nothing else, "ale" inside "Hoale" and "Alê"
    ("ale", ["Alê Xan", "Nguyễn Thị Hoale"]),
    # the long word reads its trigrams, the short one filters
    ("nguyen le", ["Nguyễn Lê Hoa"]),
])
def test_search_for_a_short_word_lists_the_names_an_officer_means(subjects, q, names):
    assert sorted(search(Person.objects.all(), q).values_list("full_name", flat=True)) == names


def test_search_for_a_short_word_after_punctuation_finds_the_collective(subjects):
    assert sorted(search(Collective.objects.all(), "le").values_list("name", flat=True)) == [
        "Ban Lễ tân", "Phòng Kế hoạch (Lê)", "Tổ 1-Lê Lợi"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(q=st.text(alphabet="aàâeêlnvdđuũhoômy1-/( ", max_size=7))
def test_search_of_any_typed_words_finds_what_the_word_rule_finds(subjects, q):
    for model in (Person, Collective, Household):
        found = set(search(model.objects.all(), q).values_list("pk", flat=True))
        assert (model.__name__, q, found) == (model.__name__, q, expected(model, q))
