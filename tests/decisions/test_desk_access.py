"""The document desk (văn thư) persona on every decisions page of an issuer in its scope: it
reads decisions, registers and issues them, uploads signed copies; it neither drafts, corrects,
revokes nor exports."""

import pytest
from django.urls import reverse

from tests.decisions.helpers import draft_for, issued_with_pdf
from tests.proposals.helpers import appraised


@pytest.fixture
def pages(officer_a, board_user, desk_user, dept_a):
    decision = issued_with_pdf(officer_a, board_user, desk_user, dept_a)
    draft = draft_for(board_user, [appraised(officer_a, board_user, dept_a, dept_a)], dept_a)
    item = decision.items.get()
    return {
        "decisions:list": [], "decisions:draft": [],
        "decisions:detail": [decision.public_id],
        "decisions:file": [decision.public_id, "pdf"],
        "decisions:certificates": [decision.public_id],
        "decisions:item_certificate": [item.public_id],
        "decisions:issue": [draft.public_id], "decisions:cancel": [draft.public_id],
        "decisions:item_correct": [item.public_id], "decisions:item_revoke": [item.public_id],
        "decisions:bundle": [decision.public_id], "decisions:sign": [decision.public_id],
        "decisions:register": [],
        "decisions:register_book": ["SO-A", decision.year, decision.symbol],
    }


def test_the_desk_on_every_decisions_page(pages, desk_user, client_for):
    web = client_for(desk_user)
    actual = {name: web.get(reverse(name, args=args)).status_code
              for name, args in pages.items()}
    assert actual == {
        "decisions:list": 200, "decisions:draft": 403, "decisions:detail": 200,
        "decisions:file": 200, "decisions:certificates": 200,
        "decisions:item_certificate": 200, "decisions:issue": 200, "decisions:cancel": 403,
        "decisions:item_correct": 403, "decisions:item_revoke": 403, "decisions:bundle": 403,
        "decisions:sign": 200, "decisions:register": 200, "decisions:register_book": 200}


def test_a_desk_of_another_unit_sees_none_of_it(pages, dept_b, client_for):
    from accounts.enums import Role
    from tests.factories import user_with_role

    other_desk = user_with_role(Role.DOCUMENT_DESK, dept_b, username="vanthu_b")
    web = client_for(other_desk)
    actual = {name: web.get(reverse(name, args=args)).status_code
              for name, args in pages.items() if args}
    assert actual == dict.fromkeys(actual, 404)
