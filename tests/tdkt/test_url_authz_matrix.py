"""Authorisation matrix of the back office: every URL of the resolver, requested by each persona.

Every URL name must be in one of: MATRIX (below: objects of unit A, expected status per persona),
one of the apps' own access matrices (COVERED_BY, whose tables are imported here), or PUBLIC
(the portal, verification, sign-in: reachable anonymously). A new URL without an entry fails
`test_every_url_has_an_entry`.

Personas: system admin, board staff of the province, officer of unit A, officer of unit B,
council member, anonymous. Every object belongs to unit A (DEPT_A): the officer of unit B gets
404 on each of them, never 403 (existence is not revealed) — and a POST from them changes
nothing and writes no audit row. Anonymous requests are sent to the sign-in page, except on
PUBLIC pages.
"""

import datetime
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.domain.tokens import create_token
from audit.models import AuditEntry
from awards.domain.ledger import record_award
from awards.models import AwardType, GrantingAuthority, LegalValue
from decisions.models import Certificate
from imports.models import ImportJob
from notifications.models import Notification
from proposals.domain import consultation, council, workflow
from proposals.models import DossierDocument
from reports.models import FilingVersion
from tests.claims import test_views as claims_matrix
from tests.decisions.helpers import draft_for, issued
from tests.emulation.conftest import cluster, new_round, year_set  # noqa: F401 (fixtures)
from tests.emulation.exemplars.views import test_exemplars as test_exemplar_views
from tests.emulation.exemplars.views import test_inspections as test_inspection_views
from tests.emulation.exemplars.views import test_replications as test_replication_views
from tests.emulation.initiatives.views import test_initiatives as test_initiative_views
from tests.emulation.movements.views import test_movements as test_movement_views
from tests.emulation.movements.views import test_results as test_result_views
from tests.factories import CollectiveFactory, PersonFactory
from tests.organisations.views import test_access_matrix as organisations_matrix
from tests.proposals.helpers import appraised, submitted

PERSONAS = ("admin", "board", "officer_a", "officer_b", "council", "anonymous")
FIXTURE_OF = {"admin": "admin_user", "board": "board_user", "officer_a": "officer_a",
              "officer_b": "outsider", "council": "council_user"}
LOGIN = "login"  # expected: a redirect to the sign-in page

# Names whose persona matrix lives in the app's own test module (same personas, same rule:
# out of scope → 404); imported so that this registry knows them.
COVERED_BY = {
    name if ":" in name else f"emulation:{name}": module.__name__
    for module in (organisations_matrix, test_exemplar_views, test_initiative_views,
                   test_inspection_views, test_movement_views, test_result_views,
                   test_replication_views, claims_matrix)
    for name, *_rest in module.VIEWS
}

# Reachable without signing in.
PUBLIC = {
    "core:healthz", "accounts:login", "accounts:login_code", "accounts:logout", "set_language",
    "portal:home", "portal:verify", "portal:verify_code", "portal:exemplar_list",
    "portal:exemplar_detail", "portal:consultation", "portal:decision_list",
    "portal:decision_detail", "portal:decision_feed", "portal:claim_lookup",
    "portal:decision_pdf",
    "portal:credential_download", "portal:did_document", "portal:status_list",
}


def row(admin, board, officer_a, officer_b, council, anonymous=LOGIN):
    return dict(zip(PERSONAS, (admin, board, officer_a, officer_b, council, anonymous),
                    strict=True))


@pytest.fixture
def world(province, dept_a, school_a, dept_b, officer_a, board_user, approver_user, admin_user,
          outsider, council_user, new_round, cluster, year_set, tmp_path,  # noqa: F811
          settings):
    """Unit A's records, one of each kind a URL names, made by the domain functions."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    decision = issued(officer_a, board_user, approver_user, dept_a)
    decided = decision.proposals.get()
    person = PersonFactory(unit=dept_a, full_name="Trần Thị Bình")
    record = record_award(None, award_type=AwardType.objects.get(code="ldtt"), year=2024,
                          decision_number="9/QĐ", decision_date=datetime.date(2025, 1, 5),
                          issuer="Sở", issuer_unit=dept_a, person=person)
    draft_proposal = _draft(officer_a, dept_a)
    appraising = submitted(officer_a, dept_a, dept_a)
    workflow.assign_appraisers(board_user, appraising, [board_user])
    consulting = submitted(officer_a, dept_a, dept_a)
    workflow.assign_appraisers(board_user, consulting, [board_user])
    window = consultation.open_consultation(board_user, consulting,
                                            starts_on=datetime.date(2026, 11, 23))
    comment = consultation.leave_comment(window, author_name="Trần Văn Dân", contact="0912",
                                         body="Ý kiến", address="10.0.0.1",
                                         today=datetime.date(2026, 11, 24))
    session = council.create_session(board_user, unit=province, title="Phiên họp",
                                     held_at=timezone.make_aware(datetime.datetime(2026, 12, 1)),
                                     place="Tuyên Quang", total_members=3)
    council.put_on_agenda(board_user, session, appraised(officer_a, board_user, dept_a, dept_a))
    draft_decision = draft_for(board_user, [appraised(officer_a, board_user, dept_a, dept_a)],
                               dept_a)
    token, _raw = create_token(officer_a, name="matrix")
    report = _report_request(dept_a, school_a)
    subscription = _subscription(admin_user)
    return {
        "criteria_set": [year_set.public_id], "criterion": [year_set.public_id, "1.1"],
        "criterion_move": [year_set.public_id, "1.1", "down"],
        "report": [report.public_id],
        "filing": [report.filings.get().public_id],
        "filing_version": [FilingVersion.objects.get(filing__request=report).public_id],
        "export": [_export_job(officer_a).public_id], "unit_year": ["SO-A", 2025],
        "screening": [_screening_run(officer_a).public_id],
        "screenshot": ["dashboard.png"],
        "year": [2026], "day": [datetime.date(2026, 1, 1)], "token": [token.public_id],
        "username": ["officer_a"],
        "assignment": ["officer_a", officer_a.role_assignments.get().public_id],
        "cluster": [cluster.code], "award": ["giay_khen"], "record": [record.public_id],
        "law_key": ["base_salary"],
        "law_value": [LegalValue.objects.get(key="base_salary", valid_to__isnull=True).pk],
        "authority": [GrantingAuthority.objects.filter(valid_to__isnull=True)
                      .first().public_id],
        "person": [person.public_id],
        "collective": [CollectiveFactory(unit=dept_a).public_id],
        "plan": [_plan(dept_a).public_id, "docx"], "round": [new_round.public_id],
        "round_action": [new_round.public_id, "open_voting"],
        "rescore_request": [_rescore_request(new_round, officer_a).public_id],
        "job": [_job(officer_a, tmp_path).public_id], "template": ["people"],
        "draft": [draft_proposal.public_id], "appraising": [appraising.public_id],
        "decided": [decided.public_id], "consulting": [consulting.public_id],
        "nominee": [appraising.nominees.get().public_id],
        "finding": [_finding(appraising.nominees.get(), board_user).public_id],
        "document": [DossierDocument.objects.filter(proposal=decided).first().public_id],
        "comment": [comment.public_id], "session": [session.public_id],
        "minutes": [session.public_id, "docx"], "decision": [decision.public_id],
        "draft_decision": [draft_decision.public_id], "decision_file": [decision.public_id, "docx"],
        "item": [decision.items.get().public_id],
        "register": ["SO-A", decision.year, decision.symbol],
        "notification": [_notification(officer_a).public_id],
        "certificate": [Certificate.objects.get(item__decision=decision).code],
        "subscription": [subscription.public_id],
        "delivery": [subscription.public_id],  # POST only: the id is never looked up
    }


def _finding(nominee, board):
    """A recorded finding on the appraising nominee (its Giấy khen has no track the appraisal
    decides, so the row is made directly: the page only looks it up)."""
    from proposals.models import AppraisalFinding

    return AppraisalFinding.objects.create(nominee=nominee, code="bang_khen_tinh.b",
                                           citation="Luật TĐKT 2022, Điều 74 khoản 1 điểm b",
                                           evidence_text="Bằng khen của Bộ", recorded_by=board)


def _subscription(admin):
    from decisions.domain.webhooks import subscribe

    return subscribe(admin, name="CSDL cán bộ", url="https://hr.example.vn/h", kinds=[])[0]


def _draft(officer, unit):
    from tests.proposals.helpers import draft

    return draft(officer, unit, unit)


def _report_request(dept_a, school_a):
    """Unit A asks its school for a report; the school has filed it."""
    from tests.reports.reporting_helpers import file_at, make_request

    report = make_request(dept_a, [dept_a])
    file_at(report, school_a, timezone.now())
    return report


def _export_job(user):
    from reports.interfaces.export_jobs import request_export

    return request_export(user, "ledger", "csv", {}, "Sổ khen thưởng")


def _screening_run(user):
    from awards.domain.screening_runs import request_screening  # noqa: PLC0415 as _export_job

    return request_screening(user, "ldtt", 2025)


def _plan(unit):
    from tests.emulation.movement_helpers import make_plan

    return make_plan(unit)


def _rescore_request(cluster_round, requester):
    """A request row as the head's page would file it (the domain needs a scoring round; the
    world's round stays a draft for the pact page)."""
    from emulation.movements.models import RescoreRequest

    member = cluster_round.cluster.memberships.order_by("unit__code").first().unit
    return RescoreRequest.objects.create(
        round=cluster_round, unit=member, points=30, reason="Bổ sung minh chứng",
        criterion=cluster_round.criteria_set.criteria.get(code="1.1"), requested_by=requester)


def _job(user, tmp_path) -> ImportJob:
    from tests.imports.helpers import PEOPLE_HEADER, person_row, upload, write_xlsx

    return upload(user, "people", write_xlsx(tmp_path / "people.xlsx", PEOPLE_HEADER,
                                             [person_row()]))


def _notification(user) -> Notification:
    from notifications.domain.notify import notify

    return notify([user], verb="test", title="Thông báo", body="", url="/", email=False)[0]


def persona_client(request, client, persona):
    client.cookies["django_language"] = "en"
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(FIXTURE_OF[persona]))
    return client


def outcome(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def url_names() -> set[str]:
    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                yield from walk(pattern, f"{namespace}:{inner}".strip(":") if inner else namespace)
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return {name for name in walk(get_resolver()) if not name.startswith("api-v1:")}


# GET of each URL (with KEYS' object of unit A) → status per persona. 405: the URL takes POST
# only (the POST tests below cover the outsider and anonymous); 302 on an action: the page
# sends an allowed user back to the object; 404 for own-only objects (tokens, notifications,
# import jobs) requested by anyone else.
MATRIX = {
    "accounts:password_change": row(200, 200, 200, 200, 200, LOGIN),
    "accounts:role_revoke": row(302, 403, 403, 403, 403, LOGIN),
    "accounts:security": row(200, 200, 200, 200, 200, LOGIN),
    "accounts:token_list": row(200, 200, 200, 200, 200, LOGIN),
    "accounts:token_revoke": row(404, 404, 302, 404, 404, LOGIN),
    "accounts:two_factor_disable": row(405, 405, 405, 405, 405, LOGIN),
    "accounts:two_factor_enrol": row(200, 200, 200, 200, 200, LOGIN),
    "accounts:two_factor_qr": row(200, 200, 200, 200, 200, LOGIN),
    "accounts:two_factor_reset": row(405, 403, 403, 403, 403, LOGIN),
    "accounts:user_detail": row(200, 403, 403, 403, 403, LOGIN),
    "accounts:user_password_reset": row(405, 403, 403, 403, 403, LOGIN),
    "awards:authorities": row(200, 200, 200, 200, 200, LOGIN),
    "awards:authority_add": row(200, 403, 403, 403, 403, LOGIN),
    "awards:authority_end": row(200, 403, 403, 403, 403, LOGIN),
    "awards:catalogue": row(200, 200, 200, 200, 200, LOGIN),
    "awards:early_raise": row(200, 200, 200, 200, 200, LOGIN),
    "awards:law": row(200, 200, 200, 200, 200, LOGIN),
    "awards:law_add": row(200, 403, 403, 403, 403, LOGIN),
    "awards:law_edit": row(200, 403, 403, 403, 403, LOGIN),
    "awards:collective_profile": row(200, 200, 200, 404, 200, LOGIN),
    "awards:discipline_add": row(200, 200, 200, 404, 403, LOGIN),
    "awards:forecast": row(200, 200, 200, 200, 200, LOGIN),
    "awards:ledger": row(200, 200, 200, 200, 200, LOGIN),
    "awards:parameter_add": row(200, 403, 403, 403, 403, LOGIN),
    "awards:pending_add": row(200, 200, 200, 404, 403, LOGIN),
    "awards:person_profile": row(200, 200, 200, 404, 200, LOGIN),
    "awards:qualify": row(200, 200, 200, 200, 200, LOGIN),
    "awards:screening_runs": row(200, 200, 200, 200, 200, LOGIN),
    "awards:screening_run": row(404, 404, 200, 404, 404, LOGIN),
    "awards:screening_progress": row(404, 404, 200, 404, 404, LOGIN),
    "awards:record_add": row(200, 200, 200, 404, 403, LOGIN),
    # Only the granting authority's staff (unit A's board, admin) revoke; its officer is told
    # who may (awards.domain.authority).
    "awards:record_revoke": row(200, 200, 403, 404, 403, LOGIN),
    "awards:record_correct": row(200, 200, 403, 404, 403, LOGIN),
    "core:holiday_add": row(200, 200, 403, 403, 403, LOGIN),
    "core:holiday_deactivate": row(200, 200, 403, 403, 403, LOGIN),
    "core:holiday_list": row(200, 200, 200, 200, 200, LOGIN),
    "core:holiday_year": row(200, 200, 200, 200, 200, LOGIN),
    # The user guide and its screenshots: every signed-in user.
    "guide": row(200, 200, 200, 200, 200, LOGIN),
    "guide_image": row(200, 200, 200, 200, 200, LOGIN),
    "decisions:cancel": row(200, 200, 403, 404, 403, LOGIN),
    "decisions:certificates": row(200, 200, 200, 404, 200, LOGIN),
    "decisions:detail": row(200, 200, 200, 404, 200, LOGIN),
    "decisions:draft": row(200, 200, 403, 403, 403, LOGIN),
    "decisions:file": row(200, 200, 200, 404, 200, LOGIN),
    "decisions:issue": row(200, 403, 403, 404, 403, LOGIN),
    "decisions:item_certificate": row(200, 200, 200, 404, 200, LOGIN),
    "decisions:item_correct": row(200, 200, 403, 404, 403, LOGIN),
    "decisions:item_revoke": row(200, 200, 403, 404, 403, LOGIN),
    "decisions:list": row(200, 200, 200, 200, 200, LOGIN),
    # The document desk's register: the desk, signers and the board of the issuer read it.
    "decisions:register": row(200, 200, 403, 403, 403, LOGIN),
    "decisions:register_book": row(200, 200, 403, 403, 403, LOGIN),
    # The signed copy is uploaded by the signer or the desk (tests/decisions/test_signing.py).
    "decisions:sign": row(200, 403, 403, 404, 403, LOGIN),
    # Outbound exchange: the system administrator's screen (retry is POST only).
    "decisions:webhook_list": row(200, 403, 403, 403, 403, LOGIN),
    "decisions:webhook_add": row(200, 403, 403, 403, 403, LOGIN),
    "decisions:webhook_deactivate": row(200, 403, 403, 403, 403, LOGIN),
    "decisions:delivery_retry": row(405, 405, 405, 405, 405, LOGIN),
    "emulation:criteria_copy": row(200, 200, 403, 403, 403, LOGIN),
    "emulation:plan_download": row(200, 200, 200, 404, 404, LOGIN),
    "emulation:round_create": row(200, 200, 403, 403, 403, LOGIN),
    "emulation:round_detail": row(200, 200, 200, 404, 404, LOGIN),
    "emulation:round_list": row(200, 200, 200, 200, 403, LOGIN),
    "emulation:round_minutes": row(200, 200, 200, 404, 404, LOGIN),
    "emulation:round_pact": row(200, 200, 403, 404, 404, LOGIN),
    "emulation:round_rescore": row(403, 403, 403, 404, 404, LOGIN),
    # A request on the (draft) round of the world: nobody decides it until the round scores;
    # officer A reads the round (a member), officer B does not learn it exists.
    "emulation:rescore_request_decide": row(403, 403, 403, 404, 404, LOGIN),
    "emulation:round_score": row(403, 403, 403, 404, 404, LOGIN),
    "emulation:round_self_assess": row(403, 403, 403, 404, 404, LOGIN),
    "emulation:round_transition": row(403, 403, 403, 404, 404, LOGIN),  # the round is new
    "emulation:round_vote": row(403, 403, 403, 404, 404, LOGIN),
    "imports:job_cancel": row(405, 405, 405, 405, 405, LOGIN),
    "imports:job_commit": row(405, 405, 405, 405, 405, LOGIN),
    "imports:job_create": row(200, 200, 200, 200, 403, LOGIN),
    "imports:job_detail": row(200, 404, 200, 404, 404, LOGIN),
    "imports:job_list": row(200, 200, 200, 200, 403, LOGIN),
    "imports:job_progress": row(200, 404, 200, 404, 404, LOGIN),
    "imports:template": row(200, 200, 200, 200, 403, LOGIN),
    "notifications:list": row(200, 200, 200, 200, 200, LOGIN),
    "notifications:mark_all_read": row(405, 405, 405, 405, 405, LOGIN),
    "notifications:open": row(404, 404, 302, 404, 404, LOGIN),
    "organisations:cluster_add_member": row(302, 302, 403, 403, 403, LOGIN),
    "organisations:cluster_leadership": row(302, 302, 403, 403, 403, LOGIN),
    "organisations:cluster_start_year": row(302, 302, 403, 403, 403, LOGIN),
    "proposals:assign": row(200, 200, 403, 404, 403, LOGIN),
    "proposals:ballot": row(403, 403, 404, 404, 404, LOGIN),
    "proposals:check": row(405, 405, 405, 405, 405, LOGIN),
    "proposals:consolidate": row(200, 200, 200, 200, 403, LOGIN),
    "proposals:consult": row(200, 200, 403, 404, 403, LOGIN),
    "proposals:consult_close": row(200, 200, 403, 404, 403, LOGIN),
    "proposals:create": row(200, 200, 200, 200, 403, LOGIN),
    "proposals:detail": row(200, 200, 200, 404, 200, LOGIN),
    "proposals:document": row(200, 200, 200, 404, 200, LOGIN),
    "proposals:document_add": row(200, 200, 200, 404, 404, LOGIN),
    "proposals:dossier": row(200, 200, 200, 404, 404, LOGIN),
    "proposals:document_withdraw": row(403, 403, 403, 404, 403, LOGIN),
    "proposals:edit": row(200, 200, 200, 404, 404, LOGIN),
    "proposals:finish": row(200, 200, 403, 404, 403, LOGIN),
    "proposals:forward": row(200, 200, 403, 404, 403, LOGIN),
    "proposals:higher_decision": row(403, 403, 403, 404, 403, LOGIN),
    "proposals:inbox": row(200, 200, 403, 403, 403, LOGIN),
    "proposals:list": row(200, 200, 200, 200, 200, LOGIN),
    "proposals:minutes": row(302, 302, 404, 404, 404, LOGIN),
    "proposals:nominee_add": row(200, 200, 200, 404, 404, LOGIN),
    "proposals:nominee_drop": row(403, 403, 403, 404, 403, LOGIN),
    "proposals:nominee_edit": row(403, 403, 403, 404, 403, LOGIN),
    "proposals:nominee_initiatives": row(403, 403, 403, 404, 403, LOGIN),
    "proposals:opinion": row(200, 200, 403, 404, 403, LOGIN),
    "proposals:nominee_appraisal": row(200, 200, 200, 404, 200, LOGIN),
    "proposals:finding_record": row(200, 200, 403, 404, 403, LOGIN),
    "proposals:finding_withdraw": row(200, 200, 403, 404, 403, LOGIN),
    "proposals:reject": row(200, 200, 403, 404, 403, LOGIN),
    "proposals:report": row(403, 403, 403, 404, 403, LOGIN),
    "proposals:resolve": row(200, 200, 403, 404, 403, LOGIN),
    "proposals:return": row(200, 200, 403, 404, 403, LOGIN),
    "proposals:session_agenda": row(200, 200, 404, 404, 404, LOGIN),
    "proposals:session_close": row(200, 200, 404, 404, 404, LOGIN),
    "proposals:session_create": row(200, 200, 403, 403, 403, LOGIN),
    "proposals:session_detail": row(200, 200, 404, 404, 404, LOGIN),
    "proposals:session_list": row(200, 200, 403, 403, 200, LOGIN),
    "proposals:session_open": row(200, 200, 404, 404, 404, LOGIN),
    "proposals:session_seat": row(200, 200, 404, 404, 404, LOGIN),
    "proposals:submit": row(200, 200, 200, 404, 404, LOGIN),
    "proposals:withdraw": row(200, 200, 200, 404, 404, LOGIN),
    "reports:dashboard": row(200, 200, 200, 200, 403, LOGIN),
    "reports:fairness": row(200, 200, 200, 200, 403, LOGIN),
    # Criteria sets: admin and board staff edit them (cluster heads a year's set); moving is
    # POST only. Report requests: the requesting side (unit A) issues, closes, cancels and
    # returns; the board extends; the target unit files (already filed here: refused); an
    # issued request can no longer be edited or issued. Exports: the owner's alone.
    "decisions:bundle": row(200, 200, 403, 404, 403, LOGIN),
    "emulation:criteria_set_detail": row(200, 200, 403, 403, 403, LOGIN),
    "emulation:criteria_set_list": row(200, 200, 403, 403, 403, LOGIN),
    "emulation:criterion_add": row(200, 200, 403, 403, 403, LOGIN),
    "emulation:criterion_edit": row(200, 200, 403, 403, 403, LOGIN),
    "emulation:criterion_move": row(405, 405, 405, 405, 405, LOGIN),
    "emulation:criterion_retire": row(200, 200, 403, 403, 403, LOGIN),
    "emulation:thresholds_edit": row(200, 200, 403, 403, 403, LOGIN),
    "reports:export_detail": row(404, 404, 200, 404, 404, LOGIN),
    "reports:export_download": row(404, 404, 404, 404, 404, LOGIN),
    "reports:export_list": row(200, 200, 200, 200, 200, LOGIN),
    "reports:export_progress": row(404, 404, 200, 404, 404, LOGIN),
    "reports:filing_extend": row(200, 200, 403, 404, 404, LOGIN),
    "reports:filing_file": row(403, 403, 403, 404, 404, LOGIN),
    "reports:filing_return": row(200, 200, 200, 404, 404, LOGIN),
    "reports:filing_version": row(200, 200, 200, 404, 404, LOGIN),
    "reports:form_background": row(405, 405, 405, 405, 405, LOGIN),
    "reports:forms": row(200, 200, 200, 200, 403, LOGIN),
    "reports:ledger_background": row(405, 405, 405, 405, 405, LOGIN),
    "reports:overdue": row(200, 200, 200, 200, 403, LOGIN),
    "reports:request_cancel": row(200, 200, 200, 404, 404, LOGIN),
    "reports:request_close": row(200, 200, 200, 404, 404, LOGIN),
    "reports:request_create": row(200, 200, 200, 200, 403, LOGIN),
    "reports:request_detail": row(200, 200, 200, 404, 404, LOGIN),
    "reports:request_edit": row(403, 403, 403, 404, 404, LOGIN),
    "reports:request_guidance": row(404, 404, 404, 404, 404, LOGIN),
    "reports:request_issue": row(403, 403, 403, 404, 404, LOGIN),
    "reports:request_list": row(200, 200, 200, 200, 403, LOGIN),
    "reports:timeliness": row(200, 200, 200, 200, 403, LOGIN),
    "reports:unit_timeliness": row(200, 200, 200, 404, 403, LOGIN),
}


def test_every_url_has_an_entry():
    missing = url_names() - set(MATRIX) - set(COVERED_BY) - PUBLIC
    assert missing == set()
    assert set(MATRIX) & (set(COVERED_BY) | PUBLIC) == set()
    assert set(KEYS) <= url_names()


def url_of(name, world) -> str:
    key = KEYS.get(name)
    return reverse(name, args=world[key] if key else [])


def test_get_by_persona(request, client, world):
    """One world for every persona (building it is the slow part): GET each URL as each."""
    actual, expected = {}, {}
    for persona in PERSONAS:
        browser = persona_client(request, client, persona)
        for name, statuses in MATRIX.items():
            actual[persona, name] = outcome(browser.get(url_of(name, world)))
            expected[persona, name] = statuses[persona]
        browser.logout()
    assert actual == expected


# Keys naming an object of unit A (or one owned by officer A): the outsider's POST must be a
# 404 and change nothing.
A_OBJECTS = {"token", "record", "person", "collective", "plan", "round", "round_action", "job",
             "rescore_request",
             "draft", "appraising", "decided", "consulting", "nominee", "document", "comment",
             "session", "minutes", "decision", "draft_decision", "decision_file", "item",
             "notification", "report", "filing", "filing_version", "export"}


def test_outsider_writes_nothing_and_anonymous_signs_in(client, world, outsider):
    """Officer B's POSTs to unit A's objects: 404, no audit row. Anonymous GET and POST of
    every non-public URL: sent to sign in. Public pages answer anonymous callers."""
    client.force_login(outsider)
    names = sorted(name for name in MATRIX if KEYS.get(name) in A_OBJECTS)
    before = AuditEntry.objects.count()
    actual = {name: client.post(url_of(name, world), {"reason": "x", "note": "x"}).status_code
              for name in names}
    assert actual == dict.fromkeys(names, 404)
    assert AuditEntry.objects.count() == before
    client.logout()
    _anonymous_everywhere(client, world)
    _public_pages(client, world)


def _anonymous_everywhere(client, world):
    names = sorted(url_names() - PUBLIC)
    for method in (client.get, client.post):
        actual = {name: outcome(method(_any_url(name, world))) for name in names}
        assert actual == dict.fromkeys(names, LOGIN)


def _any_url(name, world) -> str:
    """Real objects where this module knows them, random ones for the apps' own matrices
    (an anonymous request must be turned away before any lookup)."""
    if name in KEYS or name in MATRIX:
        return url_of(name, world)
    pattern = _pattern_of(name)
    return reverse(name, args=[_placeholder(c) for c in pattern.converters.values()])


def _pattern_of(name):
    namespace, _sep, short = name.rpartition(":")
    resolver = get_resolver()
    for part in filter(None, namespace.split(":")):
        resolver = resolver.namespace_dict[part][1]
    return next(p.pattern for p in resolver.url_patterns
                if isinstance(p, URLPattern) and p.name == short)


def _placeholder(converter):
    samples = {"UUIDConverter": uuid.uuid4(), "IntConverter": 2025, "SlugConverter": "x",
               "StringConverter": "X"}
    return samples.get(type(converter).__name__, datetime.date(2025, 1, 1))


def _public_pages(client, world):
    pages = {"portal:home": [], "portal:verify": [], "portal:exemplar_list": [],
             "portal:claim_lookup": [],
             "portal:verify_code": world["certificate"], "core:healthz": [],
             "portal:credential_download": world["certificate"],
             "portal:did_document": ["SO-A"], "portal:status_list": ["SO-A", "revocation"],
             "accounts:login": []}
    actual = {name: client.get(reverse(name, args=args)).status_code
              for name, args in pages.items()}
    assert actual == dict.fromkeys(pages, 200)


KEYS = {
    "core:holiday_year": "year", "core:holiday_deactivate": "day",
    "guide_image": "screenshot",
    "accounts:token_revoke": "token", "accounts:user_detail": "username",
    "accounts:user_password_reset": "username", "accounts:two_factor_reset": "username",
    "accounts:role_revoke": "assignment",
    "organisations:cluster_add_member": "cluster", "organisations:cluster_leadership": "cluster",
    "organisations:cluster_start_year": "cluster",
    "awards:parameter_add": "award", "awards:record_revoke": "record",
    "awards:authority_end": "authority", "awards:law_add": "law_key",
    "awards:law_edit": "law_value",
    "awards:record_correct": "record",
    "awards:record_add": "person", "awards:discipline_add": "person",
    "awards:pending_add": "person", "awards:person_profile": "person",
    "awards:collective_profile": "collective", "emulation:plan_download": "plan",
    "emulation:round_detail": "round", "emulation:round_pact": "round",
    "emulation:round_score": "round", "emulation:round_rescore": "round",
    "emulation:round_self_assess": "round",
    "emulation:round_vote": "round", "emulation:round_minutes": "round",
    "emulation:rescore_request_decide": "rescore_request",
    "emulation:round_transition": "round_action",
    "imports:template": "template", "imports:job_detail": "job", "imports:job_progress": "job",
    "imports:job_commit": "job", "imports:job_cancel": "job",
    "proposals:detail": "decided", "proposals:edit": "draft", "proposals:nominee_add": "draft",
    "proposals:check": "draft", "proposals:submit": "draft", "proposals:withdraw": "draft",
    "proposals:document_add": "draft", "proposals:dossier": "draft",
    "proposals:assign": "appraising",
    "proposals:return": "appraising", "proposals:finish": "appraising",
    "proposals:forward": "appraising", "proposals:reject": "appraising",
    "proposals:higher_decision": "appraising", "proposals:consult": "appraising",
    "proposals:consult_close": "consulting", "proposals:nominee_edit": "nominee",
    "proposals:nominee_drop": "nominee", "proposals:nominee_initiatives": "nominee",
    "proposals:opinion": "nominee", "proposals:report": "nominee",
    "proposals:nominee_appraisal": "nominee", "proposals:finding_record": "nominee",
    "proposals:finding_withdraw": "finding",
    "proposals:document": "document", "proposals:document_withdraw": "document",
    "proposals:resolve": "comment", "proposals:session_detail": "session",
    "proposals:session_seat": "session", "proposals:session_agenda": "session",
    "proposals:session_open": "session", "proposals:session_close": "session",
    "proposals:ballot": "session", "proposals:minutes": "minutes",
    "decisions:detail": "decision", "decisions:issue": "draft_decision",
    "decisions:cancel": "draft_decision", "decisions:file": "decision_file",
    "decisions:certificates": "decision", "decisions:item_correct": "item",
    "decisions:item_certificate": "item",
    "decisions:item_revoke": "item", "notifications:open": "notification",
    "portal:verify_code": "certificate", "portal:consultation": "consulting",
    "decisions:bundle": "decision", "decisions:sign": "decision",
    "decisions:register_book": "register",
    "decisions:webhook_deactivate": "subscription", "decisions:delivery_retry": "delivery",
    "emulation:criteria_set_detail": "criteria_set", "emulation:criterion_add": "criteria_set",
    "emulation:thresholds_edit": "criteria_set", "emulation:criterion_edit": "criterion",
    "emulation:criterion_retire": "criterion", "emulation:criterion_move": "criterion_move",
    "reports:request_detail": "report", "reports:request_edit": "report",
    "reports:request_issue": "report", "reports:request_close": "report",
    "reports:request_cancel": "report", "reports:request_guidance": "report",
    "reports:filing_file": "filing", "reports:filing_return": "filing",
    "reports:filing_extend": "filing", "reports:filing_version": "filing_version",
    "reports:export_detail": "export", "reports:export_progress": "export",
    "reports:export_download": "export", "reports:unit_timeliness": "unit_year",
    "awards:screening_run": "screening", "awards:screening_progress": "screening",
}
