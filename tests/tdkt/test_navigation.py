"""The menu by task: at most seven groups, only what the persona may use."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.domain.users import grant_role, revoke_role
from accounts.enums import Role
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


def _menu_links(text: str) -> list[str]:
    menu = text[text.index('<nav class="mainnav"'):text.index("</nav>")]
    return [part.split('"')[0] for part in menu.split('<a href="')[1:]]


def test_the_menu_html_is_the_entries_the_page_was_given(client, board_user):
    client.force_login(board_user)
    for url in (reverse("core:home"), reverse("awards:ledger"), reverse("core:home")):
        response = client.get(url)
        assert _menu_links(response.text) == [i["url"] for i in response.context["nav_items"]]
        assert response.text.count('aria-current="page"') == sum(
            i["active"] for i in response.context["nav_items"])


def test_a_revoked_role_leaves_the_menu_on_the_next_page(client, admin_user, officer_a,
                                                         province):
    board = grant_role(admin_user, officer_a, role=Role.BOARD_STAFF, unit=province)
    client.force_login(officer_a)
    assert reverse("audit:log") in _menu_links(client.get(reverse("core:home")).text)
    revoke_role(admin_user, board, "Chuyển công tác")
    assert reverse("audit:log") not in _menu_links(client.get(reverse("core:home")).text)


def test_the_menu_is_in_the_readers_language(client, board_user):
    client.force_login(board_user)
    vietnamese = client.get(reverse("core:home")).text
    client.cookies["django_language"] = "en"  # the footer's switch
    english = client.get(reverse("core:home")).text
    assert ("<summary>Hồ sơ khen thưởng</summary>" in vietnamese,
            "<summary>Award dossiers</summary>" in english) == (True, True)


@pytest.mark.parametrize("signed_in", [True, False])
def test_the_layouts_own_links_are_the_reversed_urls(client, board_user, signed_in):
    from tdkt.navigation import LAYOUT_URL_NAMES  # noqa: PLC0415 next to its use

    if signed_in:
        client.force_login(board_user)
    text = client.get(reverse("core:home") if signed_in else reverse("portal:home")).text
    shown = {"home", "set_language"} | (set(LAYOUT_URL_NAMES) if signed_in else set())
    for key in shown:
        assert f'"{reverse(LAYOUT_URL_NAMES[key])}"' in text, key
