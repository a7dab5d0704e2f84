"""Claims pages requested by every persona, and the flows through them. Claims hold family and
martyr records: only the commune's officers and the board read them; everyone else gets 404 on
a claim (existence not revealed) and 403 on the lists."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from claims.enums import ClaimKind, ClaimState
from claims.models import Claim
from tests.claims.helpers import at_stage, pdf, register
from tests.persona_matrix import persona_test

ANYWHERE = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 200,
            "council_user": 403, "approver_user": 403}
IN_SCOPE = {"admin_user": 200, "board_user": 200, "officer_a": 200, "outsider": 404,
            "council_user": 404, "approver_user": 404}
BOARD = IN_SCOPE | {"officer_a": 403}


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def world(officer_a, dept_a, dept_b, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    registered = register(officer_a, dept_a)
    from claims.domain import steps

    item = steps.add_evidence(officer_a, registered, kind="identity", title="CCCD",
                              dated=datetime.date(2026, 1, 2), uploaded=pdf())
    verifying = at_stage(officer_a, dept_a, ClaimState.VERIFYING)
    verified = at_stage(officer_a, dept_a, ClaimState.VERIFIED)
    mother = at_stage(officer_a, dept_a, ClaimState.REGISTERED, kind=ClaimKind.HEROIC_MOTHER)
    return {"registered": [registered.public_id], "verifying": [verifying.public_id],
            "verified": [verified.public_id], "mother": [mother.public_id],
            "file": [registered.public_id, item.public_id],
            "step_verify": [registered.public_id, "verify"],
            "step_refuse": [verifying.public_id, "refuse"]}


# (URL name, world key or None, expected status per persona)
VIEWS = [
    ("claims:list", None, ANYWHERE),
    ("claims:create", None, ANYWHERE),
    ("claims:dashboard", None, ANYWHERE),
    ("claims:detail", "registered", IN_SCOPE),
    ("claims:evidence_add", "registered", IN_SCOPE),
    ("claims:evidence_file", "file", IN_SCOPE),
    ("claims:evidence_withdraw", "file", IN_SCOPE),
    ("claims:family_add", "mother", IN_SCOPE),
    ("claims:check_add", "verifying", IN_SCOPE),
    ("claims:step", "step_verify", IN_SCOPE),
    ("claims:step", "step_refuse", BOARD),
    ("claims:letter", "verifying", IN_SCOPE),
    ("claims:propose", "verified", IN_SCOPE),
]


def url_of(name, key, world):
    return reverse(name) if key is None else reverse(name, args=world[key])


test_view_answers_each_persona = persona_test(
    VIEWS, url=url_of, ids=[f"{v[0]}-{v[1]}" for v in VIEWS])


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(reverse("claims:detail", args=world["registered"]))
    assert (response.status_code, response["Location"].startswith(reverse("accounts:login"))) \
        == (302, True)


def test_outsider_post_changes_nothing(client, world, outsider):
    client.force_login(outsider)
    before = AuditEntry.objects.count()
    response = client.post(reverse("claims:step", args=world["step_verify"]), {"reason": "x"})
    assert (response.status_code, AuditEntry.objects.count()) == (404, before)
    assert Claim.objects.get(public_id=world["registered"][0]).state == ClaimState.REGISTERED


def test_reading_a_claim_is_audited(client, world, board_user):
    client.force_login(board_user)
    client.get(reverse("claims:detail", args=world["registered"]))
    entry = AuditEntry.objects.get(action="claims.claim.read")
    assert (entry.actor, entry.object_id) == (board_user, str(world["registered"][0]))


def test_officer_registers_a_claim(client, officer_a, dept_a):
    client.force_login(officer_a)
    response = client.post(reverse("claims:create"), {
        "kind": "resistance", "unit": dept_a.pk, "registered_on": "2026-03-01",
        "claimant_name": "Phạm Văn Du", "claimant_birth_year": "1940",
        "claimant_address": "Xóm Chùa", "applicant_relation": "self", "period": "america",
        "service_role": "youth_volunteer", "service_from": "1966", "service_to": "1970",
        "originals_kept_at": "UBND xã"})
    claim = Claim.objects.get(claimant_name="Phạm Văn Du")
    assert (response.status_code, response["Location"]) == (
        302, reverse("claims:detail", args=[claim.public_id]))


def test_step_through_the_page(client, officer_a, world):
    client.force_login(officer_a)
    response = client.post(reverse("claims:step", args=world["step_verify"]))
    claim = Claim.objects.get(public_id=world["registered"][0])
    assert (response.status_code, claim.state) == (302, ClaimState.VERIFYING)


def test_refusal_without_reason_stays_on_the_form(client, board_user, world):
    client.force_login(board_user)
    response = client.post(reverse("claims:step", args=world["step_refuse"]), {"reason": ""})
    assert (response.status_code, Claim.objects.get(
        public_id=world["verifying"][0]).state) == (200, ClaimState.VERIFYING)
    assert "Give a reason." in response.content.decode()


def test_letter_lists_what_is_missing(client, officer_a, world):
    import io

    from docx import Document

    client.force_login(officer_a)
    response = client.get(reverse("claims:letter", args=world["verifying"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "- Party membership record" in text
    assert "THÔNG BÁO" in text


def test_list_export_is_scoped(client, outsider, world):
    client.force_login(outsider)
    response = client.get(reverse("claims:list") + "?export=csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1  # the header alone: the outsider's commune has no claims


def test_dashboard_counts_by_stage(client, board_user, world, dept_a):
    client.force_login(board_user)
    response = client.get(reverse("claims:dashboard"))
    table = response.context["table"]
    assert [(r.unit_code, r.open) for r in table.rows] == [(dept_a.code, 4)]
    assert dict(zip([v for v, _l in table.states], table.total.counts, strict=True)) == {
        "registered": 2, "waiting_evidence": 0, "verifying": 1, "verified": 1, "proposed": 0,
        "decided": 0, "refused": 0, "withdrawn": 0}


def test_portal_lookup_shows_only_stage_and_next_step(client, world):
    claim = Claim.objects.get(public_id=world["verifying"][0])
    response = client.get(reverse("portal:claim_lookup"), {"code": claim.code.lower()})
    body = response.content.decode()
    assert (response.status_code, "Verifying" in body, claim.claimant_name in body) == (
        200, True, False)


def test_portal_lookup_is_rate_limited(client, world, settings):
    settings.TDKT_CLAIM_LOOKUP_RATE = 2
    from django.core.cache import cache

    cache.clear()
    statuses = [client.get(reverse("portal:claim_lookup"), {"code": "HS2026-XXXX"}).status_code
                for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_portal_lookup_limits_each_client_behind_the_proxy(client, world, settings):
    """Behind nginx every request comes from 127.0.0.1: the limit follows the address nginx
    appended to X-Forwarded-For, not the proxy's (nor a forged first entry)."""
    settings.TDKT_CLAIM_LOOKUP_RATE = 1
    from django.core.cache import cache

    cache.clear()

    def lookup(forwarded):
        return client.get(reverse("portal:claim_lookup"), {"code": "HS2026-XXXX"},
                          REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [lookup("203.0.113.7"), lookup("198.51.100.9"), lookup("1.1.1.1, 203.0.113.7")] == [
        200, 200, 429]


def test_list_query_count_does_not_grow(client, board_user, officer_a, dept_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        register(officer_a, dept_a)
    client.force_login(board_user)
    client.get(reverse("claims:list"))  # warm the session and scope caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("claims:list"))
    for _ in range(20):
        register(officer_a, dept_a)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("claims:list"))
    assert (len(many), len(response.context["page"].object_list)) == (len(few), 23)


def test_wrong_evidence_is_withdrawn_not_deleted(client, officer_a, world):
    from claims.models import ClaimEvidence

    client.force_login(officer_a)
    response = client.post(reverse("claims:evidence_withdraw", args=world["file"]),
                           {"reason": "Nhầm hồ sơ"})
    item = ClaimEvidence.objects.get(public_id=world["file"][1])
    assert (response.status_code, item.withdrawn, item.withdrawn_reason) == (
        302, True, "Nhầm hồ sơ")


def test_propose_suggests_the_award_of_the_verdict(client, officer_a, dept_a):
    from awards.models import AwardType

    mother = at_stage(officer_a, dept_a, ClaimState.VERIFIED, kind=ClaimKind.HEROIC_MOTHER)
    client.force_login(officer_a)
    form = client.get(reverse("claims:propose", args=[mother.public_id])).context["form"]
    assert form.initial["award_type"] == AwardType.objects.get(code="ba_me_vnah").pk


def test_nav_shows_the_backlog_to_handlers_only(client, officer_a, council_user):
    client.force_login(officer_a)
    assert "Wartime backlog" in [i["label"] for i in client.get("/").context["nav_items"]]
    client.force_login(council_user)
    assert "Wartime backlog" not in [i["label"] for i in client.get("/").context["nav_items"]]
