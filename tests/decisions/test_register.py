"""The document desk's register (sổ đăng ký văn bản đi): proposed or typed numbers per issuer ×
symbol × year, duplicates refused naming the holder within the reader's scope, gaps listed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEntry
from decisions.domain.numbering import gaps, proposed_number, take_number
from decisions.enums import DecisionState
from decisions.interfaces.official import issue_with_pdf
from decisions.models import Decision, DecisionPdf, NumberSeries
from tests.decisions.helpers import DECIDED_ON, draft_for, issued_with_pdf
from tests.proposals.helpers import appraised

SYMBOL = "QĐ-SGDĐT"


def _draft(officer, board, unit):
    return draft_for(board, [appraised(officer, board, unit, unit)], unit)


def test_issue_takes_the_number_the_register_proposes(officer_a, board_user, desk_user, dept_a):
    first = issued_with_pdf(officer_a, board_user, desk_user, dept_a)
    second = issued_with_pdf(officer_a, board_user, desk_user, dept_a)
    assert ([first.number, second.number], proposed_number(dept_a, SYMBOL, 2026)) == ([1, 2], 3)


def test_a_typed_number_is_registered_and_the_register_follows_it(officer_a, board_user,
                                                                   desk_user, dept_a):
    typed = issued_with_pdf(officer_a, board_user, desk_user, dept_a, number=15)
    after = issued_with_pdf(officer_a, board_user, desk_user, dept_a)
    entry = AuditEntry.objects.get(action="decisions.decision.issued",
                                   object_id=str(typed.public_id))
    assert (typed.number_label, after.number, entry.changes["number_from"],
            NumberSeries.objects.get(issuer=dept_a).last_number) == (
        "15/QĐ-SGDĐT", 16, [None, "typed"], 16)


def test_a_typed_number_may_fill_a_gap(officer_a, board_user, desk_user, dept_a):
    issued_with_pdf(officer_a, board_user, desk_user, dept_a, number=9)
    filler = issued_with_pdf(officer_a, board_user, desk_user, dept_a, number=4)
    assert (filler.number, NumberSeries.objects.get(issuer=dept_a).last_number) == (4, 9)


def test_a_typed_duplicate_is_refused_naming_the_decision_that_holds_it(
        officer_a, board_user, desk_user, dept_a):
    holder = issued_with_pdf(officer_a, board_user, desk_user, dept_a, number=7)
    draft = _draft(officer_a, board_user, dept_a)
    with pytest.raises(ValidationError) as error:  # same issuer, symbol, year and number
        issue_with_pdf(desk_user, draft, date=DECIDED_ON, number=7)
    draft.refresh_from_db()
    assert (error.value.message_dict["number"], draft.state, draft.number,
            DecisionPdf.objects.filter(decision=draft).exists()) == (
        [f"Number 07/QĐ-SGDĐT of 2026 is already registered to decision “{holder.summary}” "
         "dated 05/01/2026."], DecisionState.DRAFT, None, False)


def test_a_duplicate_outside_the_actors_scope_is_refused_without_naming_it(
        officer_a, board_user, desk_user, dept_a, outsider):
    issued_with_pdf(officer_a, board_user, desk_user, dept_a, number=7)
    with pytest.raises(ValidationError) as error, transaction.atomic():
        take_number(dept_a, SYMBOL, 2026, typed=7, actor=outsider)
    assert error.value.message_dict["number"] == [
        "Number 07/QĐ-SGDĐT of 2026 is already registered in this register."]


def test_the_same_number_in_another_year_or_symbol_is_free(officer_a, board_user, desk_user,
                                                           dept_a):
    issued_with_pdf(officer_a, board_user, desk_user, dept_a, number=3)
    other_year = issued_with_pdf(officer_a, board_user, desk_user, dept_a, number=3,
                                 on=datetime.date(2025, 12, 30))
    assert (other_year.number, other_year.year) == (3, 2025)


def test_the_database_refuses_a_duplicate_the_domain_missed(officer_a, board_user, desk_user,
                                                            dept_a):
    holder = issued_with_pdf(officer_a, board_user, desk_user, dept_a)
    draft = _draft(officer_a, board_user, dept_a)
    draft.number, draft.year = holder.number, holder.year
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save(update_fields=["number", "year"])


@pytest.mark.parametrize(("numbers", "last", "expected"), [
    ([], 0, []), ([1, 2, 3], 3, []), ([1, 6, 10], 10, [(2, 5), (7, 9)]), ([2], 4, [(1, 1), (3, 4)]),
])
def test_gaps_are_runs_of_unused_numbers(numbers, last, expected):
    assert gaps(numbers, last) == expected


def test_the_register_page_lists_entries_and_gaps(officer_a, board_user, desk_user, dept_a,
                                                  client_for):
    for number in (1, 2, 6, 9):
        issued_with_pdf(officer_a, board_user, desk_user, dept_a, number=number)
    web = client_for(desk_user)
    web.cookies["django_language"] = "en"
    listing = web.get(reverse("decisions:register")).content.decode()
    book = web.get(reverse("decisions:register_book", args=["SO-A", 2026, SYMBOL]))
    assert ("03–05, 07–08" in listing, "03–05, 07–08" in book.content.decode(),
            [d.number for d in book.context["entries"]]) == (True, True, [1, 2, 6, 9])


def test_register_pages_for_each_persona(officer_a, board_user, desk_user, dept_a, client_for,
                                         outsider, council_user, approver_user, admin_user):
    issued_with_pdf(officer_a, board_user, desk_user, dept_a)
    book = reverse("decisions:register_book", args=["SO-A", 2026, SYMBOL])
    statuses = {}
    for user in (admin_user, board_user, desk_user, approver_user, council_user, officer_a,
                 outsider):
        web = client_for(user)
        statuses[user.username] = (web.get(reverse("decisions:register")).status_code,
                                   web.get(book).status_code)
    assert statuses == {"admin": (200, 200), "board": (200, 200), "vanthu": (200, 200),
                        "approver": (200, 200), "council": (403, 403),
                        "officer_a": (403, 403), "officer_b": (403, 403)}


def test_the_desk_issues_with_a_typed_number_on_the_page(officer_a, board_user, desk_user,
                                                         dept_a, client_for):
    draft = _draft(officer_a, board_user, dept_a)
    web = client_for(desk_user)
    response = web.post(reverse("decisions:issue", args=[draft.public_id]),
                        {"date": "2026-01-05", "number": "42"})
    issued = Decision.objects.get(pk=draft.pk)
    assert (response.status_code, issued.number_label, issued.state, issued.issued_by,
            DecisionPdf.objects.filter(decision=issued).count()) == (
        302, "42/QĐ-SGDĐT", DecisionState.ISSUED, desk_user, 1)


def test_a_typed_duplicate_on_the_page_names_the_holder(officer_a, board_user, desk_user,
                                                        dept_a, client_for):
    holder = issued_with_pdf(officer_a, board_user, desk_user, dept_a, number=42)
    draft = _draft(officer_a, board_user, dept_a)
    web = client_for(desk_user)
    web.cookies["django_language"] = "vi"
    response = web.post(reverse("decisions:issue", args=[draft.public_id]),
                        {"date": "2026-01-05", "number": "42"})
    assert (response.status_code, f"Số 42/QĐ-SGDĐT năm 2026 đã được cấp cho quyết định "
            f"“{holder.summary}” ngày 05/01/2026." in response.content.decode()) == (200, True)


def _amendment(officer_a, board_user, desk_user, dept_a):
    from decisions.domain import corrections

    item = issued_with_pdf(officer_a, board_user, desk_user, dept_a).items.get()
    return corrections.request_correction(board_user, item, reason="Sai chính tả họ tên",
                                          recipient_name="Nguyễn Thị Đúng",
                                          recipient_detail="Giáo viên, Trường A")


def test_the_desk_registers_an_amending_decision_of_its_issuer(officer_a, board_user,
                                                               desk_user, dept_a):
    amending = _amendment(officer_a, board_user, desk_user, dept_a)
    issued = issue_with_pdf(desk_user, amending, date=DECIDED_ON)
    entry = amending.amends.items.get().award_record
    entry.refresh_from_db()
    assert (issued.number, entry.note) == (2, "Corrected by decision 02/QĐ-SGDĐT")


def test_a_desk_of_an_issuer_not_covering_the_grant_may_not_correct_it(
        officer_a, board_user, desk_user, dept_a, dept_b):
    from django.core.exceptions import PermissionDenied

    from accounts.enums import Role
    from decisions.domain.issuing import _ensure_may_correct
    from tests.factories import user_with_role

    amending = _amendment(officer_a, board_user, desk_user, dept_a)
    amending.issuer = dept_b  # a forged draft: another issuer corrects dept A's grant
    other_desk = user_with_role(Role.DOCUMENT_DESK, dept_b, username="vanthu_b")
    entry = amending.amends.items.get().award_record
    with pytest.raises(PermissionDenied):
        _ensure_may_correct(other_desk, amending, entry)


def test_the_register_list_query_count_does_not_grow_with_registers(
        officer_a, board_user, desk_user, dept_a, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    web = client_for(desk_user)
    counts = []
    for year in (2024, 2025, 2026):
        issued_with_pdf(officer_a, board_user, desk_user, dept_a, on=datetime.date(year, 1, 5))
        web.get(reverse("decisions:register"))  # warm the per-process navigation cache
        with CaptureQueriesContext(connection) as queries:
            response = web.get(reverse("decisions:register"))
        counts.append(len(queries))
    assert ([row["entries"] for row in response.context["rows"]], counts[0] == counts[2]) == (
        [1, 1, 1], True)
