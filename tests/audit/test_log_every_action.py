"""The audit log renders every action the code base can write (issue 13: a decision-issue entry,
whose changes hold a key named `items`, made the page answer 500)."""

from collections import defaultdict

import pytest
from django.urls import reverse

from audit.domain.record import record
from claims.enums import ClaimState
from proposals.enums import ProposalState
from tests.audit.action_codes import record_call_sites, transition_call_sites

# Call sites whose action the source scan cannot resolve, and what each can write. A new
# unresolved call site fails `test_every_action_code_is_known` until it is added here.
EXPANSIONS = {
    "proposals.proposal.{}": {f"proposals.proposal.{state}" for state in ProposalState.values},
    "claims.claim.{}": {f"claims.claim.{state}" for state in ClaimState.values},
}
# Shapes a `changes` dict takes besides {field: [old, new]}: bare values, longer lists, nested
# dicts, and keys that are also dict method names (which Django templates look up first).
AWKWARD_CHANGES = {"items": [None, 3], "keys": "K-1", "values": [1, 2, 3], "get": {"a": 1},
                   "order": [None, ["A", "B"]]}


def _actions() -> dict[str, set[str]]:
    """{action code: the `changes` keys its call sites write}."""
    actions = defaultdict(set)
    for site in record_call_sites() + transition_call_sites():
        for code in site.codes | {c for p in site.patterns for c in EXPANSIONS.get(p, ())}:
            actions[code] |= set(site.change_keys)
    return actions


def test_every_action_code_is_known():
    unknown = {(site.where, p) for site in record_call_sites() for p in site.patterns
               if p not in EXPANSIONS}
    assert unknown == set()


def test_source_scan_finds_the_actions_that_broke_the_log():
    actions = _actions()
    # Issued through core.state (issue 15.2): the entry also carries the state draft → issued.
    assert actions["decisions.decision.issued"] == {"number", "items", "state"}
    assert actions["proposals.proposal.decided"] == {"state"}


@pytest.fixture
def every_action(province, admin_user):
    """One entry of every action code, shaped like its call site writes it, then one of the
    awkward shapes; all in the province so that the board reads them."""
    actions = _actions()
    for code, keys in sorted(actions.items()):
        changes = {key: [None, f"{code}:{key}"] for key in sorted(keys)} or AWKWARD_CHANGES
        record(admin_user, code, province, unit=province, changes=changes, reason=code)
    record(admin_user, "decisions.decision.issued", province, unit=province,
           changes=AWKWARD_CHANGES)
    return actions


def _shown_actions(client, **params) -> list[str]:
    """The actions of every page of the log (each page must render)."""
    shown, number = [], 1
    while True:
        response = client.get(reverse("audit:log"), {**params, "page": number})
        assert response.status_code == 200
        page = response.context["page"]
        shown += [e.action for e in page.object_list]
        if not page.has_next:
            return shown
        number += 1


def test_board_reads_every_action_on_the_log(every_action, board_user, client_for):
    shown = _shown_actions(client_for(board_user))
    assert sorted(shown) == sorted([*every_action, "decisions.decision.issued"])


@pytest.mark.parametrize("group", ["accounts", "awards", "claims", "core", "decisions",
                                   "emulation", "imports", "organisations", "proposals",
                                   "reports"])
def test_board_filters_the_log_by_each_action_group(every_action, board_user, client_for,
                                                     group):
    shown = _shown_actions(client_for(board_user), action=group)
    assert sorted(set(shown)) == sorted(c for c in every_action if c.startswith(f"{group}."))


def test_action_groups_cover_every_code(every_action):
    groups = {code.split(".")[0] for code in every_action}
    assert groups == {"accounts", "awards", "claims", "core", "decisions", "emulation",
                      "imports", "organisations", "proposals", "reports"}


def test_log_shows_a_decision_issue_entry(province, board_user, client_for):
    record(board_user, "decisions.decision.issued", province, unit=province,
           changes={"number": [None, "12/QĐ-UBND"], "items": [None, 3]})
    response = client_for(board_user).get(reverse("audit:log"), {"action": "decisions"})
    assert response.status_code == 200
    assert "<strong>items</strong>: — → 3" in response.text
    assert "<strong>number</strong>: — → 12/QĐ-UBND" in response.text


def test_log_shows_a_value_that_is_not_an_old_new_pair(province, board_user, client_for):
    record(board_user, "emulation.criteria_set.update_criterion", province, unit=province,
           changes={"criterion": "TC-1", "retired": ["A", "B", "C"]})
    text = client_for(board_user).get(reverse("audit:log")).text
    assert "<strong>criterion</strong>: TC-1" in text
    assert "<strong>retired</strong>: [&#x27;A&#x27;, &#x27;B&#x27;, &#x27;C&#x27;]" in text
