"""The menu by task: at most seven groups, only what the persona may use."""

import pytest
from django.urls import reverse
from django.utils import translation

from tdkt.navigation import GROUPS

GROUP_LABELS = ["Award dossiers", "Emulation movements", "Subjects", "Award register",
                "Reports and statistics", "Public portal", "Administration"]


def _menu(client, user, url=None):
    client.force_login(user)
    groups = client.get(url or reverse("core:home")).context["nav_groups"]
    with translation.override("en"):  # the labels are lazy; the page itself was Vietnamese
        return {str(g["label"]): [str(i["label"]) for i in g["items"]] for g in groups}


def test_at_most_seven_groups():
    with translation.override("en"):
        assert [str(label) for label, _entries in GROUPS] == GROUP_LABELS


def test_admin_sees_every_group(client, admin_user):
    assert list(_menu(client, admin_user)) == GROUP_LABELS


def test_council_member_sees_only_what_it_may_use(client, council_user):
    menu = _menu(client, council_user)
    assert (menu["Award dossiers"], menu["Administration"], menu["Public portal"]) == (
        ["Proposals", "Council", "Decisions"], ["Holidays", "User guide"],
        ["Portal home page", "Published decisions", "Verify a certificate"])


def test_officer_has_no_board_entries(client, officer_a):
    menu = _menu(client, officer_a)
    assert "Appraisal inbox" not in menu["Award dossiers"]
    assert "Audit log" not in menu["Administration"]


@pytest.mark.parametrize(("url", "group"), [
    ("proposals:inbox", "Award dossiers"), ("awards:ledger", "Award register"),
    ("core:home", None)])
def test_current_group_is_marked(client, board_user, url, group):
    client.force_login(board_user)
    groups = client.get(reverse(url)).context["nav_groups"]
    with translation.override("en"):
        assert [str(g["label"]) for g in groups if g["active"]] == ([group] if group else [])


def test_groups_are_details_that_fold_without_script(client, board_user):
    client.force_login(board_user)
    text = client.get(reverse("core:home")).text
    assert text.count("<li><details name=\"mainnav\"") == 7  # the board uses every group
    assert "<summary>Hồ sơ khen thưởng</summary>" in text
