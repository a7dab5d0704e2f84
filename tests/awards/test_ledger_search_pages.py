"""The ledger search's page is the union of its parts (people, collectives, households, the
decision number) merged in the ledger's order (`paginate_union`): the same rows in the same
order as the one search query (`records_for_user(user, q)`), on every page, forwards by `after`,
backwards by `before` and by page number."""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from awards.domain.queries import filter_ledger, records_for_user
from awards.models import AwardRecord, AwardType
from core.text import fold
from tests.core.test_search import holds
from tests.factories import CollectiveFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

NAMES = ["Nguyễn Văn An", "Nguyễn Thị Lan", "Trần Văn Bình", "Lê Văn Nguyên", "Phạm Thị Hoa"]
NUMBERS = ["7/QĐ-UBND", "17/QĐ-UBND", "7/KT-SNV", "Văn/QĐ-TĐKT"]


@pytest.fixture
def ledger_rows(dept_a, dept_b):
    """260 records of people, collectives and households in two departments, with years and
    decision dates that repeat (the key's ties fall to the id) and numbers that share words
    with the names ("Văn")."""
    types = list(AwardType.objects.filter(code__in=["giay_khen", "ldtt"]).order_by("code"))
    subjects = [{"person": PersonFactory(unit=unit, full_name=name)}
                for unit in (dept_a, dept_b) for name in NAMES]
    subjects += [{"collective": CollectiveFactory(unit=dept_a, name="Hợp tác xã Văn Lang")},
                 {"collective": CollectiveFactory(unit=dept_a, name="Tổ Nguyễn Trãi")}]
    head = PersonFactory(unit=dept_a, full_name="Hoàng Văn Nguyên")
    subjects.append({"household": HouseholdFactory(head=head, unit=dept_a)})
    AwardRecord.objects.bulk_create([AwardRecord(
        **subjects[i % len(subjects)], unit=next(iter(subjects[i % len(subjects)].values())).unit,
        award_type=types[i % 2], year=2000 + i // 13, decision_number=NUMBERS[i % 4],
        decision_date=datetime.date(2001 + i // 13, 1 + i % 2, 10), issuer="UBND tỉnh",
        revoked=i % 7 == 0) for i in range(260)])


def _walk(client, params: dict) -> tuple[list[list[str]], list[list[str]]]:
    """The pages' record ids forwards (by `after`) to the end, then backwards (by `before`)."""
    url = reverse("awards:ledger")
    forward, page = [], client.get(url, params).context["page"]
    forward.append([r.public_id for r in page.object_list])
    while page.next_key:
        page = client.get(url, {**params, "after": page.next_key,
                                "page": page.next_page_number}).context["page"]
        forward.append([r.public_id for r in page.object_list])
    backward = [forward[-1]]
    while page.previous_key:
        page = client.get(url, {**params, "before": page.previous_key,
                                "page": page.previous_page_number}).context["page"]
        backward.append([r.public_id for r in page.object_list])
    return forward, backward[::-1]


QUERIES = ["nguyen", "nguyen van", "van", "văn nguyên", "7/qd", "qd-ubnd", "17/qđ-ubnd",
           "an 7/qđ", "van qd", "hop tac xa", "lang", "nguyen trai", "thi 7/kt", "tdkt",
           "van/qd", "zzz", "7",
           # words of one or two letters: at a word's start (core.search)
           "le", "LÊ", "an", "lê văn", "nguyen le", "qd", "an 7", "17 an"]


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("filters", [{}, {"award": "ldtt"}, {"year": "2012", "revoked": "0"}])
def test_ledger_search_pages_hold_the_searchs_rows_in_its_order(client, board_user, ledger_rows,
                                                                q, filters):
    client.force_login(board_user)
    expected = [r.public_id for r in filter_ledger(records_for_user(board_user, q), filters)]
    forward, backward = _walk(client, {"q": q, **filters})
    assert [row for page in forward for row in page] == expected
    assert backward == forward
    # By page number (old bookmarks): the same pages.
    for number, rows in enumerate(forward, start=1):
        page = client.get(reverse("awards:ledger"), {"q": q, **filters, "page": number})
        assert [r.public_id for r in page.context["page"].object_list] == rows


def test_ledger_search_pages_reach_past_one_page(client, board_user, ledger_rows):
    client.force_login(board_user)
    forward, _backward = _walk(client, {"q": "van"})
    assert [len(page) for page in forward] == [50, 50, 50, 10]


def test_ledger_search_pages_stay_in_the_outsiders_scope(client, outsider, ledger_rows):
    client.force_login(outsider)
    forward, _backward = _walk(client, {"q": "nguyen"})
    rows = AwardRecord.objects.filter(public_id__in=[r for page in forward for r in page])
    assert {r.unit.code for r in rows} == {"SO-B"}
    assert [r for page in forward for r in page] == [
        r.public_id for r in records_for_user(outsider, "nguyen")]


def test_ledger_search_page_lists_each_subject_once_with_its_name(client, board_user,
                                                                  ledger_rows):
    client.force_login(board_user)
    url = reverse("awards:ledger") + "?" + urlencode({"q": "van"})
    response = client.get(url)
    page, subjects = response.context["page"], response.context["subjects"]
    assert len({r.id for r in page.object_list}) == 50
    assert {name for _public_id, name in subjects.values()} == {
        "Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Nguyên", "Hợp tác xã Văn Lang",
        "Hộ gia đình Hoàng Văn Nguyên"}


@pytest.mark.parametrize("q", QUERIES)
def test_ledger_search_finds_the_records_the_word_rule_finds(board_user, ledger_rows, q):
    """Every word in the subject's name, or the decision number holds one of them and each is
    in one or the other; a word of one or two letters at a word's start (the rule written
    plainly: tests/core/test_search.py)."""
    words = fold(q).split()

    def matches(record) -> bool:
        subject = (record.person or record.collective or record.household).search_text
        number = record.decision_number_folded
        return all(holds(subject, w) for w in words) or (
            any(holds(number, w) for w in words)
            and all(holds(subject, w) or holds(number, w) for w in words))

    everything = records_for_user(board_user)
    assert sorted(r.pk for r in records_for_user(board_user, q)) == sorted(
        r.pk for r in everything if matches(r))
