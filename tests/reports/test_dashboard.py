"""Board dashboard: its figures equal the same figures counted one by one in the test."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models.entry import QUIET_FOR_PROPOSAL_FIGURES
from awards.enums import GrantingLevel
from awards.models import AwardRecord, AwardType
from organisations.models import Person
from proposals.domain import workflow
from proposals.enums import FINAL_STATES, ProposalState
from proposals.models import Nominee, Proposal
from reports.domain.dashboard import granting_levels
from tests.kept_pages_helpers import page_sql
from tests.proposals.helpers import draft
from tests.reports.helpers import award, build_province

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PAST, FUTURE = TODAY - datetime.timedelta(days=3), TODAY + datetime.timedelta(days=3)


def proposals(officer, dept_a, school_a, province):
    """Proposals in several states, some overdue, on both watched backlogs."""
    cases = [(dept_a, "annual", "giay_khen", ProposalState.SUBMITTED, PAST),
             (dept_a, "annual", "giay_khen", ProposalState.APPRAISING, FUTURE),
             (school_a, "resistance", "giay_khen", ProposalState.APPRAISING, PAST),
             (school_a, "resistance", "giay_khen", ProposalState.DECIDED, PAST),
             (dept_a, "contribution", "ba_me_vnah", ProposalState.IN_COUNCIL, PAST),
             (dept_a, "contribution", "ba_me_vnah", ProposalState.DRAFT, None)]
    for unit, track, code, state, due in cases:
        proposal = draft(officer, unit, province, award=code, track=track)
        # Fixture only: put the proposal where the case needs it without walking the workflow.
        Proposal.objects.filter(pk=proposal.pk).update(state=state, due_on=due)


def expected_state_counts():
    counted = {s: {"total": 0, "overdue": 0} for s in ProposalState.values}
    for p in Proposal.objects.all():
        counted[p.state]["total"] += 1
        if p.due_on and p.due_on < TODAY and p.state not in FINAL_STATES:
            counted[p.state]["overdue"] += 1
    return counted


def test_dashboard_equals_the_figures_counted_directly(client_for, board_user, officer_a,
                                                       province, dept_a, school_a, dept_b):
    build_province(province, dept_a, school_a, dept_b)
    award("bang_khen_tinh", dept_a, TODAY.year - 1, person=Person.objects.first())
    proposals(officer_a, dept_a, school_a, province)
    client = client_for(board_user)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    context = response.context
    names = dict(ProposalState.choices)
    assert context["by_state"] == [(names[s], v) for s, v in expected_state_counts().items()]

    def open_and_overdue(items):
        open_ = [p for p in items if p.state not in FINAL_STATES]
        return {"open": len(open_),
                "overdue": sum(1 for p in open_ if p.due_on and p.due_on < TODAY)}

    mothers = {n.proposal for n in Nominee.objects.filter(
        award_type__code="ba_me_vnah").select_related("proposal")}
    assert context["backlog"] == {
        "resistance": open_and_overdue(Proposal.objects.filter(track="resistance")),
        "heroic_mother": open_and_overdue(mothers)}
    assert context["backlog"] == {"resistance": {"open": 1, "overdue": 1},
                                  "heroic_mother": {"open": 2, "overdue": 1}}

    years = range(TODAY.year - 4, TODAY.year + 1)
    by_form = {c: dict.fromkeys(years, 0) for c in ("title", "form")}
    levels, by_level = granting_levels(TODAY), {}
    for record in AwardRecord.objects.select_related("award_type").filter(revoked=False):
        if record.year in years:
            by_form[record.award_type.category][record.year] += 1
        level = levels.get(record.award_type_id, "")
        by_level[level] = by_level.get(level, 0) + 1
    assert context["by_form"] == by_form
    level_names = dict(GrantingLevel.choices)
    assert sorted(context["by_level"]) == sorted((level_names[k], v) for k, v in by_level.items())
    content = response.content.decode()
    assert content.count("<svg") == 6 and "style=" not in content.split("<main", 1)[-1]


def test_dashboard_by_step_sums_the_states(client_for, officer_a, province, dept_a, school_a):
    proposals(officer_a, dept_a, school_a, province)
    response = client_for(officer_a).get(reverse("reports:dashboard"))
    steps = [v for _label, v in response.context["by_step"]]
    assert steps == [{"total": 1, "overdue": 0}, {"total": 3, "overdue": 2},
                     {"total": 1, "overdue": 1}, {"total": 0, "overdue": 0},
                     {"total": 1, "overdue": 0}]


def test_dashboard_narrowed_to_a_unit(client_for, board_user, officer_a, province, dept_a,
                                      school_a):
    proposals(officer_a, dept_a, school_a, province)
    response = client_for(board_user).get(f"{reverse('reports:dashboard')}?unit={school_a.code}")
    assert response.context["backlog"]["resistance"] == {"open": 1, "overdue": 1}
    assert response.context["backlog"]["heroic_mother"] == {"open": 0, "overdue": 0}


def test_dashboard_query_count(client_for, board_user, officer_a, province, dept_a, school_a,
                               django_assert_max_num_queries):
    proposals(officer_a, dept_a, school_a, province)
    client = client_for(board_user)
    # + 2: the overdue remediation tasks (emulation.exemplars.interfaces.home.overdue_context): the
    # unit scope of the task roles, and the tasks themselves.
    with django_assert_max_num_queries(25):
        assert client.get(reverse("reports:dashboard")).status_code == 200


def awards_of(response) -> int:
    return sum(sum(years.values()) for years in response.context["by_form"].values())


def test_dashboard_figures_are_reused_until_something_changes(
        client_for, board_user, province, dept_a, django_assert_max_num_queries):
    from awards.domain import ledger
    from awards.models import AwardType
    from tests.factories import PersonFactory

    person = PersonFactory(unit=dept_a)
    client = client_for(board_user)
    first = client.get(reverse("reports:dashboard"))
    # The version probe only (the layout's session, user and roles are cached): no figures,
    # and the overdue-tasks panel is in the cached HTML.
    with django_assert_max_num_queries(1):
        again = client.get(reverse("reports:dashboard"))
    assert awards_of(again) == awards_of(first)
    # A new ledger entry is audited: the next view counts again and sees it.
    ledger.record_award(None, award_type=AwardType.objects.get(code="giay_khen"),
                        year=TODAY.year - 1, decision_number="1/QĐ-UBND",
                        decision_date=TODAY, issuer="UBND tỉnh", person=person)
    assert awards_of(client.get(reverse("reports:dashboard"))) == awards_of(first) + 1


def test_dashboard_figures_are_not_shared_between_scopes(client_for, board_user, officer_a,
                                                         outsider, province, dept_a):
    from awards.domain import ledger
    from awards.models import AwardType
    from tests.factories import PersonFactory

    ledger.record_award(None, award_type=AwardType.objects.get(code="giay_khen"),
                        year=TODAY.year - 1, decision_number="1/QĐ-UBND", decision_date=TODAY,
                        issuer="UBND tỉnh", person=PersonFactory(unit=dept_a))
    url = reverse("reports:dashboard")
    assert awards_of(client_for(board_user).get(url)) == 1
    response = client_for(outsider).get(url)
    assert (response.status_code, awards_of(response)) == (200, 0)


def _award_queries(client) -> tuple[int, dict]:
    from django.db import connection  # noqa: PLC0415 test-local
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 test-local

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("reports:dashboard"))
    return (sum('"awards_awardtotal"' in q["sql"] for q in ctx.captured_queries),
            response.context)


def test_the_dashboard_reads_the_totals_never_the_records(client_for, board_user, dept_a):
    """Issue 14.3: the award figures come from the totals kept on write, not a scan of the
    ledger per view."""
    from django.db import connection  # noqa: PLC0415 test-local
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 test-local

    from tests.factories import PersonFactory  # noqa: PLC0415 test-local

    award("bang_khen_tinh", dept_a, TODAY.year - 1, person=PersonFactory(unit=dept_a))

    client = client_for(board_user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("reports:dashboard"))
    sql = [q["sql"] for q in ctx.captured_queries]
    assert (sum('"awards_awardrecord"' in q for q in sql),
            sum('"awards_awardtotal"' in q for q in sql) > 0) == (0, True)
    assert awards_of(response) == 1


def test_a_proposal_step_recounts_the_proposals_but_not_the_ledger(
        client_for, board_user, officer_a, province, dept_a):
    client = client_for(board_user)
    first_reads, first = _award_queries(client)
    draft(officer_a, dept_a, province)  # audited: a new version of the rest
    reads, again = _award_queries(client)
    assert first_reads > 0
    assert (reads, awards_of_context(again)) == (0, awards_of_context(first))
    assert proposals_of(again) == proposals_of(first) + 1


def proposals_of(context) -> int:
    return sum(figures["total"] for _state, figures in context["by_state"])


def awards_of_context(context) -> int:
    return sum(sum(years.values()) for years in context["by_form"].values())


def test_records_written_in_bulk_are_counted_on_the_next_view(client_for, board_user, dept_a):
    from awards.domain import ledger  # noqa: PLC0415 test-local
    from awards.models import AwardType  # noqa: PLC0415 test-local
    from tests.factories import PersonFactory  # noqa: PLC0415 test-local

    client = client_for(board_user)
    before = awards_of(client.get(reverse("reports:dashboard")))
    giay_khen = AwardType.objects.get(code="giay_khen")
    ledger.record_awards([AwardRecord(  # the import's and the decision's path: no signal
        award_type=giay_khen, year=TODAY.year - 1, decision_number="2/QĐ-UBND",
        decision_date=TODAY, issuer="UBND tỉnh", person=person, unit=dept_a)
        for person in PersonFactory.create_batch(3, unit=dept_a)], ids=False)
    assert awards_of(client.get(reverse("reports:dashboard"))) == before + 3


def test_a_revocation_is_seen_on_the_next_view(client_for, board_user, admin_user, dept_a):
    from awards.domain import ledger  # noqa: PLC0415 test-local
    from awards.models import AwardType  # noqa: PLC0415 test-local
    from tests.factories import PersonFactory  # noqa: PLC0415 test-local

    entry = ledger.record_award(None, award_type=AwardType.objects.get(code="giay_khen"),
                                year=TODAY.year - 1, decision_number="1/QĐ-UBND",
                                decision_date=TODAY, issuer="UBND tỉnh",
                                person=PersonFactory(unit=dept_a))
    client = client_for(board_user)
    before = awards_of(client.get(reverse("reports:dashboard")))
    ledger.revoke_award(admin_user, entry, reason="Kết luận thanh tra", decision_number="3/QĐ-UBND",
                        decision_date=TODAY, decision_issuer="UBND tỉnh")
    assert awards_of(client.get(reverse("reports:dashboard"))) == before - 1


# ---------------------------------------------------------------- the page kept as HTML (s9 h5)

def _visit(province, school_a):
    from tests.emulation.helpers import make_visit  # noqa: PLC0415 test-local

    return make_visit(province, school_a, state="concluded")


TASK = "Bổ sung biên bản bình xét (h5)"


def test_an_overdue_task_set_after_a_view_shows_on_the_next(client_for, board_user, province,
                                                            school_a):
    """The overdue-tasks panel is in the cached HTML: a task set is audited, and the newest
    audit entry is in the page's key."""
    from tests.emulation.helpers import make_task  # noqa: PLC0415 test-local

    client = client_for(board_user)
    visit = _visit(province, school_a)
    assert TASK not in client.get(reverse("reports:dashboard")).text
    make_task(visit, school_a, deadline=PAST, description=TASK)
    assert TASK in client.get(reverse("reports:dashboard")).text


def test_an_overdue_task_reported_done_leaves_the_cached_panel(client_for, board_user, province,
                                                               school_a):
    from emulation.exemplars.domain import remediation  # noqa: PLC0415 test-local
    from tests.emulation.helpers import evidence_file, make_task  # noqa: PLC0415 test-local

    task = make_task(_visit(province, school_a), school_a, deadline=PAST, description=TASK)
    client = client_for(board_user)
    assert TASK in client.get(reverse("reports:dashboard")).text
    remediation.report_completion(task, actor=None, note="Đã bổ sung.", files=[evidence_file()])
    assert TASK not in client.get(reverse("reports:dashboard")).text


def test_the_cached_page_follows_the_language(client, client_for, board_user):
    from django.conf import settings  # noqa: PLC0415 test-local

    client_for(board_user)
    texts = []
    for language in ("vi", "en", "vi"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        texts.append(client.get(reverse("reports:dashboard")).text)
    assert [("Hồ sơ đề nghị theo bước" in t, "Proposals by step" in t) for t in texts] == [
        (True, False), (False, True), (True, False)]


def test_the_cached_labels_are_plain_strings(client_for, board_user, officer_a, province,
                                             dept_a, school_a):
    """Lazy labels in the cached page cost more to unpickle (a class built per label) than
    rendering the page did: they are translated before caching."""
    proposals(officer_a, dept_a, school_a, province)
    context = client_for(board_user).get(reverse("reports:dashboard")).context
    labels = ([label for label, _v in context["by_state"]] + context["movement_states"]
              + [label for label, _v in context["by_level"]])
    assert {type(label) for label in labels} == {str}


def test_a_warm_dashboard_reads_no_table(
        client_for, board_user, officer_a, province, dept_a, school_a):
    """The whole page from the cache: session, user and roles (the layout's), the figures'
    HTML and the versions that date them (the audit log's are bumped by its entries: session
    9 and h2 of session 10 read the newest entries' ids, one query)."""
    from django.db import connection  # noqa: PLC0415 test-local
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 test-local

    proposals(officer_a, dept_a, school_a, province)
    client = client_for(board_user)
    client.get(reverse("reports:dashboard"))  # warm-up: figures, page and the layout's roles
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("reports:dashboard")).status_code == 200
    assert page_sql(ctx.captured_queries) == []


# ------------------------------------------------ the page in three parts (session 10, h2)
# Each part is rendered from its own template only when its key changes: the templates a view
# renders say which parts were rebuilt and which were served from the cache.

PARTS = {"reports/includes/dashboard_awards.html": "awards",
         "reports/includes/dashboard_head.html": "proposals",
         "reports/includes/dashboard_tail.html": "emulation"}


def _rebuilt(response) -> set[str]:
    return {PARTS[t.name] for t in response.templates if t.name in PARTS}


def test_a_proposal_step_rebuilds_only_the_proposal_part(client_for, board_user, officer_a,
                                                         province, dept_a):
    """Under `make load` officers write several proposal entries a second: the award charts
    and the movements, rounds and tasks are served from the cache, the proposals counted."""
    proposal = draft(officer_a, dept_a, province)
    client = client_for(board_user)
    first = client.get(reverse("reports:dashboard"))
    withdraw(officer_a, proposal)
    again = client.get(reverse("reports:dashboard"))
    assert (_rebuilt(first), _rebuilt(again)) == ({"awards", "proposals", "emulation"},
                                                   {"proposals"})
    assert (withdrawn(first), withdrawn(again), awards_of(again)) == (0, 1, awards_of(first))


def test_dossier_uploads_leave_the_proposal_part_cached(client_for, board_user, officer_a,
                                                        province, dept_a):
    """Session 11 (h5): each officer's cycle under `make load` uploads three dossier files,
    which change no figure; the part was rebuilt after each. A withdrawn file neither."""
    from proposals.domain.dossier import withdraw_document  # noqa: PLC0415 test-local
    from tests.proposals.helpers import complete_dossier  # noqa: PLC0415 test-local

    proposal = draft(officer_a, dept_a, province)
    client = client_for(board_user)
    client.get(reverse("reports:dashboard"))
    complete_dossier(officer_a, proposal)
    uploaded = client.get(reverse("reports:dashboard"))
    withdraw_document(officer_a, proposal.documents.first(), reason="Nhầm tệp.")
    again = client.get(reverse("reports:dashboard"))
    assert (_rebuilt(uploaded), _rebuilt(again)) == (set(), set())


@pytest.mark.parametrize("code", sorted(QUIET_FOR_PROPOSAL_FIGURES))
def test_a_quiet_entry_leaves_the_proposal_part_cached(code, client_for, board_user, province):
    from audit.domain.record import record  # noqa: PLC0415 test-local

    client = client_for(board_user)
    client.get(reverse("reports:dashboard"))
    record(board_user, code, province, unit=province, object_type="proposals.proposal")
    assert _rebuilt(client.get(reverse("reports:dashboard"))) == set()


@pytest.mark.parametrize("code", ["proposals.proposal.update", "proposals.nominee.update",
                                  "proposals.session.close", "decisions.decision.issued"])
def test_an_entry_that_may_change_a_figure_recounts_the_proposals(code, client_for, board_user,
                                                                  province):
    """A new version of the part: the proposals counted again. This entry changed no figure
    (it was only recorded): the HTML of the same figures is reused, not rendered again."""
    from audit.domain.record import record  # noqa: PLC0415 test-local

    client = client_for(board_user)
    client.get(reverse("reports:dashboard"))
    record(board_user, code, province, unit=province, object_type="proposals.proposal")
    counted, response = _proposal_counts(client)
    assert (counted, _rebuilt(response)) == (1, set())


def _proposal_counts(client):
    """(How many queries count the proposals, the response) of one dashboard view."""
    counted, response = _proposal_reads(client)
    return counted["totals"], response


def _proposal_reads(client):
    """({"proposals": queries reading the proposals, "totals": their totals}, the response)
    of one dashboard view."""
    from django.db import connection  # noqa: PLC0415 test-local
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 test-local

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("reports:dashboard"))
    return {name: sum(f'"{table}"' in q["sql"] for q in ctx.captured_queries)
            for name, table in (("proposals", "proposals_proposal"),
                                ("totals", "proposals_proposaltotal"))}, response


def test_a_proposal_step_recounts_the_totals_not_the_proposals(client_for, board_user,
                                                               province, officer_a, dept_a):
    """After a step the figures are read from the proposals' totals (kept on write), never
    grouped from the proposals themselves, and show the step."""
    proposal = draft(officer_a, dept_a, province)
    client = client_for(board_user)
    client.get(reverse("reports:dashboard"))
    withdraw(officer_a, proposal)
    counted, response = _proposal_reads(client)
    assert (counted, withdrawn(response)) == ({"proposals": 0, "totals": 1}, 1)


def withdraw(officer, proposal):
    """A proposal step audited in the proposals app alone (the draft helper also writes a
    person, an entry outside it)."""
    from proposals.domain import workflow  # noqa: PLC0415 test-local

    workflow.withdraw(officer, proposal, reason="Đơn vị rút hồ sơ.")


def withdrawn(response) -> int:
    position = ProposalState.values.index(ProposalState.WITHDRAWN)  # by_state is in this order
    return response.context["by_state"][position][1]["total"]


def test_a_proposal_step_costs_one_query_over_a_warm_view(client_for, board_user, officer_a,
                                                          province, dept_a, school_a):
    """The proposals' one GROUP BY (state counts and backlogs together) of their totals, not
    of the proposals: nothing of the awards, movements, rounds or tasks is read again."""
    from django.db import connection  # noqa: PLC0415 test-local
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 test-local

    proposals(officer_a, dept_a, school_a, province)
    proposal = draft(officer_a, dept_a, province)
    client = client_for(board_user)
    client.get(reverse("reports:dashboard"))  # warm-up: figures, page and the layout's roles
    withdraw(officer_a, proposal)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("reports:dashboard")).status_code == 200
    tables = [sorted({t for t in ("audit_auditentry", "proposals_proposal", "proposals_nominee",
                                  "proposals_proposaltotal", "awards_awardtotal",
                                  "emulation_movement", "emulation_clusterround",
                                  "emulation_remediationtask")
                      if f'"{t}"' in sql or f" {t} " in sql})
              for sql in page_sql(ctx.captured_queries)]
    assert tables == [["proposals_proposaltotal"]]


def test_an_award_recorded_rebuilds_the_award_part(client_for, board_user, dept_a):
    from awards.domain import ledger  # noqa: PLC0415 test-local
    from awards.models import AwardType  # noqa: PLC0415 test-local
    from tests.factories import PersonFactory  # noqa: PLC0415 test-local

    client = client_for(board_user)
    first = client.get(reverse("reports:dashboard"))
    ledger.record_award(None, award_type=AwardType.objects.get(code="giay_khen"),
                        year=TODAY.year - 1, decision_number="1/QĐ-UBND", decision_date=TODAY,
                        issuer="UBND tỉnh", person=PersonFactory(unit=dept_a))
    again = client.get(reverse("reports:dashboard"))
    assert ("awards" in _rebuilt(again), awards_of(again)) == (True, awards_of(first) + 1)


def test_records_written_in_bulk_rebuild_the_award_part_alone(client_for, board_user, dept_a):
    """The import's path writes no audit entry: the ledger's version alone dates the cards."""
    from awards.domain import ledger  # noqa: PLC0415 test-local
    from awards.models import AwardType  # noqa: PLC0415 test-local
    from tests.factories import PersonFactory  # noqa: PLC0415 test-local

    people = PersonFactory.create_batch(2, unit=dept_a)
    client = client_for(board_user)
    first = client.get(reverse("reports:dashboard"))
    ledger.record_awards([AwardRecord(
        award_type=AwardType.objects.get(code="giay_khen"), year=TODAY.year - 1,
        decision_number="2/QĐ-UBND", decision_date=TODAY, issuer="UBND tỉnh", person=person,
        unit=dept_a) for person in people], ids=False)
    again = client.get(reverse("reports:dashboard"))
    assert (_rebuilt(again), awards_of(again)) == ({"awards"}, awards_of(first) + 2)


def test_a_task_written_rebuilds_the_emulation_part_not_the_awards(client_for, board_user,
                                                                  province, school_a):
    """A remediation task is audited outside the proposals app: the movements, rounds and
    tasks are rebuilt (the proposals, dated by every entry, counted again but not rendered:
    their figures are the same), not the award cards."""
    from tests.emulation.helpers import make_task  # noqa: PLC0415 test-local

    visit = _visit(province, school_a)
    client = client_for(board_user)
    client.get(reverse("reports:dashboard"))
    make_task(visit, school_a, deadline=PAST, description=TASK)
    counted, again = _proposal_counts(client)
    assert (counted, _rebuilt(again), TASK in again.text) == (1, {"emulation"}, True)


def test_a_registration_approved_shows_on_the_next_view(client_for, board_user, province,
                                                        dept_a, school_a):
    from emulation.movements.domain import registrations  # noqa: PLC0415 test-local
    from tests.emulation.movement_helpers import (  # noqa: PLC0415 test-local
        make_movement,
        make_registration,
    )

    movement = make_movement(province, [dept_a], state="launched")
    registration = make_registration(movement, school_a, state="submitted")
    client = client_for(board_user)
    url = f"{reverse('reports:dashboard')}?year=2025"
    before = client.get(url).context["movement_progress"]
    registrations.approve_registration(registration, actor=None)
    after = client.get(url).context["movement_progress"]
    assert [(r["submitted"], r["approved"]) for r in before + after] == [(1, 0), (0, 1)]


# ------------------------------------------- the proposal part after each write (session 13, hB)
# The part is also kept under its figures: a version whose figures were rendered before is
# counted (one query) but not rendered. The figures must stay exact after every kind of write.

def _expected_backlog():
    open_ = [p for p in Proposal.objects.all() if p.state not in FINAL_STATES]
    late = [p for p in open_ if p.due_on and p.due_on < TODAY]
    mothers = set(Nominee.objects.filter(award_type__code="ba_me_vnah")
                  .values_list("proposal_id", flat=True))
    return {"resistance": {"open": sum(p.track == "resistance" for p in open_),
                           "overdue": sum(p.track == "resistance" for p in late)},
            "heroic_mother": {"open": sum(p.pk in mothers for p in open_),
                              "overdue": sum(p.pk in mothers for p in late)}}


def _figures(context):
    return context["by_state"], context["backlog"]


def _expected_figures():
    names = dict(ProposalState.choices)
    return ([(names[s], v) for s, v in expected_state_counts().items()], _expected_backlog())


def test_the_proposal_figures_are_exact_after_every_step_of_an_officers_cycle(
        client_for, board_user, officer_a, province, dept_a, school_a):
    """As under `make load`: create, add a nominee, attach the dossier, submit —
    the page after each equals the figures counted one by one; a step that changes no figure
    (a nominee of an unwatched award, an upload) renders nothing."""
    from proposals.domain import nominees  # noqa: PLC0415 test-local
    from proposals.domain.proposals import create_proposal  # noqa: PLC0415 test-local
    from tests.proposals.helpers import (  # noqa: PLC0415 test-local
        complete_dossier,
        eligible_person,
    )

    proposals(officer_a, dept_a, school_a, province)
    person = eligible_person(dept_a)
    client = client_for(board_user)
    client.get(reverse("reports:dashboard"))
    seen = []

    def viewed(step):
        response = client.get(reverse("reports:dashboard"))
        assert _figures(response.context) == _expected_figures(), step
        seen.append((step, _rebuilt(response)))

    proposal = create_proposal(officer_a, unit=dept_a, title="Đề nghị", recipient_unit=dept_a,
                               authority_level="unit", track="annual", year=2025)
    viewed("created")
    nominees.add_nominee(officer_a, proposal, award_type=AwardType.objects.get(code="giay_khen"),
                         summary="Hoàn thành xuất sắc nhiệm vụ.", person=person)
    viewed("nominee")
    complete_dossier(officer_a, proposal)
    viewed("dossier")
    workflow.submit(officer_a, proposal)
    viewed("submitted")
    assert seen == [("created", {"proposals"}), ("nominee", set()), ("dossier", set()),
                    ("submitted", {"proposals"})]


def test_a_heroic_mother_nominee_added_shows_in_the_backlog(client_for, board_user, officer_a,
                                                           province, dept_a):
    """The one nominee the figures count: a Heroic Mother nomination joins the backlog."""
    from proposals.domain import nominees  # noqa: PLC0415 test-local
    from tests.proposals.helpers import eligible_person  # noqa: PLC0415 test-local

    proposal = draft(officer_a, dept_a, province, people=0)
    person = eligible_person(dept_a)
    client = client_for(board_user)
    before = client.get(reverse("reports:dashboard"))
    nominees.add_nominee(officer_a, proposal, award_type=AwardType.objects.get(code="ba_me_vnah"),
                         summary="Mẹ Việt Nam anh hùng.", person=person)
    after = client.get(reverse("reports:dashboard"))
    assert ([r.context["backlog"]["heroic_mother"] for r in (before, after)], _rebuilt(after),
            _figures(after.context)) == ([{"open": 0, "overdue": 0}, {"open": 1, "overdue": 0}],
                                         {"proposals"}, _expected_figures())


def test_figures_seen_before_are_shown_from_their_html(client_for, board_user, officer_a,
                                                       province, dept_a):
    """Back to figures rendered before (a draft withdrawn, then put back): counted, not
    rendered, and the page is the one those figures gave — in each language its own."""
    from audit.domain.record import record  # noqa: PLC0415 test-local

    proposal = draft(officer_a, dept_a, province)
    client = client_for(board_user)
    first = {lang: _in(client, lang) for lang in ("vi", "en")}
    withdraw(officer_a, proposal)
    changed = _in(client, "en")
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.DRAFT)
    record(officer_a, "proposals.proposal.update", proposal, unit=dept_a,
           object_type="proposals.proposal")
    again = {lang: _in(client, lang) for lang in ("vi", "en")}
    assert _rebuilt(changed) == {"proposals"}
    assert [_rebuilt(r) for r in again.values()] == [set(), set()]
    assert [_head(again[lang]) for lang in ("vi", "en")] == [_head(first[lang])
                                                             for lang in ("vi", "en")]
    assert _head(again["vi"]) != _head(again["en"])
    assert _head(changed) != _head(first["en"])


def _in(client, language):
    client.cookies["django_language"] = language
    return client.get(reverse("reports:dashboard"))


def _head(response) -> str:
    return response.context["head_html"]


def test_equal_figures_of_another_unit_do_not_share_its_heading(client_for, board_user,
                                                                province, dept_a, dept_b):
    """The HTML kept under its figures names the page's unit: two units with the same
    (here: no) proposals each show their own name."""
    client = client_for(board_user)
    pages = [client.get(f"{reverse('reports:dashboard')}?unit={unit.code}")
             for unit in (dept_a, dept_b)]
    assert [unit.name in _head(page) for page in pages for unit in (dept_a, dept_b)] == [
        True, False, False, True]
