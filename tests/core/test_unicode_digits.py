"""Unicode digits in a query string ("²", "①": `str.isdigit()` takes them, `int()` refuses them)
are ignored like any other bad filter value, never a server error (core.text.is_number)."""

import pytest
from django.urls import reverse

URLS = [("awards:ledger", {"year": "²"}), ("awards:ledger", {"year": "①"}),
        ("awards:qualify", {"after": "²"}), ("reports:request_list", {"year": "²"}),
        ("emulation:plan_list", {"year": "²"}), ("emulation:movement_list", {"year": "²"}),
        ("emulation:initiative_list", {"year": "①"})]


@pytest.mark.parametrize(("name", "query"), URLS)
def test_a_unicode_digit_is_an_ignored_filter(client_for, board_user, name, query):
    client = client_for(board_user)
    assert client.get(reverse(name), query).status_code == 200


@pytest.mark.parametrize("cccd", ["00120300012²", "001²03000123"])
def test_a_cccd_with_a_unicode_digit_is_not_a_cccd(cccd):
    from organisations.domain.cccd import cccd_errors  # noqa: PLC0415 the rule under test

    assert cccd_errors(cccd) == [
        f"The citizen ID must have exactly 12 digits (got “{cccd}”)."]
